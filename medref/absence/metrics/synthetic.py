"""Deterministic synthetic HR facts: the demo dataset and the benchmark's.

Employees get a home unit, a start (most before the first day), sometimes an
end, an hours change or a move to another unit; sickness comes as short spells
(more in winter, often starting on a Monday) and now and then a long one, some
partial; children's sickness and maternity leave are mixed in and do not count.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass

from .model import Absence, Employment, Unit

HOURS = (37.0, 37.0, 37.0, 37.0, 32.0, 30.0, 25.0, 18.5)
WINTER = {1: 1.5, 2: 1.5, 3: 1.2, 4: 0.9, 5: 0.8, 6: 0.7, 7: 0.4, 8: 0.7, 9: 0.9, 10: 1.1,
          11: 1.3, 12: 1.2}  # fmt: skip


@dataclass(frozen=True)
class Facts:
    units: list[Unit]
    employments: list[Employment]
    absences: list[Absence]  # with raw employee numbers


def _weekday_on_or_after(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def generate(
    units: Sequence[Unit],
    sizes: Sequence[int],
    first: dt.date,
    last: dt.date,
    seed: int = 18,
    prefix: str = "D",
) -> Facts:
    """``sizes[i]`` employees in ``units[i]`` (a few move to a sibling), facts from
    ``first`` to ``last``. The same arguments give the same facts."""
    rnd = random.Random(seed)
    span = (last - first).days
    employments: list[Employment] = []
    absences: list[Absence] = []
    number = 0
    for unit, size in zip(units, sizes, strict=True):
        for _ in range(size):
            number += 1
            key = f"{prefix}{number:06d}"
            start = (
                first - dt.timedelta(days=rnd.randint(30, 3000))
                if rnd.random() < 0.8
                else first + dt.timedelta(days=rnd.randint(0, span - 30))
            )
            end = first + dt.timedelta(days=rnd.randint(60, span)) if rnd.random() < 0.12 else None
            if end is not None and end <= start:
                end = None
            hours = rnd.choice(HOURS)
            jobs: list[tuple[dt.date, dt.date | None, str, float]] = []
            change = rnd.random()
            if change < 0.12:  # an hours change or a move half way
                split = first + dt.timedelta(days=rnd.randint(30, span - 30))
                if split > start and (end is None or split < end):
                    other_unit = unit.unit_id
                    if change < 0.05:
                        other_unit = rnd.choice(units).unit_id
                    jobs.append((start, split - dt.timedelta(days=1), unit.unit_id, hours))
                    jobs.append((split, end, other_unit, rnd.choice(HOURS)))
            if not jobs:
                jobs.append((start, end, unit.unit_id, hours))
            employments += [Employment(key, u, s, e, h) for s, e, u, h in jobs]
            absences += _spells(rnd, key, max(start, first), min(end or last, last))
    return Facts(list(units), employments, absences)


def _spells(rnd: random.Random, key: str, first: dt.date, last: dt.date) -> list[Absence]:
    proneness = rnd.lognormvariate(0, 0.7)
    result: list[Absence] = []
    day = first + dt.timedelta(days=rnd.randint(0, 40))
    while day <= last:
        if rnd.random() < 0.4 and day.weekday() > 0:
            day += dt.timedelta(days=7 - day.weekday())  # many start on a Monday
        day = _weekday_on_or_after(day)
        roll = rnd.random()
        if roll < 0.035:
            length, kind, hours = rnd.randint(10, 60), "egen sygdom", None
        elif roll < 0.05:
            length, kind, hours = rnd.randint(10, 30), "delvis sygemelding", 3.7
        elif roll < 0.16:
            length, kind, hours = rnd.randint(1, 2), "barns sygdom", None
        elif roll < 0.18:
            length, kind, hours = rnd.randint(1, 3), "1300", None  # arbejdsskade
        else:
            length, kind, hours = rnd.choice((1, 1, 1, 2, 2, 3, 4, 5)), "1100", None
        end = min(day + dt.timedelta(days=length - 1), last)
        if end >= day:
            result.append(Absence(key, day, end, kind, hours))
        rate = WINTER[day.month] * proneness
        gap = int(rnd.expovariate(rate / 80.0)) + 2
        day = end + dt.timedelta(days=gap)
    return result
