"""Markdown minutes: the front end, on pyromark (pulldown-cmark: CommonMark plus tables).

pulldown-cmark is a Rust pull parser, ~15× faster here than markdown-it-py
(see bench/parse.py), and it reports source ranges, so errors can name lines.

Heading levels carry no structure in real minutes (``## HovedMED`` stands at
the level of ``## Punkt 12``), so headings become plain heading blocks and
the structure reader decides what they are. In files, bold and emphasis are
dropped (minutes use bold for labels and headings, which the structure
reader must see bare); the section editor asks for them
(``markdown_blocks(text, emphasis=True)``) and gets body text with
``**fed**``/``*kursiv*`` as ``documents.inline`` writes it. Links are kept in
the inline ``[text](url)`` form of the document model.

Events are pyromark's: a name ("SoftBreak") or a one-key dict ({"Text": …},
{"Start": "Paragraph"}, {"Start": {"Heading": {…}}}, {"End": …}). The loops
below take them apart by hand rather than through helpers: they run once
per event and were most of the importer's time.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from itertools import chain
from typing import Any

import pyromark

from medref.documents import BulletList, Heading, ListItem, Paragraph, Table
from medref.documents.inline import Run, render_inline

from .blocks import RawBlock, clean_inline

# Adjacent text events merged by pyromark: the loops only ever concatenate them.
_MARKDOWN = pyromark.Markdown(options=pyromark.Options.ENABLE_TABLES)

Events = Iterator[tuple[Any, Any]]


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


def _started(start: Any) -> tuple[str, Any]:
    """(name, payload) of a Start event's value; a missing payload is True (as in ``_tag``)."""
    if type(start) is str:
        return start, True
    for name, payload in start.items():
        return name, True if payload is None else payload
    return "", None


def _inline(events: Events, until: str) -> str:
    """Inline text up to the End of ``until``; breaks become newlines."""
    parts: list[str] = []
    links: list[str] = []
    for event, _ in events:
        if type(event) is str:
            if event == "SoftBreak" or event == "HardBreak":
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


def _inline_rich(events: Events, until: str) -> str:
    """As ``_inline``, with bold and emphasis kept as ``documents.inline`` markers."""
    runs: list[Run] = []
    bold = italic = 0
    links: list[str] = []

    def add(text: str) -> None:
        runs.append(Run(text, bold > 0, italic > 0))

    for event, _ in events:
        if type(event) is str:
            if event == "SoftBreak" or event == "HardBreak":
                add("\n")
            continue
        if "Text" in event:
            add(event["Text"])
        elif "Code" in event:
            add(event["Code"])
        elif "End" in event:
            end = event["End"]
            if end == until or (type(end) is dict and until in end):
                break
            if end == "Link":
                add(f"]({links.pop()})")
            elif end == "Strong":
                bold -= 1
            elif end == "Emphasis":
                italic -= 1
        elif "Start" in event:
            name, payload = _started(event["Start"])
            if name == "Link":
                links.append(payload["dest_url"])
                add("[")
            elif name == "Strong":
                bold += 1
            elif name == "Emphasis":
                italic += 1
    return render_inline(runs)


Inline = Callable[[Events, str], str]
_EMPHASIS_MARKERS = {"Strong": "**", "Emphasis": "*"}


def _list(events: Events, ordered: bool, inline: Inline = _inline) -> tuple[ListItem, ...]:
    """Items up to the End of the list; an item's paragraphs are joined."""
    rich = inline is _inline_rich
    items: list[ListItem] = []
    texts: list[str] = []
    children: list[ListItem] = []
    for event, _ in events:
        if type(event) is str:
            if event == "SoftBreak" or event == "HardBreak":
                texts.append(" ")
            continue
        if "Text" in event:
            # A tight list's item text arrives without a Paragraph around it.
            texts.append(render_inline([Run(event["Text"])]) if rich else event["Text"])
        elif "Start" in event:
            name, payload = _started(event["Start"])
            if name == "Item" and payload:
                texts, children = [], []
            elif name == "List":
                children.extend(_list(events, payload is not True, inline))
            elif name == "Paragraph" and payload:
                texts.extend((" ", inline(events, "Paragraph"), " "))
            elif name == "Link":
                texts.append(f"[{inline(events, 'Link')}]({payload['dest_url']})")
            elif rich and name in _EMPHASIS_MARKERS:
                marker = _EMPHASIS_MARKERS[name]
                texts.append(f"{marker}{inline(events, name)}{marker}")
        elif "End" in event:
            end = event["End"]
            if end == "List" or (type(end) is dict and "List" in end):
                break
            if end == "Item" or (type(end) is dict and "Item" in end):
                items.append(ListItem(clean_inline("".join(texts)), tuple(children)))
        elif "Code" in event:
            texts.append(event["Code"])
    return tuple(items)


