"""One report: a scope's figures for a period, its rows per unit, months and rolling line.

Every number is unrounded; ``to_json`` gives the CLI's contract (docs/absence.md).
Nothing is reported for fewer than ``Settings.min_employees`` distinct employees:
a scope that small is withheld whole, a month or a previous period that small
has no figures, and units that small are folded (``privacy.fold``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .engine import Figures, Ledger
from .model import Target, Unit
from .periods import Period, add_months, date_range, month
from .privacy import ROOT, fold, shown


@dataclass(frozen=True)
class Scope:
    """The units a report covers: a committee's, or a unit and everything below it."""

    name: str
    target_key: str  # where its måltal is filed: the committee's name or the unit id
    root: str  # the root unit, or privacy.ROOT for a committee
    units: tuple[str, ...]


class ScopeError(ValueError):
    """A committee or unit the units do not know."""


def _children(units: Sequence[Unit]) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    for unit in units:
        result.setdefault(unit.parent_id, []).append(unit.unit_id)
    return result


def _below(tops: Sequence[str], units: Sequence[Unit]) -> tuple[str, ...]:
    children = _children(units)
    seen: list[str] = []
    stack = list(reversed(tops))
    done: set[str] = set()
    while stack:
        unit = stack.pop()
        if unit in done:
            continue
        done.add(unit)
        seen.append(unit)
        stack.extend(reversed(children.get(unit, [])))
    return tuple(seen)


def committee_scope(units: Sequence[Unit], committee: str) -> Scope:
    """The units that name ``committee`` (case and spacing ignored) and everything below them."""
    wanted = " ".join(committee.split()).casefold()
    tops = [u.unit_id for u in units if " ".join(u.committee.split()).casefold() == wanted]
    if not tops:
        raise ScopeError(f"no unit belongs to the committee {committee!r}")
    return Scope(committee, committee, ROOT, _below(tops, units))


def unit_scope(units: Sequence[Unit], unit_id: str) -> Scope:
    names = {u.unit_id: u.name for u in units}
    if unit_id not in names:
        raise ScopeError(f"no unit has the id {unit_id!r}")
    return Scope(names[unit_id], unit_id, unit_id, _below([unit_id], units))


@dataclass(frozen=True)
class UnitRow:
    unit: str | None  # None: the committee's own row (units without a shown parent)
    name: str
    folded: tuple[str, ...]
    figures: Figures


@dataclass(frozen=True)
class MonthRow:
    period: Period
    figures: Figures | None  # None: fewer than the threshold employed


@dataclass(frozen=True)
class Report:
    scope: Scope
    period: Period
    figures: Figures | None  # None: the scope is withheld (too few employees)
    target: float | None
    previous: Period
    previous_figures: Figures | None
    units: tuple[UnitRow, ...]
    months: tuple[MonthRow, ...]
    rolling: tuple[MonthRow, ...]  # twelve months ending with each month of the period

    @property
    def target_met(self) -> bool | None:
        if self.target is None or self.figures is None or not self.period.is_twelve_months:
            return None
        value = self.figures.days_per_fte
        return None if value is None else value <= self.target

    @property
    def trend(self) -> float | None:
        now = self.figures.days_per_fte if self.figures else None
        before = self.previous_figures.days_per_fte if self.previous_figures else None
        return None if now is None or before is None else now - before


def find_target(targets: Sequence[Target], scope: Scope, period: Period) -> float | None:
    """The target filed for the scope and the year the period ends in."""
    key = scope.target_key.casefold()
    for target in targets:
        if target.scope.casefold() == key and target.year == period.last.year:
            return target.days_per_fte
    return None


def build_report(
    ledger: Ledger,
    unit_ids: Sequence[str],
    units: Mapping[str, Unit],
    scope: Scope,
    period: Period,
    targets: Sequence[Target] = (),
) -> Report:
    """The report of ``scope`` for ``period`` from a ledger coded with ``unit_ids``."""
    threshold = ledger.settings.min_employees
    code = {unit_id: index for index, unit_id in enumerate(unit_ids)}
    codes = [code[u] for u in scope.units if u in code]

    def guarded(p: Period) -> Figures | None:
        figures = ledger.figures(codes, p) if codes else None
        return figures if figures is not None and figures.employees >= threshold else None

    previous = period.previous()
    empty = Report(scope, period, None, None, previous, None, (), (), ())
    if not codes:
        return empty
    members = ledger.members(codes, period)
    unit_members = {
        u: members.get(code[u], frozenset()) if u in code else frozenset() for u in scope.units
    }
    parents = {u: units[u].parent_id if u in units else "" for u in scope.units}
    rows = fold(parents, unit_members, threshold, scope.root)
    total = len(frozenset().union(*unit_members.values()))
    if total < threshold or not shown(rows, threshold):
        return empty
    figures = ledger.figures(codes, period, employees=total)
    unit_rows = []
    for row in rows:
        row_codes = [code[u] for u in row.units if u in code]
        head = None if row.head == ROOT else row.head
        name = scope.name if head is None else units[row.head].name
        unit_rows.append(
            UnitRow(head, name, row.folded, ledger.figures(row_codes, period, row.employees))
        )
    months = tuple(MonthRow(m, guarded(m)) for m in period.months())
    rolling = tuple(MonthRow(m, guarded(_twelve_months_ending(m))) for m in period.months())
    return Report(
        scope=scope,
        period=period,
        figures=figures,
        target=find_target(targets, scope, period),
        previous=previous,
        previous_figures=guarded(previous),
        units=tuple(unit_rows),
        months=months,
        rolling=rolling,
    )


def _twelve_months_ending(m: Period) -> Period:
    last = month(m.first).last
    return date_range(add_months(last.replace(day=1), -11), last)


def to_json(report: Report) -> dict[str, object]:
    """The CLI contract (keys are only ever added)."""
    f = report.figures
    prev = report.previous_figures
    return {
        "scope": report.scope.name,
        "period": {"from": report.period.first.isoformat(), "to": report.period.last.isoformat()},
        "withheld": f is None,
        "employees": f.employees if f else None,
        "fte": f.fte if f else None,
        "absence_days": f.absence_days if f else None,
        "days_per_fte": f.days_per_fte if f else None,
        "absence_rate": f.absence_rate if f else None,
        "short_days": f.short_days if f else None,
        "long_days": f.long_days if f else None,
        "long_share": f.long_share if f else None,
        "target": report.target,
        "target_met": report.target_met,
        "previous": {
            "from": report.previous.first.isoformat(),
            "to": report.previous.last.isoformat(),
            "days_per_fte": prev.days_per_fte if prev else None,
        },
        "trend": report.trend,
        "units": [
            {
                "unit": row.unit,
                "name": row.name,
                "employees": row.figures.employees,
                "fte": row.figures.fte,
                "absence_days": row.figures.absence_days,
                "days_per_fte": row.figures.days_per_fte,
                "absence_rate": row.figures.absence_rate,
                "long_share": row.figures.long_share,
                "folded": list(row.folded),
            }
            for row in report.units
        ],
        "months": [
            {
                "month": m.period.label,
                "short_days": m.figures.short_days if m.figures else None,
                "long_days": m.figures.long_days if m.figures else None,
            }
            for m in report.months
        ],
        "rolling": [
            {"month": m.period.label, "days_per_fte": m.figures.days_per_fte if m.figures else None}
            for m in report.rolling
        ],
    }
