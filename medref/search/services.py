"""Index upkeep: a meeting's entries are rebuilt in the caller's transaction."""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction

from medref.meetings.models import Meeting
from medref.search.models import SearchEntry
from medref.search.query import index_text


def _entry(meeting: Meeting, **fields: object) -> SearchEntry:
    text = str(fields.get("text", ""))
    heading = str(fields.get("heading", ""))
    return SearchEntry(
        meeting=meeting,
        committee_id=meeting.committee_id,
        meeting_date=meeting.meeting_date,
        stemmed=f" {index_text(heading)} {index_text(text)} ",
        **fields,
    )


def index_meeting(meeting: Meeting) -> int:
    """Replace the meeting's entries with fresh ones; returns how many."""
    unindex_meeting(meeting)
    committee = meeting.committee
    header = f"{committee.name} {meeting.meeting_date:%d-%m-%Y} {meeting.location or ''}"
    entries = [_entry(meeting, kind=SearchEntry.Kind.MEETING, heading=committee.name, text=header)]
    items = meeting.items.prefetch_related("sections", "attachments")
    for item in items:
        common = {"item": item, "closed": item.closed}
        entries.append(_entry(meeting, kind=SearchEntry.Kind.ITEM, heading=item.title, **common))
        for section in item.sections.all():
            entries.append(
                _entry(
                    meeting,
                    kind=SearchEntry.Kind.SECTION,
                    section_kind=section.kind,
                    heading=section.heading,
                    text=section.text,
                    **common,
                )
            )
        for attachment in item.attachments.all():
            entries.append(
                _entry(
                    meeting, kind=SearchEntry.Kind.ATTACHMENT, heading=attachment.title, **common
                )
            )
    SearchEntry.objects.bulk_create(entries)
    return len(entries)


def unindex_meeting(meeting: Meeting) -> None:
    """Drop the meeting's entries."""
    SearchEntry.objects.filter(meeting=meeting).delete()


def reindex_all(progress: Callable[[int, int], None] | None = None) -> int:
    """Rebuild the whole index from scratch; calls progress(done, total)."""
    meetings = Meeting.objects.select_related("committee").order_by("id")
    total = meetings.count()
    count = 0
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        for done, meeting in enumerate(meetings.iterator(), start=1):
            count += index_meeting(meeting)
            if progress is not None:
                progress(done, total)
    return count
