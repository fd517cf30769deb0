"""What a person reads of a report: numbers with one decimal and a decimal comma,
the charts as SVG, the rows per unit. Shared by the page and the PDF bilag."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils.safestring import SafeString, mark_safe

from .metrics import charts
from .metrics.periods import Period, describe, month, quarter, rolling, year
from .metrics.report import Report
from .metrics.text import draft, number, percent


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


def period_choices(today: dt.date) -> list[Choice]:
    """Rolling four quarters, quarters and years ending before ``today``, newest first."""
    q = (today.month - 1) // 3 + 1
    y, q = (today.year - 1, 4) if q == 1 else (today.year, q - 1)
    result = []
    for _ in range(8):
        result.append(
            Choice(rolling(y, q).label, "Rullende 4 kvartaler: " + describe(rolling(y, q)))
        )
        y, q = (y - 1, 4) if q == 1 else (y, q - 1)
    q = (today.month - 1) // 3 + 1
    y, q = (today.year - 1, 4) if q == 1 else (today.year, q - 1)
    for _ in range(8):
        result.append(Choice(quarter(y, q).label, describe(quarter(y, q)).capitalize()))
        y, q = (y - 1, 4) if q == 1 else (y, q - 1)
    for back in range(1, 4):
        result.append(
            Choice(year(today.year - back).label, describe(year(today.year - back)).capitalize())
        )
    first = month(today).first
    for _ in range(12):
        first = month(first - dt.timedelta(days=1)).first
        result.append(Choice(month(first).label, describe(month(first)).capitalize()))
    return result


def default_period(today: dt.date) -> Period:
    q = (today.month - 1) // 3 + 1
    return rolling(*((today.year - 1, 4) if q == 1 else (today.year, q - 1)))


def present(report: Report) -> dict[str, Any]:
    """The template context of one report (strings for people, never an employee key)."""
    f = report.figures
    context: dict[str, Any] = {
        "scope": report.scope.name,
        "period_text": describe(report.period),
        "period_range": f"{report.period.first:%d.%m.%Y} – {report.period.last:%d.%m.%Y}",
        "withheld": f is None,
        "draft": draft(report),
    }
    if f is None:
        return context
    target, met = report.target, report.target_met
    trend = report.trend
    context.update(
        {
            "days_per_fte": number(f.days_per_fte),
            "target": number(target) if target is not None else None,
            "target_met": met,
            "target_gap": number(abs(f.days_per_fte - target))
            if target is not None and f.days_per_fte is not None
            else None,
            "over_target": target is not None
            and f.days_per_fte is not None
            and f.days_per_fte > target,
            "trend": None
            if trend is None
            else ("+" if trend > 0 else "−" if trend < 0 else "±") + number(abs(trend)),
            "trend_word": None
            if trend is None
            else ("fald" if trend < 0 else "stigning" if trend > 0 else "uændret"),
            "previous_text": describe(report.previous),
            "previous_value": number(report.previous_figures.days_per_fte)
            if report.previous_figures
            else None,
            "long_share": percent(f.long_share),
            "absence_rate": number(f.absence_rate, 1),
            "employees": f.employees,
            "fte": number(f.fte),
            "absence_days": number(f.absence_days),
            "short_days": number(f.short_days),
            "long_days": number(f.long_days),
            "units": [
                {
                    "unit": row.unit,
                    "name": row.name,
                    "folded": len(row.folded),
                    "employees": row.figures.employees if row.figures.employees else "–",
                    "fte": number(row.figures.fte) if row.figures.employees else "–",
                    "absence_days": number(row.figures.absence_days)
                    if row.figures.employees
                    else "–",
                    "days_per_fte": number(row.figures.days_per_fte),
                    "absence_rate": number(row.figures.absence_rate),
                    "long_share": percent(row.figures.long_share),
                }
                for row in report.units
            ],
            "months": [
                {
                    "label": describe(m.period).capitalize(),
                    "short": number(m.figures.short_days) if m.figures else "–",
                    "long": number(m.figures.long_days) if m.figures else "–",
                }
                for m in report.months
            ],
            "rolling": [
                {
                    "label": describe(m.period).capitalize(),
                    "value": number(m.figures.days_per_fte) if m.figures else "–",
                }
                for m in report.rolling
            ],
            "bars_svg": _safe(
                charts.monthly_bars(
                    [
                        (
                            m.period.label,
                            m.figures.short_days if m.figures else None,
                            m.figures.long_days if m.figures else None,
                        )
                        for m in report.months
                    ]
                )
            ),
            "line_svg": _safe(
                charts.rolling_line(
                    [
                        (m.period.label, m.figures.days_per_fte if m.figures else None)
                        for m in report.rolling
                    ],
                    target,
                )
            ),
        }
    )
    return context


def _safe(svg: str) -> SafeString:
    # The SVG is built from numbers and escaped labels only (metrics/charts.py).
    return mark_safe(svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1))
