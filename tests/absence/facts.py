"""Small builders for absence facts in the tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from medref.absence.metrics.engine import Figures, Ledger, to_columns
from medref.absence.metrics.model import Absence, Employment, Settings, Unit
from medref.absence.metrics.periods import Period, parse_period

D = dt.date


def ledger(
    units: Sequence[Unit],
    employments: Sequence[Employment],
    absences: Sequence[Absence],
    settings: Settings | None = None,
    last: dt.date = dt.date(2026, 12, 31),
) -> tuple[list[str], Ledger]:
    """A ledger whose ongoing employments run to ``last``."""
    settings = settings or Settings()
    unit_ids, columns = to_columns(units, employments, absences, settings)
    return unit_ids, Ledger(len(unit_ids), columns, settings, last=last)


def figures(
    units: Sequence[Unit],
    employments: Sequence[Employment],
    absences: Sequence[Absence],
    period: str | Period,
    only: Sequence[str] | None = None,
    settings: Settings | None = None,
) -> Figures:
    unit_ids, book = ledger(units, employments, absences, settings)
    p = parse_period(period) if isinstance(period, str) else period
    wanted = [unit_ids.index(u) for u in (only or unit_ids)]
    return book.figures(wanted, p)


def sick(first: dt.date, last: dt.date, employee: str = "e1", hours: float | None = None,
         type: str = "egen sygdom") -> Absence:  # fmt: skip
    return Absence(employee, first, last, type, hours)


EARLY = dt.date(2020, 1, 1)


def job(employee: str = "e1", unit: str = "A", start: dt.date = EARLY,
        end: dt.date | None = None, hours: float = 37.0) -> Employment:  # fmt: skip
    return Employment(employee, unit, start, end, hours)


UNITS = [Unit("A", "Enhed A"), Unit("B", "Enhed B")]