def _table(events: Events, inline: Inline = _inline) -> Table:
    rows: list[tuple[str, ...]] = []
    cells: list[str] = []
    for event, _ in events:
        if _is_end(event, "Table"):
            break
        if _tag(event, "TableCell"):
            cells.append(clean_inline(inline(events, "TableCell")))
        elif _is_end(event, "TableHead") or _is_end(event, "TableRow"):
            rows.append(tuple(cells))
            cells = []
    return Table(tuple(rows))


def _paragraph(line: int, raw: str) -> RawBlock:
    """A paragraph block; its lines are the source lines, stripped, blank ones dropped."""
    cleaned = clean_inline(raw)
    if cleaned == raw:  # one line without outer whitespace (the usual case): its only line
        return RawBlock(line, Paragraph(raw), (raw,))
    if "\n" in raw:
        lines = tuple([stripped for part in raw.split("\n") if (stripped := part.strip())])
    else:
        stripped = raw.strip()
        lines = (stripped,) if stripped else ()
    return RawBlock(line, Paragraph(cleaned), lines or (cleaned,))


def _block_text(events: Events, inline: Inline, until: str) -> str:
    """The inline text of a paragraph or heading, up to the End of ``until``.

    Most are a single text event (pyromark merges adjacent ones): that text
    is read here without the inline loop. Anything else goes to ``inline``
    with the events already read put back in front.
    """
    head = next(events)
    if inline is _inline and type(head[0]) is dict and "Text" in head[0]:
        text: str = head[0]["Text"]
        after = next(events)
        # The only element open after a bare text is the block itself.
        if type(after[0]) is dict and "End" in after[0]:
            return text
        return text + inline(chain((after,), events), until)
    return inline(chain((head,), events), until)


# A pandoc YAML metadata block first in the file ("---" / "title: Referat" / "---"): a
# Word document's title and subtitle (its committee) and date, in that order.
_FRONT_MATTER = re.compile(
    r"\A---[ \t]*\n(?P<body>(?:[^\n]*\n){1,40}?)(?:---|\.\.\.)[ \t]*(?:\n|\Z)"
)
_META_LINE = re.compile(r"^(?P<key>title|subtitle|date):[ \t]*(?P<value>\S.*?)[ \t]*$", re.M)
_META_ORDER = ("title", "subtitle", "date")


def _front_matter(text: str) -> tuple[list[RawBlock], str]:
    """The metadata block's title lines as blocks, and the text with the block blanked
    out (so that line numbers still count from the top of the file)."""
    found = _FRONT_MATTER.match(text)
    if found is None:
        return [], text
    values = {m["key"]: m["value"].strip("'\"") for m in _META_LINE.finditer(found["body"])}
    blocks = [
        RawBlock(1 + i, Paragraph(clean_inline(values[key])), (clean_inline(values[key]),))
        for i, key in enumerate(k for k in _META_ORDER if values.get(k))
    ]
    blank = "\n" * found.group().count("\n")
    return blocks, blank + text[found.end() :]


# pandoc's own tables (what `pandoc -t markdown` writes for a Word table): rows of cells
# aligned under runs of dashes, between rules of dashes.
_RULE = re.compile(r"^[ \t]*-{3,}(?:[ \t]+-{3,})*[ \t]*$")
_RUN = re.compile(r"-{3,}")
_GRID_BORDER_LINE = re.compile(r"^\+-{3,}", re.M)
_RULE_LINE = re.compile(r"^[ \t]*-{3,}(?:[ \t]+-{3,})*[ \t]*$", re.M)
_PANDOC_SPAN = re.compile(r"\[(?P<text>[^\[\]\n]*)\]\{[^{}\n]*\}")
_PANDOC_RAW_HTML = re.compile(r"^```\{=html\}\n(?P<html>(?:.*\n){0,5}?)```[ \t]*$", re.M)
# (The literal first: a pattern that opens with a look-behind is tried at every position.)
_PANDOC_DASH = re.compile(r"--(?=[ \d])")


