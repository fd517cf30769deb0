"""An item's raw sections made into the model's ``AgendaItem``: the recommendation's
"at …" clauses and the bilag split off their sections."""

from __future__ import annotations

from typing import TYPE_CHECKING

from medref.documents import (
    AgendaItem,
    Attachment,
    Block,
    BulletList,
    Heading,
    ListItem,
    Paragraph,
    Recommendation,
    Section,
    SectionKind,
)
from medref.documents.model import INLINE_LINK

from . import cues
from . import vocabulary as vocab
from .attendance import merge_names
from .blocks import clean_inline

if TYPE_CHECKING:
    from .items import ItemHeading


def finish_item(
    heading: ItemHeading,
    case_number: str | None,
    closed: bool,
    raw_sections: list[tuple[str, SectionKind, list[Block]]],
    absent: list[str],
    substitutes: list[str],
) -> AgendaItem:
    """The item as the model holds it: its sections, the recommendation and bilag split off."""
    recommendation: Recommendation | None = None
    attachments: list[Attachment] = []
    sections: list[Section] = []
    for title, kind, blocks in raw_sections:
        if kind == SectionKind.RECOMMENDATION and recommendation is None:
            recommendation, blocks = extract_recommendation(blocks)
        if kind == SectionKind.ATTACHMENTS:
            found, blocks = extract_attachments(blocks)
            attachments.extend(found)
        sections.append(Section(kind=kind, heading=title, blocks=tuple(blocks)))
    return AgendaItem(
        number=heading.number,
        title=heading.title,
        case_number=case_number,
        closed=closed,
        sections=tuple(sections),
        recommendation=recommendation,
        attachments=tuple(attachments),
        absent=merge_names(absent),
        substitutes=merge_names(substitutes),
    )


def _clause_texts(block: Block, *, any_text: bool) -> list[str] | None:
    """The "at …" clauses a block holds, or None when it is something else.

    After a lead that ends in "at" ("X indstiller, at:") the clauses need not
    repeat it (``any_text``).
    """
    if isinstance(block, Paragraph) and vocab.RECOMMENDATION_CLAUSE.match(block.text):
        return [block.text]
    if isinstance(block, BulletList) and all(
        not item.children and (any_text or vocab.RECOMMENDATION_CLAUSE.match(item.text))
        for item in block.items
    ):
        return [item.text for item in block.items]
    return None


def _list_item_clauses(items: tuple[ListItem, ...]) -> bool:
    return all(not item.children for item in items)


def extract_recommendation(blocks: list[Block]) -> tuple[Recommendation | None, list[Block]]:
    """Split "X indstiller, at …" off the front of an Indstilling section."""
    if not blocks or not isinstance(blocks[0], Paragraph | Heading):
        return None, blocks
    lead = cues.RECOMMENDATION_LEAD.match(blocks[0].text)
    if lead is None or cues.PASSIVE_RECOMMENDATION.match(blocks[0].text):
        return None, blocks
    clauses: list[str] = []
    rest_text = lead["rest"].strip()
    bare_at = rest_text.casefold().rstrip(":").strip() in ("at", "")
    if rest_text and not bare_at:
        if not vocab.RECOMMENDATION_CLAUSE.match(rest_text):
            return None, blocks
        clauses.append(rest_text)
    numbered = False
    rest = 1
    while (
        rest < len(blocks)
        and (found := _clause_texts(blocks[rest], any_text=bare_at and rest_text != "")) is not None
    ):
        block = blocks[rest]
        numbered = numbered or (isinstance(block, BulletList) and block.ordered)
        clauses.extend(found)
        rest += 1
    if not clauses:
        return None, blocks
    proposer = clean_inline(lead["proposer"])
    return Recommendation(proposer, tuple(clauses), numbered), blocks[rest:]


def _attachment(text: str) -> Attachment:
    """A bilag line; a portal's link to the file ("[Titel](bilag/x.pdf)") gives both."""
    link = INLINE_LINK.fullmatch(text.strip())
    return Attachment(link["text"], link["href"] or None) if link else Attachment(text)


def extract_attachments(blocks: list[Block]) -> tuple[list[Attachment], list[Block]]:
    """A Bilag section's paragraphs and flat list items are bilag titles."""
    attachments: list[Attachment] = []
    kept: list[Block] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            attachments.append(_attachment(block.text))
        elif isinstance(block, BulletList) and not any(i.children for i in block.items):
            attachments.extend(_attachment(item.text) for item in block.items)
        else:
            kept.append(block)
    return attachments, kept
