"""Attendance, decisions and the minutes' corrections; the steps themselves
(send, held, draft, approve, publish) are in ``steps``, re-exported here."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from medref.accounts.permissions import Action, can
from medref.documents.model import SectionKind
from medref.lib.decisions import approves_minutes
from medref.meetings.models import (
    AgendaItem,
    Attendance,
    ItemAttendance,
    Meeting,
    MeetingEvent,
    Section,
)
from medref.organisation.models import Membership
from medref.search.services import index_item, index_meeting

from . import history
from .agenda import detail_changes
from .common import (
    DEFAULT_HEADINGS,
    allow,
    check_attendance_unchanged,
    check_version,
    ensure_section,
    locked_item,
    locked_meeting,
    reposition_sections,
    require_status,
    touch,
)
from .errors import InvalidInput
from .sections import store_markdown
from .standard import APPROVE_MINUTES
from .steps import (  # noqa: F401  (the steps' actions, where callers have always found them)
    approve_minutes,
    mark_held,
    publish_minutes,
    send_agenda,
    store_sent_agenda,
    submit_minutes,
)

if TYPE_CHECKING:
    from medref.accounts.permissions import AnyUser

logger = logging.getLogger(__name__)

Status = Meeting.Status
# While the meeting runs and until the draft is approved, attendance and decisions may change.
_MINUTES_OPEN = (Status.AGENDA_SENT, Status.HELD, Status.MINUTES_DRAFT)


def members_on(meeting: Meeting) -> tuple[list[Membership], list[Membership]]:
    """The committee's members and its substitutes on the meeting's day (one query).

    One membership per person (their first by role order); the secretary is a member here.
    """
    day = meeting.meeting_date or timezone.localdate()  # undated (imported): today's members
    rows = (
        Membership.objects.filter(committee_id=meeting.committee_id, start__lte=day)
        .filter(Q(end__isnull=True) | Q(end__gte=day))
        .select_related("person")
        .order_by("person__name", "person_id", "start")
    )
    members: dict[int, Membership] = {}
    substitutes: dict[int, Membership] = {}
    for row in rows:
        if row.role == Membership.Role.SUBSTITUTE:
            substitutes.setdefault(row.person_id, row)
        else:
            members.setdefault(row.person_id, row)
    for person_id in members:
        substitutes.pop(person_id, None)
    return list(members.values()), list(substitutes.values())


@transaction.atomic
def record_attendance(
    meeting: Meeting | int,
    statuses: Mapping[int, str],
    *,
    actor: AnyUser | None,
    item_substitutes: Mapping[int, Sequence[int]] | None = None,
    expected: int | None = None,
) -> Meeting:
    """Who was there: present / afbud / fraværende per member (person id), and
    per item (id) the substitutes who took part in it.

    The meeting's lists (deltagere, til stede, afbud, suppleanter) and each
    item's "Fraværende" line are computed from this; nobody types them twice.
    ``expected``: how many times attendance had been recorded when the editor
    opened the form (``attendance_recordings``); ``Conflict`` if more since.
    None (the CLI, imports): no check.
    """
    meeting = locked_meeting(meeting)
    allow(actor, Action.RECORD_ATTENDANCE, meeting)
    require_status(
        meeting,
        _MINUTES_OPEN,
        _(
            "Attendance can be recorded once the agenda is sent and until the minutes are approved "
            "(the meeting's status is “%(status)s”)."
        ),
    )
    check_attendance_unchanged(meeting, expected)
    members, substitutes = members_on(meeting)
    by_person = {m.person_id: m for m in members}
    unknown = set(statuses) - set(by_person)
    if unknown:
        raise InvalidInput(_("Only the committee's members on the meeting's day can be marked."))
    missing = [m.person.name for m in members if m.person_id not in statuses]
    if missing:
        raise InvalidInput(
            _("Mark every member present, afbud or absent; missing: %(names)s.")
            % {"names": ", ".join(missing)}
        )
    valid = set(Attendance.Status.values)
    if any(s not in valid for s in statuses.values()):
        raise InvalidInput(_("Unknown attendance status."))
    items = {i.pk: i for i in meeting.items.order_by("position")}
    substitute_people = {m.person_id: m for m in substitutes}
    chosen = item_substitutes or {}
    if set(chosen) - set(items):
        raise InvalidInput(_("An item of another meeting was given."))
    if any(p not in substitute_people for ids in chosen.values() for p in ids):
        raise InvalidInput(_("Only the committee's substitutes can take part in an item."))

    names = [m.person.name for m in members] + [m.person.name for m in substitutes]
    if len(set(names)) != len(names):
        raise InvalidInput(_("Two people of the committee have the same name; tell them apart."))
    before = {a.person_id: a.status for a in meeting.attendances.all()}
    meeting.attendances.all().delete()
    ItemAttendance.objects.filter(item__meeting=meeting).delete()
    rows: list[Attendance] = []
    counters = {"present": 0, "absent": 0}
    for membership in members:
        status = statuses[membership.person_id]
        row = Attendance(
            meeting=meeting,
            person=membership.person,
            name=membership.person.name,
            title=membership.title or None,
            status=status,
        )
        if status == Attendance.Status.PRESENT:
            # Mødedeltagere are those who came; afbud and fraværende are listed
            # apart (never both), on the page and in every file alike.
            row.participant_position = counters["present"]
            row.present_position = counters["present"]
            counters["present"] += 1
        else:
            row.absent_position = counters["absent"]
            counters["absent"] += 1
        rows.append(row)
    used = [m for m in substitutes if any(m.person_id in ids for ids in chosen.values())]
    for position, membership in enumerate(used):
        rows.append(
            Attendance(
                meeting=meeting,
                person=membership.person,
                name=membership.person.name,
                title=membership.title or None,
                substitute_position=position,
                status=Attendance.Status.PRESENT,
            )
        )
    Attendance.objects.bulk_create(rows)

    absent = [m for m in members if statuses[m.person_id] != Attendance.Status.PRESENT]
    per_item: list[ItemAttendance] = []
    for item in items.values():
        per_item.extend(
            ItemAttendance(
                item=item, person=m.person, name=m.person.name, kind="absent", position=p
            )
            for p, m in enumerate(absent)
        )
        ids = set(chosen.get(item.pk, ()))
        per_item.extend(
            ItemAttendance(
                item=item, person=m.person, name=m.person.name, kind="substitute", position=p
            )
            for p, m in enumerate(m for m in substitutes if m.person_id in ids)
        )
    ItemAttendance.objects.bulk_create(per_item)
    meeting.attendance_recorded = True
    secretary = next((m for m in members if m.role == Membership.Role.SECRETARY), None)
    if meeting.minute_taker_id is None and secretary is not None:
        # The committee's referent writes these minutes unless someone else was named.
        meeting.minute_taker = secretary.person
        meeting.minute_taker_name = secretary.person.name
    meeting.save(update_fields=["attendance_recorded", "minute_taker", "minute_taker_name"])
    after = {m.person_id: statuses[m.person_id] for m in members}
    event = history.record(
        meeting,
        MeetingEvent.Action.ATTENDANCE_RECORDED,
        actor,
        changes={
            by_person[pid].person.name: [before.get(pid) or None, status]
            for pid, status in after.items()
            if before.get(pid) != status
        },
        substitutes={
            str(items[item_id].number): [substitute_people[p].person.name for p in ids]
            for item_id, ids in chosen.items()
            if ids
        },
    )
    _draft_changed(meeting, event, actor)
    return meeting


def _draft_changed(meeting: Meeting, event: MeetingEvent, actor: AnyUser | None) -> None:
    """A draft's decision or attendance changed: the attendees' approvals made before
    are void (``participation.approval.reset_after_change``, recorded)."""
    if meeting.status != Status.MINUTES_DRAFT:
        return
    # participation imports the workflow: imported here to keep the import graph acyclic.
    from medref.participation.approval import reset_after_change

    reset_after_change(meeting, actor, str(event.get_action_display()))


def _previous_draft(meeting: Meeting) -> Meeting | None:
    """The committee's meeting before this one, when its minutes await approval."""
    if meeting.meeting_date is None:
        return None  # an undated meeting has no "before"
    previous = (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("committee__municipality")
        .filter(committee_id=meeting.committee_id, meeting_date__lt=meeting.meeting_date)
        .order_by("-meeting_date")
        .first()
    )
    if previous is not None and previous.status == Status.MINUTES_DRAFT:
        return previous
    return None


