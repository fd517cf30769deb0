"""Members' own actions: afbud, private notes, shared comments, the calendar address.

One function per action, as in ``medref.meetings.workflow``: the acting user
as ``actor``, the permission checked inside, atomic, and — where the meeting's
history should say it — one ``MeetingEvent``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from medref.accounts.permissions import Action, meeting_access
from medref.meetings import statuses
from medref.meetings.models import AgendaItem, Meeting, MeetingEvent
from medref.meetings.workflow import history
from medref.meetings.workflow.common import locked_meeting
from medref.meetings.workflow.errors import IllegalTransition, InvalidInput
from medref.meetings.workflow.minutes import members_on
from medref.organisation.models import Person

from .models import ItemComment, MemberAfbud, PersonalFeed, PrivateNote, new_token

if TYPE_CHECKING:
    from medref.accounts.permissions import AnyUser

# Before the meeting: while its agenda is being built or has been sent.
AFBUD_STATUSES = frozenset({statuses.PLANNED, statuses.AGENDA_SENT})
MAX_TEXT = 10_000


def _signed_in(actor: AnyUser | None) -> User:
    if actor is None or not actor.is_authenticated:
        raise PermissionDenied("Log ind først.")
    assert isinstance(actor, User)
    return actor


def member_person(actor: AnyUser | None, meeting: Meeting) -> Person | None:
    """``actor``'s person when they are a member or substitute of the committee that day."""
    if actor is None or not actor.is_authenticated:
        return None
    members, substitutes = members_on(meeting)
    return next((m.person for m in (*members, *substitutes) if m.person.user_id == actor.pk), None)


def afbud_open(meeting: Meeting) -> bool:
    """Whether afbud can still be given: before the meeting (its day included)."""
    return (
        meeting.status in AFBUD_STATUSES
        and meeting.meeting_date is not None  # undated (imported): no "before" to give it in
        and meeting.meeting_date >= timezone.localdate()
    )


@transaction.atomic
def report_afbud(
    meeting: Meeting | int,
    *,
    actor: AnyUser | None,
    substitute_wanted: bool = False,
    reason: str = "",
) -> MemberAfbud:
    """Afbud ("Jeg kommer ikke"): the member's own afbud, recorded in the meeting's history."""
    meeting = locked_meeting(meeting)
    person = _afbud_person(meeting, actor)
    reason = reason.strip()[:300]
    afbud, created = MemberAfbud.objects.update_or_create(
        meeting=meeting,
        person=person,
        defaults={"substitute_wanted": substitute_wanted, "reason": reason, "at": timezone.now()},
    )
    history.record(
        meeting,
        MeetingEvent.Action.AFBUD_REPORTED,
        actor,
        person=person.name,
        afbud=True,
        substitute_wanted=substitute_wanted,
        changed=not created,
    )
    return afbud


@transaction.atomic
def withdraw_afbud(meeting: Meeting | int, *, actor: AnyUser | None) -> None:
    """The member comes after all: the afbud goes, the history says so."""
    meeting = locked_meeting(meeting)
    person = _afbud_person(meeting, actor)
    deleted, _rows = MemberAfbud.objects.filter(meeting=meeting, person=person).delete()
    if not deleted:
        raise InvalidInput("Du har ikke meldt afbud til dette møde.")
    history.record(
        meeting, MeetingEvent.Action.AFBUD_REPORTED, actor, person=person.name, afbud=False
    )


def _afbud_person(meeting: Meeting, actor: AnyUser | None) -> Person:
    _signed_in(actor)
    person = member_person(actor, meeting)
    if person is None or not meeting_access(actor, meeting).view:
        raise PermissionDenied("Kun udvalgets medlemmer kan melde afbud.")
    if not afbud_open(meeting):
        raise IllegalTransition("Afbud kan kun meldes før mødet.")
    return person


def _item_for(actor: AnyUser | None, item: AgendaItem | int) -> tuple[AgendaItem, Any]:
    """The item, if ``actor`` may read its content; else PermissionDenied."""
    user = _signed_in(actor)
    pk = item.pk if isinstance(item, AgendaItem) else item
    found = AgendaItem.objects.select_related("meeting__committee").get(pk=pk)
    access = meeting_access(user, found.meeting)
    if not access.sees_item(found.closed):
        raise PermissionDenied("Du kan ikke se dette punkt.")
    return found, access


@transaction.atomic
def save_note(item: AgendaItem | int, *, actor: AnyUser | None, text: str) -> PrivateNote | None:
    """The actor's private note on the item; an empty text removes it."""
    found, _access = _item_for(actor, item)
    author = _signed_in(actor)
    text = text.strip()
    if len(text) > MAX_TEXT:
        raise InvalidInput(f"Noten er for lang (højst {MAX_TEXT} tegn).", field="text")
    if not text:
        PrivateNote.objects.filter(item=found, author=author).delete()
        return None
    note, _created = PrivateNote.objects.update_or_create(
        item=found, author=author, defaults={"text": text, "updated_at": timezone.now()}
    )
    return note


def may_comment(access: Any) -> bool:
    """Comments are shared with those who see drafts in the committee; they write them too."""
    return bool(access.can(Action.VIEW_UNPUBLISHED))


@transaction.atomic
def add_comment(item: AgendaItem | int, *, actor: AnyUser | None, text: str) -> ItemComment:
    """A comment on the item for the committee's members (and a mail to the secretary)."""
    found, access = _item_for(actor, item)
    if not may_comment(access):
        raise PermissionDenied("Kun udvalgets medlemmer kan kommentere.")
    text = text.strip()
    if not text:
        raise InvalidInput("Skriv en kommentar.", field="text")
    if len(text) > MAX_TEXT:
        raise InvalidInput(f"Kommentaren er for lang (højst {MAX_TEXT} tegn).", field="text")
    user = _signed_in(actor)
    name = getattr(user, "get_full_name", lambda: "")() or user.get_username()
    comment = ItemComment.objects.create(item=found, author=user, author_name=name, text=text)
    _after_comment(comment)
    return comment


def _after_comment(comment: ItemComment) -> None:
    """Tell the secretary by e-mail, in the background (never inside the request)."""
    try:
        from medref.notifications.dispatch import comment_written
    except ImportError:  # notifications not installed
        return
    comment_written(comment.pk)  # enqueued once the transaction commits


@transaction.atomic
def feed_for(actor: AnyUser | None, *, renew: bool = False) -> PersonalFeed:
    """The actor's personal calendar address; ``renew`` makes a new one (the old stops working)."""
    user = _signed_in(actor)
    feed, created = PersonalFeed.objects.get_or_create(user=user)
    if renew and not created:
        feed.token = new_token()
        feed.created_at = timezone.now()
        feed.save(update_fields=["token", "created_at"])
    return feed
