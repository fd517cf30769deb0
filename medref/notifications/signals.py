"""Mails follow the meetings' history: a recorded event enqueues its mails after the commit."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from medref.meetings.models import MeetingEvent

from .kinds import Kind

Event = MeetingEvent.Action
MAILS = {
    Event.AGENDA_SENT: Kind.AGENDA_SENT,
    Event.MINUTES_SUBMITTED: Kind.MINUTES_FOR_APPROVAL,
    Event.MINUTES_APPROVED: Kind.MINUTES_APPROVED,
    Event.MINUTES_PUBLISHED: Kind.MINUTES_PUBLISHED,
}


def enqueue(kind: Kind, object_id: int) -> None:
    """``fan_out`` once the current transaction commits (at once outside one)."""
    from .tasks import fan_out

    transaction.on_commit(lambda: fan_out.enqueue(kind.value, object_id))


@receiver(post_save, sender=MeetingEvent, dispatch_uid="notifications.meeting_event")
def meeting_event(sender: Any, instance: MeetingEvent, created: bool, **kwargs: Any) -> None:
    if not created:
        return
    kind = MAILS.get(instance.action)  # type: ignore[call-overload]
    moved = instance.action == Event.MEETING_EDITED and bool(
        isinstance(instance.details, dict) and instance.details.get("after_sending")
    )
    if moved:  # a sent agenda's meeting moved: the recipients get the new invitation
        kind = Kind.MEETING_CHANGED
    if instance.action == Event.SUPPLEMENT_SENT:  # about the tillægsdagsorden, not the meeting
        _supplement_sent(instance)
    elif kind is not None:
        enqueue(kind, instance.meeting_id)


def _supplement_sent(event: MeetingEvent) -> None:
    """A tillægsdagsorden went out: its mail names that version (details.supplement)."""
    from medref.meetings.models import AgendaSupplement

    number = event.details.get("supplement") if isinstance(event.details, dict) else None
    if not isinstance(number, int):
        return
    found = AgendaSupplement.objects.filter(meeting_id=event.meeting_id, number=number).first()
    if found is not None:
        enqueue(Kind.SUPPLEMENT_SENT, found.pk)
