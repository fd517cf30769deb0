"""Who gets a mail about a meeting: worked out in the worker, never in the request."""

from __future__ import annotations

from dataclasses import dataclass

from medref.accounts.permissions import ROLE_ACTIONS, Action
from medref.meetings.models import Meeting
from medref.meetings.workflow.minutes import members_on
from medref.organisation.models import Membership, Person

from .kinds import Kind
from .models import Preference, Subscription


@dataclass(frozen=True)
class Recipient:
    key: str  # "person:<id>" or "sub:<id>": what deliver() is given
    email: str


def address(person: Person) -> str:
    """A person's e-mail: their own, else their login's."""
    if person.email:
        return person.email
    user = person.user
    return (user.email or "") if user is not None else ""


def _people(meeting: Meeting, *, substitutes: bool, roles: set[str] | None = None) -> list[Person]:
    members, subs = members_on(meeting)
    chosen: list[Membership] = [m for m in members if roles is None or m.role in roles]
    if substitutes:
        chosen += subs
    return [m.person for m in chosen]


def _choices(people: list[Person]) -> dict[tuple[int, str], bool]:
    rows = Preference.objects.filter(person__in=people).values_list("person_id", "kind", "enabled")
    return {(person, kind): enabled for person, kind, enabled in rows}


def people_for(kind: Kind, meeting: Meeting) -> list[Person]:
    """The people ``kind`` goes to for ``meeting``, before their own choices."""
    if kind in (Kind.AGENDA_SENT, Kind.MEETING_CHANGED, Kind.SUPPLEMENT_SENT):
        return _people(meeting, substitutes=True)
    if kind == Kind.MINUTES_FOR_REVIEW:
        from medref.participation.approval import attendees

        return [a.person for a in attendees(meeting)]
    if kind == Kind.MINUTES_FOR_APPROVAL:
        from medref.participation.approval import BY_ATTENDEES, attendees, rule_of

        if rule_of(meeting.committee_id) in BY_ATTENDEES:
            return [a.person for a in attendees(meeting)]
        approving = {r for r, allowed in ROLE_ACTIONS.items() if Action.APPROVE_MINUTES in allowed}
        return _people(meeting, substitutes=False, roles=approving)
    if kind in (Kind.MINUTES_APPROVED, Kind.MINUTES_PUBLISHED):
        return _people(meeting, substitutes=False)
    if kind == Kind.COMMENT:
        return _people(meeting, substitutes=False, roles={Membership.Role.SECRETARY})
    raise ValueError(f"no recipients for {kind}")


def recipients(kind: Kind, meeting: Meeting) -> list[Recipient]:
    """Those who get ``kind`` for ``meeting``: with an address, and who have not said no."""
    from .kinds import KINDS

    people = people_for(kind, meeting)
    choices = _choices(people)
    found = [
        Recipient(f"person:{p.pk}", address(p))
        for p in people
        if address(p) and choices.get((p.pk, kind.value), KINDS[kind].default)
    ]
    if kind == Kind.MINUTES_PUBLISHED:
        found += [
            Recipient(f"sub:{s.pk}", s.email)
            for s in Subscription.objects.filter(
                committee_id=meeting.committee_id, confirmed_at__isnull=False
            )
        ]
    return found
