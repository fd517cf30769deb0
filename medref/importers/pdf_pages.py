"""PDF pages -> positioned text lines, on PDFium (pypdfium2).

PDFium already groups a page's characters into text runs ("rects": one per
stretch of a line without a large gap). Asking for the runs costs a few
calls per line instead of several per character, which is what keeps the
import near ``pdftotext`` speed (see ``medref.importers.pdf``). A run's text
is cut from the page text by character index, never by its box: boxes of
neighbouring runs overlap and would duplicate letters.

Coordinates are PDF points with y growing upwards; ``baseline`` orders lines.

Links: a link annotation with a URI action wraps the characters under its
rectangle as ``[text](uri)``, the model's inline link. WeasyPrint writes
``href="#"`` as exactly such a URI action ("#"), and ESDH exports write
their http(s) links the same way. Annotations that jump to a place in the
document (GoTo destinations) are left out: in minutes they are navigation,
the table of contents' entries, whose text is a title and not a link. A
link broken over two lines is one annotation per line; the pieces join
again when only whitespace lies between them.
"""

from __future__ import annotations

import ctypes
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]

from . import vocabulary as vocab

# A run this far (in font sizes) from the previous one on its line is another column.
COLUMN_GAP = 1.0
# PDFium reports a hyphen that ends a line as U+0002.
LINE_END_HYPHEN = "\x02"
_PAGE_NUMBER = re.compile(
    r"^(?:-\s*\d+\s*-|(?:side|page|s\.)?\s*\d+(?:\s*(?:af|of|/)\s*\d+)?)$", re.IGNORECASE
)
_DIGITS = re.compile(r"\d+")
_BARE_NUMBER = re.compile(r"^\s*-?\s*\d+\s*-?\s*$")
_MARKER = re.compile(r"^\s*(?:\d{1,3}[.)]|[•▪◦·\uf0b7\uf0a7])\s*$")


@dataclass(slots=True)
class Run:
    """A stretch of text on one line (PDFium's text rect)."""

    x0: float
    x1: float
    bottom: float
    top: float
    baseline: float
    size: float
    bold: bool
    index: int
    text: str = ""
    # Where the run's first word ends (to tell a wrapped line from a hard break).
    first_word_x1: float = 0.0


@dataclass(slots=True)
class Line:
    page: int  # 1-based
    runs: list[Run]
    page_width: float = 0.0
    text: str = ""
    cells: list[str] = field(default_factory=list)
    # The x where each cell starts (for column alignment).
    cell_x: list[float] = field(default_factory=list)
    # (baseline, top, size, bold) once the line's runs are final (``freeze``):
    # layout asks for them thousands of times per document.
    frozen: tuple[float, float, float, bool] | None = field(default=None, repr=False)

    def freeze(self) -> None:
        """Compute the properties below once; the runs must not change after this."""
        runs = self.runs
        self.frozen = (
            min(run.baseline for run in runs),
            max(run.top for run in runs),
            max(run.size for run in runs),
            all(run.bold for run in runs if run.text.strip()),
        )

    @property
    def x0(self) -> float:
        return self.runs[0].x0

    @property
    def x1(self) -> float:
        return self.runs[-1].x1

    @property
    def baseline(self) -> float:
        if self.frozen is not None:
            return self.frozen[0]
        return min(run.baseline for run in self.runs)

    @property
    def top(self) -> float:
        if self.frozen is not None:
            return self.frozen[1]
        return max(run.top for run in self.runs)

    @property
    def size(self) -> float:
        if self.frozen is not None:
            return self.frozen[2]
        return max(run.size for run in self.runs)

    @property
    def bold(self) -> bool:
        if self.frozen is not None:
            return self.frozen[3]
        return all(run.bold for run in self.runs if run.text.strip())


@dataclass(slots=True)
class Rules:
    """A page's thin horizontal and vertical drawn lines (table borders)."""

    horizontal: list[tuple[float, float, float]] = field(default_factory=list)  # y, x0, x1
    vertical: list[tuple[float, float, float]] = field(default_factory=list)  # x, y0, y1
    # Small square shapes: list bullets a browser draws instead of printing "•".
    dots: list[tuple[float, float, float, float]] = field(default_factory=list)


@dataclass(slots=True)
class Page:
    number: int
    width: float
    height: float
    lines: list[Line]
    rules: Rules
    chars: int


def _bold(textpage: ctypes.c_void_p, index: int) -> bool:
    weight = pdfium_c.FPDFText_GetFontWeight(textpage, index)
    if weight > 0:
        return bool(weight >= 600)
    flags = ctypes.c_int()
    size = pdfium_c.FPDFText_GetFontInfo(textpage, index, None, 0, ctypes.byref(flags))
    if size <= 0:
        return False
    buffer = ctypes.create_string_buffer(size)
    pdfium_c.FPDFText_GetFontInfo(textpage, index, buffer, size, ctypes.byref(flags))
    return b"bold" in buffer.value.lower()


