"""Who sees what: one reader's scope, answering every visibility question.

Three kinds of content are restricted; everything else of a meeting is
public from the day its agenda is sent.

===================  ===================================  ==========================
content              who sees it                           action (permissions.py)
===================  ===================================  ==========================
a planned meeting    those who build its agenda            ``EDIT_AGENDA``
a closed item's      the committee's members, substitutes  ``VIEW_CLOSED``
content and bilag    included
decisions and        those who may see drafts, until the   ``VIEW_UNPUBLISHED``
attendance           minutes are published; then everyone
===================  ===================================  ==========================

A ``ReaderScope`` holds, for each kind, the committees where the reader may
see it (``None``: every committee). It answers in every form the code needs:

- a Python predicate for one meeting, item or decision (``sees_meeting``,
  ``sees_closed``, ``sees_item``, ``sees_decisions``);
- an ORM ``Q`` for querysets of meetings or items (``meetings_q``, ``items_q``);
- SQL fragments for the search backends (``sql``);
- the cutting of a ``MeetingDocument`` for pages and downloads (``document``).

Build one with ``ReaderScope.for_user(user)`` (at most three queries; none
for anonymous readers and superusers) or, for one committee whose actions
are known already, ``ReaderScope.in_committee`` (no query).
``permissions.meeting_access`` is this scope for one meeting.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q

from medref.documents.model import MeetingDocument, SectionKind
from medref.meetings import statuses

from .permissions import Action, MeetingAccess, committees_where

if TYPE_CHECKING:
    from .permissions import AnyUser

# Committee ids; None means every committee.
Committees = frozenset[int] | None
ALL: Committees = None


def _has(committees: Committees, committee_id: int) -> bool:
    return committees is None or committee_id in committees


@dataclass(frozen=True)
class ReaderScope:
    """The committees where one reader sees each kind of restricted content."""

    planned: Committees = frozenset()  # planned meetings (EDIT_AGENDA)
    closed: Committees = frozenset()  # closed items' content (VIEW_CLOSED)
    unpublished: Committees = frozenset()  # decisions before publishing (VIEW_UNPUBLISHED)

    # --- building ------------------------------------------------------------

    @classmethod
    def public(cls) -> ReaderScope:
        """What anyone sees, signed in or not."""
        return cls()

    @classmethod
    def everything(cls) -> ReaderScope:
        """Everything everywhere (a superuser; the operator's CLI with --closed)."""
        return cls(ALL, ALL, ALL)

    @classmethod
    def for_user(cls, user: AnyUser | None) -> ReaderScope:
        """``user``'s scope across all committees: at most three queries."""
        if user is not None and user.is_active and getattr(user, "is_superuser", False):
            return cls.everything()
        return cls(
            planned=frozenset(committees_where(user, Action.EDIT_AGENDA)),
            closed=frozenset(committees_where(user, Action.VIEW_CLOSED)),
            unpublished=frozenset(committees_where(user, Action.VIEW_UNPUBLISHED)),
        )

    @classmethod
    def in_committee(cls, committee_id: int, allowed: Iterable[Action]) -> ReaderScope:
        """The scope of a reader with ``allowed`` actions in one committee (no query)."""
        allowed = frozenset(allowed)
        one = frozenset({committee_id})
        return cls(
            planned=one if Action.EDIT_AGENDA in allowed else frozenset(),
            closed=one if Action.VIEW_CLOSED in allowed else frozenset(),
            unpublished=one if Action.VIEW_UNPUBLISHED in allowed else frozenset(),
        )

    # --- one object --------------------------------------------------------------

    def sees_meeting(self, committee_id: int, status: str) -> bool:
        """The meeting at all: from the sending of its agenda, or earlier for its editors."""
        return status != statuses.PLANNED or _has(self.planned, committee_id)

    def sees_closed(self, committee_id: int) -> bool:
        """Closed items' content and bilag in the committee's meetings."""
        return _has(self.closed, committee_id)

    def sees_item(self, committee_id: int, status: str, closed: bool) -> bool:
        """One item's content (title, sections, bilag)."""
        return self.sees_meeting(committee_id, status) and (
            not closed or self.sees_closed(committee_id)
        )

    def sees_decisions(self, committee_id: int, status: str) -> bool:
        """Decisions and attendance: once published, or before for those who see drafts."""
        return status in statuses.PUBLISHED_STATUSES or _has(self.unpublished, committee_id)

    # --- querysets ---------------------------------------------------------------

    def meetings_q(self, prefix: str = "") -> Q:
        """Meetings the reader sees; ``prefix`` as ``"meeting__"`` from items."""
        if self.planned is None:
            return Q()
        condition = ~Q(**{f"{prefix}status": statuses.PLANNED})
        if self.planned:
            condition |= Q(**{f"{prefix}committee_id__in": self.planned})
        return condition

    def items_q(self, prefix: str = "") -> Q:
        """Agenda items whose content the reader sees; ``prefix`` leads from the
        queried model to the item ("" for ``AgendaItem`` itself)."""
        condition = self.meetings_q(f"{prefix}meeting__")
        if self.closed is not None:
            open_item = Q(**{f"{prefix}closed": False})
            if self.closed:
                open_item |= Q(**{f"{prefix}meeting__committee_id__in": self.closed})
            condition &= open_item
        return condition

    # --- SQL -----------------------------------------------------------------------

    def sql(
        self,
        *,
        committee: str = "e.committee_id",
        status: str = "m.status",
        closed: str = "e.closed",
        section_kind: str = "e.section_kind",
    ) -> list[tuple[str, list[str | int]]]:
        """WHERE fragments (each with its parameters) for rows that carry a
        committee, the meeting's status, whether the item is closed and the
        section's kind: the search index's entries."""
        fragments: list[tuple[str, list[str | int]]] = []

        def unless(fragment: str, params: list[str | int], ids: Committees) -> None:
            if ids is None:
                return
            if ids:
                marks = ", ".join(["%s"] * len(ids))
                fragments.append(
                    (f"({fragment} OR {committee} IN ({marks}))", [*params, *sorted(ids)])
                )
            else:
                fragments.append((f"({fragment})", params))

        unless(f"{status} <> %s", [statuses.PLANNED], self.planned)
        unless(f"NOT {closed}", [], self.closed)
        published = sorted(statuses.PUBLISHED_STATUSES)
        marks = ", ".join(["%s"] * len(published))
        unless(
            f"{section_kind} <> %s OR {status} IN ({marks})",
            [SectionKind.DECISION.value, *published],
            self.unpublished,
        )
        return fragments

    # --- documents -------------------------------------------------------------------

    def document(self, doc: MeetingDocument, committee_id: int, status: str) -> MeetingDocument:
        """``doc`` (the meeting's whole document) as the reader may see it."""
        from .visibility import visible_document

        return visible_document(doc, self.access(committee_id, status))

    def access(
        self, committee_id: int, status: str, actions: frozenset[Action] = frozenset()
    ) -> MeetingAccess:
        """What the reader sees of one meeting, as the meeting pages ask it."""
        view = self.sees_meeting(committee_id, status)
        return MeetingAccess(
            actions=actions,
            view=view,
            closed=view and self.sees_closed(committee_id),
            decisions=view and self.sees_decisions(committee_id, status),
        )
