"""From raw blocks to a MeetingDocument: the reading every format shares.

A document is a header (title line, Mødedato, Mødested, Mødedeltagere, …),
an optional table of contents, and items ("Punkt 21: Title") with their
case number and headed sections. Headings are recognised by their words
(``vocabulary``), never by their level or formatting. The header is read
in ``header``, each item in ``items``; this module finds where items start,
merges what the minutes say about attendance, and checks the whole.
"""

from __future__ import annotations

from dataclasses import replace

from medref.documents import (
    AgendaItem,
    BulletList,
    DocumentKind,
    Heading,
    MeetingDocument,
    Paragraph,
    Participant,
    SectionKind,
)

from .attendance import merge_names, without
from .blocks import RawBlock
from .errors import ParseError
from .header import Header, HeaderReader
from .items import ItemHeading, SaidAtMeeting, attendance_sentence, item_heading, read_item

_TEXT_BLOCKS = (Paragraph, Heading)


def _item_starts(blocks: list[RawBlock]) -> list[tuple[int, ItemHeading]]:
    """Where items start. "N. Title" headings count only when nothing says "Punkt N"."""
    # Cheap test first: only a paragraph or heading starting with P can say "Punkt N".
    starts = [
        (i, h)
        for i, b in enumerate(blocks)
        if isinstance(block := b.block, _TEXT_BLOCKS)
        and block.text[:1] in "Pp"
        and (h := item_heading(b, numbered_style=False))
    ]
    if starts:
        return starts
    candidates = [
        (i, h)
        for i, b in enumerate(blocks)
        if isinstance(b.block, BulletList) and (h := item_heading(b, numbered_style=True))
    ]
    # Numbered items run on: keep the longest run of consecutive numbers, so a
    # lone "1. januar …" in a text is not taken for an item.
    kept: list[tuple[int, ItemHeading]] = []
    for index, heading in candidates:
        if not kept or heading.number == kept[-1][1].number + 1:
            kept.append((index, heading))
    return kept if len(kept) >= 2 else []


def _header_sentences(header: Header, said: SaidAtMeeting) -> None:
    """Attendance sentences can stand in the header too ("X deltog ikke i …")."""
    for line in header.other_lines:
        attendance_sentence(line, said, said.absent, said.substitutes)


def _with_named_absences(items: list[AgendaItem], said: SaidAtMeeting) -> list[AgendaItem]:
    """Add "X deltog ikke i behandlingen af punkt 6, 8" to those items' absent."""
    if not said.absent_from_items:
        return items
    result = []
    for item in items:
        named = [
            n for names, numbers in said.absent_from_items if item.number in numbers for n in names
        ]
        result.append(replace(item, absent=merge_names(item.absent, named)) if named else item)
    return result


class _Reader:
    def __init__(self, blocks: list[RawBlock], path: str) -> None:
        self.blocks = blocks
        self.path = path
        self.said = SaidAtMeeting()

    def error(self, message: str, line: int | None) -> ParseError:
        return ParseError(message, path=self.path, line=line)

    def read(self) -> MeetingDocument:
        if not self.blocks:
            raise self.error("the file is empty", 1)
        starts = _item_starts(self.blocks)
        first_item = starts[0][0] if starts else len(self.blocks)
        header = HeaderReader(self.path).read(self.blocks[:first_item])
        _header_sentences(header, self.said)
        items: list[AgendaItem] = []
        seen: dict[int, int] = {}
        for position, (start, heading) in enumerate(starts):
            end = starts[position + 1][0] if position + 1 < len(starts) else len(self.blocks)
            line = self.blocks[start].line
            if heading.number in seen:
                raise self.error(
                    f"item number {heading.number} appears twice "
                    f"(first at line {seen[heading.number]})",
                    line,
                )
            seen[heading.number] = line
            items.append(read_item(heading, self.blocks[start + 1 : end], self.said))
        return self._document(header, _with_named_absences(items, self.said))

    def _document(self, header: Header, items: list[AgendaItem]) -> MeetingDocument:
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
        said = self.said
        kind = header.kind or (
            DocumentKind.MINUTES
            if any(s.kind == SectionKind.DECISION for i in items for s in i.sections)
            else DocumentKind.AGENDA
        )
        participants = list(header.participants)
        if not header.has_participant_list and said.present:
            participants = [Participant(name) for name in merge_names(said.present)]
        absent = merge_names(header.absent, said.absent)
        present: tuple[str, ...] | None = None
        if header.present is not None:
            present = merge_names(header.present, said.present)
        elif participants:
            present = merge_names(without((p.name for p in participants), absent), said.present)
        elif said.present:
            present = merge_names(said.present)
        substitutes = merge_names(
            header.substitutes, said.substitutes, *(i.substitutes for i in items)
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


def read_document(blocks: list[RawBlock], *, path: str) -> MeetingDocument:
    return _Reader(blocks, path).read()
