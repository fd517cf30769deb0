"""Stored absence facts for FagMED Økonomi (Vejle Kommune), through the import path."""

from __future__ import annotations

import datetime as dt

from medref.absence.metrics.model import Unit
from medref.absence.metrics.synthetic import generate
from medref.absence.services import import_file
from medref.organisation.models import Municipality

UNITS = [
    (Unit("2000", "Økonomi og Digitalisering", "", "FagMED Økonomi"), 6),
    (Unit("2010", "Regnskab", "2000"), 12),
    (Unit("2020", "Budget", "2000"), 8),
    (Unit("2040", "IT-sikkerhed", "2000"), 3),  # too small: folded into 2000
]
FIRST, LAST = dt.date(2024, 1, 1), dt.date(2025, 12, 31)


def csv_bytes(header: list[str], rows: list[list[object]], sep: str = ";") -> bytes:
    lines = [sep.join(header)] + [sep.join("" if v is None else str(v) for v in r) for r in rows]
    return ("\n".join(lines) + "\n").encode()


def load(municipality: Municipality):
    units = [u for u, _ in UNITS]
    facts = generate(units, [n for _, n in UNITS], FIRST, LAST, seed=7, prefix="T")
    import_file(
        "units.csv",
        csv_bytes(
            ["unit_id", "name", "parent_id", "committee"],
            [[u.unit_id, u.name, u.parent_id, u.committee] for u in units],
        ),
        municipality=municipality,
    )
    import_file(
        "jobs.csv",
        csv_bytes(
            ["employee_id", "unit_id", "start", "end", "weekly_hours"],
            [[e.employee, e.unit_id, e.start, e.end, e.weekly_hours] for e in facts.employments],
        ),
        municipality=municipality,
    )
    import_file(
        "abs.csv",
        csv_bytes(
            ["employee_id", "first_day", "last_day", "type", "hours_per_day"],
            [
                [a.employee, a.first_day, a.last_day, a.type, a.hours_per_day]
                for a in facts.absences
            ],
        ),
        municipality=municipality,
    )
    import_file(
        "targets.csv",
        csv_bytes(["scope", "year", "days_per_fte"], [["FagMED Økonomi", 2025, "9,0"]]),
        municipality=municipality,
    )
    return facts
