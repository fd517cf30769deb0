"""Hand-computed cases for every definition of issue 18 (no database)."""

from __future__ import annotations

import datetime as dt

import pytest

from medref.absence.metrics.calendar import WorkCalendar
from medref.absence.metrics.model import DataError, Settings, Target, Unit
from medref.absence.metrics.periods import Kind, PeriodError, parse_period
from medref.absence.metrics.report import build_report, committee_scope, to_json
from medref.absence.metrics.text import draft, number, percent

from .facts import UNITS, D, figures, job, ledger, sick

# --- working days -----------------------------------------------------------


def test_store_bededag_is_a_holiday_until_2023_only():
    calendar = WorkCalendar()
    assert not calendar.is_working_day(D(2023, 5, 5))  # store bededag 2023
    assert calendar.is_working_day(D(2024, 4, 26))  # where it would have been in 2024


def test_grundlovsdag_christmas_eve_and_new_years_eve_are_days_off_by_setting():
    calendar = WorkCalendar()
    for day in (D(2025, 6, 5), D(2025, 12, 24), D(2025, 12, 31)):
        assert not calendar.is_working_day(day)
        assert WorkCalendar(days_off=()).is_working_day(day)


def test_working_days_of_april_2025_leave_out_weekends_and_easter():
    days = WorkCalendar().working_days(D(2025, 4, 1), D(2025, 4, 30))
    # 22 weekdays less skærtorsdag, langfredag and 2. påskedag
    assert int(days.sum()) == 19
    assert not days[16] and not days[17] and not days[20]  # 17, 18 and 21 April


# --- periods ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "first", "last", "previous"),
    [
        ("2025-07", D(2025, 7, 1), D(2025, 7, 31), "2025-06"),
        ("2025-01", D(2025, 1, 1), D(2025, 1, 31), "2024-12"),
        ("2025Q3", D(2025, 7, 1), D(2025, 9, 30), "2025Q2"),
        ("2025Q1", D(2025, 1, 1), D(2025, 3, 31), "2024Q4"),
        ("2025", D(2025, 1, 1), D(2025, 12, 31), "2024"),
        ("R4Q:2025Q3", D(2024, 10, 1), D(2025, 9, 30), "R4Q:2025Q2"),
        ("R4Q:2025Q1", D(2024, 4, 1), D(2025, 3, 31), "R4Q:2024Q4"),
        ("2025-01-01..2025-06-30", D(2025, 1, 1), D(2025, 6, 30), "2024-07-01..2024-12-31"),
        ("2025-01-10..2025-01-19", D(2025, 1, 10), D(2025, 1, 19), "2024-12-31..2025-01-09"),
    ],
)
def test_periods_and_their_previous(text, first, last, previous):
    period = parse_period(text)
    assert (period.first, period.last) == (first, last)
    assert period.previous() == parse_period(previous)


def test_a_bad_period_names_the_forms_understood():
    with pytest.raises(PeriodError, match="R4Q:2025Q3"):
        parse_period("Q3 2025")
    with pytest.raises(PeriodError):
        parse_period("2025-13")


def test_rolling_periods_are_twelve_months_and_quarters_are_not():
    assert parse_period("R4Q:2025Q3").is_twelve_months
    assert parse_period("2024-06-01..2025-05-31").is_twelve_months
    assert not parse_period("2025Q3").is_twelve_months
    assert parse_period("R4Q:2025Q3").kind is Kind.ROLLING


# --- fraværsdagsværk, short and long -----------------------------------------


def test_a_spell_across_the_period_start_counts_only_its_days_inside_but_is_classed_whole():
    # Thu 27 March .. Wed 2 April 2025: 7 calendar days, short.
    spell = [sick(D(2025, 3, 27), D(2025, 4, 2))]
    april = figures(UNITS, [job()], spell, "2025-04")
    assert (april.short_days, april.long_days) == (2.0, 0.0)
    assert figures(UNITS, [job()], spell, "2025-03").short_days == 3.0
    # One day more (8 calendar days) makes the whole period long, in April too.
    longer = [sick(D(2025, 3, 27), D(2025, 4, 3))]
    april = figures(UNITS, [job()], longer, "2025-04")
    assert (april.short_days, april.long_days) == (0.0, 3.0)


