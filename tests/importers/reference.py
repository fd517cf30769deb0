"""The text, Markdown and PDF importers' hot paths as they were before they were
made faster (commit 0709272), kept as oracles.

``test_fast_paths.py`` checks on generated input that the faster code in
``medref.importers`` gives the same answers as these. Copied verbatim but for
imports (vocabulary names are qualified with ``vocab.``).
"""

# mypy: ignore-errors

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from typing import Any

import pyromark

from medref.documents import (
    AgendaItem,
    Block,
    BulletList,
    Heading,
    ListItem,
    Paragraph,
    SectionKind,
    Table,
)
from medref.importers import vocabulary as vocab
from medref.importers.attendance import split_names
from medref.importers.blocks import RawBlock
from medref.importers.item_model import finish_item
from medref.importers.items import ItemHeading, _title
from medref.importers.pdf_lines import Line, Run, _join_runs
from medref.importers.said import SaidAtMeeting, item_numbers
from medref.lib.names import names_match


def clean_inline(text: str) -> str:
    return " ".join(text.split())


def paragraph(line: int, text: str, lines: tuple[str, ...] | None = None) -> RawBlock:
    cleaned = clean_inline(text)
    return RawBlock(line=line, block=Paragraph(cleaned), lines=lines or (cleaned,))


def heading(line: int, text: str) -> RawBlock:
    cleaned = clean_inline(text)
    return RawBlock(line=line, block=Heading(cleaned), lines=(cleaned,), explicit_heading=True)


# --- text.py -----------------------------------------------------------------

_BULLET = re.compile(r"^(?P<indent>[ \t]*)(?:[-•*–])\s+(?P<text>\S.*)$")
_NUMBERED = re.compile(r"^(?P<indent>[ \t]*)\d{1,3}[.)]\s+(?P<text>\S.*)$")


_LIST_START = frozenset("-•*–0123456789")


def _list_line(line: str) -> tuple[int, bool, str] | None:
    """(indent, ordered, text) for a list line, else None."""
    if line.lstrip()[:1] not in _LIST_START:
        return None
    for pattern, ordered in ((_BULLET, False), (_NUMBERED, True)):
        match = pattern.match(line)
        if match:
            indent = len(match["indent"].expandtabs(4))
            return indent, ordered, clean_inline(match["text"])
    return None


def _is_table_line(line: str) -> bool:
    return "\t" in line.strip()


def _build_list(entries: list[tuple[int, str]]) -> tuple[ListItem, ...]:
    """Nest (indent, text) pairs: a deeper indent is a child of the line above."""

    def build(start: int, indent: int) -> tuple[tuple[ListItem, ...], int]:
        items: list[ListItem] = []
        i = start
        while i < len(entries) and entries[i][0] >= indent:
            text = entries[i][1]
            i += 1
            children: tuple[ListItem, ...] = ()
            if i < len(entries) and entries[i][0] > entries[i - 1][0]:
                children, i = build(i, entries[i][0])
            items.append(ListItem(text, children))
        return tuple(items), i

    items, _ = build(0, entries[0][0])
    return items


def text_blocks(text: str) -> list[RawBlock]:
    """Split plain text into raw blocks, each with its 1-based line number."""
    blocks: list[RawBlock] = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        start = i + 1
        listed = _list_line(line)
        if listed is not None:
            entries: list[tuple[int, str]] = []
            ordered = listed[1]
            raw: list[str] = []
            while i < len(lines) and (item := _list_line(lines[i].rstrip())) is not None:
                entries.append((item[0], item[2]))
                raw.append(lines[i].strip())
                i += 1
            blocks.append(RawBlock(start, BulletList(_build_list(entries), ordered), tuple(raw)))
            continue
        if _is_table_line(line):
            rows: list[tuple[str, ...]] = []
            raw = []
            while i < len(lines) and _is_table_line(lines[i].rstrip()):
                cells = lines[i].strip().split("\t")
                rows.append(tuple(clean_inline(c) for c in cells))
                raw.append(lines[i].strip())
                i += 1
            blocks.append(RawBlock(start, Table(tuple(rows)), tuple(raw)))
            continue
        blocks.append(paragraph(start, line))
        i += 1
    return blocks


