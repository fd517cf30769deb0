# ruff: noqa: E501  (documents written out on one line, as a layout prints them)
"""Attendance, header and people-list rules from the first-sight rounds D and E
(issue 15, session 8); the item rules are in test_first_sight_rounds_de.py.

Each test writes a small invented Danish document the way one layout writes it and
checks what `to_contract` makes of it.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from medref.documents.serialize import to_contract
from medref.importers import parse_bytes

HEAD = "Referat\nØkonomiudvalget\nDato: 4. marts 2024\n"
BODY = "".join(
    f"\n{n}. {t}\nSagsnr. 24/{n}\nBeslutning\nGodkendt.\n"
    for n, t in enumerate(
        ["Godkendelse af dagsorden", "Budget", "Skoler", "Veje", "Havnen", "Eventuelt"], 1
    )
)


def parse(text: str, fmt: str = "txt") -> dict[str, Any]:
    return to_contract(parse_bytes(text.encode(), fmt, path="t." + fmt))


def item_absent(found: dict[str, Any]) -> list[list[str]]:
    return [i["absent"] for i in found["items"]]


# --- 7. attendance sentences ------------------------------------------------------------


def test_substitute_and_notice_sentences_in_the_header() -> None:
    found = parse(
        HEAD + "Stedfortræder Ove Tang deltog i mødet.\nLene Kragh havde meldt afbud.\n" + BODY
    )
    assert (found["substitutes"], found["absent"]) == (["Ove Tang"], ["Lene Kragh"])


@pytest.mark.parametrize(
    ("line", "end"), [("Mødet slut kl. 21.25", "21:25"), ("Mødet hævet kl. 15:40", "15:40")]
)
def test_the_meeting_end(line: str, end: str) -> None:
    assert parse(HEAD + BODY + f"\n{line}\n")["end_time"] == end


def test_left_after_an_item_with_a_time() -> None:
    found = parse(HEAD + "Bo Kure forlod mødet efter behandlingen af pkt. 4 kl. 20.10\n" + BODY)
    assert item_absent(found) == [[], [], [], [], ["Bo Kure"], ["Bo Kure"]]
    assert found["absent"] == []


def test_deltog_for_names_a_substitute_and_deltog_for_foerste_gang_does_not() -> None:
    found = parse(
        HEAD + "Lone Sejr deltog for Per Holst.\nKim Dahl deltog for første gang.\n" + BODY
    )
    assert (found["substitutes"], found["absent"]) == (["Lone Sejr"], ["Per Holst"])


@pytest.mark.parametrize(
    "sentence",
    [
        "Jens Vang erklærede sig inhabil og deltog ikke i behandlingen af punktet.",
        "Jens Vang var inhabil og deltog ikke i behandlingen af punktet.",
        "Jens Vang deltog ikke under behandlingen af dette punkt.",
    ],
)
def test_away_from_one_item(sentence: str) -> None:
    text = (
        HEAD
        + "\n1. Budget\nSagsnr. 24/1\nBeslutning\nGodkendt.\n"
        + sentence
        + "\n\n2. Eventuelt\nSagsnr. 24/2\nBeslutning\nIntet.\n"
    )
    found = parse(text)
    assert item_absent(found) == [["Jens Vang"], []]
    assert found["absent"] == []


@pytest.mark.parametrize(("every", "absent"), [(True, ["Hans Ry"]), (False, [])])
def test_away_under_every_open_item_is_away_from_the_meeting(
    every: bool, absent: list[str]
) -> None:
    text = HEAD + "".join(
        f"\n{n}. {t}\nSagsnr. 24/{n}\nBeslutning\nGodkendt.\n"
        + ("Fraværende: Hans Ry\n" if every or n == 1 else "")
        for n, t in [(1, "Budget"), (2, "Skoler"), (3, "Eventuelt")]
    )
    assert parse(text)["absent"] == absent


def test_attendance_under_another_bodys_date_first_treatment_is_not_this_meetings() -> None:
    text = (
        "Referat\nByrådet\nDato: 10-05-2021\n"
        "\n1. Havneplan\nSagsnr. 21/1\nSagsfremstilling\nPlanen er klar.\n"
        "03-05-2021 Magistraten\nAnbefales.\nJens Vang deltog ikke i behandlingen af punktet.\n"
        "10-05-2021 Byrådet\nGodkendt.\n\n2. Eventuelt\nSagsnr. 21/2\nBeslutning\nIntet.\n"
    )
    found = parse(text)
    assert item_absent(found) == [[], []]
    assert [s["kind"] for s in found["items"][0]["sections"]] == [
        "sagsfremstilling",
        "andet",
        "beslutning",
    ]


# --- 8. the header ---------------------------------------------------------------------


def header(text: str) -> dict[str, Any]:
    found = parse(text + BODY)
    return {
        k: found[k] for k in ("committee", "meeting_date", "start_time", "end_time", "location")
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Referat af møde i Ældrerådet den 4. marts 2024 kl. 10.00 på Nordby Rådhus, Salen.\n",
            ("Ældrerådet", "2024-03-04", "10:00", None, "Nordby Rådhus, Salen"),
        ),
        (
            "Referat\nOmråde-MED Sundhed og Omsorg 2014\nDato: 4. marts 2014\n",
            ("Område-MED Sundhed og Omsorg", "2014-03-04", None, None, None),
        ),
        (
            "Referat\nÆldrerådet\nMøde 14. marts 2024 kl. 13:00 i Mødelokale 3, Rådhuset\n",
            ("Ældrerådet", "2024-03-14", "13:00", None, "Mødelokale 3, Rådhuset"),
        ),
        (
            "Referat\nÆldrerådet\nTorsdag den 14. marts 2024\nKl. 18:00 i Rådssalen, Nordby Rådhus\n",
            ("Ældrerådet", "2024-03-14", "18:00", None, "Rådssalen, Nordby Rådhus"),
        ),
        (
            "Økonomiudvalget\nReferat fra ordinært møde\nD3\nTorsdag 14-06-2018 kl. 8:00\n",
            ("Økonomiudvalget", "2018-06-14", "08:00", None, "D3"),
        ),
        (
            "Referat\nBestyrelsesmøde i Kysttrafik\nDato: 4. marts 2024\n",
            ("Kysttrafik", "2024-03-04", None, None, None),
        ),
        (
            "Referat\nMødeforum\nHovedMED\nDato: 4. marts 2024\nStart kl.\n13:00\nSlut kl.\n15:30\n",
            ("HovedMED", "2024-03-04", "13:00", "15:30", None),
        ),
        (
            "Beslutningsreferat\nd.: 04-03-2010 kl.: 14:00\nSkoleudvalget\n",
            ("Skoleudvalget", "2010-03-04", "14:00", None, None),
        ),
    ],
)
def test_header_forms(text: str, expected: tuple[str | None, ...]) -> None:
    assert tuple(header(text).values()) == expected


def test_a_contents_heading_with_side_is_no_place() -> None:
    text = (
        "Økonomiudvalget\nReferat fra ordinært møde\nTorsdag 14-06-2018 kl. 8:00\n\n"
        "Følgende sager behandles på mødet Side\nGodkendelse af dagsorden 2\nBudget 3\n"
    )
    found = parse(text + BODY)
    assert (found["committee"], found["meeting_date"], found["location"]) == (
        "Økonomiudvalget",
        "2018-06-14",
        None,
    )
    assert [i["number"] for i in found["items"]] == [1, 2, 3, 4, 5, 6]


@pytest.mark.parametrize(
    ("tid", "date"),
    [("Tid: Mandag, den 10. juni 2024 kl. 10.00\n", "2024-06-10"), ("", "2024-05-27")],
)
def test_a_letterheads_dato_gives_way_to_the_meetings_tid(tid: str, date: str) -> None:
    text = "Nordby Kommune\nDato: 27. maj 2024\n\nReferat\nÆldrerådet\n" + tid
    found = parse(text + BODY)
    assert (found["committee"], found["meeting_date"]) == ("Ældrerådet", date)


def test_afbud_fra_fravaerende_label() -> None:
    found = parse(HEAD + "Deltagere: Anne Berg, Ole Sand\nAfbud fra/fraværende: Bo Ek\n" + BODY)
    assert found["absent"] == ["Bo Ek"]
    assert "Bo Ek" not in (found["present"] or [])


# --- 9. people lists --------------------------------------------------------------------

NAMES = ["Anne Berg", "Sussi Falk", "Karin Thygesen", "Ole Sand", "Mette Aagaard", "Jens Holm"]


def people(lines: str) -> dict[str, Any]:
    found = parse(HEAD + lines + BODY)
    return {
        "participants": {p["name"]: p["title"] for p in found["participants"]},
        "present": found["present"],
        "absent": found["absent"],
        "substitutes": found["substitutes"],
    }


@settings(max_examples=30, deadline=None)
@given(st.integers(2, len(" ".join(NAMES).split()) - 1))
def test_a_comma_list_wrapped_at_any_word_after_the_first_name(at: int) -> None:
    words = ", ".join(NAMES).split(" ")
    listed = " ".join(words[:at]) + "\n" + " ".join(words[at:])
    assert list(people("Deltagere\n" + listed + "\n")["participants"]) == NAMES


def test_a_list_wrapped_mid_name_and_a_last_name_alone() -> None:
    found = people("Til stede\nAnne Berg, Ole Sand, Sussi\nFalk, Karin Thygesen, Mette\nAagaard\n")
    assert found["present"] == [
        "Anne Berg",
        "Ole Sand",
        "Sussi Falk",
        "Karin Thygesen",
        "Mette Aagaard",
    ]


def test_a_list_on_the_labels_line_wrapped_mid_name() -> None:
    found = people("Deltagere: Anne Berg, Ole Sand, Sussi\nFalk, Karin Thygesen, Mette\nAagaard\n")
    assert list(found["participants"]) == [
        "Anne Berg",
        "Ole Sand",
        "Sussi Falk",
        "Karin Thygesen",
        "Mette Aagaard",
    ]


def test_dash_notes_after_names_in_a_list() -> None:
    found = people("Deltagere:\n- Anne Berg\n- Ole Brandt - ikke tilstede.\n- Bo Ek - Suppleant.\n")
    assert found["absent"] == ["Ole Brandt"]
    assert found["substitutes"] == ["Bo Ek"]
    assert found["present"] == ["Anne Berg"]


def test_a_substitute_for_a_member_inside_a_comma_list() -> None:
    found = people("Deltagere\nAnne Berg, Sara Ibsen for Jette Friis, Ole Sand\n")
    assert (found["substitutes"], found["absent"]) == (["Sara Ibsen"], ["Jette Friis"])
    assert found["present"] == ["Anne Berg", "Ole Sand"]


def test_a_substitute_for_a_member_in_a_list_one_name_a_line() -> None:
    found = people("Deltagere:\nAnne Berg\nSara Ibsen for Jette Friis\nOle Sand\n")
    assert (found["substitutes"], found["absent"]) == (["Sara Ibsen"], ["Jette Friis"])
    assert found["present"] == ["Anne Berg", "Ole Sand"]


def test_og_joins_two_people_and_vakant_is_nobody() -> None:
    found = people("Medlemmer:\nJette Friis og Kim Lauridsen\nVakant - (FTF)\nOle Sand\n")
    assert list(found["participants"]) == ["Jette Friis", "Kim Lauridsen", "Ole Sand"]


def test_a_name_with_a_title_after_its_comma_is_one_person() -> None:
    found = people("Deltagere:\nKarsten Lind, Personalechef\nOle Sand\n")
    assert found["participants"] == {"Karsten Lind": "Personalechef", "Ole Sand": None}


def test_suppleant_for_a_member_with_a_title() -> None:
    found = people("Deltagere:\nAnne Berg\nPia Nørgaard, Suppleant for Hanne Brix, TR for BUPL\n")
    assert (found["substitutes"], found["absent"]) == (["Pia Nørgaard"], ["Hanne Brix"])
    assert found["present"] == ["Anne Berg"]


def test_name_dash_role_lines_from_the_labels_line() -> None:
    found = people(
        "Deltagere: Birthe Lauesen - Afdelingschef\nPia Krog - Leder Byggesag\nOle Sand - Teamleder\n"
    )
    assert found["participants"] == {
        "Birthe Lauesen": "Afdelingschef",
        "Pia Krog": "Leder Byggesag",
        "Ole Sand": "Teamleder",
    }


def test_a_wrapped_label_word_is_no_member() -> None:
    found = people("Mødedeltagere\nMødets\ndeltagere\nDeltagere: Anne Berg, Ole Sand\n")
    assert list(found["participants"]) == ["Anne Berg", "Ole Sand"]


@pytest.mark.parametrize("fmt", ["txt", "html"])
def test_table_rows_of_people_and_a_label_row(fmt: str) -> None:
    rows = [
        ["Medlemmer:"],
        ["Per Alstrup (Formand)", "Hanne Ravn (FOA)"],
        ["Ole Sand", "Bo Ek (3F)"],
    ]
    if fmt == "txt":
        text = (
            "Referat\nHovedMED\nDato\t:\t07.03.2012\n"
            + "".join("\t".join(r) + "\n" for r in rows)
            + BODY
        )
    else:
        cells = "".join(
            "<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>"
            for r in [["Dato", ":", "07.03.2012"], *rows]
        )
        body = "".join(
            f"<h2>{n}. {t}</h2><h3>Beslutning</h3><p>Godkendt.</p>"
            for n, t in [(1, "Budget"), (2, "Eventuelt")]
        )
        text = f"<html><body><h1>Referat HovedMED</h1><table>{cells}</table>{body}</body></html>"
    found = parse(text, fmt)
    assert found["meeting_date"] == "2012-03-07"
    assert [p["name"] for p in found["participants"]] == [
        "Per Alstrup",
        "Hanne Ravn",
        "Ole Sand",
        "Bo Ek",
    ]
