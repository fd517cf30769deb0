"""The facts the metrics are computed from, and the settings that differ by municipality."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .calendar import WorkCalendar

# DST/KRL absence codes and the names HR exports use for them.
TYPE_CODES: dict[str, str] = {
    "1100": "egen sygdom",
    "1110": "delvis sygemelding",
    "1200": "barns sygdom",
    "1300": "arbejdsskade",
    "1400": "barsel",
    "1500": "omsorgsdage",
}
DEFAULT_SICKNESS_TYPES: frozenset[str] = frozenset(
    {"egen sygdom", "delvis sygemelding", "arbejdsskade"}
)


def normalise_type(value: str) -> str:
    """An absence type as its lower-case name; a DST/KRL code becomes its name."""
    text = " ".join(value.strip().lower().split())
    return TYPE_CODES.get(text, text)


@dataclass(frozen=True)
class Settings:
    """Definitions that are a setting where municipalities differ (issue 18)."""

    hours_per_dagsvaerk: float = 7.4
    full_time_weekly_hours: float = 37.0
    short_max_days: int = 7  # an absence period of at most this many calendar days is short
    sickness_types: frozenset[str] = DEFAULT_SICKNESS_TYPES
    min_employees: int = 5  # no figure for fewer distinct employees
    calendar: WorkCalendar = field(default_factory=WorkCalendar)


@dataclass(frozen=True)
class Unit:
    unit_id: str
    name: str
    parent_id: str = ""
    committee: str = ""


@dataclass(frozen=True)
class Employment:
    employee: str  # a pseudonymous key
    unit_id: str
    start: dt.date
    end: dt.date | None  # None: ongoing
    weekly_hours: float


@dataclass(frozen=True)
class Absence:
    employee: str
    first_day: dt.date
    last_day: dt.date
    type: str
    hours_per_day: float | None = None  # only for partial absence


@dataclass(frozen=True)
class Target:
    scope: str  # a committee name or a unit_id
    year: int
    days_per_fte: float


class DataError(ValueError):
    """Facts that contradict each other (an overlap); the message names them."""
