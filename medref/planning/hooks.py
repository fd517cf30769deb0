"""What the meetings workflow tells the planning app, by explicit calls (no signals).

A follow-up put on an agenda (``services.accept_proposal``: status "on an
agenda", ``target_item`` the new item) is treated when that meeting's
minutes are **published**: the publish step calls ``minutes_published`` in
its own transaction, and every such follow-up becomes "done", still linked
to the item (and so to the meeting) that treated it. Publication, not the
decision being written, because a decision can be rewritten until the
minutes are approved, and published minutes are what the committee stands by.

If the item is removed from the agenda before that, the workflow's
``remove_item`` calls ``item_removed`` and the follow-up is open again (and
proposed again when that or a later agenda is built).

The meetings action has checked its own right (publish the minutes, edit
the agenda); these are its consequences, so they check nothing more and
record one ``PlanningEvent`` per follow-up with the same actor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from medref.meetings.models import AgendaItem, Meeting
from medref.meetings.workflow.history import actor_id

from .models import AgendaProposal, FollowUp, PlanningEvent

if TYPE_CHECKING:
    from medref.accounts.permissions import AnyUser


def minutes_published(meeting: Meeting, *, actor: AnyUser | None) -> list[FollowUp]:
    """The follow-ups on the meeting's agenda are done; returns them. Two queries, plus
    two writes per follow-up."""
    treated = list(
        FollowUp.objects.select_for_update()
        .filter(status=FollowUp.Status.ON_AGENDA, target_item__meeting=meeting)
        .select_related("target_item")
        .order_by("pk")
    )
    for followup in treated:
        followup.status = FollowUp.Status.DONE
        followup.save(update_fields=["status"])
        item = followup.target_item
        assert item is not None  # the filter went through it
        PlanningEvent.objects.create(
            committee_id=followup.committee_id,
            meeting=meeting,
            followup=followup,
            actor_id=actor_id(actor),
            action=PlanningEvent.Action.FOLLOWUP_STATUS,
            details={
                "status": [str(FollowUp.Status.ON_AGENDA), str(FollowUp.Status.DONE)],
                "automatic": "minutes_published",
                "item": item.number,
                "item_id": item.pk,
            },
        )
    return treated


def item_removed(item: AgendaItem, *, actor: AnyUser | None) -> list[FollowUp]:
    """Before ``item`` is deleted: the follow-ups it was to treat are open again, and
    the answer "accepted" for its meeting is forgotten, so the proposal comes back."""
    waiting = list(
        FollowUp.objects.select_for_update()
        .filter(status=FollowUp.Status.ON_AGENDA, target_item=item)
        .order_by("pk")
    )
    for followup in waiting:
        followup.status = FollowUp.Status.OPEN
        followup.target_item = None
        followup.save(update_fields=["status", "target_item"])
        AgendaProposal.objects.filter(
            meeting_id=item.meeting_id,
            followup=followup,
            decision=AgendaProposal.Decision.ACCEPTED,
        ).delete()
        PlanningEvent.objects.create(
            committee_id=followup.committee_id,
            meeting_id=item.meeting_id,
            followup=followup,
            actor_id=actor_id(actor),
            action=PlanningEvent.Action.FOLLOWUP_STATUS,
            details={
                "status": [str(FollowUp.Status.ON_AGENDA), str(FollowUp.Status.OPEN)],
                "automatic": "item_removed",
                "item": item.number,
                "title": item.title,
            },
        )
    return waiting
