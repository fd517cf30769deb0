"""From raw blocks to a MeetingDocument: the reading every format shares.

A document is a header (title, date, place, participants, …), an optional
table of contents, and items with their case number and headed sections.
Nothing here belongs to one agenda system: item boundaries are found by
weighing the cues the document itself gives (``starts``), headings are
recognised by their words (``cues``, ``vocabulary``), never by their level
or formatting. The header is read in ``header``, each item in ``items``;
this module cleans the blocks of portal furniture, finds where items start,
merges what the minutes say about attendance, and checks the whole.

A readable file is never refused for what it lacks: a missing date or
committee becomes a warning (``ParseWarning``) and the field stays empty.
Only a file with no recognisable item is refused, with the lines that came
closest.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import Counter
from dataclasses import replace

from medref.documents import (
    AgendaItem,
    BulletList,
    DocumentKind,
    Heading,
    ListItem,
    MeetingDocument,
    Paragraph,
    Participant,
    SectionKind,
    Table,
)

from . import cues
from .attendance import merge_names, without
from .blocks import RawBlock
from .dates import find_date
from .errors import ParseError, ParseWarning
from .header import Header, HeaderReader
from .items import ItemHeading, read_item
from .said import SaidAtMeeting, attendance_sentence, meeting_ended
from .starts import Start, item_starts
from .table_items import table_items

_MIDDLE_DOT = re.compile(r"^[·▪◦]\s*(?P<text>\S.*)$")
_BULLET_LINE = re.compile(r"^[-•*–]\s")
_NUMBER_LINE = re.compile(r"^(\d{1,4})[.)]\s")
_BODY_WORD = re.compile(r"udvalg|råd|med\b|bestyrelse|region|kommune|direktion", re.IGNORECASE)
_PAGE_SUFFIX = re.compile(r"\s*[-–|·]?\s*side\s+\d+(?:\s*(?:af|/)\s*\d+)?$", re.IGNORECASE)
# How many blocks the title area of a document spans, at most.
_TITLE_AREA = 15
# Where one sentence ends and the next begins: after ". " or a full stop glued to a capital.
_GLUED_SENTENCES = re.compile(r"(?<=[a-zæøå0-9]\.)(?=[A-ZÆØÅ][a-zæøå])|(?<=[.!?])\s+(?=[A-ZÆØÅ])")
_TITLE_WORD = re.compile(r"\b(?:referat|dagsorden|beslutninger|beslutningsprotokol)\b", re.I)


def _split_mixed_list(block: RawBlock) -> list[RawBlock]:
    """A list whose marker changes from bullets to numbers is two lists (a contents
    list of bullets with the first numbered heading right below it)."""
    inner = block.block
    if not isinstance(inner, BulletList) or len(block.lines) != len(inner.items):
        return [block]
    if _headings_in_a_list(inner):
        # "• 203. Orientering (Lukket)" / "• 204. Underskriftsark (Lukket)": item
        # headings, each a paragraph of its own that a print or a conversion
        # made one list of (items with no text under them, closed ones).
        return [
            RawBlock(block.line + i, BulletList((entry,), False), (f"- {entry.text}",))
            for i, entry in enumerate(inner.items)
        ]
    kinds = [bool(_BULLET_LINE.match(line)) for line in block.lines]
    numbers = [int(m[1]) if (m := _NUMBER_LINE.match(line)) else None for line in block.lines]
    # A numbered list whose numbers start again ("17. 18. 19." then "17. …") is two.
    restarts = [
        i
        for i, (before, now) in enumerate(itertools.pairwise(numbers), start=1)
        if before is not None and now is not None and now <= before
    ]
    if (all(kinds) or not any(kinds)) and not restarts:
        return [block]
    parts: list[RawBlock] = []
    start = 0
    for i in range(1, len(kinds) + 1):
        if i == len(kinds) or kinds[i] != kinds[start] or i in restarts:
            items = inner.items[start:i]
            parts.append(
                RawBlock(
                    block.line + start, BulletList(items, not kinds[start]), block.lines[start:i]
                )
            )
            start = i
    return parts


def _headings_in_a_list(inner: BulletList) -> bool:
    """A bullet list of numbered item headings whose numbers run on (201, 202, …)."""
    if inner.ordered or len(inner.items) < 2 or inner.items[0].text[:1] not in "0123456789":
        return False
    numbers: list[int] = []
    for entry in inner.items:
        cue = cues.item_cue(entry.text, explicit=False) if not entry.children else None
        if cue is None or (numbers and cue.number != numbers[-1] + 1):
            return False
        numbers.append(cue.number)
    return True


def clean_blocks(blocks: list[RawBlock]) -> list[RawBlock]:
    """Drop portal furniture ("Til toppen", cookie notices, page numbers, fold widgets)."""
    kept: list[RawBlock] = []
    for original in blocks:
        if isinstance(original.block, BulletList):
            kept.extend(_split_mixed_list(original))
            continue
        if isinstance(original.block, Table):
            kept.extend(table_items(original) or (original,))  # minutes kept in a table
            continue
        block = original
        inner = block.block
        # (A tuple in isinstance, not a union: this runs on every block.)
        if isinstance(inner, (Paragraph, Heading)) and len(block.lines) == 1:
            text = inner.text
            # is_boilerplate's own tests for a text over 45 characters, without lower():
            # it takes only "ookie" or "OOKIE" as a cookie notice.
            if (
                len(text) <= 45
                or "ookie" in text
                or "OOKIE" in text
                or text[:1] in "aitAIT"
                or "·" in text
                or "|" in text
            ) and (cues.is_boilerplate(text)):
                continue
            first = text[:1]
            if first not in "·▪◦fFvVsS":
                kept.append(block)  # no middle dot, no widget prefix: as it is
                continue
            dotted = _MIDDLE_DOT.match(text) if first in "·▪◦" else None
            if dotted:
                # "·  at …": a bullet the text export did not mark as one.
                item = ListItem(dotted["text"])
                kept.append(block._replace(block=BulletList((item,)), lines=(f"- {item.text}",)))
                continue
            stripped = cues.strip_ui(text)
            if stripped != text:
                if not stripped.strip():
                    continue
                new = Heading(stripped) if isinstance(inner, Heading) else Paragraph(stripped)
                block = block._replace(block=new, lines=(stripped,))
        kept.append(block)
    return _numbered_runs(_without_running_lines(kept))


def _short_lines(block: RawBlock) -> tuple[str, ...]:
    """A paragraph's or heading's lines when every one is short (a page header's), else ()."""
    if isinstance(block.block, (Paragraph, Heading)):
        lines = block.lines
        if len(lines) == 1:  # most blocks: no generator for one line
            line = lines[0]
            return (line.strip(),) if len(line) <= 80 else ()
        if max(map(len, lines), default=0) <= 80:
            return tuple(map(str.strip, lines))
    return ()


def _running_kind(text: str) -> str | None:
    """What a line a paged export may print at the top of every page is: "name" for the
    body's name in capitals or the document's title ("Referat - …"), "date" for a date."""
    if cues.heading_kind(text) is not None or cues.item_cue(text, explicit=False) is not None:
        return None
    if text.isupper() and not text.endswith(".") and _BODY_WORD.search(text):
        return "name"  # "FORRETNINGSUDVALGET", "REGION NORD"
    if _TITLE_WORD.search(text) is not None:
        return "name"
    try:
        return "date" if find_date(text) is not None else None
    except ValueError:
        return None


def _running_key(line: str) -> str:
    """A line without the page number a running footer ends in ("… Side 3")."""
    return _PAGE_SUFFIX.sub("", line) if line[-1:].isdigit() else line


def _without_running_lines(blocks: list[RawBlock]) -> list[RawBlock]:
    """The running header and footer of a paged export given as text ("Den 10. januar
    2011" / "FORRETNINGSUDVALGET" at the top of every page, "<Udvalg> den … Side 3" at the
    foot), with a bare page number printed beside them. The first time such a line stands,
    it is kept: it is the document's own title or date (when among the first blocks)."""
    short = [_short_lines(block) for block in blocks]
    # Lines are counted as they stand (one C-level count), then folded into their
    # running keys: only the few distinct lines that end in a digit change.
    counts: dict[str, int] = {}
    paged: set[str] = set()  # keys of lines that carried a page number
    for line, count in Counter(itertools.chain.from_iterable(short)).items():
        key = _running_key(line)
        counts[key] = counts.get(key, 0) + count
        if key != line:
            paged.add(key)
    kinds = {key: _running_kind(key) for key, count in counts.items() if count >= 3}
    first = short[0] if short else ()
    if first and kinds.get(first[0], "") is None:
        kinds[first[0]] = "name"  # the document's first line, again at the top of each page
    running = {key for key, kind in kinds.items() if kind == "name" or key in paged}
    if not running:
        return blocks  # a date alone that recurs is a table's cell, not a running header
    keyed = [tuple(map(_running_key, lines)) for lines in short]
    # A date recurs as a running header only beside the body's name ("Den 10. januar 2011"
    # / "FORRETNINGSUDVALGET"), in one block or two.
    flat = [key for keys in keyed for key in (keys or ("",))]
    for here, below in itertools.pairwise(flat):
        if kinds.get(here) == "date" and below in running:
            running.add(here)
        elif here in running and kinds.get(below) == "date":
            running.add(below)
    kept: list[RawBlock] = []
    seen: set[str] = set()
    for index, (block, own) in enumerate(zip(blocks, keyed, strict=True)):
        if own and all(key in running for key in own):
            if index >= _TITLE_AREA or any(key in seen or key in paged for key in own):
                if kept and _page_number(kept[-1]):
                    kept.pop()  # the page number at the foot of the page before
                continue
            seen.update(own)
        kept.append(block)
    if kept and _page_number(kept[-1]):
        kept.pop()  # the last page's number
    return kept


def _page_number(block: RawBlock) -> bool:
    """A block that is a bare page number ("3")."""
    lines = _short_lines(block)
    return len(lines) == 1 and lines[0].isdecimal() and len(lines[0]) <= 4


def _numbered_runs(blocks: list[RawBlock]) -> list[RawBlock]:
    """Numbered paragraphs set apart by blank lines ("1. …" / "2. …" / "3. …") are one
    list, so that they keep their numbers when written out again."""
    joined: list[RawBlock] = []
    for block in blocks:
        inner = block.block
        last = joined[-1] if joined else None
        if (
            last is not None
            and isinstance(inner, BulletList)
            and inner.ordered
            and isinstance(last.block, BulletList)
            and last.block.ordered
            and (first := _NUMBER_LINE.match(block.lines[0]))
            and (previous := _NUMBER_LINE.match(last.lines[-1]))
            and int(first[1]) == int(previous[1]) + 1
            and len(block.lines) == len(inner.items)
            and len(last.lines) == len(last.block.items)
            # Not numbered headings ("1. Budget" / "2. Eventuelt"): those are items.
            and cues.item_cue(block.lines[0], explicit=False) is None
            and cues.item_cue(last.lines[-1], explicit=False) is None
        ):
            items = last.block.items + inner.items
            lines = last.lines + block.lines
            joined[-1] = last._replace(block=BulletList(items, True), lines=lines)
            continue
        joined.append(block)
    return joined


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
        f"line {line}: {text[:80]!r}" for _, line, text in sorted(picked, key=lambda p: p[1])
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
            raise self.error("the file is empty", 1)
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
        _header_sentences(header, self.said)
        items: list[AgendaItem] = []
        seen: dict[int, int] = {}
        groups = _group_marks(self.blocks)
        group_closed = False
        for position, start in enumerate(starts):
            end = starts[position + 1].at if position + 1 < len(starts) else len(self.blocks)
            if position + 1 < len(starts):
                end -= starts[position + 1].above
            line = self.blocks[start.at].line
            if start.number in seen:
                first = seen[start.number]
                raise self.error(
                    f"item number {start.number} appears twice (first at line {first})", line
                )
            seen[start.number] = line
            body = [
                b
                for i, b in enumerate(self.blocks[start.at + 1 + start.consumed : end])
                if start.at + 1 + start.consumed + i not in groups
            ]
            # A group mark counts between items, or right above the first one.
            since = starts[position - 1].at if position else start.at - start.above - 2
            marks = [at for at in groups if since < at < start.at]
            if marks:
                group_closed = groups[max(marks)]
            closed = start.closed or start.closed_above or group_closed
            heading = ItemHeading(start.number, start.title, closed)
            items.append(read_item(heading, body, self.said, start.case_above, first=position == 0))
        return self._document(header, _with_named_absences(items, self.said))

    def _refuse(self, header: Header) -> None:
        looked_for = (
            "looked for numbered item headings in sequence ('Punkt 1: …', 'Pkt. 1', '1. Titel', "
            "'Sag 1 - …', '§ 1') and a contents list found again in the text"
        )
        closest = _closest_lines(self.blocks)
        if header.kind is None:
            raise self.error(
                "this does not look like minutes or an agenda: no 'REFERAT'/'DAGSORDEN' title "
                f"and no recognisable item; {looked_for}; closest: {closest}",
                self.blocks[0].line,
            )
        raise self.error(
            f"no recognisable item: {looked_for}; closest: {closest}", self.blocks[-1].line
        )

    def _document(self, header: Header, items: list[AgendaItem]) -> MeetingDocument:
        first_line = self.blocks[0].line
        meeting_date = header.meeting_date or header.title_date or _decision_date(header, items)
        if meeting_date is None:
            self.notes.append(
                ParseWarning(
                    first_line,
                    "meeting_date",
                    "no meeting date found (looked for 'Mødedato', 'Dato', a date line under the "
                    "title and a dated title); the date is left empty, not guessed",
                )
            )
        if not header.committee:
            self.notes.append(
                ParseWarning(
                    first_line,
                    "committee",
                    "no committee found (looked for the title and 'Udvalg:'); left empty",
                )
            )
        if header.toc and len(header.toc) > len(items) and not _toc_lists_items(header, items):
            self.notes.append(
                ParseWarning(
                    self.blocks[-1].line,
                    "items",
                    f"the file looks truncated: the table of contents lists {len(header.toc)} "
                    f"items but only {len(items)} were found",
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
        absent = merge_names(header.absent, said.absent)
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
            present = merge_names(without((p.name for p in participants), absent), said.present)
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
