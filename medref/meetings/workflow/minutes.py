"""Sending the agenda, holding the meeting and the minutes' way to publishing."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from medref.accounts.permissions import Action, can
from medref.documents.model import SectionKind
from medref.lib.decisions import approves_minutes
from medref.meetings import mapping
from medref.meetings.attachments import link_attachments
from medref.meetings.models import (
    AgendaItem,
    Attendance,
    ItemAttendance,
    Meeting,
    MeetingEvent,
    Section,
)
from medref.organisation.models import Membership
from medref.renderers import render_bytes
from medref.search.services import index_meeting

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
    require_date,
    require_status,
    touch,
)
from .errors import IllegalTransition, InvalidInput, NeedsConfirmation
from .sections import store_markdown
from .standard import APPROVE_MINUTES

if TYPE_CHECKING:
    from medref.accounts.permissions import AnyUser

logger = logging.getLogger(__name__)

Status = Meeting.Status
# While the meeting runs and until the draft is approved, attendance and decisions may change.
_MINUTES_OPEN = (Status.AGENDA_SENT, Status.HELD, Status.MINUTES_DRAFT)


def _render_agenda(meeting: Meeting, public: bool, site: str = "") -> tuple[str, bytes]:
    """The agenda as PDF, or as HTML when the PDF renderer fails (it needs system fonts).

    Its bilag link to medref's download view on ``site``, which checks the reader.
    """
    doc = link_attachments(mapping.to_document(meeting), meeting.pk, site)
    try:
        return "pdf", render_bytes(doc, "pdf", public=public)
    except Exception:  # any failure of WeasyPrint or its libraries: HTML still says it all
        logger.exception(
            "PDF rendering of the agenda for meeting %s failed; storing HTML", meeting.pk
        )
        return "html", render_bytes(doc, "html", public=public)


@transaction.atomic
def send_agenda(meeting: Meeting | int, *, by: AnyUser | None, site: str = "") -> Meeting:
    """Freeze the agenda (no more agenda edits) and store it as sent, in full and public.

    ``site`` ("https://med.vejle.dk") makes the files' bilag links absolute.
    """
    meeting = locked_meeting(meeting)
    allow(by, Action.SEND_AGENDA, meeting)
    require_status(
        meeting,
        {Status.PLANNED},
        _("The agenda has already been sent (the meeting's status is “%(status)s”)."),
    )
    if not meeting.items.exists():
        raise IllegalTransition(_("The agenda has no items; add at least one before sending it."))
    require_date(meeting, _("Dagsordenen kan ikke sendes"))
    meeting.status = Status.AGENDA_SENT
    meeting.save(update_fields=["status"])
    stem = f"dagsorden-{meeting.committee.slug}-{meeting.meeting_date:%Y-%m-%d}"
    fmt, content = _render_agenda(meeting, public=False, site=site)
    meeting.agenda_file.save(f"{stem}.{fmt}", ContentFile(content), save=False)
    public_fmt, public_content = _render_agenda(meeting, public=True, site=site)
    meeting.public_agenda_file.save(
        f"{stem}-offentlig.{public_fmt}", ContentFile(public_content), save=False
    )
    meeting.save(update_fields=["agenda_file", "public_agenda_file"])
    index_meeting(meeting)
    history.record(meeting, MeetingEvent.Action.AGENDA_SENT, by, format=fmt)
    return meeting


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
    by: AnyUser | None,
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
    allow(by, Action.RECORD_ATTENDANCE, meeting)
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
    history.record(
        meeting,
        MeetingEvent.Action.ATTENDANCE_RECORDED,
        by,
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
    return meeting


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
    item: AgendaItem | int, markdown: str, *, by: AnyUser | None, expected_version: int | None
) -> AgendaItem:
    """Write the item's Beslutning (Markdown; "" removes it).

    A plainly affirmative decision ("FagMED godkendte referatet.",
    ``medref.lib.decisions.approves_minutes``) on the "Godkendelse af referat"
    item approves the previous meeting's draft minutes, when ``by`` may
    approve minutes; a negation, question or postponement never does.
    """
    item = locked_item(item)
    meeting = item.meeting
    allow(by, Action.WRITE_MINUTES, meeting)
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
    history.record(
        meeting,
        MeetingEvent.Action.DECISION_WRITTEN,
        by,
        item=item,
        changes={"text": [before, after]},
    )
    if item.title == APPROVE_MINUTES and approves_minutes(after):
        _approve_previous_through(meeting, item, by, after)
    return item


def _approve_previous_through(
    meeting: Meeting, item: AgendaItem, by: AnyUser | None, decision: str
) -> None:
    """Approve the previous meeting's draft minutes through ``item``'s decision,
    when ``by`` may approve minutes there (the chair, not the referent who
    writes the decision down); otherwise the chair approves with the button."""
    previous = _previous_draft(meeting)
    if previous is None or not can(by, Action.APPROVE_MINUTES, previous.committee):
        return
    previous.status = Status.MINUTES_APPROVED
    previous.save(update_fields=["status"])
    history.record(
        previous,
        MeetingEvent.Action.MINUTES_APPROVED,
        by,
        through_meeting=meeting.pk,
        through_item=item.number,
        approved_by=_display_name(by),
        decision=decision,
    )


def _display_name(by: AnyUser | None) -> str:
    """The approver's name as the history keeps it, even if the user is deleted later."""
    if by is None:
        return ""
    full_name = by.get_full_name() if hasattr(by, "get_full_name") else ""
    return str(full_name or by.get_username())


