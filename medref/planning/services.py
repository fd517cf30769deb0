"""Every write of the planning app: one function per action.

Each takes the keyword ``actor`` (``AnyUser | None``: None is the system),
checks the permission with ``medref.accounts.permissions`` (no rule of its own), runs in one
transaction and records one ``PlanningEvent``. Refusals raise the meeting
workflow's errors (``WorkflowError``), whose messages are written for the user.
Accepting a proposal onto an agenda builds the item through the meeting
workflow (``add_item``, ``add_section``), so the meeting's own history shows
the item too.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from medref.accounts.permissions import Action, raise_unless
from medref.documents.model import SectionKind
from medref.documents.serialize import blocks_from_data
from medref.lib.danish import MONTHS
from medref.meetings.models import AgendaItem, Meeting, Section
from medref.meetings.workflow import agenda as agenda_workflow
from medref.meetings.workflow import sections as section_workflow
from medref.meetings.workflow.errors import IllegalTransition, InvalidInput
from medref.meetings.workflow.history import actor_id
from medref.organisation.models import Committee, Membership

from .models import (
    AgendaProposal,
    AnnualPlan,
    FollowUp,
    KlippekortUsage,
    PlannedMeeting,
    PlanningEvent,
    StandardTheme,
    Theme,
)
from .rules.followups import Proposal, decision_texts, detect_text
from .rules.klippekort import parse_functions
from .rules.months import Month
from .rules.themes import Recurrence, RuleError, ThemeRule
from .standard import STANDARD_THEMES

if TYPE_CHECKING:
    from medref.accounts.permissions import AnyUser


def _record(
    committee: Committee,
    action: PlanningEvent.Action,
    actor: AnyUser | None,
    *,
    meeting: Meeting | None = None,
    followup: FollowUp | None = None,
    **details: Any,
) -> PlanningEvent:
    return PlanningEvent.objects.create(
        committee=committee,
        meeting=meeting,
        followup=followup,
        actor_id=actor_id(actor),
        action=action,
        details=details,
    )


# --- årshjul and mødeplan ---------------------------------------------------------


def _standard_themes(committee: Committee) -> list[dict[str, Any]]:
    """The municipality's standard årshjul, or medref's when it has none."""
    rows = list(StandardTheme.objects.filter(municipality_id=committee.municipality_id))
    if rows:
        return [_copy_fields(t) for t in rows]
    return [dict(t) for t in STANDARD_THEMES]


def _copy_fields(theme: StandardTheme | Theme) -> dict[str, Any]:
    return {
        "title": theme.title,
        "text": theme.text,
        "recurrence": theme.recurrence,
        "quarters": list(theme.quarters or []),
        "month": theme.month,
        "every_years": theme.every_years,
        "first_year": theme.first_year,
        "note": theme.note,
        "position": theme.position,
    }


@transaction.atomic
def create_plan(committee: Committee, year: int, *, actor: AnyUser | None) -> AnnualPlan:
    """The committee's plan for ``year``, starting from the standard årshjul."""
    raise_unless(actor, Action.EDIT_AGENDA, committee)
    if not 2000 <= year <= 2100:
        raise InvalidInput(_("Året skal ligge mellem 2000 og 2100."), field="year")
    if AnnualPlan.objects.filter(committee=committee, year=year).exists():
        raise InvalidInput(_("Udvalget har allerede et årshjul for %(year)s.") % {"year": year})
    plan = AnnualPlan.objects.create(committee=committee, year=year)
    themes = _standard_themes(committee)
    Theme.objects.bulk_create(Theme(plan=plan, **fields) for fields in themes)
    _record(committee, PlanningEvent.Action.PLAN_CREATED, actor, year=year, themes=len(themes))
    return plan


def _same_weekday_next_year(day: dt.date) -> dt.date:
    """The same weekday 52 weeks on, moved a week when that falls in the year before."""
    moved = day + dt.timedelta(weeks=52)
    return moved + dt.timedelta(weeks=1) if moved.year == day.year else moved


