"""Documents built by hand for the page tests, stored through the meetings service."""

from __future__ import annotations

import datetime as dt
import hashlib

from medref.documents.model import (
    AgendaItem,
    Attachment,
    BulletList,
    DocumentKind,
    Heading,
    ListItem,
    MeetingDocument,
    Paragraph,
    Participant,
    Recommendation,
    Section,
    SectionKind,
    Table,
)
from medref.meetings.models import Meeting
from medref.meetings.services import import_document
from medref.organisation.models import Committee
from medref.organisation.services import ensure_committee, ensure_municipality

MUNICIPALITY = "Vejle Kommune"


def make_item(number: int, *, closed: bool = False, numbered: bool = False) -> AgendaItem:
    """An item with every kind of block, a recommendation, a bilag and a Fraværende line."""
    return AgendaItem(
        number=number,
        title=f"Emne nummer {number}",
        case_number="81.16.00-G01-2-25",
        closed=closed,
        sections=(
            Section(
                SectionKind.CASE,
                "Sagsfremstilling",
                (
                    Paragraph("Referatet kan læses [her](https://example.org/referat)."),
                    Heading("Status fra IT"),
                    BulletList(
                        (
                            ListItem("Vi er én afdeling", (ListItem("Underpunkt"),)),
                            ListItem("Vi løfter i flok"),
                        )
                    ),
                    BulletList((ListItem("Første"), ListItem("Anden")), ordered=True),
                    Table(
                        (
                            ("1.000 kr.", "Korrigerede budget", "Forventet regnskab"),
                            ("Økonomi & Administration", "265.786", "202.740"),
                        )
                    ),
                ),
            ),
            Section(SectionKind.RECOMMENDATION, "Indstilling"),
            Section(SectionKind.DECISION, "Beslutning", (Paragraph("FagMED godkendte punktet."),)),
            Section(SectionKind.ATTACHMENTS, "Bilag"),
        ),
        recommendation=Recommendation(
            "Stabschef for Strategi og Udbud",
            ("at FagMED godkender dagsordenen.", "at orienteringen tages til efterretning."),
            numbered=numbered,
        ),
        attachments=(Attachment("Måltal"),),
        absent=("Cathrin Borregaard Andersen",),
        substitutes=("Betina Bjerrisgaard",),
    )


def make_document(
    items: int | tuple[AgendaItem, ...] = 2,
    *,
    committee: str = "FagMED Økonomi",
    kind: DocumentKind = DocumentKind.MINUTES,
    meeting_date: dt.date = dt.date(2025, 10, 8),
) -> MeetingDocument:
    """Minutes like FagMED Økonomi's, with ``items`` items (numbered from 21) or these items."""
    return MeetingDocument(
        kind=kind,
        committee=committee,
        meeting_date=meeting_date,
        start_time=dt.time(13, 0),
        location="Mødelokale 2225",
        participants=(
            Participant("Marie Aasøe", "Afdelingschef for Økonomi & Stab"),
            Participant("Pernille Løvendahl Carlsen", "Personaleadministrativ konsulent"),
        ),
        absent=("Morten Michaelsen",),
        substitutes=("Kristinna Andersen",),
        minute_taker="Pernille Løvendahl Carlsen",
        items=(
            items
            if isinstance(items, tuple)
            else tuple(make_item(21 + n, numbered=n % 2 == 1) for n in range(items))
        ),
    )


def store(doc: MeetingDocument) -> Meeting:
    """Import ``doc`` through the meetings service, as the CLI would."""
    digest = hashlib.sha256(repr(doc).encode()).hexdigest()
    result = import_document(
        doc, municipality_name=MUNICIPALITY, source_name="test", source_sha256=digest
    )
    return result.meeting


def build_tree(municipality_name: str = "Vejle Kommune") -> dict[str, Committee]:
    """HovedMED → FagMED → LokalMED and AfdelingsMED, as in Vejle's minutes."""
    municipality = ensure_municipality(municipality_name)
    top = ensure_committee(municipality, "HovedMED", level=Committee.Level.HOVEDMED)
    fag = ensure_committee(municipality, "FagMED Økonomi", parent=top)
    lokal = ensure_committee(municipality, "LokalMED Borgerservice", parent=fag)
    afdeling = ensure_committee(municipality, "AfdelingsMED Økonomi & Stab", parent=fag)
    return {"hoved": top, "fag": fag, "lokal": lokal, "afdeling": afdeling}
