"""The årshjul as SVG: twelve months in a circle, the meetings and the themes due.

Readable without colour: months alternate white and light grey only to
separate them; a meeting is a circled day number, a theme its written title.
The picture has a text alternative (``role="img"`` and a label); the page
gives the same content as a list for screen readers and as a table.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from .months import MONTH_NAMES

SIZE = 800
CENTER = SIZE / 2
OUTER = 390.0
MONTH_RING = 335.0
MEETING_RING = 290.0
THEME_RADIUS = 205.0
INNER = 95.0
MAX_THEMES = 4
MAX_CHARS = 15


@dataclass(frozen=True, slots=True)
class WheelMonth:
    month: int  # 1-12
    meeting_days: Sequence[int]
    themes: Sequence[str]


def _point(radius: float, angle: float) -> tuple[float, float]:
    """Angle 0 is twelve o'clock, clockwise, in degrees."""
    rad = math.radians(angle - 90)
    return CENTER + radius * math.cos(rad), CENTER + radius * math.sin(rad)


def _sector(r_outer: float, r_inner: float, start: float, end: float) -> str:
    x1, y1 = _point(r_outer, start)
    x2, y2 = _point(r_outer, end)
    x3, y3 = _point(r_inner, end)
    x4, y4 = _point(r_inner, start)
    return (
        f"M{x1:.1f},{y1:.1f} A{r_outer:.0f},{r_outer:.0f} 0 0 1 {x2:.1f},{y2:.1f} "
        f"L{x3:.1f},{y3:.1f} A{r_inner:.0f},{r_inner:.0f} 0 0 0 {x4:.1f},{y4:.1f} Z"
    )


def _short(text: str) -> str:
    return text if len(text) <= MAX_CHARS else text[: MAX_CHARS - 1].rstrip() + "…"


def render_svg(year: int, months: Sequence[WheelMonth], *, title_id: str = "aarshjul-titel") -> str:
    """The wheel for ``year``; ``months`` in any order, missing months empty."""
    by_month = {m.month: m for m in months}
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="-10 -10 {SIZE + 20} {SIZE + 20}" '
        f'class="aarshjul" role="img" aria-labelledby="{escape(title_id)}">',
        f'<title id="{escape(title_id)}">Årshjul {year}: '
        + escape(
            "; ".join(
                f"{MONTH_NAMES[m - 1]}: "
                + (", ".join(f"møde d. {d}." for d in by_month[m].meeting_days) or "intet møde")
                + ("; temaer: " + ", ".join(by_month[m].themes) if by_month[m].themes else "")
                for m in range(1, 13)
                if m in by_month
            )
        )
        + "</title>",
    ]
    for month in range(1, 13):
        start, end = (month - 1) * 30.0, month * 30.0
        fill = "#ffffff" if month % 2 else "#eeeeee"
        parts.append(
            f'<path d="{_sector(OUTER, INNER, start, end)}" fill="{fill}" '
            'stroke="#222" stroke-width="1.5"/>'
        )
        parts.append(
            f'<path d="{_sector(MONTH_RING, MONTH_RING, start, end)}" fill="none" '
            'stroke="#222" stroke-width="1"/>'
        )
        x, y = _point((OUTER + MONTH_RING) / 2, start + 15)
        parts.append(
            f'<text x="{x:.1f}" y="{y:.1f}" class="month" text-anchor="middle" '
            f'dominant-baseline="middle" font-size="19" font-weight="bold">'
            f"{MONTH_NAMES[month - 1].capitalize()}</text>"
        )
        data = by_month.get(month)
        if data is None:
            continue
        days = sorted(data.meeting_days)
        for day in days:
            angle = start + 3 + 24 * (day - 1) / 30
            cx, cy = _point(MEETING_RING + 12, angle)
            parts.append(
                f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="15" fill="#fff" stroke="#000" '
                'stroke-width="2"/>'
                f'<text x="{cx:.1f}" y="{cy:.1f}" text-anchor="middle" '
                f'dominant-baseline="central" font-size="14">{day}</text>'
            )
        themes = list(data.themes)
        shown = themes[:MAX_THEMES]
        if len(themes) > MAX_THEMES:
            shown[-1] = f"+{len(themes) - MAX_THEMES + 1} flere"
        tx, ty = _point(THEME_RADIUS, start + 15)
        first_y = ty - (len(shown) - 1) * 10
        for n, theme in enumerate(shown):
            parts.append(
                f'<text x="{tx:.1f}" y="{first_y + n * 20:.1f}" text-anchor="middle" '
                f'dominant-baseline="middle" font-size="16">{escape(_short(theme))}</text>'
            )
    parts.append(
        f'<circle cx="{CENTER}" cy="{CENTER}" r="{INNER}" fill="#fff" stroke="#222" '
        'stroke-width="1.5"/>'
        f'<text x="{CENTER}" y="{CENTER}" text-anchor="middle" dominant-baseline="middle" '
        f'font-size="44" font-weight="bold">{year}</text>'
    )
    parts.append("</svg>")
    return "".join(parts)
