"""Index upkeep for edits: every workflow action records a MeetingEvent.

An event that changed what a meeting says re-indexes at once, in the
action's own transaction: only the named item's entries when the action
touched that item alone, else the whole meeting. A bilag's text is read
after the commit (``extraction.schedule``), and its item indexed again.
Removals are recorded before the row goes, so those re-index once the
transaction commits. Status changes need nothing:
searches read the meeting's status live. Imports call ``index_meeting``
themselves (``meetings.services.import_document``).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from medref.meetings.models import AgendaItem, Meeting, MeetingEvent
from medref.search.extraction import schedule
from medref.search.services import index_item, index_meeting

Event = MeetingEvent.Action
STATUS_ONLY = frozenset(
    {
        Event.AGENDA_SENT,
        Event.ATTENDANCE_RECORDED,
        Event.HELD,
        Event.MINUTES_SUBMITTED,
        Event.MINUTES_APPROVED,
        Event.MINUTES_PUBLISHED,
        # A member's afbud and the attendees' approvals change nothing the index holds.
        Event.AFBUD_REPORTED,
        Event.ATTENDEE_APPROVED,
        Event.APPROVALS_RESET,
    }
)
REMOVALS = frozenset({Event.ITEM_REMOVED, Event.SECTION_REMOVED, Event.ATTACHMENT_REMOVED})
# Actions that change their item's rows and nothing else the index holds
# (renumbering other items is not indexed).
ITEM_ONLY = frozenset(
    {
        Event.ITEM_ADDED,
        Event.ITEM_EDITED,
        Event.SECTION_ADDED,
        Event.SECTION_EDITED,
        Event.RECOMMENDATION_SET,
        Event.DECISION_WRITTEN,
        Event.ATTACHMENT_ADDED,
    }
)


def _reindex(meeting_id: int) -> None:
    with transaction.atomic():
        meeting = Meeting.objects.select_related("committee").filter(pk=meeting_id).first()
        if meeting is not None:
            index_meeting(meeting)


def _reindex_item(item_id: int, meeting_id: int) -> None:
    try:
        with transaction.atomic():
            index_item(item_id)
    except AgendaItem.DoesNotExist:
        _reindex(meeting_id)


@receiver(post_save, sender=MeetingEvent, dispatch_uid="search-reindex-on-event")
def reindex_on_event(sender: Any, instance: MeetingEvent, created: bool, **kwargs: Any) -> None:
    if not created or instance.action in STATUS_ONLY:
        return
    if instance.action in REMOVALS:
        transaction.on_commit(lambda: _reindex(instance.meeting_id))
    elif instance.action in ITEM_ONLY and instance.item_id is not None:
        _reindex_item(instance.item_id, instance.meeting_id)
    else:
        _reindex(instance.meeting_id)
    if instance.action == Event.ATTACHMENT_ADDED or instance.action not in ITEM_ONLY:
        # The bilag's text is read once the action has committed (extraction.py).
        schedule(instance.meeting_id)