@transaction.atomic
def copy_plan_to_next_year(plan: AnnualPlan, *, actor: AnyUser | None) -> AnnualPlan:
    """ "Kopiér til næste år": the themes, and the dates on the same weekdays."""
    committee = plan.committee
    raise_unless(actor, Action.EDIT_AGENDA, committee)
    year = plan.year + 1
    if AnnualPlan.objects.filter(committee=committee, year=year).exists():
        raise InvalidInput(_("Udvalget har allerede et årshjul for %(year)s.") % {"year": year})
    new = AnnualPlan.objects.create(committee=committee, year=year, note=plan.note)
    Theme.objects.bulk_create(Theme(plan=new, **_copy_fields(t)) for t in plan.themes.all())
    dates = []
    for pm in plan.planned_meetings.filter(cancelled=False):
        day = _same_weekday_next_year(pm.date)
        if day.year != year:
            continue
        dates.append(
            PlannedMeeting(
                plan=new,
                date=day,
                start_time=pm.start_time,
                end_time=pm.end_time,
                location=pm.location,
                uid=f"{uuid.uuid4()}@medref",
            )
        )
    PlannedMeeting.objects.bulk_create(dates)
    _record(committee, PlanningEvent.Action.PLAN_COPIED, actor, year=plan.year, to_year=year)
    return new


def _rule_from(
    recurrence: str, quarters: Iterable[int], month: int, every_years: int, first_year: int
) -> ThemeRule:
    try:
        return ThemeRule(
            Recurrence(recurrence),
            quarters=frozenset(quarters),
            month=month,
            every_years=every_years,
            first_year=first_year,
        )
    except (RuleError, ValueError) as exc:
        field = str(exc).split(":", 1)[0]
        messages = {
            "quarters": _("Vælg et eller flere kvartaler."),
            "month": _("Vælg en måned."),
            "every_years": _("Antal år skal være 1 eller flere."),
        }
        raise InvalidInput(messages.get(field, _("Ukendt regel.")), field=field) from None


@transaction.atomic
def save_theme(
    plan: AnnualPlan,
    *,
    actor: AnyUser | None,
    title: str,
    recurrence: str,
    text: str = "",
    quarters: Sequence[int] = (),
    month: int = 1,
    every_years: int = 1,
    first_year: int | None = None,
    note: str = "",
    theme: Theme | None = None,
) -> Theme:
    """A new theme of ``plan``, or ``theme`` changed."""
    raise_unless(actor, Action.EDIT_AGENDA, plan.committee)
    title = " ".join(title.split())
    if not title:
        raise InvalidInput(_("Temaet skal have en titel."), field="title")
    first_year = first_year or plan.year
    rule = _rule_from(recurrence, quarters, month, every_years, first_year)
    if theme is None:
        theme = Theme(plan=plan, position=plan.themes.count())
    elif theme.plan_id != plan.pk:
        raise InvalidInput(_("Temaet hører til et andet årshjul."))
    theme.title, theme.text, theme.note = title, text.strip(), note.strip()
    theme.recurrence = str(rule.recurrence)
    theme.quarters = sorted(rule.quarters)
    theme.month, theme.every_years, theme.first_year = month, every_years, first_year
    theme.save()
    _record(
        plan.committee, PlanningEvent.Action.THEME_SAVED, actor, title=title, rule=rule.describe()
    )
    return theme


@transaction.atomic
def remove_theme(theme: Theme, *, actor: AnyUser | None) -> None:
    committee = theme.plan.committee
    raise_unless(actor, Action.EDIT_AGENDA, committee)
    _record(committee, PlanningEvent.Action.THEME_REMOVED, actor, title=theme.title)
    theme.delete()


