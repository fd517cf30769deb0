"""The three real minutes read exactly: every field of the CLI contract.

Expected values were written by reading the minutes, not by running the
parser. Things a naive parser gets wrong are named in the test names.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from medref.documents import (
    BulletList,
    DocumentKind,
    Heading,
    ListItem,
    MeetingDocument,
    Paragraph,
    SectionKind,
    Table,
)
from medref.documents.serialize import to_contract
from medref.importers import parse_file

DEMO = Path(__file__).resolve().parents[2] / "medref" / "demo"
FAGMED = DEMO / "referat-fagmed-oekonomi-2025-10-08.txt"
AFDMED = DEMO / "referat-afdelingsmed-oekonomi-stab-2025-11-20.txt"
LOKALMED = DEMO / "referat-lokalmed-borgerservice-2025-06-20.md"

RES, SAG, IND, BES, BIL = "resume", "sagsfremstilling", "indstilling", "beslutning", "bilag"


@pytest.fixture(scope="module")
def fagmed() -> MeetingDocument:
    return parse_file(FAGMED)


@pytest.fixture(scope="module")
def afdmed() -> MeetingDocument:
    return parse_file(AFDMED)


@pytest.fixture(scope="module")
def lokalmed() -> MeetingDocument:
    return parse_file(LOKALMED)


def kinds(doc: MeetingDocument) -> dict[int, list[str]]:
    return {i.number: [str(s.kind) for s in i.sections] for i in doc.items}


# --- FagMED Økonomi (plain text, no participant list) -------------------------


def test_fagmed_header(fagmed: MeetingDocument) -> None:
    """The cover page: kind, committee, date and time, place."""
    assert fagmed.kind == DocumentKind.MINUTES
    assert fagmed.committee == "FagMED Økonomi"
    assert fagmed.meeting_date == dt.date(2025, 10, 8)
    assert fagmed.start_time == dt.time(13, 0)
    assert fagmed.end_time is None
    assert fagmed.location == "Mødelokale 2225"
    assert fagmed.minute_taker is None


def test_fagmed_participants_come_from_deltog_i_moedet(fagmed: MeetingDocument) -> None:
    """No header list: "… deltog i mødet" names who took part; "var fraværende" who did not."""
    attended = [
        "Anette Gaarsvig",
        "Malene Gros Poulsen",
        "Brian Slot",
        "Lone Madsen",
        "Danijel Hoffmann Sørensen",
        "Louise Kjærgaard Dolleris",
        "Peter Marstrand Jørgensen",
        "Mette Hillarius Rønsch",
    ]
    assert [p.name for p in fagmed.participants] == attended
    assert all(p.title is None for p in fagmed.participants)
    assert list(fagmed.present or ()) == attended
    assert list(fagmed.absent) == ["Sarah Gaarde", "Kennet Wolff Engel", "Henrik F. Gamborg-Kvist"]
    assert fagmed.substitutes == ()
    assert all(i.absent == () and i.substitutes == () for i in fagmed.items)


def test_fagmed_items_are_numbered_21_to_30(fagmed: MeetingDocument) -> None:
    """Numbers run on through the year; the case number is the committee's yearly case."""
    assert [i.number for i in fagmed.items] == list(range(21, 31))
    assert {i.case_number for i in fagmed.items} == {"81.16.00-G01-2-25"}
    assert not any(i.closed for i in fagmed.items)
    assert fagmed.item(29) is not None
    assert fagmed.item(29).title == (  # type: ignore[union-attr]
        "Klippekortmodul – et opfølgingskursus til medlemmer i MEDudvalg"
    )


def test_fagmed_toc_keeps_its_own_spelling(fagmed: MeetingDocument) -> None:
    """The TOC says "Arbejds miljø", the item "Arbejdsmiljø": both are kept as written."""
    assert [(t.title, t.page) for t in fagmed.toc][3] == ("Arbejds miljø", 6)
    assert [t.page for t in fagmed.toc] == [3, 4, 5, 6, 7, 8, 9, 11, 12, 13]
    assert fagmed.item(24).title == "Arbejdsmiljø"  # type: ignore[union-attr]


