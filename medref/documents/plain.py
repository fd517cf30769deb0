"""Plain-text views of a document: what a section says, as lines of text.

The text renderer writes these lines, the JSON contract's ``text`` fields
join them, and search indexes them, so all three agree on one wording:
without emphasis markers (``**fed**`` is "fed", see ``inline.py``).
"""

from __future__ import annotations

from .inline import strip_inline
from .model import (
    AgendaItem,
    Block,
    BulletList,
    Heading,
    ListItem,
    Paragraph,
    Recommendation,
    Section,
    SectionKind,
    Table,
)

LIST_INDENT = " "


def recommendation_paragraphs(rec: Recommendation) -> list[str]:
    """ "X indstiller," then one paragraph per clause ("1. at …" if numbered)."""
    lines = [f"{rec.proposer} indstiller,"]
    for number, clause in enumerate(rec.clauses, start=1):
        lines.append(f"{number}. {clause}" if rec.numbered else clause)
    return lines


def list_lines(items: tuple[ListItem, ...], ordered: bool, depth: int = 0) -> list[str]:
    lines: list[str] = []
    for number, item in enumerate(items, start=1):
        marker = f"{number}." if ordered else "-"
        lines.append(f"{LIST_INDENT * depth}{marker} {strip_inline(item.text)}")
        lines.extend(list_lines(item.children, ordered, depth + 1))
    return lines


def block_lines(block: Block) -> list[str]:
    """The lines of one block, emphasis markers removed (``inline.strip_inline``);
    blocks are separated by a blank line."""
    match block:
        case Paragraph(text=text) | Heading(text=text):
            return [strip_inline(text)]
        case BulletList(items=items, ordered=ordered):
            return list_lines(items, ordered)
        case Table(rows=rows):
            return ["\t".join(strip_inline(cell) for cell in row) for row in rows]
    raise TypeError(f"not a block: {block!r}")


def section_paragraphs(item: AgendaItem, section: Section) -> list[str]:
    """Everything a section says, one string per paragraph-like chunk."""
    chunks: list[str] = []
    if section.kind == SectionKind.RECOMMENDATION and item.recommendation:
        chunks.extend(recommendation_paragraphs(item.recommendation))
    if section.kind == SectionKind.ATTACHMENTS:
        chunks.extend(a.title for a in item.attachments)
    chunks.extend("\n".join(block_lines(b)) for b in section.blocks)
    return chunks


def section_text(item: AgendaItem, section: Section) -> str:
    return "\n\n".join(section_paragraphs(item, section))


def blocks_text(blocks: tuple[Block, ...]) -> str:
    return "\n\n".join("\n".join(block_lines(b)) for b in blocks)
