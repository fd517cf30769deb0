"""Reads for other apps' pages: the afbud members gave themselves, the approvals."""

from __future__ import annotations

import datetime as dt

from django.utils import dateformat, timezone, translation

from medref.meetings import statuses
from medref.meetings.models import Meeting, MeetingEvent
from medref.renderers.signatures import Signature

from .models import MemberAfbud


def reported_afbud(meeting: Meeting) -> dict[int, MemberAfbud]:
    """Person id → the afbud they gave to ``meeting`` (one query, kept on the meeting
    object: the attendance view and its template both ask)."""
    cached: dict[int, MemberAfbud] | None = getattr(meeting, "_reported_afbud", None)
    if cached is None:
        rows = MemberAfbud.objects.filter(meeting=meeting).select_related("person")
        cached = {a.person_id: a for a in rows}
        meeting._reported_afbud = cached  # type: ignore[attr-defined]
    return cached


def signatures(meeting: Meeting) -> list[Signature]:
    """Who approved the minutes, and when, for the last page of the PDF and Word files.

    The latest "Referat godkendt" event says it: each attendee's approval
    (``approvals``), or the one approver (the chair's button, the next
    meeting's decision). [] before approval and for imported minutes (no query).
    """
    if meeting.status not in (statuses.MINUTES_APPROVED, statuses.PUBLISHED):
        return []
    if meeting.imported_at is not None:
        return []  # approved elsewhere: no approval in medref's history (and no query)
    event = (
        MeetingEvent.objects.filter(meeting=meeting, action=MeetingEvent.Action.MINUTES_APPROVED)
        .select_related("actor")
        .order_by("-at", "-pk")
        .first()
    )
    if event is None:
        return []
    approvals = event.details.get("approvals") if isinstance(event.details, dict) else None
    if isinstance(approvals, list) and approvals:
        return [
            Signature(str(a["name"]), _when(dt.datetime.fromisoformat(str(a["at"]))))
            for a in approvals
            if isinstance(a, dict) and "name" in a and "at" in a
        ]
    name = event.details.get("approved_by") if isinstance(event.details, dict) else None
    if not name and event.actor is not None:
        name = event.actor.get_full_name() or event.actor.get_username()
    return [Signature(str(name), _when(event.at))] if name else []


def _when(at: dt.datetime) -> str:
    """ "5. december 2026 kl. 12:36", Copenhagen time."""
    with translation.override("da"):
        return dateformat.format(timezone.localtime(at), r"j. F Y \k\l. H:i")
