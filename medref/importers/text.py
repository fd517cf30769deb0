"""Plain-text minutes: the front end that splits lines into blocks.

Plain-text minutes (as ESDH systems export them, and as the examples are
written) put every paragraph on one line and separate blocks by blank lines.
Lines starting "- " are bullets (indentation nests them), "1. " numbered
items, and lines with tabs are table rows.
"""

from __future__ import annotations

import re

from medref.documents import BulletList, ListItem, Paragraph, Table

from . import vocabulary as vocab
from .blocks import RawBlock, clean_inline
from .dates import starts_with_date

# One pattern for both kinds of list line: a bullet ("o" with two spaces or a
# tab after it is Word's second-level bullet as exported text) or a number.
# Their first characters differ, so at most one alternative can match.
_LIST_LINE = re.compile(
    r"^(?P<indent>[ \t]*)"
    r"(?:[-•*–]\s+|o(?:\s{2,}|\t)\s*|(?P<number>\d{1,3}[.)]\s+))"
    r"(?P<text>\S.*)$"
)
# The first characters a list line can start with, for a test before the pattern.
_LIST_START = frozenset("-•*–o0123456789")


def _list_line(line: str) -> tuple[int, bool, str] | None:
    """(indent, ordered, text) for a list line (right-stripped), else None."""
    match = _LIST_LINE.match(line)
    if match is None:
        return None
    if match["number"] is not None and starts_with_date(line.lstrip()):
        return None
    return (
        len(match["indent"].expandtabs(4)),
        match["number"] is not None,
        clean_inline(match["text"]),
    )


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
    count = len(lines)
    i = 0
    while i < count:
        # Cleaning folds inner whitespace runs, so the stripped line cleans
        # to the same text as the line itself.
        body = lines[i].strip()
        if not body:
            i += 1
            continue
        start = i + 1
        # The list and table tests, inlined: most lines are paragraphs.
        item = _list_line(lines[i].rstrip()) if body[0] in _LIST_START else None
        if item is not None:
            ordered = item[1]
            entries: list[tuple[int, str]] = []
            raw: list[str] = []
            while item is not None:
                entries.append((item[0], item[2]))
                raw.append(lines[i].strip())
                i += 1
                item = _list_line(lines[i].rstrip()) if i < count else None
            blocks.append(RawBlock(start, BulletList(_build_list(entries), ordered), tuple(raw)))
            continue
        if "\t" in body:
            rows: list[tuple[str, ...]] = []
            raw = []
            while i < count and "\t" in (row := lines[i].strip()):
                rows.append(tuple([clean_inline(cell) for cell in row.split("\t")]))
                raw.append(row)
                i += 1
            blocks.append(RawBlock(start, Table(tuple(rows)), tuple(raw)))
            continue
        # A paragraph. Most lines are clean already: printable (no whitespace
        # but the space) and without a double space; those skip the cleaning.
        if "   " in body and (column := _LABEL_COLUMN.match(body)) is not None:
            label = column["label"]
            if vocab.known_heading(label.rstrip(":").casefold()) is not None:
                # "Indstilling          HR-chefen indstiller, at …" (pdftotext -layout): the
                # section's heading in a column of its own, its text beside it.
                blocks.append(RawBlock(start, Paragraph(label), (label,)))
                body = column["rest"]
        if not body.isprintable() or "  " in body:
            body = clean_inline(body)
        blocks.append(RawBlock(start, Paragraph(body), (body,)))
        i += 1
    return blocks


# A label, three spaces or more, then text: a two-column layout kept by pdftotext.
_LABEL_COLUMN = re.compile(r"^(?P<label>[A-ZÆØÅ][\w ,/&-]{2,40}?:?)\s{3,}(?P<rest>\S.*)$")