def test_fagmed_sections_and_recommendations(fagmed: MeetingDocument) -> None:
    expected = {n: [SAG, IND, BES] for n in range(21, 31)}
    expected[24] = [SAG, IND, BES, BIL]
    expected[27] = [RES, SAG, IND, BES]
    expected[28] = [RES, SAG, IND, BES]
    assert kinds(fagmed) == expected
    item23 = fagmed.item(23)
    assert item23 is not None and item23.recommendation is not None
    assert item23.recommendation.proposer == "Stabschef for Strategi og Udbud"
    assert item23.recommendation.clauses == ("At orienteringen tages til efterretning.",)
    assert not item23.recommendation.numbered
    item26 = fagmed.item(26)
    assert item26 is not None and item26.recommendation is not None
    assert item26.recommendation.proposer == "Digitaliserings- og IT-chefen"
    assert fagmed.item(24).attachments[2].title == "Måltal"  # type: ignore[union-attr]
    assert len(fagmed.item(24).attachments) == 3  # type: ignore[union-attr]


def test_fagmed_table_and_nested_lists_keep_their_structure(fagmed: MeetingDocument) -> None:
    """The 1.000 kr. table in item 28 and the two-level bullets in item 27."""
    case = fagmed.item(28).section(SectionKind.CASE)  # type: ignore[union-attr]
    assert case is not None
    tables = [b for b in case.blocks if isinstance(b, Table)]
    assert tables == [
        Table(
            (
                (
                    "1.000 kr.",
                    "Korrigerede budget pr. 30/6-25",
                    "Forventet regnskab",
                    "Forventet overførsel til 2026",
                    "Mer(+)/mindre(-) forbrug",
                ),
                ("Økonomi & Administration", "265.786", "202.740", "49.449", "-13.598"),
            )
        )
    ]
    case27 = fagmed.item(27).section(SectionKind.CASE)  # type: ignore[union-attr]
    assert case27 is not None
    nested = [b for b in case27.blocks if isinstance(b, BulletList) and b.items[0].children]
    assert nested[1].items[0] == ListItem(
        "Modul 1: 12-12 seminar den 8. og 9. maj.",
        (
            ListItem(
                "Her blev primært arbejdet med tilbagemeldinger på e-stimate profilerne, samt "
                "forståelse af hinandens kommunikation, samarbejdsprofil, styrker og områder "
                "hvor vi med fordel kan træde til og hjælpe."
            ),
        ),
    )


def test_fagmed_links_stay_links(fagmed: MeetingDocument) -> None:
    case = fagmed.item(22).section(SectionKind.CASE)  # type: ignore[union-attr]
    assert case is not None
    assert case.blocks == (
        Paragraph("Referat fra mødet d. 19. juni 2025 godkendes. Referatet kan læses [her](#)."),
    )


# --- AfdelingsMED Økonomi & Stab (plain text, header list with titles) -------


def test_afdmed_participants_with_titles_and_referent(afdmed: MeetingDocument) -> None:
    assert afdmed.committee == "AfdelingsMED Økonomi & Stab"
    assert afdmed.meeting_date == dt.date(2025, 11, 20)
    assert afdmed.start_time == dt.time(9, 30)
    assert afdmed.location == "Mødelokale 820"
    assert [(p.name, p.title) for p in afdmed.participants] == [
        ("Marie Aasøe", "Afdelingschef for Økonomi & Stab"),
        ("Mette Smith Thastum", "Leder af IT & Digitalisering"),
        ("Maria Schwartz Sauer", "Leder af HR & Løn"),
        ("Birgitte Lund", "Digitaliseringskonsulent"),
        ("Morten Michaelsen", "Konsulent"),
        ("Lars Kragh Hansen", "Økonomikonsulent"),
        ("Joan Bendiksen", "Arbejdsmiljøkonsulent"),
        ("Sofie Nilsson Pilman", "Professionsbachelor"),
        ("Pernille Løvendahl Carlsen", "Personaleadministrativ konsulent"),
    ]
    assert afdmed.minute_taker == "Pernille Løvendahl Carlsen"


