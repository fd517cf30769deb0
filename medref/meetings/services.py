"""Writes to meetings: one function per action, each in one transaction.

This module imports documents; the editor's actions (schedule_meeting,
add_item, send_agenda, record_attendance, write_decision, approve_minutes,
…) are in ``medref.meetings.workflow``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from django.db import transaction
from django.utils import timezone

from medref.documents.model import MeetingDocument
from medref.organisation.models import Committee, Municipality
from medref.organisation.services import ensure_committee, ensure_municipality
from medref.search.services import index_meeting

from . import mapping
from .models import Meeting

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
            f"{meeting.committee.name} d. {meeting.meeting_date:%d-%m-%Y} er allerede "
            f"importeret fra {previous}"
        )


class MunicipalityMismatch(ImportRefused):
    """The document names another municipality than the one it is imported into."""

    def __init__(self, stated: str, wanted: str) -> None:
        super().__init__(f"filen er fra {stated}, ikke {wanted}")


def _existing_meeting(doc: MeetingDocument, municipality_name: str) -> Meeting | None:
    """The meeting ``doc`` would become, looked up without writing anything."""
    if doc.meeting_date is None:
        return None  # a meeting always has a date
    return (
        Meeting.objects.select_related("committee__municipality")
        .filter(
            committee__municipality__name=municipality_name,
            committee__name=doc.committee,
            meeting_date=doc.meeting_date,
        )
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
) -> ImportResult:
    """Store a parsed document as a meeting; idempotent and all-or-nothing.

    The municipality and committee are found by name or created; people are
    matched by name among the municipality's persons, never duplicated.

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
    meeting = mapping.from_document(doc, committee=committee, meeting=existing)
    meeting.source_name = source_name
    meeting.source_sha256 = source_sha256
    meeting.imported_at = timezone.now()
    meeting.needs_review = needs_review  # the file had warnings: "til gennemsyn"
    meeting.save(update_fields=["source_name", "source_sha256", "imported_at", "needs_review"])
    index_meeting(meeting)  # same transaction: a failed import leaves no index rows
    return ImportResult("replaced" if existing is not None else "imported", meeting)
