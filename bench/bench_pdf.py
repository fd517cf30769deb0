"""PDF import time against ``pdftotext -layout`` on the committed fixtures.

    .venv/bin/python bench/bench_pdf.py

``run()`` returns one dict per fixture (the lead's bench collects them);
times are the best of ``repeat`` runs, in milliseconds.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

from medref.importers import parse_bytes

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


def run(repeat: int = 5) -> list[dict[str, object]]:
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


if __name__ == "__main__":
    for result in run():
        print(result)