@transaction.atomic
def save_planned_meeting(
    plan: AnnualPlan,
    *,
    actor: AnyUser | None,
    date: dt.date,
    start_time: dt.time | None = None,
    end_time: dt.time | None = None,
    location: str = "",
    planned: PlannedMeeting | None = None,
) -> PlannedMeeting:
    """A date of the mødeplan, new or changed; a change raises its calendar SEQUENCE."""
    raise_unless(actor, Action.EDIT_AGENDA, plan.committee)
    if date.year != plan.year:
        raise InvalidInput(_("Datoen skal ligge i %(year)s.") % {"year": plan.year}, field="date")
    clash = PlannedMeeting.objects.filter(plan=plan, date=date)
    if planned is not None:
        clash = clash.exclude(pk=planned.pk)
    if clash.exists():
        raise InvalidInput(_("Mødeplanen har allerede et møde den dag."), field="date")
    if planned is None:
        planned = PlannedMeeting(plan=plan, uid=f"{uuid.uuid4()}@medref")
    else:
        planned.sequence += 1
    planned.date, planned.start_time, planned.end_time = date, start_time, end_time
    planned.location = location.strip()
    planned.changed_at = timezone.now()
    planned.save()
    _record(
        plan.committee,
        PlanningEvent.Action.PLANNED_MEETING_SAVED,
        actor,
        meeting=planned.meeting,
        date=date.isoformat(),
        sequence=planned.sequence,
    )
    return planned


@transaction.atomic
def cancel_planned_meeting(planned: PlannedMeeting, *, actor: AnyUser | None) -> PlannedMeeting:
    """Aflys: the calendar shows STATUS:CANCELLED from the next SEQUENCE on."""
    committee = planned.plan.committee
    raise_unless(actor, Action.EDIT_AGENDA, committee)
    if planned.cancelled:
        raise IllegalTransition(_("Mødet er allerede aflyst."))
    planned.cancelled = True
    planned.sequence += 1
    planned.changed_at = timezone.now()
    planned.save(update_fields=["cancelled", "sequence", "changed_at"])
    _record(
        committee,
        PlanningEvent.Action.PLANNED_MEETING_CANCELLED,
        actor,
        meeting=planned.meeting,
        date=planned.date.isoformat(),
    )
    return planned


@transaction.atomic
def create_meetings_from_plan(
    plan: AnnualPlan, *, actor: AnyUser | None, site: str = ""
) -> list[Meeting]:
    """The year's meetings from the mødeplan in one action, each with the standard items.

    Dates that already have a meeting are linked to it, not created twice.
    """
    committee = plan.committee
    raise_unless(actor, Action.EDIT_AGENDA, committee)
    created: list[Meeting] = []
    existing = {m.meeting_date: m for m in Meeting.objects.filter(committee=committee)}
    for planned in plan.planned_meetings.filter(cancelled=False, meeting__isnull=True):
        meeting = existing.get(planned.date)
        if meeting is None:
            meeting = agenda_workflow.schedule_meeting(
                committee,
                planned.date,
                planned.start_time,
                planned.location,
                actor=actor,
                site=site,
            )
            created.append(meeting)
        planned.meeting = meeting
        planned.save(update_fields=["meeting"])
    _record(
        committee,
        PlanningEvent.Action.MEETINGS_CREATED,
        actor,
        year=plan.year,
        dates=[m.meeting_date.isoformat() for m in created if m.meeting_date is not None],
    )
    return created


# --- follow-ups ---------------------------------------------------------------------


def decision_proposals(meeting: Meeting) -> list[tuple[AgendaItem, Proposal]]:
    """What the meeting's decisions (Beslutning) promise, item by item (no writes).

    Nothing for an undated meeting (imported, til gennemsyn): a promise such as
    "i januar" is read from the meeting's date, so it waits until the meeting is dated.
    """
    found: list[tuple[AgendaItem, Proposal]] = []
    day = meeting.meeting_date
    if day is None:
        return found
    decisions = Section.objects.filter(
        item__meeting=meeting, kind=Section.Kind.DECISION
    ).select_related("item")
    for section in decisions.order_by("item__position", "position"):
        blocks = blocks_from_data(section.body)
        for text in decision_texts([(SectionKind.DECISION, tuple(blocks))]):
            found.extend((section.item, p) for p in detect_text(text, day))
    return found


def _due_date(due: Month | None) -> dt.date | None:
    return None if due is None else due.first_day


