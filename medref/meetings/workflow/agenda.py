"""Building an agenda: the meeting and its items (planned meetings only)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from medref.accounts.permissions import Action, raise_unless
from medref.documents.model import Paragraph, SectionKind
from medref.documents.plain import blocks_text
from medref.documents.serialize import blocks_to_data
from medref.lib.danish import MONTHS
from medref.meetings.models import AgendaItem, Meeting, MeetingEvent, Section
from medref.organisation.models import Committee
from medref.search.services import index_item, index_meeting

from . import history
from .common import (
    NEW_ITEM_SLOT,
    allow,
    check_version,
    locked_item,
    locked_meeting,
    next_number_in_year,
    renumber,
    require_agenda_open,
    touch,
)
from .errors import Conflict, InvalidInput
from .standard import (
    ANY_OTHER_BUSINESS,
    NO_PREVIOUS_MINUTES,
    PREVIOUS_MINUTES,
    STANDARD_ITEMS,
)

if TYPE_CHECKING:
    from medref.accounts.permissions import AnyUser


def _previous_meeting(committee: Committee, day: dt.date) -> Meeting | None:
    return (
        Meeting.objects.filter(committee=committee, meeting_date__lt=day)
        .order_by("-meeting_date")
        .first()
    )


def previous_minutes_sentence(previous: Meeting | None, site: str = "") -> str:
    """ "Referat fra mødet d. 19. juni 2025 godkendes. Referatet kan læses [her](…/moeder/7/)."

    ``site`` ("https://med.vejle.dk") makes the link absolute, as documents'
    links must be to work in a PDF or a mail.
    """
    if previous is None or previous.meeting_date is None:
        return NO_PREVIOUS_MINUTES
    day = previous.meeting_date
    return PREVIOUS_MINUTES.format(
        date=f"{day.day}. {MONTHS[day.month - 1]} {day.year}",
        url=site.rstrip("/") + reverse("web:meeting", args=[previous.pk]),
    )


def _clean_title(title: str) -> str:
    cleaned = " ".join(title.split())
    if not cleaned:
        raise InvalidInput(_("Write a title for the item."), field="title")
    return cleaned


def _clean_case_number(case_number: str | None) -> str | None:
    cleaned = (case_number or "").strip()
    return cleaned or None


def check_free_date(committee: Committee, day: dt.date, exclude: int | None = None) -> None:
    taken = Meeting.objects.filter(committee=committee, meeting_date=day)
    if exclude is not None:
        taken = taken.exclude(pk=exclude)
    if taken.exists():
        raise InvalidInput(
            _("%(committee)s already has a meeting on %(date)s.")
            % {"committee": committee.name, "date": day.strftime("%d-%m-%Y")},
            field="meeting_date",
        )


@transaction.atomic
def schedule_meeting(
    committee: Committee,
    meeting_date: dt.date,
    start_time: dt.time | None,
    location: str | None,
    *,
    actor: AnyUser | None,
    site: str = "",
) -> Meeting:
    """A planned meeting with the standard items, numbered on through the committee's year.

    The items' case number is the committee's yearly case; the "Godkendelse
    af referat" item links to the previous meeting's minutes (on ``site``,
    e.g. "https://med.vejle.dk"; without it the link is a path).
    """
    raise_unless(actor, Action.EDIT_AGENDA, committee)
    check_free_date(committee, meeting_date)
    meeting = Meeting.objects.create(
        committee=committee,
        status=Meeting.Status.PLANNED,
        meeting_date=meeting_date,
        start_time=start_time,
        location=(location or "").strip() or None,
        imported_at=None,
    )
    first = next_number_in_year(meeting)
    previous = previous_minutes_sentence(_previous_meeting(committee, meeting_date), site)
    sections = []
    for position, standard in enumerate(STANDARD_ITEMS):
        item = AgendaItem.objects.create(
            meeting=meeting,
            position=position,
            number=first + position,
            title=standard.title,
            case_number=committee.case_number or None,
        )
        text = standard.case_text.format(previous=previous)
        if text:
            blocks = (Paragraph(text),)
            sections.append(
                Section(
                    item=item,
                    position=0,
                    kind=str(SectionKind.CASE),
                    heading="Sagsfremstilling",
                    body=blocks_to_data(blocks),
                    text=blocks_text(blocks),
                )
            )
    Section.objects.bulk_create(sections)
    history.record(
        meeting,
        MeetingEvent.Action.SCHEDULED,
        actor,
        meeting_date=meeting_date.isoformat(),
        first_number=first,
    )
    index_meeting(meeting)
    return meeting


@transaction.atomic
def edit_meeting(
    meeting: Meeting | int,
    *,
    actor: AnyUser | None,
    expected_version: int | None,
    meeting_date: dt.date,
    start_time: dt.time | None,
    end_time: dt.time | None = None,
    location: str | None,
) -> Meeting:
    """Change a planned meeting's date, time and place."""
    meeting = locked_meeting(meeting)
    allow(actor, Action.EDIT_AGENDA, meeting)
    require_agenda_open(meeting)
    changed = detail_changes(
        meeting,
        expected_version,
        meeting_date=meeting_date,
        start_time=start_time,
        end_time=end_time,
        location=location,
    )
    if changed:
        meeting.version += 1
        meeting.save()
        history.record(meeting, MeetingEvent.Action.MEETING_EDITED, actor, changes=changed)
        index_meeting(meeting)  # the header and every entry's date
    return meeting


