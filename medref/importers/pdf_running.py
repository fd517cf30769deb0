"""Running headers, footers and page numbers of a PDF, dropped before the text is read."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from . import vocabulary as vocab
from .pdf_lines import Line, Page

_PAGE_NUMBER = re.compile(
    r"^(?:-\s*\d+\s*-|(?:side|page|s\.)?\s*\d+(?:\s*(?:af|of|/)\s*\d+)?)$", re.IGNORECASE
)
_DIGITS = re.compile(r"\d+")
_BARE_NUMBER = re.compile(r"^\s*-?\s*\d+\s*-?\s*$")


def _edge_lines(page: Page) -> Iterable[Line]:
    """The two top and two bottom lines: where headers and footers stand."""
    if len(page.lines) <= 4:
        return page.lines
    return [*page.lines[:2], *page.lines[-2:]]


def _key(line: Line) -> tuple[str, int]:
    return _DIGITS.sub("#", line.text.casefold()), round(line.baseline / 3)


def _needed(line: Line) -> bool:
    """Lines the structure reader needs even when they repeat page after page."""
    text = " ".join(line.cells)
    return bool(vocab.ITEM_HEADING.match(text) or vocab.CASE_NUMBER.match(text))


def _is_page_number(text: str, pages: int) -> bool:
    """ "Side 3 af 14", "3/14", "- 3 -", "3", but not a year standing alone."""
    text = " ".join(text.split())
    numbers = [int(n) for n in _DIGITS.findall(text)]
    return bool(_PAGE_NUMBER.match(text)) and all(n <= max(pages, 1) * 2 for n in numbers)


def strip_running(pages: list[Page]) -> None:
    """Drop running headers/footers and page numbers, in place.

    A running line repeats at the same height on most pages, its digits
    aside ("Side 3 af 14"); a bare page number stands at a page's top or foot.
    """
    counts: Counter[tuple[str, int]] = Counter()
    for page in pages:
        counts.update({_key(line) for line in _edge_lines(page)})
    threshold = max(2, (len(pages) + 1) // 2)
    numbered = _numbered_lines(pages)
    for page in pages:
        edge = {id(line) for line in _edge_lines(page)}
        page.lines = [
            line
            for line in page.lines
            if id(line) not in edge
            or _needed(line)
            or not (counts[_key(line)] >= threshold or id(line) in numbered)
        ]
        if page.lines and _is_small_print_header(page, page.lines[0]):
            page.lines = page.lines[1:]


def _is_small_print_header(page: Page, line: Line) -> bool:
    """The first line of a page in the top margin, in print much smaller than the text.

    A running header is found by repeating; a one-page print has nothing to
    repeat, but its header ("Eksempel Kommune · Referat", a browser's title
    and date) stands apart in the margin in a small font all the same.
    """
    if line.baseline < 0.92 * page.height or len(page.lines) < 4 or _needed(line):
        return False
    sizes: Counter[float] = Counter()
    for other in page.lines[1:]:
        sizes[round(other.size * 2) / 2] += len(other.text)
    body = sizes.most_common(1)[0][0]
    return line.size <= 0.75 * body and line.baseline - page.lines[1].baseline > 2 * line.size


def _numbered_lines(pages: list[Page]) -> set[int]:
    """The edge lines that are page numbers ("Side 3 af 14", "- 3 -", "3").

    A bare number is a page number only when it counts the pages: its
    distance to the page's own number is the one most bare numbers share,
    and the page has no worded page number ("Side 1 af 2") already. The
    number of the next item standing alone at the foot of a page is not.
    """
    found: set[int] = set()
    bare: list[tuple[int, int]] = []  # (line id, number - page number)
    for page in pages:
        band = 0.15 * page.height
        edge = [
            line
            for line in _edge_lines(page)
            if (line.baseline < band or line.baseline > page.height - band)
            and _is_page_number(line.text, len(pages))
        ]
        worded = [line for line in edge if not _BARE_NUMBER.match(line.text)]
        found.update(id(line) for line in worded)
        if not worded:
            for line in edge:
                bare.append((id(line), int(_DIGITS.findall(line.text)[0]) - page.number))
    if not bare:
        return found
    offsets = Counter(offset for _, offset in bare)
    offset, support = max(offsets.items(), key=lambda o: (o[1], -abs(o[0])))
    if support >= 2 or offset == 0 or len(pages) == 1:
        found.update(line for line, o in bare if o == offset)
    return found