@transaction.atomic
def decide_followup(
    meeting: Meeting,
    *,
    actor: AnyUser | None,
    item: AgendaItem,
    text: str,
    accept: bool,
) -> FollowUp:
    """Accept (status open) or dismiss the follow-up that ``text``, a sentence of
    ``item``'s decision, promises; its due month and condition are read from it."""
    committee = meeting.committee
    raise_unless(actor, Action.WRITE_MINUTES, committee)
    if item.meeting_id != meeting.pk:
        raise InvalidInput(_("Punktet hører til et andet møde."))
    proposal = next(
        (p for i, p in decision_proposals(meeting) if i.pk == item.pk and p.text == text), None
    )
    if proposal is None:
        raise InvalidInput(
            _("Punkt %(number)s's beslutning lover ikke (længere) dette: %(text)s")
            % {"number": item.number, "text": text},
            field="text",
        )
    status = FollowUp.Status.OPEN if accept else FollowUp.Status.DISMISSED
    followup, created = FollowUp.objects.get_or_create(
        meeting=meeting,
        item_number=item.number,
        text=text,
        defaults={
            "committee": committee,
            "item": item,
            "item_title": item.title,
            "case_number": item.case_number or "",
            "condition": proposal.condition or "",
            "due_month": _due_date(proposal.due),
            "status": status,
        },
    )
    if not created:
        if followup.status not in (
            FollowUp.Status.PROPOSED,
            FollowUp.Status.DISMISSED,
            FollowUp.Status.OPEN,
        ):
            raise IllegalTransition(_("Opfølgningen er allerede sat på en dagsorden."))
        followup.status = status
        followup.due_month = _due_date(proposal.due)
        followup.condition = proposal.condition or ""
        followup.save(update_fields=["status", "due_month", "condition"])
    action = (
        PlanningEvent.Action.FOLLOWUP_ACCEPTED
        if accept
        else PlanningEvent.Action.FOLLOWUP_DISMISSED
    )
    _record(
        committee,
        action,
        actor,
        meeting=meeting,
        followup=followup,
        item=item.number,
        due=followup.due_code,
        text=text,
    )
    return followup


@transaction.atomic
def decide_archive_followup(followup: FollowUp, *, actor: AnyUser | None, accept: bool) -> FollowUp:
    """Accept or dismiss a follow-up proposed from the archive."""
    raise_unless(actor, Action.WRITE_MINUTES, followup.committee)
    if followup.status not in (FollowUp.Status.PROPOSED, FollowUp.Status.DISMISSED):
        raise IllegalTransition(_("Opfølgningen er allerede behandlet."))
    followup.status = FollowUp.Status.OPEN if accept else FollowUp.Status.DISMISSED
    followup.save(update_fields=["status"])
    action = (
        PlanningEvent.Action.FOLLOWUP_ACCEPTED
        if accept
        else PlanningEvent.Action.FOLLOWUP_DISMISSED
    )
    _record(followup.committee, action, actor, meeting=followup.meeting, followup=followup)
    return followup


@transaction.atomic
def propose_archive_followups(committee: Committee, *, actor: AnyUser | None) -> list[FollowUp]:
    """Propose (never accept) what the committee's published minutes promised.

    Marked as from the archive; sentences already proposed, accepted or
    dismissed are left alone.
    """
    raise_unless(actor, Action.WRITE_MINUTES, committee)
    return _propose_archive(committee, actor, record_empty=True)


@transaction.atomic
def propose_archive_followups_as_operator(committee: Committee) -> list[FollowUp]:
    """The same from the operator's shell (``manage.py propose_archive_followups``),
    as imports are run: no user, so no permission to check; the event names nobody."""
    return _propose_archive(committee, None, record_empty=False)