def detail_changes(
    meeting: Meeting,
    expected_version: int | None,
    *,
    meeting_date: dt.date,
    start_time: dt.time | None,
    end_time: dt.time | None,
    location: str | None,
) -> dict[str, list[Any]]:
    """What a change of date, time and place changes (before -> after, on the
    instance): refused when someone changed the meeting meanwhile or the date
    is taken. Used before and after the agenda is sent."""
    if expected_version is not None and meeting.version != expected_version:
        raise Conflict(
            _(
                "Someone else changed the meeting after you opened it. Your changes were "
                "not saved: reload the page and make them again."
            )
        )
    check_free_date(meeting.committee, meeting_date, exclude=meeting.pk)
    return history.changes(
        meeting,
        {
            "meeting_date": meeting_date,
            "start_time": start_time,
            "end_time": end_time,
            "location": (location or "").strip() or None,
        },
    )


def _items(meeting: Meeting) -> list[AgendaItem]:
    return list(meeting.items.order_by("position"))


@transaction.atomic
def add_item(
    meeting: Meeting | int,
    title: str,
    *,
    actor: AnyUser | None,
    case_number: str | None = None,
    closed: bool = False,
) -> AgendaItem:
    """A new item, before "Eventuelt" when that is last; later items renumbered.

    The case number defaults to the committee's yearly case.
    """
    meeting = locked_meeting(meeting)
    allow(actor, Action.EDIT_AGENDA, meeting)
    require_agenda_open(meeting)
    title = _clean_title(title)
    items = _items(meeting)
    first = items[0].number if items else next_number_in_year(meeting)
    at = len(items) - 1 if items and items[-1].title == ANY_OTHER_BUSINESS else len(items)
    item = AgendaItem(
        meeting=meeting,
        position=NEW_ITEM_SLOT,  # renumber below puts it in place
        number=NEW_ITEM_SLOT,
        title=title,
        case_number=_clean_case_number(case_number) or meeting.committee.case_number or None,
        closed=closed,
    )
    item.save()
    items.insert(at, item)
    renumber(meeting, items, first)
    history.record(
        meeting,
        MeetingEvent.Action.ITEM_ADDED,
        actor,
        item=item,
        number=item.number,
        title=item.title,
        closed=item.closed,
    )
    index_item(item)  # the others' new numbers are not indexed
    return item


@transaction.atomic
def edit_item(
    item: AgendaItem | int,
    *,
    actor: AnyUser | None,
    expected_version: int | None,
    title: str,
    case_number: str | None,
    closed: bool,
) -> AgendaItem:
    """Change an item's title, case number and whether it is closed.

    ``Conflict`` when the item changed since the editor read ``expected_version``.
    """
    item = locked_item(item)
    allow(actor, Action.EDIT_AGENDA, item.meeting)
    require_agenda_open(item.meeting)
    check_version(item, expected_version)
    changed = history.changes(
        item,
        {
            "title": _clean_title(title),
            "case_number": _clean_case_number(case_number),
            "closed": closed,
        },
    )
    if changed:
        item.version += 1
        item.save()
        history.record(
            item.meeting, MeetingEvent.Action.ITEM_EDITED, actor, item=item, changes=changed
        )
        index_item(item)
    return item


@transaction.atomic
def set_item_closed(
    item: AgendaItem | int,
    closed: bool,
    *,
    actor: AnyUser | None,
    expected_version: int | None = None,
) -> AgendaItem:
    """Mark an item closed (lukket punkt: never in a public version) or open."""
    item = locked_item(item)
    allow(actor, Action.EDIT_AGENDA, item.meeting)
    require_agenda_open(item.meeting)
    check_version(item, expected_version)
    if item.closed != closed:
        item.closed = closed
        item.version += 1
        item.save(update_fields=["closed", "version"])
        history.record(
            item.meeting,
            MeetingEvent.Action.ITEM_EDITED,
            actor,
            item=item,
            changes={"closed": [not closed, closed]},
        )
        index_item(item)
    return item


@transaction.atomic
def move_item(item: AgendaItem | int, position: int, *, actor: AnyUser | None) -> AgendaItem:
    """Put the item at ``position`` (0-based, clamped) and renumber the meeting's items."""
    item = locked_item(item)
    meeting = item.meeting
    allow(actor, Action.EDIT_AGENDA, meeting)
    require_agenda_open(meeting)
    items = _items(meeting)
    first = items[0].number
    old_number = item.number
    current = next(i for i, row in enumerate(items) if row.pk == item.pk)
    target = max(0, min(position, len(items) - 1))
    if target == current:
        return item
    moved = items.pop(current)
    items.insert(target, moved)
    renumber(meeting, items, first)
    touch(moved)
    history.record(
        meeting,
        MeetingEvent.Action.ITEM_MOVED,
        actor,
        item=moved,
        title=moved.title,
        number=[old_number, moved.number],
    )
    return moved


@transaction.atomic
def remove_item(
    item: AgendaItem | int, *, actor: AnyUser | None, expected_version: int | None = None
) -> None:
    """Delete an item with its sections and bilag; the items after it move up a number."""
    item = locked_item(item)
    meeting = item.meeting
    allow(actor, Action.EDIT_AGENDA, meeting)
    require_agenda_open(meeting)
    check_version(item, expected_version)
    items = _items(meeting)
    rest = [i for i in items if i.pk != item.pk]
    history.record(
        meeting, MeetingEvent.Action.ITEM_REMOVED, actor, number=item.number, title=item.title
    )
    from medref.planning.hooks import item_removed

    item_removed(item, actor=actor)  # a follow-up it was to treat is open again
    item.delete()  # its entries go with it (cascade)
    renumber(meeting, rest, items[0].number)
    index_meeting(meeting)  # the meeting's words changed: the others' compounds may too
