"""Day-indexed accumulation: every figure of every unit for any period in O(1).

The facts are turned once into per-unit, per-day arrays — FTE (the sum of the
employment fractions employed that day), possible dagsværk (the same on working
days), short and long fraværsdagsværk — and their running sums. A period's
figure for a unit is then the difference of two running sums; a row of several
units the sum of theirs. Only the number of distinct employees is counted per
period, from the employments sorted by unit and employee.

Definitions (issue 18): fraction = weekly hours / 37; an absence day counts on
working days only, in the unit of the employment covering that day (a day no
employment covers does not count), as ``hours_per_day`` / 7,4 when given, else
the covering employment's fraction. Sickness spells of one employee that touch
or are separated only by days that are not working days form one absence
period; it is long if its whole length exceeds ``short_max_days`` calendar days.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .model import Absence, DataError, Employment, Settings, Unit, normalise_type
from .periods import Period

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class Columns:
    """The facts as columns: employees and units as integer codes, days as ordinals.

    ``abs_hours`` is NaN for a full day. Absences must be sickness only.
    ``emp_end`` of an ongoing employment is -1.
    """

    emp_employee: Ints
    emp_unit: Ints
    emp_start: Ints
    emp_end: Ints
    emp_fraction: Floats
    abs_employee: Ints
    abs_first: Ints
    abs_last: Ints
    abs_hours: Floats


@dataclass(frozen=True)
class Figures:
    """Sums for one scope and period; the ratios are None where they divide by zero."""

    employees: int
    fte: float
    possible: float
    short_days: float
    long_days: float

    @property
    def absence_days(self) -> float:
        return self.short_days + self.long_days

    @property
    def days_per_fte(self) -> float | None:
        return self.absence_days / self.fte if self.fte > 0 else None

    @property
    def absence_rate(self) -> float | None:
        return self.absence_days / self.possible * 100 if self.possible > 0 else None

    @property
    def long_share(self) -> float | None:
        total = self.absence_days
        return self.long_days / total if total > 0 else None


def to_columns(
    units: Sequence[Unit],
    employments: Iterable[Employment],
    absences: Iterable[Absence],
    settings: Settings,
) -> tuple[list[str], Columns]:
    """Code the facts as columns; returns the unit ids in code order and the columns."""
    unit_ids = [unit.unit_id for unit in units]
    unit_code = {unit_id: index for index, unit_id in enumerate(unit_ids)}
    employee_code: dict[str, int] = {}
    emp_rows: list[tuple[int, int, int, int, float]] = []
    for e in employments:
        if e.unit_id not in unit_code:
            raise DataError(f"an employment names unit {e.unit_id!r}, which is not a known unit")
        code = employee_code.setdefault(e.employee, len(employee_code))
        end = -1 if e.end is None else e.end.toordinal()
        fraction = e.weekly_hours / settings.full_time_weekly_hours
        emp_rows.append((code, unit_code[e.unit_id], e.start.toordinal(), end, fraction))
    abs_rows: list[tuple[int, int, int, float]] = []
    for a in absences:
        if normalise_type(a.type) not in settings.sickness_types:
            continue
        code = employee_code.setdefault(a.employee, len(employee_code))
        hours = float("nan") if a.hours_per_day is None else a.hours_per_day
        abs_rows.append((code, a.first_day.toordinal(), a.last_day.toordinal(), hours))
    e_cols: list[tuple[float, ...]] = (
        list(zip(*emp_rows, strict=True)) if emp_rows else [(), (), (), (), ()]
    )
    a_cols: list[tuple[float, ...]] = (
        list(zip(*abs_rows, strict=True)) if abs_rows else [(), (), (), ()]
    )
    columns = Columns(
        emp_employee=np.asarray(e_cols[0], dtype=np.int64),
        emp_unit=np.asarray(e_cols[1], dtype=np.int64),
        emp_start=np.asarray(e_cols[2], dtype=np.int64),
        emp_end=np.asarray(e_cols[3], dtype=np.int64),
        emp_fraction=np.asarray(e_cols[4], dtype=np.float64),
        abs_employee=np.asarray(a_cols[0], dtype=np.int64),
        abs_first=np.asarray(a_cols[1], dtype=np.int64),
        abs_last=np.asarray(a_cols[2], dtype=np.int64),
        abs_hours=np.asarray(a_cols[3], dtype=np.float64),
    )
    return unit_ids, columns


class Ledger:
    """Running sums per unit and day; see the module docstring.

    The days run from the earliest fact (or ``first``) to the latest (or ``last``,
    if later): ongoing employments run to the last day, so pass the last day
    any report will ask about.
    """

    def __init__(
        self,
        unit_count: int,
        columns: Columns,
        settings: Settings,
        first: dt.date | None = None,
        last: dt.date | None = None,
    ) -> None:
        c = columns
        self.settings = settings
        self.unit_count = unit_count
        known = [c.emp_start, c.emp_end[c.emp_end >= 0], c.abs_first, c.abs_last]
        lows = [int(a.min()) for a in known if a.size] + ([first.toordinal()] if first else [])
        highs = [int(a.max()) for a in known if a.size] + ([last.toordinal()] if last else [])
        today = dt.date(2000, 1, 1).toordinal()  # no facts and no range: an empty ledger
        self.day0 = min(lows) if lows else today
        end = max(highs) if highs else today
        n = end - self.day0 + 1
        self.days = n
        workday = settings.calendar.working_days(
            dt.date.fromordinal(self.day0), dt.date.fromordinal(end)
        )
        self.workday = workday
        self.working_before: Ints = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(workday, out=self.working_before[1:])

        # Employments, sorted by employee and start; ongoing ones run to the last day.
        start = c.emp_start - self.day0
        stop = np.where(c.emp_end < 0, n - 1, c.emp_end - self.day0)
        if np.any(stop < start):
            raise DataError("an employment ends before it starts")
        order = np.lexsort((start, c.emp_employee))
        employee, start, stop = c.emp_employee[order], start[order], stop[order]
        unit, fraction = c.emp_unit[order], c.emp_fraction[order]
        same = employee[1:] == employee[:-1]
        clash = np.flatnonzero(same & (start[1:] <= stop[:-1]))
        if clash.size:
            day = dt.date.fromordinal(int(start[clash[0] + 1]) + self.day0)
            raise DataError(f"two employments of one employee overlap on {day.isoformat()}")

        # FTE per unit and day: +fraction on the first day, -fraction after the last.
        width = n + 1
        ups = np.bincount(unit * width + start, weights=fraction, minlength=unit_count * width)
        downs = np.bincount(unit * width + stop + 1, weights=fraction, minlength=unit_count * width)
        fte_day = np.cumsum((ups - downs).reshape(unit_count, width)[:, :n], axis=1)
        self.fte_sum = _running(fte_day)
        self.possible_sum = _running(fte_day * workday)

        short_day, long_day = self._absence_days(c, employee, start, stop, unit, fraction)
        self.short_sum = _running(short_day)
        self.long_sum = _running(long_day)

        # For counting distinct employees: employments by unit, employee.
        by_unit = np.lexsort((employee, unit))
        self.e_unit = unit[by_unit]
        self.e_employee = employee[by_unit]
        self.e_start = start[by_unit]
        self.e_stop = stop[by_unit]
        self.employee_count = int(employee.max()) + 1 if employee.size else 0

    def _absence_days(
        self,
        c: Columns,
        emp_employee: Ints,
        emp_start: Ints,
        emp_stop: Ints,
        emp_unit: Ints,
        emp_fraction: Floats,
    ) -> tuple[Floats, Floats]:
        n, units = self.days, self.unit_count
        short: Floats = np.zeros(units * n, dtype=np.float64)
        long: Floats = np.zeros(units * n, dtype=np.float64)
        if c.abs_employee.size == 0:
            return short.reshape(units, n), long.reshape(units, n)
        first = c.abs_first - self.day0
        last = c.abs_last - self.day0
        if np.any(last < first):
            raise DataError("an absence ends before it starts")
        order = np.lexsort((first, c.abs_employee))
        employee, first, last, hours = (
            c.abs_employee[order],
            first[order],
            last[order],
            c.abs_hours[order],
        )
        same = employee[1:] == employee[:-1]
        clash = np.flatnonzero(same & (first[1:] <= last[:-1]))
        if clash.size:
            day = dt.date.fromordinal(int(first[clash[0] + 1]) + self.day0)
            raise DataError(f"two sickness absences of one employee overlap on {day.isoformat()}")
        # Absence periods: a spell joins the one before when no working day lies between.
        gap_working = self.working_before[first[1:]] - self.working_before[last[:-1] + 1]
        new = np.ones(employee.size, dtype=np.bool_)
        new[1:] = ~(same & (gap_working == 0))
        heads = np.flatnonzero(new)
        period_last = np.maximum.reduceat(last, heads)
        length = period_last - first[heads] + 1
        is_long_period = length > self.settings.short_max_days
        is_long = np.repeat(is_long_period, np.diff(np.append(heads, employee.size)))

        # One entry per calendar day of every spell.
        spell_days = last - first + 1
        spell_of_day = np.repeat(np.arange(employee.size), spell_days)
        offsets = np.arange(spell_of_day.size) - np.repeat(
            np.cumsum(spell_days) - spell_days, spell_days
        )
        day = first[spell_of_day] + offsets
        who = employee[spell_of_day]
        keep = self.workday[day]
        day, who, spell_of_day = day[keep], who[keep], spell_of_day[keep]
        # The employment covering each day: the last one of the employee starting on or before it.
        width = np.int64(n + 1)
        keys = emp_employee * width + emp_start
        pos = np.searchsorted(keys, who * width + day, side="right") - 1
        safe = np.maximum(pos, 0)
        covered = (pos >= 0) & (emp_employee[safe] == who) & (emp_stop[safe] >= day)
        safe, day, spell_of_day = safe[covered], day[covered], spell_of_day[covered]
        spell_hours = hours[spell_of_day]
        value = np.where(
            np.isnan(spell_hours),
            emp_fraction[safe],
            spell_hours / self.settings.hours_per_dagsvaerk,
        )
        flat = emp_unit[safe] * n + day
        day_long = is_long[spell_of_day]
        size = units * n
        long = np.bincount(flat[day_long], weights=value[day_long], minlength=size)
        short = np.bincount(flat[~day_long], weights=value[~day_long], minlength=size)
        return short.reshape(units, n), long.reshape(units, n)

    # --- reading -------------------------------------------------------------

    def _bounds(self, period: Period) -> tuple[int, int]:
        """The period as [a, b) indexes into the running sums, clipped to the ledger."""
        a = min(max(period.first.toordinal() - self.day0, 0), self.days)
        b = min(max(period.last.toordinal() - self.day0 + 1, 0), self.days)
        return a, max(a, b)

    def unit_sums(self, periods: Sequence[Period]) -> dict[str, Floats]:
        """Per unit (rows) and period (columns): fte, possible, short and long sums.

        ``fte`` is already divided by each period's calendar days.
        """
        bounds = np.array([self._bounds(p) for p in periods], dtype=np.int64).reshape(-1, 2)
        a, b = bounds[:, 0], bounds[:, 1]
        days = np.array([p.days for p in periods], dtype=np.float64)
        return {
            "fte": (self.fte_sum[:, b] - self.fte_sum[:, a]) / days,
            "possible": self.possible_sum[:, b] - self.possible_sum[:, a],
            "short": self.short_sum[:, b] - self.short_sum[:, a],
            "long": self.long_sum[:, b] - self.long_sum[:, a],
        }

    def unit_employees(self, period: Period) -> Ints:
        """Distinct employees employed in the period, per unit."""
        a, b = self._bounds(period)
        mask = (self.e_start < b) & (self.e_stop >= a)
        unit, employee = self.e_unit[mask], self.e_employee[mask]
        first = np.ones(unit.size, dtype=np.bool_)
        first[1:] = (unit[1:] != unit[:-1]) | (employee[1:] != employee[:-1])
        return np.bincount(unit[first], minlength=self.unit_count).astype(np.int64)

    def members(self, units: Sequence[int], period: Period) -> dict[int, frozenset[int]]:
        """The employee codes employed in the period, per unit (for folding rows)."""
        a, b = self._bounds(period)
        wanted = np.zeros(self.unit_count, dtype=np.bool_)
        wanted[np.asarray(list(units), dtype=np.int64)] = True
        mask = wanted[self.e_unit] & (self.e_start < b) & (self.e_stop >= a)
        result: dict[int, set[int]] = {u: set() for u in units}
        for u, e in zip(self.e_unit[mask].tolist(), self.e_employee[mask].tolist(), strict=True):
            result[u].add(e)
        return {u: frozenset(s) for u, s in result.items()}

    def distinct(self, units: Sequence[int], period: Period) -> int:
        """The number of distinct employees employed in the period in any of ``units``."""
        a, b = self._bounds(period)
        wanted = np.zeros(self.unit_count, dtype=np.bool_)
        wanted[np.asarray(list(units), dtype=np.int64)] = True
        mask = wanted[self.e_unit] & (self.e_start < b) & (self.e_stop >= a)
        return int(np.unique(self.e_employee[mask]).size)

    def figures(
        self, units: Sequence[int], period: Period, employees: int | None = None
    ) -> Figures:
        """The sums of ``units`` (unit codes) over ``period``."""
        a, b = self._bounds(period)
        index = np.asarray(list(units), dtype=np.int64)
        if employees is None:
            employees = self.distinct(units, period)

        def total(sums: Floats) -> float:
            return float((sums[index, b] - sums[index, a]).sum())

        return Figures(
            employees=employees,
            fte=total(self.fte_sum) / period.days,
            possible=total(self.possible_sum),
            short_days=total(self.short_sum),
            long_days=total(self.long_sum),
        )


def _running(per_day: Floats) -> Floats:
    """Running sums along the days, with a zero column first: sum of [a, b) = s[b] - s[a]."""
    result: Floats = np.zeros((per_day.shape[0], per_day.shape[1] + 1), dtype=np.float64)
    np.cumsum(per_day, axis=1, out=result[:, 1:])
    return result
