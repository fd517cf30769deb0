"""Render time per format, and medref's PDF against LibreOffice's.

For the three examples and a generated 40-item referat: milliseconds per
render in each format medref writes (docx when that renderer is present).
The baseline, measured in the same run on the same referat: LibreOffice
converting a DOCX of it to PDF (``soffice --headless --convert-to pdf``),
which is how most municipalities publish minutes today. The DOCX comes from
medref's DOCX renderer, else from pandoc reading medref's Markdown. The
goal is medref's PDF in at most half LibreOffice's time.

    .venv/bin/python -m bench bench_render [--quick]
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from medref.documents import MeetingDocument
from medref.importers import parse_file
from medref.renderers import render, render_bytes

from .common import Table
from .parse import DEMO, large_referat


def formats() -> list[str]:
    found = ["txt", "md", "html", "pdf"]
    if importlib.util.find_spec("medref.renderers.docx") is not None:
        found.insert(3, "docx")
    return found


def best_ms(action: Callable[[], object], *, rounds: int, budget: float) -> float:
    """Best wall time of up to ``rounds`` calls, stopping once ``budget`` seconds are spent."""
    action()  # warm up: imports, font configuration, caches
    best = float("inf")
    spent = 0.0
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        elapsed = time.perf_counter() - start
        best = min(best, elapsed)
        spent += elapsed
        if spent > budget:
            break
    return best * 1000


def docx_of(doc: MeetingDocument, folder: Path) -> Path | None:
    path = folder / "referat.docx"
    if "docx" in formats():
        path.write_bytes(render_bytes(doc, "docx"))
        return path
    if shutil.which("pandoc") is None:
        return None
    subprocess.run(
        ["pandoc", "-f", "markdown", "-t", "docx", "-o", str(path)],
        input=render(doc, "md"),
        text=True,
        check=True,
        capture_output=True,
    )
    return path


def libreoffice_ms(doc: MeetingDocument, *, rounds: int) -> float | None:
    """One ``soffice --convert-to pdf`` per call, with its own warmed-up profile."""
    soffice = shutil.which("soffice")
    if soffice is None:
        return None
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        source = docx_of(doc, folder)
        if source is None:
            return None
        command = [
            soffice,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder / "out"),
            str(source),
        ]

        def convert() -> None:
            subprocess.run(command, check=True, capture_output=True, timeout=300)

        return best_ms(convert, rounds=rounds, budget=60.0)


def corpus() -> list[tuple[str, MeetingDocument]]:
    cases = [(p.name, parse_file(p)) for p in sorted(DEMO.iterdir())]
    cases.append(("generated 40-item referat", large_referat()))
    return cases


def run(quick: bool = False) -> Table:
    rounds = 2 if quick else 7
    budget = 1.0 if quick else 5.0
    table = Table(
        "Render time per format (ms, best of a few runs, one core)",
        ["referat", "fmt", "ms", "KB", "LibreOffice DOCX→PDF ms", "medref PDF / LibreOffice"],
        note="same referat, same run; goal: medref's PDF in at most 0.5× LibreOffice's time",
    )
    for name, doc in corpus():
        for index, fmt in enumerate(formats()):
            ms = best_ms(partial(render_bytes, doc, fmt), rounds=rounds, budget=budget)
            size = len(render_bytes(doc, fmt)) / 1024
            baseline = ratio = ""
            if fmt == "pdf":
                office = libreoffice_ms(doc, rounds=1 if quick else 3)
                if office is not None:
                    baseline = f"{office:,.0f}"
                    ratio = f"{ms / office:.2f}× ({office / ms:.1f}× faster)"
                else:
                    baseline = "soffice missing"
            table.rows.append(
                [name if index == 0 else "", fmt, f"{ms:,.1f}", f"{size:,.0f}", baseline, ratio]
            )
    return table


if __name__ == "__main__":
    result = run()
    print(result.title)
    for row in result.rows:
        print("  ".join(row))