def test_afdmed_der_var_afbud_fra_removes_from_present(afdmed: MeetingDocument) -> None:
    assert afdmed.absent == ("Morten Michaelsen",)
    assert afdmed.present is not None
    assert "Morten Michaelsen" not in afdmed.present
    assert len(afdmed.present) == 8
    assert afdmed.present[-1] == "Pernille Løvendahl Carlsen"


def test_afdmed_indstilling_comes_before_sagsfremstilling(afdmed: MeetingDocument) -> None:
    expected = {
        1: [IND, SAG, BES, BIL],
        2: [IND, SAG, BES, BIL],
        3: [IND, SAG, BES],
        4: [IND, SAG, BES],
        5: [IND, SAG, BES],
        6: [IND, SAG, BES, BIL],
        7: [IND, SAG, BES],
        8: [IND, SAG, BES, BIL],
        9: [IND, SAG, BES, BIL],
        10: [IND, SAG, BES, BIL],
        11: [BES],
    }
    assert kinds(afdmed) == expected


def test_afdmed_numbered_at_clauses_and_own_case_number(afdmed: MeetingDocument) -> None:
    first = afdmed.item(1)
    assert first is not None and first.recommendation is not None
    assert first.recommendation.proposer == "Afdelingschefen for Økonomi & Stab"
    assert first.recommendation.clauses == ("at dagsorden og referat godkendes",)
    assert first.recommendation.numbered
    assert afdmed.item(10).case_number == "81.38.05-P07-1-25"  # type: ignore[union-attr]
    assert afdmed.item(9).case_number == "81.38.05-G01-4-24"  # type: ignore[union-attr]
    assert [a.title for a in afdmed.item(2).attachments] == [  # type: ignore[union-attr]
        "Proces for lønforhandlinger i Økonomi & Stab 2025.pdf",
        "Bilag 1. Principper for lokallønforhandlinger 2025.pdf",
    ]


def test_afdmed_item_with_only_a_decision(afdmed: MeetingDocument) -> None:
    last = afdmed.item(11)
    assert last is not None
    assert last.title == "Eventuelt"
    assert last.recommendation is None
    assert last.sections[0].blocks == (Paragraph("Der var intet under eventuelt."),)


def test_afdmed_toc(afdmed: MeetingDocument) -> None:
    assert len(afdmed.toc) == 11
    assert afdmed.toc[0].title == "Godkendelse af referat og dagsorden"
    assert afdmed.toc[-1].page == 14


# --- LokalMED Borgerservice (Markdown) ------------------------------------------


def test_lokalmed_header_with_bold_labels(lokalmed: MeetingDocument) -> None:
    assert lokalmed.kind == DocumentKind.MINUTES
    assert lokalmed.committee == "LokalMED Borgerservice"
    assert lokalmed.meeting_date == dt.date(2025, 6, 20)
    assert lokalmed.start_time == dt.time(9, 0)
    assert lokalmed.location == "Mødelokakale 4"
    assert lokalmed.participants == ()
    assert lokalmed.present is None


def test_lokalmed_misspelled_name_is_one_person(lokalmed: MeetingDocument) -> None:
    """Item 12 says "Anderen"; the meeting still has one absentee, spelled as first written."""
    assert lokalmed.absent == ("Cathrin Borregaard Andersen",)
    assert lokalmed.substitutes == ("Betina Bjerrisgaard",)


def test_lokalmed_fravaerende_lines_are_item_absent_not_sections(lokalmed: MeetingDocument) -> None:
    assert [i.number for i in lokalmed.items] == list(range(10, 18))
    for item in lokalmed.items:
        assert item.absent == ("Cathrin Borregaard Andersen",)
        assert item.substitutes == ("Betina Bjerrisgaard",)
        for section in item.sections:
            assert not any(
                isinstance(b, Paragraph) and b.text.startswith("Fraværende") for b in section.blocks
            )