def _transition(
    meeting: Meeting | int,
    by: AnyUser | None,
    action: Action,
    source: Status,
    target: Status,
    event: MeetingEvent.Action,
    refusal: str,
    confirmed: list[str] | None = None,
) -> Meeting:
    meeting = locked_meeting(meeting)
    allow(by, action, meeting)
    require_status(meeting, {source}, refusal)
    meeting.status = target
    meeting.save(update_fields=["status"])
    status = [str(source), str(target)]
    if confirmed:
        history.record(meeting, event, by, status=status, confirmed=[str(c) for c in confirmed])
    else:
        history.record(meeting, event, by, status=status)
    return meeting


def _held_doubts(meeting: Meeting) -> list[str]:
    """What speaks against marking the meeting held now."""
    doubts: list[str] = []
    today = timezone.localdate()
    if meeting.meeting_date is not None and meeting.meeting_date > today:
        doubts.append(
            _("The meeting is on %(date)s, %(days)s days from now.")
            % {
                "date": meeting.meeting_date.strftime("%d-%m-%Y"),
                "days": (meeting.meeting_date - today).days,
            }
        )
    if not meeting.attendance_recorded:
        doubts.append(_("No attendance has been recorded."))
    return doubts


def _minutes_doubts(meeting: Meeting) -> list[str]:
    """What speaks against submitting the minutes as a draft now."""
    doubts: list[str] = []
    if not meeting.attendance_recorded:
        doubts.append(_("No attendance has been recorded."))
    undecided = [
        str(item.number)
        for item in meeting.items.order_by("position")
        if not item.sections.filter(kind=SectionKind.DECISION).exclude(text="").exists()
    ]
    if undecided:
        doubts.append(
            _("Items without a decision: %(numbers)s.") % {"numbers": ", ".join(undecided)}
        )
    return doubts


def doubts(meeting: Meeting, service: str) -> list[str]:
    """What the confirmation page of ``service`` ("mark_held", "submit_minutes") should
    warn about now; [] for the other steps."""
    if service == "mark_held":
        return _held_doubts(meeting)
    if service == "submit_minutes":
        return _minutes_doubts(meeting)
    return []


def _confirm(doubts: list[str], confirmed: bool) -> None:
    if doubts and not confirmed:
        raise NeedsConfirmation(doubts)


@transaction.atomic
def mark_held(meeting: Meeting | int, *, by: AnyUser | None, confirmed: bool = False) -> Meeting:
    """The meeting took place (afholdt); its agenda must have been sent.

    A meeting in the future or without recorded attendance needs ``confirmed``
    (``NeedsConfirmation`` says why otherwise); the history records the doubts confirmed.
    """
    meeting = locked_meeting(meeting)
    # Asked only when the step is possible at all (else the status refusal says why).
    doubts = _held_doubts(meeting) if meeting.status == Status.AGENDA_SENT else []
    allow(by, Action.WRITE_MINUTES, meeting)
    _confirm(doubts, confirmed)
    return _transition(
        meeting,
        by,
        Action.WRITE_MINUTES,
        Status.AGENDA_SENT,
        Status.HELD,
        MeetingEvent.Action.HELD,
        _("Only a meeting whose agenda was sent can be marked held (its status is “%(status)s”)."),
        confirmed=doubts,
    )


