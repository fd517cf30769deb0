"""What one reader may see of a meeting's document.

``medref.accounts.scope.ReaderScope`` decides *whether* a reader sees a
meeting, its closed items and its decisions (``permissions.meeting_access``
is its answer for one meeting); this module does *what* follows: the one
place that cuts a ``MeetingDocument`` down for a reader, used by the meeting
page and its files alike (``ReaderScope.document`` calls it too).
"""

from __future__ import annotations

from dataclasses import replace

from medref.documents.model import AgendaItem, DocumentKind, MeetingDocument, SectionKind
from medref.documents.public import public_version

from .permissions import MeetingAccess


def _agenda_item(item: AgendaItem) -> AgendaItem:
    sections = tuple(s for s in item.sections if s.kind != SectionKind.DECISION)
    return replace(item, sections=sections, absent=(), substitutes=())


def agenda_version(doc: MeetingDocument) -> MeetingDocument:
    """The agenda the minutes grew from: no decisions and no record of who came.

    Whatever the document's kind: a meeting whose agenda is sent (or that is
    held) has an agenda-kind document, yet its decisions, attendance and
    per-item absence are written into it from the day the agenda goes out.
    They are cut here too, so they stay with those who may see drafts.
    Once attendance is recorded (``present`` is a list) the Mødedeltagere are
    those who came, so they go too; an agenda's invited participants stay.
    """
    return replace(
        doc,
        kind=DocumentKind.AGENDA,
        participants=() if doc.present is not None else doc.participants,
        present=None,
        absent=(),
        absent_without_notice=(),
        substitutes=(),
        items=tuple(_agenda_item(item) for item in doc.items),
    )


def visible_document(doc: MeetingDocument, access: MeetingAccess) -> MeetingDocument:
    """``doc`` as the reader with ``access`` may see it (closed items, decisions)."""
    if not access.view:
        raise ValueError("visible_document: the reader may not see this meeting at all")
    if not access.decisions:
        doc = agenda_version(doc)
    if not access.closed:
        doc = public_version(doc)
    return doc
