"""Writes: importing HR files, purging raw rows, attaching a report to an agenda item.

One function per action; each checks its actor (``None`` is the operator at
the command line), runs in one transaction and records one ``Event``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from medref.accounts.permissions import Action, municipalities_where
from medref.organisation.models import Committee, Municipality

from . import models
from .keys import pseudonym
from .metrics import hrfile
from .metrics import model as m
from .selectors import metric_settings

if TYPE_CHECKING:
    from medref.accounts.permissions import AnyUser

Progress = Callable[[int, int], None]


def _actor(actor: AnyUser | None) -> User | None:
    """The user to record, or None for the command line (and unsaved users)."""
    return actor if isinstance(actor, User) and actor.pk else None


def require_administrator(actor: AnyUser | None, municipality: Municipality) -> None:
    """Only the municipality's administrators (and superusers) handle the raw data;
    ``None`` is the operator at the command line."""
    if actor is None:
        return
    if municipality.pk not in municipalities_where(actor, Action.MANAGE_MEMBERS):
        raise PermissionDenied(_("Only administrators may import or delete absence data."))


@dataclass(frozen=True)
class ImportResult:
    name: str
    kind: str
    rows: int
    created: int
    updated: int
    unchanged: int


def read(
    name: str,
    data: bytes,
    municipality: Municipality,
    *,
    kind: str | None = None,
    columns: dict[str, str] | None = None,
    progress: Progress | None = None,
) -> tuple[hrfile.Table, hrfile.Parsed]:
    """Parse a file (no database writes). ``hrfile.FileError`` for bad rows."""
    table = hrfile.read_table(name, data)
    found_kind, found = hrfile.detect(table, columns, kind)
    parsed = hrfile.records(
        table, found_kind, found, lambda raw: pseudonym(municipality.pk, raw), progress
    )
    return table, parsed


@transaction.atomic
def import_file(
    name: str,
    data: bytes,
    *,
    municipality: Municipality,
    actor: AnyUser | None = None,
    kind: str | None = None,
    columns: dict[str, str] | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Store one file's rows: all or nothing, idempotent, a corrected row replacing
    its earlier version by natural key. ``hrfile.FileError`` names every bad row."""
    require_administrator(actor, municipality)
    _table, parsed = read(name, data, municipality, kind=kind, columns=columns, progress=progress)
    writer = {
        "units": _store_units,
        "employments": _store_employments,
        "absences": _store_spells,
        "targets": _store_targets,
    }[parsed.kind]
    created, updated, unchanged = writer(name, municipality, parsed.records)
    result = ImportResult(name, parsed.kind, len(parsed.records), created, updated, unchanged)
    models.Event.objects.create(
        municipality=municipality,
        kind=models.Event.Kind.IMPORTED,
        actor=_actor(actor),
        details={
            "file": name,
            "kind": result.kind,
            "rows": result.rows,
            "created": created,
            "updated": updated,
            "unchanged": unchanged,
        },
    )
    return result


def _upsert(
    model: type[Any],
    municipality: Municipality,
    key_fields: Sequence[str],
    value_fields: Sequence[str],
    rows: Sequence[dict[str, Any]],
    existing: dict[tuple[Any, ...], Any],
) -> tuple[int, int, int]:
    creates, updates, unchanged = [], [], 0
    for values in rows:
        key = tuple(values[f] for f in key_fields)
        old = existing.get(key)
        if old is None:
            creates.append(model(municipality=municipality, **values))
        elif any(getattr(old, f) != values[f] for f in value_fields):
            for f in value_fields:
                setattr(old, f, values[f])
            updates.append(old)
        else:
            unchanged += 1
    model.objects.bulk_create(creates, batch_size=2000)
    if updates:
        model.objects.bulk_update(updates, list(value_fields), batch_size=2000)
    return len(creates), len(updates), unchanged


def _store_units(
    name: str, municipality: Municipality, records: Sequence[tuple[int, hrfile.Record]]
) -> tuple[int, int, int]:
    stored = {u.unit_id: u for u in models.Unit.objects.filter(municipality=municipality)}
    parents = {k: u.parent_id for k, u in stored.items()}
    rows_by_unit: dict[str, int] = {}
    for row, unit in records:
        assert isinstance(unit, m.Unit)
        parents[unit.unit_id] = unit.parent_id
        rows_by_unit[unit.unit_id] = row
    errors = []
    for unit_id, row in rows_by_unit.items():
        seen, current = set(), unit_id
        while current in parents and current not in seen:
            seen.add(current)
            current = parents[current]
        if current in seen:
            errors.append(f"{name}:{row}:parent_id: the units {sorted(seen)} form a cycle")
    if errors:
        raise hrfile.FileError(errors)
    rows = [
        {"unit_id": u.unit_id, "name": u.name, "parent_id": u.parent_id, "committee": u.committee}
        for _row, u in records
        if isinstance(u, m.Unit)
    ]
    return _upsert(
        models.Unit, municipality, ["unit_id"], ["name", "parent_id", "committee"], rows,
        {(k,): v for k, v in stored.items()},
    )  # fmt: skip


