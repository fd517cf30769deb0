"""Klippekort: the training days a MED member is entitled to, per function year.

The rules are data (``KlippekortRules``), so a municipality can change them;
``DEFAULT_RULES`` are those of FagMED Økonomi's item 29 (8 October 2025):

- every member has one day per function year once the MED-grunduddannelse
  is completed, at the earliest one year after election or appointment (so
  from function year 2);
- members holding both the arbejdsmiljø and the samarbejde function have two
  days a year in function years 2, 3 and 4, then one day a year from year 5;
- arbejdsmiljørepræsentanter (function ``amr``) also have the statutory
  supplementary training: 2 days in their first year, 1½ days in each later
  year, whatever the grunduddannelse.

Function year 1 runs from the election day to the day before its first
anniversary, year 2 from then on, and so on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

ARBEJDSMILJOE = "arbejdsmiljø"
SAMARBEJDE = "samarbejde"
AMR = "amr"
FUNCTIONS = (ARBEJDSMILJOE, SAMARBEJDE, AMR)
FUNCTION_LABELS = {
    ARBEJDSMILJOE: "Arbejdsmiljøfunktion",
    SAMARBEJDE: "Samarbejdsfunktion",
    AMR: "Arbejdsmiljørepræsentant (lovpligtig efteruddannelse)",
}
_ALIASES = {"arbejdsmiljo": ARBEJDSMILJOE, "arbejdsmiljoe": ARBEJDSMILJOE}


class RulesError(ValueError):
    """Rules or input that cannot be: the message says which field and why."""


def parse_functions(text: str) -> frozenset[str]:
    """``"arbejdsmiljø,samarbejde"`` → the set; an unknown name is a RulesError naming it."""
    found: set[str] = set()
    for raw in text.split(","):
        name = raw.strip().lower()
        if not name:
            continue
        name = _ALIASES.get(name, name)
        if name not in FUNCTIONS:
            raise RulesError(
                f"functions: unknown function {raw.strip()!r} (known: {', '.join(FUNCTIONS)})"
            )
        found.add(name)
    return frozenset(found)


@dataclass(frozen=True, slots=True)
class Band:
    """``days`` a year in function years ``first_year`` to ``last_year`` (None: on)
    for members holding every function in ``functions``."""

    first_year: int
    last_year: int | None
    days: Fraction
    functions: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        if self.first_year < 1:
            raise RulesError(f"first_year: must be 1 or more, not {self.first_year}")
        if self.last_year is not None and self.last_year < self.first_year:
            raise RulesError(f"last_year: {self.last_year} is before first_year {self.first_year}")
        if self.days < 0:
            raise RulesError(f"days: must not be negative, not {self.days}")
        unknown = self.functions - set(FUNCTIONS)
        if unknown:
            raise RulesError(f"functions: unknown {sorted(unknown)}")

    def applies(self, year: int, functions: frozenset[str]) -> bool:
        return (
            self.first_year <= year
            and (self.last_year is None or year <= self.last_year)
            and self.functions <= functions
        )


@dataclass(frozen=True, slots=True)
class KlippekortRules:
    """For each kind of day, the first band that applies gives the days."""

    # Klippekort days: after the grunduddannelse, from ``waiting_years`` after election.
    bands: tuple[Band, ...]
    # Statutory days: no grunduddannelse needed, no waiting.
    statutory: tuple[Band, ...]
    waiting_years: int = 1
    requires_grunduddannelse: bool = True

    def to_data(self) -> dict[str, object]:
        def band(b: Band) -> dict[str, object]:
            return {
                "first_year": b.first_year,
                "last_year": b.last_year,
                "days": str(b.days),
                "functions": sorted(b.functions),
            }

        return {
            "waiting_years": self.waiting_years,
            "requires_grunduddannelse": self.requires_grunduddannelse,
            "bands": [band(b) for b in self.bands],
            "statutory": [band(b) for b in self.statutory],
        }

    @classmethod
    def from_data(cls, data: Mapping[str, object]) -> KlippekortRules:
        """The rules ``to_data`` wrote; a RulesError names the bad field."""

        def bands(key: str) -> tuple[Band, ...]:
            raw = data.get(key, [])
            if not isinstance(raw, list):
                raise RulesError(f"{key}: a list of bands, not {raw!r}")
            out: list[Band] = []
            for n, entry in enumerate(raw, start=1):
                if not isinstance(entry, dict):
                    raise RulesError(f"{key}[{n}]: a band, not {entry!r}")
                try:
                    last = entry.get("last_year")
                    out.append(
                        Band(
                            first_year=int(entry["first_year"]),
                            last_year=None if last is None else int(last),
                            days=Fraction(str(entry["days"])),
                            functions=frozenset(entry.get("functions", [])),
                        )
                    )
                except (KeyError, ValueError, TypeError) as exc:
                    if isinstance(exc, RulesError):
                        raise RulesError(f"{key}[{n}]: {exc}") from None
                    raise RulesError(f"{key}[{n}]: {exc!s}") from None
            return tuple(out)

        waiting = data.get("waiting_years", 1)
        if not isinstance(waiting, int) or waiting < 0:
            raise RulesError(f"waiting_years: a whole number of years, not {waiting!r}")
        return cls(
            bands=bands("bands"),
            statutory=bands("statutory"),
            waiting_years=waiting,
            requires_grunduddannelse=bool(data.get("requires_grunduddannelse", True)),
        )


DEFAULT_RULES = KlippekortRules(
    bands=(
        Band(2, 4, Fraction(2), frozenset({ARBEJDSMILJOE, SAMARBEJDE})),
        Band(1, None, Fraction(1)),
    ),
    statutory=(
        Band(1, 1, Fraction(2), frozenset({AMR})),
        Band(2, None, Fraction(3, 2), frozenset({AMR})),
    ),
)


def anniversary(day: dt.date, years: int) -> dt.date:
    """``day`` plus ``years`` years; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def function_year(elected: dt.date, on: dt.date) -> int:
    """The function year ``on`` lies in (1 from the election day); 0 before it."""
    if on < elected:
        return 0
    years = on.year - elected.year
    if anniversary(elected, years) > on:
        years -= 1
    return years + 1


