"""When an årshjul theme is due: the meetings of a year a theme rule picks.

A rule picks at most one meeting in each of its periods:

| rule | period | the meeting it picks |
|---|---|---|
| every meeting | the meeting | every meeting |
| every quarter | a quarter | the first meeting in each quarter |
| given quarters ("2. og 4. kvartal") | a quarter | the first meeting in each given quarter |
| given month | a year | the first meeting in that month (none if the month has none) |
| yearly (from a month) | a year | the first meeting on or after the month's first day |
| every N years (from a year, a month) | N years | as yearly, in the years ``first_year + k·N`` |
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from .months import quarter_start


class Recurrence(StrEnum):
    EVERY_MEETING = "every_meeting"
    QUARTERLY = "quarterly"
    QUARTERS = "quarters"
    MONTH = "month"
    YEARLY = "yearly"
    EVERY_N_YEARS = "every_n_years"


RECURRENCE_LABELS: dict[Recurrence, str] = {
    Recurrence.EVERY_MEETING: "Hvert møde",
    Recurrence.QUARTERLY: "Hvert kvartal (første møde i kvartalet)",
    Recurrence.QUARTERS: "Udvalgte kvartaler",
    Recurrence.MONTH: "En bestemt måned",
    Recurrence.YEARLY: "Én gang om året",
    Recurrence.EVERY_N_YEARS: "Hvert N. år",
}


class RuleError(ValueError):
    """A theme rule that cannot be: the message says which field and why."""


@dataclass(frozen=True, slots=True)
class ThemeRule:
    """When a theme recurs. Fields not used by ``recurrence`` are ignored."""

    recurrence: Recurrence
    quarters: frozenset[int] = field(default_factory=frozenset)
    month: int = 1
    every_years: int = 1
    first_year: int = 2000

    def __post_init__(self) -> None:
        if self.recurrence == Recurrence.QUARTERS and (
            not self.quarters or not self.quarters <= {1, 2, 3, 4}
        ):
            raise RuleError(f"quarters: give one or more of 1-4, not {sorted(self.quarters)}")
        if not 1 <= self.month <= 12:
            raise RuleError(f"month: must be 1-12, not {self.month}")
        if self.every_years < 1:
            raise RuleError(f"every_years: must be 1 or more, not {self.every_years}")

    def period(self, day: dt.date) -> tuple[int, ...]:
        """The period ``day`` lies in: the rule picks at most one meeting per period."""
        match self.recurrence:
            case Recurrence.EVERY_MEETING:
                return (day.year, day.month, day.day)
            case Recurrence.QUARTERLY | Recurrence.QUARTERS:
                return (day.year, (day.month - 1) // 3 + 1)
            case Recurrence.MONTH | Recurrence.YEARLY:
                return (day.year,)
            case Recurrence.EVERY_N_YEARS:
                return ((day.year - self.first_year) // self.every_years,)
        raise AssertionError(self.recurrence)  # pragma: no cover

    def describe(self) -> str:
        """The rule in Danish, as the årshjul table shows it."""
        from .months import MONTH_NAMES

        month = MONTH_NAMES[self.month - 1]
        match self.recurrence:
            case Recurrence.QUARTERS:
                return " og ".join(f"{q}." for q in sorted(self.quarters)) + " kvartal"
            case Recurrence.MONTH:
                return f"i {month}"
            case Recurrence.YEARLY:
                return "årligt" if self.month == 1 else f"årligt, fra {month}"
            case Recurrence.EVERY_N_YEARS:
                return f"hvert {self.every_years}. år fra {self.first_year}, i {month}"
        return RECURRENCE_LABELS[self.recurrence].lower()

    def to_data(self) -> dict[str, object]:
        return {
            "recurrence": str(self.recurrence),
            "quarters": sorted(self.quarters),
            "month": self.month,
            "every_years": self.every_years,
            "first_year": self.first_year,
        }

    @classmethod
    def from_data(cls, data: Mapping[str, object]) -> ThemeRule:
        """The rule ``to_data`` wrote; a RuleError names the bad field."""
        try:
            recurrence = Recurrence(str(data.get("recurrence")))
        except ValueError:
            raise RuleError(f"recurrence: unknown rule {data.get('recurrence')!r}") from None
        quarters = data.get("quarters", [])
        if not isinstance(quarters, list) or not all(isinstance(q, int) for q in quarters):
            raise RuleError(f"quarters: a list of numbers, not {quarters!r}")
        numbers: dict[str, int] = {}
        for name, default in (("month", 1), ("every_years", 1), ("first_year", 2000)):
            value = data.get(name, default)
            if not isinstance(value, int) or isinstance(value, bool):
                raise RuleError(f"{name}: a whole number, not {value!r}")
            numbers[name] = value
        return cls(recurrence, frozenset(quarters), **numbers)


def _wanted(rule: ThemeRule, day: dt.date) -> bool:
    """Whether a meeting on ``day`` may carry the theme at all (before "first in period")."""
    match rule.recurrence:
        case Recurrence.EVERY_MEETING | Recurrence.QUARTERLY:
            return True
        case Recurrence.QUARTERS:
            return (day.month - 1) // 3 + 1 in rule.quarters
        case Recurrence.MONTH:
            return day.month == rule.month
        case Recurrence.YEARLY:
            return day.month >= rule.month
        case Recurrence.EVERY_N_YEARS:
            return (day.year - rule.first_year) % rule.every_years == 0 and day.month >= rule.month
    raise AssertionError(rule.recurrence)  # pragma: no cover


def schedule(rule: ThemeRule, meetings: Iterable[dt.date]) -> list[dt.date]:
    """The meetings (dates, any order, duplicates ignored) at which the theme is due, in order."""
    picked: list[dt.date] = []
    seen: set[tuple[int, ...]] = set()
    for day in sorted(set(meetings)):
        if not _wanted(rule, day):
            continue
        period = rule.period(day)
        if period in seen:
            continue
        seen.add(period)
        picked.append(day)
    return picked


def due_at(rule: ThemeRule, meeting: dt.date, meetings: Iterable[dt.date]) -> bool:
    """Whether the theme is due at the meeting on ``meeting`` among the committee's ``meetings``."""
    return meeting in schedule(rule, [*meetings, meeting])


def quarter_months(quarters: Iterable[int]) -> list[int]:
    """The first month of each quarter, in order (for the årshjul)."""
    return sorted(quarter_start(q) for q in quarters)
