"""Reads of meetings, each in a fixed number of queries whatever the meeting's size."""

from __future__ import annotations

from django.db.models import F, Prefetch

from medref.organisation.models import Committee

from .models import (
    AgendaItem,
    Attachment,
    Attendance,
    ItemAttendance,
    Meeting,
    MeetingEvent,
    Section,
)


def committee_with_meetings(municipality_slug: str, committee_slug: str) -> Committee:
    """The committee with these slugs, for its page.

    Loaded: ``committee.municipality``, ``committee.parent``, and
    ``committee.meeting_list``: its meetings, newest first (no items).
    Raises ``Committee.DoesNotExist``. Two queries.
    """
    meetings = Meeting.objects.order_by(
        F("meeting_date").desc(nulls_last=True), F("start_time").desc(nulls_last=True)
    )  # undated meetings (imported, til gennemsyn) last on both databases
    return (
        Committee.objects.select_related("municipality", "parent")
        .prefetch_related(Prefetch("meetings", queryset=meetings, to_attr="meeting_list"))
        .get(municipality__slug=municipality_slug, slug=committee_slug)
    )


def meeting_detail(meeting_id: int) -> Meeting:
    """The meeting with everything a meeting page or ``mapping.to_document`` shows.

    Loaded, all in position order:

    - ``meeting.committee``, ``meeting.committee.municipality``, ``meeting.minute_taker``;
    - ``meeting.attendances.all()`` with each ``.person`` (ordered by
      participant position, names outside the participant list last);
    - ``meeting.items.all()``, and for each item ``.sections.all()``,
      ``.attachments.all()`` and ``.item_attendances.all()`` (kind, then
      position; each with ``.person``).

    Raises ``Meeting.DoesNotExist``. Six queries.
    """
    return (
        Meeting.objects.select_related("committee__municipality", "minute_taker")
        .prefetch_related(
            Prefetch(
                "attendances",
                queryset=Attendance.objects.select_related("person").order_by(
                    # NULLs sort differently per database; say where they go.
                    F("participant_position").asc(nulls_last=True),
                    "name",
                ),
            ),
            Prefetch("items", queryset=AgendaItem.objects.order_by("position")),
            Prefetch("items__sections", queryset=Section.objects.order_by("position")),
            Prefetch("items__attachments", queryset=Attachment.objects.order_by("position")),
            Prefetch(
                "items__item_attendances",
                queryset=ItemAttendance.objects.select_related("person").order_by(
                    "kind", "position"
                ),
            ),
        )
        .get(pk=meeting_id)
    )


def item_for_editing(meeting_id: int, item_id: int) -> AgendaItem:
    """One item of one meeting for the item editor.

    Loaded: ``item.meeting.committee.municipality``, ``item.sections.all()``
    and ``item.attachments.all()`` in position order. Raises
    ``AgendaItem.DoesNotExist`` (also for an item of another meeting).
    Three queries.
    """
    return (
        AgendaItem.objects.select_related("meeting__committee__municipality")
        .prefetch_related(
            Prefetch("sections", queryset=Section.objects.order_by("position")),
            # With whether each bilag's file is searchable (search.AttachmentText).
            Prefetch(
                "attachments",
                queryset=Attachment.objects.select_related("index_text").order_by("position"),
            ),
        )
        .get(pk=item_id, meeting_id=meeting_id)
    )


def meeting_history(meeting_id: int) -> Meeting:
    """The meeting and its events, oldest first, for the history page.

    Loaded: ``meeting.committee.municipality``; ``meeting.event_list`` with
    each event's ``.actor`` and ``.item``. Raises ``Meeting.DoesNotExist``.
    Two queries.
    """
    events = MeetingEvent.objects.select_related("actor", "item").order_by("at", "pk")
    return (
        Meeting.objects.select_related("committee__municipality")
        .prefetch_related(Prefetch("events", queryset=events, to_attr="event_list"))
        .get(pk=meeting_id)
    )