@transaction.atomic
def submit_minutes(
    meeting: Meeting | int, *, by: AnyUser | None, confirmed: bool = False
) -> Meeting:
    """The minutes as written become the draft (referat udkast) the members read.

    No recorded attendance or items without a decision need ``confirmed``.
    """
    meeting = locked_meeting(meeting)
    doubts = _minutes_doubts(meeting) if meeting.status == Status.HELD else []
    allow(by, Action.WRITE_MINUTES, meeting)
    _confirm(doubts, confirmed)
    return _transition(
        meeting,
        by,
        Action.WRITE_MINUTES,
        Status.HELD,
        Status.MINUTES_DRAFT,
        MeetingEvent.Action.MINUTES_SUBMITTED,
        _(
            "Only a held meeting's minutes can be submitted as a draft "
            "(its status is “%(status)s”)."
        ),
        confirmed=doubts,
    )


@transaction.atomic
def approve_minutes(meeting: Meeting | int, *, by: AnyUser | None) -> Meeting:
    """The chair approves the draft minutes (or the next meeting does: ``write_decision``).

    Refused when the committee approves by its attendees (all or a majority:
    ``medref.participation.approval``), whose approvals then approve it.
    """
    from medref.participation.approval import refuse_unless_chair_approves

    refuse_unless_chair_approves(meeting)
    return _transition(
        meeting,
        by,
        Action.APPROVE_MINUTES,
        Status.MINUTES_DRAFT,
        Status.MINUTES_APPROVED,
        MeetingEvent.Action.MINUTES_APPROVED,
        _("Only draft minutes can be approved (the meeting's status is “%(status)s”)."),
    )


@transaction.atomic
def approve_minutes_by_rule(
    meeting: Meeting | int, *, by: AnyUser | None, rule: str, approvals: list[dict[str, str]]
) -> Meeting:
    """The attendees' approvals met the committee's approval rule: the draft is approved.

    The rule is the permission (``medref.participation.approval`` counts the
    approvals and calls this inside its own action); ``by`` is the last approver.
    """
    meeting = locked_meeting(meeting)
    require_status(
        meeting,
        {Status.MINUTES_DRAFT},
        _("Only draft minutes can be approved (the meeting's status is “%(status)s”)."),
    )
    meeting.status = Status.MINUTES_APPROVED
    meeting.save(update_fields=["status"])
    history.record(
        meeting,
        MeetingEvent.Action.MINUTES_APPROVED,
        by,
        status=[str(Status.MINUTES_DRAFT), str(Status.MINUTES_APPROVED)],
        rule=rule,
        approvals=approvals,
    )
    return meeting


@transaction.atomic
def publish_minutes(meeting: Meeting | int, *, by: AnyUser | None) -> Meeting:
    """Approved minutes become public (their open items and decisions)."""
    meeting = _transition(
        meeting,
        by,
        Action.PUBLISH_MINUTES,
        Status.MINUTES_APPROVED,
        Status.PUBLISHED,
        MeetingEvent.Action.MINUTES_PUBLISHED,
        _("Only approved minutes can be published (the meeting's status is “%(status)s”)."),
    )
    require_date(meeting, _("Referatet kan ikke offentliggøres"))
    index_meeting(meeting)
    return meeting


@transaction.atomic
def reopen_minutes(meeting: Meeting | int, *, by: AnyUser | None, reason: str) -> Meeting:
    """The chair reopens approved (or published) minutes to correct them: they become a
    draft again (no longer public), the reason recorded in the history."""
    meeting = locked_meeting(meeting)
    allow(by, Action.APPROVE_MINUTES, meeting)
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
        by,
        status=[str(before), str(Status.MINUTES_DRAFT)],
        reason=reason,
    )
    if before == Status.PUBLISHED:
        index_meeting(meeting)  # the public search no longer shows its decisions
    return meeting


@transaction.atomic
def change_time_and_place(
    meeting: Meeting | int,
    *,
    by: AnyUser | None,
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
    allow(by, Action.SEND_AGENDA, meeting)
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
    _store_sent_agenda(meeting, site)
    history.record(
        meeting, MeetingEvent.Action.MEETING_EDITED, by, changes=changed, after_sending=True
    )
    return meeting


def _store_sent_agenda(meeting: Meeting, site: str) -> None:
    """The agenda as sent, stored anew (full and public) from the meeting as it is now."""
    fmt, content = _render_agenda(meeting, public=False, site=site)
    meeting.agenda_file.save(f"dagsorden.{fmt}", ContentFile(content), save=False)
    public_fmt, public_content = _render_agenda(meeting, public=True, site=site)
    meeting.public_agenda_file.save(
        f"dagsorden-offentlig.{public_fmt}", ContentFile(public_content), save=False
    )
    meeting.save(update_fields=["agenda_file", "public_agenda_file"])
