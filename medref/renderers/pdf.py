"""MeetingDocument -> PDF, with WeasyPrint, from the HTML renderer's markup.

The same markup as ``html.py`` (``paged=True`` swaps the TOC for links whose
page numbers WeasyPrint fills in) with ``static/pdf.css`` on top: a cover
page, the TOC with dot leaders and the real page numbers, every item on a
new page, "Side N af M" in the footer, Danish hyphenation (``lang="da"``,
pyphen's da_DK). The output is PDF/UA-1: tagged, with the title shown and
the language set, fonts embedded (subset).

Nothing is fetched: the page names no external resources, and the URL
fetcher refuses any that might slip in.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NoReturn

from weasyprint import CSS, HTML  # type: ignore[import-untyped]
from weasyprint.text.fonts import FontConfiguration  # type: ignore[import-untyped]

from medref.documents import MeetingDocument

from .html import document_body, document_title
from .html_template import page, stylesheet
from .signatures import CSS as SIGNATURE_CSS
from .signatures import Signature
from .signatures import html as signature_html

PDF_VARIANT = "pdf/ua-1"
_FONTS: FontConfiguration | None = None
_STYLESHEET: CSS | None = None


def _no_fetch(url: str, *args: object, **kwargs: object) -> NoReturn:
    raise ValueError(f"medref's PDF renderer fetches nothing (asked for {url!r})")


def _fonts() -> FontConfiguration:
    # One font configuration per process: building it scans the system's fonts.
    global _FONTS
    if _FONTS is None:
        _FONTS = FontConfiguration()
    return _FONTS


def _print_css() -> str:
    return stylesheet("document.css") + stylesheet("pdf.css")


def _stylesheet() -> CSS:
    # Parsed once per process: parsing it anew cost ~1 % of a render.
    global _STYLESHEET
    if _STYLESHEET is None:
        _STYLESHEET = CSS(string=_print_css(), url_fetcher=_no_fetch, font_config=_fonts())
    return _STYLESHEET


# A draft's mark at the top of every page.
_DRAFT_CSS = (
    "@page { @top-center { content: 'UDKAST'; font-size: 11pt; font-weight: bold;"
    " letter-spacing: 0.2em; color: #8a1c1c; } }"
)


def _page(
    doc: MeetingDocument, css: str, draft: bool = False, signatures: Sequence[Signature] = ()
) -> str:
    return page(
        title=document_title(doc, draft),
        body=document_body(doc, paged=True, draft=draft) + signature_html(signatures),
        css=css,
        description=f"{doc.kind.value.capitalize()} for {doc.committee}",
    )


def print_html(doc: MeetingDocument, *, draft: bool = False) -> str:
    """The page WeasyPrint lays out, stylesheet inlined (for tests and debugging)."""
    return _page(doc, _print_css() + (_DRAFT_CSS if draft else ""), draft)


def render_pdf(
    doc: MeetingDocument, *, draft: bool = False, signatures: Sequence[Signature] = ()
) -> bytes:
    """The PDF; ``draft``: "UDKAST" in the title and at the top of every page;
    ``signatures``: a last page listing who approved the minutes, and when."""
    html = HTML(string=_page(doc, "", draft, signatures), url_fetcher=_no_fetch)
    sheets = [_stylesheet()]
    if signatures:
        sheets.append(CSS(string=SIGNATURE_CSS, url_fetcher=_no_fetch, font_config=_fonts()))
    if draft:
        sheets.append(CSS(string=_DRAFT_CSS, url_fetcher=_no_fetch, font_config=_fonts()))
    pdf: bytes = html.write_pdf(stylesheets=sheets, font_config=_fonts(), pdf_variant=PDF_VARIANT)
    return pdf
