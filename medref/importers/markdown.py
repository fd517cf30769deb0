"""Markdown minutes: the front end, on pyromark (pulldown-cmark: CommonMark plus tables).

pulldown-cmark is a Rust pull parser, ~15× faster here than markdown-it-py
(see bench/parse.py), and it reports source ranges, so errors can name lines.

Heading levels carry no structure in real minutes (``## HovedMED`` stands at
the level of ``## Punkt 12``), so headings become plain heading blocks and
the structure reader decides what they are. Bold and emphasis are dropped;
links are kept in the inline ``[text](url)`` form of the document model.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from typing import Any

import pyromark

from medref.documents import BulletList, ListItem, Table

from .blocks import RawBlock, clean_inline, heading, paragraph

_OPTIONS = pyromark.Options.ENABLE_TABLES

Event = tuple[Any, Any]


class _Events:
    """The event stream with one event of look-ahead and byte offset -> line."""

    def __init__(self, text: str) -> None:
        data = text.encode("utf-8")
        self._line_starts = [0]
        newline = data.find(b"\n")
        while newline != -1:
            self._line_starts.append(newline + 1)
            newline = data.find(b"\n", newline + 1)
        self._events: Iterator[Event] = iter(pyromark.events_with_range(text, options=_OPTIONS))

    def __iter__(self) -> Iterator[Event]:
        return self._events

    def line(self, span: Any) -> int:
        return bisect_right(self._line_starts, span["start"])


def _tag(event: Any, key: str) -> Any:
    """The payload of a {"Start": {key: …}} or {"Start": key} event, else None."""
    if isinstance(event, dict) and "Start" in event:
        start = event["Start"]
        if start == key:
            return True
        if isinstance(start, dict) and key in start:
            return start[key] if start[key] is not None else True
    return None


def _is_end(event: Any, key: str) -> bool:
    if not isinstance(event, dict) or "End" not in event:
        return False
    end = event["End"]
    return end == key or (isinstance(end, dict) and key in end)


def _inline(events: _Events, until: str) -> str:
    """Inline text up to the End of ``until``; breaks become newlines.

    The hottest loop of the Markdown importer, so events are taken apart by
    hand rather than through ``_tag``/``_is_end``.
    """
    parts: list[str] = []
    links: list[str] = []
    for event, _ in events:
        if type(event) is str:
            if event in ("SoftBreak", "HardBreak"):
                parts.append("\n")
            continue
        if "Text" in event:
            parts.append(event["Text"])
        elif "End" in event:
            end = event["End"]
            if end == until or (type(end) is dict and until in end):
                break
            if end == "Link":
                parts.append(f"]({links.pop()})")
        elif "Code" in event:
            parts.append(event["Code"])
        elif "Start" in event:
            start = event["Start"]
            if type(start) is dict and "Link" in start:
                links.append(start["Link"]["dest_url"])
                parts.append("[")
    return "".join(parts)


def _list(events: _Events, ordered: bool) -> tuple[ListItem, ...]:
    """Items up to the End of the list; an item's paragraphs are joined."""
    items: list[ListItem] = []
    texts: list[str] = []
    children: list[ListItem] = []
    for event, _ in events:
        if _is_end(event, "List"):
            break
        if _tag(event, "Item"):
            texts, children = [], []
        elif _is_end(event, "Item"):
            items.append(ListItem(clean_inline("".join(texts)), tuple(children)))
        elif (nested := _tag(event, "List")) is not None:
            children.extend(_list(events, nested is not True))
        elif _tag(event, "Paragraph"):
            texts.extend((" ", _inline(events, "Paragraph"), " "))
        elif isinstance(event, dict) and "Text" in event:
            # A tight list's item text arrives without a Paragraph around it,
            # in pieces (an escaped character is an event of its own).
            texts.append(event["Text"])
        elif event in ("SoftBreak", "HardBreak"):
            texts.append(" ")
        elif (link := _tag(event, "Link")) is not None:
            texts.append(f"[{_inline(events, 'Link')}]({link['dest_url']})")
        elif isinstance(event, dict) and "Code" in event:
            texts.append(event["Code"])
    return tuple(items)


def _table(events: _Events) -> Table:
    rows: list[tuple[str, ...]] = []
    cells: list[str] = []
    for event, _ in events:
        if _is_end(event, "Table"):
            break
        if _tag(event, "TableCell"):
            cells.append(clean_inline(_inline(events, "TableCell")))
        elif _is_end(event, "TableHead") or _is_end(event, "TableRow"):
            rows.append(tuple(cells))
            cells = []
    return Table(tuple(rows))


def markdown_blocks(text: str) -> list[RawBlock]:
    events = _Events(text)
    blocks: list[RawBlock] = []
    for event, span in events:
        line = events.line(span)
        if _tag(event, "Heading"):
            blocks.append(heading(line, _inline(events, "Heading")))
        elif _tag(event, "Paragraph"):
            raw = _inline(events, "Paragraph")
            lines = tuple(part.strip() for part in raw.split("\n") if part.strip())
            blocks.append(paragraph(line, raw, lines))
        elif (kind := _tag(event, "List")) is not None:
            items = _list(events, ordered=kind is not True)
            raw_lines = tuple(f"- {item.text}" for item in items)
            blocks.append(RawBlock(line, BulletList(items, kind is not True), raw_lines))
        elif _tag(event, "Table"):
            table = _table(events)
            blocks.append(RawBlock(line, table, tuple("\t".join(r) for r in table.rows)))
        elif _tag(event, "CodeBlock"):
            code = _inline(events, "CodeBlock")
            for offset, part in enumerate(code.splitlines()):
                if part.strip():
                    blocks.append(paragraph(line + offset + 1, part))
        # Block quotes are read through; rules and raw HTML carry no text.
    return blocks