def _propose_archive(
    committee: Committee, actor: AnyUser | None, *, record_empty: bool
) -> list[FollowUp]:
    known = set(
        FollowUp.objects.filter(committee=committee).values_list(
            "meeting_id", "item_number", "text"
        )
    )
    new: list[FollowUp] = []
    meetings = Meeting.objects.filter(committee=committee, status=Meeting.Status.PUBLISHED)
    for meeting in meetings.order_by("meeting_date"):
        for item, proposal in decision_proposals(meeting):
            key = (meeting.pk, item.number, proposal.text)
            if key in known:
                continue
            known.add(key)
            new.append(
                FollowUp(
                    committee=committee,
                    meeting=meeting,
                    item=item,
                    item_number=item.number,
                    item_title=item.title,
                    case_number=item.case_number or "",
                    text=proposal.text,
                    condition=proposal.condition or "",
                    due_month=_due_date(proposal.due),
                    status=FollowUp.Status.PROPOSED,
                    from_archive=True,
                )
            )
    FollowUp.objects.bulk_create(new)
    if new or record_empty:
        _record(committee, PlanningEvent.Action.FOLLOWUPS_PROPOSED, actor, count=len(new))
    return new


@transaction.atomic
def set_followup_status(followup: FollowUp, status: str, *, actor: AnyUser | None) -> FollowUp:
    """Mark an accepted follow-up done, dropped, or open again."""
    raise_unless(actor, Action.EDIT_AGENDA, followup.committee)
    allowed = {FollowUp.Status.OPEN, FollowUp.Status.DONE, FollowUp.Status.DROPPED}
    if status not in allowed:
        raise InvalidInput(_("Ukendt status."), field="status")
    if followup.status in (FollowUp.Status.PROPOSED, FollowUp.Status.DISMISSED):
        raise IllegalTransition(_("Opfølgningen er ikke accepteret."))
    before = followup.status
    followup.status = status
    followup.save(update_fields=["status"])
    _record(
        followup.committee,
        PlanningEvent.Action.FOLLOWUP_STATUS,
        actor,
        followup=followup,
        status=[before, status],
    )
    return followup


# --- proposals when an agenda is built -----------------------------------------------


def _followup_case_text(followup: FollowUp, site: str) -> str:
    day = followup.meeting.meeting_date
    url = site.rstrip("/") + reverse("web:meeting", args=[followup.meeting_id])
    when = f"d. {day.day}. {MONTHS[day.month - 1]} {day.year}" if day else "(dato ikke angivet)"
    return (
        f"Opfølgning på punkt {followup.item_number} fra mødet {when} "
        f"([referat]({url})): {followup.text}"
    )


@transaction.atomic
def accept_proposal(
    meeting: Meeting,
    *,
    actor: AnyUser | None,
    theme: Theme | None = None,
    followup: FollowUp | None = None,
    site: str = "",
) -> AgendaItem:
    """Put a proposed theme or follow-up on the agenda as an item; remembered.

    A theme's item has its title and text; a follow-up's has the source
    item's title and case number (so the case history shows both meetings)
    and links back to the decision.
    """
    raise_unless(actor, Action.EDIT_AGENDA, meeting.committee)
    if (theme is None) == (followup is None):
        raise InvalidInput(_("Vælg ét forslag."))
    if AgendaProposal.objects.filter(meeting=meeting, theme=theme, followup=followup).exists():
        raise IllegalTransition(_("Forslaget er allerede besvaret for dette møde."))
    if theme is not None:
        item = agenda_workflow.add_item(meeting, theme.title, actor=actor)
        text = theme.text
        details: dict[str, Any] = {"theme": theme.title}
    else:
        assert followup is not None
        if followup.committee_id != meeting.committee_id:
            raise InvalidInput(_("Opfølgningen hører til et andet udvalg."))
        if followup.status != FollowUp.Status.OPEN:
            raise IllegalTransition(_("Kun accepterede, åbne opfølgninger kan sættes på."))
        title = followup.item_title or followup.text[:200]
        item = agenda_workflow.add_item(
            meeting, title, actor=actor, case_number=followup.case_number or None
        )
        text = _followup_case_text(followup, site)
        followup.status = FollowUp.Status.ON_AGENDA
        followup.target_item = item
        followup.save(update_fields=["status", "target_item"])
        details = {"followup_id": followup.pk, "from_meeting": followup.meeting_id}
    if text:
        section_workflow.add_section(item, SectionKind.CASE, actor=actor, markdown=text)
    AgendaProposal.objects.create(
        meeting=meeting,
        theme=theme,
        followup=followup,
        decision=AgendaProposal.Decision.ACCEPTED,
        item=item,
    )
    _record(
        meeting.committee,
        PlanningEvent.Action.PROPOSAL_ACCEPTED,
        actor,
        meeting=meeting,
        followup=followup,
        item=item.number,
        title=item.title,
        **details,
    )
    return item


