"""``manage.py load_demo_absence``: a generated, deterministic HR dataset for the
demo committees (units, a few hundred employees over three years, absence
spells, måltal), imported through the same path as a real export. Idempotent:
a second run changes nothing. Refused without MEDREF_DEBUG=True unless
``--allow-production``."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from medref.absence.metrics.model import Unit
from medref.absence.metrics.synthetic import generate
from medref.absence.services import import_file
from medref.organisation.services import ensure_municipality

FIRST, LAST = dt.date(2024, 1, 1), dt.date(2026, 11, 30)

# municipality -> [(unit, employees)], parents before children.
DEMO: dict[str, list[tuple[Unit, int]]] = {
    "Vejle Kommune": [
        (Unit("1000", "Vejle Kommune, direktion", "", "HovedMED"), 8),
        (Unit("2000", "Økonomi og Digitalisering", "1000", "FagMED Økonomi"), 9),
        (Unit("2010", "Regnskab", "2000"), 24),
        (Unit("2020", "Budget og Analyse", "2000"), 14),
        (Unit("2030", "Løn og Personale", "2000"), 18),
        (Unit("2040", "IT-sikkerhed", "2000"), 4),
        (Unit("2050", "Indkøb", "2030"), 3),
        (Unit("2900", "Kultur & Sundhed", "1000", "FagMED Kultur & Sundhed"), 6),
        (Unit("2910", "Bibliotekerne", "2900"), 38),
        (Unit("2920", "Sundhedsplejen", "2900"), 45),
        (Unit("3000", "Borgerservice", "2900", "LokalMED Borgerservice"), 7),
        (Unit("3010", "Borgerservice Vejle", "3000"), 42),
        (Unit("3020", "Ydelser og Pension", "3000"), 30),
        (Unit("3030", "Pas og Kørekort", "3000"), 4),
        (Unit("3040", "Digital Post", "3030"), 2),
    ],
    "Albertslund Kommune": [
        (Unit("40", "Albertslund Kommune", "", "KommuneMED"), 6),
        (Unit("41", "Økonomi & Stab", "40", "AfdelingsMED Økonomi & Stab"), 5),
        (Unit("4110", "Økonomi", "41"), 14),
        (Unit("4120", "HR & Løn", "41"), 9),
        (Unit("4121", "Lønservice", "4120"), 3),
        (Unit("4130", "Digitalisering", "41"), 12),
    ],
}
TARGETS: dict[str, list[tuple[str, float]]] = {
    "Vejle Kommune": [
        ("HovedMED", 12.6), ("FagMED Økonomi", 9.0), ("FagMED Kultur & Sundhed", 11.5),
        ("LokalMED Borgerservice", 10.0),
    ],
    "Albertslund Kommune": [("AfdelingsMED Økonomi & Stab", 5.0), ("KommuneMED", 12.0)],
}  # fmt: skip


def _csv(header: list[str], rows: list[list[Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()


class Command(BaseCommand):
    help = "Load the generated sickness-absence demo data (idempotent)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--allow-production", action="store_true")

    def handle(self, *args: Any, allow_production: bool = False, **options: Any) -> None:
        if not settings.DEBUG and not allow_production:
            raise CommandError("refused without MEDREF_DEBUG=True (or --allow-production)")
        for seed, (name, plan) in enumerate(DEMO.items(), start=18):
            municipality = ensure_municipality(name)
            units = [u for u, _n in plan]
            facts = generate(units, [n for _u, n in plan], FIRST, LAST, seed=seed)
            files = {
                "enheder.csv": _csv(
                    ["unit_id", "name", "parent_id", "committee"],
                    [[u.unit_id, u.name, u.parent_id, u.committee] for u in units],
                ),
                "ansaettelser.csv": _csv(
                    ["employee_id", "unit_id", "start", "end", "weekly_hours"],
                    [
                        [
                            e.employee,
                            e.unit_id,
                            e.start.isoformat(),
                            e.end.isoformat() if e.end else "",
                            str(e.weekly_hours).replace(".", ","),
                        ]
                        for e in facts.employments
                    ],
                ),
                "fravaer.csv": _csv(
                    ["employee_id", "first_day", "last_day", "type", "hours_per_day"],
                    [
                        [
                            a.employee,
                            f"{a.first_day:%d-%m-%Y}",
                            f"{a.last_day:%d-%m-%Y}",
                            a.type,
                            "" if a.hours_per_day is None else str(a.hours_per_day),
                        ]
                        for a in facts.absences
                    ],
                ),
                "maaltal.csv": _csv(
                    ["scope", "year", "days_per_fte"],
                    [
                        [s, y, str(v).replace(".", ",")]
                        for s, v in TARGETS[name]
                        for y in range(FIRST.year, LAST.year + 1)
                    ],
                ),
            }
            for file_name, data in files.items():
                result = import_file(file_name, data, municipality=municipality)
                self.stdout.write(
                    f"{name}: {file_name}: {result.rows} rækker, {result.created} nye, "
                    f"{result.updated} rettede"
                )
