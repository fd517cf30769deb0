"""PDF import time against ``pdftotext -layout`` on the committed fixtures.

    .venv/bin/python bench/bench_pdf.py

``measure()`` returns one dict per fixture; ``run()`` is the table
``make bench`` prints. Times are the best of ``repeat`` runs, in
milliseconds; pdftotext runs as its own process, as a user would run it.
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


def best_ms(action: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return round(best * 1000, 1)


def measure(repeat: int = 5) -> list[dict[str, object]]:
    pdftotext = shutil.which("pdftotext")
    results: list[dict[str, object]] = []
    for name in NAMES:
        path = FIXTURES / name
        data = path.read_bytes()
        medref_ms = best_ms(lambda d=data, p=str(path): parse_bytes(d, "pdf", path=p), repeat)
        row: dict[str, object] = {"bench": "pdf_import", "file": name, "medref_ms": medref_ms}
        if pdftotext is not None:
            command = [pdftotext, "-layout", str(path), "-"]
            reference = best_ms(
                lambda c=command: subprocess.run(c, capture_output=True, check=True), repeat
            )
            row["pdftotext_ms"] = reference
            row["ratio"] = round(medref_ms / reference, 2)
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
