"""Properties of the metrics on generated facts (hypothesis, no database)."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from medref.absence.metrics.model import Absence, Employment, Settings, Unit
from medref.absence.metrics.periods import parse_period
from medref.absence.metrics.privacy import ROOT, fold
from medref.absence.metrics.report import build_report, committee_scope, to_json

from .facts import ledger

START = dt.date(2024, 1, 1)
SPAN = 600  # days of facts


@st.composite
def facts(draw):
    """A unit tree of 1..8 units under one committee, and employees with
    non-overlapping employments and sickness spells."""
    count = draw(st.integers(1, 8))
    units = [Unit("u0", "Enhed 0", "", "Udvalget")]
    for i in range(1, count):
        parent = draw(st.integers(0, i - 1))
        units.append(Unit(f"u{i}", f"Enhed {i}", f"u{parent}"))
    jobs: list[Employment] = []
    spells: list[Absence] = []
    for e in range(draw(st.integers(0, 25))):
        day = draw(st.integers(0, 200))
        for _ in range(draw(st.integers(1, 3))):
            length = draw(st.integers(1, 400))
            end = day + length - 1
            ongoing = end >= SPAN and draw(st.booleans())
            jobs.append(
                Employment(
                    f"emp{e}",
                    f"u{draw(st.integers(0, count - 1))}",
                    START + dt.timedelta(days=day),
                    None if ongoing else START + dt.timedelta(days=end),
                    draw(st.sampled_from([37.0, 29.6, 18.5, 32.0])),
                )
            )
            if ongoing:
                break
            day = end + 1 + draw(st.integers(0, 30))
        day = draw(st.integers(0, 60))
        while day < SPAN:
            length = draw(st.integers(1, 20))
            partial = draw(st.sampled_from([None, None, None, 3.7]))
            kind = draw(st.sampled_from(["egen sygdom", "1100", "1300", "barns sygdom"]))
            spells.append(
                Absence(
                    f"emp{e}",
                    START + dt.timedelta(days=day),
                    START + dt.timedelta(days=day + length - 1),
                    kind,
                    partial,
                )
            )
            day += length + draw(st.integers(0, 60))
    return units, jobs, spells


def _sum(rows, key):
    return sum(getattr(r, key) for r in rows)


PERIODS = ["2024", "2024Q3", "R4Q:2025Q2", "2024-02-10..2024-11-03"]


@settings(max_examples=60, deadline=None)
@given(facts(), st.sampled_from(PERIODS))
def test_splitting_a_period_into_months_never_changes_the_totals(data, text):
    units, jobs, spells = data
    unit_ids, book = ledger(units, jobs, spells)
    period = parse_period(text)
    codes = list(range(len(unit_ids)))
    whole = book.figures(codes, period)
    parts = [book.figures(codes, m) for m in period.months()]
    assert whole.short_days == pytest.approx(_sum(parts, "short_days"))
    assert whole.long_days == pytest.approx(_sum(parts, "long_days"))
    assert whole.possible == pytest.approx(_sum(parts, "possible"))
    fte_days = sum(p.fte * m.days for p, m in zip(parts, period.months(), strict=True))
    assert whole.fte * period.days == pytest.approx(fte_days)


@settings(max_examples=60, deadline=None)
@given(facts(), st.sampled_from(PERIODS), st.integers(1, 30))
def test_short_plus_long_is_all_whatever_the_limit(data, text, limit):
    units, jobs, spells = data
    period = parse_period(text)
    _, plain = ledger(units, jobs, spells)
    _, other = ledger(units, jobs, spells, Settings(short_max_days=limit))
    everything = range(len(units))
    a, b = plain.figures(everything, period), other.figures(everything, period)
    assert a.short_days + a.long_days == pytest.approx(b.short_days + b.long_days)
    assert a.absence_days == pytest.approx(a.short_days + a.long_days)


@settings(max_examples=80, deadline=None)
@given(facts(), st.sampled_from(PERIODS), st.integers(1, 6))
def test_rows_partition_the_scope_and_none_is_under_the_threshold(data, text, threshold):
    units, jobs, spells = data
    unit_ids, book = ledger(units, jobs, spells, Settings(min_employees=threshold))
    scope = committee_scope(units, "Udvalget")
    report = build_report(book, unit_ids, {u.unit_id: u for u in units}, scope,
                          parse_period(text))  # fmt: skip
    if report.figures is None:
        assert report.units == () and report.months == ()
        return
    covered = [u for row in report.units for u in ((row.unit or ROOT, *row.folded))]
    covered = [u for u in covered if u != ROOT]
    assert sorted(covered) == sorted(scope.units)  # each unit in exactly one row
    for row in report.units:
        assert row.figures.employees == 0 or row.figures.employees >= threshold
    assert report.figures.employees >= threshold
    assert _sum([r.figures for r in report.units], "short_days") == pytest.approx(
        report.figures.short_days
    )
    assert _sum([r.figures for r in report.units], "fte") == pytest.approx(report.figures.fte)
    for month in report.months + report.rolling:
        assert month.figures is None or month.figures.employees >= threshold


@settings(max_examples=40, deadline=None)
@given(facts(), st.sampled_from(PERIODS), st.randoms(use_true_random=False))
def test_a_permutation_of_the_input_rows_changes_nothing(data, text, rnd: random.Random):
    units, jobs, spells = data
    period = parse_period(text)

    def report(u, j, s):
        unit_ids, book = ledger(u, j, s)
        scope = committee_scope(u, "Udvalget")
        return to_json(build_report(book, unit_ids, {x.unit_id: x for x in u}, scope, period))

    shuffled = [list(x) for x in (units, jobs, spells)]
    for rows in shuffled:
        rnd.shuffle(rows)
    a, b = report(units, jobs, spells), report(*shuffled)
    assert a.keys() == b.keys()
    for key in a:
        if isinstance(a[key], float):
            assert a[key] == pytest.approx(b[key]), key
    assert [(r["unit"], r["folded"], r["employees"]) for r in a["units"]] == [
        (r["unit"], r["folded"], r["employees"]) for r in b["units"]
    ]


@given(
    st.dictionaries(
        st.sampled_from([f"u{i}" for i in range(10)]),
        st.frozensets(st.integers(0, 40), max_size=12),
        min_size=1,
    ),
    st.integers(1, 7),
    st.randoms(use_true_random=False),
)
def test_folding_partitions_and_respects_the_threshold(members, threshold, rnd):
    names = sorted(members)
    parents = {u: (rnd.choice(names[:i]) if i else "") for i, u in enumerate(names)}
    rows = fold(parents, members, threshold)
    units = [u for row in rows for u in row.units]
    assert sorted(units) == names
    total = len(frozenset().union(*members.values()))
    for row in rows:
        people = frozenset().union(*(members[u] for u in row.units))
        assert row.employees == len(people)
        assert row.employees == 0 or row.employees >= threshold or total < threshold