def _store_employments(
    name: str, municipality: Municipality, records: Sequence[tuple[int, hrfile.Record]]
) -> tuple[int, int, int]:
    jobs = [(row, e) for row, e in records if isinstance(e, m.Employment)]
    known_units = set(
        models.Unit.objects.filter(municipality=municipality).values_list("unit_id", flat=True)
    )
    errors = [
        f"{name}:{row}:unit_id: unknown unit {e.unit_id!r} (import the units file first)"
        for row, e in jobs
        if e.unit_id not in known_units
    ]
    employees = {e.employee for _row, e in jobs}
    stored = {
        (x.employee, x.start): x
        for x in models.Employment.objects.filter(municipality=municipality, employee__in=employees)
    }
    replaced = {(e.employee, e.start) for _row, e in jobs}
    spans: list[tuple[int | None, str, dt.date, dt.date | None]] = [
        (None, x.employee, x.start, x.end) for k, x in stored.items() if k not in replaced
    ]
    spans += [(row, e.employee, e.start, e.end) for row, e in jobs]
    errors += hrfile.overlaps(name, spans, "employment")
    if errors:
        raise hrfile.FileError(errors[: hrfile.MAX_ERRORS])
    rows = [
        {"employee": e.employee, "start": e.start, "unit_id": e.unit_id, "end": e.end,
         "weekly_hours": e.weekly_hours}
        for _row, e in jobs
    ]  # fmt: skip
    return _upsert(
        models.Employment, municipality, ["employee", "start"], ["unit_id", "end", "weekly_hours"],
        rows, stored,
    )  # fmt: skip


def _store_spells(
    name: str, municipality: Municipality, records: Sequence[tuple[int, hrfile.Record]]
) -> tuple[int, int, int]:
    spells = [(row, a) for row, a in records if isinstance(a, m.Absence)]
    sickness = metric_settings().sickness_types
    employees = {a.employee for _row, a in spells}
    stored = {
        (x.employee, x.first_day, x.type): x
        for x in models.Spell.objects.filter(municipality=municipality, employee__in=employees)
    }
    replaced = {(a.employee, a.first_day, a.type) for _row, a in spells}
    spans: list[tuple[int | None, str, dt.date, dt.date | None]] = [
        (None, x.employee, x.first_day, x.last_day)
        for k, x in stored.items()
        if k not in replaced and x.type in sickness
    ]
    spans += [(row, a.employee, a.first_day, a.last_day) for row, a in spells if a.type in sickness]
    errors = hrfile.overlaps(name, spans, "sickness absence")
    if errors:
        raise hrfile.FileError(errors[: hrfile.MAX_ERRORS])
    rows = [
        {"employee": a.employee, "first_day": a.first_day, "type": a.type,
         "last_day": a.last_day, "hours_per_day": a.hours_per_day}
        for _row, a in spells
    ]  # fmt: skip
    return _upsert(
        models.Spell, municipality, ["employee", "first_day", "type"],
        ["last_day", "hours_per_day"], rows, stored,
    )  # fmt: skip


def _store_targets(
    name: str, municipality: Municipality, records: Sequence[tuple[int, hrfile.Record]]
) -> tuple[int, int, int]:
    targets = [(row, t) for row, t in records if isinstance(t, m.Target)]
    units = set(
        models.Unit.objects.filter(municipality=municipality).values_list("unit_id", flat=True)
    )
    committees = {
        c.casefold()
        for c in Committee.objects.filter(municipality=municipality).values_list("name", flat=True)
    } | {
        c.casefold()
        for c in models.Unit.objects.filter(municipality=municipality).values_list(
            "committee", flat=True
        )
        if c
    }
    errors = [
        f"{name}:{row}:scope: {t.scope!r} is neither a committee nor a unit id"
        for row, t in targets
        if t.scope not in units and t.scope.casefold() not in committees
    ]
    if errors:
        raise hrfile.FileError(errors[: hrfile.MAX_ERRORS])
    stored = {
        (x.scope.casefold(), x.year): x
        for x in models.Target.objects.filter(municipality=municipality)
    }
    creates, updates, unchanged = [], [], 0
    for _row, t in targets:
        old = stored.get((t.scope.casefold(), t.year))
        if old is None:
            creates.append(models.Target(municipality=municipality, scope=t.scope, year=t.year,
                                         days_per_fte=t.days_per_fte))  # fmt: skip
        elif (old.scope, old.days_per_fte) != (t.scope, t.days_per_fte):
            old.scope, old.days_per_fte = t.scope, t.days_per_fte
            updates.append(old)
        else:
            unchanged += 1
    models.Target.objects.bulk_create(creates)
    models.Target.objects.bulk_update(updates, ["scope", "days_per_fte"])
    return len(creates), len(updates), unchanged


@dataclass(frozen=True)
class PurgeResult:
    spells: int
    employments: int


@transaction.atomic
def purge(
    municipality: Municipality, before: dt.date, *, actor: AnyUser | None = None
) -> PurgeResult:
    """Delete the raw rows that ended before ``before``: absence spells whose last day
    and employments whose end is earlier. Units, targets and the reports already
    attached as bilag stay."""
    require_administrator(actor, municipality)
    spells, _detail = models.Spell.objects.filter(
        municipality=municipality, last_day__lt=before
    ).delete()
    employments, _details = models.Employment.objects.filter(
        Q(end__lt=before), municipality=municipality
    ).delete()
    models.Event.objects.create(
        municipality=municipality,
        kind=models.Event.Kind.PURGED,
        actor=_actor(actor),
        details={"before": before.isoformat(), "spells": spells, "employments": employments},
    )
    return PurgeResult(spells, employments)
