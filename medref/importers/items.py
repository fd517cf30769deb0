"""One agenda item: its heading, case number, sections and attendance lines."""

from __future__ import annotations

from dataclasses import dataclass, field

from medref.documents import (
    AgendaItem,
    Attachment,
    Block,
    BulletList,
    Heading,
    Paragraph,
    Recommendation,
    Section,
    SectionKind,
)

from . import vocabulary as vocab
from .attendance import merge_names, split_names
from .blocks import RawBlock, clean_inline


@dataclass(frozen=True)
class ItemHeading:
    number: int
    title: str
    closed: bool = False


def _title(number: int, title: str) -> ItemHeading:
    marked = vocab.CLOSED_TITLE.match(title)
    if marked:
        closed = marked["mark"].lower() == "lukket"
        return ItemHeading(number, clean_inline(marked["title"]), closed)
    return ItemHeading(number, clean_inline(title))


def item_heading(block: RawBlock, *, numbered_style: bool) -> ItemHeading | None:
    """The item a block starts, if it is an item heading.

    "Punkt N: …" anywhere; "Pkt. N …" in a heading; "N. Title" only in
    minutes that number items that way (``numbered_style``), since elsewhere
    "1. at …" is a clause and "1. januar" a date.
    """
    if len(block.lines) != 1:
        return None
    found: ItemHeading | None = None
    text = block.text
    # Cheap test first: this runs on every block of every file.
    if isinstance(block.block, Paragraph | Heading) and text[:1] in "Pp":
        pattern = vocab.ITEM_HEADING_LOOSE if block.explicit_heading else vocab.ITEM_HEADING
        match = pattern.match(text)
        if match:
            found = _title(int(match["number"]), match["title"])
    if found is None and numbered_style:
        raw = clean_inline(block.lines[0])
        numbered = vocab.NUMBERED_ITEM_HEADING.match(raw)
        if numbered and not vocab.RECOMMENDATION_CLAUSE.match(numbered["title"]):
            found = _title(int(numbered["number"]), numbered["title"])
    # A contents line ("Punkt 3: Budget.....<tab>4") names an item; it does not start one.
    first = block.lines[0]
    if found is not None and _ends_in_digit(first) and vocab.TOC_ENTRY.match(first):
        return None
    return found


def _ends_in_digit(line: str) -> bool:
    """Whether ``line`` ends in a digit, before one final newline (where ``$`` matches too).

    ``TOC_ENTRY`` ends in a page number; this rejects most lines before it runs.
    """
    end = line[:-1] if line.endswith("\n") else line
    return end[-1:].isdecimal()  # \d is Unicode category Nd, as isdecimal()


@dataclass
class SaidAtMeeting:
    """Attendance sentences found in item bodies that concern the whole meeting."""

    present: list[str] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)
    substitutes: list[str] = field(default_factory=list)
    # (names, item numbers) from "X deltog ikke i behandlingen af punkt 6, 8 og 9".
    absent_from_items: list[tuple[list[str], list[int]]] = field(default_factory=list)


def item_numbers(text: str) -> list[int]:
    """ "6, 8 og 9" -> [6, 8, 9]; "6-8" -> [6, 7, 8]."""
    numbers: list[int] = []
    for part in split_names(text):
        if "-" in part:
            first, _, last = part.partition("-")
            if first.strip().isdigit() and last.strip().isdigit():
                numbers.extend(range(int(first), int(last) + 1))
        elif part.strip().isdigit():
            numbers.append(int(part))
    return numbers


def attendance_sentence(
    text: str, said: SaidAtMeeting, absent: list[str], substitutes: list[str]
) -> None:
    """Collect the names an attendance sentence gives; the sentence itself stays."""
    lowered = text.lower()
    # A loop, not any() over a generator: this runs on every paragraph.
    for word in vocab.ATTENDANCE_WORDS:
        if word in lowered:
            break
    else:
        return
    named = vocab.NAMED_ITEMS_ABSENT.match(text)
    if named:
        said.absent_from_items.append((split_names(named["names"]), item_numbers(named["numbers"])))
        return
    targets = (
        (vocab.ITEM_SUBSTITUTE, substitutes),
        (vocab.MEETING_SUBSTITUTE, said.substitutes),
        (vocab.ITEM_ABSENT, absent),
        (vocab.MEETING_PRESENT, said.present),
        (vocab.MEETING_ABSENT, said.absent),
    )
    for patterns, names in targets:
        for pattern in patterns:
            match = pattern.match(text)
            if match:
                names.extend(split_names(match["names"]))
                return


