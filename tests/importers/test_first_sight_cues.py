# ruff: noqa: E501  (documents written out on one line, as a layout prints them)
"""Layout cues learnt from the layouts of the first-sight rounds (issue 15, session 7).

Each test writes a small document in one way real minutes are written and checks
what `medref parse --json` makes of it; the property tests check the date and
case-number rules over generated input.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from medref.documents.serialize import to_contract
from medref.importers import cues, parse_bytes
from medref.importers.dates import find_date, times_in

BODY = "\n\n1. Godkendelse af dagsorden\n\nBeslutning: Godkendt.\n\n2. Eventuelt\n\nBeslutning: Intet.\n"


def parse(text: str, fmt: str = "txt") -> dict[str, Any]:
    return to_contract(parse_bytes(text.encode(), fmt, path="t." + fmt))


def items(text: str, fmt: str = "txt") -> list[tuple[int, str]]:
    return [(i["number"], i["title"]) for i in parse(text, fmt)["items"]]


# --- dates and times ---------------------------------------------------------------


@given(st.dates(dt.date(1970, 1, 1), dt.date(2069, 12, 31)), st.sampled_from(".-/"))
def test_a_two_digit_year_is_read_where_the_text_is_a_date(day: dt.date, sep: str) -> None:
    text = f"{day.day:02d}{sep}{day.month:02d}{sep}{day.year % 100:02d}"
    assert find_date(text) is None  # not anywhere: "17.02.00" is also a KLE number
    found = find_date(text, short_year=True)
    assert found is not None and found.day == day


@given(
    st.integers(0, 99), st.integers(0, 99), st.integers(0, 99), st.sampled_from(["-A00-1-24", ".5"])
)
def test_a_kle_number_is_never_a_date(a: int, b: int, c: int, tail: str) -> None:
    assert find_date(f"{a:02d}.{b:02d}.{c:02d}{tail}", short_year=True) is None


def test_whole_hours_after_kl() -> None:
    assert times_in("fra kl. 13 til 15") == (dt.time(13), dt.time(15))
    assert times_in("kl. 9-11") == (dt.time(9), dt.time(11))
    assert times_in("kl. 13.30 - 15") == (dt.time(13, 30), None)
    assert times_in("punkt 13 til 15") == (None, None)  # no "kl.": not a time


# --- the header ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (
            "Beslutningsprotokol for Økonomiudvalget\nMødedato: 04.03.24\n",
            ("Økonomiudvalget", "2024-03-04"),
        ),
        (
            "Referat af møde i LokalMED Nord\nTid: Mandag den 4. marts 2024 fra kl. 13 til 15\n",
            ("LokalMED Nord", "2024-03-04"),
        ),
        ("SU-møde 12. december 2024\nReferat\n", ("SU", "2024-12-12")),
        (
            "LokalMED Skolen\nReferat fra mødet d. 12.12.2024 kl. 14.00-16.00\n",
            ("LokalMED Skolen", "2024-12-12"),
        ),
        (
            "Dagsorden og referat\nÆldrerådet\n12-12-2024 kl. 10:00 - 12:00\n",
            ("Ældrerådet", "2024-12-12"),
        ),
        (
            "By- og Miljøudvalget\nÅben\nReferat\nTirsdag den 17-11-2009 kl. 15:00\n",
            ("By- og Miljøudvalget", "2009-11-17"),
        ),
        ("Referat\nMøde i: Ældrerådet\nMødedato: 12. marts 2024\n", ("Ældrerådet", "2024-03-12")),
        ("Referat af ordinært HMU-møde\nDato: 4. marts 2024\n", ("HMU", "2024-03-04")),
    ],
)
def test_committee_and_date_in_more_title_forms(header: str, expected: tuple[str, str]) -> None:
    found = parse(header + BODY)
    assert (found["committee"], found["meeting_date"]) == expected


def test_tid_og_sted_gives_date_times_and_place() -> None:
    found = parse(
        "Referat\nLokalMED Rengøring\nTid og sted: 4. marts 2024 kl. 13-15, Rådhuset\n" + BODY
    )
    assert (found["meeting_date"], found["start_time"], found["end_time"], found["location"]) == (
        "2024-03-04",
        "13:00",
        "15:00",
        "Rådhuset",
    )


def test_management_and_staff_sides_and_names_with_a_dash_and_role() -> None:
    found = parse(
        "Referat\nLokalMED Vej\nDato: 4. marts 2024\n"
        "Ledelsesrepræsentanter: Anne Berg, Ole Sand\n"
        "Deltagere: Birthe Lau - Afdelingschef Teknik og Miljø\nPia Krog - Leder Byggesag\n"
        "Ikke mødt: Bo Ek\nAfbud: Jens Holm (suppleant Aase Lund deltog)\n" + BODY
    )
    people = {p["name"]: p["title"] for p in found["participants"]}
    assert people["Birthe Lau"] == "Afdelingschef Teknik og Miljø"
    assert {"Anne Berg", "Ole Sand"} <= set(people)
    assert set(found["absent"]) == {"Bo Ek", "Jens Holm"}
    assert found["absent_without_notice"] == ["Bo Ek"]
    assert found["substitutes"] == ["Aase Lund"]


def test_absent_for_some_items_only_is_present_at_the_meeting() -> None:
    found = parse(
        "Referat\nForretningsudvalget\nDato: 10-01-2011\nMedlemmer:\nKaren Vest\nLise Holm\nBo Kure\n"
        "Fraværende:\nLise Holm ved sag nr. 2\nBo Kure\n" + BODY
    )
    assert found["absent"] == ["Bo Kure"]
    assert "Lise Holm" in found["present"]
    assert [i["absent"] for i in found["items"]] == [[], ["Lise Holm"]]


def test_sentences_in_the_header_about_attendance_and_the_end() -> None:
    found = parse(
        "Referat\nUdvalget for Klima\nDato: 4. marts 2024\n"
        "Alle medlemmer var mødt, bortset fra Jette Brink og Anders Holt, der havde meldt afbud.\n"
        "I stedet for Mette Dal deltog Jens Rye.Rådmand Hanne Borg forlod mødet efter pkt. 1.\n"
        "Mødet blev hævet kl. 15.05.\n" + BODY
    )
    assert set(found["absent"]) == {"Jette Brink", "Anders Holt", "Mette Dal"}
    assert found["substitutes"] == ["Jens Rye"]
    assert found["end_time"] == "15:05"
    assert [i["absent"] for i in found["items"]] == [[], ["Hanne Borg"]]


# --- items ---------------------------------------------------------------------------

HEAD = "Referat\nHovedMED\nDato: 4. marts 2024\n\n"


@pytest.mark.parametrize(
    "shape",
    [
        "Ad {n}) {t}",
        "Ad. {n} {t}",
        "Ad pkt. {n} {t}",
        "{n}.0 {t}",
        "{n}/24 {t}",
        "Ad punkt {n}: {t}",
    ],
)
def test_more_item_heading_shapes(shape: str) -> None:
    titles = ["Godkendelse af dagsorden", "Sygefravær", "Eventuelt"]
    text = HEAD + "".join(
        f"{shape.format(n=n, t=t)}\nTekst {n}.\n\n" for n, t in enumerate(titles, 1)
    )
    assert items(text) == list(enumerate(titles, 1))


def test_a_label_block_between_number_and_title() -> None:
    block = "Punkt: {n}\nAcadre sagsnr.: 18/{n}00\nSagsforløb: ØU - {mark} sag\nSagsbehandler: Ole Friis\n{t}\n"
    text = "Økonomiudvalget\nReferat\nDato: 14-06-2018\n\n" + "\n".join(
        block.format(n=n, t=t, mark=mark) + "Baggrund\nTekst.\n"
        for n, t, mark in [
            (1, "Meddelelser", "Åben"),
            (2, "Budget", "Åben"),
            (3, "Køb af ejendom", "Lukket"),
        ]
    )
    found = parse(text)
    assert [(i["number"], i["title"], i["case_number"]) for i in found["items"]] == [
        (1, "Meddelelser", "18/100"),
        (2, "Budget", "18/200"),
        (3, "Køb af ejendom", "18/300"),
    ]


def test_a_running_header_over_numbers_with_their_titles_below() -> None:
    page = "{p}\n\nDen 10. januar 2011\nFORRETNINGSUDVALGET\n\nSAG NR. {n}\n\n{t}\n\nRESUME\nTekst {n}.\n\n"
    text = (
        "BESLUTNINGER\n\nFORRETNINGSUDVALGET\n\nMandag den 10. januar 2011\n\n"
        + "".join(
            page.format(p=n + 1, n=n, t=t)
            for n, t in enumerate(["MØDEPLAN", "TAKSTER", "MEDDELELSER"], 1)
        )
        + "5\n"
    )
    found = parse(text)
    assert [(i["number"], i["title"]) for i in found["items"]] == [
        (1, "MØDEPLAN"),
        (2, "TAKSTER"),
        (3, "MEDDELELSER"),
    ]
    assert [s["text"] for i in found["items"] for s in i["sections"]] == [
        "Tekst 1.",
        "Tekst 2.",
        "Tekst 3.",
    ]


def test_a_fold_title_printed_again_as_number_and_title() -> None:
    text = HEAD + "".join(
        f" • Pkt. {n} {t}\n\n  Pkt. {n}\n\n  {t}\n\n  Beslutning\n\n  Godkendt.\n\n"
        for n, t in [(87, "Beslutninger om dagsordenen"), (88, "Meddelelser")]
    )
    found = parse(text)
    assert [(i["number"], i["title"]) for i in found["items"]] == [
        (87, "Beslutninger om dagsordenen"),
        (88, "Meddelelser"),
    ]
    assert [[s["kind"] for s in i["sections"]] for i in found["items"]] == [
        ["beslutning"],
        ["beslutning"],
    ]


def test_unnumbered_items_are_numbered_in_order() -> None:
    text = (
        HEAD
        + "Godkendelse af dagsorden\nBeslutning\nGodkendt.\n\nSygefravær\nSagsfremstilling\nFaldet.\nBeslutning\nTaget til efterretning.\n"
    )
    assert items(text) == [(1, "Godkendelse af dagsorden"), (2, "Sygefravær")]


def test_minutes_kept_in_a_table() -> None:
    text = (
        "**Referat – LokalMED Hjemmeplejen**\n\nDato: 4. marts 2024\n\n"
        "| Punkt | Emne | Referat | Ansvarlig |\n|---|---|---|---|\n"
        "| 1 | Godkendelse af dagsorden | Godkendt. | AB |\n| 2 | Sygefravær | Faldet til 5 %. | OS |\n"
    )
    found = parse(text, "md")
    assert [(i["number"], i["title"]) for i in found["items"]] == [
        (1, "Godkendelse af dagsorden"),
        (2, "Sygefravær"),
    ]
    assert [(s["kind"], s["heading"], s["text"]) for s in found["items"][1]["sections"]] == [
        ("beslutning", "Referat", "Faldet til 5 %."),
        ("andet", "Ansvarlig", "OS"),
    ]


def test_a_contents_table_is_not_items() -> None:
    text = (
        "# Referat HovedMED\n\nDato: 4. marts 2024\n\n| Nr | Titel | Side |\n|---|---|---|\n"
        "| 1 | Godkendelse | 2 |\n| 2 | Eventuelt | 3 |\n\n## 1. Godkendelse\n\nGodkendt.\n\n## 2. Eventuelt\n\nIntet.\n"
    )
    assert items(text, "md") == [(1, "Godkendelse"), (2, "Eventuelt")]


# --- case numbers, sections, attendance in items --------------------------------------


@pytest.mark.parametrize(
    ("line", "case", "closed"),
    [
        ("Åbent - 01.02.05-P16-14-17", "01.02.05-P16-14-17", False),
        ("Lukket - 07.00.00P24 - 2009/20415", "2009/20415", True),
        ("Sagsnr. 318204 Social- og Sundhedsudvalget Åbent punkt", "318204", False),
    ],
)
def test_case_lines_with_the_open_or_closed_mark(line: str, case: str, closed: bool) -> None:
    found = cues.case_line(line)
    assert found is not None and (found.case_number, bool(found.closed)) == (case, closed)


def test_unknown_short_headings_open_sections_only_where_no_known_heading_has() -> None:
    text = HEAD + (
        "1. Trivsel\nDrøftelse:\nMED drøftede.\nNæste skridt:\nNy måling.\n\n"
        "2. Arbejdsmiljø\nSagsfremstilling\nTo forhold:\nSygefravær:\nFaldet.\n"
    )
    found = parse(text)
    assert [s["heading"] for s in found["items"][0]["sections"]] == ["Drøftelse:", "Næste skridt:"]
    assert [s["heading"] for s in found["items"][1]["sections"]] == ["Sagsfremstilling"]


def test_a_purpose_line_and_a_wrapped_lower_case_word_are_no_headings() -> None:
    assert cues.heading_kind("Til beslutning") is None
    assert cues.heading_kind("formål:") is None
    assert cues.heading_kind("Formål:") is not None


def test_an_absence_line_naming_the_substitute() -> None:
    text = (
        HEAD
        + "1. Budget\nBeslutning\nGodkendt.\nFraværende: Jonas Bæk (V) - Tove Lind (V) mødte som stedfortræder.\n\n2. Eventuelt\nIntet.\n"
    )
    item = parse(text)["items"][0]
    assert (item["absent"], item["substitutes"]) == (["Jonas Bæk"], ["Tove Lind"])
    assert item["sections"][0]["text"] == "Godkendt."


def test_the_body_of_the_dated_decision_headings_names_the_committee() -> None:
    text = "Referat\nDato: 10-03-2020\n\n" + "".join(
        f"Pkt. {n} {t}\n\nSocial- og Sundhedsudvalget, 10-03-2020, pkt. {n}\n\nGodkendt.\n\n"
        for n, t in [(87, "Dagsorden"), (88, "Meddelelser")]
    )
    found = parse(text)
    assert found["committee"] == "Social- og Sundhedsudvalget"
    assert [i["sections"][0]["kind"] for i in found["items"]] == ["beslutning", "beslutning"]


def test_html_fold_outs_with_the_title_in_a_button_and_a_hidden_panel() -> None:
    item = (
        '<section class="accordion"><h2><button aria-expanded="false">{n}. {t}</button></h2>'
        '<div class="accordion__content" hidden><h3>Beslutning</h3><p>Godkendt.</p></div></section>'
    )
    html = (
        "<html><body><h1>Referat Økonomiudvalget 22. april 2024</h1>"
        + "".join(item.format(n=n, t=t) for n, t in [(61, "Meddelelser"), (62, "Budget")])
        + "</body></html>"
    )
    found = parse(html, "html")
    assert [(i["number"], i["title"], i["sections"][0]["text"]) for i in found["items"]] == [
        (61, "Meddelelser", "Godkendt."),
        (62, "Budget", "Godkendt."),
    ]
