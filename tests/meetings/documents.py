"""Hand-built documents that between them use every field of MeetingDocument."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

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
    TocEntry,
)

COMMITTEE = "FagMED Økonomi"
MUNICIPALITY = "Vejle Kommune"


def full_minutes() -> MeetingDocument:
    """Minutes with every field set, nested lists, a table and a closed item."""
    return MeetingDocument(
        kind=DocumentKind.MINUTES,
        committee=COMMITTEE,
        meeting_date=dt.date(2025, 10, 8),
        start_time=dt.time(13, 0),
        end_time=dt.time(15, 30),
        location="Mødelokale 2225",
        municipality=MUNICIPALITY,
        participants=(
            Participant("Marie Aasøe", "Afdelingschef for Økonomi & Stab"),
            Participant("Maria Aasøe", ""),
            Participant("Lars Kragh Hansen", None),
            Participant("Pernille Løvendahl Carlsen", "Personaleadministrativ konsulent"),
        ),
        present=("Maria Aasøe", "Marie Aasøe", "Pernille Løvendahl Carlsen"),
        absent=("Lars Kragh Hansen", "Sarah Gaarde"),
        substitutes=("Betina Bjerrisgaard",),
        minute_taker="Pernille Løvendahl Carlsen",
        toc=(TocEntry("Godkendelse af dagsorden", 3), TocEntry("Eventuelt", None)),
        items=(
            AgendaItem(
                number=21,
                title="Godkendelse af dagsorden",
                case_number="81.38.05-G01-4-24",
                sections=(
                    Section(
                        SectionKind.RECOMMENDATION, "Indstilling", (Paragraph("Efter mødet."),)
                    ),
                    Section(
                        SectionKind.CASE,
                        "Sagsfremstilling",
                        (
                            Heading("Status fra IT"),
                            Paragraph("Se [her](https://example.org/a)."),
                            BulletList(
                                (
                                    ListItem("Første", (ListItem("Under", (ListItem("Dybt"),)),)),
                                    ListItem("Anden"),
                                ),
                                ordered=True,
                            ),
                            Table((("Enhed", "Dage"), ("ØS", "8,1"), ("IT", ""))),
                        ),
                    ),
                    Section(SectionKind.DECISION, "Beslutning", (Paragraph("Godkendt."),)),
                    Section(SectionKind.ATTACHMENTS, "Bilag"),
                    Section(SectionKind.OTHER, "Økonomi", (BulletList((ListItem("x"),)),)),
                ),
                recommendation=Recommendation(
                    "Afdelingschefen for Økonomi & Stab",
                    ("at dagsorden godkendes", "at referat godkendes"),
                    numbered=True,
                ),
                attachments=(
                    Attachment("ØSMED Referat 03102025"),
                    Attachment("Budget 2026", "bilag/budget-2026.pdf"),
                ),
                absent=("Cathrin Borregaard Andersen",),
                substitutes=("Betina Bjerrisgaard",),
            ),
            AgendaItem(
                number=22,
                title="Personalesag",
                closed=True,
                case_number="",
                recommendation=Recommendation("Direktøren", ("at sagen drøftes",)),
            ),
            AgendaItem(number=23, title="Eventuelt", recommendation=Recommendation("", ())),
        ),
    )


def agenda() -> MeetingDocument:
    """An agenda: attendance not recorded, no minute taker, few fields set."""
    return MeetingDocument(
        kind=DocumentKind.AGENDA,
        committee=COMMITTEE,
        meeting_date=dt.date(2025, 12, 3),
        items=(AgendaItem(number=31, title="Godkendelse af dagsorden"),),
    )


def with_items(count: int, *, first_number: int = 1) -> MeetingDocument:
    """Full minutes with ``count`` copies of the first item, numbered on."""
    doc = full_minutes()
    template = doc.items[0]
    return replace(
        doc,
        items=tuple(replace(template, number=first_number + i) for i in range(count)),
    )
