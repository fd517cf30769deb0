"""Reads: one committee's (or unit's) report from the stored facts, in four queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from django.conf import settings
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.utils import timezone

from medref.organisation.models import Committee, Municipality

from . import models
from .metrics import model as m
from .metrics.calendar import WorkCalendar
from .metrics.engine import Columns, Ledger
from .metrics.periods import Period, add_months
from .metrics.report import Report, Scope, ScopeError, build_report, committee_scope, unit_scope

_ORDINAL_1970 = dt.date(1970, 1, 1).toordinal()


def _text(field: str) -> Cast:
    return Cast(field, output_field=CharField())


def _days(texts: list[str | None]) -> npt.NDArray[np.int64]:
    """ISO dates as ordinals (``date.toordinal``); a missing date as -1."""
    values = np.array([t or "NaT" for t in texts], dtype="datetime64[D]")
    days = values.astype(np.int64) + _ORDINAL_1970
    days[np.isnat(values)] = -1
    return days


def _columns(
    jobs: list[tuple[Any, ...]],
    spells: list[tuple[Any, ...]],
    unit_code: dict[str, int],
    sm: m.Settings,
) -> Columns:
    """The engine's columns straight from database rows (sickness spells only)."""
    keys = np.array([j[0] for j in jobs] + [s[0] for s in spells], dtype=object)
    _unique, codes = np.unique(keys.astype(str), return_inverse=True) if keys.size else ([], keys)
    codes = np.asarray(codes, dtype=np.int64)
    hours = [s[3] for s in spells]
    return Columns(
        emp_employee=codes[: len(jobs)],
        emp_unit=np.array([unit_code[j[1]] for j in jobs], dtype=np.int64),
        emp_start=_days([j[2] for j in jobs]),
        emp_end=_days([j[3] for j in jobs]),
        emp_fraction=np.array([j[4] for j in jobs], dtype=np.float64) / sm.full_time_weekly_hours,
        abs_employee=codes[len(jobs) :],
        abs_first=_days([s[1] for s in spells]),
        abs_last=_days([s[2] for s in spells]),
        abs_hours=np.array([np.nan if h is None else h for h in hours], dtype=np.float64),
    )


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
    # Nothing that ended well before the earliest day a figure needs (the previous
    # period, the first rolling window) can change a figure: an absence period
    # that reaches back past ``cut`` is long whatever part of it is loaded.
    earliest = min(period.previous().first, add_months(period.first.replace(day=1), -11))
    cut = earliest - dt.timedelta(days=31)
    in_scope = [u for u in units if u.unit_id in set(scope.units)]
    unit_ids = [u.unit_id for u in in_scope]
    unit_code = {unit_id: index for index, unit_id in enumerate(unit_ids)}
    # Dates as ISO text, turned into day numbers by numpy: converting tens of
    # thousands of rows to date objects would cost more than the whole report.
    jobs = list(
        models.Employment.objects.filter(
            Q(end__isnull=True) | Q(end__gte=cut),
            municipality=municipality,
            unit_id__in=scope.units,
        ).values_list("employee", "unit_id", _text("start"), _text("end"), "weekly_hours")
    )
    staff = models.Employment.objects.filter(
        municipality=municipality, unit_id__in=scope.units
    ).values("employee")
    spells = list(
        models.Spell.objects.filter(
            municipality=municipality,
            type__in=sorted(sm.sickness_types),
            employee__in=staff,
            last_day__gte=cut,
        ).values_list("employee", _text("first_day"), _text("last_day"), "hours_per_day")
    )
    columns = _columns(jobs, spells, unit_code, sm)
    targets = [
        m.Target(t.scope, t.year, t.days_per_fte)
        for t in models.Target.objects.filter(municipality=municipality)
    ]
    ledger = Ledger(
        len(unit_ids), columns, sm, last=max(period.last, today or timezone.localdate())
    )
    report = build_report(ledger, unit_ids, {u.unit_id: u for u in units}, scope, period, targets)
    return Loaded(report, units)
