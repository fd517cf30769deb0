"""A calendar month as a value: the unit in which follow-ups and themes are due."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from medref.lib.danish import MONTHS as MONTH_NAMES

__all__ = ["MONTH_NAMES", "Month", "quarter_start"]


@dataclass(frozen=True, order=True, slots=True)
class Month:
    """``Month(2026, 1)`` is January 2026; months order and add like numbers."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise ValueError(f"month must be 1-12, not {self.month}")

    @classmethod
    def of(cls, day: dt.date) -> Month:
        return cls(day.year, day.month)

    @classmethod
    def parse(cls, code: str) -> Month:
        """``"2026-01"`` → ``Month(2026, 1)``; anything else is a ValueError saying so."""
        year, sep, month = code.partition("-")
        if not (sep and year.isdigit() and month.isdigit() and len(year) == 4):
            raise ValueError(f"not a month as YYYY-MM: {code!r}")
        return cls(int(year), int(month))

    @property
    def index(self) -> int:
        """Months since year 0: differences of indexes count months."""
        return self.year * 12 + self.month - 1

    @classmethod
    def from_index(cls, index: int) -> Month:
        return cls(index // 12, index % 12 + 1)

    def plus(self, months: int) -> Month:
        return Month.from_index(self.index + months)

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def quarter(self) -> int:
        return (self.month - 1) // 3 + 1

    @property
    def code(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def name(self) -> str:
        """Danish, as minutes write it: "januar 2026"."""
        return f"{MONTH_NAMES[self.month - 1]} {self.year}"

    def __str__(self) -> str:
        return self.code


def quarter_start(quarter: int) -> int:
    """The first month (1-12) of quarter 1-4."""
    if not 1 <= quarter <= 4:
        raise ValueError(f"quarter must be 1-4, not {quarter}")
    return 3 * (quarter - 1) + 1
