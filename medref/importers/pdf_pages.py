"""PDF pages -> positioned text lines, on PDFium (pypdfium2).

PDFium already groups a page's characters into text runs ("rects": one per
stretch of a line without a large gap). Asking for the runs costs a few
calls per line instead of several per character, which is what keeps the
import near ``pdftotext`` speed (see ``medref.importers.pdf``). A run's text
is cut from the page text by character index, never by its box: boxes of
neighbouring runs overlap and would duplicate letters.

Coordinates are PDF points with y growing upwards; ``baseline`` orders lines.

The runs' lines are made in ``pdf_lines``, links in ``pdf_links``; running
headers and footers are dropped in ``pdf_running``.
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Iterable
from typing import Any

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]

from .pdf_lines import Page, Rules, Run, group_lines
from .pdf_links import Link, link_marks, marked, uri_links


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
    marks = link_marks(raw, text, links) if links else {}
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
            run.text = marked(text, run.index, end, marks).replace("\r", "").replace("\n", "")
    return [run for run in runs if run.text.strip()], len(text.strip())


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
            runs, chars = _runs(textpage, uri_links(document, page))
        finally:
            textpage.close()
        rules = _rules(page) if runs else Rules()
        if rules.dots:
            runs = _bullet_runs(runs, rules.dots)
    finally:
        page.close()
    return Page(index + 1, width, height, group_lines(index + 1, runs, width), rules, chars)
