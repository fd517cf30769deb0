"""Fuzz the importers: mutated examples in every format, counted by outcome.

Each input is one of the three examples in one format with one mutation of
``bench/fuzzing.py`` applied, from ``random.Random(f"{fmt}-{i}")``, so a run
is reproducible and input ``i`` of a format can be rebuilt alone. The goal
(docs/robustness.md): 0 crashes (any exception but a ParseError, or one the
entry point's last resort had to catch) and 0 inputs over 10 s.

    .venv/bin/python -m bench bench_fuzz            # 10,000 per format
    BENCH_FUZZ_INPUTS=500 .venv/bin/python -m bench bench_fuzz
"""

from __future__ import annotations

import os
import random
import time
from collections import Counter

from . import fuzzing
from .common import Table

INPUTS = 10_000
QUICK_INPUTS = 100


def one(fmt: str, i: int) -> tuple[str, fuzzing.Outcome]:
    """(mutation name, outcome) of input ``i`` of format ``fmt``."""
    rng = random.Random(f"{fmt}-{i}")
    name, data = rng.choice(fuzzing.seeds()[fmt])
    mutations = fuzzing.mutations(fmt)
    mutation = rng.choice(sorted(mutations))
    return mutation, fuzzing.check(mutations[mutation](data, rng), fmt, name)


def run(quick: bool = False) -> list[Table]:
    count = int(os.environ.get("BENCH_FUZZ_INPUTS", QUICK_INPUTS if quick else INPUTS))
    summary = Table(
        f"Fuzz: mutated examples per format ({count:,} each)",
        ["format", "mutations", "inputs", "parsed", "refused", "crashes", "hangs", "max s", "s"],
        note=f"crash = any exception but a ParseError; hang = over {fuzzing.HANG_SECONDS:g} s",
    )
    crashes = Table("Fuzz: crashes by kind", ["format", "kind", "count", "first input"])
    for fmt in fuzzing.FORMATS:
        fuzzing.seeds()  # render the seeds outside the timing
        kinds: Counter[str] = Counter()
        first: dict[str, str] = {}
        outcomes: Counter[str] = Counter()
        slowest = 0.0
        start = time.perf_counter()
        for i in range(count):
            mutation, outcome = one(fmt, i)
            outcomes[outcome.kind] += 1
            slowest = max(slowest, outcome.seconds)
            slow = outcome.seconds > fuzzing.HANG_SECONDS
            if outcome.kind != "crash" and not slow:
                continue
            kind = fuzzing.crash_kind(outcome) if outcome.kind == "crash" else ""
            if slow and outcome.kind != "hang":
                outcomes["hang"] += 1
                kind = f"over {fuzzing.HANG_SECONDS:g} s" + (f" and {kind}" if kind else "")
            kinds[kind or "hang"] += 1
            first.setdefault(kind or "hang", f"{i} ({mutation})")
        summary.rows.append(
            [
                fmt,
                str(len(fuzzing.mutations(fmt))),
                f"{count:,}",
                f"{outcomes['parsed']:,}",
                f"{outcomes['refused']:,}",
                str(outcomes["crash"]),
                str(outcomes["hang"]),
                f"{slowest:.2f}",
                f"{time.perf_counter() - start:.0f}",
            ]
        )
        for kind, n in kinds.most_common():
            crashes.rows.append([fmt, kind, str(n), first[kind]])
    if not crashes.rows:
        crashes.rows.append(["all", "none", "0", ""])
    return [summary, crashes]
