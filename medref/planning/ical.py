"""The mødeplan as an iCal feed (RFC 5545, through ``icalendar``).

Each planned meeting is one VEVENT whose UID never changes; its SEQUENCE
goes up with every change, a cancelled meeting says STATUS:CANCELLED, and
the DESCRIPTION carries the meeting's (or the årshjul's) link. The feed's
address carries a signed token, as calendar programs cannot log in; the
token names the user, whose rights are checked on every fetch.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.core import signing
from icalendar import Calendar, Event

from medref.organisation.models import Committee

from .models import PlannedMeeting

_SALT = "medref.planning.ical"
ZONE = ZoneInfo("Europe/Copenhagen")
DEFAULT_LENGTH = dt.timedelta(hours=2)


def feed_token(user_id: int, committee_id: int) -> str:
    return signing.Signer(salt=_SALT).sign(f"{user_id}.{committee_id}")


def token_user(token: str, committee_id: int) -> int | None:
    """The user id a token was made for, if it is genuine and for this committee."""
    try:
        value = signing.Signer(salt=_SALT).unsign(token)
    except signing.BadSignature:
        return None
    user, _sep, committee = value.partition(".")
    if not (user.isdigit() and committee == str(committee_id)):
        return None
    return int(user)


def calendar(committee: Committee, planned: Iterable[PlannedMeeting], site: str) -> bytes:
    """The feed: ``site`` ("https://med.vejle.dk") makes the links absolute."""
    from django.urls import reverse

    cal = Calendar()
    cal.add("prodid", "-//medref//mødeplan//DA")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{committee.name}: mødeplan")
    for pm in planned:
        # Once the meeting exists, its own date, time and place count, and every
        # edit of them (Meeting.version) raises the sequence too.
        meeting = pm.meeting
        if meeting is not None and meeting.meeting_date is None:
            continue  # undated (imported, til gennemsyn): no calendar event until dated
        day = meeting.meeting_date if meeting and meeting.meeting_date else pm.date
        start_time = meeting.start_time if meeting else pm.start_time
        end_time = meeting.end_time if meeting else pm.end_time
        location = (meeting.location or "") if meeting else pm.location
        event = Event()
        event.add("uid", pm.uid)
        event.add("sequence", pm.sequence + (meeting.version if meeting else 0))
        event.add("dtstamp", pm.changed_at.astimezone(dt.UTC))
        event.add("summary", f"{committee.name}: møde")
        if start_time is not None:
            start = dt.datetime.combine(day, start_time, tzinfo=ZONE)
            end = (
                dt.datetime.combine(day, end_time, tzinfo=ZONE)
                if end_time is not None
                else start + DEFAULT_LENGTH
            )
            event.add("dtstart", start)
            event.add("dtend", end)
        else:
            event.add("dtstart", day)
            event.add("dtend", day + dt.timedelta(days=1))
        if location:
            event.add("location", location)
        event.add("status", "CANCELLED" if pm.cancelled else "CONFIRMED")
        if pm.meeting_id is not None:
            link = site.rstrip("/") + reverse("web:meeting", args=[pm.meeting_id])
        else:
            link = site.rstrip("/") + reverse(
                "web:planning:year",
                args=[committee.municipality.slug, committee.slug],
            )
        event.add("description", f"Dagsorden og referat: {link}")
        event.add("url", link)
        cal.add_component(event)
    cal.add_missing_timezones()
    data: bytes = cal.to_ical()
    return data
