"""MeetingDocument -> plain text, laid out like the FagMED/AfdelingsMED minutes.

Each paragraph is one line and blocks are separated by blank lines, which is
what ``importers.text`` reads back: ``parse(render(doc)) == doc``.
"""

from __future__ import annotations

from medref.documents import AgendaItem, MeetingDocument, SectionKind
from medref.documents.plain import block_lines, recommendation_paragraphs
from medref.documents.public import CLOSED_TITLE

from .common import header_fields, title_text, toc_lines


def _item_chunks(item: AgendaItem) -> list[str]:
    chunks = [f"Punkt {item.number}: {item.title}"]
    if item.case_number:
        chunks.append(item.case_number)
    if item.closed:
        chunks.append(CLOSED_TITLE)
    for section in item.sections:
        if section.heading:
            chunks.append(section.heading)
        if section.kind == SectionKind.RECOMMENDATION and item.recommendation:
            lead, *clauses = recommendation_paragraphs(item.recommendation)
            chunks.append(lead)
            chunks.extend(["\n".join(clauses)] if item.recommendation.numbered else clauses)
        if section.kind == SectionKind.ATTACHMENTS:
            chunks.extend(attachment.title for attachment in item.attachments)
        chunks.extend("\n".join(block_lines(block)) for block in section.blocks)
    if item.absent:
        chunks.append("Fraværende " + ", ".join(item.absent))
    if item.substitutes:
        chunks.append("Suppleanter " + ", ".join(item.substitutes))
    return chunks


def render_text(doc: MeetingDocument, *, draft: bool = False) -> str:
    chunks = [title_text(doc, draft)]
    chunks.extend(f"{label} {value}".rstrip() for label, value in header_fields(doc))
    if doc.toc:
        chunks.append("Indholdsfortegnelse")
        chunks.append("\n".join(toc_lines(doc)))
    for item in doc.items:
        chunks.extend(_item_chunks(item))
    return "\n\n".join(chunks) + "\n"