@transaction.atomic
def dismiss_proposal(
    meeting: Meeting,
    *,
    actor: AnyUser | None,
    theme: Theme | None = None,
    followup: FollowUp | None = None,
) -> AgendaProposal:
    """Leave a proposed theme or follow-up off this agenda; remembered for this meeting."""
    raise_unless(actor, Action.EDIT_AGENDA, meeting.committee)
    if (theme is None) == (followup is None):
        raise InvalidInput(_("Vælg ét forslag."))
    if AgendaProposal.objects.filter(meeting=meeting, theme=theme, followup=followup).exists():
        raise IllegalTransition(_("Forslaget er allerede besvaret for dette møde."))
    answer = AgendaProposal.objects.create(
        meeting=meeting, theme=theme, followup=followup, decision=AgendaProposal.Decision.DISMISSED
    )
    _record(
        meeting.committee,
        PlanningEvent.Action.PROPOSAL_DISMISSED,
        actor,
        meeting=meeting,
        followup=followup,
        title=theme.title if theme else (followup.text if followup else ""),
    )
    return answer


# --- klippekort ------------------------------------------------------------------------


@transaction.atomic
def set_membership_training(
    membership: Membership,
    *,
    actor: AnyUser | None,
    elected: dt.date | None,
    grunduddannelse: dt.date | None,
    functions: str | Iterable[str],
) -> Membership:
    """Election day, grunduddannelse and functions: what the klippekort rules need."""
    raise_unless(actor, Action.MANAGE_MEMBERS, membership.committee)
    try:
        held = parse_functions(functions if isinstance(functions, str) else ",".join(functions))
    except ValueError as exc:
        raise InvalidInput(str(exc), field="functions") from None
    membership.elected = elected
    membership.grunduddannelse = grunduddannelse
    membership.functions = sorted(held)
    membership.save(update_fields=["elected", "grunduddannelse", "functions"])
    _record(
        membership.committee,
        PlanningEvent.Action.MEMBERSHIP_TRAINING,
        actor,
        membership=membership.pk,
        elected=elected.isoformat() if elected else None,
        grunduddannelse=grunduddannelse.isoformat() if grunduddannelse else None,
        functions=sorted(held),
    )
    return membership


@transaction.atomic
def record_klippekort_use(
    committee: Committee,
    memberships: Sequence[Membership],
    *,
    actor: AnyUser | None,
    day: dt.date,
    kind: str,
    days: Decimal = Decimal(1),
    note: str = "",
) -> list[KlippekortUsage]:
    """Days used: a joint theme day uses ``days`` per attending member, a course one member's."""
    raise_unless(actor, Action.RECORD_ATTENDANCE, committee)
    if kind not in KlippekortUsage.Kind.values:
        raise InvalidInput(_("Ukendt slags dag."), field="kind")
    if days <= 0 or days > 10 or days * 2 != int(days * 2):
        raise InvalidInput(_("Antal dage skal være et positivt antal halve dage."), field="days")
    if not memberships:
        raise InvalidInput(_("Vælg mindst ét medlem."), field="memberships")
    if any(m.committee_id != committee.pk for m in memberships):
        raise InvalidInput(_("Et af medlemskaberne hører til et andet udvalg."))
    rows = KlippekortUsage.objects.bulk_create(
        KlippekortUsage(membership=m, day=day, days=days, kind=kind, note=note.strip())
        for m in memberships
    )
    _record(
        committee,
        PlanningEvent.Action.KLIPPEKORT_USED,
        actor,
        day=day.isoformat(),
        kind=kind,
        days=str(days),
        members=[m.pk for m in memberships],
    )
    return rows
