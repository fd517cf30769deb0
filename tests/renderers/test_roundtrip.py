"""parse(render(doc)) == doc for the formats medref both reads and writes."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from medref.documents import MeetingDocument
from medref.importers import parse_file, parse_text
from medref.renderers import render
from tests.documents.strategies import meeting_documents

DEMO = Path(__file__).resolve().parents[2] / "medref" / "demo"
EXAMPLES = sorted(DEMO.iterdir())

ROUND_TRIP = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@ROUND_TRIP
@given(meeting_documents(headings=True))
def test_markdown_round_trip(doc: MeetingDocument) -> None:
    assert parse_text(render(doc, "md"), "md") == doc


@ROUND_TRIP
@given(meeting_documents(headings=False))
def test_text_round_trip(doc: MeetingDocument) -> None:
    """Plain text has no sub-headings, so the strategy leaves them out."""
    assert parse_text(render(doc, "txt"), "txt") == doc


@pytest.mark.parametrize("fmt", ["md", "txt"])
@pytest.mark.parametrize("path", [p for p in EXAMPLES if p.suffix == ".txt"], ids=lambda p: p.name)
def test_the_text_examples_survive_both_formats(path: Path, fmt: str) -> None:
    doc = parse_file(path)
    assert parse_text(render(doc, fmt), fmt) == doc


def test_the_markdown_example_survives_markdown() -> None:
    doc = parse_file(DEMO / "referat-lokalmed-borgerservice-2025-06-20.md")
    assert parse_text(render(doc, "md"), "md") == doc


def test_plain_text_turns_sub_headings_into_paragraphs() -> None:
    """The one thing plain text cannot carry: everything else survives."""
    doc = parse_file(DEMO / "referat-lokalmed-borgerservice-2025-06-20.md")
    back = parse_text(render(doc, "txt"), "txt")
    assert back != doc
    assert back.absent == doc.absent and back.substitutes == doc.substitutes
    assert [i.recommendation for i in back.items] == [i.recommendation for i in doc.items]
    assert [i.attachments for i in back.items] == [i.attachments for i in doc.items]
    assert [[s.kind for s in i.sections] for i in back.items] == [
        [s.kind for s in i.sections] for i in doc.items
    ]


def test_rendered_text_reads_like_the_fagmed_minutes() -> None:
    """The text renderer writes the layout of the source it was read from."""
    source = (DEMO / "referat-fagmed-oekonomi-2025-10-08.txt").read_text(encoding="utf-8")
    rendered = render(parse_file(DEMO / "referat-fagmed-oekonomi-2025-10-08.txt"), "txt")
    for line in (
        "REFERAT FagMED Økonomi d. 08-10-2025",
        "Mødedato Onsdag d. 08. oktober 2025 kl. 13:00",
        "Mødested Mødelokale 2225",
        "Arbejds miljø.....\t6",
        "Punkt 24: Arbejdsmiljø",
        "Stabschef for Strategi og Udbud indstiller,",
        "1.000 kr.\tKorrigerede budget pr. 30/6-25\tForventet regnskab\t"
        "Forventet overførsel til 2026\tMer(+)/mindre(-) forbrug",
        " - Vi har et godt udgangspunkt for arbejdet. Målinger viser høj brugertilfredshed, "
        "afdelingen har et højt vidensniveau og en ret høj anciennitet.",
    ):
        assert line in source.split("\n")
        assert line in rendered.split("\n")


def test_rendered_markdown_reads_like_the_lokalmed_minutes() -> None:
    rendered = render(parse_file(DEMO / "referat-lokalmed-borgerservice-2025-06-20.md"), "md")
    lines = rendered.split("\n")
    assert lines[0] == "# REFERAT LokalMED Borgerservice d. 20-06-2025"
    assert "**Mødedato** Fredag d. 20. juni 2025 kl. 09:00" in lines
    assert "## Punkt 12: Orientering fra formand og næstformand" in lines
    assert "FagMED\\_Kultur\\_&\\_Borgerservice-Dagsorden 110625" in lines
    assert "**Fraværende** Cathrin Borregaard Andersen" in lines
    assert "  - Personalenytt" in lines
