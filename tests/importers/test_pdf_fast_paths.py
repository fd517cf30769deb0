"""The faster PDF page reading gives the same answers as before.

Grouping runs into lines is compared with its previous version (in
``reference.py``) on generated runs; the path bounds read with PDFium's
functions directly with what pypdfium2's page objects report.
"""

from __future__ import annotations

import re
from pathlib import Path

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from medref.importers.pdf_lines import Line, Run, group_lines
from medref.importers.pdf_pages import _path_bounds

from . import reference as old

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "pdf"
READABLE = sorted(p for p in FIXTURES.glob("*.pdf") if "encrypted" not in p.name)


def runs() -> st.SearchStrategy[list[Run]]:
    """Runs on a few baselines, close enough to make grouping decisions matter."""
    coordinate = st.integers(0, 400).map(lambda n: n / 4)
    one = st.builds(
        lambda x0, width, baseline, size, bold, text: Run(
            x0, x0 + width, baseline - 2, baseline + size, baseline, size, bold, 0, text, x0
        ),
        coordinate,
        st.integers(1, 200).map(float),
        st.sampled_from([700.0, 699.0, 697.5, 690.0, 686.0, 660.0]) | coordinate,
        st.sampled_from([8.0, 10.0, 11.0, 12.0, 18.0]),
        st.booleans(),
        st.sampled_from(["Budget", " og ", "1.", "•", " ", "Punkt 3: x", "\t12"]),
    )
    return st.lists(one, max_size=14).map(
        lambda found: [
            Run(r.x0, r.x1, r.bottom, r.top, r.baseline, r.size, r.bold, i, r.text, r.x0)
            for i, r in enumerate(found)
        ]
    )


def described(lines: list[Line]) -> list[tuple[object, ...]]:
    return [
        (
            (line.text, line.cells, line.cell_x, line.baseline, line.top, line.size, line.bold),
            [(run.index, run.x0) for run in line.runs],
        )
        for line in lines
    ]


@settings(max_examples=400)
@given(runs())
def test_group_lines(found: list[Run]) -> None:
    copies = [Run(**{k: getattr(r, k) for k in Run.__slots__}) for r in found]  # type: ignore[attr-defined]
    assert described(group_lines(1, found, 595.0)) == described(old._group_lines(1, copies, 595.0))


@given(st.text(max_size=12))
def test_first_space_pattern_is_isspace(text: str) -> None:
    found = re.search(r"\s", text)
    expected = next((i for i, c in enumerate(text) if c.isspace()), None)
    assert (found.start() if found else None) == expected


@pytest.mark.parametrize("path", READABLE, ids=lambda p: p.name)
def test_path_bounds_as_pypdfium2_reports_them(path: Path) -> None:
    document = pdfium.PdfDocument(path.read_bytes())
    try:
        for page in document:
            expected = [
                obj.get_bounds() for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_PATH,))
            ]
            assert list(_path_bounds(page.raw, False)) == expected
            page.close()
    finally:
        document.close()
