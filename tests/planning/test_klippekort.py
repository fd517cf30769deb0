"""Klippekort entitlements (medref.planning.rules.klippekort), at every boundary."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from medref.planning.rules.klippekort import (
    AMR,
    ARBEJDSMILJOE,
    DEFAULT_RULES,
    SAMARBEJDE,
    KlippekortRules,
    RulesError,
    Usage,
    entitlement,
    function_year,
    ledger,
    parse_functions,
)

ELECTED = dt.date(2022, 3, 1)
EDUCATED = dt.date(2022, 9, 1)
BOTH = frozenset({ARBEJDSMILJOE, SAMARBEJDE})


def days(
    on: dt.date, functions: Iterable[str] = (), educated: dt.date | None = EDUCATED
) -> tuple[int, Fraction, Fraction]:
    e = entitlement(elected=ELECTED, on=on, grunduddannelse=educated, functions=functions)
    return e.function_year, e.days, e.statutory_days


def test_function_years_turn_on_the_anniversary() -> None:
    assert function_year(ELECTED, dt.date(2022, 2, 28)) == 0
    assert function_year(ELECTED, ELECTED) == 1
    assert function_year(ELECTED, dt.date(2023, 2, 28)) == 1
    assert function_year(ELECTED, dt.date(2023, 3, 1)) == 2
    assert function_year(dt.date(2024, 2, 29), dt.date(2025, 2, 28)) == 2


def test_no_day_in_the_first_year_one_from_the_second() -> None:
    assert days(dt.date(2023, 2, 28)) == (1, 0, 0)
    assert days(dt.date(2023, 3, 1)) == (2, 1, 0)
    assert days(dt.date(2030, 3, 1)) == (9, 1, 0)


def test_no_day_before_the_grunduddannelse_is_completed() -> None:
    late = dt.date(2024, 6, 1)
    assert days(dt.date(2024, 5, 31), educated=late) == (3, 0, 0)
    assert days(dt.date(2024, 6, 1), educated=late) == (3, 1, 0)
    assert days(dt.date(2026, 6, 1), educated=None) == (5, 0, 0)


def test_both_functions_give_two_days_in_years_two_to_four_then_one() -> None:
    assert days(dt.date(2023, 2, 28), BOTH) == (1, 0, 0)
    assert days(dt.date(2023, 3, 1), BOTH) == (2, 2, 0)
    assert days(dt.date(2026, 2, 28), BOTH) == (4, 2, 0)
    assert days(dt.date(2026, 3, 1), BOTH) == (5, 1, 0)


def test_one_function_alone_gives_one_day() -> None:
    assert days(dt.date(2024, 3, 1), {ARBEJDSMILJOE}) == (3, 1, 0)
    assert days(dt.date(2024, 3, 1), {SAMARBEJDE}) == (3, 1, 0)


def test_amr_statutory_days_two_in_the_first_year_then_one_and_a_half() -> None:
    assert days(ELECTED, {AMR}, educated=None) == (1, 0, 2)
    assert days(dt.date(2023, 2, 28), {AMR}, educated=None) == (1, 0, 2)
    assert days(dt.date(2023, 3, 1), {AMR}, educated=None) == (2, 0, Fraction(3, 2))


def test_before_the_election_nothing() -> None:
    assert days(dt.date(2022, 2, 28), BOTH | {AMR}) == (0, 0, 0)


def test_the_ledger_counts_use_and_lapses_what_is_left_of_a_past_year() -> None:
    lines = ledger(
        elected=ELECTED,
        today=dt.date(2024, 6, 1),
        grunduddannelse=EDUCATED,
        functions=BOTH,
        usages=[Usage(dt.date(2023, 5, 1), Fraction(1)), Usage(dt.date(2024, 4, 1), Fraction(1))],
    )
    assert [(ln.function_year, ln.days, ln.used, ln.balance, ln.lapsed) for ln in lines] == [
        (1, 0, 0, 0, 0),
        (2, 2, 1, 1, 1),
        (3, 2, 1, 1, 0),
    ]


def test_unknown_functions_are_named() -> None:
    with pytest.raises(RulesError, match="'sikkerhed'"):
        parse_functions("arbejdsmiljø,sikkerhed")
    assert parse_functions(" Arbejdsmiljø , samarbejde ,") == frozenset(BOTH)


def test_rules_survive_their_data_and_bad_data_names_the_field() -> None:
    assert KlippekortRules.from_data(DEFAULT_RULES.to_data()) == DEFAULT_RULES
    bad = DEFAULT_RULES.to_data()
    bad["bands"] = [{"first_year": 2, "last_year": 1, "days": "1"}]
    with pytest.raises(RulesError, match=r"^bands\[1\]: last_year"):
        KlippekortRules.from_data(bad)
    bad["bands"] = [{"first_year": 2, "days": "-1"}]
    with pytest.raises(RulesError, match=r"^bands\[1\]: days"):
        KlippekortRules.from_data(bad)


dates = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2060, 12, 31))
function_sets = st.frozensets(st.sampled_from([ARBEJDSMILJOE, SAMARBEJDE, AMR]))


@given(dates, dates, st.one_of(st.none(), dates), function_sets)
def test_entitlements_are_never_negative(
    elected: dt.date, on: dt.date, educated: dt.date | None, functions: frozenset[str]
) -> None:
    e = entitlement(elected=elected, on=on, grunduddannelse=educated, functions=functions)
    assert e.days >= 0 and e.statutory_days >= 0 and e.function_year >= 0


@given(dates, st.integers(0, 30))
def test_the_function_year_grows_by_one_each_anniversary(elected: dt.date, years: int) -> None:
    from medref.planning.rules.klippekort import anniversary

    on = anniversary(elected, years)
    assert function_year(elected, on) == years + 1
    assert function_year(elected, on - dt.timedelta(days=1)) == years


@given(dates, st.lists(st.tuples(dates, st.integers(0, 3)), max_size=10), function_sets)
def test_lapsed_days_are_never_negative(
    elected: dt.date, used: list[tuple[dt.date, int]], functions: frozenset[str]
) -> None:
    lines = ledger(
        elected=elected,
        today=dt.date(2061, 1, 1),
        grunduddannelse=elected,
        functions=functions,
        usages=[Usage(d, Fraction(n)) for d, n in used],
    )
    assert all(line.lapsed >= 0 and line.days >= 0 for line in lines)
