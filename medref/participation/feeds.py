"""Which meetings a calendar feed lists, read through the ``ReaderScope``.

Two feeds: a committee's (what an anonymous reader may see) and a person's
(every meeting of the committees they sit on, as they may see them, with
their own afbud). Both cover the last three and the next twelve months.
Each is three queries: the meetings with their change count, the planned
dates that may cancel them, and the afbud (the personal feed also reads
the user's committees and scope).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TypedDict

from django.contrib.auth.models import User
from django.db.models import Count, Max, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django_stubs_ext import WithAnnotations

from medref.accounts.scope import ReaderScope
from medref.meetings.models import Attendance, Meeting, MeetingEvent
from medref.organisation.models import Committee, Membership

from .ical import FeedEvent, meeting_uid
from .models import MemberAfbud

MONTHS_BACK = 3
MONTHS_AHEAD = 12
# The history events that change what a calendar shows: time, place, and a
# tillægsdagsorden (the agenda the event stands for changed: calendars update it).
_CHANGES = Q(
    events__action__in=[MeetingEvent.Action.MEETING_EDITED, MeetingEvent.Action.SUPPLEMENT_SENT]
)


class _Stamps(TypedDict):
    edits: int  # the meeting's changes so far (the iCal SEQUENCE)
    changed: dt.datetime | None  # the last of them


# A meeting as the feeds read it: with its change count and last change.
type StampedMeeting = WithAnnotations[Meeting, _Stamps]


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved ``months`` (negative: back), on the month's last day if it is shorter."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def window(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    today = today or timezone.localdate()
    return add_months(today, -MONTHS_BACK), add_months(today, MONTHS_AHEAD)


def _meetings(condition: Q, today: dt.date | None) -> QuerySet[StampedMeeting]:
    first, last = window(today)
    return (
        Meeting.objects.filter(condition, meeting_date__range=(first, last))
        .select_related("committee")
        .annotate(edits=Count("events", filter=_CHANGES), changed=Max("events__at"))
        .order_by("meeting_date", "pk")
    )


def _cancelled(meetings: Sequence[Meeting]) -> dict[int, dt.datetime]:
    """Meeting id → when its planned date was cancelled (the mødeplan's Aflys)."""
    from medref.planning.models import PlannedMeeting

    rows = PlannedMeeting.objects.filter(
        meeting_id__in=[m.pk for m in meetings], cancelled=True
    ).values_list("meeting_id", "changed_at")
    return {meeting_id: at for meeting_id, at in rows if meeting_id is not None}


def _events(
    meetings: Sequence[StampedMeeting],
    site: str,
    host: str,
    notes: dict[int, str] | None = None,
) -> list[FeedEvent]:
    cancelled = _cancelled(meetings)
    notes = notes or {}
    events: list[FeedEvent] = []
    for meeting in meetings:
        if meeting.meeting_date is None:
            continue  # undated meetings are not in a calendar (the query leaves them out too)
        stamps = [t for t in (meeting.changed, cancelled.get(meeting.pk)) if t is not None]
        events.append(
            FeedEvent(
                uid=meeting_uid(meeting.pk, host),
                sequence=meeting.edits + (1 if meeting.pk in cancelled else 0),
                stamp=max(stamps) if stamps else timezone.now(),
                summary=_summary(meeting, meeting.pk in notes),
                day=meeting.meeting_date,
                start=meeting.start_time,
                end=meeting.end_time,
                location=meeting.location,
                cancelled=meeting.pk in cancelled,
                link=site.rstrip("/") + reverse("web:meeting", args=[meeting.pk]),
                note=notes.get(meeting.pk, ""),
            )
        )
    return events


def _summary(meeting: Meeting, afbud: bool) -> str:
    text = f"{meeting.committee.name}: møde"
    return f"Afbud: {text}" if afbud else text


def committee_feed(
    committee: Committee, site: str, host: str, today: dt.date | None = None
) -> list[FeedEvent]:
    """The committee's meetings that anyone may see."""
    scope = ReaderScope.public()
    meetings = [
        m
        for m in _meetings(Q(committee=committee) & scope.meetings_q(), today)
        if scope.sees_meeting(committee.pk, m.status)
    ]
    return _events(meetings, site, host)


def user_committees(user: User, today: dt.date | None = None) -> list[int]:
    """The committees ``user`` sits on today (their person's running memberships)."""
    today = today or timezone.localdate()
    return list(
        Membership.objects.filter(person__user=user, start__lte=today)
        .filter(Q(end__isnull=True) | Q(end__gte=today))
        .values_list("committee_id", flat=True)
        .distinct()
    )


def personal_feed(
    user: User, site: str, host: str, today: dt.date | None = None
) -> list[FeedEvent]:
    """Every meeting of ``user``'s committees that they may see, their afbud marked."""
    committees = user_committees(user, today)
    if not committees:
        return []
    scope = ReaderScope.for_user(user)
    meetings = [
        m
        for m in _meetings(Q(committee_id__in=committees) & scope.meetings_q(), today)
        if scope.sees_meeting(m.committee_id, m.status)
    ]
    return _events(meetings, site, host, own_afbud(user, meetings))


def own_afbud(user: User, meetings: Iterable[Meeting]) -> dict[int, str]:
    """Meeting id → the line the calendar shows for ``user``'s afbud to it."""
    ids = [m.pk for m in meetings]
    notes = {
        meeting_id: "Du har meldt afbud."
        + (" Du har bedt om at få en suppleant indkaldt." if wanted else "")
        for meeting_id, wanted in MemberAfbud.objects.filter(
            meeting_id__in=ids, person__user=user
        ).values_list("meeting_id", "substitute_wanted")
    }
    recorded = Attendance.objects.filter(
        meeting_id__in=ids, person__user=user, status=Attendance.Status.SENT_APOLOGIES
    ).values_list("meeting_id", flat=True)
    for meeting_id in recorded:
        notes.setdefault(meeting_id, "Du er noteret med afbud.")
    return notes


def invitation(meeting: Meeting, site: str, host: str) -> bytes:
    """One meeting as an .ics file (METHOD:PUBLISH) for the agenda e-mail; same UID as the feeds."""
    from .ical import calendar

    rows = list(
        Meeting.objects.filter(pk=meeting.pk)
        .select_related("committee")
        .annotate(edits=Count("events", filter=_CHANGES), changed=Max("events__at"))
    )
    return calendar(f"{meeting.committee.name}: møde", _events(rows, site, host), method="PUBLISH")
