"""From raw blocks to a MeetingDocument: the reading every format shares.

A document is a header (title, date, place, participants, …), an optional
table of contents, and items with their case number and headed sections.
Nothing here belongs to one agenda system: item boundaries are found by
weighing the cues the document itself gives (``starts``), headings are
recognised by their words (``cues``, ``vocabulary``), never by their level
or formatting. The blocks are cleaned of portal and page furniture in ``clean``, the header
is read in ``header``, each item in ``items``; this module finds where items
start, merges what the minutes say about attendance, and checks the whole.

A readable file is never refused for what it lacks: a missing date or
committee becomes a warning (``ParseWarning``) and the field stays empty.
Only a file with no recognisable item is refused, with the lines that came
closest.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from medref.documents import (
    AgendaItem,
    DocumentKind,
    Heading,
    MeetingDocument,
    Paragraph,
    Participant,
    SectionKind,
)

from . import cues
from .attendance import merge_names, without
from .blocks import RawBlock, clean_inline
from .clean import clean_blocks
from .dates import find_date
from .errors import ParseError, ParseWarning, quote
from .header import Header, HeaderReader
from .item_bounds import (
    absent_throughout,
    lettered_group,
    lettered_groups,
    title_rest,
    without_bilag_appendix,
    without_site_footer,
)
from .items import ItemHeading, read_item
from .said import SaidAtMeeting, attendance_sentence, meeting_ended
from .starts import Start, item_starts

# Where one sentence ends and the next begins: after ". " or a full stop glued to a capital.
_GLUED_SENTENCES = re.compile(r"(?<=[a-zæøå0-9]\.)(?=[A-ZÆØÅ][a-zæøå])|(?<=[.!?])\s+(?=[A-ZÆØÅ])")


def _levels_are_structure(blocks: list[RawBlock], starts: list[Start]) -> bool:
    """Whether the format's heading levels follow the items: every item heading at one
    level, and no other heading at that level or above it after the first item (a page
    template's h2 items; not a Word document's "## HovedMED" typed inside a decision)."""
    at = {start.at for start in starts}
    levels = {blocks[i].level for i in at}
    if len(levels) != 1 or not starts:
        return False
    level = levels.pop()
    if level == 0:
        # Items not marked as headings (a printed page's fold buttons): the levels follow
        # the items when the items' own headings all have one level.
        inner = {b.level for b in blocks[starts[0].at :] if b.explicit_heading and b.level}
        return len(inner) == 1
    return level > 0 and not any(
        block.explicit_heading and 0 < block.level <= level
        for i, block in enumerate(blocks[starts[0].at :], starts[0].at)
        if i not in at
    )


def _group_marks(blocks: list[RawBlock]) -> dict[int, bool]:
    """Blocks that head a group of items ("ÅBNE SAGER", "Lukkede punkter"): index -> closed."""
    marks: dict[int, bool] = {}
    for index, block in enumerate(blocks):
        if (
            isinstance(block.block, (Paragraph, Heading))
            and len(block.lines) == 1
            and block.block.text[:1] in "åÅlLfFtT"
        ):
            found = cues.ITEM_GROUP.match(block.block.text.strip())
            if found:
                marks[index] = found["closed"] is not None
    return marks


def _with_substitutions_throughout(
    items: list[AgendaItem], said: SaidAtMeeting
) -> list[AgendaItem]:
    """ "Jonas Vang deltog som stedfortræder for Mette Skov." under every open item: the
    meeting's, and each item's too (one such note in one item is the meeting's only)."""
    notes = {number: (subs, absent) for number, subs, absent in said.substitutions_by_item}
    open_numbers = [item.number for item in items if not item.closed]
    if len(open_numbers) < 2 or any(n not in notes for n in open_numbers):
        return items
    if len({notes[n] for n in open_numbers}) != 1:
        return items
    return [
        replace(
            item,
            absent=merge_names(item.absent, notes[item.number][1]),
            substitutes=merge_names(item.substitutes, notes[item.number][0]),
        )
        if item.number in notes
        else item
        for item in items
    ]


def _header_sentences(header: Header, said: SaidAtMeeting) -> None:
    """Attendance sentences can stand in the header too ("X deltog ikke i …"), and the
    time the meeting ended; a sentence glued to the next ("deltog Jens Rye.Rådmand …")
    is read apart."""
    for line in header.other_lines:
        for sentence in _GLUED_SENTENCES.split(line):
            attendance_sentence(sentence, said, said.absent, said.substitutes)
            if said.ended is None:
                said.ended = meeting_ended(sentence)
    said.absent_from_items.extend(header.absent_from_items)


def _with_named_absences(items: list[AgendaItem], said: SaidAtMeeting) -> list[AgendaItem]:
    """Add "X deltog ikke i behandlingen af punkt 6, 8" to those items' absent, and
    "X forlod mødet efter pkt. 3" to the items after it."""
    if not said.absent_from_items and not said.absent_from_item_on:
        return items
    result = []
    for item in items:
        named = [
            n for names, numbers in said.absent_from_items if item.number in numbers for n in names
        ] + [n for names, first in said.absent_from_item_on if item.number >= first for n in names]
        result.append(replace(item, absent=merge_names(item.absent, named)) if named else item)
    return result


def _closest_lines(blocks: list[RawBlock]) -> str:
    """The lines that came closest to an item heading, for the refusal message."""
    scored: list[tuple[int, int, str]] = []
    for block in blocks:
        text = block.lines[0] if block.lines else ""
        lowered = text.strip().lower()
        score = 0
        if lowered[:1].isdigit():
            score = 2
        elif lowered.startswith(("punkt", "pkt", "sag ", "nr", "§")):
            score = 3
        if score and len(text) < 150:
            scored.append((-score, block.line, text.strip()))
    picked = sorted(scored)[:3] or [(0, b.line, b.lines[0].strip()) for b in blocks[:3] if b.lines]
    return "; ".join(
        f"linje {line}: {quote(text[:80])}" for _, line, text in sorted(picked, key=lambda p: p[1])
    )


class _Reader:
    def __init__(self, blocks: list[RawBlock], path: str, notes: list[ParseWarning]) -> None:
        self.blocks = clean_blocks(blocks)
        self.path = path
        self.notes = notes
        self.said = SaidAtMeeting()

    def error(self, message: str, line: int | None) -> ParseError:
        return ParseError(message, path=self.path, line=line)

    def read(self) -> MeetingDocument:
        if not self.blocks:
            raise self.error("filen er tom", 1)
        starts = item_starts(self.blocks)
        first_item = starts[0].at if starts else len(self.blocks)
        header_blocks = self.blocks[:first_item]
        if starts and starts[0].above:
            header_blocks = header_blocks[: -starts[0].above]
        header = HeaderReader(self.path, self.notes).read(header_blocks)
        if not starts:
            self._refuse(header)
        if not header.committee:
            header.committee = _body_of_treatments(self.blocks[first_item:], len(starts))
        self.said.committee = header.committee
        self.said.item_blocks = self.blocks[first_item:]
        self.said.levels_are_structure = _levels_are_structure(self.blocks, starts)
        _header_sentences(header, self.said)
        items: list[AgendaItem] = []
        seen: dict[int, int] = {}
        groups = _group_marks(self.blocks)
        lettered = lettered_groups(self.blocks)
        group_closed = False
        first_items_absent: list[str] = []  # the first item's absence notes: the meeting's
        for position, start in enumerate(starts):
            end = starts[position + 1].at if position + 1 < len(starts) else len(self.blocks)
            if position + 1 < len(starts):
                end -= starts[position + 1].above
            line = self.blocks[start.at].line
            if start.number in seen:
                first = seen[start.number]
                raise self.error(
                    f"punkt {start.number} står to gange (første gang i linje {first})", line
                )
            seen[start.number] = line
            body = [
                b
                for i, b in enumerate(self.blocks[start.at + 1 + start.consumed : end])
                if start.at + 1 + start.consumed + i not in groups
            ]
            while body and lettered_group(body[-1], lettered):
                body.pop()  # the next group's heading ("B. Sager til afgørelse i udvalget")
            if position + 1 == len(starts):
                body = without_site_footer(body)
                headings = {clean_inline(self.blocks[s.at].lines[0]) for s in starts}
                body = without_bilag_appendix(body, headings)
            # A group mark counts between items, or right above the first one.
            since = starts[position - 1].at if position else start.at - start.above - 2
            marks = [at for at in groups if since < at < start.at]
            if marks:
                group_closed = groups[max(marks)]
            closed = start.closed or start.closed_above or group_closed
            title = start.title
            if body and start.consumed == 0 and (rest := title_rest(self.blocks[start.at], body)):
                title = f"{title} {rest}"  # a long title wrapped onto a line of its own
                body = body[1:]
            heading = ItemHeading(start.number, title, closed)
            items.append(
                read_item(
                    heading,
                    body,
                    self.said,
                    start.case_above,
                    first=not position,
                    routed=first_items_absent,
                )
            )
        later = {name for item in items[1:] for name in item.absent}
        if again := [name for name in first_items_absent if name in later]:
            # The same absence noted under later items too ("Fraværende: …" after each
            # decision): the first item's note is that item's as well as the meeting's.
            items[0] = replace(items[0], absent=merge_names(items[0].absent, again))
        items = _with_substitutions_throughout(items, self.said)
        return self._document(header, _with_named_absences(items, self.said))

    def _refuse(self, header: Header) -> None:
        looked_for = (
            "ledte efter nummererede punktoverskrifter i rækkefølge (»Punkt 1: …«, »Pkt. 1«, "
            "»1. Titel«, »Sag 1 - …«, »§ 1«) og en indholdsfortegnelse, hvis titler står igen "
            "i teksten"
        )
        closest = _closest_lines(self.blocks)
        if header.kind is None:
            raise self.error(
                "filen ligner hverken et referat eller en dagsorden: ingen titel med »REFERAT« "
                f"eller »DAGSORDEN« og intet punkt, der kan genkendes; {looked_for}; "
                f"nærmest: {closest}",
                self.blocks[0].line,
            )
        raise self.error(
            f"intet punkt, der kan genkendes: {looked_for}; nærmest: {closest}",
            self.blocks[-1].line,
        )

    def _document(self, header: Header, items: list[AgendaItem]) -> MeetingDocument:
        first_line = self.blocks[0].line
        meeting_date = header.meeting_date or header.title_date or _decision_date(header, items)
        if meeting_date is None:
            self.notes.append(
                ParseWarning(
                    first_line,
                    "meeting_date",
                    "ingen mødedato fundet (ledte efter »Mødedato«, »Dato«, en datolinje under "
                    "titlen og en dato i titlen); mødedatoen er tom, den er ikke gættet",
                )
            )
        if not header.committee:
            self.notes.append(
                ParseWarning(
                    first_line,
                    "committee",
                    "intet udvalg fundet (ledte efter titlen og »Udvalg:«); udvalget er tomt",
                )
            )
        if header.toc and len(header.toc) > len(items) and not _toc_lists_items(header, items):
            self.notes.append(
                ParseWarning(
                    self.blocks[-1].line,
                    "items",
                    f"filen ser afkortet ud: indholdsfortegnelsen nævner {len(header.toc)} "
                    f"punkter, men kun {len(items)} blev fundet",
                )
            )
        said = self.said
        decided = any(
            s.kind == SectionKind.DECISION and s.blocks for i in items for s in i.sections
        )
        kind = DocumentKind.MINUTES if decided else (header.kind or DocumentKind.AGENDA)
        participants = list(header.participants)
        if not header.has_participant_list and said.present:
            participants = [Participant(name) for name in merge_names(said.present)]
        absent = merge_names(header.absent, said.absent, absent_throughout(items))
        numbers = {item.number for item in items}
        part_time = {
            name
            for names, listed in header.absent_from_items
            if not numbers <= set(listed)
            for name in names
        }
        if part_time:
            # "Lise Holm ved sag nr. 3" under "Fraværende": away from those items only.
            absent = tuple(n for n in absent if n not in part_time or n in said.absent)
        substitutes = merge_names(
            header.substitutes, said.substitutes, *(i.substitutes for i in items)
        )
        present: tuple[str, ...] | None = None
        if header.present is not None:
            present = merge_names(header.present, said.present)
        elif participants:
            # Members who came; a substitute listed among them is counted as a substitute.
            came = without((p.name for p in participants), (*absent, *substitutes))
            present = merge_names(came, said.present)
        elif said.present:
            present = merge_names(said.present)
        return MeetingDocument(
            kind=kind,
            committee=header.committee or "",
            meeting_date=meeting_date,
            start_time=header.start_time,
            end_time=header.end_time or said.ended,
            location=header.location,
            municipality=header.municipality,
            participants=tuple(participants),
            present=present,
            absent=absent,
            # "Fraværende: …" in the header: among the absent, listed apart from Afbud.
            absent_without_notice=tuple(n for n in absent if n in header.absent_without_notice),
            substitutes=substitutes,
            minute_taker=header.minute_taker,
            toc=tuple(header.toc),
            items=tuple(items),
        )


def _body_of_treatments(blocks: list[RawBlock], items: int) -> str | None:
    """A page that names its committee nowhere but in the dated heading over each
    decision ("Social- og Sundhedsudvalget, 10-03-2020, pkt. 87"): the body named so under
    at least half of the items (and twice) is the committee."""
    counts: dict[str, int] = {}
    for block in blocks:
        inner = block.block
        if isinstance(inner, (Paragraph, Heading)) and len(block.lines) == 1:
            text = inner.text.strip()
            if len(text) <= 120 and text[-1:] in ":0123456789":
                who = cues.dated_body(text)
                if who is not None:
                    counts[who] = counts.get(who, 0) + 1
    if not counts:
        return None
    body, count = max(counts.items(), key=lambda pair: pair[1])
    return body if count >= max(2, (items + 1) // 2) else None


def _decision_date(header: Header, items: list[AgendaItem]) -> dt.date | None:
    """The date the committee's own decisions are headed with ("Uddannelsesudvalgets
    beslutning den 14. marts 2023:"), when every one of them gives the same date: a page
    that prints the date nowhere else still says when the meeting was held."""
    if not header.committee:
        return None
    days: set[dt.date] = set()
    for item in items:
        for section in item.sections:
            if section.kind != SectionKind.DECISION or len(section.heading) < 12:
                continue
            try:
                found = find_date(section.heading)
            except ValueError:
                continue
            if found is not None and cues.names_committee(section.heading, header.committee):
                days.add(found.day)
    return days.pop() if len(days) == 1 else None


def _toc_lists_items(header: Header, items: list[AgendaItem]) -> bool:
    """Whether every item is named in the contents (which may list more: closed, lost, …)."""
    return False


def read_document(
    blocks: list[RawBlock], *, path: str, notes: list[ParseWarning] | None = None
) -> MeetingDocument:
    return _Reader(blocks, path, notes if notes is not None else []).read()


__all__ = ["Start", "clean_blocks", "read_document"]