def read_item(heading: ItemHeading, body: list[RawBlock], said: SaidAtMeeting) -> AgendaItem:
    case_number: str | None = None
    closed = heading.closed
    sections: list[tuple[str, SectionKind, list[Block]]] = []
    absent: list[str] = []
    substitutes: list[str] = []
    names_follow = False  # a "Fraværende:" line alone: the names come next
    for block in body:
        inner = block.block
        # The paragraph's text, or None for other blocks; ``text`` as in RawBlock.text
        # but "" for a block of several lines.
        paragraph_text = inner.text if isinstance(inner, Paragraph) else None
        text = ""
        if len(block.lines) == 1:
            if paragraph_text is not None:
                text = paragraph_text
            elif isinstance(inner, Heading):
                text = inner.text
        if names_follow and paragraph_text is not None:
            absent.extend(split_names(paragraph_text))
            names_follow = False
            continue
        if not sections and text:
            case = vocab.CASE_NUMBER.match(text)
            if case and case_number is None:
                case_number = clean_inline(case["labelled"] or case["kle"])
                continue
            if vocab.ITEM_METADATA.match(text) or vocab.OPEN_MARKER.match(text):
                continue
            if vocab.CLOSED_MARKER.match(text):
                closed = True
                continue
        kind = vocab.section_kind(text) if text else None
        if kind is None and not sections and block.explicit_heading:
            # An unknown heading where a section must start is a section of its own.
            kind = SectionKind.OTHER
        if kind is not None:
            sections.append((text, kind, []))
            continue
        if paragraph_text is not None:
            if vocab.ITEM_LINE_START.match(text):
                if vocab.ITEM_ABSENT_HEADING.match(text):
                    names_follow = True
                    continue
                line_absent = vocab.ITEM_ABSENT_LINE.match(text)
                if line_absent:
                    absent.extend(split_names(line_absent["names"]))
                    continue
                line_subs = vocab.ITEM_SUBSTITUTE_LINE.match(text)
                if line_subs:
                    substitutes.extend(split_names(line_subs["names"]))
                    continue
            attendance_sentence(paragraph_text, said, absent, substitutes)
        if not sections:
            sections.append(("", SectionKind.OTHER, []))
        sections[-1][2].append(inner)
    return _finish_item(heading, case_number, closed, sections, absent, substitutes)


def _finish_item(
    heading: ItemHeading,
    case_number: str | None,
    closed: bool,
    raw_sections: list[tuple[str, SectionKind, list[Block]]],
    absent: list[str],
    substitutes: list[str],
) -> AgendaItem:
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


def _clause_texts(block: Block) -> list[str] | None:
    """The "at …" clauses a block holds, or None when it is something else."""
    if isinstance(block, Paragraph) and vocab.RECOMMENDATION_CLAUSE.match(block.text):
        return [block.text]
    if isinstance(block, BulletList) and all(
        not item.children and vocab.RECOMMENDATION_CLAUSE.match(item.text) for item in block.items
    ):
        return [item.text for item in block.items]
    return None


def extract_recommendation(blocks: list[Block]) -> tuple[Recommendation | None, list[Block]]:
    """Split "X indstiller, at …" off the front of an Indstilling section."""
    if not blocks or not isinstance(blocks[0], Paragraph | Heading):
        return None, blocks
    lead = vocab.RECOMMENDATION_LEAD.match(blocks[0].text)
    if lead is None:
        return None, blocks
    clauses: list[str] = []
    if lead["rest"]:
        if not vocab.RECOMMENDATION_CLAUSE.match(lead["rest"]):
            return None, blocks
        clauses.append(lead["rest"])
    numbered = False
    rest = 1
    while rest < len(blocks) and (found := _clause_texts(blocks[rest])) is not None:
        block = blocks[rest]
        numbered = numbered or (isinstance(block, BulletList) and block.ordered)
        clauses.extend(found)
        rest += 1
    if not clauses:
        return None, blocks
    proposer = clean_inline(lead["proposer"])
    return Recommendation(proposer, tuple(clauses), numbered), blocks[rest:]


def extract_attachments(blocks: list[Block]) -> tuple[list[Attachment], list[Block]]:
    """A Bilag section's paragraphs and flat list items are bilag titles."""
    attachments: list[Attachment] = []
    kept: list[Block] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            attachments.append(Attachment(block.text))
        elif isinstance(block, BulletList) and not any(i.children for i in block.items):
            attachments.extend(Attachment(item.text) for item in block.items)
        else:
            kept.append(block)
    return attachments, kept
