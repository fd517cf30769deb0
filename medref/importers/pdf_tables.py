"""Tables in PDF pages: ruled ones by their drawn grid.

A ruled table is a cluster of thin drawn lines with at least two vertical
and two horizontal rules; its rows and columns are the gaps between them.
Text whose middle lies in a cell is that cell's text, lines joined the way
paragraph lines are. (Unruled tables are found by column alignment in
``pdf_flow``.)
"""

from __future__ import annotations

from dataclasses import dataclass

from medref.documents import Table

from .pdf_lines import Page, Run
from .pdf_text import join_lines

_NEAR = 3.0  # points: rules this close touch, positions this close are one


@dataclass(slots=True)
class PlacedTable:
    """A table found on a page, placed in reading order by its top."""

    page: int
    top: float
    table: Table


def _distinct(values: list[float]) -> list[float]:
    merged: list[float] = []
    for value in sorted(values):
        if not merged or value - merged[-1] > _NEAR:
            merged.append(value)
    return merged


def _regions(page: Page) -> list[tuple[float, float, float, float]]:
    """Bounding boxes (x0, y0, x1, y1) of clusters of touching rules."""
    boxes = [(x0, y - 1, x1, y + 1) for y, x0, x1 in page.rules.horizontal]
    boxes += [(x - 1, y0, x + 1, y1) for x, y0, y1 in page.rules.vertical]
    merged: list[tuple[float, float, float, float]] = []
    for box in boxes:
        for i, other in enumerate(merged):
            if (
                box[0] <= other[2] + _NEAR
                and other[0] <= box[2] + _NEAR
                and box[1] <= other[3] + _NEAR
                and other[1] <= box[3] + _NEAR
            ):
                merged[i] = (
                    min(box[0], other[0]),
                    min(box[1], other[1]),
                    max(box[2], other[2]),
                    max(box[3], other[3]),
                )
                break
        else:
            merged.append(box)
    return merged


def _index(value: float, edges: list[float]) -> int:
    for i in range(len(edges) - 1):
        if edges[i] <= value < edges[i + 1]:
            return i
    return len(edges) - 2


def _char_width(runs: list[Run]) -> float:
    chars = sum(len(r.text.strip()) for r in runs)
    return sum(r.x1 - r.x0 for r in runs) / max(1, chars)


def _width(runs: list[Run]) -> float:
    return max(r.x1 for r in runs) - min(r.x0 for r in runs)


def _cell_text(lines: list[list[Run]], inner: float) -> str:
    """A cell's lines as one text; ``inner`` is the width text may take."""
    texts: list[str] = []
    for runs in lines:
        runs.sort(key=lambda r: r.x0)
        texts.append(" ".join("".join(r.text for r in runs).split()))
    # A word too wide for the cell is broken without a hyphen and without the
    # trailing space a wrapped line keeps ("Administrati" + "on"). Such a line
    # is filled to the cell's edge; a line wrapped at a space ("Forventet" +
    # "regnskab") usually leaves room, just not enough for the next word.
    glued = [
        bool(a.split() and b.split())
        and not lines[i][-1].text[-1:].isspace()
        and _char_width(lines[i]) * (len(a.split()[-1]) + len(b.split()[0])) > inner
        and inner - _width(lines[i]) < 2 * _char_width(lines[i])
        for i, (a, b) in enumerate(zip(texts, [*texts[1:], ""], strict=True))
    ]
    return join_lines(texts, glued=glued)


def _table(page: Page, box: tuple[float, float, float, float]) -> tuple[Table, set[int]] | None:
    x0, y0, x1, y1 = box
    xs = _distinct(
        [x for x, b, t in page.rules.vertical if x0 - 1 <= x <= x1 + 1 and y0 - 1 <= b <= y1]
    )
    ys = _distinct(
        [y for y, left, r in page.rules.horizontal if y0 - 1 <= y <= y1 + 1 and left <= x1]
    )
    if len(xs) < 2 or len(ys) < 2 or (len(xs) == 2 and len(ys) == 2):
        return None  # no grid, or a framed paragraph
    cells: dict[tuple[int, int], dict[float, list[Run]]] = {}
    used: set[int] = set()
    for line in page.lines:
        if not (y0 <= line.baseline <= y1 and x0 <= (line.x0 + line.x1) / 2 <= x1):
            continue
        used.add(id(line))
        for run in line.runs:
            row = len(ys) - 2 - _index(run.baseline, ys)
            column = _index((run.x0 + run.x1) / 2, xs)
            cells.setdefault((row, column), {}).setdefault(round(line.baseline, 1), []).append(run)
    rows: list[tuple[str, ...]] = []
    for row in range(len(ys) - 1):
        texts: list[str] = []
        for column in range(len(xs) - 1):
            found = cells.get((row, column), {})
            lines = [found[key] for key in sorted(found, reverse=True)]
            padding = min((r.x0 for rs in lines for r in rs), default=xs[column]) - xs[column]
            inner = xs[column + 1] - xs[column] - 2 * padding
            texts.append(_cell_text(lines, inner) if lines else "")
        if any(texts):
            rows.append(tuple(texts))
    if not rows:
        return None
    return Table(tuple(rows)), used


def ruled_tables(page: Page) -> list[PlacedTable]:
    """Take the page's ruled tables out of its lines."""
    found: list[PlacedTable] = []
    for box in _regions(page):
        result = _table(page, box)
        if result is None:
            continue
        table, used = result
        page.lines = [line for line in page.lines if id(line) not in used]
        found.append(PlacedTable(page.number, box[3], table))
    return found