# --- markdown.py -------------------------------------------------------------

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
            first = kind if isinstance(kind, int) and kind is not True else 1
            raw_lines = (
                tuple(f"{first + i}. {item.text}" for i, item in enumerate(items))
                if kind is not True
                else tuple(f"- {item.text}" for item in items)
            )
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


# --- vocabulary.py -----------------------------------------------------------


def section_kind(heading: str) -> SectionKind | None:
    """The kind a heading names, or None when it is not a section heading."""
    if len(heading) > 120:
        return None
    if heading.strip().rstrip(":").strip()[:1].islower():
        return None  # (issue 15: a lower-case line is a wrapped sentence's end, no heading)
    key = heading.strip().rstrip(":").strip().casefold()
    if key in vocab.SECTION_HEADINGS:
        return vocab.SECTION_HEADINGS[key]
    if vocab.DECISION_HEADING.match(key.rstrip(":")):
        return SectionKind.DECISION
    return None


def header_field(line: str) -> tuple[str, str] | None:
    """("location", "Mødelokale 2225") for "Mødested Mødelokale 2225"."""
    lowered = line.casefold()
    for label, name in vocab.HEADER_LABELS.items():
        if lowered == label or lowered == label + ":":
            return name, ""
        if lowered.startswith(label) and len(line) > len(label):
            rest = line[len(label) :]
            if rest[0] in " :\t":
                return name, rest.lstrip(" :\t").strip()
    return None


# --- attendance.py -----------------------------------------------------------


def merge_names(*lists: Iterable[str]) -> tuple[str, ...]:
    """All names in order of first appearance, each person once."""
    merged: list[str] = []
    for names in lists:
        for name in names:
            if not any(names_match(name, seen) for seen in merged):
                merged.append(name)
    return tuple(merged)


def without(names: Iterable[str], removed: Iterable[str]) -> tuple[str, ...]:
    gone = list(removed)
    return tuple(n for n in names if not any(names_match(n, g) for g in gone))


def _split_outside_parentheses(text: str) -> list[str]:
    """Split a list on "," and " og " that stand outside parentheses."""
    parts: list[str] = []
    depth = 0
    start = 0
    i = 0
    while i < len(text):
        char = text[i]
        depth += (char == "(") - (char == ")" and depth > 0)
        if depth == 0 and char == ",":
            parts.append(text[start:i])
            start = i + 1
        elif depth == 0 and text.startswith(" og ", i):
            parts.append(text[start:i])
            start = i + 4
            i += 3
        i += 1
    parts.append(text[start:])
    return [p for p in (clean_inline(p) for p in parts) if p]


# --- items.py ----------------------------------------------------------------


def item_heading(block: RawBlock, *, numbered_style: bool) -> ItemHeading | None:
    """The item a block starts, if it is an item heading.

    "Punkt N: …" anywhere; "Pkt. N …" in a heading; "N. Title" only in
    minutes that number items that way (``numbered_style``), since elsewhere
    "1. at …" is a clause and "1. januar" a date.
    """
    if len(block.lines) != 1:
        return None
    found: ItemHeading | None = None
    text = block.text
    # Cheap test first: this runs on every block of every file.
    if isinstance(block.block, Paragraph | Heading) and text[:1] in "Pp":
        pattern = vocab.ITEM_HEADING_LOOSE if block.explicit_heading else vocab.ITEM_HEADING
        match = pattern.match(text)
        if match:
            found = _title(int(match["number"]), match["title"])
    if found is None and numbered_style:
        raw = clean_inline(block.lines[0])
        numbered = vocab.NUMBERED_ITEM_HEADING.match(raw)
        if numbered and not vocab.RECOMMENDATION_CLAUSE.match(numbered["title"]):
            found = _title(int(numbered["number"]), numbered["title"])
    # A contents line ("Punkt 3: Budget.....<tab>4") names an item; it does not start one.
    if found is not None and vocab.TOC_ENTRY.match(block.lines[0]):
        return None
    return found


