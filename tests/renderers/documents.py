"""Documents the HTML and PDF renderer tests share."""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from pathlib import Path

from medref.documents import (
    AgendaItem,
    DocumentKind,
    MeetingDocument,
    Paragraph,
    Section,
    SectionKind,
)
from medref.importers import parse_file

DEMO = Path(__file__).resolve().parents[2] / "medref" / "demo"
EXAMPLES = sorted(DEMO.iterdir())
FAGMED = DEMO / "referat-fagmed-oekonomi-2025-10-08.txt"
# Words that occur nowhere else: none of them may reach a public version.
SECRET_WORDS = ("Zebrafinkesagen", "Blæksprutteudvalget", "Hemmeligholdt", "81.99.99-X99-9-99")


@cache
def fagmed() -> MeetingDocument:
    return parse_file(FAGMED)


def with_closed_item() -> MeetingDocument:
    """The FagMED minutes with item 25 made a closed personnel case."""
    doc = fagmed()
    closed = AgendaItem(
        number=25,
        title="Zebrafinkesagen",
        case_number="81.99.99-X99-9-99",
        closed=True,
        sections=(
            Section(
                SectionKind.CASE,
                "Sagsfremstilling",
                (Paragraph("Blæksprutteudvalget drøftede en Hemmeligholdt personalesag."),),
            ),
        ),
        absent=("Hemmeligholdt Person",),
    )
    items = tuple(closed if item.number == 25 else item for item in doc.items)
    return replace(doc, items=items)


def agenda() -> MeetingDocument:
    """The FagMED meeting as its dagsorden: no decisions yet, nobody recorded."""
    doc = fagmed()
    items = tuple(
        replace(item, sections=tuple(s for s in item.sections if s.kind != SectionKind.DECISION))
        for item in doc.items
    )
    return replace(doc, kind=DocumentKind.AGENDA, items=items, present=None, absent=())