def test_a_spell_over_christmas_and_new_year_counts_working_days_only():
    # Mon 22 Dec 2025 .. Fri 2 Jan 2026: 22, 23, 29, 30 Dec and 2 Jan (24/31 off,
    # 25/26 Dec and 1 Jan holidays); 12 calendar days, long.
    spell = [sick(D(2025, 12, 22), D(2026, 1, 2))]
    assert figures(UNITS, [job()], spell, "2025-12").long_days == 4.0
    january = figures(UNITS, [job()], spell, "2026-01")
    assert (january.short_days, january.long_days) == (0.0, 1.0)


def test_friday_and_monday_spells_merge_into_one_long_period():
    # Mon 3 .. Fri 7 March and Mon 10 .. Wed 12 March: one period of 10 days.
    spells = [sick(D(2025, 3, 3), D(2025, 3, 7)), sick(D(2025, 3, 10), D(2025, 3, 12))]
    march = figures(UNITS, [job()], spells, "2025-03")
    assert (march.short_days, march.long_days) == (0.0, 8.0)


def test_spells_with_a_working_day_between_stay_apart():
    spells = [sick(D(2025, 3, 3), D(2025, 3, 7)), sick(D(2025, 3, 11), D(2025, 3, 12))]
    march = figures(UNITS, [job()], spells, "2025-03")
    assert (march.short_days, march.long_days) == (7.0, 0.0)


def test_spells_separated_by_easter_merge():
    # Mon 14 .. Wed 16 April and Tue 22 .. Wed 23 April 2025: only holidays and a weekend between.
    spells = [sick(D(2025, 4, 14), D(2025, 4, 16)), sick(D(2025, 4, 22), D(2025, 4, 23))]
    april = figures(UNITS, [job()], spells, "2025-04")
    assert (april.short_days, april.long_days) == (0.0, 5.0)


def test_a_friday_and_the_next_monday_form_one_short_period():
    spells = [sick(D(2025, 3, 14), D(2025, 3, 14)), sick(D(2025, 3, 17), D(2025, 3, 17))]
    march = figures(UNITS, [job()], spells, "2025-03")
    assert (march.short_days, march.long_days) == (2.0, 0.0)


def test_partial_days_count_their_hours_over_7_4():
    spell = [sick(D(2025, 3, 3), D(2025, 3, 7), hours=3.7, type="delvis sygemelding")]
    assert figures(UNITS, [job()], spell, "2025-03").short_days == pytest.approx(2.5)


def test_a_part_timer_s_full_day_counts_their_fraction():
    spell = [sick(D(2025, 3, 3), D(2025, 3, 4))]
    march = figures(UNITS, [job(hours=18.5)], spell, "2025-03")
    assert march.short_days == pytest.approx(1.0)


def test_a_unit_change_and_an_hours_change_inside_one_spell():
    jobs = [
        job(unit="A", end=D(2025, 3, 5), hours=37),
        job(unit="B", start=D(2025, 3, 6), hours=29.6),
    ]
    spell = [sick(D(2025, 3, 3), D(2025, 3, 14))]  # 12 days: long
    a = figures(UNITS, jobs, spell, "2025-03", only=["A"])
    b = figures(UNITS, jobs, spell, "2025-03", only=["B"])
    assert (a.short_days, a.long_days) == (0.0, 3.0)  # 3, 4, 5 March at 1.0
    assert b.long_days == pytest.approx(5.6)  # 6, 7, 10..14 March at 0.8
    assert (a.employees, b.employees) == (1, 1)


