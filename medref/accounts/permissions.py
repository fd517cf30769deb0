"""Who may do what in a committee: one table, read by every check.

A user's roles in a committee are the roles of their person's memberships
that run on the day asked about (today unless said otherwise): a former
member loses access to the committee's closed items, a new member gains it
from their first day. Besides the roles:

- a superuser may do everything everywhere;
- a municipality administrator may do everything in their municipality;
- everyone else, signed in or not, may only read what is public.

What the public reads (``can_view_meeting`` and friends): a meeting from
the moment its agenda is sent, its open items only, and its decisions only
once the minutes are published; until then the agenda version. A planned
meeting (an agenda still being built) is seen only by those who may edit
the agenda.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any, TypeGuard

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from medref.meetings import statuses
from medref.organisation.models import Committee, Membership, Municipality

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser

    from medref.meetings.models import Meeting

    AnyUser = AbstractBaseUser | AnonymousUser


class Action(StrEnum):
    VIEW_CLOSED = "view_closed"  # closed items' content and bilag
    VIEW_UNPUBLISHED = "view_unpublished"  # decisions and minutes before publishing
    EDIT_AGENDA = "edit_agenda"  # create meeting, items, sections, bilag; see planned meetings
    SEND_AGENDA = "send_agenda"
    RECORD_ATTENDANCE = "record_attendance"
    WRITE_MINUTES = "write_minutes"  # decisions, submit draft
    APPROVE_MINUTES = "approve_minutes"
    PUBLISH_MINUTES = "publish_minutes"
    MANAGE_MEMBERS = "manage_members"  # committees, memberships


ACTION_LABELS: dict[Action, Any] = {
    Action.VIEW_CLOSED: _("See closed items"),
    Action.VIEW_UNPUBLISHED: _("See unpublished minutes"),
    Action.EDIT_AGENDA: _("Build the agenda"),
    Action.SEND_AGENDA: _("Send the agenda"),
    Action.RECORD_ATTENDANCE: _("Record attendance"),
    Action.WRITE_MINUTES: _("Write the minutes"),
    Action.APPROVE_MINUTES: _("Approve the minutes"),
    Action.PUBLISH_MINUTES: _("Publish the minutes"),
    Action.MANAGE_MEMBERS: _("Manage members"),
}

ALL_ACTIONS: frozenset[Action] = frozenset(Action)
_READ = frozenset({Action.VIEW_CLOSED, Action.VIEW_UNPUBLISHED})
_RUN_MEETING = frozenset(
    {
        Action.EDIT_AGENDA,
        Action.SEND_AGENDA,
        Action.RECORD_ATTENDANCE,
        Action.WRITE_MINUTES,
        Action.PUBLISH_MINUTES,
    }
)

Role = Membership.Role

# The permission matrix: what each committee role may do in its committee.
# The secretary (referent) runs the meetings; the chair does too and alone
# approves the minutes; the vice chair plans the agenda with the chair;
# members (either side, AMR, TR, managers) read everything, drafts included;
# a substitute may be called in at short notice, so sees closed items, but
# not the draft minutes the members comment on. Members and committees are
# managed by the municipality's administrators.
ROLE_ACTIONS: dict[str, frozenset[Action]] = {
    Role.SECRETARY: _READ | _RUN_MEETING,
    Role.CHAIR: _READ | _RUN_MEETING | {Action.APPROVE_MINUTES},
    Role.VICE_CHAIR: _READ | {Action.EDIT_AGENDA},
    Role.MEMBER: _READ,
    Role.SAFETY_REPRESENTATIVE: _READ,
    Role.UNION_REPRESENTATIVE: _READ,
    Role.MANAGER: _READ,
    Role.SUBSTITUTE: frozenset({Action.VIEW_CLOSED}),
}
NO_ACTIONS: frozenset[Action] = frozenset()


def _today() -> dt.date:
    return timezone.localdate()


def _current(on: dt.date, prefix: str = "") -> Q:
    """Memberships running on ``on`` (the end day included)."""
    return Q(**{f"{prefix}start__lte": on}) & (
        Q(**{f"{prefix}end__isnull": True}) | Q(**{f"{prefix}end__gte": on})
    )


def _is_superuser(user: AnyUser) -> bool:
    return bool(getattr(user, "is_superuser", False)) and bool(user.is_active)


def _signed_in(user: AnyUser | None) -> TypeGuard[AbstractBaseUser]:
    return user is not None and bool(user.is_authenticated) and bool(user.is_active)


def actions(
    user: AnyUser | None, committee: Committee, on: dt.date | None = None
) -> frozenset[Action]:
    """Everything ``user`` may do in ``committee`` on ``on`` (today). At most two queries.

    Use this rather than several ``can`` calls when a page needs several answers.
    """
    if not _signed_in(user):
        return NO_ACTIONS
    assert user is not None
    if _is_superuser(user):
        return ALL_ACTIONS
    from .models import MunicipalityAdministrator

    if MunicipalityAdministrator.objects.filter(
        user_id=user.pk, municipality_id=committee.municipality_id
    ).exists():
        return ALL_ACTIONS
    roles = Membership.objects.filter(
        _current(on or _today()), person__user_id=user.pk, committee_id=committee.pk
    ).values_list("role", flat=True)
    allowed: frozenset[Action] = NO_ACTIONS
    for role in roles:
        allowed |= ROLE_ACTIONS.get(role, NO_ACTIONS)
    return allowed


def can(
    user: AnyUser | None, action: Action, committee: Committee, on: dt.date | None = None
) -> bool:
    """Whether ``user`` may do ``action`` in ``committee`` on ``on`` (today)."""
    return Action(action) in actions(user, committee, on)


def raise_unless(
    user: AnyUser | None, action: Action, committee: Committee, on: dt.date | None = None
) -> None:
    """``PermissionDenied`` (a 403 in views) unless ``can(user, action, committee, on)``."""
    if not can(user, action, committee, on):
        raise PermissionDenied(
            _("You may not do this in %(committee)s: %(action)s.")
            % {"committee": committee, "action": ACTION_LABELS[Action(action)]}
        )


def committees_where(user: AnyUser | None, action: Action, on: dt.date | None = None) -> set[int]:
    """The ids of the committees where ``user`` may do ``action``. At most two queries."""
    if not _signed_in(user):
        return set()
    assert user is not None
    if _is_superuser(user):
        return set(Committee.objects.values_list("pk", flat=True))
    action = Action(action)
    roles = [role for role, allowed in ROLE_ACTIONS.items() if action in allowed]
    return set(
        Committee.objects.filter(
            Q(municipality__administrators__user_id=user.pk)
            | Q(
                _current(on or _today(), "memberships__"),
                memberships__person__user_id=user.pk,
                memberships__role__in=roles,
            )
        ).values_list("pk", flat=True)
    )


def municipalities_where(user: AnyUser | None, action: Action) -> set[int]:
    """The ids of the municipalities where ``user`` may do ``action`` municipality-wide,
    in a committee nobody sits in yet (a new one): every municipality for a
    superuser, their own for a municipality administrator; committee roles
    give nothing here. Agrees with ``can(user, action, Committee(municipality=…))``.
    No query for anonymous readers, else one.
    """
    Action(action)  # an unknown action is a ValueError here too, as in ``can``
    if not _signed_in(user):
        return set()
    assert user is not None
    if _is_superuser(user):
        return set(Municipality.objects.values_list("pk", flat=True))
    from .models import MunicipalityAdministrator

    # An administrator may do every action (ALL_ACTIONS), so ``action`` narrows nothing.
    return set(
        MunicipalityAdministrator.objects.filter(user_id=user.pk).values_list(
            "municipality_id", flat=True
        )
    )


# --- meetings ---------------------------------------------------------------
# What a reader sees is decided in one place, ``medref.accounts.scope``
# (``ReaderScope``); the functions below are its answers for one meeting.

PLANNED = statuses.PLANNED
AGENDA_SENT = statuses.AGENDA_SENT


def published_statuses() -> frozenset[str]:
    """The statuses in which a meeting's minutes (its decisions) are public.

    Imported minutes are stored as published.
    """
    return statuses.PUBLISHED_STATUSES


@dataclass(frozen=True)
class MeetingAccess:
    """What one user may see of one meeting; ``actions`` are theirs in its committee."""

    actions: frozenset[Action]
    view: bool  # the meeting at all (False: 404)
    closed: bool  # closed items' content and bilag
    decisions: bool  # the Beslutning sections (minutes), else the agenda version

    def can(self, action: Action) -> bool:
        return Action(action) in self.actions

    def sees_item(self, closed: bool) -> bool:
        """One item's content (title, sections, bilag, notes), the item closed or not:
        ``ReaderScope.sees_item`` for this meeting."""
        return self.view and (self.closed or not closed)


def meeting_access(user: AnyUser | None, meeting: Meeting) -> MeetingAccess:
    """Everything a meeting page needs to know about ``user``. At most two queries."""
    from .scope import ReaderScope

    allowed = actions(user, meeting.committee)
    scope = ReaderScope.in_committee(meeting.committee_id, allowed)
    return scope.access(meeting.committee_id, meeting.status, allowed)


def can_view_meeting(user: AnyUser | None, meeting: Meeting) -> bool:
    """Whether ``user`` may see ``meeting`` at all (planned ones only its agenda's editors)."""
    return meeting_access(user, meeting).view


def public_meeting_filter(prefix: str = "") -> Q:
    """A filter on the meetings anyone may see; ``prefix`` as ``"meeting__"`` from items."""
    from .scope import ReaderScope

    return ReaderScope.public().meetings_q(prefix)


def visible_meetings_filter(user: AnyUser | None, prefix: str = "") -> Q:
    """A filter on the meetings ``user`` may see: the public ones and, in the
    committees where they may edit the agenda, the planned ones. At most two queries."""
    from .scope import ReaderScope

    editable = committees_where(user, Action.EDIT_AGENDA)
    return ReaderScope(planned=frozenset(editable)).meetings_q(prefix)