_SPACE = re.compile(r"\s")  # \s is str.isspace() (both are Py_UNICODE_ISSPACE)


def _word_end(
    textpage: ctypes.c_void_p, run: Run, box: list[ctypes.c_double], refs: list[Any]
) -> float:
    """Where the run's first word ends; ``box`` is four doubles to reuse, ``refs`` theirs."""
    stripped = run.text.lstrip()
    space = _SPACE.search(stripped)
    if space is None:
        return run.x1
    index = run.index + len(run.text) - len(stripped) + space.start()
    if not pdfium_c.FPDFText_GetCharBox(textpage, index, *refs):
        return run.x1
    return min(run.x1, max(run.x0, box[0].value))


def _last_char_x1(
    textpage: ctypes.c_void_p, run: Run, box: list[ctypes.c_double], refs: list[Any]
) -> float:
    """Where the run's text really ends.

    PDFium's rectangles may overlap (Chromium prints a word across two text
    objects: "Taget til eft" over "fter"); a rectangle whose first character
    was another's is skipped, and the run before it takes its text but not
    its width. Measuring the last character keeps "ef" + "ter" one word.
    """
    stripped = run.text.rstrip()
    if not stripped:
        return run.x1
    if not pdfium_c.FPDFText_GetCharBox(textpage, run.index + len(stripped) - 1, *refs):
        return run.x1
    return max(run.x1, box[1].value)


Link = tuple[tuple[float, float, float, float], str]  # (left, bottom, right, top), uri


def _uri_links(document: pdfium.PdfDocument, page: pdfium.PdfPage) -> list[Link]:
    """The page's link annotations that open a URI (see the module docstring)."""
    links: list[Link] = []
    position = ctypes.c_int(0)
    link = pdfium_c.FPDF_LINK()
    rect = pdfium_c.FS_RECTF()
    while pdfium_c.FPDFLink_Enumerate(page.raw, ctypes.byref(position), ctypes.byref(link)):
        action = pdfium_c.FPDFLink_GetAction(link)
        if not action or pdfium_c.FPDFAction_GetType(action) != pdfium_c.PDFACTION_URI:
            continue
        size = pdfium_c.FPDFAction_GetURIPath(document.raw, action, None, 0)
        if size <= 1 or not pdfium_c.FPDFLink_GetAnnotRect(link, ctypes.byref(rect)):
            continue
        buffer = ctypes.create_string_buffer(size)
        pdfium_c.FPDFAction_GetURIPath(document.raw, action, buffer, size)
        uri = buffer.value.decode("ascii", "replace").strip()
        # The model's link syntax allows no spaces or parentheses in the target.
        uri = uri.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
        if uri:
            left, right = sorted((float(rect.left), float(rect.right)))
            bottom, top = sorted((float(rect.bottom), float(rect.top)))
            links.append(((left, bottom, right, top), uri))
    return links


def _link_marks(raw: ctypes.c_void_p, text: str, links: list[Link]) -> dict[int, str]:
    """Char index -> what to write around it: "[" before a link, "](uri)" after."""
    owner: list[int | None] = [None] * len(text)
    box = [ctypes.c_double() for _ in range(4)]
    for i, char in enumerate(text):
        if char.isspace() or not pdfium_c.FPDFText_GetCharBox(
            raw, i, *(ctypes.byref(v) for v in box)
        ):
            continue
        left, right, bottom, top = (v.value for v in box)
        x, y = (left + right) / 2, (bottom + top) / 2
        for number, ((x0, y0, x1, y1), _) in enumerate(links):
            if x0 <= x <= x1 and y0 <= y <= y1:
                owner[i] = number
                break
    # Spans of one URI, whitespace (a line break) between pieces allowed.
    spans: list[tuple[int, int, str]] = []
    for i, found in enumerate(owner):
        if found is None:
            continue
        uri = links[found][1]
        if spans and spans[-1][2] == uri and not text[spans[-1][1] + 1 : i].strip():
            spans[-1] = (spans[-1][0], i, uri)
        else:
            spans.append((i, i, uri))
    marks: dict[int, str] = {}
    for start, end, uri in spans:
        if "[" in text[start : end + 1] or "]" in text[start : end + 1]:
            continue  # the model's link syntax cannot hold brackets in the text
        marks[start] = "["
        marks[-end - 1] = f"]({uri})"  # negative keys: after the char
    return marks


