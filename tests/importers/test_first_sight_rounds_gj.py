# ruff: noqa: E501  (documents written out on one line, as a layout prints them)
"""Layout rules learnt from the blind rounds G, H, I and J (issue 15, session 9).

Each test writes a small invented Danish document the way one layout writes it and
checks what `to_contract` makes of it; property tests run a rule over a family of
inputs (any name, any label, any number).
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from medref.documents.serialize import to_contract
from medref.importers import parse_bytes
from medref.importers.markdown import markdown_blocks

HEAD = "Referat\nHovedudvalget\nDato: 4. marts 2025\n\n"
NAMES = st.sampled_from(["Mette Skov", "Jonas Vang", "Birgit Lynggaard", "Ole Brink", "Lise Holm"])


def parse(text: str, fmt: str = "txt") -> dict[str, Any]:
    return to_contract(parse_bytes(text.encode(), fmt, path="t." + fmt))


def texts(doc: dict[str, Any]) -> str:
    return "\n".join(s["text"] for i in doc["items"] for s in i["sections"])


# --- items --------------------------------------------------------------------------


def test_the_contents_last_line_run_into_the_first_heading_is_split() -> None:
    text = (
        HEAD + "PUNKTER\n\n1. Temadrøftelse om ældre\n2. Eventuelt1. Temadrøftelse om ældre\n\n"
        "Beslutning\n\nDrøftet.\n\n2. Eventuelt\n\nBeslutning\n\nIntet.\n"
    )
    assert [(i["number"], i["title"]) for i in parse(text)["items"]] == [
        (1, "Temadrøftelse om ældre"),
        (2, "Eventuelt"),
    ]


@pytest.mark.parametrize("word", ["Punkt", "Pkt.", "Sag"])
def test_a_number_with_its_item_word_alone_above_the_title(word: str) -> None:
    body = "".join(
        f"{word} {n}.\n\n{title}\n\nBeslutning\n\nGodkendt.\n\n"
        for n, title in ((1, "Godkendelse af dagsorden"), (2, "Sygefravær"), (3, "Eventuelt"))
    )
    contents = (
        "Punkt 1. Godkendelse af dagsorden 3\nPunkt 2. Sygefravær 3\nPunkt 3. Eventuelt 4\n\n"
    )
    doc = parse(HEAD + contents + body)
    assert [(i["number"], i["title"]) for i in doc["items"]] == [
        (1, "Godkendelse af dagsorden"),
        (2, "Sygefravær"),
        (3, "Eventuelt"),
    ]


def test_a_numbered_note_that_ends_as_a_sentence_is_no_late_item() -> None:
    text = (
        HEAD
        + "14. Høring\n\nBeslutning\n\n1. Rådet afgiver høringssvar.\n\n2. Anna Riis skriver udkast.\n\n"
        "15. Eventuelt\n\nBeslutning\n\nIntet.\n"
    )
    assert [i["number"] for i in parse(text)["items"]] == [14, 15]


def test_ad_notes_in_a_decision_are_no_items() -> None:
    text = (
        HEAD
        + "1. Budget\n\nBeslutning\n\nAd 1. Taget til efterretning.\n\nAd 2. Drøftet.\n\n2. Eventuelt\n\nBeslutning\n\nIntet.\n"
    )
    assert [i["title"] for i in parse(text)["items"]] == ["Budget", "Eventuelt"]


def test_word_headings_whose_numbers_pandoc_dropped_take_the_contents_numbers() -> None:
    text = (
        "# Referat\n\nDato: 4. marts 2025\n\n**Dagsorden**\n\n1.  Godkendelse af dagsorden\n\n"
        "2.  Sygefravær\n\n3.  Eventuelt\n\n# Godkendelse af dagsorden\n\n## Referat\n\nGodkendt.\n\n"
        "# Sygefravær\n\n## Referat\n\nDrøftet.\n\n# Eventuelt\n\n## Referat\n\nIntet.\n"
    )
    assert [(i["number"], i["title"]) for i in parse(text, "md")["items"]] == [
        (1, "Godkendelse af dagsorden"),
        (2, "Sygefravær"),
        (3, "Eventuelt"),
    ]


def test_a_title_printed_again_under_its_heading_is_not_its_wrapped_end() -> None:
    text = (
        HEAD + "2. Udmøntning af puljen til opsporende hjemmebesøg i 2024 og 2025\n\n"
        "Udmøntning af puljen til opsporende hjemmebesøg i 2024 og 2025\nINDSTILLING\n\n"
        "Administrationen indstiller, at puljen fordeles.\n\n3. Eventuelt\n\nBeslutning\n\nIntet.\n"
    )
    assert (
        parse(text)["items"][0]["title"]
        == "Udmøntning af puljen til opsporende hjemmebesøg i 2024 og 2025"
    )


# --- furniture ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Kopier link til punktet  -   Print",
        "Print punkt",
        "Hent dagsordenen som PDF",
        "Du er her: [Forside](/) › [Politik](/politik) › [Referater](/referater)",
        "Søg på vesterlund.dk",
        "[Gå direkte til indhold](#content)",
        "Sidst opdateret: 14.09.2016",
        "Følg os på LinkedIn",
    ],
)
def test_portal_furniture_is_in_no_section(line: str) -> None:
    text = (
        HEAD
        + f"1. Budget\n\nBeslutning\n\nGodkendt.\n\n{line}\n\n2. Eventuelt\n\nBeslutning\n\nIntet.\n"
    )
    assert texts(parse(text)) == "Godkendt.\nIntet."


def test_a_line_after_bare_page_numbers_each_time_is_a_running_header() -> None:
    page = "UDVALGET FOR KULTUR, DEN 09-10-2007"
    text = (
        HEAD
        + "1. Budget\n\nBeslutning\n\nGodkendt.\n\n1\n\n"
        + page
        + "\n\n2. Skoler\n\nBeslutning\n\n"
        "Drøftet.\n\n2\n\n" + page + "\n\n3. Eventuelt\n\nBeslutning\n\nIntet.\n\n3\n"
    )
    assert texts(parse(text)) == "Godkendt.\nDrøftet.\nIntet."


def test_a_site_footer_with_its_name_lines_above_its_contact_lines() -> None:
    footer = "Kontakt\n\nEgelund Kommune\n\nTorvet 2\n\n6999 Egelund\n\nTelefon 70 00 00 00\n\npost@egelund.dk\n"
    text = (
        HEAD
        + "1. Budget\n\nBeslutning\n\nGodkendt.\n\n2. Eventuelt\n\nBeslutning\n\nIntet.\n\n"
        + footer
    )
    assert texts(parse(text)).endswith("Intet.")


def test_the_documents_bilag_list_after_the_last_item_is_not_its_bilag() -> None:
    text = (
        HEAD + "1. Budget\n\nBeslutning\n\nGodkendt.\n\n2. Eventuelt\n\nBeslutning\n\nIntet.\n\n"
        "Bilagsliste\n\n1. Budget\nNotat om budget\n"
    )
    assert parse(text)["items"][1]["attachments"] == []


def test_a_section_heading_glued_after_a_full_stop_is_a_heading() -> None:
    text = (
        HEAD
        + "1. Budget\n\nIndstilling\nDirektionen indstiller, at budgettet godkendes.Beslutning\n\nGodkendt.\n\n2. Eventuelt\n\nBeslutning\n\nIntet.\n"
    )
    sections = parse(text)["items"][0]["sections"]
    assert [(s["kind"], s["text"]) for s in sections][-1] == ("beslutning", "Godkendt.")


# --- tables -------------------------------------------------------------------------


def test_one_item_kept_as_a_table_of_labels_and_texts() -> None:
    text = (
        "# Referat\n\nDato: 4. marts 2025\n\n| **Punkt 1** | **Budget** |\n|---|---|\n"
        "| **Sagsnr.** | 25/04418 |\n| **Formål** | Beslutning |\n| **Referat** | Godkendt. |\n\n"
        "| **Punkt 2** | **Eventuelt** |\n|---|---|\n| **Referat** | Intet. |\n"
    )
    item = parse(text, "md")["items"][0]
    assert (item["number"], item["title"], item["case_number"]) == (1, "Budget", "25/04418")
    assert [(s["kind"], s["heading"], s["text"]) for s in item["sections"]] == [
        ("andet", "Formål", "Beslutning"),
        ("beslutning", "Referat", "Godkendt."),
    ]


def test_pandoc_multiline_tables_and_metadata_are_read() -> None:
    text = (
        "---\nsubtitle: FagMED Børn og Unge\ntitle: Referat\n---\n\n"
        "  --------------- ----------------------------\n"
        "  **Mødedato**    Tirsdag den 3. juni 2025\n\n"
        "  **Tidspunkt**   Kl. 13.00--15.30\n"
        "  --------------- ----------------------------\n\n"
        "# 1. Budget\n\nGodkendt.\n\n# 2. Eventuelt\n\nIntet.\n"
    )
    doc = parse(text, "md")
    assert (doc["committee"], doc["meeting_date"], doc["start_time"], doc["end_time"]) == (
        "FagMED Børn og Unge",
        "2025-06-03",
        "13:00",
        "15:30",
    )
    tables = [b for b in markdown_blocks(text) if type(b.block).__name__ == "Table"]
    assert len(tables) == 1 and len(tables[0].block.rows) == 2  # type: ignore[attr-defined]


def test_a_member_table_with_boxes_to_tick() -> None:
    text = (
        "Referat\nAfdelingsMED Lindely\nMødedato: 12. marts 2025\n\nDeltagere\n"
        "Navn Funktion Til stede Afbud\nLene Krogh Centerleder (formand) ☒ ☐\n"
        "Ida Lund Afdelingsleder ☐ ☒\nKarin Sø Sygeplejerske, suppleant for Ida Lund ☒ ☐\n\n"
        "1. Dagsorden\nReferat:\nGodkendt.\n\n2. Eventuelt\nReferat:\nIntet.\n"
    )
    doc = parse(text)
    assert [p["name"] for p in doc["participants"]] == ["Lene Krogh", "Ida Lund", "Karin Sø"]
    assert (doc["present"], doc["absent"], doc["substitutes"]) == (
        ["Lene Krogh"],
        ["Ida Lund"],
        ["Karin Sø"],
    )


# --- header -------------------------------------------------------------------------


def test_labels_stacked_above_their_values() -> None:
    text = (
        "MØDESTED:\nMØDEDATO:\n\nKulturcenter Fjordhøj, lokale 3\n09-10-2007\n\nREFERAT\n\n"
        "MØDETIDSPUNKT:\nMØDET HÆVET:\n\nUdvalget for Kultur\n16.00\n18.35\n\n"
        "1. Budget\nBeslutning\nGodkendt.\n\n2. Eventuelt\nBeslutning\nIntet.\n"
    )
    doc = parse(text)
    assert (doc["location"], doc["meeting_date"], doc["start_time"], doc["end_time"]) == (
        "Kulturcenter Fjordhøj, lokale 3",
        "2007-10-09",
        "16:00",
        "18:35",
    )
    assert doc["committee"] == "Udvalget for Kultur"


@pytest.mark.parametrize(
    ("title", "committee"),
    [
        ("SeniorRådsmøde nr. 187", "Seniorrådet"),
        ("Byrådet's møde", "Byrådet"),
        (
            "Udvalget for Social- og Specialområdet - Region Eksempel",
            "Udvalget for Social- og Specialområdet",
        ),
    ],
)
def test_the_committee_from_the_ways_a_title_names_its_meeting(title: str, committee: str) -> None:
    from medref.importers.header_title import clean_committee

    assert clean_committee(title) == committee


# --- attendance ---------------------------------------------------------------------


@settings(max_examples=20, deadline=None)
@given(away=NAMES, stand_in=NAMES)
def test_a_substitution_noted_under_every_open_item_is_each_items(away: str, stand_in: str) -> None:
    if away == stand_in:
        return
    note = f"Fravær og stedfortræder: {away} (V) fraværende. {stand_in} (V) deltog som stedfortræder for {away}."
    body = "".join(f"{n}. Sag {n}\n\nBeslutning\n\nGodkendt.\n\n{note}\n\n" for n in (1, 2, 3))
    doc = parse(HEAD + body)
    assert [(i["absent"], i["substitutes"]) for i in doc["items"]] == [([away], [stand_in])] * 3
    assert (doc["absent"], doc["substitutes"]) == ([away], [stand_in])
    assert "Fravær" not in texts(doc)


def test_a_substitution_noted_once_is_the_meetings_only() -> None:
    text = (
        HEAD
        + "1. Dagsorden\n\nBeslutning\n\nGodkendt.\n\n2. Budget\n\nBeslutning\n\nGodkendt.\n\nOle Vang deltog som suppleant for Lise Holm.\n"
    )
    doc = parse(text)
    assert doc["substitutes"] == ["Ole Vang"] and doc["absent"] == ["Lise Holm"]
    assert [i["substitutes"] for i in doc["items"]] == [[], []]


@settings(max_examples=20, deadline=None)
@given(name=NAMES)
def test_afbud_under_every_later_item_is_each_items_and_the_meetings(name: str) -> None:
    body = "".join(
        f"{n}. Sag {n}\n\nBeslutning\n\nGodkendt.\n\nAfbud: {name} (FOA)\n\n" for n in (1, 2, 3)
    )
    doc = parse(HEAD + body)
    assert [i["absent"] for i in doc["items"]] == [[name]] * 3
    assert doc["absent"] == [name]


def test_a_members_line_of_names_under_the_heading_is_the_items_absent() -> None:
    text = (
        HEAD
        + "Nr.41 - Dagsorden\n\nHenrik Dyhr (O), Anja Lauesen (Ø)\n\nBeslutning\n\nGodkendt.\n\nNr.42 - Eventuelt\n\nBeslutning\n\nIntet.\n"
    )
    doc = parse(text)
    assert doc["items"][0]["absent"] == ["Henrik Dyhr", "Anja Lauesen"]
    assert texts(doc) == "Godkendt.\nIntet."


def test_left_after_this_item_is_away_from_the_next_on() -> None:
    body = "".join(f"{n}. Sag {n}\n\nBeslutning\n\nGodkendt.\n\n" for n in (1, 2, 3))
    body = body.replace(
        "2. Sag 2\n\nBeslutning\n\nGodkendt.\n\n",
        "2. Sag 2\n\nBeslutning\n\nGodkendt.\n\nMia Falk forlod mødet efter dette punkt.\n\n",
    )
    doc = parse(HEAD + body)
    assert [i["absent"] for i in doc["items"]] == [[], [], ["Mia Falk"]]


def test_a_list_of_the_absent_with_reasons_in_one_paragraph() -> None:
    html = (
        "<html><body><h1>Referat</h1><p>Dato: 4. marts 2025</p><h2>1. Dagsorden</h2>"
        "<h3>Beslutning</h3><p>Følgende deltog ikke i mødet:<br>- Bodil Ravn (FOA) på grund af "
        "sygdom<br>- Jesper Lund (DSR)</p><p>Godkendt.</p><h2>2. Eventuelt</h2><h3>Beslutning</h3>"
        "<p>Intet.</p></body></html>"
    )
    doc = parse(html, "html")
    assert doc["absent"] == ["Bodil Ravn", "Jesper Lund"]
    assert [i["absent"] for i in doc["items"]] == [[], []]


@pytest.mark.parametrize(
    "sentence",
    [
        "Thomas Krag (V) deltog ikke i behandlingen af sagen på grund af inhabilitet.",
        "Jonas Riis (F) erklærede sig inhabil, da han ejer jord langs bækken, og deltog ikke i sagens behandling.",
        "Camilla Nørby deltog ikke under dette punkt.",
    ],
)
def test_away_from_one_item_in_every_wording(sentence: str) -> None:
    text = (
        HEAD
        + f"1. Budget\n\nBeslutning\n\nGodkendt. {sentence}\n\n2. Eventuelt\n\nBeslutning\n\nIntet.\n"
    )
    absent = parse(text)["items"][0]["absent"]
    assert len(absent) == 1 and absent[0] in ("Thomas Krag", "Jonas Riis", "Camilla Nørby")


def test_a_behandlet_sammen_med_sag_line_is_no_case_number() -> None:
    text = (
        HEAD
        + "4. Stier\n\nBeslutning\n\nHenvist. Behandlet sammen med sag 5.\n\n5. Eventuelt\n\nBeslutning\n\nIntet.\n"
    )
    assert parse(text)["items"][0]["case_number"] is None
