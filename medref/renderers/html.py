"""MeetingDocument -> one self-contained HTML page (and the HTML the PDF is made from).

The markup is what ``importers.html`` reads back exactly,
``parse(render(doc, "html"), "html") == doc``:

- the title is the ``<h1>``; header fields are a ``<dl>`` whose ``<dt>``/``<dd>``
  pairs read as the lines "Mødedato Onsdag d. …" (list fields get one
  ``<dd>`` per person, which the importer joins with ", " again);
- the source's table of contents (``doc.toc``) is one paragraph of lines
  "Title.....<tab>3" after an "Indholdsfortegnelse" heading; each line is
  made a link to its item by an *empty* anchor stretched over it with CSS,
  since an anchor with text would become part of the entry's title. A
  document without a TOC of its own gets a ``<nav>`` of item links instead,
  which the importer skips as navigation;
- items are ``<h2>`` "Punkt N: Title" with ``id="punkt-N"``, sections ``<h3>``,
  sub-headings ``<h4>``; inline ``[text](url)`` becomes ``<a>`` for http(s),
  mailto and in-page hrefs only — any other link stays literal text; in body
  text (paragraphs, list items, cells, sub-headings) ``**fed**`` becomes
  ``<strong>`` and ``*kursiv*`` ``<em>`` (``documents.inline``).

For the PDF (``paged=True``) the TOC is instead a list of links whose page
numbers WeasyPrint fills in (``target-counter``), see ``pdf.py``.
"""

from __future__ import annotations

import re
from html import escape

from medref.documents import (
    AgendaItem,
    Block,
    BulletList,
    Heading,
    ListItem,
    MeetingDocument,
    Paragraph,
    Section,
    SectionKind,
    Table,
)
from medref.documents.inline import parse_inline
from medref.documents.model import INLINE_LINK, Attachment
from medref.documents.public import CLOSED_TITLE

from .common import (
    DRAFT_MARK,
    apologies,
    header_fields,
    participant_text,
    title_text,
    toc_lines,
)
from .html_template import page, stylesheet

# The model's inline link, as the Markdown renderer reads it.
_SAFE_HREF = re.compile(r"^(?:https?://|mailto:|#)", re.IGNORECASE)


def _text(text: str) -> str:
    return escape(text, quote=False)


def inline_html(text: str) -> str:
    """Model inline text -> HTML; only links with a safe href become ``<a>``."""
    out: list[str] = []
    position = 0
    for match in INLINE_LINK.finditer(text):
        if not match["text"].strip() or not _SAFE_HREF.match(match["href"]):
            continue  # stays literal text below
        out.append(_text(text[position : match.start()]))
        out.append(f'<a href="{escape(match["href"])}">{_text(match["text"])}</a>')
        position = match.end()
    out.append(_text(text[position:]))
    return "".join(out)


def rich_html(text: str) -> str:
    """Body text -> HTML: ``inline_html`` per run, bold as ``<strong>``, italic as ``<em>``."""
    out: list[str] = []
    for run in parse_inline(text):
        html = inline_html(run.text)
        if run.italic:
            html = f"<em>{html}</em>"
        if run.bold:
            html = f"<strong>{html}</strong>"
        out.append(html)
    return "".join(out)


def plain_text(text: str) -> str:
    """Inline text with links reduced to their text (for labels and navigation)."""
    return INLINE_LINK.sub(lambda m: m["text"], text)


def document_title(doc: MeetingDocument, draft: bool = False) -> str:
    return title_text(doc, draft)


def item_anchor(number: int) -> str:
    return f"punkt-{number}"


# --- blocks -------------------------------------------------------------------


def _list_html(items: tuple[ListItem, ...], ordered: bool) -> str:
    tag = "ol" if ordered else "ul"
    entries = "".join(
        f"<li>{rich_html(item.text)}"
        + (_list_html(item.children, ordered) if item.children else "")
        + "</li>\n"
        for item in items
    )
    return f"<{tag}>\n{entries}</{tag}>\n"


def _table_html(rows: tuple[tuple[str, ...], ...]) -> str:
    header, *body = rows
    head = "".join(f'<th scope="col">{rich_html(cell)}</th>' for cell in header)
    out = [f"<table>\n<thead><tr>{head}</tr></thead>\n"]
    if body:
        out.append("<tbody>\n")
        for row in body:
            out.append("<tr>" + "".join(f"<td>{rich_html(c)}</td>" for c in row) + "</tr>\n")
        out.append("</tbody>\n")
    out.append("</table>\n")
    return "".join(out)