def _en_dash(match: re.Match[str]) -> str:
    at = match.start()
    before = match.string[at - 1] if at else ""
    return "–" if before == " " or before.isdigit() else match.group()


def _grid_table(lines: list[str], i: int) -> tuple[list[str], int] | None:
    """A pandoc grid table from line ``i`` ("+----+----+" / "| a  | b  |" …) as a pipe
    table, and the line after it; a cell's paragraphs are joined by "; "."""
    border = lines[i]
    cuts = [k for k, char in enumerate(border) if char == "+"]
    if len(cuts) < 3:
        return None
    end = i + 1
    rows: list[list[list[str]]] = []
    current: list[list[str]] = [[] for _ in cuts[1:]]
    while end < len(lines) and lines[end][:1] in "|+":
        line = lines[end]
        if _GRID_BORDER.match(line):
            if any(current):
                rows.append(current)
            current = [[] for _ in cuts[1:]]
        else:
            for k in range(len(cuts) - 1):
                current[k].append(line[cuts[k] + 1 : cuts[k + 1]].strip())
        end += 1
    if not rows:
        return None
    cells: list[list[str]] = []
    for row in rows:
        joined: list[str] = []
        for parts in row:
            paragraphs = " ".join(p if p else "\n" for p in parts).split("\n")
            joined.append("; ".join(" ".join(p.split()) for p in paragraphs if p.strip()))
        cells.append(joined)
    width = len(cuts) - 1
    piped = [f"| {' | '.join(c).replace(chr(124) + chr(124), '')} |" for c in cells]
    table = [piped[0], "|" + "---|" * width, *piped[1:]]
    span = end - i
    return table[:span] + [""] * (span - len(table)), end


_GRID_BORDER = re.compile(r"^[ \t]*\+(?:[-=:]+\+)+[ \t]*$")


