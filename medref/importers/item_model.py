"""An item's raw sections made into the model's ``AgendaItem``: the recommendation's
"at …" clauses and the bilag split off their sections."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

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


# Headings that name a recommendation only when the item has no plainer one: beside an
# "Indstilling", a "Forslag" section is the case's proposal, text of its own.
_WEAK_RECOMMENDATION: Final = frozenset({"forslag"})


def _with_weak_kinds_demoted(
    raw_sections: list[tuple[str, SectionKind, list[Block]]],
) -> list[tuple[str, SectionKind, list[Block]]]:
    weak = [
        i
        for i, (title, kind, _) in enumerate(raw_sections)
        if kind == SectionKind.RECOMMENDATION
        and title.rstrip(": ").casefold() in _WEAK_RECOMMENDATION
    ]
    if not weak or len(weak) == sum(k == SectionKind.RECOMMENDATION for _, k, _ in raw_sections):
        return raw_sections
    return [
        (title, SectionKind.OTHER, blocks) if i in weak else (title, kind, blocks)
        for i, (title, kind, blocks) in enumerate(raw_sections)
    ]


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
    for title, kind, blocks in _with_weak_kinds_demoted(raw_sections):
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


_CLAUSE_NUMBER = re.compile(r"^\d{1,2}[.)]\s+(?=at\s)", re.IGNORECASE)


def _clause_texts(block: Block, *, any_text: bool) -> list[str] | None:
    """The "at …" clauses a block holds, or None when it is something else.

    After a lead that ends in "at" ("X indstiller, at:") the clauses need not
    repeat it (``any_text``).
    """
    if isinstance(block, Paragraph):
        # "1. at …" typed as a paragraph of its own: the clause without its number.
        text = _CLAUSE_NUMBER.sub("", block.text) if block.text[:1].isdigit() else block.text
        return [text] if vocab.RECOMMENDATION_CLAUSE.match(text) else None
    if isinstance(block, BulletList) and all(
        not item.children and (any_text or vocab.RECOMMENDATION_CLAUSE.match(item.text))
        for item in block.items
    ):
        return [item.text for item in block.items]
    return None


def _list_item_clauses(items: tuple[ListItem, ...]) -> bool:
    return all(not item.children for item in items)


def _wrapped_on(block: Block) -> str | None:
    """A line that carries on the one above it (a fixed-width export wrapped it): a
    paragraph that starts in lower case and is no "at …" clause."""
    if not isinstance(block, Paragraph):
        return None
    text = block.text
    # (A digit too: "… den 10. december" / "2024 godkendes.")
    if not (text[:1].islower() or text[:1].isdigit()) or vocab.RECOMMENDATION_CLAUSE.match(text):
        return None
    return text


# Words a clause cannot end in: after them, the line was wrapped. (Not "og": ", og" ends
# a clause with the next "at …" below it.)
_CANNOT_END = vocab.DANGLING_WORDS


def _name_wrapped_on(block: Block, clauses: list[str]) -> str | None:
    """A clause's last words wrapped onto a short line of their own ("… legepladsen i" /
    "Strandparken"): the clause ends in a word it cannot end in, the line in no full stop."""
    if not clauses or not isinstance(block, Paragraph):
        return None
    if clauses[-1].rsplit(None, 1)[-1] not in _CANNOT_END:
        return None  # the clause may end there: the line is text of its own
    text = block.text
    if len(text) > 40 or "." in text or ":" in text or cues.heading_kind(text) is not None:
        return None
    return text


def _dangling_clause(block: Block) -> str | None:
    """A short line of its own that can be a clause without its "at"."""
    if not isinstance(block, Paragraph):
        return None
    text = block.text
    if len(text) > 150 or ": " in text or cues.heading_kind(text) is not None:
        return None
    return text


def extract_recommendation(blocks: list[Block]) -> tuple[Recommendation | None, list[Block]]:
    """Split "X indstiller, at …" off the front of an Indstilling section."""
    if not blocks or not isinstance(blocks[0], Paragraph | Heading):
        return None, blocks
    lead_text = blocks[0].text
    skip = 0  # lines of the lead wrapped onto lines of their own
    while 1 + skip < len(blocks) and (more := _wrapped_on(blocks[1 + skip])) is not None:
        lead_text, skip = f"{lead_text} {more}", skip + 1
    if skip and cues.LEAD_ONLY.match(lead_text) is None:
        lead_text, skip = blocks[0].text, 0
    lead = cues.RECOMMENDATION_LEAD.match(lead_text)
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
    rest = 1 + skip
    while rest < len(blocks):
        block = blocks[rest]
        found = _clause_texts(block, any_text=bare_at and rest_text != "")
        if found is None:
            more = _wrapped_on(block) or _name_wrapped_on(block, clauses)
            if more is not None and clauses:
                clauses[-1] = f"{clauses[-1]} {more}"  # a clause wrapped onto the next line
            elif bare_at and rest_text and (clause := _dangling_clause(block)) is not None:
                # "X indstiller, at" / "budgetopfølgningen …" / "AMU følger op …": each line
                # under a lead that ends in "at" is a clause.
                clauses.append(f"at {clause}")
            else:
                break
        else:
            if bare_at and rest_text and isinstance(block, BulletList) and not block.ordered:
                # "X indstiller, at" / "- udkastet sendes i høring": each bullet goes on
                # from the lead's "at".
                found = [c if c[:3].casefold() == "at " else f"at {c}" for c in found]
            numbered = numbered or (
                block.ordered
                if isinstance(block, BulletList)
                else isinstance(block, Paragraph) and block.text[:1].isdigit()
            )
            clauses.extend(found)
        rest += 1
    if not clauses:
        return None, blocks
    proposer = clean_inline(lead["proposer"])
    # "at | dagsordenen godkendes |": a clause kept in a table's cell by the page.
    clauses = [
        f"at {cell['text']}" if "|" in c and (cell := _CELL_CLAUSE.match(c)) else c for c in clauses
    ]
    return Recommendation(proposer, tuple(clauses), numbered), blocks[rest:]


_CELL_CLAUSE = re.compile(r"^at\s*\|\s*(?P<text>[^|]*?)\s*\|$")


# "[Notat](/media/notat.pdf) (pdf)", "… (PDF, 230 KB)": the file's type and size after its link.
_FILE_NOTE = re.compile(r"(?<=\))\s*\([^()]{1,24}\)$")


def _attachment(text: str) -> Attachment:
    """A bilag line; a portal's link to the file ("[Titel](bilag/x.pdf)") gives both."""
    text = text.strip()
    link = INLINE_LINK.fullmatch(text) or INLINE_LINK.fullmatch(_FILE_NOTE.sub("", text))
    return Attachment(link["text"], link["href"] or None) if link else Attachment(text)


_NO_BILAG = re.compile(r"^(?:ingen(?:\s+bilag)?|-|–)\.?$", re.IGNORECASE)


def extract_attachments(blocks: list[Block]) -> tuple[list[Attachment], list[Block]]:
    """A Bilag section's paragraphs and flat list items are bilag titles."""
    attachments: list[Attachment] = []
    kept: list[Block] = []
    for block in blocks:
        if isinstance(block, Paragraph) and _NO_BILAG.match(block.text):
            kept.append(block)  # "Ingen bilag.": said, but no bilag
        elif isinstance(block, Paragraph):
            attachments.append(_attachment(block.text))
        elif isinstance(block, BulletList) and not any(i.children for i in block.items):
            attachments.extend(_attachment(item.text) for item in block.items)
        else:
            kept.append(block)
    return attachments, kept
