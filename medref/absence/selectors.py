"""Reads: one committee's (or unit's) report from the stored facts, in four queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from medref.organisation.models import Committee, Municipality

from . import models
from .metrics import model as m
from .metrics.calendar import WorkCalendar
from .metrics.engine import Ledger, to_columns
from .metrics.periods import Period
from .metrics.report import Report, Scope, ScopeError, build_report, committee_scope, unit_scope


def metric_settings() -> m.Settings:
    days_off = tuple(
        (int(month), int(day))
        for month, day in (text.split("-", 1) for text in settings.MEDREF_ABSENCE_DAYS_OFF)
    )
    return m.Settings(
        short_max_days=settings.MEDREF_ABSENCE_SHORT_MAX_DAYS,
        sickness_types=frozenset(
            m.normalise_type(t) for t in settings.MEDREF_ABSENCE_SICKNESS_TYPES
        ),
        min_employees=settings.MEDREF_ABSENCE_MIN_EMPLOYEES,
        calendar=WorkCalendar(days_off=days_off),
    )


def units_of(municipality: Municipality) -> list[m.Unit]:
    return [
        m.Unit(u.unit_id, u.name, u.parent_id, u.committee)
        for u in models.Unit.objects.filter(municipality=municipality).order_by("unit_id")
    ]


def has_data(committee: Committee) -> bool:
    """Whether any unit names the committee (one query)."""
    return models.Unit.objects.filter(
        municipality_id=committee.municipality_id, committee__iexact=committee.name
    ).exists()


@dataclass(frozen=True)
class Loaded:
    report: Report
    units: list[m.Unit]


def report_for(
    municipality: Municipality,
    *,
    committee: str,
    period: Period,
    unit_id: str | None = None,
    today: dt.date | None = None,
) -> Loaded:
    """The report of a committee's scope, or of one unit in it. Four queries.

    ``ScopeError`` when the committee has no units or the unit is not in its scope.
    """
    units = units_of(municipality)
    scope: Scope = committee_scope(units, committee)
    if unit_id is not None:
        if unit_id not in scope.units:
            raise ScopeError(f"the unit {unit_id!r} does not belong to {committee!r}")
        scope = unit_scope(units, unit_id)
    sm = metric_settings()
    in_scope = [u for u in units if u.unit_id in set(scope.units)]
    employments = [
        m.Employment(*row)
        for row in models.Employment.objects.filter(
            municipality=municipality, unit_id__in=scope.units
        ).values_list("employee", "unit_id", "start", "end", "weekly_hours")
    ]
    staff = models.Employment.objects.filter(
        municipality=municipality, unit_id__in=scope.units
    ).values("employee")
    spells = [
        m.Absence(*row)
        for row in models.Spell.objects.filter(
            municipality=municipality, type__in=sorted(sm.sickness_types), employee__in=staff
        ).values_list("employee", "first_day", "last_day", "type", "hours_per_day")
    ]
    targets = [
        m.Target(t.scope, t.year, t.days_per_fte)
        for t in models.Target.objects.filter(municipality=municipality)
    ]
    unit_ids, columns = to_columns(in_scope, employments, spells, sm)
    ledger = Ledger(
        len(unit_ids), columns, sm, last=max(period.last, today or timezone.localdate())
    )
    report = build_report(ledger, unit_ids, {u.unit_id: u for u in units}, scope, period, targets)
    return Loaded(report, units)
