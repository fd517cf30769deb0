"""What the workflow actions share: locking, status and version checks, ordering."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from django.db.models import Max, QuerySet
from django.utils.translation import gettext as _

from medref.accounts.permissions import Action, raise_unless
from medref.documents.model import SectionKind
from medref.meetings.models import AgendaItem, Meeting, MeetingEvent, Section

from .errors import Conflict, IllegalTransition

if TYPE_CHECKING:
    from medref.accounts.permissions import AnyUser

# The heading a new section of each kind gets (document text, hence Danish).
DEFAULT_HEADINGS = {
    SectionKind.SUMMARY: "Resumé",
    SectionKind.CASE: "Sagsfremstilling",
    SectionKind.RECOMMENDATION: "Indstilling",
    SectionKind.DECISION: "Beslutning",
    SectionKind.ATTACHMENTS: "Bilag",
    SectionKind.OTHER: "Andet",
}
# Far above any real position or number, so a renumbering never collides
# with the unique constraints halfway through.
_PARKING = 1_000_000
# Where a new item waits for ``renumber`` to put it in place (above the parking range).
NEW_ITEM_SLOT = 2 * _PARKING


def locked_meeting(meeting: Meeting | int) -> Meeting:
    """The meeting, re-read and locked for the rest of the transaction (PostgreSQL)."""
    pk = meeting.pk if isinstance(meeting, Meeting) else meeting
    return (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("committee__municipality")
        .get(pk=pk)
    )


def locked_item(item: AgendaItem | int) -> AgendaItem:
    """The item and its meeting, re-read; the meeting row is locked."""
    pk = item.pk if isinstance(item, AgendaItem) else item
    row = AgendaItem.objects.select_related("meeting").get(pk=pk)
    row.meeting = locked_meeting(row.meeting_id)
    return row


def allow(actor: AnyUser | None, action: Action, meeting: Meeting) -> None:
    raise_unless(actor, action, meeting.committee)


def status_label(status: str) -> str:
    return str(Meeting.Status(status).label)


def require_status(meeting: Meeting, allowed: Iterable[str], message: str) -> None:
    """``IllegalTransition`` with ``message`` (formatted with the status) unless allowed."""
    if meeting.status not in set(allowed):
        raise IllegalTransition(message % {"status": status_label(meeting.status)})


def require_date(meeting: Meeting, what: str) -> None:
    """``IllegalTransition`` for a meeting without a date (imported undated, "til gennemsyn"):
    it is not sent or published until the secretary dates it on the gennemsyn page."""
    if meeting.meeting_date is None:
        raise IllegalTransition(
            _("%(what)s, før mødet har en dato. Angiv datoen under Gennemsyn først.")
            % {"what": what}
        )


def require_agenda_open(meeting: Meeting) -> None:
    require_status(
        meeting,
        {Meeting.Status.PLANNED},
        _(
            "The agenda can no longer be changed: the meeting's status is “%(status)s”. "
            "Only a planned meeting's agenda can be edited."
        ),
    )


def check_version(item: AgendaItem, expected: int | None) -> None:
    """``Conflict`` when the item changed since the editor read version ``expected``."""
    if expected is None or item.version == expected:
        return
    who = _actor_name(
        MeetingEvent.objects.filter(item=item)
        .select_related("actor")
        .order_by("-at", "-pk")
        .first()
    )
    if who:
        message = _(
            "%(who)s saved item %(number)s after you opened it. Your changes were not saved: "
            "reload the page, look at theirs and make yours again."
        ) % {"who": who, "number": item.number}
    else:
        message = _(
            "Someone else saved item %(number)s after you opened it. Your changes were not "
            "saved: reload the page, look at theirs and make yours again."
        ) % {"number": item.number}
    raise Conflict(message)


def _actor_name(event: MeetingEvent | None) -> str | None:
    """Who did ``event``, by name; None when unknown (a CLI run, a deleted user)."""
    if event is None or event.actor is None:
        return None
    return event.actor.get_full_name() or event.actor.get_username()


def _attendance_events(meeting: Meeting) -> QuerySet[MeetingEvent]:
    return MeetingEvent.objects.filter(
        meeting=meeting, action=MeetingEvent.Action.ATTENDANCE_RECORDED
    )


def attendance_recordings(meeting: Meeting) -> int:
    """How many times the meeting's attendance has been recorded: what an
    attendance form carries to tell whether someone saved since it was opened."""
    return _attendance_events(meeting).count()


def check_attendance_unchanged(meeting: Meeting, expected: int | None) -> None:
    """``Conflict`` when attendance was recorded after the editor saw ``expected``
    recordings (``attendance_recordings``); None: no check.

    Call with the meeting locked, so nobody records in between.
    """
    if expected is None:
        return
    count = attendance_recordings(meeting)
    if count == expected:
        return
    # Fewer than the form says (a form of another meeting?): refuse without naming anyone.
    latest = _attendance_events(meeting).select_related("actor").order_by("at", "pk").last()
    who = _actor_name(latest) if count > expected else None
    if who:
        message = _(
            "%(who)s recorded the attendance after you opened the page. Your choices were "
            "not saved: reload the page, look at theirs and make yours again."
        ) % {"who": who}
    else:
        message = _(
            "Someone else recorded the attendance after you opened the page. Your choices "
            "were not saved: reload the page, look at theirs and make yours again."
        )
    raise Conflict(message)


def touch(item: AgendaItem) -> None:
    """Count one more edit of the item (its version)."""
    item.version += 1
    item.save(update_fields=["version"])


def renumber(meeting: Meeting, items: Sequence[AgendaItem], first_number: int) -> None:
    """Give ``items`` (all of the meeting's, in their new order) positions 0.. and
    numbers from ``first_number``, in two steps around the unique constraints."""
    for offset, item in enumerate(items):
        item.position = _PARKING + offset
        item.number = _PARKING + offset
    AgendaItem.objects.bulk_update(items, ["position", "number"])
    for offset, item in enumerate(items):
        item.position = offset
        item.number = first_number + offset
    AgendaItem.objects.bulk_update(items, ["position", "number"])


def reposition_sections(sections: Sequence[Section]) -> None:
    """Positions 0.. for ``sections`` (all of one item's, in their new order)."""
    for offset, section in enumerate(sections):
        section.position = _PARKING + offset
    Section.objects.bulk_update(sections, ["position"])
    for offset, section in enumerate(sections):
        section.position = offset
    Section.objects.bulk_update(sections, ["position"])


def next_number_in_year(meeting: Meeting) -> int:
    """The number after the committee's last item in the meeting's year (1 for its first)."""
    if meeting.meeting_date is None:  # undated (imported): after its own items
        own = meeting.items.aggregate(last=Max("number"))["last"]
        return 1 if own is None else own + 1
    last = AgendaItem.objects.filter(
        meeting__committee_id=meeting.committee_id,
        meeting__meeting_date__year=meeting.meeting_date.year,
    ).aggregate(last=Max("number"))["last"]
    return 1 if last is None else last + 1


def ensure_section(
    item: AgendaItem, kind: SectionKind, before: Iterable[SectionKind] = ()
) -> Section:
    """The item's first section of ``kind``, created (empty) if missing: before the
    first section of a kind in ``before``, else last."""
    sections = list(item.sections.order_by("position"))
    found = next((s for s in sections if s.kind == kind), None)
    if found is not None:
        return found
    new = Section(item=item, kind=str(kind), heading=DEFAULT_HEADINGS[kind], body=[], text="")
    stop = set(map(str, before))
    at = next((i for i, s in enumerate(sections) if s.kind in stop), len(sections))
    if at == len(sections):
        new.position = len(sections)
        new.save()
        return new
    reposition_sections(sections)  # contiguous 0..n-1 first, whatever came before
    # Move the tail one down (highest first), then put the new section in the gap.
    for section in reversed(sections[at:]):
        section.position += 1
        section.save(update_fields=["position"])
    new.position = at
    new.save()
    return new
