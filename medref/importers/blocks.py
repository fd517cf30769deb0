"""What a format's front end hands to the structure reader.

A front end (text, Markdown, later DOCX/HTML/PDF) only splits a file into
blocks with their source line; ``structure.read_document`` decides what the
blocks mean. Keeping that split is what lets every format share one reading
of headers, items, sections and attendance.
"""

from __future__ import annotations

from typing import NamedTuple

from medref.documents import Block, Heading, Paragraph


def clean_inline(text: str) -> str:
    """One line of inline text: whitespace runs folded, ends stripped."""
    # Most lines are clean already. A printable string holds no whitespace
    # but the ASCII space, so without a double or an outer space it is its
    # own cleaned form; checking that is cheaper than splitting and joining.
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())


class RawBlock(NamedTuple):
    """A block of the source.

    ``lines`` are its physical lines (the header and table of contents are
    read line by line); ``block`` is its body form. ``explicit_heading`` is
    true when the format marks it as a heading (Markdown ``#``). ``line`` is
    the 1-based line in the source (for binary formats: in the text the
    front end extracted, counted the same way), used in error messages.

    A named tuple rather than a frozen dataclass: just as immutable, and a
    parse makes one per block, where a frozen dataclass's ``__init__`` (one
    ``object.__setattr__`` per field) was a measurable part of the time.
    """

    line: int
    block: Block
    lines: tuple[str, ...]
    explicit_heading: bool = False
    # The page it stands on, for paged formats (PDF); None elsewhere.
    page: int | None = None
    # A marked heading's level where the format's template sets it (HTML's h1-h6); 0 where
    # levels are typed by hand (Markdown, Word) and say nothing of the structure.
    level: int = 0
    # A table cell's text under its row's label (table_items): text, never a heading.
    cell: bool = False

    @property
    def text(self) -> str:
        """The block's text when it is a single paragraph or heading, else ""."""
        if isinstance(self.block, Paragraph | Heading):
            return self.block.text
        return ""


def paragraph(line: int, text: str, lines: tuple[str, ...] | None = None) -> RawBlock:
    cleaned = clean_inline(text)
    return RawBlock(line, Paragraph(cleaned), lines or (cleaned,))


def heading(line: int, text: str, level: int = 0) -> RawBlock:
    cleaned = clean_inline(text)
    return RawBlock(line, Heading(cleaned), (cleaned,), True, None, level)
