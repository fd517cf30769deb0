"""Årshjul theme rules (medref.planning.rules.themes)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from medref.planning.rules.themes import Recurrence, RuleError, ThemeRule, due_at, schedule

MEETINGS_2026 = [
    dt.date(2026, 1, 15),
    dt.date(2026, 3, 12),
    dt.date(2026, 5, 7),
    dt.date(2026, 6, 18),
    dt.date(2026, 9, 10),
    dt.date(2026, 11, 5),
    dt.date(2026, 12, 10),
]


def test_every_meeting_gets_the_theme() -> None:
    assert schedule(ThemeRule(Recurrence.EVERY_MEETING), MEETINGS_2026) == MEETINGS_2026


def test_quarterly_is_the_first_meeting_of_each_quarter() -> None:
    assert schedule(ThemeRule(Recurrence.QUARTERLY), MEETINGS_2026) == [
        dt.date(2026, 1, 15),
        dt.date(2026, 5, 7),
        dt.date(2026, 9, 10),
        dt.date(2026, 11, 5),
    ]


def test_given_quarters_are_the_first_meeting_of_those_quarters() -> None:
    rule = ThemeRule(Recurrence.QUARTERS, quarters=frozenset({2, 4}))
    assert schedule(rule, MEETINGS_2026) == [dt.date(2026, 5, 7), dt.date(2026, 11, 5)]
    assert rule.describe() == "2. og 4. kvartal"


def test_a_given_month_without_a_meeting_gets_nothing() -> None:
    assert schedule(ThemeRule(Recurrence.MONTH, month=6), MEETINGS_2026) == [dt.date(2026, 6, 18)]
    assert schedule(ThemeRule(Recurrence.MONTH, month=8), MEETINGS_2026) == []


def test_yearly_falls_on_the_first_meeting_from_its_month() -> None:
    assert schedule(ThemeRule(Recurrence.YEARLY, month=8), MEETINGS_2026) == [dt.date(2026, 9, 10)]


def test_every_three_years_counts_from_the_first_year() -> None:
    rule = ThemeRule(Recurrence.EVERY_N_YEARS, every_years=3, first_year=2023, month=3)
    meetings = [dt.date(y, 3, 1) for y in range(2023, 2031)]
    assert schedule(rule, meetings) == [
        dt.date(2023, 3, 1),
        dt.date(2026, 3, 1),
        dt.date(2029, 3, 1),
    ]


def test_due_at_asks_about_one_meeting() -> None:
    rule = ThemeRule(Recurrence.QUARTERLY)
    assert due_at(rule, dt.date(2026, 1, 15), MEETINGS_2026)
    assert not due_at(rule, dt.date(2026, 3, 12), MEETINGS_2026)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"recurrence": "sometimes"}, "recurrence"),
        ({"recurrence": "quarters", "quarters": [5]}, "quarters"),
        ({"recurrence": "month", "month": 13}, "month"),
        ({"recurrence": "every_n_years", "every_years": 0}, "every_years"),
        ({"recurrence": "month", "month": "maj"}, "month"),
    ],
)
def test_bad_rules_name_their_field(data: dict[str, object], field: str) -> None:
    with pytest.raises(RuleError, match=f"^{field}:"):
        ThemeRule.from_data(data)


rules = st.one_of(
    st.just(ThemeRule(Recurrence.EVERY_MEETING)),
    st.just(ThemeRule(Recurrence.QUARTERLY)),
    st.frozensets(st.integers(1, 4), min_size=1).map(
        lambda q: ThemeRule(Recurrence.QUARTERS, quarters=q)
    ),
    st.integers(1, 12).map(lambda m: ThemeRule(Recurrence.MONTH, month=m)),
    st.integers(1, 12).map(lambda m: ThemeRule(Recurrence.YEARLY, month=m)),
    st.builds(
        lambda n, y, m: ThemeRule(Recurrence.EVERY_N_YEARS, every_years=n, first_year=y, month=m),
        st.integers(1, 5),
        st.integers(2000, 2030),
        st.integers(1, 12),
    ),
)
meeting_lists = st.lists(
    st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2035, 12, 31)), max_size=40
)


@given(rules, meeting_lists)
def test_a_theme_rule_never_proposes_a_theme_twice_in_its_period(
    rule: ThemeRule, meetings: list[dt.date]
) -> None:
    periods = [rule.period(day) for day in schedule(rule, meetings)]
    assert len(periods) == len(set(periods))


@given(rules, meeting_lists)
def test_a_schedule_is_a_sorted_subset_of_the_meetings(
    rule: ThemeRule, meetings: list[dt.date]
) -> None:
    picked = schedule(rule, meetings)
    assert picked == sorted(picked) and set(picked) <= set(meetings)


@given(rules)
def test_rules_survive_their_data(rule: ThemeRule) -> None:
    assert ThemeRule.from_data(rule.to_data()) == rule


@given(st.frozensets(st.integers(1, 4), min_size=1), meeting_lists)
def test_given_quarters_pick_a_meeting_in_each_given_quarter_that_has_one(
    quarters: frozenset[int], meetings: list[dt.date]
) -> None:
    picked = schedule(ThemeRule(Recurrence.QUARTERS, quarters=quarters), meetings)
    wanted = {
        (d.year, (d.month - 1) // 3 + 1) for d in meetings if (d.month - 1) // 3 + 1 in quarters
    }
    assert {(d.year, (d.month - 1) // 3 + 1) for d in picked} == wanted