def block_html(block: Block) -> str:
    match block:
        case Paragraph(text=text):
            return f"<p>{rich_html(text)}</p>\n"
        case Heading(text=text):
            return f"<h4>{rich_html(text)}</h4>\n"
        case BulletList(items=items, ordered=ordered):
            return _list_html(items, ordered)
        case Table(rows=rows):
            return _table_html(rows) if rows else ""
    raise TypeError(f"not a block: {block!r}")


# --- items --------------------------------------------------------------------


def _attachment_html(attachment: Attachment) -> str:
    """A bilag's title, linked when its file is a web address (medref's download
    view; a stored file's name is no address and stays unlinked)."""
    if attachment.file and attachment.file.startswith(("https://", "http://")):
        return f'<a href="{escape(attachment.file)}">{_text(plain_text(attachment.title))}</a>'
    return inline_html(attachment.title)


def _section_html(item: AgendaItem, section: Section) -> str:
    out = [f'<section class="section" data-kind="{section.kind.value}">\n']
    if section.heading:
        out.append(f"<h3>{inline_html(section.heading)}</h3>\n")
    rec = item.recommendation
    if section.kind == SectionKind.RECOMMENDATION and rec:
        out.append(f'<p class="proposer">{inline_html(rec.proposer)} indstiller,</p>\n')
        if rec.numbered:
            clauses = "".join(f"<li>{inline_html(c)}</li>\n" for c in rec.clauses)
            out.append(f'<ol class="clauses">\n{clauses}</ol>\n')
        else:
            out.extend(f'<p class="clause">{inline_html(c)}</p>\n' for c in rec.clauses)
    if section.kind == SectionKind.ATTACHMENTS and item.attachments:
        titles = "".join(f"<li>{_attachment_html(a)}</li>\n" for a in item.attachments)
        out.append(f'<ul class="attachments">\n{titles}</ul>\n')
    out.extend(block_html(block) for block in section.blocks)
    out.append("</section>\n")
    return "".join(out)


def item_html(item: AgendaItem) -> str:
    anchor = item_anchor(item.number)
    out = [
        f'<article class="item{" closed" if item.closed else ""}" id="{anchor}" '
        f'aria-labelledby="{anchor}-titel">\n',
        f'<h2 id="{anchor}-titel">Punkt {item.number}: {inline_html(item.title)}</h2>\n',
    ]
    if item.case_number:
        out.append(f'<p class="case-number">{_text(item.case_number)}</p>\n')
    if item.closed:
        out.append(f'<p class="closed-marker">{_text(CLOSED_TITLE)}</p>\n')
    out.extend(_section_html(item, section) for section in item.sections)
    if item.absent or item.substitutes:
        out.append('<div class="attendance">\n')
        if item.absent:
            names = _text(", ".join(item.absent))
            out.append(f"<p><strong>Fraværende:</strong> {names}</p>\n")
        if item.substitutes:
            names = _text(", ".join(item.substitutes))
            out.append(f"<p><strong>Suppleanter:</strong> {names}</p>\n")
        out.append("</div>\n")
    out.append("</article>\n")
    return "".join(out)


# --- header and table of contents ----------------------------------------------


def _values(doc: MeetingDocument, label: str, value: str) -> list[str]:
    """One ``<dd>`` per person in a list field, when that joins back to ``value``."""
    people: dict[str, list[str]] = {
        "Mødedeltagere": [participant_text(p, doc.minute_taker) for p in doc.participants],
        "Afbud": list(apologies(doc)),
        "Fraværende": list(doc.absent_without_notice),
        "Suppleanter": list(doc.substitutes),
        "Til stede": list(doc.present or ()),
    }
    parts = people.get(label)
    if parts and ", ".join(parts) == value and all(p == p.strip() and p for p in parts):
        return parts
    return [value]


# A draft's note, and its mark at the top of every printed page.
DRAFT_CSS = (
    "\n.draft-mark { font-weight: bold; color: #8a1c1c; letter-spacing: 0.05em; }\n"
    f"@page {{ @top-center {{ content: '{DRAFT_MARK}'; font-weight: bold; color: #8a1c1c; }} }}\n"
)


def _draft_note(draft: bool) -> str:
    return f'<p class="draft-mark">{DRAFT_MARK}: ikke godkendt</p>\n' if draft else ""


