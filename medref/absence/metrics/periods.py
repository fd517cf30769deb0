"""Report periods: month ``2025-07``, quarter ``2025Q3``, year ``2025``, rolling four
quarters ``R4Q:2025Q3`` (2024-10-01..2025-09-30) and a range ``2025-01-01..2025-06-30``.

``previous`` is the period of the same kind just before; for a range of whole
months as many months before, for another range as many days before.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

from medref.lib.danish import MONTHS as MONTH_NAMES


class Kind(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    ROLLING = "rolling"  # four quarters
    RANGE = "range"


class PeriodError(ValueError):
    """A period that cannot be read; the message says what was expected."""


@dataclass(frozen=True, order=True)
class Period:
    first: dt.date
    last: dt.date
    kind: Kind
    label: str  # the text it was written as, normalised

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def is_twelve_months(self) -> bool:
        return self.kind in (Kind.YEAR, Kind.ROLLING) or (
            self.first.day == 1 and add_months(self.first, 12) - dt.timedelta(days=1) == self.last
        )

    def previous(self) -> Period:
        if self.kind is Kind.MONTH:
            return month(add_months(self.first, -1))
        if self.kind is Kind.QUARTER:
            return quarter(*_quarter_before(self.last.year, (self.last.month - 1) // 3 + 1))
        if self.kind is Kind.YEAR:
            return year(self.first.year - 1)
        if self.kind is Kind.ROLLING:
            return rolling(*_quarter_before(self.last.year, (self.last.month - 1) // 3 + 1))
        last = self.first - dt.timedelta(days=1)
        months = len(self.months())
        if self.first.day == 1 and (self.last + dt.timedelta(days=1)).day == 1:
            # Whole months: as many months just before.
            return date_range(add_months(self.first, -months), last)
        return date_range(last - dt.timedelta(days=self.days - 1), last)

    def months(self) -> list[Period]:
        """The calendar months the period touches, each cut to the period."""
        result: list[Period] = []
        start = self.first.replace(day=1)
        while start <= self.last:
            whole = month(start)
            first, last = max(whole.first, self.first), min(whole.last, self.last)
            result.append(Period(first, last, Kind.MONTH, whole.label))
            start = add_months(start, 1)
        return result


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _quarter_before(year_: int, q: int) -> tuple[int, int]:
    return (year_ - 1, 4) if q == 1 else (year_, q - 1)


def month(first: dt.date) -> Period:
    start = first.replace(day=1)
    return Period(start, add_months(start, 1) - dt.timedelta(days=1), Kind.MONTH, f"{start:%Y-%m}")


def quarter(year_: int, q: int) -> Period:
    start = dt.date(year_, 3 * q - 2, 1)
    last = add_months(start, 3) - dt.timedelta(days=1)
    return Period(start, last, Kind.QUARTER, f"{year_}Q{q}")


def year(year_: int) -> Period:
    return Period(dt.date(year_, 1, 1), dt.date(year_, 12, 31), Kind.YEAR, f"{year_}")


def rolling(year_: int, q: int) -> Period:
    """The four quarters ending with quarter ``q`` of ``year_``."""
    last = quarter(year_, q).last
    first = add_months(last.replace(day=1), -11)
    return Period(first, last, Kind.ROLLING, f"R4Q:{year_}Q{q}")


def date_range(first: dt.date, last: dt.date) -> Period:
    if last < first:
        raise PeriodError(f"{first}..{last}: the last day is before the first")
    return Period(first, last, Kind.RANGE, f"{first.isoformat()}..{last.isoformat()}")


_MONTH = re.compile(r"(\d{4})-(\d{2})")
_QUARTER = re.compile(r"(\d{4})[Qq]([1-4])")
_YEAR = re.compile(r"(\d{4})")
_ROLLING = re.compile(r"[Rr]4[Qq]:(\d{4})[Qq]([1-4])")
_RANGE = re.compile(r"(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})")

PERIOD_FORMS = "2025-07, 2025Q3, 2025, R4Q:2025Q3 or 2025-01-01..2025-06-30"


def parse_period(text: str) -> Period:
    """Read a period; ``PeriodError`` names the forms understood."""
    value = text.strip()
    try:
        if m := _ROLLING.fullmatch(value):
            return rolling(int(m[1]), int(m[2]))
        if m := _QUARTER.fullmatch(value):
            return quarter(int(m[1]), int(m[2]))
        if m := _MONTH.fullmatch(value):
            return month(dt.date(int(m[1]), int(m[2]), 1))
        if m := _YEAR.fullmatch(value):
            return year(int(m[1]))
        if m := _RANGE.fullmatch(value):
            return date_range(dt.date.fromisoformat(m[1]), dt.date.fromisoformat(m[2]))
    except ValueError as exc:
        if isinstance(exc, PeriodError):
            raise
        raise PeriodError(f"{value!r}: {exc}") from None
    raise PeriodError(f"{value!r} is not a period; use {PERIOD_FORMS}")


def quarter_name(period: Period) -> str:
    """``4. kvartal 2024`` for the quarter a period ends in."""
    return f"{(period.last.month - 1) // 3 + 1}. kvartal {period.last.year}"


def describe(period: Period) -> str:
    """The period in Danish words, as a committee writes it."""
    if period.kind is Kind.MONTH:
        return f"{MONTH_NAMES[period.first.month - 1]} {period.first.year}"
    if period.kind is Kind.QUARTER:
        return quarter_name(period)
    if period.kind is Kind.YEAR:
        return f"året {period.first.year}"
    if period.kind is Kind.ROLLING:
        first_quarter = quarter(period.first.year, (period.first.month - 1) // 3 + 1)
        return f"{quarter_name(first_quarter)} til {quarter_name(period)}"
    return f"{period.first:%d.%m.%Y} - {period.last:%d.%m.%Y}"
