"""What other apps call to have a mail sent (after their transaction commits).

The meetings' actions call these explicitly, inside their transaction (no
signal): ``queue_for_event`` with the event a step or an approval recorded,
``supplement_sent`` with the tillægsdagsorden sent. ``transaction.on_commit``
holds the mail back until the action commits, so a rolled-back action sends
nothing.
"""

from __future__ import annotations

from django.db import transaction

from medref.meetings.models import MeetingEvent

from .kinds import Kind

Event = MeetingEvent.Action
# The recorded meeting events that mail, and which mail each sends.
MAILS: dict[str, Kind] = {
    Event.AGENDA_SENT: Kind.AGENDA_SENT,
    Event.MINUTES_SUBMITTED: Kind.MINUTES_FOR_APPROVAL,
    Event.MINUTES_APPROVED: Kind.MINUTES_APPROVED,
    Event.MINUTES_PUBLISHED: Kind.MINUTES_PUBLISHED,
}


def enqueue(kind: Kind, object_id: int) -> None:
    """``fan_out`` once the current transaction commits (at once outside one)."""
    from .tasks import fan_out

    transaction.on_commit(lambda: fan_out.enqueue(kind.value, object_id))


def queue_for_event(event: MeetingEvent) -> None:
    """The mail a meeting's recorded event sends: agenda sent, minutes submitted,
    approved or published (``MAILS``), and a sent agenda's meeting moved
    (``MEETING_EDITED`` with ``after_sending``: the new invitation). Any other
    event sends nothing."""
    kind = MAILS.get(event.action)
    moved = event.action == Event.MEETING_EDITED and bool(
        isinstance(event.details, dict) and event.details.get("after_sending")
    )
    if moved:
        kind = Kind.MEETING_CHANGED
    if kind is not None:
        enqueue(kind, event.meeting_id)


def supplement_sent(supplement_id: int) -> None:
    """A tillægsdagsorden went out: its mail names that version (``AgendaSupplement``)."""
    enqueue(Kind.SUPPLEMENT_SENT, supplement_id)


def comment_written(comment_id: int) -> None:
    """A comment on an item: the committee's secretary is told."""
    enqueue(Kind.COMMENT, comment_id)


def subscription_made(subscription_id: int) -> None:
    """A citizen asked for the minutes: the confirmation mail (double opt-in)."""
    from .mail import CONFIRM
    from .tasks import deliver

    transaction.on_commit(
        lambda: deliver.enqueue(CONFIRM, subscription_id, f"sub:{subscription_id}")
    )
