"""DOCX import time against ``pandoc -t markdown`` on the committed fixtures.

medref's time is ``docx_blocks`` plus the shared structure reader, in this
process; pandoc's is a whole ``pandoc -f docx -t markdown`` run, process
start included (that is what a caller of pandoc pays). Best of ``repeat``.

    .venv/bin/python -m bench bench_docx
"""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

from medref.importers.docx import docx_blocks
from medref.importers.structure import read_document

from .common import Table

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "docx"
NAMES = (
    "referat-fagmed-oekonomi-2025-10-08.docx",
    "referat-afdelingsmed-oekonomi-stab-2025-11-20.docx",
    "referat-lokalmed-borgerservice-2025-06-20.docx",
)


def best_seconds(action: Callable[[], object], repeat: int) -> float:
    action()  # warm up lazy imports
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


def measure(repeat: int = 10) -> list[tuple[str, float, float]]:
    """(file, medref seconds, pandoc seconds); pandoc's is NaN when it is missing."""
    pandoc = shutil.which("pandoc")
    rows: list[tuple[str, float, float]] = []
    for name in NAMES:
        path = FIXTURES / name
        data = path.read_bytes()

        def parse(data: bytes = data, path: str = str(path)) -> object:
            return read_document(docx_blocks(data, path), path=path)

        ours = best_seconds(parse, repeat)
        theirs = float("nan")
        if pandoc is not None:
            command = [pandoc, "-f", "docx", "-t", "markdown", str(path)]
            theirs = best_seconds(
                lambda c=command: subprocess.run(c, capture_output=True, check=True), repeat
            )
        rows.append((name, ours, theirs))
    return rows


def run(quick: bool = False) -> Table:
    table = Table(
        "DOCX import (best of runs, ms)",
        ["file", "medref", "pandoc -t markdown", "pandoc / medref"],
        note="medref: docx_blocks + structure reader in-process; pandoc: one process per run",
    )
    for name, ours, theirs in measure(repeat=3 if quick else 10):
        table.rows.append(
            [name, f"{ours * 1000:.1f}", f"{theirs * 1000:.1f}", f"{theirs / ours:.1f}x"]
        )
    return table
