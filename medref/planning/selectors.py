"""What the planning pages read, in a fixed number of queries each."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from fractions import Fraction

from django.db.models import Prefetch, Q

from medref.meetings.models import AgendaItem, Meeting
from medref.organisation.models import Committee, Membership

from .models import (
    AgendaProposal,
    AnnualPlan,
    FollowUp,
    KlippekortRuleSet,
    PlannedMeeting,
    Theme,
)
from .rules.followups import Proposal
from .rules.klippekort import AMR, DEFAULT_RULES, KlippekortRules, Usage, YearLine, ledger
from .rules.months import Month
from .rules.themes import schedule
from .services import decision_proposals


def plan_for(committee: Committee, year: int) -> AnnualPlan | None:
    """The committee's plan for ``year`` with its themes, dates and their meetings. Four queries."""
    return (
        AnnualPlan.objects.filter(committee=committee, year=year)
        .prefetch_related("themes", "planned_meetings__meeting")
        .first()
    )


def meeting_dates(committee: Committee, year: int, plan: AnnualPlan | None) -> list[dt.date]:
    """The year's meeting days: the meetings held or planned and the mødeplan's dates."""
    days = {
        day
        for day in Meeting.objects.filter(committee=committee, meeting_date__year=year).values_list(
            "meeting_date", flat=True
        )
        if day is not None  # (the year's filter already leaves undated meetings out)
    }
    if plan is not None:
        days |= {p.date for p in plan.planned_meetings.all() if not p.cancelled}
    return sorted(days)


@dataclass
class MonthOfYear:
    """One month of the årshjul: its meetings and the themes due at them."""

    month: int
    name: str
    meetings: list[dt.date] = field(default_factory=list)
    themes: list[tuple[dt.date, Theme]] = field(default_factory=list)


@dataclass
class YearView:
    committee: Committee
    year: int
    plan: AnnualPlan | None
    months: list[MonthOfYear]
    schedules: list[tuple[Theme, list[dt.date]]]


def year_view(committee: Committee, year: int) -> YearView:
    """The årshjul: every month's meetings and the themes each theme rule puts there."""
    from .rules.months import MONTH_NAMES

    plan = plan_for(committee, year)
    days = meeting_dates(committee, year, plan)
    months = [MonthOfYear(m, MONTH_NAMES[m - 1]) for m in range(1, 13)]
    for day in days:
        months[day.month - 1].meetings.append(day)
    schedules: list[tuple[Theme, list[dt.date]]] = []
    if plan is not None:
        for theme in plan.themes.all():
            picked = schedule(theme.rule, days)
            schedules.append((theme, picked))
            for day in picked:
                months[day.month - 1].themes.append((day, theme))
    for month in months:
        month.themes.sort(key=lambda pair: (pair[0], pair[1].position))
    return YearView(committee, year, plan, months, schedules)


# --- proposals on an agenda -----------------------------------------------------------


@dataclass
class AgendaProposals:
    themes: list[Theme]
    followups: list[FollowUp]
    answered: list[AgendaProposal]

    def __bool__(self) -> bool:
        return bool(self.themes or self.followups or self.answered)


def agenda_proposals(meeting: Meeting) -> AgendaProposals:
    """The themes due at ``meeting`` and the accepted follow-ups due by its month (or
    "next" from an earlier meeting), less those already answered for it. Four queries:
    the answers, the year's themes, the year's meeting days, the follow-ups."""
    answered = list(
        AgendaProposal.objects.filter(meeting=meeting).select_related("theme", "followup", "item")
    )
    answered_themes = {a.theme_id for a in answered if a.theme_id}
    answered_followups = {a.followup_id for a in answered if a.followup_id}
    day = meeting.meeting_date
    if day is None:
        # Undated (imported, til gennemsyn): the årshjul and due months need its date.
        return AgendaProposals([], [], answered)
    committee = meeting.committee
    candidates = [
        t
        for t in Theme.objects.filter(plan__committee=committee, plan__year=day.year)
        if t.pk not in answered_themes
    ]
    themes: list[Theme] = []
    if candidates:
        held = (
            Meeting.objects.filter(committee=committee, meeting_date__year=day.year)
            .order_by()
            .values_list("meeting_date", flat=True)
        )
        planned = (
            PlannedMeeting.objects.filter(
                plan__committee=committee, plan__year=day.year, cancelled=False
            )
            .order_by()
            .values_list("date", flat=True)
        )
        days = sorted(
            {d for d in held.union(planned).order_by("meeting_date") if d is not None} | {day}
        )
        themes = [t for t in candidates if day in schedule(t.rule, days)]
    month_start = Month.of(day).first_day
    followups = [
        f
        for f in FollowUp.objects.filter(
            Q(due_month__lte=month_start)
            | Q(due_month__isnull=True, meeting__meeting_date__lt=day),
            committee=committee,
            status=FollowUp.Status.OPEN,
        )
        .select_related("meeting")
        .order_by("due_month", "meeting__meeting_date", "item_number")
        if f.pk not in answered_followups
    ]
    return AgendaProposals(themes, followups, answered)


