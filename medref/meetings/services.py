"""Writes to meetings: one function per action, each in one transaction.

This module imports documents; the editor's actions (schedule_meeting,
add_item, send_agenda, record_attendance, write_decision, approve_minutes,
…) are in ``medref.meetings.workflow``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from django.db import transaction
from django.utils import timezone

from medref.accounts.permissions import Action, raise_unless
from medref.documents.model import DocumentKind, MeetingDocument
from medref.lib.danish import format_short_date
from medref.organisation.models import Committee, Municipality
from medref.organisation.names import committee_named
from medref.organisation.services import ensure_committee, ensure_municipality
from medref.search.services import index_meeting

from . import mapping, statuses
from .models import Meeting, MeetingEvent
from .workflow import history

if TYPE_CHECKING:
    from medref.accounts.permissions import AnyUser

ImportStatus = Literal["imported", "unchanged", "replaced"]


@dataclass(frozen=True)
class ImportResult:
    status: ImportStatus
    meeting: Meeting


class ImportRefused(Exception):
    """An import that would not do what its caller meant; nothing was written."""


class ImportConflict(ImportRefused):
    """The meeting already exists, imported from a different file."""

    def __init__(self, meeting: Meeting, source_name: str) -> None:
        self.meeting = meeting
        self.source_name = source_name
        previous = meeting.source_name or "en anden kilde"
        super().__init__(
            f"{meeting.committee.name} d. {format_short_date(meeting.meeting_date)} er allerede "
            f"importeret fra {previous}"
        )


class MunicipalityMismatch(ImportRefused):
    """The document names another municipality than the one it is imported into."""

    def __init__(self, stated: str, wanted: str) -> None:
        super().__init__(f"filen er fra {stated}, ikke {wanted}")


# What an undated file becomes: held back from the public until the secretary
# dates it on the gennemsyn page (then "Send dagsorden" or "Offentliggør referat").
_UNDATED_STATUS = {
    DocumentKind.AGENDA: statuses.PLANNED,
    DocumentKind.MINUTES: statuses.MINUTES_APPROVED,
}
# Who may store a file of each kind (the same right as sending or publishing it).
_IMPORT_ACTION = {
    DocumentKind.AGENDA: Action.SEND_AGENDA,
    DocumentKind.MINUTES: Action.PUBLISH_MINUTES,
}


def _existing_meeting(doc: MeetingDocument, municipality_name: str) -> Meeting | None:
    """The meeting ``doc`` would become, looked up without writing anything."""
    if doc.meeting_date is None:
        return None  # an undated file is recognised by its hash only (imports.py)
    # The committee as ensure_committee finds it (case and spacing aside), so
    # "FAGMED ØKONOMI" in a file meets the meeting of "FagMED Økonomi".
    committee = committee_named(
        Committee.objects.filter(municipality__name=municipality_name), doc.committee
    )
    if committee is None:
        return None
    return (
        Meeting.objects.select_related("committee__municipality")
        .filter(committee=committee, meeting_date=doc.meeting_date)
        .first()
    )


@transaction.atomic
def import_document(
    doc: MeetingDocument,
    *,
    municipality_name: str,
    source_name: str,
    source_sha256: str,
    replace: bool = False,
    needs_review: bool = False,
    actor: AnyUser | None = None,
) -> ImportResult:
    """Store a parsed document as a meeting; idempotent and all-or-nothing.

    The municipality and committee are found by name or created; people are
    matched by name among the municipality's persons, never duplicated.
    ``actor`` is the user importing (who must be allowed to send the agenda
    or publish the minutes in the committee), or None for the system (the
    ``medref import`` command). The meeting's history gets one ``IMPORTED``
    event naming the file ("importeret fra FIL af …").

    A document without a date (``doc.meeting_date is None``) is stored
    without one, never with a guessed date: marked ``needs_review`` and held
    back from the public (``_UNDATED_STATUS``) until the secretary dates it.

    - The same file again (same sha256 for that committee and date):
      ``unchanged``, and nothing is written.
    - A different file for an existing meeting: ``ImportConflict``, unless
      ``replace``; then the meeting keeps its id and its content is replaced.
    - Any error rolls everything back, including new people and committees.
    """
    if doc.municipality is not None and doc.municipality != municipality_name:
        raise MunicipalityMismatch(doc.municipality, municipality_name)
    existing = _existing_meeting(doc, municipality_name)
    if existing is not None:
        if existing.source_sha256 == source_sha256:
            return ImportResult("unchanged", existing)
        if not replace:
            raise ImportConflict(existing, source_name)
        committee: Committee = existing.committee
    else:
        municipality: Municipality = ensure_municipality(municipality_name)
        committee = ensure_committee(municipality, doc.committee)
    if actor is not None:
        raise_unless(actor, _IMPORT_ACTION[doc.kind], committee)
    meeting = mapping.from_document(doc, committee=committee, meeting=existing)
    meeting.source_name = source_name
    meeting.source_sha256 = source_sha256
    meeting.imported_at = timezone.now()
    # The file had warnings, or no date: "til gennemsyn".
    meeting.needs_review = needs_review or doc.meeting_date is None
    if doc.meeting_date is None:
        meeting.status = _UNDATED_STATUS[doc.kind]
    meeting.save(
        update_fields=["source_name", "source_sha256", "imported_at", "needs_review", "status"]
    )
    status: ImportStatus = "replaced" if existing is not None else "imported"
    details: dict[str, Any] = {"file": source_name}
    if status == "replaced":
        details["replaced"] = True
    if meeting.needs_review:
        details["needs_review"] = True
    history.record(meeting, MeetingEvent.Action.IMPORTED, actor, **details)
    index_meeting(meeting)  # same transaction: a failed import leaves no index rows
    return ImportResult(status, meeting)