def test_a_day_no_employment_covers_does_not_count():
    spell = [sick(D(2025, 3, 3), D(2025, 3, 7))]
    march = figures(UNITS, [job(start=D(2025, 3, 6))], spell, "2025-03")
    assert march.absence_days == 2.0  # 6 and 7 March


def test_overlapping_employments_are_refused():
    jobs = [job(end=D(2025, 3, 31)), job(unit="B", start=D(2025, 3, 31))]
    with pytest.raises(DataError, match="overlap on 2025-03-31"):
        ledger(UNITS, jobs, [])


def test_only_sickness_types_count_by_name_or_code():
    spells = [
        sick(D(2025, 3, 3), D(2025, 3, 3), type="1100"),
        sick(D(2025, 3, 4), D(2025, 3, 4), type="Arbejdsskade"),
        sick(D(2025, 3, 10), D(2025, 3, 10), type="1200"),  # barns sygdom
        sick(D(2025, 3, 11), D(2025, 3, 11), type="barsel"),
    ]
    assert figures(UNITS, [job()], spells, "2025-03").absence_days == 2.0
    everything = Settings(sickness_types=frozenset({"egen sygdom", "barns sygdom"}))
    assert figures(UNITS, [job()], spells, "2025-03", settings=everything).absence_days == 2.0


def test_the_long_limit_is_a_setting():
    spell = [sick(D(2025, 3, 3), D(2025, 3, 7))]  # 5 days
    strict = Settings(short_max_days=3)
    assert figures(UNITS, [job()], spell, "2025-03", settings=strict).long_days == 5.0


# --- FTE, possible dagsværk, ratios --------------------------------------------


def test_fte_and_possible_dagsvaerk_in_april_2025():
    jobs = [job("e1"), job("e2", start=D(2025, 4, 16), hours=18.5)]
    april = figures(UNITS, jobs, [], "2025-04")
    assert april.fte == pytest.approx((30 * 1 + 15 * 0.5) / 30)
    # 19 working days in April; 8 of them from the 16th.
    assert april.possible == pytest.approx(19 + 8 * 0.5)
    assert april.employees == 2


def test_days_per_fte_absence_rate_and_long_share():
    jobs = [job("e1"), job("e2", start=D(2025, 4, 16), hours=18.5)]
    spells = [
        sick(D(2025, 4, 1), D(2025, 4, 2)),  # 2 short
        sick(D(2025, 4, 22), D(2025, 4, 30), employee="e2"),  # 9 days, long: 7 × 0.5
    ]
    april = figures(UNITS, jobs, spells, "2025-04")
    assert (april.short_days, april.long_days) == (2.0, 3.5)
    assert april.days_per_fte == pytest.approx(5.5 / 1.25)
    assert april.absence_rate == pytest.approx(5.5 / 23 * 100)
    assert april.long_share == pytest.approx(3.5 / 5.5)


# --- report: target, trend, privacy -------------------------------------------


def _staff(unit: str, count: int, prefix: str) -> list:
    return [job(f"{prefix}{i}", unit=unit, start=D(2023, 1, 1)) for i in range(count)]