# --- proposals on the minutes ------------------------------------------------------------


@dataclass
class MinutesProposal:
    item: AgendaItem
    proposal: Proposal
    stored: FollowUp | None


def minutes_proposals(meeting: Meeting) -> list[MinutesProposal]:
    """What the decisions promise, each with what the secretary answered (if anything).
    Two queries."""
    stored = {(f.item_number, f.text): f for f in FollowUp.objects.filter(meeting=meeting)}
    return [
        MinutesProposal(item, proposal, stored.get((item.number, proposal.text)))
        for item, proposal in decision_proposals(meeting)
    ]


def committee_followups(committee: Committee) -> list[FollowUp]:
    """Every follow-up of the committee but the dismissed ones, due first. One query."""
    return list(
        FollowUp.objects.filter(committee=committee)
        .exclude(status=FollowUp.Status.DISMISSED)
        .select_related("meeting", "target_item__meeting")
        .order_by("due_month", "meeting__meeting_date", "item_number", "pk")
    )


def last_meeting_before(committee: Committee, day: dt.date) -> dt.date | None:
    """The day of the committee's last meeting before ``day``. One query."""
    found = (
        Meeting.objects.filter(committee=committee, meeting_date__lt=day)
        .order_by("-meeting_date")
        .values_list("meeting_date", flat=True)
        .first()
    )
    return found


# --- klippekort -------------------------------------------------------------------------


def rules_for(committee: Committee) -> KlippekortRules:
    row = KlippekortRuleSet.objects.filter(municipality_id=committee.municipality_id).first()
    return DEFAULT_RULES if row is None else KlippekortRules.from_data(row.rules)


def membership_functions(membership: Membership) -> frozenset[str]:
    held = set(membership.functions or [])
    if membership.role == Membership.Role.SAFETY_REPRESENTATIVE:
        held.add(AMR)
    return frozenset(held)


@dataclass
class MemberCard:
    membership: Membership
    lines: list[YearLine]

    @property
    def current(self) -> YearLine | None:
        return self.lines[-1] if self.lines else None

    @property
    def lapsed(self) -> Fraction:
        return sum((line.lapsed for line in self.lines), Fraction(0))


def klippekort_cards(
    committee: Committee, today: dt.date, person_id: int | None = None
) -> list[MemberCard]:
    """Each running membership's klippekort (or one person's). Three queries."""
    rules = rules_for(committee)
    memberships = (
        Membership.objects.filter(Q(end__isnull=True) | Q(end__gte=today), committee=committee)
        .filter(start__lte=today)
        .exclude(role__in=[Membership.Role.SECRETARY])
        .select_related("person")
        .prefetch_related(Prefetch("klippekort_usages"))
        .order_by("person__name", "start")
    )
    if person_id is not None:
        memberships = memberships.filter(person_id=person_id)
    cards = []
    for m in memberships:
        usages = [
            Usage(u.day, u.fraction, statutory=u.kind == u.Kind.STATUTORY)
            for u in m.klippekort_usages.all()
        ]
        lines = ledger(
            elected=m.elected or m.start,
            today=today,
            grunduddannelse=m.grunduddannelse,
            functions=membership_functions(m),
            usages=usages,
            rules=rules,
            until=m.end,
        )
        cards.append(MemberCard(m, lines))
    return cards
