"""Field accuracy on the layout corpus (tests/fixtures/layouts/): how well medref reads the unknown.

Each layout is a document written in one Danish agenda system's layout with
its truth written by reading it (see docs/layouts.md). The table gives the
share of `medref parse --json` fields the parse has right, per layout and
format: the document as the portal publishes it, and (where pandoc and
Chromium are installed) the same document through Word (.docx) and as a
paged PDF with a running header and footer.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from tests.importers.layout_formats import FORMATS, convert
from tests.importers.layout_score import document_of, layout_names, score_layout

from .common import Table


def run(quick: bool = False) -> Table:
    table = Table(
        "Layout corpus: field accuracy",
        ["layout", "source", *FORMATS[1:], "fields"],
        note="share of `medref parse --json` fields right; '-' = tool missing",
    )
    totals = {name: [0, 0] for name in FORMATS}
    with tempfile.TemporaryDirectory() as tmp:
        for layout in layout_names():
            source = document_of(layout)
            cells: list[str] = []
            fields = 0
            for fmt in FORMATS:
                path = source if fmt == "source" else convert(source, fmt, Path(tmp))
                if path is None:
                    cells.append("-")
                    continue
                result = score_layout(layout, path)
                fields = result.total
                totals[fmt][0] += result.right
                totals[fmt][1] += result.total
                cells.append(f"{result.accuracy:.1%}")
            table.rows.append([layout, f"{source.suffix[1:]} {cells[0]}", *cells[1:], str(fields)])
    table.rows.append(
        [
            "all",
            f"{totals['source'][0] / max(totals['source'][1], 1):.1%}",
            *(f"{totals[f][0] / totals[f][1]:.1%}" if totals[f][1] else "-" for f in FORMATS[1:]),
            str(totals["source"][1]),
        ]
    )
    return table
