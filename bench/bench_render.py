"""Render time per format, and medref's PDF against LibreOffice's.

For the three examples and a generated 40-item referat: milliseconds per
render in each format medref writes (docx when that renderer is present).
The baseline, measured in the same run on the same referat (in rounds
alternating with medref's PDF, so both see the same load): LibreOffice
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


def once_ms(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


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


def libreoffice_command(doc: MeetingDocument, folder: Path) -> list[str] | None:
    """``soffice --convert-to pdf`` of the referat's DOCX, with a profile of its own."""
    soffice = shutil.which("soffice")
    source = docx_of(doc, folder) if soffice is not None else None
    if soffice is None or source is None:
        return None
    return [
        soffice,
        f"-env:UserInstallation={(folder / 'profile').as_uri()}",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(folder / "out"),
        str(source),
    ]


def pdf_against_libreoffice(doc: MeetingDocument, *, rounds: int) -> tuple[float, float | None]:
    """Best ms of medref's PDF and of LibreOffice's, measured in alternating rounds.

    Alternating, so both see the same load from the rest of the machine.
    """
    with tempfile.TemporaryDirectory() as temp:
        command = libreoffice_command(doc, Path(temp))

        def convert() -> None:
            assert command is not None
            subprocess.run(command, check=True, capture_output=True, timeout=300)

        render_bytes(doc, "pdf")  # warm up: imports, fonts, the parsed stylesheet
        if command is not None:
            convert()  # warm up: the profile is created on the first run
        medref = office = float("inf")
        for _ in range(rounds):
            medref = min(medref, once_ms(partial(render_bytes, doc, "pdf")))
            if command is not None:
                office = min(office, once_ms(convert))
        return medref, (office if command is not None else None)


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
        note="same referat, same run, PDF and LibreOffice in alternating rounds; "
        "goal: medref's PDF in at most 0.5× LibreOffice's time",
    )
    for name, doc in corpus():
        for index, fmt in enumerate(formats()):
            baseline = ratio = ""
            if fmt == "pdf":
                ms, office = pdf_against_libreoffice(doc, rounds=2 if quick else 4)
                if office is not None:
                    baseline = f"{office:,.0f}"
                    faster = ms < office
                    speed = f"{office / ms if faster else ms / office:.1f}× "
                    speed += "faster" if faster else "slower"
                    ratio = f"{ms / office:.2f}× ({speed})"
                else:
                    baseline = "soffice missing"
            else:
                ms = best_ms(partial(render_bytes, doc, fmt), rounds=rounds, budget=budget)
            size = len(render_bytes(doc, fmt)) / 1024
            table.rows.append(
                [name if index == 0 else "", fmt, f"{ms:,.1f}", f"{size:,.0f}", baseline, ratio]
            )
    load = Path("/proc/loadavg")
    if load.exists():
        table.note += f"; load average at the end: {' '.join(load.read_text().split()[:3])}"
    return table


if __name__ == "__main__":
    result = run()
    print(result.title)
    for row in result.rows:
        print("  ".join(row))
