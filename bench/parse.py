"""Parse throughput: referats per second for text and Markdown, on one core.

Baselines, measured in the same run on the same text: for Markdown,
markdown-it-py tokenising it (the usual pure-Python CommonMark parser, and
medref's front end before it moved to pyromark) and pyromark tokenising it
(the floor medref's front end stands on); for text, splitting the file into
lines and matching one regular expression per line.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import partial
from pathlib import Path

import pyromark
from markdown_it import MarkdownIt

from medref.documents import MeetingDocument
from medref.importers import parse_file, parse_text
from medref.renderers import render

from .common import Table, best_rate

DEMO = Path(__file__).resolve().parents[1] / "medref" / "demo"


def large_referat(items: int = 40) -> MeetingDocument:
    """A 40-item referat built from the examples' own items, renumbered."""
    sources = [parse_file(p) for p in sorted(DEMO.iterdir())]
    pool = [item for doc in sources for item in doc.items]
    picked = [pool[i % len(pool)] for i in range(items)]
    from dataclasses import replace

    renumbered = tuple(replace(item, number=n) for n, item in enumerate(picked, start=1))
    return replace(sources[0], items=renumbered, toc=(), meeting_date=dt.date(2025, 12, 1))


def corpus() -> list[tuple[str, str, str]]:
    """(name, format, text) for each referat measured."""
    cases = [
        (p.name, p.suffix.lstrip("."), p.read_text(encoding="utf-8"))
        for p in sorted(DEMO.iterdir())
    ]
    big = large_referat()
    cases.append(("generated 40-item referat", "txt", render(big, "txt")))
    cases.append(("generated 40-item referat", "md", render(big, "md")))
    return cases


_LINE = re.compile(r"^Punkt\s+\d+:")
_MARKDOWN = MarkdownIt("commonmark").enable("table")


def _markdown_it(text: str) -> object:
    return _MARKDOWN.parse(text)


def _pyromark(text: str) -> object:
    return tuple(pyromark.events(text, options=pyromark.Options.ENABLE_TABLES))


def _lines(text: str) -> object:
    return [_LINE.match(line) for line in text.split("\n")]


def _ratio(rate: float, baseline: float) -> str:
    return f"{baseline / rate:.1f}× slower" if baseline > rate else f"{rate / baseline:.1f}× faster"


def run(quick: bool = False) -> Table:
    seconds = 0.3 if quick else 1.5
    table = Table(
        "Parse throughput (one core)",
        [
            "referat",
            "fmt",
            "KB",
            "referats/s",
            "MB/s",
            "baseline",
            "baseline/s",
            "medref vs baseline",
        ],
        note="same text, same run; medref = file text -> MeetingDocument",
    )
    for name, fmt, text in corpus():
        size = len(text.encode("utf-8"))
        rate = best_rate(partial(parse_text, text, fmt), seconds=seconds)
        baselines = (
            [("markdown-it", _markdown_it), ("pyromark", _pyromark)]
            if fmt == "md"
            else [("split+regex", _lines)]
        )
        for index, (label, tokenise) in enumerate(baselines):
            base = best_rate(partial(tokenise, text), seconds=seconds)
            first = index == 0
            table.rows.append(
                [
                    name if first else "",
                    fmt if first else "",
                    f"{size / 1024:.0f}" if first else "",
                    f"{rate:,.0f}" if first else "",
                    f"{rate * size / 1e6:.1f}" if first else "",
                    label,
                    f"{base:,.0f}",
                    _ratio(rate, base),
                ]
            )
    return table
