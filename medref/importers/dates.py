"""Dates and times in every way Danish minutes and agenda portals write them.

"20-11-2025", "20.11.2025", "20/11 2025", "2025-11-20", "15-maj-2002",
"20. november 2025", "torsdag den 20. november 2025", "Torsdag, 6 oktober,
2022 - 16:30" (a portal's date field), "Tuesday, March 10, 2020 - 16:30"
(English names from portal software); times "kl. 13.00", "13:00-15:30",
"kl. 10.00 - 12.00", "09:00:00".

``find_date`` reads the first date in a text and the times that follow it;
it never guesses: no year, no date. A date that reads right but does not
exist ("31. juni 2025") raises ``ValueError`` so the caller can say so.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from medref.lib.danish import MONTHS as DANISH_MONTHS
from medref.lib.danish import WEEKDAYS as DANISH_WEEKDAYS

ENGLISH_MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
ENGLISH_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _month_table() -> dict[str, int]:
    table: dict[str, int] = {}
    for names in (DANISH_MONTHS, ENGLISH_MONTHS):
        for number, name in enumerate(names, start=1):
            table[name] = number
            table[name[:3]] = number
    table["sept"] = 9
    return table


MONTHS: dict[str, int] = _month_table()
_DAY_THEN_WORD = re.compile(r"^\d{1,2}\.\s*(?P<word>[^\W\d_]+)")


def starts_with_date(text: str) -> bool:
    """ "14. september 2017 (5 min.)": a line a wrap began with a date, which a list
    reader would take for entry 14."""
    match = _DAY_THEN_WORD.match(text)
    return match is not None and match["word"].casefold() in MONTHS


_MONTH_WORD = r"(?P<month>[a-zæøå]{3,9})\.?"
_YEAR = r"(?P<year>\d{4})(?!\d)"

# Day first with a month name: "20. november 2025", "6 oktober, 2022", "15-maj-2002".
_DAY_MONTH_NAME = re.compile(
    rf"(?<!\d)(?P<day>\d{{1,2}})\.?\s*[-\s]\s*{_MONTH_WORD}\s*[-,]?\s*{_YEAR}", re.IGNORECASE
)
# Month name first (English portals): "March 10, 2020".
_MONTH_NAME_DAY = re.compile(
    rf"\b{_MONTH_WORD}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}", re.IGNORECASE
)
# Numeric, day first: "20-11-2025", "20.11.2025", "20/11 2025", "20/11-2025";
# "4.3.21" only through _NUMERIC_SHORT_YEAR.
_NUMERIC = re.compile(
    r"(?<![\d.\-/])(?P<day>\d{1,2})\s*[-./]\s*(?P<month>\d{1,2})\s*[-./\s]\s*(?P<year>\d{4})(?!\d)"
)
# Numeric with a two-digit year ("04.03.24", "4/3-24"): read only where the text is known
# to be a date (a "Dato:" field, a date line), because case numbers look the same
# ("17.02.00" is a KLE number). The separators must agree, and nothing may follow that
# continues a number ("17.02.00-A00-1-24").
_NUMERIC_SHORT_YEAR = re.compile(
    r"(?<![\d.\-/])(?P<day>\d{1,2})(?P<sep>[-./])(?P<month>\d{1,2})(?:(?P=sep)|-)(?P<year>\d{2})"
    r"(?![\d]|[-./]\w)"
)
# ISO: "2025-11-20".
_ISO = re.compile(r"(?<!\d)(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?!\d)")

_CLOCK = r"\d{1,2}[:.]\d{2}(?:[:.]\d{2})?"
# A time range or a single time: "kl. 13.00", "13:00-15:30", "kl. 10.00 - 12.00", "16:30".
_TIMES = re.compile(
    rf"(?:\bkl\.?\s*|\bklokken\s+)?(?<![\d.:])(?P<start>{_CLOCK})(?![\d])"
    rf"(?:\s*(?:--?|–|—|til)\s*(?:kl\.?\s*)?(?P<end>{_CLOCK}))?",
    re.IGNORECASE,
)
# Whole hours after "kl.": "kl. 13", "fra kl. 13 til 15", "kl. 9-11" (never a bare number).
_HOURS = re.compile(
    r"\b(?:kl\.?|klokken)\s*(?P<start>\d{1,2})(?![\d:.]\d)"
    r"(?:\s*(?:--?|–|—|til)\s*(?:kl\.?\s*)?(?P<end>\d{1,2}(?:[:.]\d{2})?)(?![\d:.]\d))?",
    re.IGNORECASE,
)


_YEAR4 = re.compile(r"\d{4}")


class FoundDate(NamedTuple):
    day: dt.date
    start: dt.time | None
    end: dt.time | None
    # Where the date stands in the text: [begin, end) of the date itself.
    begin: int
    finish: int


def clock(text: str) -> dt.time:
    """ "13.00", "09:00:00" -> time; ValueError for "25:00"."""
    parts = re.split(r"[:.]", text)
    return dt.time(int(parts[0]), int(parts[1]))


def _matches(text: str) -> list[tuple[int, int, int, int, int]]:
    """(begin, end, year, month, day) for every date pattern match."""
    found: list[tuple[int, int, int, int, int]] = []
    for pattern in (_DAY_MONTH_NAME, _MONTH_NAME_DAY):
        for match in pattern.finditer(text):
            month = MONTHS.get(match["month"].lower())
            if month is not None:
                found.append(
                    (match.start(), match.end(), int(match["year"]), month, int(match["day"]))
                )
    for pattern in (_NUMERIC, _ISO):
        for match in pattern.finditer(text):
            found.append(
                (
                    match.start(),
                    match.end(),
                    int(match["year"]),
                    int(match["month"]),
                    int(match["day"]),
                )
            )
    found.sort()
    return found


def _hour_or_clock(text: str) -> dt.time:
    return clock(text) if ":" in text or "." in text else dt.time(int(text))


def times_in(text: str) -> tuple[dt.time | None, dt.time | None]:
    """The first time or time range in ``text`` ("kl. 13.00", "13:00-15:30", "kl. 13-15")."""
    match = _TIMES.search(text)
    hours = _HOURS.search(text) if "kl" in text.casefold() else None
    if hours is not None and (match is None or hours.start() < match.start()):
        match = hours
    if match is None:
        return None, None
    try:
        start = _hour_or_clock(match["start"])
        end = _hour_or_clock(match["end"]) if match["end"] else None
    except ValueError:
        return None, None
    return start, end


def _short_year_matches(text: str) -> list[tuple[int, int, int, int, int]]:
    found: list[tuple[int, int, int, int, int]] = []
    for match in _NUMERIC_SHORT_YEAR.finditer(text):
        day, month, year = int(match["day"]), int(match["month"]), int(match["year"])
        if 1 <= day <= 31 and 1 <= month <= 12:  # "10.30-11" is a time, not a date
            century = 1900 if year >= 70 else 2000
            found.append((match.start(), match.end(), century + year, month, day))
    return found


def find_date(text: str, *, short_year: bool = False) -> FoundDate | None:
    """The first date in ``text`` and the times written after it (before the next date).

    ``short_year``: also read "04.03.24" (only where the text is known to be a date).
    Raises ValueError when the first date reads as a date but does not exist.
    """
    if _YEAR4.search(text) is None:  # every long form has a four-digit year
        if not short_year:
            return None
        matches = _short_year_matches(text)
    else:
        matches = _matches(text)
    if not matches:
        return None
    begin, end, year, month, day = matches[0]
    if not 1 <= month <= 12:
        raise ValueError(f"month {month} in {text[begin:end]!r}")
    found = dt.date(year, month, day)
    following = next((m[0] for m in matches[1:] if m[0] >= end), len(text))
    start, finish = times_in(text[end:following])
    return FoundDate(found, start, finish, begin, end)


def render_date(day: dt.date, style: int) -> str:
    """``day`` written in one of the styles ``find_date`` reads (for property tests)."""
    month_da = DANISH_MONTHS[day.month - 1]
    weekday_da = DANISH_WEEKDAYS[day.weekday()]
    styles = (
        f"{day.day:02d}-{day.month:02d}-{day.year}",
        f"{day.day:02d}.{day.month:02d}.{day.year}",
        f"{day.day}/{day.month} {day.year}",
        f"{day.day}. {month_da} {day.year}",
        f"{weekday_da} den {day.day}. {month_da} {day.year}",
        f"{weekday_da.capitalize()}, {day.day} {month_da}, {day.year}",
        f"{ENGLISH_WEEKDAYS[day.weekday()].capitalize()}, "
        f"{ENGLISH_MONTHS[day.month - 1].capitalize()} {day.day}, {day.year}",
        day.isoformat(),
        f"{day.day}-{month_da[:3]}-{day.year}",
        f"{day.day:02d}. {month_da}, {day.year}",
    )
    return styles[style % len(styles)]


STYLES = 10
