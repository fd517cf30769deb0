"""Meetings as an iCal feed (RFC 5545, through ``icalendar``).

The same approach as the mødeplan (``medref.planning.ical``), for meetings
rather than planned dates: one VEVENT per meeting, a UID that never changes
(``meeting-<id>@<host>``), a SEQUENCE that goes up with every change of
time or place, STATUS:CANCELLED for a cancelled meeting, the meeting's
address in DESCRIPTION (calendar programs show it; most ignore URL) and
Europe/Copenhagen times with their VTIMEZONE.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from icalendar import Calendar, Event

from medref.planning.ical import DEFAULT_LENGTH, ZONE


@dataclass(frozen=True)
class FeedEvent:
    """One meeting as the feed shows it."""

    uid: str
    sequence: int
    stamp: dt.datetime  # the last change (DTSTAMP / LAST-MODIFIED)
    summary: str
    day: dt.date
    start: dt.time | None
    end: dt.time | None
    location: str | None
    cancelled: bool
    link: str
    note: str = ""  # a line before the link, e.g. "Du har meldt afbud."


def meeting_uid(meeting_id: int, host: str) -> str:
    """The event's identity: the meeting's id and the site's host name, nothing that changes."""
    return f"medref-meeting-{meeting_id}@{host or 'medref'}"


def calendar(name: str, events: Iterable[FeedEvent], *, method: str | None = None) -> bytes:
    """The feed (or, with ``method="REQUEST"``, an invitation) as bytes."""
    cal = Calendar()
    cal.add("prodid", "-//medref//møder//DA")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if method:
        cal.add("method", method)
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", str(ZONE))
    for item in events:
        cal.add_component(_event(item))
    cal.add_missing_timezones()
    return bytes(cal.to_ical())


def _event(item: FeedEvent) -> Event:
    event = Event()
    event.add("uid", item.uid)
    event.add("sequence", item.sequence)
    event.add("dtstamp", item.stamp.astimezone(dt.UTC))
    event.add("last-modified", item.stamp.astimezone(dt.UTC))
    event.add("summary", item.summary)
    if item.start is not None:
        start = dt.datetime.combine(item.day, item.start, tzinfo=ZONE)
        end = (
            dt.datetime.combine(item.day, item.end, tzinfo=ZONE)
            if item.end is not None and item.end > item.start
            else start + DEFAULT_LENGTH
        )
        event.add("dtstart", start)
        event.add("dtend", end)
    else:
        event.add("dtstart", item.day)
        event.add("dtend", item.day + dt.timedelta(days=1))
    if item.location:
        event.add("location", item.location)
    event.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
    lines = [line for line in (item.note, f"Dagsorden og referat: {item.link}") if line]
    event.add("description", "\n".join(lines))
    event.add("url", item.link)
    return event
