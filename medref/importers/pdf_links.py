"""Links in a PDF page: a link annotation with a URI action wraps the characters
under its rectangle as ``[text](uri)``, the model's inline link.

WeasyPrint writes ``href="#"`` as exactly such a URI action ("#"), and ESDH
exports write their http(s) links the same way. Annotations that jump to a
place in the document (GoTo destinations) are left out: in minutes they are
navigation, the table of contents' entries, whose text is a title and not a
link. A link broken over two lines is one annotation per line; the pieces
join again when only whitespace lies between them.
"""

from __future__ import annotations

import ctypes

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]

Link = tuple[tuple[float, float, float, float], str]  # (left, bottom, right, top), uri


def uri_links(document: pdfium.PdfDocument, page: pdfium.PdfPage) -> list[Link]:
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


def link_marks(raw: ctypes.c_void_p, text: str, links: list[Link]) -> dict[int, str]:
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


def marked(text: str, start: int, end: int, marks: dict[int, str]) -> str:
    if not marks:
        return text[start:end]
    # A damaged page's character index may lie beyond the text PDFium gives
    # back for it (its count and its text disagree): those characters are gone.
    end = min(end, len(text))
    return "".join(marks.get(i, "") + text[i] + marks.get(-i - 1, "") for i in range(start, end))