def attendance_sentence(
    text: str, said: SaidAtMeeting, absent: list[str], substitutes: list[str]
) -> None:
    """Collect the names an attendance sentence gives; the sentence itself stays."""
    lowered = text.lower()
    if not any(word in lowered for word in vocab.ATTENDANCE_WORDS):
        return
    named = vocab.NAMED_ITEMS_ABSENT.match(text)
    if named:
        said.absent_from_items.append((split_names(named["names"]), item_numbers(named["numbers"])))
        return
    targets = (
        (vocab.ITEM_SUBSTITUTE, substitutes),
        (vocab.MEETING_SUBSTITUTE, said.substitutes),
        (vocab.ITEM_ABSENT, absent),
        (vocab.MEETING_PRESENT, said.present),
        (vocab.MEETING_ABSENT, said.absent),
    )
    for patterns, names in targets:
        for pattern in patterns:
            match = pattern.match(text)
            if match:
                names.extend(split_names(match["names"]))
                return


def read_item(heading: ItemHeading, body: list[RawBlock], said: SaidAtMeeting) -> AgendaItem:
    case_number: str | None = None
    closed = heading.closed
    sections: list[tuple[str, SectionKind, list[Block]]] = []
    absent: list[str] = []
    substitutes: list[str] = []
    names_follow = False  # a "Fraværende:" line alone: the names come next
    for block in body:
        text = block.text if len(block.lines) == 1 else ""
        if names_follow and isinstance(block.block, Paragraph):
            absent.extend(split_names(block.block.text))
            names_follow = False
            continue
        if not sections and text:
            case = vocab.CASE_NUMBER.match(text)
            if case and case_number is None:
                case_number = clean_inline(case["labelled"] or case["kle"])
                continue
            if vocab.ITEM_METADATA.match(text) or vocab.OPEN_MARKER.match(text):
                continue
            if vocab.CLOSED_MARKER.match(text):
                closed = True
                continue
        kind = section_kind(text) if text else None
        if kind is None and not sections and block.explicit_heading:
            # An unknown heading where a section must start is a section of its own.
            kind = SectionKind.OTHER
        if kind is not None:
            sections.append((text, kind, []))
            continue
        if isinstance(block.block, Paragraph):
            if vocab.ITEM_ABSENT_HEADING.match(text):
                names_follow = True
                continue
            line_absent = vocab.ITEM_ABSENT_LINE.match(text)
            if line_absent:
                absent.extend(split_names(line_absent["names"]))
                continue
            line_subs = vocab.ITEM_SUBSTITUTE_LINE.match(text)
            if line_subs:
                substitutes.extend(split_names(line_subs["names"]))
                continue
            attendance_sentence(block.block.text, said, absent, substitutes)
        if not sections:
            sections.append(("", SectionKind.OTHER, []))
        sections[-1][2].append(block.block)
    return finish_item(heading, case_number, closed, sections, absent, substitutes)


# --- structure.py ------------------------------------------------------------


def _item_starts(blocks: list[RawBlock]) -> list[tuple[int, ItemHeading]]:
    """Where items start. "N. Title" headings count only when nothing says "Punkt N"."""
    starts = [(i, h) for i, b in enumerate(blocks) if (h := item_heading(b, numbered_style=False))]
    if starts:
        return starts
    candidates = [
        (i, h)
        for i, b in enumerate(blocks)
        if isinstance(b.block, BulletList) and (h := item_heading(b, numbered_style=True))
    ]
    # Numbered items run on: keep the longest run of consecutive numbers, so a
    # lone "1. januar …" in a text is not taken for an item.
    kept: list[tuple[int, ItemHeading]] = []
    for index, heading in candidates:
        if not kept or heading.number == kept[-1][1].number + 1:
            kept.append((index, heading))
    return kept if len(kept) >= 2 else []


# --- pdf_pages.py --------------------------------------------------------------


def _group_lines(page: int, runs: list[Run], width: float) -> list[Line]:
    """Runs sharing a baseline (within a third of the font size) form a line."""
    lines: list[Line] = []
    for run in sorted(runs, key=lambda r: (-r.baseline, r.x0)):
        for line in reversed(lines[-3:]):
            if abs(line.baseline - run.baseline) <= 0.35 * max(run.size, line.size):
                line.runs.append(run)
                break
        else:
            lines.append(Line(page, [run], width))
    for line in lines:
        line.runs.sort(key=lambda r: r.x0)
        _join_runs(line)
    lines.sort(key=lambda line: (-line.baseline, line.x0))
    return lines
