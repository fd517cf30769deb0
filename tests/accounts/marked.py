"""Meetings of FagMED Økonomi in every status, each piece carrying a marker word.

For the visibility tests (``test_scope.py``, ``test_reader_matrix.py``). Each
meeting has an open item (21) and a closed one (22), with a case text, a
decision and a bilag each, and attendance (a meeting-level afbud and each
item's Fraværende). Every piece's text holds a marker word made of its kind
and the meeting's status, e.g. ``qxbekazq`` for the open decision of the
planned meeting: words no dictionary knows, so search finds exactly them.

The expectation (who may see which kind) is written out here, by the
README's table, independently of the code under test.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from medref.documents.model import (
    AgendaItem,
    Attachment,
    DocumentKind,
    MeetingDocument,
    Paragraph,
    Participant,
    Section,
    SectionKind,
)
from medref.meetings import statuses
from medref.meetings.models import Meeting
from medref.meetings.services import import_document

STATUS_CODES = dict(zip(statuses.ORDER, ("ka", "ke", "ki", "ko", "ku", "ky"), strict=True))

# Marker kinds: where the word is written.
OPEN_CASE = "ab"  # the open item's title and case text
OPEN_BILAG = "ob"  # the open item's bilag title
OPEN_DECISION = "be"  # the open item's decision
CLOSED_CASE = "lu"  # the closed item's title and case text
CLOSED_BILAG = "bi"  # the closed item's bilag title
CLOSED_DECISION = "bl"  # the closed item's decision
ATTENDANCE = "fr"  # a meeting-level afbud and each item's Fraværende
KINDS = (
    OPEN_CASE,
    OPEN_BILAG,
    OPEN_DECISION,
    CLOSED_CASE,
    CLOSED_BILAG,
    CLOSED_DECISION,
    ATTENDANCE,
)

# Who is who (tests/personas.py), by what the README's table gives them in FagMED Økonomi.
EDITORS = frozenset({"sofie", "frank", "nanna", "anna", "root"})  # see planned meetings
DRAFT_READERS = frozenset(
    {"sofie", "frank", "nanna", "mads", "lene", "alma", "tage", "anna", "root"}
)
CLOSED_READERS = DRAFT_READERS | {"sara"}
OUTSIDERS = frozenset({"finn", "hanne", "ib", "otto", "anonymous"})
PERSONAS = tuple(sorted(CLOSED_READERS | OUTSIDERS))


def marker(kind: str, status: str) -> str:
    return f"qx{kind}{STATUS_CODES[status]}zq"


def case_number(status: str) -> str:
    return f"81.16.00-G01-{statuses.ORDER.index(status) + 1}-25"


def expected(persona: str, status: str, kind: str) -> bool:
    """Whether ``persona`` may read the ``kind`` marker of the meeting in ``status``."""
    meeting = status != statuses.PLANNED or persona in EDITORS
    closed = persona in CLOSED_READERS
    decisions = status in statuses.PUBLISHED_STATUSES or persona in DRAFT_READERS
    return (
        meeting
        and {
            OPEN_CASE: True,
            OPEN_BILAG: True,
            OPEN_DECISION: decisions,
            CLOSED_CASE: closed,
            CLOSED_BILAG: closed,
            CLOSED_DECISION: closed and decisions,
            ATTENDANCE: decisions,
        }[kind]
    )


def _item(number: int, status: str, *, closed: bool) -> AgendaItem:
    case, bilag, decision = (
        (CLOSED_CASE, CLOSED_BILAG, CLOSED_DECISION)
        if closed
        else (OPEN_CASE, OPEN_BILAG, OPEN_DECISION)
    )
    word = marker(case, status)
    return AgendaItem(
        number=number,
        title=f"Sagen om {word}",
        case_number=case_number(status),
        closed=closed,
        sections=(
            Section(SectionKind.CASE, "Sagsfremstilling", (Paragraph(f"Vi drøfter {word}."),)),
            Section(
                SectionKind.DECISION,
                "Beslutning",
                (Paragraph(f"FagMED besluttede {marker(decision, status)}."),),
            ),
            Section(SectionKind.ATTACHMENTS, "Bilag"),
        ),
        attachments=(Attachment(f"Oversigt {marker(bilag, status)}"),),
        absent=(f"Ulla {marker(ATTENDANCE, status).capitalize()}",),
    )


def document(status: str) -> MeetingDocument:
    return MeetingDocument(
        kind=DocumentKind.MINUTES,
        committee="FagMED Økonomi",
        meeting_date=dt.date(2025, 1 + statuses.ORDER.index(status), 8),
        start_time=dt.time(13, 0),
        location="Mødelokale 2225",
        participants=(Participant("Marie Aasøe", "Afdelingschef"),),
        absent=(f"Ulla {marker(ATTENDANCE, status).capitalize()}",),
        items=(_item(21, status, closed=False), _item(22, status, closed=True)),
    )


@dataclass(frozen=True)
class Marked:
    meetings: dict[str, Meeting]  # by status


def make_marked_meetings() -> Marked:
    """One stored meeting per status (through the import service, then set to that status)."""
    meetings: dict[str, Meeting] = {}
    for status in statuses.ORDER:
        doc = document(status)
        digest = hashlib.sha256(repr(doc).encode()).hexdigest()
        meeting = import_document(
            doc, municipality_name="Vejle Kommune", source_name="test", source_sha256=digest
        ).meeting
        Meeting.objects.filter(pk=meeting.pk).update(status=status)
        meeting.refresh_from_db()
        meetings[status] = meeting
    return Marked(meetings)