def year_bounds(elected: dt.date, year: int) -> tuple[dt.date, dt.date]:
    """The first and last day of function year ``year``."""
    start = anniversary(elected, year - 1)
    return start, anniversary(elected, year) - dt.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Entitlement:
    function_year: int
    days: Fraction
    statutory_days: Fraction

    def to_contract(self) -> dict[str, object]:
        """The ``medref klippekort rule --json`` shape."""
        return {
            "function_year": self.function_year,
            "days": _number(self.days),
            "statutory_days": _number(self.statutory_days),
        }


def _number(value: Fraction) -> int | float:
    return int(value) if value.denominator == 1 else float(value)


def _first(bands: Sequence[Band], year: int, functions: frozenset[str]) -> Fraction:
    return next((b.days for b in bands if b.applies(year, functions)), Fraction(0))


def entitlement(
    *,
    elected: dt.date,
    on: dt.date,
    grunduddannelse: dt.date | None = None,
    functions: Iterable[str] = (),
    rules: KlippekortRules = DEFAULT_RULES,
) -> Entitlement:
    """The days of the function year ``on`` lies in, as far as they are earned by ``on``.

    Klippekort days need the grunduddannelse completed by ``on`` (when the
    rules require it) and ``waiting_years`` since the election; statutory days
    need neither. Before the election: function year 0 and no days.
    """
    held = frozenset(functions)
    year = function_year(elected, on)
    if year == 0:
        return Entitlement(0, Fraction(0), Fraction(0))
    started = on >= anniversary(elected, rules.waiting_years)
    educated = not rules.requires_grunduddannelse or (
        grunduddannelse is not None and grunduddannelse <= on
    )
    days = _first(rules.bands, year, held) if started and educated else Fraction(0)
    return Entitlement(year, days, _first(rules.statutory, year, held))


@dataclass(frozen=True, slots=True)
class Usage:
    """Days used on one day: a course, or a joint theme day (one day per attending member)."""

    day: dt.date
    days: Fraction
    statutory: bool = False


@dataclass(frozen=True, slots=True)
class YearLine:
    """One function year of a member's klippekort."""

    function_year: int
    start: dt.date
    end: dt.date
    days: Fraction
    statutory_days: Fraction
    used: Fraction
    used_statutory: Fraction
    closed: bool  # the year has ended: what is left lapsed

    @property
    def balance(self) -> Fraction:
        return self.days - self.used

    @property
    def statutory_balance(self) -> Fraction:
        return self.statutory_days - self.used_statutory

    @property
    def lapsed(self) -> Fraction:
        """Days left unused at the end of a past function year (never negative)."""
        if not self.closed:
            return Fraction(0)
        return max(self.balance, Fraction(0)) + max(self.statutory_balance, Fraction(0))


def ledger(
    *,
    elected: dt.date,
    today: dt.date,
    grunduddannelse: dt.date | None = None,
    functions: Iterable[str] = (),
    usages: Iterable[Usage] = (),
    rules: KlippekortRules = DEFAULT_RULES,
    until: dt.date | None = None,
) -> list[YearLine]:
    """Every function year from the election to the one ``today`` lies in (or to
    ``until``, the membership's end, if earlier): entitlement, use and balance.

    A past year's entitlement counts the grunduddannelse if it was completed
    by the year's last day.
    """
    last_day = min(today, until) if until else today
    held = frozenset(functions)
    used = list(usages)
    lines: list[YearLine] = []
    for year in range(1, function_year(elected, last_day) + 1):
        start, end = year_bounds(elected, year)
        earned = entitlement(
            elected=elected,
            on=min(end, last_day),
            grunduddannelse=grunduddannelse,
            functions=held,
            rules=rules,
        )
        in_year = [u for u in used if start <= u.day <= end]
        lines.append(
            YearLine(
                function_year=year,
                start=start,
                end=end,
                days=earned.days,
                statutory_days=earned.statutory_days,
                used=sum((u.days for u in in_year if not u.statutory), Fraction(0)),
                used_statutory=sum((u.days for u in in_year if u.statutory), Fraction(0)),
                closed=end < today,
            )
        )
    return lines


def format_days(value: Fraction) -> str:
    """Danish: "2", "1,5", "½" is written "0,5"."""
    if value.denominator == 1:
        return str(value.numerator)
    return f"{float(value):.1f}".replace(".", ",")