def _marked(text: str, start: int, end: int, marks: dict[int, str]) -> str:
    if not marks:
        return text[start:end]
    # A damaged page's character index may lie beyond the text PDFium gives
    # back for it (its count and its text disagree): those characters are gone.
    end = min(end, len(text))
    return "".join(marks.get(i, "") + text[i] + marks.get(-i - 1, "") for i in range(start, end))


def _first_char_by_middle(
    raw: ctypes.c_void_p,
    left: float,
    right: float,
    middle: float,
    height: float,
    box: list[ctypes.c_double],
    box_refs: list[Any],
) -> int:
    """The first character of a rectangle whose left edge hit none ("  samt"):
    found at its middle, then walked back while the characters before it
    still lie inside the rectangle."""
    index: int = pdfium_c.FPDFText_GetCharIndexAtPos(
        raw, (left + right) / 2, middle, (right - left) / 2, height / 2
    )
    while index > 0 and pdfium_c.FPDFText_GetCharBox(raw, index - 1, *box_refs):
        char_left, char_right, char_bottom, char_top = (v.value for v in box)
        inside = left - 0.5 <= (char_left + char_right) / 2 <= right
        if not inside or not char_bottom <= middle <= char_top:
            break
        index -= 1
    return index


def _runs(textpage: pdfium.PdfTextPage, links: list[Link]) -> tuple[list[Run], int]:
    raw = textpage.raw
    text: str = textpage.get_text_range()
    marks = _link_marks(raw, text, links) if links else {}
    # PDFium's functions called directly, with their out-parameters made once
    # per page (pypdfium2's get_rect makes four doubles per call).
    x, y = ctypes.c_double(), ctypes.c_double()
    origin = (ctypes.byref(x), ctypes.byref(y))
    edges = [ctypes.c_double() for _ in range(4)]  # left, top, right, bottom
    box = [ctypes.c_double() for _ in range(4)]
    box_refs = [ctypes.byref(v) for v in box]
    runs: list[Run] = []
    seen: set[int] = set()
    for i in range(textpage.count_rects()):
        if not pdfium_c.FPDFText_GetRect(raw, i, *edges):
            raise pdfium.PdfiumError(f"Failed to get text rectangle {i}.")
        left, top, right, bottom = (edge.value for edge in edges)
        middle = (bottom + top) / 2
        # A run starting with a space (" samt ") may have no character at its
        # very left edge; missing it would glue its text to the run before,
        # with the gap of a column between them.
        index = -1
        for probe in (min(0.5, (right - left) / 2), min(3.0, (right - left) / 2)):
            index = pdfium_c.FPDFText_GetCharIndexAtPos(
                raw, left + probe, middle, 0.5, (top - bottom) / 2
            )
            if index >= 0:
                break
        if index < 0:
            index = _first_char_by_middle(raw, left, right, middle, top - bottom, box, box_refs)
        if index < 0 or index in seen:
            continue
        seen.add(index)
        pdfium_c.FPDFText_GetCharOrigin(raw, index, *origin)
        size = float(pdfium_c.FPDFText_GetFontSize(raw, index)) or (top - bottom)
        runs.append(Run(left, right, bottom, top, y.value, size, _bold(raw, index), index))
    runs.sort(key=lambda run: run.index)
    for position, run in enumerate(runs):
        end = runs[position + 1].index if position + 1 < len(runs) else len(text)
        run.text = text[run.index : end].replace("\r", "").replace("\n", "")
        run.x1 = _last_char_x1(raw, run, box, box_refs)
        run.first_word_x1 = _word_end(raw, run, box, box_refs)
        if marks:
            run.text = _marked(text, run.index, end, marks).replace("\r", "").replace("\n", "")
    return [run for run in runs if run.text.strip()], len(text.strip())


def _group_lines(page: int, runs: list[Run], width: float) -> list[Line]:
    """Runs sharing a baseline (within a third of the font size) form a line."""
    lines: list[Line] = []
    # Each line's baseline and size so far (as its properties would give them).
    lows: list[float] = []
    sizes: list[float] = []
    for run in sorted(runs, key=lambda r: (-r.baseline, r.x0)):
        for k in range(len(lines) - 1, max(len(lines) - 4, -1), -1):
            if abs(lows[k] - run.baseline) <= 0.35 * max(run.size, sizes[k]):
                lines[k].runs.append(run)
                lows[k] = min(lows[k], run.baseline)
                sizes[k] = max(sizes[k], run.size)
                break
        else:
            lines.append(Line(page, [run], width))
            lows.append(run.baseline)
            sizes.append(run.size)
    for line in lines:
        line.runs.sort(key=lambda r: r.x0)
        line.freeze()
        _join_runs(line)
    lines.sort(key=lambda line: (-line.baseline, line.x0))
    return lines


