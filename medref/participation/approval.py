"""Approval of the minutes by the attendees, by the committee's own rule.

Rules (``ApprovalRule.Rule``): the chair alone (the meetings app's Godkend
referat, as before), all attendees, a majority of the attendees, or the next
meeting's "Godkendelse af referat" (the meetings app's decision rule). With
"all" or "majority" each attendee (a member marked present) approves with
one click; the approval that meets the rule approves the minutes
(``minutes.approve_minutes_by_rule``), recorded in the history with every
approval and its time. A change of the draft (a decision written while the
minutes are a draft) resets the approvals made before it, recorded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from medref.accounts.permissions import Action, can, raise_unless
from medref.meetings import statuses
from medref.meetings.models import Attendance, Meeting, MeetingEvent
from medref.meetings.workflow import history, minutes
from medref.meetings.workflow.common import locked_meeting
from medref.meetings.workflow.errors import IllegalTransition, InvalidInput
from medref.organisation.models import Committee

from .models import ApprovalRule, AttendeeApproval, ItemComment, MinutesRound

if TYPE_CHECKING:
    from medref.accounts.permissions import AnyUser

Rule = ApprovalRule.Rule
BY_ATTENDEES = frozenset({Rule.ALL, Rule.MAJORITY})


def rule_of(committee: Committee | int) -> str:
    pk = committee.pk if isinstance(committee, Committee) else committee
    found = ApprovalRule.objects.filter(committee_id=pk).values_list("rule", flat=True).first()
    return found or Rule.CHAIR


def needed(rule: str, attendees: int) -> int:
    """How many approvals meet ``rule`` among ``attendees`` (0: the rule is not the attendees')."""
    if rule == Rule.ALL:
        return attendees
    if rule == Rule.MAJORITY:
        return attendees // 2 + 1
    return 0


def attendees(meeting: Meeting) -> list[Attendance]:
    """The members marked present (substitutes take part in items, not in the approval)."""
    return list(
        meeting.attendances.filter(
            status=Attendance.Status.PRESENT, substitute_position__isnull=True
        )
        .select_related("person")
        .order_by("participant_position", "name")
    )


@dataclass(frozen=True)
class Row:
    name: str
    person_id: int
    approval: AttendeeApproval | None
    commented: bool


def overview(meeting: Meeting) -> list[Row]:
    """Who has approved (when), commented, or not reacted yet: four queries."""
    present = attendees(meeting)
    approvals = {a.person_id: a for a in AttendeeApproval.objects.filter(meeting=meeting)}
    commenters = set(
        ItemComment.objects.filter(item__meeting=meeting, author__person__isnull=False)
        .values_list("author__person", flat=True)
        .distinct()
    )
    return [
        Row(a.name, a.person_id, approvals.get(a.person_id), a.person_id in commenters)
        for a in present
    ]


@transaction.atomic
def approve(meeting: Meeting | int, *, actor: AnyUser | None) -> AttendeeApproval:
    """Godkend: one attendee's approval; approves the minutes when it meets the rule."""
    meeting = locked_meeting(meeting)
    if actor is None or not actor.is_authenticated:
        raise PermissionDenied("Log ind først.")
    if meeting.status != statuses.MINUTES_DRAFT:
        raise IllegalTransition("Kun et referatudkast kan godkendes.")
    rule = rule_of(meeting.committee_id)
    if rule not in BY_ATTENDEES:
        raise IllegalTransition(
            "Udvalget godkender ikke referater ved mødedeltagernes godkendelse "
            f"(reglen er: {Rule(rule).label})."
        )
    if MinutesRound.objects.filter(meeting=meeting, review=True).exists():
        raise IllegalTransition(
            "Referatet er til gennemlæsning: kommentér gerne; godkendelsen kommer bagefter."
        )
    present = attendees(meeting)
    mine = next((a for a in present if a.person.user_id == actor.pk), None)
    if mine is None:
        raise PermissionDenied("Kun mødets deltagere kan godkende referatet.")
    if AttendeeApproval.objects.filter(meeting=meeting, person=mine.person).exists():
        raise InvalidInput("Du har allerede godkendt referatet.")
    approval = AttendeeApproval.objects.create(
        meeting=meeting, person=mine.person, name=mine.name, at=timezone.now()
    )
    history.record(
        meeting,
        MeetingEvent.Action.ATTENDEE_APPROVED,
        actor,
        person=mine.name,
        at=approval.at.isoformat(),
    )
    approvals = list(AttendeeApproval.objects.filter(meeting=meeting).order_by("at", "pk"))
    if len(approvals) >= needed(rule, len(present)):
        minutes.approve_minutes_by_rule(
            meeting,
            actor=actor,
            rule=rule,
            approvals=[{"name": a.name, "at": a.at.isoformat()} for a in approvals],
        )
    return approval


def refuse_unless_chair_approves(meeting: Meeting | int) -> None:
    """``IllegalTransition`` when the committee's rule leaves the approval to the attendees."""
    committee_id = (
        meeting.committee_id
        if isinstance(meeting, Meeting)
        else Meeting.objects.values_list("committee_id", flat=True).get(pk=meeting)
    )
    rule = rule_of(committee_id)
    if rule in BY_ATTENDEES:
        raise IllegalTransition(
            f"Udvalget godkender referater ved {Rule(rule).label.lower()}: hver deltager "
            "godkender på siden Godkendelse af referatet."
        )


@transaction.atomic
def reset_after_change(meeting: Meeting, actor: AnyUser | None, what: str) -> int:
    """The draft changed: the approvals made before are void, recorded. How many."""
    approvals = list(AttendeeApproval.objects.filter(meeting=meeting))
    if not approvals:
        return 0
    AttendeeApproval.objects.filter(pk__in=[a.pk for a in approvals]).delete()
    history.record(
        meeting,
        MeetingEvent.Action.APPROVALS_RESET,
        actor,
        names=[a.name for a in approvals],
        reason=what,
    )
    return len(approvals)


@transaction.atomic
def set_rule(committee: Committee, rule: str, *, actor: AnyUser | None) -> ApprovalRule:
    """The committee's approval rule, chosen by its administrator."""
    raise_unless(actor, Action.MANAGE_MEMBERS, committee)
    if rule not in Rule.values:
        raise InvalidInput("Ukendt godkendelsesregel.", field="rule")
    found, _created = ApprovalRule.objects.update_or_create(
        committee=committee, defaults={"rule": rule}
    )
    return found


def _fan_out_after_commit(kind: str, meeting_id: int) -> None:
    from medref.notifications.tasks import fan_out

    transaction.on_commit(lambda: fan_out.enqueue(kind, meeting_id))


@transaction.atomic
def start_review(
    meeting: Meeting | int, *, actor: AnyUser | None, deadline: dt.date | None
) -> MinutesRound:
    """Send til gennemlæsning: the attendees read and comment; nobody approves yet."""
    meeting = locked_meeting(meeting)
    raise_unless(actor, Action.WRITE_MINUTES, meeting.committee)
    if meeting.status != statuses.MINUTES_DRAFT:
        raise IllegalTransition("Kun et referatudkast kan sendes til gennemlæsning.")
    found, _created = MinutesRound.objects.update_or_create(
        meeting=meeting, defaults={"review": True, "deadline": deadline, "reminded_on": None}
    )
    _fan_out_after_commit("minutes_for_review", meeting.pk)
    return found


@transaction.atomic
def end_review(
    meeting: Meeting | int, *, actor: AnyUser | None, deadline: dt.date | None
) -> MinutesRound:
    """Afslut gennemlæsning: the approval opens (its own deadline); the attendees are told."""
    meeting = locked_meeting(meeting)
    raise_unless(actor, Action.WRITE_MINUTES, meeting.committee)
    if meeting.status != statuses.MINUTES_DRAFT:
        raise IllegalTransition("Kun et referatudkast kan sendes til godkendelse.")
    found, _created = MinutesRound.objects.update_or_create(
        meeting=meeting, defaults={"review": False, "deadline": deadline, "reminded_on": None}
    )
    _fan_out_after_commit("minutes_for_approval", meeting.pk)
    return found


def waiting(meeting: Meeting, review: bool) -> list[int]:
    """Person ids still to react: in a review, who has not commented; else not approved."""
    rows = overview(meeting)
    return [r.person_id for r in rows if not (r.commented if review else r.approval)]


@transaction.atomic
def send_due_reminders(today: dt.date, days: int) -> int:
    """A reminder to those still to react, ``days`` before each draft's deadline. How many."""
    from medref.notifications.tasks import deliver

    count = 0
    due = MinutesRound.objects.select_for_update().filter(
        deadline=today + dt.timedelta(days=days),
        reminded_on__isnull=True,
        meeting__status=statuses.MINUTES_DRAFT,
    )
    for found in due.select_related("meeting"):
        kind = "minutes_for_review" if found.review else "minutes_for_approval"
        for person_id in waiting(found.meeting, found.review):
            transaction.on_commit(
                partial(deliver.enqueue, kind, found.meeting_id, f"person:{person_id}")
            )
            count += 1
        found.reminded_on = today
        found.save(update_fields=["reminded_on"])
    return count


def remind(meeting: Meeting, *, actor: AnyUser | None) -> int:
    """Send påmindelse: a mail to the attendees who have not approved yet. How many."""
    meeting = Meeting.objects.select_related("committee").get(pk=meeting.pk)
    raise_unless(actor, Action.WRITE_MINUTES, meeting.committee)
    if meeting.status != statuses.MINUTES_DRAFT:
        raise IllegalTransition("Der er kun påmindelser om et referatudkast.")
    waiting = [row.person_id for row in overview(meeting) if row.approval is None]
    from medref.notifications.kinds import Kind
    from medref.notifications.tasks import deliver

    for person_id in waiting:
        transaction.on_commit(
            partial(
                deliver.enqueue, Kind.MINUTES_FOR_APPROVAL.value, meeting.pk, f"person:{person_id}"
            )
        )
    return len(waiting)


def may_approve(meeting: Meeting, user: AnyUser | None, rows: list[Row]) -> bool:
    """Whether ``user`` sees Godkend now."""
    if meeting.status != statuses.MINUTES_DRAFT or user is None or not user.is_authenticated:
        return False
    if rule_of(meeting.committee_id) not in BY_ATTENDEES:
        return False
    if MinutesRound.objects.filter(meeting=meeting, review=True).exists():
        return False
    person = getattr(user, "person", None)
    return any(r.person_id == getattr(person, "pk", None) and r.approval is None for r in rows)


def may_manage(meeting: Meeting, user: AnyUser | None) -> bool:
    return can(user, Action.MANAGE_MEMBERS, meeting.committee)
