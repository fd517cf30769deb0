"""Timing helpers and the table every benchmark prints."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Table:
    title: str
    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)
    note: str = ""


def best_rate(work: Callable[[], object], *, seconds: float = 1.0, rounds: int = 5) -> float:
    """Calls per second of ``work``: the best of ``rounds`` rounds of ~seconds/rounds each.

    The best round is the least disturbed by the rest of the machine.
    """
    work()  # warm up caches and lazy imports
    best = 0.0
    budget = seconds / rounds
    gc.collect()
    for _ in range(rounds):
        calls = 0
        start = time.perf_counter()
        elapsed = 0.0
        while elapsed < budget or calls == 0:
            work()
            calls += 1
            elapsed = time.perf_counter() - start
        best = max(best, calls / elapsed)
    return best