def test_lokalmed_heading_levels_are_not_structure(lokalmed: MeetingDocument) -> None:
    """`## HovedMED` is a sub-heading of the decision; `## **Bilag**` is a section;
    `# Punkt 15` is an item like the `## Punkt` ones."""
    expected = {n: [RES, SAG, IND, BES, BIL] for n in (10, 12, 13, 14)}
    expected.update({n: [RES, SAG, IND, BES] for n in (11, 15, 16, 17)})
    assert kinds(lokalmed) == expected
    decision = lokalmed.item(12).section(SectionKind.DECISION)  # type: ignore[union-attr]
    assert decision is not None
    headings = [b.text for b in decision.blocks if isinstance(b, Heading)]
    assert headings[:3] == ["FagMED", "AI og digitalisering", "HovedMED"]
    assert "Nyt fra Borgerservice" in headings
    assert lokalmed.item(15).title == (  # type: ignore[union-attr]
        "Status på aftalte temaer: Fokustid, sygefravær, onboarding og fleksible arbejdsforhold"
    )


def test_lokalmed_recommendation_under_a_bold_subheading(lokalmed: MeetingDocument) -> None:
    item = lokalmed.item(13)
    assert item is not None and item.recommendation is not None
    assert item.recommendation.proposer == "Udvalget"
    assert item.recommendation.clauses == (
        "at orienteringen tages til efterretning og at sygefraværet drøftes.",
    )


def test_lokalmed_escaped_underscores_in_bilag(lokalmed: MeetingDocument) -> None:
    assert [a.title for a in lokalmed.item(12).attachments] == [  # type: ignore[union-attr]
        "Beredskab i Borgerservice",
        "HovedMED-Referat 28052025",
        "FagMED_Kultur_&_Borgerservice-Dagsorden 110625",
    ]


def test_lokalmed_nested_bullets(lokalmed: MeetingDocument) -> None:
    case = lokalmed.item(12).section(SectionKind.CASE)  # type: ignore[union-attr]
    assert case is not None
    lists = [b for b in case.blocks if isinstance(b, BulletList)]
    assert lists[0].items[2] == ListItem(
        "Nyt fra Borgerservice",
        (
            ListItem("Personalenytt"),
            ListItem("Pasudleveringsskab"),
            ListItem("Andre udviklingstiltag"),
        ),
    )


# --- the CLI contract -----------------------------------------------------------------


@pytest.mark.parametrize("path", [FAGMED, AFDMED, LOKALMED], ids=lambda p: p.name)
def test_cli_parse_json_prints_the_contract(path: Path) -> None:
    """`medref parse FILE --json` prints exactly to_contract(parse_file(FILE)), plus the
    "warnings" it found (none for the examples)."""
    result = subprocess.run(
        [sys.executable, "-m", "medref.cli", "parse", str(path), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    printed = json.loads(result.stdout)
    assert printed.pop("warnings") == []
    assert printed == to_contract(parse_file(path))
    assert set(printed) >= {
        "kind",
        "committee",
        "meeting_date",
        "start_time",
        "end_time",
        "location",
        "participants",
        "present",
        "absent",
        "substitutes",
        "minute_taker",
        "items",
    }
    item = printed["items"][0]
    assert set(item) == {
        "number",
        "title",
        "case_number",
        "closed",
        "sections",
        "recommendation",
        "attachments",
        "absent",
        "substitutes",
    }


def test_contract_section_text_holds_the_recommendation(fagmed: MeetingDocument) -> None:
    contract = to_contract(fagmed)
    first = contract["items"][0]
    assert first["sections"][1] == {
        "kind": "indstilling",
        "heading": "Indstilling",
        "text": "Stabschef for Strategi og Udbud indstiller,\n\nat FagMED godkender dagsordenen.",
    }
    assert first["recommendation"] == {
        "proposer": "Stabschef for Strategi og Udbud",
        "clauses": ["at FagMED godkender dagsordenen."],
    }