def test_report_target_trend_and_folding():
    units = [
        Unit("41", "Økonomi & Stab", "", "AfdelingsMED Økonomi & Stab"),
        Unit("4120", "HR & Løn", "41"),
        Unit("4121", "Lønservice", "4120"),  # 3 people: folded into HR & Løn
        Unit("4130", "Regnskab", "41"),
    ]
    jobs = _staff("41", 5, "a") + _staff("4120", 6, "h") + _staff("4121", 3, "l")
    jobs += _staff("4130", 5, "r")
    spells = [
        sick(D(2024, 11, 4), D(2024, 11, 8), "h0"),  # 5 short days in R4Q:2025Q3
        sick(D(2024, 3, 4), D(2024, 3, 15), "r0"),  # 10 long days in R4Q:2025Q2 only
    ]
    unit_ids, book = ledger(units, jobs, spells)
    scope = committee_scope(units, "afdelingsmed økonomi & stab")
    targets = [Target("AfdelingsMED Økonomi & Stab", 2025, 5.0)]
    report = build_report(book, unit_ids, {u.unit_id: u for u in units}, scope,
                          parse_period("R4Q:2025Q3"), targets)  # fmt: skip
    data = to_json(report)
    assert data["employees"] == 19
    assert data["fte"] == pytest.approx(19.0)
    assert data["absence_days"] == 5.0
    assert data["days_per_fte"] == pytest.approx(5 / 19)
    assert data["target"] == 5.0 and data["target_met"] is True
    assert data["previous"]["from"] == "2024-07-01"
    # R4Q:2025Q2 = 2024-07-01..2025-06-30 holds the November spell too; March 2024 is before it.
    assert data["previous"]["days_per_fte"] == pytest.approx(5 / 19)
    assert data["trend"] == pytest.approx(0.0)
    rows = {row["unit"]: row for row in data["units"]}
    assert rows["4120"]["folded"] == ["4121"] and rows["4120"]["employees"] == 9
    assert "4121" not in rows
    assert sorted(rows) == ["41", "4120", "4130"]
    assert [m["month"] for m in data["months"]][:2] == ["2024-10", "2024-11"]
    assert data["months"][1]["short_days"] == 5.0
    assert "h0" not in str(data)


def test_a_scope_under_the_threshold_is_withheld_whole():
    units = [Unit("9", "Lille enhed", "", "Lille MED")]
    unit_ids, book = ledger(units, _staff("9", 4, "x"), [sick(D(2025, 3, 3), D(2025, 3, 3), "x0")])
    scope = committee_scope(units, "Lille MED")
    report = build_report(book, unit_ids, {"9": units[0]}, scope, parse_period("2025"))
    data = to_json(report)
    assert data["withheld"] is True
    assert data["employees"] is None and data["units"] == [] and data["months"] == []


# --- Danish text ------------------------------------------------------------


def test_numbers_have_one_decimal_and_a_decimal_comma():
    assert number(8.06) == "8,1"
    assert number(1234.56) == "1.234,6"
    assert number(None) == "–"
    assert percent(0.4321) == "43 pct."


def test_the_drafted_sagsfremstilling_reads_like_the_committee_s():
    units = [Unit("41", "Økonomi & Stab", "", "AfdelingsMED Økonomi & Stab")]
    jobs = _staff("41", 10, "p")
    spells = [
        sick(D(2024, 7, 1), D(2024, 7, 19), "p1"),  # 15 long days, only in the previous period
        sick(D(2024, 11, 4), D(2024, 11, 8), "p2"),  # 5 short
        sick(D(2025, 2, 3), D(2025, 2, 14), "p3"),  # 10 long
    ]
    unit_ids, book = ledger(units, jobs, spells)
    scope = committee_scope(units, "AfdelingsMED Økonomi & Stab")
    report = build_report(book, unit_ids, {"41": units[0]}, scope, parse_period("R4Q:2025Q3"),
                          [Target("AfdelingsMED Økonomi & Stab", 2025, 5.0)])  # fmt: skip
    assert draft(report) == (
        "Sygefraværet opgøres rullende for de seneste fire kvartaler. "
        "Orienteringen her omhandler perioden 4. kvartal 2024 til 3. kvartal 2025. "
        "Sygefraværet er opgjort til 1,5 dage pr. medarbejder i gennemsnit, et fald på 1,5 dage "
        "i forhold til opgørelsen fra 2. kvartal 2025 (3,0 dage). "
        "Langtidssygefraværet udgør 67 pct. af det samlede sygefravær. "
        "Måltallet er 5,0 fraværsdage pr. medarbejder, og det er nået."
    )


def test_dates_are_plain_dates():
    assert isinstance(D(2025, 1, 1), dt.date)