def _join_runs(line: Line) -> None:
    """The line's text and its cells: a wide gap separates cells (tab stops, columns)."""
    cells: list[str] = []
    starts: list[float] = []
    current = ""
    previous: Run | None = None
    for run in line.runs:
        if previous is not None and (
            run.x0 - previous.x1 >= COLUMN_GAP * run.size
            or (len(cells) == 0 and _MARKER.match(current))  # "10." close to its text
        ):
            cells.append(current)
            current = ""
        elif (
            previous is not None
            and current
            and run.x0 - previous.x1 > 0.2 * run.size
            and not current[-1].isspace()
            and not run.text[0].isspace()
        ):
            current += " "
        if not current:
            starts.append(run.x0)
        current += run.text
        previous = run
    cells.append(current)
    line.cells = [" ".join(cell.split()) for cell in cells]
    line.cell_x = starts
    line.text = "\t".join(line.cells)


def _path_bounds(
    parent: ctypes.c_void_p, in_form: bool, level: int = 0
) -> Iterable[tuple[float, float, float, float]]:
    """(left, bottom, right, top) of each path object, descending into forms.

    What ``PdfPage.get_objects(filter=(PATH,))`` and ``get_bounds()`` give, in
    the same order and with the same errors, on PDFium's functions directly:
    pypdfium2 makes a Python object for every page object, which cost more
    than reading the bounds.
    """
    count = (pdfium_c.FPDFFormObj_CountObjects if in_form else pdfium_c.FPDFPage_CountObjects)(
        parent
    )
    if count < 0:
        raise pdfium.PdfiumError("Failed to get number of pageobjects.")
    get_object = pdfium_c.FPDFFormObj_GetObject if in_form else pdfium_c.FPDFPage_GetObject
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    for i in range(count):
        obj = get_object(parent, i)
        if not obj:
            raise pdfium.PdfiumError("Failed to get pageobject.")
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_UNKNOWN:
            raise pdfium.PdfiumError(
                "Failed to determine pageobject type, "
                "did you pass in a valid FPDF_PAGEOBJECT handle?"
            )
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            if not pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
                raise pdfium.PdfiumError("Failed to locate pageobject.")
            yield left.value, bottom.value, right.value, top.value
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM and level < _MAX_FORM_DEPTH - 1:
            yield from _path_bounds(obj, True, level + 1)


_MAX_FORM_DEPTH = 15  # pypdfium2's get_objects default


def _rules(page: pdfium.PdfPage) -> Rules:
    rules = Rules()
    for left, bottom, right, top in _path_bounds(page.raw, False):
        if top - bottom <= 2.5 and right - left > 5:
            rules.horizontal.append(((top + bottom) / 2, left, right))
        elif right - left <= 2.5 and top - bottom > 5:
            rules.vertical.append(((left + right) / 2, bottom, top))
        elif (
            2 <= right - left <= 8
            and 2 <= top - bottom <= 8
            and abs((right - left) - (top - bottom)) < 1.0
        ):
            rules.dots.append((left, bottom, right, top))
    return rules


def _bullet_runs(runs: list[Run], dots: list[tuple[float, float, float, float]]) -> list[Run]:
    """A "•" run for each drawn bullet standing just left of a line's first text.

    Chromium prints an HTML list's disc as a small filled shape, not a
    character: without it a list reads as separate paragraphs.
    """
    added: list[Run] = []
    for left, bottom, right, top in dots:
        middle = (bottom + top) / 2
        beside = [
            run
            for run in runs
            if run.bottom <= middle <= run.top and 0 <= run.x0 - right <= 2.5 * run.size
        ]
        if not beside:
            continue
        run = min(beside, key=lambda r: r.x0)
        if any(
            other.x1 <= left and other.bottom <= middle <= other.top and left - other.x1 < run.size
            for other in runs
        ):
            continue  # text right before it: a drawn shape inside a line, not a bullet
        bullet = Run(left, right, bottom, top, run.baseline, run.size, False, run.index, "•")
        bullet.first_word_x1 = right
        added.append(bullet)
    return runs + added if added else runs


def read_page(document: pdfium.PdfDocument, index: int) -> Page:
    page = document[index]
    try:
        width, height = page.get_size()
        textpage = page.get_textpage()
        try:
            runs, chars = _runs(textpage, _uri_links(document, page))
        finally:
            textpage.close()
        rules = _rules(page) if runs else Rules()
        if rules.dots:
            runs = _bullet_runs(runs, rules.dots)
    finally:
        page.close()
    return Page(index + 1, width, height, _group_lines(index + 1, runs, width), rules, chars)


# --- running headers, footers and page numbers ----------------------------------


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
