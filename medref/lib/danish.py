"""Danish dates and numbers the way minutes write them.

"Onsdag d. 08. oktober 2025 kl. 13:00", "d. 08-10-2025", "265.786", "8,1".
Written out here rather than through locale settings so output never depends
on the machine's locales.
"""

from __future__ import annotations

import datetime as dt
import re

WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
MONTHS = (
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
)

_LONG_DATE = re.compile(
    r"(?:(?P<weekday>[a-zæøå]+)\s+)?(?:d\.\s*)?(?P<day>\d{1,2})\.\s*(?P<month>[a-zæøå]+)\s+(?P<year>\d{4})"
    r"(?:\s*,?\s*kl\.\s*(?P<start>\d{1,2}[:.]\d{2})(?:\s*[-–]\s*(?P<end>\d{1,2}[:.]\d{2}))?)?",
    re.IGNORECASE,
)
_SHORT_DATE = re.compile(r"(?P<day>\d{1,2})[-./](?P<month>\d{1,2})[-./](?P<year>\d{4})")


def format_time(value: dt.time) -> str:
    return value.strftime("%H:%M")


# What a document without a known date shows where the date would stand (never a guess).
NO_DATE = "uden dato"


def format_long_date(
    day: dt.date | None, start: dt.time | None = None, end: dt.time | None = None
) -> str:
    """ "Onsdag d. 08. oktober 2025 kl. 13:00" (with "-15:00" when the end is known)."""
    if day is None:
        return NO_DATE
    weekday = WEEKDAYS[day.weekday()].capitalize()
    text = f"{weekday} d. {day.day:02d}. {MONTHS[day.month - 1]} {day.year}"
    if start is not None:
        text += f" kl. {format_time(start)}"
        if end is not None:
            text += f"-{format_time(end)}"
    return text


def format_short_date(day: dt.date | None) -> str:
    """ "08-10-2025", as in "REFERAT FagMED Økonomi d. 08-10-2025"."""
    if day is None:
        return NO_DATE
    return f"{day.day:02d}-{day.month:02d}-{day.year}"


def _parse_clock(text: str | None) -> dt.time | None:
    if text is None:
        return None
    hours, minutes = re.split(r"[:.]", text)
    return dt.time(int(hours), int(minutes))


def parse_long_date(text: str) -> tuple[dt.date, dt.time | None, dt.time | None] | None:
    """Read "Onsdag d. 08. oktober 2025 kl. 13:00"; None when it is not such a date.

    Raises ValueError for a date that reads right but does not exist (31. juni).
    """
    match = _LONG_DATE.search(text)
    if match is None or match["month"].lower() not in MONTHS:
        return None
    day = dt.date(int(match["year"]), MONTHS.index(match["month"].lower()) + 1, int(match["day"]))
    return day, _parse_clock(match["start"]), _parse_clock(match["end"])


def parse_short_date(text: str) -> dt.date | None:
    """Read "08-10-2025"; None when there is no such date in the text."""
    match = _SHORT_DATE.search(text)
    if match is None:
        return None
    return dt.date(int(match["year"]), int(match["month"]), int(match["day"]))


def format_amount(value: int) -> str:
    """265786 -> "265.786"."""
    return f"{value:,}".replace(",", ".")


def format_decimal(value: float, places: int = 1) -> str:
    """8.1 -> "8,1"."""
    return f"{value:,.{places}f}".replace(",", "_").replace(".", ",").replace("_", ".")
