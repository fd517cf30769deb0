"""From raw blocks to a MeetingDocument: the reading every format shares.

A document is a header (title line, Mødedato, Mødested, Mødedeltagere, …),
an optional table of contents, and items ("Punkt 21: Title") with their
case number and headed sections. Headings are recognised by their words
(``vocabulary``), never by their level or formatting.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from medref.documents import (
    AgendaItem,
    Attachment,
    Block,
    BulletList,
    DocumentKind,
    Heading,
    MeetingDocument,
    Paragraph,
    Participant,
    Recommendation,
    Section,
    SectionKind,
    TocEntry,
)
from medref.lib.danish import parse_long_date, parse_short_date

from . import vocabulary as vocab
from .attendance import merge_names, parse_participants, split_names, without
from .blocks import RawBlock, clean_inline
from .errors import ParseError


@dataclass
class _Header:
    kind: DocumentKind | None = None
    committee: str | None = None
    title_date: dt.date | None = None
    meeting_date: dt.date | None = None
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    location: str | None = None
    municipality: str | None = None
    participants: list[Participant] = field(default_factory=list)
    has_participant_list: bool = False
    present: list[str] | None = None
    absent: list[str] = field(default_factory=list)
    substitutes: list[str] = field(default_factory=list)
    minute_taker: str | None = None
    toc: list[TocEntry] = field(default_factory=list)


@dataclass
class _Attendance:
    """Attendance sentences found in item bodies."""

    present: list[str] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)
    substitutes: list[str] = field(default_factory=list)


class _Reader:
    def __init__(self, blocks: list[RawBlock], path: str) -> None:
        self.blocks = blocks
        self.path = path
        self.header = _Header()
        self.said = _Attendance()

    def error(self, message: str, line: int | None) -> ParseError:
        return ParseError(message, path=self.path, line=line)

    # --- header -------------------------------------------------------------

    def read_header(self, blocks: list[RawBlock]) -> None:
        in_toc = False
        for block in blocks:
            for offset, raw in enumerate(block.lines):
                line_no = block.line + offset
                line = clean_inline(raw)
                if not line:
                    continue
                if vocab.TOC_HEADING.match(line):
                    in_toc = True
                    continue
                if in_toc:
                    self.header.toc.append(self._toc_entry(raw))
                    continue
                title = vocab.DOCUMENT_TITLE.match(line)
                if title and self.header.kind is None:
                    self._read_title(title, line_no)
                    continue
                found = vocab.header_field(line)
                if found is not None:
                    self._read_field(found[0], found[1], line_no)

    def _toc_entry(self, raw: str) -> TocEntry:
        match = vocab.TOC_ENTRY.match(raw.strip())
        if match is None:
            return TocEntry(clean_inline(raw))
        return TocEntry(clean_inline(match["title"]), int(match["page"]))

    def _read_title(self, match: re.Match[str], line: int) -> None:
        self.header.kind = DocumentKind(match["kind"].lower())
        self.header.committee = clean_inline(match["committee"]) or None
        if match["date"]:
            try:
                self.header.title_date = parse_short_date(match["date"])
            except ValueError as exc:
                raise self.error(
                    f"the title's date {match['date']!r} does not exist", line
                ) from exc

    def _read_field(self, name: str, value: str, line: int) -> None:
        header = self.header
        if name == "date":
            self._read_date(value, line)
        elif name == "location":
            header.location = value or None
        elif name == "municipality":
            header.municipality = value or None
        elif name == "participants":
            participants, minute_taker = parse_participants(value)
            header.participants.extend(participants)
            header.has_participant_list = True
            header.minute_taker = header.minute_taker or minute_taker
        elif name == "present":
            header.present = (header.present or []) + split_names(value)
        elif name == "absent":
            header.absent.extend(split_names(value))
        elif name == "substitutes":
            header.substitutes.extend(split_names(value))
        elif name == "minute_taker":
            header.minute_taker = value or None

    def _read_date(self, value: str, line: int) -> None:
        try:
            parsed = parse_long_date(value)
            if parsed is None:
                short = parse_short_date(value)
                parsed = (short, None, None) if short else None
        except ValueError as exc:
            raise self.error(f"Mødedato: the date {value!r} does not exist", line) from exc
        if parsed is None:
            raise self.error(f"Mødedato: cannot read a date in {value!r}", line)
        self.header.meeting_date, self.header.start_time, self.header.end_time = parsed

    # --- items --------------------------------------------------------------

    def read_item(self, heading: RawBlock, body: list[RawBlock]) -> AgendaItem:
        match = vocab.ITEM_HEADING.match(heading.text)
        assert match is not None
        number, title = int(match["number"]), clean_inline(match["title"])
        case_number: str | None = None
        closed = False
        sections: list[tuple[str, SectionKind, list[Block]]] = []
        absent: list[str] = []
        substitutes: list[str] = []
        for block in body:
            text = block.text if len(block.lines) == 1 else ""
            if not sections and text:
                case = vocab.CASE_NUMBER.match(text)
                if case and case_number is None:
                    case_number = case["case"]
                    continue
                if vocab.CLOSED_MARKER.match(text):
                    closed = True
                    continue
                if vocab.OPEN_MARKER.match(text):
                    continue
            kind = vocab.section_kind(text) if text else None
            if kind is not None:
                sections.append((text, kind, []))
                continue
            if isinstance(block.block, Paragraph):
                line_absent = vocab.ITEM_ABSENT_LINE.match(text)
                if line_absent:
                    absent.extend(split_names(line_absent["names"]))
                    continue
                line_subs = vocab.ITEM_SUBSTITUTE_LINE.match(text)
                if line_subs:
                    substitutes.extend(split_names(line_subs["names"]))
                    continue
                self._attendance_sentence(block.block.text, absent, substitutes)
            if not sections:
                sections.append(("", SectionKind.OTHER, []))
            sections[-1][2].append(block.block)
        return _finish_item(number, title, case_number, closed, sections, absent, substitutes)

    def _attendance_sentence(self, text: str, absent: list[str], substitutes: list[str]) -> None:
        lowered = text.lower()
        if not any(word in lowered for word in vocab.ATTENDANCE_WORDS):
            return
        targets = (
            (vocab.ITEM_SUBSTITUTE, substitutes),
            (vocab.MEETING_SUBSTITUTE, self.said.substitutes),
            (vocab.ITEM_ABSENT, absent),
            (vocab.MEETING_PRESENT, self.said.present),
            (vocab.MEETING_ABSENT, self.said.absent),
        )
        for patterns, names in targets:
            for pattern in patterns:
                match = pattern.match(text)
                if match:
                    names.extend(split_names(match["names"]))
                    return

    # --- the whole document ---------------------------------------------------

    def read(self) -> MeetingDocument:
        if not self.blocks:
            raise self.error("the file is empty", 1)
        starts = self._item_starts()
        first_item = starts[0] if starts else len(self.blocks)
        self.read_header(self.blocks[:first_item])
        items: list[AgendaItem] = []
        seen: dict[int, int] = {}
        for index, start in enumerate(starts):
            end = starts[index + 1] if index + 1 < len(starts) else len(self.blocks)
            heading = self.blocks[start]
            item = self.read_item(heading, self.blocks[start + 1 : end])
            if item.number in seen:
                raise self.error(
                    f"item number {item.number} appears twice (first at line {seen[item.number]})",
                    heading.line,
                )
            seen[item.number] = heading.line
            items.append(item)
        return self._document(items)

    def _item_starts(self) -> list[int]:
        return [
            i
            for i, block in enumerate(self.blocks)
            if len(block.lines) == 1
            and vocab.ITEM_HEADING.match(block.text)
            and not vocab.TOC_ENTRY.match(block.lines[0])
        ]

    def _document(self, items: list[AgendaItem]) -> MeetingDocument:
        header = self.header
        first_line = self.blocks[0].line
        if header.kind is None and not items:
            raise self.error(
                "this does not look like minutes or an agenda: no 'REFERAT'/'DAGSORDEN' title "
                "and no 'Punkt N: …' items",
                first_line,
            )
        if not items:
            raise self.error("no items ('Punkt N: …') found", self.blocks[-1].line)
        meeting_date = header.meeting_date or header.title_date
        if meeting_date is None:
            raise self.error("no meeting date: expected 'Mødedato …' or a dated title", first_line)
        if header.toc and len(header.toc) > len(items):
            raise self.error(
                f"the file looks truncated: the table of contents lists {len(header.toc)} items "
                f"but only {len(items)} were found",
                self.blocks[-1].line,
            )
        kind = header.kind or (
            DocumentKind.MINUTES
            if any(s.kind == SectionKind.DECISION for i in items for s in i.sections)
            else DocumentKind.AGENDA
        )
        participants = list(header.participants)
        if not header.has_participant_list and self.said.present:
            participants = [Participant(name) for name in merge_names(self.said.present)]
        absent = merge_names(header.absent, self.said.absent)
        present: tuple[str, ...] | None = None
        if header.present is not None:
            present = merge_names(header.present, self.said.present)
        elif participants:
            present = merge_names(
                without((p.name for p in participants), absent), self.said.present
            )
        elif self.said.present:
            present = merge_names(self.said.present)
        substitutes = merge_names(
            header.substitutes, self.said.substitutes, *(i.substitutes for i in items)
        )
        return MeetingDocument(
            kind=kind,
            committee=header.committee or "",
            meeting_date=meeting_date,
            start_time=header.start_time,
            end_time=header.end_time,
            location=header.location,
            municipality=header.municipality,
            participants=tuple(participants),
            present=present,
            absent=absent,
            substitutes=substitutes,
            minute_taker=header.minute_taker,
            toc=tuple(header.toc),
            items=tuple(items),
        )


def _finish_item(
    number: int,
    title: str,
    case_number: str | None,
    closed: bool,
    raw_sections: list[tuple[str, SectionKind, list[Block]]],
    absent: list[str],
    substitutes: list[str],
) -> AgendaItem:
    recommendation: Recommendation | None = None
    attachments: list[Attachment] = []
    sections: list[Section] = []
    for heading, kind, blocks in raw_sections:
        if kind == SectionKind.RECOMMENDATION and recommendation is None:
            recommendation, blocks = extract_recommendation(blocks)
        if kind == SectionKind.ATTACHMENTS:
            found, blocks = extract_attachments(blocks)
            attachments.extend(found)
        sections.append(Section(kind=kind, heading=heading, blocks=tuple(blocks)))
    return AgendaItem(
        number=number,
        title=title,
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


def extract_recommendation(
    blocks: list[Block],
) -> tuple[Recommendation | None, list[Block]]:
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


def read_document(blocks: list[RawBlock], *, path: str) -> MeetingDocument:
    return _Reader(blocks, path).read()
