"""A tillægsdagsorden as a file: a cover titled "TILLÆGSDAGSORDEN …" and only the
items added or changed after the agenda was sent, each with its mark.

The HTML renderer's markup for the items (``item_html``) and the PDF
renderer's stylesheet, fonts and PDF/UA variant; nothing is fetched.
"""

from __future__ import annotations

from html import escape

from medref.documents import MeetingDocument
from medref.documents.supplement import number_ranges, supplement_title
from medref.lib.danish import format_short_date

from .common import header_fields
from .html import inline_html, item_html
from .html_template import page, stylesheet


def title(doc: MeetingDocument, number: int) -> str:
    """ "TILLÆGSDAGSORDEN FagMED Økonomi d. 08-12-2026" (with "nr. 2" from the second)."""
    return (
        f"{supplement_title(number).upper().replace('NR.', 'nr.')} {doc.committee} "
        f"d. {format_short_date(doc.meeting_date)}"
    )


def _body(doc: MeetingDocument, number: int, sent: str) -> str:
    numbers = number_ranges(item.number for item in doc.items)
    rows = "".join(
        f'<tr><th scope="row">{escape(label)}</th><td>{inline_html(value)}</td></tr>\n'
        for label, value in header_fields(doc)
    )
    intro = (
        f"Tillæg til dagsordenen udsendt {escape(sent)}: punkt {escape(numbers)}. "
        "Punkter, der ikke står her, er uændrede."
    )
    items = "".join(item_html(item) for item in doc.items)
    return (
        '<main class="document dagsorden tillaeg">\n<div class="cover">\n'
        f"<h1>{inline_html(title(doc, number))}</h1>\n"
        f'<p class="supplement-note">{intro}</p>\n'
        f'<table class="facts">\n<tbody>\n{rows}</tbody>\n</table>\n</div>\n'
        f"{items}</main>\n"
    )


def render_supplement_html(doc: MeetingDocument, number: int, sent: str) -> str:
    """The supplement as a self-contained HTML page; ``sent``: when the agenda went out."""
    return page(
        title=title(doc, number),
        body=_body(doc, number, sent),
        css=stylesheet("document.css"),
        description=f"Tillægsdagsorden for {doc.committee}",
    )


def render_supplement_pdf(doc: MeetingDocument, number: int, sent: str) -> bytes:
    """The supplement as a tagged PDF (the agenda PDF's stylesheet and fonts)."""
    from weasyprint import HTML  # type: ignore[import-untyped]

    from . import pdf

    html = page(
        title=title(doc, number),
        body=_body(doc, number, sent),
        css="",
        description=f"Tillægsdagsorden for {doc.committee}",
    )
    document = HTML(string=html, url_fetcher=pdf._no_fetch)
    output: bytes = document.write_pdf(
        stylesheets=[pdf._stylesheet()], font_config=pdf._fonts(), pdf_variant=pdf.PDF_VARIANT
    )
    return output
