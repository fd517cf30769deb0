"""Danish dates and numbers as minutes write them."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from medref.lib.danish import (
    format_amount,
    format_decimal,
    format_long_date,
    format_short_date,
    parse_long_date,
    parse_short_date,
)

minutes = st.times().map(lambda t: t.replace(second=0, microsecond=0))


def test_the_long_date_of_the_fagmed_meeting() -> None:
    assert format_long_date(dt.date(2025, 10, 8), dt.time(13, 0)) == (
        "Onsdag d. 08. oktober 2025 kl. 13:00"
    )
    assert format_short_date(dt.date(2025, 10, 8)) == "08-10-2025"


@given(st.dates(dt.date(1900, 1, 1), dt.date(2200, 1, 1)), st.none() | minutes, st.none() | minutes)
def test_long_dates_read_back(day: dt.date, start: dt.time | None, end: dt.time | None) -> None:
    end = end if start else None
    assert parse_long_date(format_long_date(day, start, end)) == (day, start, end)


@given(st.dates(dt.date(1900, 1, 1), dt.date(2200, 1, 1)))
def test_short_dates_read_back(day: dt.date) -> None:
    assert parse_short_date(format_short_date(day)) == day


def test_a_time_range_gives_the_end() -> None:
    assert parse_long_date("Torsdag d. 20. november 2025 kl. 09.30-11.00") == (
        dt.date(2025, 11, 20),
        dt.time(9, 30),
        dt.time(11, 0),
    )


def test_text_that_is_not_a_date() -> None:
    assert parse_long_date("Mødelokale 2225") is None
    assert parse_short_date("81.16.00-G01-2-25") is None


def test_amounts_and_decimals() -> None:
    assert format_amount(265786) == "265.786"
    assert format_decimal(8.14) == "8,1"
    assert format_decimal(12345.6) == "12.345,6"
