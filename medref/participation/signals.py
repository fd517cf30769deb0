"""A change of draft minutes resets the attendees' approvals made before it."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from medref.meetings import statuses
from medref.meetings.models import MeetingEvent

from .approval import reset_after_change

CHANGES = frozenset({MeetingEvent.Action.DECISION_WRITTEN, MeetingEvent.Action.ATTENDANCE_RECORDED})


@receiver(post_save, sender=MeetingEvent, dispatch_uid="participation.draft_changed")
def draft_changed(sender: Any, instance: MeetingEvent, created: bool, **kwargs: Any) -> None:
    if not created or instance.action not in CHANGES:
        return
    if instance.meeting.status != statuses.MINUTES_DRAFT:
        return
    reset_after_change(instance.meeting, instance.actor, str(instance.get_action_display()))
