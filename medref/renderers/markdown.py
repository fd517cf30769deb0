"""MeetingDocument -> Markdown, laid out like the LokalMED Borgerservice minutes.

Text is escaped so that CommonMark (``importers.markdown``) reads back
exactly the document's text; links stay links, and emphasis in body text
(``**fed**``, ``*kursiv*``, see ``documents.inline``) stays emphasis.
"""

from __future__ import annotations

import re

from medref.documents import (
    AgendaItem,
    Block,
    BulletList,
    Heading,
    ListItem,
    MeetingDocument,
    Paragraph,
    SectionKind,
    Table,
)
from medref.documents.inline import parse_inline
from medref.documents.model import INLINE_LINK
from medref.documents.public import CLOSED_TITLE

from .common import header_fields, title_text, toc_lines

# Characters with inline meaning in CommonMark; escaping them is always safe.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~!])")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# Line starts that would open a list, a heading, a quote or a rule.
_BLOCK_START = re.compile(r"^(\d{1,9})([.)])|^([-+=>])")


def _escape_span(text: str) -> str:
    return _ENTITY.sub(r"\\&", _INLINE_SPECIAL.sub(r"\\\1", text))


def _escape_links(text: str) -> str:
    out: list[str] = []
    position = 0
    for match in INLINE_LINK.finditer(text):
        out.append(_escape_span(text[position : match.start()]))
        out.append(f"[{_escape_span(match['text'])}]({match['href']})")
        position = match.end()
    out.append(_escape_span(text[position:]))
    return "".join(out)


def _escape_block_start(escaped: str) -> str:
    return _BLOCK_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", escaped)


def escape_inline(text: str) -> str:
    """Model inline text -> Markdown; ``[text](url)`` links are kept as links."""
    return _escape_block_start(_escape_links(text))


def rich_inline(text: str) -> str:
    """Body text -> Markdown: as ``escape_inline``, but ``**fed**`` and ``*kursiv*``
    (``documents.inline``) are written as Markdown emphasis."""
    parts: list[str] = []
    for run in parse_inline(text):
        marker = "*" * ((2 if run.bold else 0) + (1 if run.italic else 0))
        parts.append(f"{marker}{_escape_links(run.text)}{marker}")
    return _escape_block_start("".join(parts))


def _list_lines(items: tuple[ListItem, ...], ordered: bool, indent: str = "") -> list[str]:
    lines: list[str] = []
    for number, item in enumerate(items, start=1):
        marker = f"{number}. " if ordered else "- "
        lines.append(f"{indent}{marker}{rich_inline(item.text)}")
        lines.extend(_list_lines(item.children, ordered, indent + " " * len(marker)))
    return lines


def _table_lines(rows: tuple[tuple[str, ...], ...]) -> list[str]:
    def row(cells: tuple[str, ...]) -> str:
        return "| " + " | ".join(rich_inline(c) for c in cells) + " |"

    header, *body = rows
    return [row(header), "| " + " | ".join("---" for _ in header) + " |", *map(row, body)]


def render_block(block: Block) -> str:
    match block:
        case Paragraph(text=text):
            return rich_inline(text)
        case Heading(text=text):
            return f"#### {rich_inline(text)}"
        case BulletList(items=items, ordered=ordered):
            return "\n".join(_list_lines(items, ordered))
        case Table(rows=rows):
            return "\n".join(_table_lines(rows))
    raise TypeError(f"not a block: {block!r}")


def _item_chunks(item: AgendaItem) -> list[str]:
    chunks = [f"## Punkt {item.number}: {escape_inline(item.title)}"]
    if item.case_number:
        chunks.append(escape_inline(item.case_number))
    if item.closed:
        chunks.append(CLOSED_TITLE)
    for section in item.sections:
        if section.heading:
            chunks.append(f"### {escape_inline(section.heading)}")
        rec = item.recommendation
        if section.kind == SectionKind.RECOMMENDATION and rec:
            chunks.append(escape_inline(f"{rec.proposer} indstiller,"))
            if rec.numbered:
                chunks.append(
                    "\n".join(f"{n}. {escape_inline(c)}" for n, c in enumerate(rec.clauses, 1))
                )
            else:
                chunks.extend(escape_inline(clause) for clause in rec.clauses)
        if section.kind == SectionKind.ATTACHMENTS:
            chunks.extend(escape_inline(attachment.title) for attachment in item.attachments)
        chunks.extend(render_block(block) for block in section.blocks)
    if item.absent:
        chunks.append("**Fraværende** " + escape_inline(", ".join(item.absent)))
    if item.substitutes:
        chunks.append("**Suppleanter** " + escape_inline(", ".join(item.substitutes)))
    return chunks


def _list_kind(chunk: str) -> str | None:
    """ "bullet"/"ordered" for a rendered list; escaped text never starts like one."""
    if chunk.startswith("- "):
        return "bullet"
    if re.match(r"\d+\. ", chunk):
        return "ordered"
    return None


def join_chunks(chunks: list[str]) -> str:
    """Blank-line-separated chunks; two lists of one kind are kept apart by an
    HTML comment, since CommonMark would otherwise read them as one list."""
    out: list[str] = []
    for chunk in chunks:
        kind = _list_kind(chunk)
        if out and kind is not None and kind == _list_kind(out[-1]):
            out.append("<!-- -->")
        out.append(chunk)
    return "\n\n".join(out) + "\n"


def render_markdown(doc: MeetingDocument, *, draft: bool = False) -> str:
    title = title_text(doc, draft)
    chunks = [f"# {escape_inline(title)}"]
    chunks.extend(
        f"**{label}** {escape_inline(value)}".rstrip() for label, value in header_fields(doc)
    )
    if doc.toc:
        chunks.append("## Indholdsfortegnelse")
        chunks.append("\n".join(escape_inline(line) for line in toc_lines(doc)))
    for item in doc.items:
        chunks.extend(_item_chunks(item))
    return join_chunks(chunks)
