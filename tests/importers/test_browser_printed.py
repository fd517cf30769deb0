"""Minutes printed by a browser read like the text they were printed from.

Chromium prints an HTML page's list discs as drawn shapes, sets paragraphs
apart by margins (no wrapped line to measure the line pitch from) and may
split a word over two text objects. The examples printed that way, with a
running header and footer on every page (tests/importers/layout_formats.py),
must give the same parse as the originals. (The FagMED example is left out:
its text holds a tab-separated table, which the text-to-HTML step of the
conversion flattens, so the printed page no longer has it.)
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from medref.documents.serialize import to_contract
from medref.importers import parse_file
from medref.importers.pdf_lines import Run
from medref.importers.pdf_pages import _bullet_runs
from tests.importers.layout_formats import to_pdf

DEMO = Path(__file__).resolve().parents[2] / "medref" / "demo"
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def _folded(path: Path) -> str:
    """The contract without the contents list, links as their text, whitespace folded."""
    data: dict[str, Any] = to_contract(parse_file(path))
    data.pop("toc", None)
    return " ".join(
        _LINK.sub(r"\1", json.dumps(data, ensure_ascii=False)).replace("\\n", " ").split()
    )


@pytest.mark.needs("chromium", "pandoc")
@pytest.mark.slow
@pytest.mark.parametrize(
    "name",
    [
        "referat-afdelingsmed-oekonomi-stab-2025-11-20.txt",
        "referat-lokalmed-borgerservice-2025-06-20.md",
    ],
)
def test_an_example_printed_by_chromium_reads_as_the_original(name: str, tmp_path: Path) -> None:
    printed = to_pdf(DEMO / name, tmp_path)
    assert printed is not None
    assert _folded(printed) == _folded(DEMO / name)


def _run(x0: float, x1: float, text: str) -> Run:
    return Run(x0, x1, 100.0, 112.0, 102.0, 12.0, False, 0, text)


def test_a_drawn_dot_left_of_a_line_becomes_its_bullet() -> None:
    runs = [_run(70.0, 200.0, "Nyt fra FagMED")]
    found = _bullet_runs(runs, [(58.0, 104.0, 62.0, 108.0)])
    assert [r.text for r in found] == ["Nyt fra FagMED", "•"]
    assert found[1].baseline == runs[0].baseline


def test_a_dot_far_from_any_text_or_inside_a_line_is_no_bullet() -> None:
    runs = [_run(70.0, 200.0, "tekst"), _run(210.0, 300.0, "mere")]
    # Far to the left of the text, and right after a word on the same line.
    assert len(_bullet_runs(runs, [(5.0, 104.0, 9.0, 108.0)])) == 2
    assert len(_bullet_runs(runs, [(202.0, 104.0, 206.0, 108.0)])) == 2