def header_html(doc: MeetingDocument, draft: bool = False) -> str:
    """The title and one ``<dl>`` per field.

    One list per field, because the importer lets a term with an empty
    value ("Til stede" with nobody) run on into the next term of its list;
    a blank source line between them, because the header reader lets a
    field with no value continue on a touching next line.
    """
    out = [
        f"<h1>{inline_html(document_title(doc, draft))}</h1>\n",
        _draft_note(draft),
        '<div class="facts">\n',
    ]
    for label, value in header_fields(doc):
        values = _values(doc, label, value)
        listed = ' class="list"' if len(values) > 1 else ""
        dds = "".join(f"<dd>{inline_html(v)}</dd>" for v in values)
        out.append(f"<dl{listed}><dt>{_text(label)}</dt>{dds}</dl>\n\n")
    out.append("</div>\n")
    return "".join(out)


def cover_html(doc: MeetingDocument, draft: bool = False) -> str:
    """The PDF's cover: the title and the fields in a ruled table.

    Ruled, because the PDF importer reads a ruled table's wrapped cells as
    one cell each, so a long "Mødedeltagere" comes back whole.
    """
    rows = "".join(
        f'<tr><th scope="row">{_text(label)}</th><td>{inline_html(value)}</td></tr>\n'
        for label, value in header_fields(doc)
    )
    return (
        f"<h1>{inline_html(document_title(doc, draft))}</h1>\n"
        f"{_draft_note(draft)}"
        f'<table class="facts">\n<tbody>\n{rows}</tbody>\n</table>\n'
    )


def toc_html(doc: MeetingDocument) -> str:
    """The screen TOC: the source's lines, or item links when it had none."""
    heading = '<h2 id="indholdsfortegnelse">Indholdsfortegnelse</h2>\n'
    if not doc.toc:
        if not doc.items:
            return ""
        links = "".join(
            f'<li><a href="#{item_anchor(i.number)}">Punkt {i.number}: '
            f"{_text(plain_text(i.title))}</a></li>\n"
            for i in doc.items
        )
        return (
            f'<nav class="toc" aria-labelledby="indholdsfortegnelse">\n{heading}'
            f"<ol>\n{links}</ol>\n</nav>\n"
        )
    lines: list[str] = []
    for index, line in enumerate(toc_lines(doc)):
        go = ""
        if index < len(doc.items):
            number = doc.items[index].number
            go = f'<a class="go" href="#{item_anchor(number)}" aria-label="Punkt {number}"></a>'
        lines.append(f'<span class="entry">{inline_html(line)}{go}</span><br>\n')
    return (
        f'<section class="toc">\n{heading}<p class="toc-lines">\n{"".join(lines)}</p>\n</section>\n'
    )


def print_toc_html(doc: MeetingDocument) -> str:
    """The paged TOC: entries link to their items; WeasyPrint adds dots and pages.

    Titles are the source's TOC titles where it had a TOC (as written), else
    the items' titles; an entry without an item keeps its written page.
    """
    entries: list[str] = []
    titles = [entry.title for entry in doc.toc] or [item.title for item in doc.items]
    for index, title in enumerate(titles):
        if index < len(doc.items):
            href = f"#{item_anchor(doc.items[index].number)}"
            entries.append(
                f'<li><a class="toc-entry" href="{href}">{_text(plain_text(title))}</a></li>\n'
            )
        else:
            page_no = doc.toc[index].page
            written = f".....\t{page_no}" if page_no is not None else ""
            entries.append(f"<li>{_text(plain_text(title) + written)}</li>\n")
    if not entries:
        return ""
    return (
        '<nav class="toc" aria-labelledby="indholdsfortegnelse">\n'
        '<h2 id="indholdsfortegnelse">Indholdsfortegnelse</h2>\n'
        f'<ol class="toc-entries">\n{"".join(entries)}</ol>\n</nav>\n'
    )


# --- the page -------------------------------------------------------------------


def document_body(doc: MeetingDocument, *, paged: bool = False, draft: bool = False) -> str:
    kind = doc.kind.value
    cover = cover_html(doc, draft) if paged else header_html(doc, draft)
    out = [
        f'<main class="document {kind}">\n',
        f'<div class="cover">\n{cover}</div>\n',
    ]
    out.append(print_toc_html(doc) if paged else toc_html(doc))
    out.extend(item_html(item) for item in doc.items)
    out.append("</main>\n")
    return "".join(out)


def render_html(doc: MeetingDocument, *, draft: bool = False) -> str:
    """A self-contained page: CSS inlined, no scripts, no external requests.

    ``draft``: "UDKAST" in the title and a note under it (and on every printed page).
    """
    return page(
        title=document_title(doc, draft),
        body=document_body(doc, draft=draft),
        css=stylesheet("document.css") + (DRAFT_CSS if draft else ""),
        description=f"{doc.kind.value.capitalize()} for {doc.committee}",
    )
