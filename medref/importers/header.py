"""The part of minutes before the first item: title, fields, contents.

Read line by line, because one source block may hold several fields (a
Word paragraph with line breaks, a Markdown paragraph of soft-wrapped
lines) and one field may span blocks ("Deltagere:" followed by a list).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from medref.documents import BulletList, DocumentKind, Participant, TocEntry
from medref.lib.danish import parse_long_date, parse_short_date

from . import vocabulary as vocab
from .attendance import parse_participants, split_names
from .blocks import RawBlock, clean_inline
from .errors import ParseError

# Fields whose value may continue on the following lines, one name a line.
_LIST_FIELDS = frozenset({"participants", "present", "absent", "substitutes"})
_TIME = re.compile(r"(?:kl\.?\s*)?(\d{1,2}[:.]\d{2})(?:\s*[-–]\s*(\d{1,2}[:.]\d{2}))?")
_LIST_MARKER = re.compile(r"^(?:[-•*–]|\d{1,3}[.)])\s+")


@dataclass
class Header:
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
    # Lines that are none of the above, for the structure reader's sentences.
    other_lines: list[str] = field(default_factory=list)


def _clock(text: str | None) -> dt.time | None:
    if text is None:
        return None
    hours, minutes = re.split(r"[:.]", text)
    return dt.time(int(hours), int(minutes))


class HeaderReader:
    def __init__(self, path: str) -> None:
        self.path = path
        self.header = Header()
        self._pending: str | None = None  # a list field continuing on the next lines
        self._expect_committee = False  # "Referat" alone: the committee follows
        self._in_toc = False

    def error(self, message: str, line: int) -> ParseError:
        return ParseError(message, path=self.path, line=line)

    def read(self, blocks: list[RawBlock]) -> Header:
        previous_end: int | None = None
        for block in blocks:
            # A list field ("Deltagere:") continues on the lines right below it,
            # or in a list after a blank line; anything else ends it.
            touching = previous_end is not None and block.line == previous_end + 1
            if self._pending and not touching and not isinstance(block.block, BulletList):
                self._pending = None
            for offset, raw in enumerate(block.lines):
                line = clean_inline(raw)
                if line:
                    self._line(raw, line, block.line + offset)
            previous_end = block.line + len(block.lines) - 1
        return self.header

    def _line(self, raw: str, line: str, line_no: int) -> None:
        if vocab.TOC_HEADING.match(line):
            self._in_toc, self._pending = True, None
            return
        if self._in_toc:
            self.header.toc.append(self._toc_entry(raw))
            return
        title = vocab.DOCUMENT_TITLE.match(line)
        if title and self.header.kind is None:
            self._title(title, line_no)
            return
        found = vocab.header_field(line)
        if found is not None:
            name, value = found
            self._expect_committee = False
            self._pending = name if name in _LIST_FIELDS and not value else None
            self._field(name, value, line_no)
            return
        if self._pending is not None:
            self._field(self._pending, _LIST_MARKER.sub("", line), line_no)
            return
        if self._expect_committee:
            self.header.committee = line
            self._expect_committee = False
            return
        self.header.other_lines.append(line)

    def _toc_entry(self, raw: str) -> TocEntry:
        text = _LIST_MARKER.sub("", raw.strip())
        match = vocab.TOC_ENTRY.match(text)
        if match is None:
            return TocEntry(clean_inline(text))
        return TocEntry(clean_inline(match["title"]), int(match["page"]))

    def _title(self, match: re.Match[str], line: int) -> None:
        header = self.header
        header.kind = DocumentKind(match["kind"].lower())
        committee = vocab.TITLE_PREFIX.sub("", clean_inline(match["committee"]))
        dated = vocab.TITLE_LONG_DATE.search(committee)
        if dated:
            committee = committee[: dated.start()].strip()
            self._date(dated.group(1), line, title=True)
        header.committee = committee or None
        self._expect_committee = not committee
        if match["date"]:
            try:
                header.title_date = parse_short_date(match["date"])
            except ValueError as exc:
                raise self.error(
                    f"the title's date {match['date']!r} does not exist", line
                ) from exc

    def _field(self, name: str, value: str, line: int) -> None:
        header = self.header
        if name == "date":
            self._date(value, line)
        elif name == "time":
            self._time(value, line)
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

    def _date(self, value: str, line: int, *, title: bool = False) -> None:
        where = "the title" if title else "Mødedato"
        try:
            parsed = parse_long_date(value)
            if parsed is None:
                short = parse_short_date(value)
                parsed = (short, None, None) if short else None
        except ValueError as exc:
            raise self.error(f"{where}: the date {value!r} does not exist", line) from exc
        if parsed is None:
            raise self.error(f"{where}: cannot read a date in {value!r}", line)
        day, start, end = parsed
        if title:
            self.header.title_date = day
            return
        self.header.meeting_date = day
        if start is not None:
            self.header.start_time, self.header.end_time = start, end
        elif "kl" in value.lower():
            self._time(value, line)

    def _time(self, value: str, line: int) -> None:
        match = _TIME.search(value)
        if match is None:
            raise self.error(f"Tidspunkt: cannot read a time in {value!r}", line)
        try:
            self.header.start_time, self.header.end_time = _clock(match[1]), _clock(match[2])
        except ValueError as exc:
            raise self.error(f"Tidspunkt: {value!r} is not a time of day", line) from exc