@transaction.atomic
def write_decision(
    item: AgendaItem | int, markdown: str, *, actor: AnyUser | None, expected_version: int | None
) -> AgendaItem:
    """Write the item's Beslutning (Markdown; "" removes it).

    A plainly affirmative decision ("FagMED godkendte referatet.",
    ``medref.lib.decisions.approves_minutes``) on the "Godkendelse af referat"
    item approves the previous meeting's draft minutes, when ``actor`` may
    approve minutes; a negation, question or postponement never does.
    """
    item = locked_item(item)
    meeting = item.meeting
    allow(actor, Action.WRITE_MINUTES, meeting)
    require_status(
        meeting,
        _MINUTES_OPEN,
        _(
            "Decisions can be written once the agenda is sent and until the minutes are approved "
            "(the meeting's status is “%(status)s”)."
        ),
    )
    check_version(item, expected_version)
    existing = item.sections.filter(kind=SectionKind.DECISION).order_by("position").first()
    before = existing.text if existing is not None else ""
    after = ""
    if markdown.strip():
        section: Section = existing or ensure_section(
            item, SectionKind.DECISION, before=(SectionKind.ATTACHMENTS,)
        )
        section.heading = section.heading or DEFAULT_HEADINGS[SectionKind.DECISION]
        store_markdown(section, markdown)
        section.save()
        after = section.text
    elif existing is not None:
        existing.delete()
        reposition_sections(list(item.sections.order_by("position")))
    touch(item)
    event = history.record(
        meeting,
        MeetingEvent.Action.DECISION_WRITTEN,
        actor,
        item=item,
        changes={"text": [before, after]},
    )
    _draft_changed(meeting, event, actor)
    index_item(item)
    if item.title == APPROVE_MINUTES and approves_minutes(after):
        _approve_previous_through(meeting, item, actor, after)
    return item