def _pandoc_tables(text: str) -> str:
    """The text with pandoc's simple, multiline and grid tables written as pipe tables
    (which the Markdown reader knows); each table keeps its lines, so line numbers hold."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line[:2] == "+-" and _GRID_BORDER.match(line) and (grid := _grid_table(lines, i)):
            out.extend(grid[0])
            i = grid[1]
            continue
        if not (_RULE.match(line) and i + 1 < len(lines) and lines[i + 1].strip()):
            out.append(line)
            i += 1
            continue
        end = i + 1
        while end < len(lines) and not (
            _RULE.match(lines[end]) and (end + 1 == len(lines) or not lines[end + 1].strip())
        ):
            end += 1
        if end == len(lines):  # no closing rule: not a table
            out.append(line)
            i += 1
            continue
        table = _pipe_table(line, lines[i + 1 : end])
        if table is None:  # one column: a setext heading or rules, not a table
            out.append(line)
            i += 1
            continue
        span = end - i + 1
        out.extend(table[:span] + [""] * (span - len(table)))
        i = end + 1
    return "\n".join(out)


def _pipe_table(top: str, body: list[str]) -> list[str] | None:
    columns = [m.start() for m in _RUN.finditer(top)]
    inner = next((k for k, row in enumerate(body) if _RULE.match(row)), None)
    header: list[list[str]] = []
    if inner is not None:
        columns = [m.start() for m in _RUN.finditer(body[inner])]
        header, body = [body[:inner]], body[inner + 1 :]
    if len(columns) < 2:
        return None
    rows: list[list[str]] = []
    if any(not row.strip() for row in body):  # multiline: rows set apart by blank lines
        current: list[str] = []
        for row in [*body, ""]:
            if row.strip():
                current.append(row)
            elif current:
                rows.append(current)
                current = []
    else:
        rows = [[row] for row in body]
    cells = [_row_cells(row, columns) for row in [*header, *rows]]
    if not cells:
        return None
    width = len(columns)
    piped = [f"| {' | '.join(c)} |" for c in cells]
    return [piped[0], "|" + "---|" * width, *piped[1:]]


def _row_cells(lines: list[str], columns: list[int]) -> list[str]:
    cells: list[str] = []
    for k, start in enumerate(columns):
        finish = columns[k + 1] if k + 1 < len(columns) else None
        parts = [line[start:finish].strip() for line in lines]
        cells.append(" ".join(p for p in parts if p).replace("|", "\\|"))
    return cells


def from_pandoc(text: str) -> tuple[list[RawBlock], str]:
    """What pandoc's own Markdown (a Word file exported with `pandoc -t markdown`) says
    beyond CommonMark: its metadata block's title lines as blocks, and the text with its
    simple and multiline tables as pipe tables and its "--" as en dashes."""
    meta, text = _front_matter(text) if text[:3] == "---" else ([], text)
    if "---" in text and (_RULE_LINE.search(text) or _GRID_BORDER_LINE.search(text)):
        text = _pandoc_tables(text)
    if "--" in text:
        # pandoc writes an en dash as "--" ("2025 -- tidsplan", "13.00--15.30").
        text = _PANDOC_DASH.sub(_en_dash, text)
    if "]{" in text:
        text = _PANDOC_SPAN.sub(r"\g<text>", text)  # "[Referat:]{.underline}": underlined
    if "{=html}" in text:
        # "```{=html}" / "<!-- -->" / "```": pandoc's raw HTML, which keeps two lists apart;
        # the HTML itself, on the fence lines' places, does the same in CommonMark.
        text = _PANDOC_RAW_HTML.sub(lambda m: f"\n{m['html']}\n", text)
    return meta, text


def markdown_blocks(text: str, *, emphasis: bool = False) -> list[RawBlock]:
    """The blocks of a Markdown text; ``emphasis``: keep bold and italic as markers."""
    inline: Inline = _inline_rich if emphasis else _inline
    meta, text = from_pandoc(text)
    data = text.encode("utf-8")
    # Block starts come in source order, so a block's line is the last
    # block's line plus the newlines between their byte offsets.
    offset, line = 0, 1
    blocks: list[RawBlock] = meta
    payload: Any  # True, or a Start event's payload (a dict); compiled, a bool would be checked
    events: Events = iter(_MARKDOWN.events_with_range(text, merge_text=True))
    for event, span in events:
        if type(event) is not dict or "Start" not in event:
            continue
        start = event["Start"]
        if start == "Paragraph":  # most blocks: skip taking the event apart
            name, payload = start, True
        else:
            name, payload = _started(start)
            # A payload is a list's first number (0 for "0."): any List counts.
            if not payload and name != "List":
                continue
        at = span["start"]
        if at < offset:
            offset, line = 0, 1
        line += data.count(b"\n", offset, at)
        offset = at
        if name == "Paragraph":
            blocks.append(_paragraph(line, _block_text(events, inline, "Paragraph")))
        elif name == "Heading":
            cleaned = clean_inline(_block_text(events, inline, "Heading"))
            blocks.append(RawBlock(line, Heading(cleaned), (cleaned,), True))
        elif name == "List":
            ordered = payload is not True
            items = _list(events, ordered, inline)
            if ordered:
                # The list's own numbers ("3.  Sygefravær" alone: item 3, not an entry).
                first = payload if type(payload) is int else 1
                raw_lines = tuple([f"{first + i}. {item.text}" for i, item in enumerate(items)])
            else:
                raw_lines = tuple([f"- {item.text}" for item in items])
            blocks.append(RawBlock(line, BulletList(items, ordered), raw_lines))
        elif name == "Table":
            table = _table(events, inline)
            blocks.append(RawBlock(line, table, tuple(["\t".join(r) for r in table.rows])))
        elif name == "CodeBlock":
            code = _inline(events, "CodeBlock")
            for number, part in enumerate(code.splitlines(), start=line + 1):
                if part.strip():
                    cleaned = clean_inline(part)
                    blocks.append(RawBlock(number, Paragraph(cleaned), (cleaned,)))
        # Block quotes are read through; rules and raw HTML carry no text.
    return blocks
