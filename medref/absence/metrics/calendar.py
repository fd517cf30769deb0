"""The working-day calendar: Monday–Friday, not a Danish public holiday, not a day off by setting.

Public holidays come from the ``holidays`` package (Denmark: store bededag up to
and including 2023, abolished from 2024). The extra days off (grundlovsdag,
juleaftensdag, nytårsaftensdag by default) are a setting.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import holidays
import numpy as np
import numpy.typing as npt

# (month, day) pairs that are days off every year besides the public holidays.
DEFAULT_DAYS_OFF: tuple[tuple[int, int], ...] = ((6, 5), (12, 24), (12, 31))


@dataclass(frozen=True)
class WorkCalendar:
    """Which days are working days."""

    days_off: tuple[tuple[int, int], ...] = DEFAULT_DAYS_OFF
    country: str = "DK"

    def holidays_in(self, years: Iterable[int]) -> frozenset[dt.date]:
        return _public_holidays(self.country, tuple(sorted(set(years))))

    def is_working_day(self, day: dt.date) -> bool:
        if day.weekday() >= 5 or (day.month, day.day) in self.days_off:
            return False
        return day not in self.holidays_in([day.year])

    def working_days(self, first: dt.date, last: dt.date) -> npt.NDArray[np.bool_]:
        """One bool per calendar day from ``first`` to ``last`` (both included)."""
        count = (last - first).days + 1
        if count <= 0:
            return np.zeros(0, dtype=np.bool_)
        ordinals = np.arange(first.toordinal(), first.toordinal() + count, dtype=np.int64)
        # date.toordinal() of a Monday is 1 mod 7 (0001-01-01 was a Monday).
        result: npt.NDArray[np.bool_] = ((ordinals - 1) % 7) < 5
        closed = set(self.holidays_in(range(first.year, last.year + 1)))
        for year in range(first.year, last.year + 1):
            for month, day in self.days_off:
                closed.add(dt.date(year, month, day))
        for closed_day in closed:
            index = (closed_day - first).days
            if 0 <= index < count:
                result[index] = False
        return result


@lru_cache(maxsize=64)
def _public_holidays(country: str, years: tuple[int, ...]) -> frozenset[dt.date]:
    if not years:
        return frozenset()
    return frozenset(holidays.country_holidays(country, years=list(years)).keys())
