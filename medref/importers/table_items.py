"""Minutes written as one table, a row per item ("Punkt | Emne | Referat | Ansvarlig").

Many MED committees keep their minutes in a Word table: the item's number and
title in the first columns, what was said and decided in the next, who follows
up in the last. Such a table is the document's item list, so it is read as
items: each row becomes the item's heading ("2. Sygefravær") followed by one
section per filled cell, headed by its column's name ("Referat", "Ansvarlig").
A table whose rows are not numbered items in sequence is left as it is.
"""

from __future__ import annotations

import itertools
import re
from typing import Final

from medref.documents import Heading, Paragraph, Table

from . import cues
from . import vocabulary as vocab
from .blocks import RawBlock, clean_inline

# A cell holding only the item's number: "1", "1.", "Pkt. 1", "Punkt 1".
_NUMBER_CELL: Final = re.compile(r"^(?:punkt|pkt\.?|nr\.?)?\s*(?P<number>\d{1,4})[.)]?$", re.I)


def _row_item(cells: tuple[str, ...]) -> tuple[int, str, int] | None:
    """(number, title, index of the first cell after the title) of an item row."""
    first = clean_inline(cells[0]) if cells else ""
    numbered = _NUMBER_CELL.match(first)
    if numbered and len(cells) > 1:
        title = clean_inline(cells[1])
        if title[:1].isupper() and len(title) <= 200:
            return int(numbered["number"]), title, 2
        return None
    cue = cues.item_cue(first, explicit=True) if first else None
    if cue is not None:
        return cue.number, cue.title, 1
    return None


def _item_table(block: RawBlock, rows: tuple[tuple[str, ...], ...]) -> list[RawBlock] | None:
    """One item kept as a table of its own, a label and its text a row: "Punkt 3 |
    Sygefravær", "Sagsnr. | 25/04418", "Referat | …". The heading and the label/text
    pairs as the blocks a page with headings would give."""
    if len(rows) < 2 or any(len(row) != 2 for row in rows):
        return None
    cue = cues.item_cue(clean_inline(" ".join(rows[0])), explicit=True)
    if cue is None or _NUMBER_CELL.match(clean_inline(rows[0][0])) is None:
        return None
    labels = [clean_inline(label).rstrip(":") for label, _ in rows[1:]]
    if any(not label or len(label) > 40 for label in labels):
        return None
    heading = f"{cue.number}. {clean_inline(rows[0][1])}"
    out = [RawBlock(block.line, Heading(heading), (heading,), True)]
    for label, (_, value) in zip(labels, rows[1:], strict=True):
        text = clean_inline(value)
        if not text:
            continue
        as_line = f"{label}: {text}"
        if cues.case_line(as_line) is not None:
            out.append(RawBlock(block.line, Paragraph(as_line), (as_line,)))
            continue
        out.append(RawBlock(block.line, Heading(label), (label,), True))
        out.append(RawBlock(block.line, Paragraph(text), (text,), cell=True))
    return out


def _label_rows(block: RawBlock, rows: tuple[tuple[str, ...], ...]) -> list[RawBlock] | None:
    """A layout table of labels and values ("Sagsnr: | 09/4411", "Mødedato | 3. juni",
    "Formål | Beslutning"): labelled lines, or a section heading and its text."""
    pairs = [
        (clean_inline(r[0]).rstrip(":").strip(), clean_inline(r[1])) for r in rows if len(r) == 2
    ]
    if len(pairs) != len(rows) or not all(
        label and len(label) <= 30 and _known_label(label, value) for label, value in pairs
    ):
        return None
    out: list[RawBlock] = []
    for label, value in pairs:
        line = f"{label}: {value}"
        if cues.case_line(line) is None and cues.heading_kind(label) is not None and value:
            out.append(RawBlock(block.line, Heading(label), (label,), True))
            out.append(RawBlock(block.line, Paragraph(value), (value,), cell=True))
        else:
            out.append(RawBlock(block.line, Paragraph(line), (line,)))
    return out


def _known_label(label: str, value: str) -> bool:
    return (
        cues.heading_kind(label) is not None
        or cues.case_line(f"{label}: {value}") is not None
        or vocab.header_field(f"{label}: {value}") is not None
    )


def table_items(block: RawBlock) -> list[RawBlock] | None:
    """The items a minutes table holds, as heading and section blocks; None for any
    other table."""
    inner = block.block
    if not isinstance(inner, Table):
        return None
    if (labelled := _label_rows(block, inner.rows)) is not None:
        return labelled
    if len(inner.rows) < 2:
        return None
    if (one := _item_table(block, inner.rows)) is not None:
        return one
    rows = inner.rows
    header: tuple[str, ...] = ()
    if _row_item(rows[0]) is None:
        header, rows = rows[0], rows[1:]
    items = [(_row_item(row), row) for row in rows if any(cell.strip() for cell in row)]
    numbers = [found[0] for found, _ in items if found is not None]
    if (
        len(numbers) < 2
        # A row between items that is none ("PAUSE | Kl. 19.30-19.45") belongs to the item
        # above it; more such rows than items make it some other table.
        or items[0][0] is None
        or 2 * len(numbers) <= len(items)
        or any(b <= a for a, b in itertools.pairwise(numbers))
    ):
        return None
    said = [
        cell
        for found, row in items
        if found is not None
        for cell in row[found[2] :]
        if len(cell.strip()) > 3 and not cell.strip().isdecimal()
    ]
    if not said:
        return None  # "1 | Godkendelse af dagsorden | 3": a contents table, titles and pages
    out: list[RawBlock] = []
    for found, row in items:
        rest = 0
        if found is not None:
            number, title, rest = found
            heading = f"{number}. {title}"
            out.append(RawBlock(block.line, Heading(heading), (heading,), True))
        for column in range(rest, len(row)):
            text = clean_inline(row[column])
            if not text:
                continue
            name = clean_inline(header[column]) if column < len(header) else ""
            if name:
                out.append(RawBlock(block.line, Heading(name), (name,), True))
            out.append(RawBlock(block.line, Paragraph(text), (text,)))
    return out
