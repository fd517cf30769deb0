"""PDF import time against ``pdftotext -layout`` on the committed fixtures.

    .venv/bin/python bench/bench_pdf.py

``measure()`` returns one dict per fixture; ``run()`` is the table
``make bench`` prints. Times are the best of ``repeat`` runs, in
milliseconds, medref and pdftotext taking turns; pdftotext runs as its own
process, as a user would run it.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

from medref.importers import parse_bytes

from .common import Table

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "pdf"
NAMES = (
    "esdh-fagmed.pdf",
    "esdh-afdmed.pdf",
    "esdh-lokalmed.pdf",
    "txt-fagmed.pdf",
    "md-lokalmed.pdf",
)


def measure(repeat: int = 5) -> list[dict[str, object]]:
    """Best times of ``repeat`` rounds; each round times medref, then pdftotext, so
    both see the same moments of a machine that other work is loading."""
    pdftotext = shutil.which("pdftotext")
    results: list[dict[str, object]] = []
    for name in NAMES:
        path = FIXTURES / name
        data = path.read_bytes()
        actions: dict[str, Callable[[], object]] = {
            "medref_ms": lambda d=data, p=str(path): parse_bytes(d, "pdf", path=p)
        }
        if pdftotext is not None:
            command = [pdftotext, "-layout", str(path), "-"]
            actions["pdftotext_ms"] = lambda c=command: subprocess.run(
                c, capture_output=True, check=True
            )
        actions["medref_ms"]()  # warm up lazy imports
        best = dict.fromkeys(actions, float("inf"))
        for _ in range(repeat):
            for key, action in actions.items():
                start = time.perf_counter()
                action()
                best[key] = min(best[key], time.perf_counter() - start)
        row: dict[str, object] = {"bench": "pdf_import", "file": name}
        row.update({key: round(seconds * 1000, 1) for key, seconds in best.items()})
        if pdftotext is not None:
            row["ratio"] = round(best["medref_ms"] / best["pdftotext_ms"], 2)
        results.append(row)
    return results


def run(quick: bool = False) -> Table:
    table = Table(
        "PDF import (best of runs, ms)",
        ["file", "medref", "pdftotext -layout", "medref / pdftotext"],
        note="medref: PDF bytes -> MeetingDocument in-process; goal: within 2x of pdftotext",
    )
    for row in measure(repeat=2 if quick else 7):
        table.rows.append(
            [
                str(row["file"]),
                f"{row['medref_ms']:.1f}",
                f"{row.get('pdftotext_ms', float('nan')):.1f}",
                f"{row.get('ratio', float('nan')):.2f}x",
            ]
        )
    return table


if __name__ == "__main__":
    for result in measure():
        print(result)
