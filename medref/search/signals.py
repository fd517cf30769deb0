"""Index upkeep for edits: every workflow action records a MeetingEvent.

An event that changed what a meeting says re-indexes the meeting at once, in
the action's own transaction. Removals are recorded before the row goes, so
those re-index once the transaction commits. Status changes need nothing:
searches read the meeting's status live. Imports call ``index_meeting``
themselves (``meetings.services.import_document``).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from medref.meetings.models import Meeting, MeetingEvent
from medref.search.services import index_meeting

Event = MeetingEvent.Action
STATUS_ONLY = frozenset(
    {
        Event.AGENDA_SENT,
        Event.ATTENDANCE_RECORDED,
        Event.HELD,
        Event.MINUTES_SUBMITTED,
        Event.MINUTES_APPROVED,
        Event.MINUTES_PUBLISHED,
    }
)
REMOVALS = frozenset({Event.ITEM_REMOVED, Event.SECTION_REMOVED, Event.ATTACHMENT_REMOVED})


def _reindex(meeting_id: int) -> None:
    with transaction.atomic():
        meeting = Meeting.objects.select_related("committee").filter(pk=meeting_id).first()
        if meeting is not None:
            index_meeting(meeting)


@receiver(post_save, sender=MeetingEvent, dispatch_uid="search-reindex-on-event")
def reindex_on_event(sender: Any, instance: MeetingEvent, created: bool, **kwargs: Any) -> None:
    if not created or instance.action in STATUS_ONLY:
        return
    if instance.action in REMOVALS:
        transaction.on_commit(lambda: _reindex(instance.meeting_id))
    else:
        _reindex(instance.meeting_id)
