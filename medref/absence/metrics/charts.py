"""The two charts as SVG text: months stacked short/long, and the rolling line against the måltal.

Pure functions of the numbers; the pages put a data table beside each chart for
screen readers (the SVG is ``aria-hidden`` there). Labels use the decimal comma.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

from .text import number

SHORT_COLOUR = "#7aa6d6"
LONG_COLOUR = "#1f4e79"
LINE_COLOUR = "#1f4e79"
TARGET_COLOUR = "#b3261e"
INK = "#222222"
GRID = "#d9d9d9"

WIDTH, HEIGHT = 560, 290
LEFT, RIGHT, TOP, BOTTOM = 52, 12, 40, 46


def _nice_max(value: float) -> float:
    """A round axis maximum at or above ``value``."""
    if value <= 0:
        return 1.0
    magnitude: float = 10.0 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if step * magnitude >= value:
            return step * magnitude
    return 10 * magnitude


def _axis(top: float) -> list[str]:
    # Four ticks for 2, 20, 200 …; five for 1, 2,5, 5, 10 … (each tick a round number).
    leading = top / 10 ** math.floor(math.log10(top))
    ticks = 4 if abs(leading - 2) < 1e-9 else 5
    parts = []
    plot_h = HEIGHT - TOP - BOTTOM
    for i in range(ticks + 1):
        value = top * i / ticks
        y = TOP + plot_h - plot_h * i / ticks
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="{GRID}" stroke-width="1"/>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="13" '
            f'fill="{INK}">{number(value)}</text>'
        )
    return parts


def _month_label(label: str, first: bool = True) -> str:
    """``2024-10`` as ``okt 24`` (the first label and January's), else ``okt``."""
    names = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
    try:
        year, month = label.split("-")
        name = names[int(month) - 1]
    except (ValueError, IndexError):
        return label
    return f"{name} {year[2:]}" if first or month == "01" else name


def _frame(title: str, body: list[str], legend: list[tuple[str, str, bool]]) -> str:
    items = []
    x: float = LEFT
    for colour, text, is_line in legend:
        mark = (
            f'<line x1="{x}" x2="{x + 16}" y1="14" y2="14" stroke="{colour}" stroke-width="3"'
            + (' stroke-dasharray="5 3"' if colour == TARGET_COLOUR else "")
            + "/>"
            if is_line
            else f'<rect x="{x}" y="8" width="12" height="12" fill="{colour}"/>'
        )
        items.append(
            f'{mark}<text x="{x + 20}" y="18" font-size="13" fill="{INK}">{escape(text)}</text>'
        )
        x += 30 + 7.5 * len(text)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="100%" role="img" aria-label="{escape(title)}" '
        f'font-family="Helvetica, Arial, sans-serif">'
        f"<title>{escape(title)}</title>" + "".join(items) + "".join(body) + "</svg>"
    )


def monthly_bars(
    months: Sequence[tuple[str, float | None, float | None]], title: str = "Fravær pr. måned"
) -> str:
    """Stacked bars per month: short below, long on top; a month without figures is a gap."""
    totals = [(s or 0.0) + (lo or 0.0) for _, s, lo in months]
    top = _nice_max(max(totals, default=0.0))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / max(len(months), 1)
    bar = slot * 0.64
    body = _axis(top)
    every = max(1, math.ceil(len(months) / 12))
    for i, (label, short, long) in enumerate(months):
        x = LEFT + i * slot + (slot - bar) / 2
        base: float = TOP + plot_h
        for value, colour in ((short, SHORT_COLOUR), (long, LONG_COLOUR)):
            if value is None or value <= 0:
                continue
            h = plot_h * value / top
            base -= h
            body.append(
                f'<rect x="{x:.1f}" y="{base:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                f'fill="{colour}"/>'
            )
        if i % every == 0:
            body.append(
                f'<text x="{x + bar / 2:.1f}" y="{TOP + plot_h + 16}" text-anchor="middle" '
                f'font-size="13" fill="{INK}">{escape(_month_label(label, i == 0))}</text>'
            )
    body.append(
        f'<text x="{LEFT}" y="{HEIGHT - 6}" font-size="13" fill="{INK}">fraværsdagsværk</text>'
    )
    legend = [
        (SHORT_COLOUR, "7 dage eller mindre", False),
        (LONG_COLOUR, "8 dage eller mere", False),
    ]
    return _frame(title, body, legend)


def rolling_line(
    points: Sequence[tuple[str, float | None]],
    target: float | None,
    title: str = "Dage pr. medarbejder, rullende 12 måneder",
) -> str:
    """The rolling days per FTE as a line, the måltal as a dashed line."""
    values = [v for _, v in points if v is not None]
    top = _nice_max(max([*values, target or 0.0], default=0.0) * 1.1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / max(len(points), 1)
    body = _axis(top)

    def y_of(value: float) -> float:
        return TOP + plot_h - plot_h * value / top

    if target is not None:
        y = y_of(target)
        body.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="{TARGET_COLOUR}" stroke-width="2" stroke-dasharray="6 4"/>'
        )
    segment: list[str] = []
    segments: list[list[str]] = []
    every = max(1, math.ceil(len(points) / 12))
    for i, (label, value) in enumerate(points):
        x = LEFT + i * slot + slot / 2
        if value is None:
            if segment:
                segments.append(segment)
            segment = []
        else:
            segment.append(f"{x:.1f},{y_of(value):.1f}")
            body.append(f'<circle cx="{x:.1f}" cy="{y_of(value):.1f}" r="3" fill="{LINE_COLOUR}"/>')
        if i % every == 0:
            body.append(
                f'<text x="{x:.1f}" y="{TOP + plot_h + 16}" text-anchor="middle" font-size="13" '
                f'fill="{INK}">{escape(_month_label(label, i == 0))}</text>'
            )
    if segment:
        segments.append(segment)
    for seg in segments:
        body.append(
            f'<polyline points="{" ".join(seg)}" fill="none" stroke="{LINE_COLOUR}" '
            f'stroke-width="2.5"/>'
        )
    legend = [(LINE_COLOUR, "Dage pr. medarbejder", True)]
    if target is not None:
        legend.append((TARGET_COLOUR, f"Måltal {number(target)}", True))
    return _frame(title, body, legend)