def _approve_previous_through(
    meeting: Meeting, item: AgendaItem, actor: AnyUser | None, decision: str
) -> None:
    """Approve the previous meeting's draft minutes through ``item``'s decision,
    when ``actor`` may approve minutes there (the chair, not the referent who
    writes the decision down); otherwise the chair approves with the button."""
    previous = _previous_draft(meeting)
    if previous is None or not can(actor, Action.APPROVE_MINUTES, previous.committee):
        return
    previous.status = Status.MINUTES_APPROVED
    previous.save(update_fields=["status"])
    event = history.record(
        previous,
        MeetingEvent.Action.MINUTES_APPROVED,
        actor,
        through_meeting=meeting.pk,
        through_item=item.number,
        approved_by=_display_name(actor),
        decision=decision,
    )
    _queue_mail(event)


def _display_name(actor: AnyUser | None) -> str:
    """The approver's name as the history keeps it, even if the user is deleted later."""
    if actor is None:
        return ""
    full_name = actor.get_full_name() if hasattr(actor, "get_full_name") else ""
    return str(full_name or actor.get_username())


@transaction.atomic
def approve_minutes_by_rule(
    meeting: Meeting | int, *, actor: AnyUser | None, rule: str, approvals: list[dict[str, str]]
) -> Meeting:
    """The attendees' approvals met the committee's approval rule: the draft is approved.

    The rule is the permission (``medref.participation.approval`` counts the
    approvals and calls this inside its own action); ``actor`` is the last approver.
    """
    meeting = locked_meeting(meeting)
    require_status(
        meeting,
        {Status.MINUTES_DRAFT},
        _("Only draft minutes can be approved (the meeting's status is “%(status)s”)."),
    )
    meeting.status = Status.MINUTES_APPROVED
    meeting.save(update_fields=["status"])
    event = history.record(
        meeting,
        MeetingEvent.Action.MINUTES_APPROVED,
        actor,
        status=[str(Status.MINUTES_DRAFT), str(Status.MINUTES_APPROVED)],
        rule=rule,
        approvals=approvals,
    )
    _queue_mail(event)
    return meeting


@transaction.atomic
def reopen_minutes(meeting: Meeting | int, *, actor: AnyUser | None, reason: str) -> Meeting:
    """The chair reopens approved (or published) minutes to correct them: they become a
    draft again (no longer public), the reason recorded in the history."""
    meeting = locked_meeting(meeting)
    allow(actor, Action.APPROVE_MINUTES, meeting)
    require_status(
        meeting,
        {Status.MINUTES_APPROVED, Status.PUBLISHED},
        _(
            "Only approved or published minutes can be reopened "
            "(the meeting's status is “%(status)s”)."
        ),
    )
    reason = " ".join(reason.split())
    if not reason:
        raise InvalidInput(_("Write why the minutes are reopened."), field="reason")
    before = meeting.status
    meeting.status = Status.MINUTES_DRAFT
    meeting.save(update_fields=["status"])
    history.record(
        meeting,
        MeetingEvent.Action.MINUTES_REOPENED,
        actor,
        status=[str(before), str(Status.MINUTES_DRAFT)],
        reason=reason,
    )
    return meeting


@transaction.atomic
def change_time_and_place(
    meeting: Meeting | int,
    *,
    actor: AnyUser | None,
    expected_version: int | None,
    meeting_date: dt.date,
    start_time: dt.time | None,
    end_time: dt.time | None,
    location: str | None,
    site: str = "",
) -> Meeting:
    """After sending: move the meeting or change its room. Recorded in the history
    (``after_sending``) and the agenda as sent is stored again with the new facts."""
    meeting = locked_meeting(meeting)
    allow(actor, Action.SEND_AGENDA, meeting)
    require_status(
        meeting,
        {Status.AGENDA_SENT},
        _(
            "Time and place can be changed here once the agenda is sent and until the meeting "
            "is held (the meeting's status is “%(status)s”)."
        ),
    )
    changed = detail_changes(
        meeting,
        expected_version,
        meeting_date=meeting_date,
        start_time=start_time,
        end_time=end_time,
        location=location,
    )
    if not changed:
        return meeting
    meeting.version += 1
    meeting.save()
    store_sent_agenda(meeting, site)
    event = history.record(
        meeting, MeetingEvent.Action.MEETING_EDITED, actor, changes=changed, after_sending=True
    )
    _queue_mail(event)  # the recipients get the new invitation
    index_meeting(meeting)  # the header and every entry's date
    return meeting


def _queue_mail(event: MeetingEvent) -> None:
    """The mail ``event`` sends (minutes approved, a sent meeting moved), after the commit."""
    # notifications imports meetings: imported here to keep the import graph acyclic.
    from medref.notifications.dispatch import queue_for_event

    queue_for_event(event)
