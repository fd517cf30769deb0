"""Other agenda systems' layouts, read without code per vendor.

The samples in tests/fixtures/layouts/ were written for these tests in the
styles Danish agenda systems produce: numbered items ("1. Titel"), "Pkt. N",
"Sagsnr.:"/"Dok.nr.:" lines, Åbent/Lukket markers, "LUKKET PUNKT - …",
"Beslutning i <udvalg> den <dato>:", "Deltagere:" lists with "(A), Formand"
suffixes, "Afbud fra:", "X deltog ikke i behandlingen af punkt: 2, 4", and
an agenda (dagsorden) without decisions.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from medref.documents import DocumentKind, MeetingDocument, Participant, SectionKind
from medref.importers import parse_file, parse_text

LAYOUTS = Path(__file__).resolve().parents[1] / "fixtures" / "layouts"


@pytest.fixture(scope="module")
def numbered() -> MeetingDocument:
    return parse_file(LAYOUTS / "numbered-items.txt")


@pytest.fixture(scope="module")
def portal() -> MeetingDocument:
    return parse_file(LAYOUTS / "portal-agenda.md")


def test_a_title_on_two_lines_and_separate_date_and_time(numbered: MeetingDocument) -> None:
    assert numbered.kind == DocumentKind.MINUTES
    assert numbered.committee == "FagMED Social og Sundhed"
    assert numbered.meeting_date == dt.date(2025, 3, 12)
    assert (numbered.start_time, numbered.end_time) == (dt.time(13, 0), dt.time(15, 0))
    assert numbered.location == "Rådhuset, lokale 1.12"


def test_roles_after_commas_belong_to_the_name_before(numbered: MeetingDocument) -> None:
    assert numbered.participants == (
        Participant("Jens Hansen", "A, Formand"),
        Participant("Mette Jensen", "V, Næstformand"),
        Participant("Ole Sørensen"),
        Participant("Kirsten Lund"),
    )
    assert numbered.minute_taker == "Kirsten Lund"
    assert numbered.absent == ("Ole Sørensen",)
    assert numbered.present == ("Jens Hansen", "Mette Jensen", "Kirsten Lund")


def test_numbered_items_with_labelled_case_numbers(numbered: MeetingDocument) -> None:
    assert [(i.number, i.title, i.case_number, i.closed) for i in numbered.items] == [
        (1, "Godkendelse af dagsorden", "81.16.00-G01-3-25", False),
        (2, "Sygefravær 4. kvartal 2024", "2024-018877", False),
        (3, "Personalesag", "2025-000123", True),
        (4, "Eventuelt", "81.16.00-G01-3-25", False),
    ]
    assert [t.page for t in numbered.toc] == [2, 3, 4, 5]
    assert numbered.toc[2].title == "LUKKET PUNKT - Personalesag"


def test_vendor_section_names_and_dated_decision_headings(numbered: MeetingDocument) -> None:
    item = numbered.item(2)
    assert item is not None
    assert [(s.kind, s.heading) for s in item.sections] == [
        (SectionKind.SUMMARY, "Resume"),
        (SectionKind.OTHER, "Baggrund"),
        (SectionKind.OTHER, "Økonomi"),
        (SectionKind.RECOMMENDATION, "Indstilling"),
        (SectionKind.DECISION, "Beslutning i FagMED Social og Sundhed den 12. marts 2025:"),
    ]
    assert numbered.item(1).sections[0].heading == "Beslutningstema"  # type: ignore[union-attr]


def test_inline_first_clause_and_numbered_clauses(numbered: MeetingDocument) -> None:
    first = numbered.item(1)
    second = numbered.item(2)
    assert first is not None and first.recommendation is not None
    assert first.recommendation.proposer == "Direktøren"
    assert first.recommendation.clauses == ("at dagsordenen godkendes.",)
    assert second is not None and second.recommendation is not None
    assert second.recommendation.numbered
    assert second.recommendation.clauses == (
        "at orienteringen tages til efterretning",
        "at udvalget drøfter indsatsen mod langtidsfravær",
    )


def test_absence_per_item_from_a_fravaerende_block_and_a_named_list(
    numbered: MeetingDocument,
) -> None:
    """ "Fraværende:" with the names below, and "deltog ikke i behandlingen af punkt: 2, 4"."""
    assert [i.absent for i in numbered.items] == [
        (),
        ("Ole Sørensen", "Mette Jensen"),
        (),
        ("Mette Jensen",),
    ]


def test_dok_nr_and_aabent_lines_are_not_text(numbered: MeetingDocument) -> None:
    text = repr(numbered.items)
    assert "Dok.nr" not in text
    assert "Åbent" not in text


def test_a_portal_agenda(portal: MeetingDocument) -> None:
    assert portal.kind == DocumentKind.AGENDA
    assert portal.committee == "LokalMED Hjemmeplejen Syd"
    assert portal.meeting_date == dt.date(2025, 6, 3)
    assert (portal.start_time, portal.end_time) == (dt.time(14, 0), dt.time(16, 0))
    assert portal.location == "Mødelokale A, Sundhedshuset"
    assert portal.participants == (
        Participant("Anne Holm", "Forperson"),
        Participant("Bo Nielsen", "AMR"),
        Participant("Camilla Friis", "TR"),
        Participant("Dorthe Vang"),
    )
    assert portal.absent == ("Dorthe Vang",)
    assert not any(s.kind == SectionKind.DECISION for i in portal.items for s in i.sections)


def test_pkt_headings_and_a_closed_title(portal: MeetingDocument) -> None:
    assert [(i.number, i.title, i.closed) for i in portal.items] == [
        (1, "Godkendelse af dagsorden", False),
        (2, "Arbejdsmiljø og trivsel", False),
        (3, "Omplacering", True),
    ]
    second = portal.item(2)
    assert second is not None and second.recommendation is not None
    assert second.recommendation.clauses == (
        "at status tages til efterretning",
        "at arbejdsmiljøgruppen følger op i september",
    )
    assert [a.title for a in second.attachments] == ["APV 2025 handleplan", "Trivselsmåling 2025"]
    assert [s.kind for s in second.sections] == [
        SectionKind.SUMMARY,
        SectionKind.OTHER,
        SectionKind.RECOMMENDATION,
        SectionKind.ATTACHMENTS,
    ]
    assert portal.item(1).sections[0].kind == SectionKind.CASE  # type: ignore[union-attr]


def test_an_unknown_heading_where_a_section_starts_is_a_generic_section() -> None:
    doc = parse_text(
        "# Referat FagMED Økonomi d. 01-02-2025\n\n## Punkt 1: Status\n\n"
        "### Lokale forhold\n\nTekst.\n\n### Beslutning\n\nTaget til efterretning.\n",
        "md",
    )
    assert [(s.kind, s.heading) for s in doc.items[0].sections] == [
        (SectionKind.OTHER, "Lokale forhold"),
        (SectionKind.DECISION, "Beslutning"),
    ]


def test_a_sentence_starting_with_punkt_is_not_an_item() -> None:
    doc = parse_text(
        "REFERAT FagMED Økonomi d. 01-02-2025\n\nPunkt 1: Eventuelt\n\nBeslutning\n\n"
        "Punkt 5 tages op igen i januar.\n",
        "txt",
    )
    assert [i.number for i in doc.items] == [1]


def test_a_lone_numbered_line_is_not_an_item() -> None:
    """Without "Punkt N", numbered items must run on: "1. januar …" alone is text."""
    doc = parse_text(
        "REFERAT FagMED Økonomi d. 01-02-2025\n\nPunkt 1: Status\n\nSagsfremstilling\n\n"
        "1. januar 2027: Driftscentre etableres.\n",
        "txt",
    )
    assert [i.number for i in doc.items] == [1]
