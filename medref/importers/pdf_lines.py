"""A PDF page's positioned text: runs, the lines they form and the lines' cells.

Coordinates are PDF points with y growing upwards; ``baseline`` orders lines.
``pdf_pages`` reads the runs from PDFium; ``group_lines`` makes them lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# A run this far (in font sizes) from the previous one on its line is another column.
COLUMN_GAP = 1.0
# PDFium reports a hyphen that ends a line as U+0002.
LINE_END_HYPHEN = "\x02"
_MARKER = re.compile(r"^\s*(?:\d{1,3}[.)]|[•▪◦·\uf0b7\uf0a7])\s*$")


@dataclass(slots=True)
class Run:
    """A stretch of text on one line (PDFium's text rect)."""

    x0: float
    x1: float
    bottom: float
    top: float
    baseline: float
    size: float
    bold: bool
    index: int
    text: str = ""
    # Where the run's first word ends (to tell a wrapped line from a hard break).
    first_word_x1: float = 0.0


@dataclass(slots=True)
class Line:
    page: int  # 1-based
    runs: list[Run]
    page_width: float = 0.0
    text: str = ""
    cells: list[str] = field(default_factory=list)
    # The x where each cell starts (for column alignment).
    cell_x: list[float] = field(default_factory=list)
    # (baseline, top, size, bold) once the line's runs are final (``freeze``):
    # layout asks for them thousands of times per document.
    frozen: tuple[float, float, float, bool] | None = field(default=None, repr=False)

    def freeze(self) -> None:
        """Compute the properties below once; the runs must not change after this."""
        runs = self.runs
        self.frozen = (
            min(run.baseline for run in runs),
            max(run.top for run in runs),
            max(run.size for run in runs),
            all(run.bold for run in runs if run.text.strip()),
        )

    @property
    def x0(self) -> float:
        return self.runs[0].x0

    @property
    def x1(self) -> float:
        return self.runs[-1].x1

    @property
    def baseline(self) -> float:
        if self.frozen is not None:
            return self.frozen[0]
        return min(run.baseline for run in self.runs)

    @property
    def top(self) -> float:
        if self.frozen is not None:
            return self.frozen[1]
        return max(run.top for run in self.runs)

    @property
    def size(self) -> float:
        if self.frozen is not None:
            return self.frozen[2]
        return max(run.size for run in self.runs)

    @property
    def bold(self) -> bool:
        if self.frozen is not None:
            return self.frozen[3]
        return all(run.bold for run in self.runs if run.text.strip())


@dataclass(slots=True)
class Rules:
    """A page's thin horizontal and vertical drawn lines (table borders)."""

    horizontal: list[tuple[float, float, float]] = field(default_factory=list)  # y, x0, x1
    vertical: list[tuple[float, float, float]] = field(default_factory=list)  # x, y0, y1
    # Small square shapes: list bullets a browser draws instead of printing "•".
    dots: list[tuple[float, float, float, float]] = field(default_factory=list)


@dataclass(slots=True)
class Page:
    number: int
    width: float
    height: float
    lines: list[Line]
    rules: Rules
    chars: int


def group_lines(page: int, runs: list[Run], width: float) -> list[Line]:
    """Runs sharing a baseline (within a third of the font size) form a line."""
    lines: list[Line] = []
    # Each line's baseline and size so far (as its properties would give them).
    lows: list[float] = []
    sizes: list[float] = []
    for run in sorted(runs, key=lambda r: (-r.baseline, r.x0)):
        for k in range(len(lines) - 1, max(len(lines) - 4, -1), -1):
            if abs(lows[k] - run.baseline) <= 0.35 * max(run.size, sizes[k]):
                lines[k].runs.append(run)
                lows[k] = min(lows[k], run.baseline)
                sizes[k] = max(sizes[k], run.size)
                break
        else:
            lines.append(Line(page, [run], width))
            lows.append(run.baseline)
            sizes.append(run.size)
    for line in lines:
        line.runs.sort(key=lambda r: r.x0)
        line.freeze()
        _join_runs(line)
    lines.sort(key=lambda line: (-line.baseline, line.x0))
    return lines


def _join_runs(line: Line) -> None:
    """The line's text and its cells: a wide gap separates cells (tab stops, columns)."""
    cells: list[str] = []
    starts: list[float] = []
    current = ""
    previous: Run | None = None
    for run in line.runs:
        if previous is not None and (
            run.x0 - previous.x1 >= COLUMN_GAP * run.size
            or (len(cells) == 0 and _MARKER.match(current))  # "10." close to its text
        ):
            cells.append(current)
            current = ""
        elif (
            previous is not None
            and current
            and run.x0 - previous.x1 > 0.2 * run.size
            and not current[-1].isspace()
            and not run.text[0].isspace()
        ):
            current += " "
        if not current:
            starts.append(run.x0)
        current += run.text
        previous = run
    cells.append(current)
    line.cells = [" ".join(cell.split()) for cell in cells]
    line.cell_x = starts
    line.text = "\t".join(line.cells)
