# ruff: noqa: E501  (documents written out on one line, as a layout prints them)
"""Layout rules learnt from first-sight round F and the pending layouts (issue 15, session 9).

Each test writes a small invented Danish document the way one layout writes it and
checks what `to_contract` makes of it; property tests run a rule over a family of
inputs (any footer text, any page count, any follow-up field).
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from medref.documents import BulletList, ListItem, Paragraph
from medref.documents.serialize import to_contract
from medref.importers import parse_bytes
from medref.importers.blocks import RawBlock
from medref.importers.clean import clean_blocks
from medref.importers.text import text_blocks

HEAD = "Referat\nFagMED Sundhed\nDato: 4. marts 2025\n\n"


def parse(text: str, fmt: str = "txt") -> dict[str, Any]:
    return to_contract(parse_bytes(text.encode(), fmt, path="t." + fmt))


def texts(doc: dict[str, Any]) -> str:
    return "\n".join(s["text"] for i in doc["items"] for s in i["sections"])


def paged(pages: list[str], footer: str, header: str | None) -> str:
    """Pages with a footer and "Side N af M" at the foot, and a running header from page 2."""
    out = []
    for number, page in enumerate(pages, start=1):
        if number > 1 and header is not None:
            out.append(header + "\n\n")
        out.append(page + f"\n\n{footer}\nSide {number} af {len(pages)}\n")
    return "".join(out)


# --- page furniture ---------------------------------------------------------------


PAGES = [
    HEAD + "1. Godkendelse af dagsorden\nReferat:\nGodkendt.\n2. Budget\nReferat:\nBudgettet blev",
    "drøftet grundigt.\n3. Sygefravær\nReferat:\nFraværet",
    "faldt.\n4. Eventuelt\nReferat:\nIntet.",
]


@settings(max_examples=30, deadline=None)
@given(
    town=st.sampled_from(["Skovbjerg", "Egeby", "Nørre Lund"]),
    street=st.sampled_from(["Torvet 1", "Rådhusvej 12", "Bygaden 4"]),
)
def test_a_footer_above_the_page_number_and_a_dated_header_from_page_two_are_furniture(
    town: str, street: str
) -> None:
    footer = f"{town} Kommune · Sundhed · {street} · www.{town.lower().replace(' ', '')}.dk"
    header = "Referat – FagMED Sundhed – 4. marts 2025"  # twice: page 1 has the title instead
    doc = parse(paged(PAGES, footer, header))
    assert [i["number"] for i in doc["items"]] == [1, 2, 3, 4]
    assert town not in texts(doc)
    assert "Referat –" not in texts(doc)
    assert [s["heading"] for s in doc["items"][1]["sections"]] == ["Referat:"]


def test_an_absence_line_above_each_page_number_is_not_a_footer() -> None:
    pages = [
        HEAD + "1. Dagsorden\nBeslutning\nGodkendt.\n\nAfbud: Erik Mørk",
        "2. Budget\nBeslutning\nGodkendt.\n\nAfbud: Erik Mørk",
        "3. Eventuelt\nBeslutning\nIntet.",
    ]
    text = "".join(f"{p}\n\nSide {n}\n\n" for n, p in enumerate(pages, start=1))
    doc = parse(text)
    assert doc["absent"] == ["Erik Mørk"]


def test_a_letterheads_side_column_at_a_pages_foot_is_furniture() -> None:
    text = (
        HEAD + "1. Dagsorden\nBeslutning: Godkendt.\n\n"
        "2. Sygefravær\nSagsfremstilling: Fraværet faldt.\nBilag: Statistik 3. kvartal\n"
        "BØRN OG KULTUR\nSekretariatet\nEgeby Kommune\nRådhusvej 1\n4800 Egeby\nT 43 50 10 00\n"
        "www.egeby.dk\n\nSide 2 af 2\n\nNøgletal pr. område\nBeslutning: Taget til orientering.\n"
    )
    item = parse(text)["items"][1]
    assert item["attachments"] == ["Statistik 3. kvartal", "Nøgletal pr. område"]


def test_a_repeated_table_header_row_after_a_page_break_is_furniture() -> None:
    text = (
        "DK-7700 Nordby\n\nReferat af HMU-møde\nTorsdag den 7. december 2017, kl. 12.00-15.30\n\n"
        "Dagsorden:\n\nReferat:\n\nSagsb.\n\n1. Valg af ordstyrer\n\nAnne blev valgt.\n\nHL\n\n"
        "2. Økonomi\n\nForbruget blev gennemgået.\n\nJAP\n\n1\n\nDK-7700 Nordby\n\n"
        "Dagsorden:\n\nReferat:\n\nSagsb.\n\nPause\n\n3. Eventuelt\n\nIntet.\n\n2\n"
    )
    doc = parse(text)
    assert [i["number"] for i in doc["items"]] == [1, 2, 3]
    assert [s["heading"] for s in doc["items"][1]["sections"]] == [""]
    assert "Nordby" not in texts(doc) and "Sagsb." not in texts(doc)


def test_a_page_number_in_word_is_left_to_the_furniture_pass() -> None:
    """The Word front end used to drop "Side 2 af 3" itself, so the furniture pass could
    not see where pages end; the page lines reach clean_blocks and go there."""
    blocks = [
        RawBlock(1, Paragraph("Forbruget blev"), ("Forbruget blev",)),
        RawBlock(2, Paragraph("Side 1 af 2"), ("Side 1 af 2",)),
        RawBlock(3, Paragraph("gennemgået."), ("gennemgået.",)),
    ]
    assert [b.text for b in clean_blocks(blocks)] == ["Forbruget blev", "gennemgået."]


# --- items ------------------------------------------------------------------------


def test_a_date_a_narrow_cell_wrapped_to_a_lines_start_is_no_list_entry() -> None:
    blocks = text_blocks("3. Godkendelse af referat fra mødet den\n14. september 2017 (5 min.)\n")
    assert isinstance(blocks[0].block, BulletList)
    assert len(blocks[0].block.items) == 1
    assert blocks[1].text == "14. september 2017 (5 min.)"


def test_a_title_cut_by_a_narrow_cell_is_joined_with_its_end() -> None:
    text = (
        HEAD + "1. Valg af ordstyrer (lederrepræsentant) (2\nmin.)\n\nAnne blev valgt.\n\n"
        "2. Godkendelse af referat fra mødet den\n14. september 2017\n\nGodkendt.\n"
    )
    assert [i["title"] for i in parse(text)["items"]] == [
        "Valg af ordstyrer (lederrepræsentant) (2 min.)",
        "Godkendelse af referat fra mødet den 14. september 2017",
    ]


def test_fold_toggles_and_headings_inside_one_entry_lists_are_headings() -> None:
    """A page that keeps each item in a list element, printed or saved as Word."""
    toggle = BulletList((ListItem("1 Budget", (ListItem("Sagsfremstilling"),)),))
    bilag = BulletList((ListItem("Bilag", (ListItem("Notat"),)),))
    blocks = [
        RawBlock(1, toggle, ("- 1 Budget",)),
        RawBlock(3, Paragraph("Tal."), ("Tal.",)),
        RawBlock(4, bilag, ("- Bilag",)),
        RawBlock(6, BulletList((ListItem("Ikke en overskrift"),)), ("- Ikke en overskrift",)),
    ]
    cleaned = clean_blocks(blocks)
    assert [(type(b.block).__name__, b.text) for b in cleaned[:4]] == [
        ("Paragraph", "1 Budget"),
        ("Heading", "Sagsfremstilling"),
        ("Paragraph", "Tal."),
        ("Heading", "Bilag"),
    ]
    assert isinstance(cleaned[4].block, BulletList)
    assert isinstance(cleaned[5].block, BulletList)  # an ordinary one-entry list stays


def test_a_minutes_table_with_a_pause_row_is_read_as_items() -> None:
    text = (
        HEAD + "| Punkt | Emne | Tid | Referat |\n|---|---|---|---|\n"
        "| 1 | Dagsorden | 18.30 | Godkendt. |\n| PAUSE | | 19.30 | |\n"
        "| 2 | Budget | 19.45 | Drøftet. |\n"
    )
    doc = parse(text, "md")
    assert [(i["number"], i["title"]) for i in doc["items"]] == [(1, "Dagsorden"), (2, "Budget")]
    assert "PAUSE" in texts(doc)


# --- sections ---------------------------------------------------------------------


@settings(max_examples=20, deadline=None)
@given(
    field=st.sampled_from(["Ansvarlig", "Tovholder", "Frist", "Opfølgning"]),
    who=st.sampled_from(["MK", "Lone Bech", "MK/ABL"]),
)
def test_a_follow_up_field_under_a_decision_is_a_section_of_its_own(field: str, who: str) -> None:
    text = (
        HEAD
        + f"1. Budget\nReferat:\nBudgettet blev godkendt.\n{field}: {who}\n\n2. Eventuelt\nReferat:\nIntet.\n"
    )
    sections = parse(text)["items"][0]["sections"]
    assert [(s["kind"], s["heading"], s["text"]) for s in sections] == [
        ("beslutning", "Referat:", "Budgettet blev godkendt."),
        ("andet", f"{field}:", who),
    ]


def test_template_fields_before_the_first_section_stay_the_items_text() -> None:
    text = (
        HEAD
        + "1. Budget\nTid: 14.00 – 14.05\nAnsvarlig: Lone Bech\n\nBudgettet forelægges.\nReferat:\nGodkendt.\n2. Eventuelt\nReferat:\nIntet.\n"
    )
    sections = parse(text)["items"][0]["sections"]
    assert sections[0]["heading"] == ""
    assert "Ansvarlig: Lone Bech" in sections[0]["text"]


def test_bilag_lines_one_after_another_are_one_bilag_list() -> None:
    text = (
        HEAD
        + "1. Budget\nBilag: Notat om budget\nBilag: Udtalelse fra LokalMED\nReferat:\nGodkendt.\n2. Eventuelt\nReferat:\nIntet.\n"
    )
    item = parse(text)["items"][0]
    assert [s["kind"] for s in item["sections"]] == ["bilag", "beslutning"]
    assert item["attachments"] == ["Notat om budget", "Udtalelse fra LokalMED"]


@settings(max_examples=20, deadline=None)
@given(
    clauses=st.lists(
        st.sampled_from(["udvalget godkender planen", "sagen genoptages", "status gives i maj"]),
        min_size=1,
        max_size=3,
        unique=True,
    )
)
def test_bullets_under_a_lead_ending_in_at_each_go_on_from_it(clauses: list[str]) -> None:
    bullets = "".join(f"- {c}\n" for c in clauses)
    text = (
        HEAD
        + f"1. Budget\nIndstilling\nDirektøren indstiller, at\n{bullets}\nBeslutning\nGodkendt.\n"
    )
    recommendation = parse(text)["items"][0]["recommendation"]
    assert recommendation == {"proposer": "Direktøren", "clauses": [f"at {c}" for c in clauses]}


# --- attendance -------------------------------------------------------------------


def test_x_var_fravaerende_under_every_item_is_each_items_and_the_meetings() -> None:
    body = "".join(
        f"{n}. Sag {n}\nBeslutning\nGodkendt.\n\nGitte Mørup var fraværende.\n\n" for n in (1, 2, 3)
    )
    doc = parse(HEAD + body)
    assert [i["absent"] for i in doc["items"]] == [["Gitte Mørup"]] * 3
    assert doc["absent"] == ["Gitte Mørup"]


def test_x_var_fravaerende_under_one_later_item_is_that_items_only() -> None:
    body = "1. Dagsorden\nBeslutning\nGodkendt.\n\n2. Budget\nBeslutning\nGodkendt.\n\nOle Vig var fraværende.\n"
    doc = parse(HEAD + body)
    assert [i["absent"] for i in doc["items"]] == [[], ["Ole Vig"]]
    assert doc["absent"] == []


def test_the_first_items_absence_note_is_the_meetings_and_its_own_when_later_items_note_absences() -> (
    None
):
    lone = parse(
        HEAD
        + "1. Dagsorden\nFraværende:\nOle Vig\nBeslutning\nGodkendt.\n\n2. Budget\nBeslutning\nGodkendt.\n"
    )
    assert lone["absent"] == ["Ole Vig"]
    assert [i["absent"] for i in lone["items"]] == [[], []]
    every = parse(
        HEAD + "1. Dagsorden\nBeslutning\nGodkendt.\nFraværende:\nOle Vig\n\n"
        "2. Budget\nBeslutning\nGodkendt.\nFraværende:\nOle Vig\n"
    )
    assert every["absent"] == ["Ole Vig"]
    assert [i["absent"] for i in every["items"]] == [["Ole Vig"], ["Ole Vig"]]


def test_a_participant_list_wrapped_inside_a_name_with_a_bracket_after_it() -> None:
    text = (
        "Referat\nHoved-MED-udvalget\nMødedato: 11-09-2025\n"
        "Deltagere: Anders Bech (formand), Mette Skou (FOA), Jonas\n"
        "Krog (direktør, Børn og Unge), Helle Dam (direktør), Rikke Lind (HR-chef),\n"
        "Bo Thygesen (BUPL)\n\n1. Dagsorden\nBeslutning\nGodkendt.\n"
    )
    participants = parse(text)["participants"]
    assert [p["name"] for p in participants] == [
        "Anders Bech", "Mette Skou", "Jonas Krog", "Helle Dam", "Rikke Lind", "Bo Thygesen",
    ]  # fmt: skip
    assert participants[2]["title"] == "direktør, Børn og Unge"


def test_a_pages_last_updated_stamp_is_furniture() -> None:
    text = HEAD + "1. Dagsorden\nBeslutning\nGodkendt.\n\nSidst opdateret: 14.09.2016\n"
    assert texts(parse(text)) == "Godkendt."
