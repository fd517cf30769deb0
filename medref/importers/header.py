"""The part of minutes before the first item: title, fields, contents.

Read line by line, because one source block may hold several fields (a
Word paragraph with line breaks, a Markdown paragraph of soft-wrapped
lines) and one field may span blocks ("Deltagere:" followed by a list, a
label on one line and its value on the next: "Dato:" / "08-10-2025").

Every Danish way of writing the title is read: "REFERAT FagMED Økonomi d.
08-10-2025", "Referat fra mødet i X den 8. oktober 2025", "X - Referat -
25. oktober 2016", "Referat af møde i X" with "Den 09.01.2020 kl. 13:00 i
<sted>" below, "X - 06-10-2022", or a title spread over lines ("Referat" /
"til" / "mødet i X" / "den <dato> kl. 11:30" / "i <sted>"). A field that
cannot be read is a warning (``notes``), never a refusal and never a guess.

A title line is read in ``header_title``; the names of the attendance lists
("Deltagere:", "Afbud:", "Fraværende:") in ``header_people``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from medref.documents import DocumentKind, Participant, TocEntry

from . import cues
from . import vocabulary as vocab
from .blocks import RawBlock, clean_inline
from .dates import find_date, times_in
from .errors import ParseWarning, quote
from .header_people import (
    ITEM_RANGE,
    LIST_MARKER,
    PEOPLE_FIELDS,
    MarkColumns,
    add_people,
    boxed_cells,
    mark_columns,
    mark_words,
    marked_member,
    member_detail,
    member_status,
    names_line,
    numbers_in,
    retract_last,
    wrapped_name,
)
from .header_title import (
    COMMITTEE_WORD,
    KIND_WORD,
    TIME_AFTER_DATE,
    clean_committee,
    date_line,
    read_title,
)

# Fields whose value may continue on the following lines, one name a line.
_LIST_FIELDS = frozenset(
    {
        "participants",
        "present",
        "absent",
        "absent_without_notice",
        "substitutes",
        "secretariat",
        "guests",
    }
)
# Fields whose value may stand alone on the next line ("Dato:" / "08-10-2025").
_SCALAR_FIELDS = frozenset(
    {"date", "time", "start", "end", "location", "municipality", "committee", "meeting",
     "minute_taker", "chair", "when_where"}
)  # fmt: skip
# Where a second "Label:" may start inside a line (up to three words before the colon).
_NEXT_LABEL = re.compile(r" (?=[A-ZÆØÅ][^\s:]*(?: [^\s:]+){0,2}:(?:\s|$))")
# "Kl. 18:00 i Rådssalen": the time first, the place after it.
_TIME_FIRST = re.compile(
    r"^(?:kl\.?|klokken)\s*(?P<start>\d{1,2}[.:]\d{2})(?:\s*[-–]\s*(?:kl\.?\s*)?(?P<end>\d{1,2}[.:]\d{2}))?"
    r"\s*,?\s*(?:i|på)?\s+(?=\S)",
    re.IGNORECASE,
)
_TIME_AT_END = re.compile(
    r"\s*,?\s*(?:kl\.?|klokken)\s*(?P<start>\d{1,2}[.:]\d{2})"
    r"(?:\s*[-–]\s*(?:kl\.?\s*)?(?P<end>\d{1,2}[.:]\d{2}))?\s*$",
    re.IGNORECASE,
)
_MEETING_KIND_LEAD = re.compile(
    r"^(?:(?:ordinært|ekstraordinært)\s+)?møde\s*[-–:,]\s*", re.IGNORECASE
)
_AT_THE_MEETING = re.compile(r"^(?:ved|på|under)\s+mødet\s*:\s*", re.IGNORECASE)
_CONNECTOR = re.compile(r"^(?:til|fra|af|for|for mødet|til mødet)$", re.IGNORECASE)
_TOC_GLUED = re.compile(
    r"^(?P<heading>indholdsfortegnelse|indhold|punkter|dagsordenspunkter|dagsordenpunkter)"
    r"(?P<entry>\d.*)$",
    re.IGNORECASE,
)
_TOC_EXTRA = re.compile(
    r"^(?:punkter|dagsordenspunkter|dagsordenpunkter|pkt\.?\s*tekst|lukkede\s+punkter|"
    r"åbne\s+punkter|åbne\s+sager|lukkede\s+sager|dagsorden|indholdsfortegnelse\s+side"
    r"|følgende\s+(?:sager|punkter)\s+(?:behandles|blev\s+behandlet)(?:\s+på\s+mødet)?(?:\s+side)?)"
    r"\s*:?$",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ])")


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
    # Those of ``absent`` under "Fraværende"/"Ikke til stede" rather than "Afbud".
    absent_without_notice: list[str] = field(default_factory=list)
    substitutes: list[str] = field(default_factory=list)
    minute_taker: str | None = None
    toc: list[TocEntry] = field(default_factory=list)
    # Lines that are none of the above, for the structure reader's sentences.
    other_lines: list[str] = field(default_factory=list)
    # "Tove Krag (A), sag 41-44" under "Fraværende": (names, item numbers).
    absent_from_items: list[tuple[list[str], list[int]]] = field(default_factory=list)
    # Where the date was read from, for warnings.
    date_line: int | None = None


def _clock(text: str) -> dt.time | None:
    hours, minutes = (int(part) for part in re.split(r"[.:]", text))
    return dt.time(hours, minutes) if hours < 24 and minutes < 60 else None


# A line that cannot end an entry: "… leder af Træning og" / "Rehabilitering".
_DANGLING = re.compile(r"(?:\s(?:og|for|af|i|til|ved|med|&)|[-–,])$")


def _unwrapped(blocks: list[RawBlock]) -> list[tuple[int, str]]:
    """The header's lines, with a line wrapped by a narrow column joined back: one whose
    bracket is still open ("DSR (suppleant for Per" / "Hviid)") or that ends in a word
    that cannot end it ("… Træning og" / "Rehabilitering")."""
    lines = [(b.line + i, raw) for b in blocks for i, raw in enumerate(b.lines)]
    joined: list[tuple[int, str]] = []
    for line_no, raw in lines:
        if joined:
            before = joined[-1][1].rstrip()
            text = raw.strip()
            if (
                text
                and len(text) <= 40
                and ":" not in text
                and "\t" not in before
                and (
                    # The bracket closes in the next line's first word: "(… for Per" / "Hviid)".
                    (before.count("(") > before.count(")") and ")" in text.split(None, 1)[0])
                    or _DANGLING.search(before)
                )
                and not before.endswith(":")
            ):
                joined[-1] = (joined[-1][0], f"{before} {text}")
                continue
        joined.append((line_no, raw))
    return joined


_WHEN_FIELDS = frozenset({"date", "time", "start", "end"})
# Where a list of names ends and a sentence begins: ". " after a word, before a capital.
_NEXT_SENTENCE = re.compile(r"(?<=[a-zæøå)]{2})\.\s+(?=[A-ZÆØÅ])")
# Words of a meeting place: "Mødelokale 2, Rådhuset, Havnevej 3".
_PLACE_WORD = re.compile(
    r"lokale\b|rådhus|\bsal(?:en)?\b|vej\s+\d|gade\s+\d|\b\d{4}\s+[A-ZÆØÅ]", re.IGNORECASE
)


def _fits(name: str, line: str) -> bool:
    """Whether a line can be the value of a field whose label stands above it: a time
    field's value holds a time ("16.00"), a date field's a date; any line fits the rest."""
    if name in ("time", "start", "end"):
        return _CLOCK_IN.search(line) is not None
    return True


_CLOCK_IN = re.compile(r"\b\d{1,2}[.:]\d{2}\b|\bkl\.?\s*\d", re.IGNORECASE)


class HeaderReader:
    def __init__(self, path: str, notes: list[ParseWarning] | None = None) -> None:
        self.path = path
        self.notes = notes if notes is not None else []
        self.header = Header()
        self._pending: str | None = None  # a list field continuing on the next lines
        self._list_line = ""  # the list's line before this one
        self._after_title: int | None = None  # other_lines when the title was read
        self._dated_before_title = False  # "Dato:" in a letterhead above the title
        # Labels whose values are on the lines below, in order ("MØDESTED:" / "MØDEDATO:" /
        # "Kulturcenter Fjordhøj" / "09-10-2007": a table read column by column).
        self._pending_scalars: list[str] = []
        self._expect_committee = False  # "Referat" alone: the committee follows
        self._expect_location = False  # a title's date line: the place may follow
        self._in_toc = False
        self._seen_field = False
        self._marks: MarkColumns | None = None  # a member table's columns to tick

    def warn(self, line: int | None, name: str, message: str) -> None:
        self.notes.append(ParseWarning(line, name, message))

    def read(self, blocks: list[RawBlock]) -> Header:
        # A list field ("Deltagere:") continues on the lines right below it,
        # or in a list after a blank line; anything else ends it.
        # (Lines that are not names end it too: see names_line.)
        for line_no, raw in _unwrapped(blocks):
            for cell in self._cells(raw):
                line = clean_inline(cues.strip_list_marker(cues.strip_ui(cell)))
                if line and not cues.is_boilerplate(line):
                    for part in self._labelled_parts(line):
                        self._line(cell if part is line else part, part, line_no)
        return self.header

    def _cells(self, raw: str) -> list[str]:
        """A table row's text as the header reads it: "Dato\t:\t07.03.2012" (a label, a
        colon and the value in three cells) as one labelled line, and each cell of a
        list's row ("Per Alstrup (Formand)\tHanne Ravn (FOA)") as a person of its own."""
        if "\t" not in raw:
            boxed = boxed_cells(raw) if self._marks is not None else None
            if boxed is not None and self._marks is not None:
                marked_member(self.header, self._marks, boxed)
                return []
            self._marks = mark_words(raw)  # "Navn Funktion Til stede Afbud" as text
            return [] if self._marks is not None else [raw]
        cells = [cell.strip() for cell in raw.split("\t")]
        if self._marks is not None and marked_member(self.header, self._marks, cells):
            return []
        if (marks := mark_columns(cells)) is not None:
            self._marks = marks  # "Navn | Funktion | Deltog | Afbud": rows to tick follow
            return []
        if len(cells) == 3 and cells[1] == ":":
            return [f"{cells[0]}: {cells[2]}"]
        if self._pending in PEOPLE_FIELDS and all(
            not cell or names_line(cell) or cell.casefold().startswith("vakant") for cell in cells
        ):
            return [cell for cell in cells if cell]
        return [raw]

    def _labelled_parts(self, line: str) -> list[str]:
        """ "Dato: 12.02.2025 Sted: Driftsgården": two labelled fields run into one line
        (Word and browsers join a soft line break); each is read as a line of its own."""
        if line.count(":") < 2 or self._label(line) is None:
            return [line]
        parts: list[str] = []
        start = 0
        for match in _NEXT_LABEL.finditer(line):
            piece = line[match.start() + 1 :]
            if self._label(piece) is not None:
                parts.append(line[start : match.start()])
                start = match.start() + 1
        if not parts:
            return [line]
        parts.append(line[start:])
        return parts

    def _label(self, line: str) -> tuple[str, str] | None:
        found = vocab.header_field(line)
        if found is None:
            return None
        lowered = line.casefold()
        # The label header_field matched, found the same way (first in the table's order).
        for label, _name in vocab.LABELS_BY_FIRST.get(lowered[:1], ()):
            if lowered.startswith(label) and (
                len(lowered) == len(label) or lowered[len(label)] in " :\t"
            ):
                rest = lowered[len(label) :].lstrip()
                if label in vocab.COLON_LABELS and rest and not rest.startswith(":"):
                    return None  # "Lokale 2.14" is a place, not a label
                break
        return found

    def _line(self, raw: str, line: str, line_no: int) -> None:
        glued = _TOC_GLUED.match(line)
        if glued:
            self._in_toc, self._pending = True, None
            self.header.toc.append(self._toc_entry(glued["entry"]))
            return
        if vocab.TOC_HEADING.match(line) or (
            _TOC_EXTRA.match(line) and (self.header.kind is not None or self._seen_field)
        ):
            self._in_toc, self._pending, self._pending_scalars = True, None, []
            return
        if self._pending is not None and line[:1].islower() and " " not in self._list_line:
            # "Mødets" / "deltagere": a tab's label wrapped, not a member named "Mødets".
            retract_last(self.header, self._pending, self._list_line)
            self._pending = None
            self._list_line = ""
        found = self._label(line)
        if self._pending_scalars and found is None and _fits(self._pending_scalars[0], line):
            self._field(self._pending_scalars.pop(0), line, line_no)
            return
        if self._in_toc and found is None:
            self.header.toc.append(self._toc_entry(raw))
            return
        if found is not None:
            name, value = found
            if value.endswith(":") and len(value.split()) <= 3:
                value = ""  # "Medlemmer af udvalget:": all of it is the label
            value = _AT_THE_MEETING.sub("", value)  # "Til stede ved mødet: …"
            self._in_toc = False
            self._seen_field = True
            self._list_line = ""
            # "Mødereferat" / "d.: 04-03-2010 kl.: 14:00" / "Lokal-MED Teknik og Miljø": the
            # body may still follow a date field under the title.
            self._expect_committee = self._expect_committee and name in _WHEN_FIELDS
            self._expect_location = False
            # "Deltagere: Birthe Lauesen - Afdelingschef" / "Søren Aagaard - Leder …": a list
            # one person a line may start on the label's own line.
            one_a_line = bool(value) and cues.NAME_DASH_ROLE.match(value) is not None
            # "Deltagere: Anne Berg, Ole Sand, Sussi" / "Falk, …": a comma list may wrap on.
            wraps_on = "," in value and value.rstrip()[-1:] not in ".:"
            continues = not value or one_a_line or wraps_on
            self._pending = name if name in _LIST_FIELDS and continues else None
            if name in _SCALAR_FIELDS and not value:
                self._pending_scalars.append(name)
            else:
                self._pending_scalars = []
            if name in PEOPLE_FIELDS and (split := _NEXT_SENTENCE.search(value)) is not None:
                # "Afbud: Birthe Kok og Ole Fisker. Ali Demir deltog som suppleant for Ole
                # Fisker.": the list, then a sentence of its own.
                self.header.other_lines.append(value[split.end() :])
                value = value[: split.start()].rstrip(".")
            if value or name not in _SCALAR_FIELDS:
                self._field(name, value, line_no)
            if wraps_on:
                self._list_line = value
            return
        if self._pending is not None:
            if (
                line in ("-", "–")
                or line.casefold().startswith("vakant")  # a seat nobody holds
                or member_detail(self.header, self._pending, line)
                or member_status(self.header, self._pending, line)
            ):
                return  # a lone dash parts the list's groups (management / staff)
            ranged = ITEM_RANGE.search(line) if self._pending.startswith("absent") else None
            if ranged is not None and names_line(line[: ranged.start()]):
                # "Tove Krag (A), sag 41-44": absent from those items.
                before = len(self.header.absent)
                self._field(self._pending, line[: ranged.start()], line_no, one_per_line=True)
                numbers = numbers_in(ranged["numbers"])
                self.header.absent_from_items.append((self.header.absent[before:], numbers))
                return
            if names_line(line):
                line = LIST_MARKER.sub("", line)
                rest = wrapped_name(self.header, self._pending, self._list_line, line)
                self._list_line = line = line if rest is None else rest
                if line:
                    # The rest of a line that carried on a comma list is that list's.
                    self._field(self._pending, line, line_no, one_per_line=rest is None)
                return
            self._pending = None
        if self._title_line(line, line_no):
            return
        if self._expect_committee and line[:1] != "[":  # (a link is the site's logo or menu)
            if _CONNECTOR.match(line):
                return
            if (
                self._expect_location
                and self.header.location is None
                and _PLACE_WORD.search(line)
                and not COMMITTEE_WORD.search(line)
            ):
                # "Referat: 3. juni 2025 kl. 14:00" / "Mødelokale 2, Rådhuset" / "Teknik- og
                # Naturudvalget": the place may come before the body.
                self._place_line(line)
                self._expect_location = False
                return
            self.header.committee = clean_committee(line) or None
            self._expect_committee = False
            return
        if self._expect_location and self.header.location is None and len(line) < 80:
            self._expect_location = False
            # (Not a link: "[Borger](/borger)" is the site's menu.)
            if not line.endswith(".") and not KIND_WORD.search(line) and line[:1] != "[":
                self._place_line(line)
                # "Kl. 10.00" on a line of its own: the place may still follow.
                # (Read again through a name: mypy keeps the test above's None, mypyc checks it.)
                header = self.header
                self._expect_location = header.location is None
                return
        self._expect_location = False
        self.header.other_lines.append(line)

    def _place_line(self, line: str) -> None:
        """The place under a title: "Mødelokale 2", "i Rådhuset", or "Ekstraordinært møde -
        Mødelokale F7 kl. 12.00" (the kind of meeting before it, the time after it)."""
        header = self.header
        timed = _TIME_AT_END.search(line) or _TIME_FIRST.match(line)
        if timed is not None:
            if header.start_time is None:
                header.start_time = _clock(timed["start"])
                header.end_time = _clock(timed["end"]) if timed["end"] else header.end_time
            line = line[: timed.start()] if timed.start() else line[timed.end() :]
        line = _MEETING_KIND_LEAD.sub("", line.removeprefix("i ")).strip(" ,-–")
        if line:
            header.location = line

    def _title_line(self, line: str, line_no: int) -> bool:
        """A title, or a line of a title spread over lines; True when consumed."""
        header = self.header
        # A letterhead's "Dato:" above the title gives way to the date line under it.
        open_date = header.meeting_date is None or (
            self._dated_before_title and header.kind is not None
        )
        dated = date_line(line) if open_date else None
        if dated is not None and (
            not self._seen_field or self._expect_committee or self._dated_before_title
        ):
            day, start, end, place = dated
            self._set_date(day, start, end, line_no)
            self._dated_before_title = False
            if not header.committee:
                # "Kommunalbestyrelsen" / "17-03-2020": the body named on a line above.
                header.committee = self._committee_above()
                self._expect_committee = self._expect_committee and not header.committee
            if place and header.location is None:
                header.location = place
            if header.location is None and (room := self._room_above()) is not None:
                header.location = room
            self._expect_location = header.location is None
            return True
        if line.casefold().startswith("i ") and self._expect_location and header.location is None:
            header.location = line[2:].strip()
            self._expect_location = False
            return True
        if header.kind is not None and header.committee:
            # A breadcrumb ("Forside Politik … Regionsudvalget - Referat - 22. maj 2019")
            # ends in the real title: the shorter title below it wins.
            again = read_title(line) if not self._seen_field else None
            if (
                again is not None
                and again.committee
                and len(again.committee) < len(header.committee)
                and header.committee.endswith(again.committee)
            ):
                header.committee = again.committee
                return True
            if (
                again is not None
                and again.committee
                and again.day is not None
                and header.meeting_date is None
                and header.title_date is None
            ):
                # A page's own name first ("Sbsys dagsorden preview"), then the title that
                # dates the meeting: the dated title names the committee.
                header.committee = again.committee
                header.kind = again.kind or header.kind
                header.title_date = again.day
                header.date_line = header.date_line or line_no
                if again.start is not None and header.start_time is None:
                    header.start_time, header.end_time = again.start, again.end
                if again.location and header.location is None:
                    header.location = again.location
                return True
            return False
        if self._seen_field and header.committee:
            return False
        title = read_title(line)
        if title is None:
            return False
        if title.kind is None and header.committee:
            return False
        if title.kind is not None and header.kind is None:
            header.kind = title.kind
        if title.committee and not header.committee:
            header.committee = title.committee
        if not header.committee:
            # "Kommunalbestyrelsen" / "Referat", "By- og Miljøudvalget" / "Åben" /
            # "Referat": the body named on a line just above.
            header.committee = self._committee_above()
        self._expect_committee = not header.committee
        if title.day is not None and header.title_date is None:
            header.title_date = title.day
            if header.date_line is None:
                header.date_line = line_no
            if title.start is not None and header.start_time is None:
                header.start_time, header.end_time = title.start, title.end
            self._expect_location = title.location is None
        if title.location and header.location is None:
            header.location = title.location
        if header.kind is not None and self._after_title is None:
            self._after_title = len(header.other_lines)
        return True

    def _room_above(self) -> str | None:
        """ "Referat fra ordinært møde" / "D3" / "Torsdag 14-06-2018 kl. 8:00": the one short
        line between the title and the date is the room."""
        lines = self.header.other_lines
        if self._after_title is None or len(lines) != self._after_title + 1:
            return None
        room = lines[-1]
        if len(room) > 40 or len(room.split()) > 5 or room[-1:] in ".:" or KIND_WORD.search(room):
            return None
        if COMMITTEE_WORD.search(room) and not _PLACE_WORD.search(room):
            # "Referat" / "Nørrevang Byråd" / "Hovedudvalget" / "Mødet den …": the body
            # named nearest the date is the committee (the first was its council).
            del lines[-1]
            self.header.committee = clean_committee(room) or self.header.committee
            return None
        del lines[-1]
        return room

    def _committee_above(self) -> str | None:
        """A body's name among the last three unread lines ("Åben", "Referat" may stand
        between it and the title or date); taken out of them."""
        lines = self.header.other_lines
        for back in range(1, min(3, len(lines)) + 1):
            above = lines[-back]
            # (Not a link: "[Referater 2024](/…/udvalg/…)" is the site's menu.)
            if above[:1] != "[" and COMMITTEE_WORD.search(above) and len(above.split()) <= 6:
                del lines[-back]
                return clean_committee(above) or None
        return None

    def _toc_entry(self, raw: str) -> TocEntry:
        text = LIST_MARKER.sub("", raw.strip())
        match = vocab.TOC_ENTRY.match(text)
        if match is None:
            return TocEntry(clean_inline(text))
        return TocEntry(clean_inline(match["title"]), int(match["page"]))

    def _field(self, name: str, value: str, line: int, *, one_per_line: bool = False) -> None:
        if name in PEOPLE_FIELDS:
            add_people(self.header, name, value, one_per_line=one_per_line)
            return
        header = self.header
        if name == "date":
            self._date(value, line)
        elif name in ("time", "start", "end"):
            self._time(name, value, line)
        elif name == "when_where":
            self._when_where(value, line)
        elif name == "location":
            header.location = value or header.location
        elif name == "municipality":
            header.municipality = value or None
        elif name == "committee":
            header.committee = clean_committee(value) or header.committee
        elif name == "meeting":
            self._meeting(value)
        elif name == "minute_taker":
            header.minute_taker = value or None
        elif name == "secretariat":
            # Staff at the meeting; the one marked "(referent)" took the minutes.
            if vocab.REFERENT_SUFFIX.search(value):
                header.minute_taker = cues.clean_name(vocab.REFERENT_SUFFIX.sub("", value))
        elif name == "remarks":
            header.other_lines.extend(s for s in _SENTENCE_END.split(value) if s)

    def _meeting(self, value: str) -> None:
        """ "MØDE" / "Referat", or "Møde i Udvalget for …"."""
        kind = KIND_WORD.fullmatch(value.strip())
        if kind:
            word = kind["kind"].lower()
            self.header.kind = DocumentKind.AGENDA if word == "dagsorden" else DocumentKind.MINUTES
            return
        if value.casefold().startswith(("i ", "for ")) and not self.header.committee:
            self.header.committee = clean_committee(value.split(" ", 1)[1])
            self._expect_committee = False

    def _set_date(
        self, day: dt.date, start: dt.time | None, end: dt.time | None, line: int
    ) -> None:
        header = self.header
        header.meeting_date = day
        header.date_line = line
        if start is not None:
            header.start_time = start
            header.end_time = end if end is not None else header.end_time

    def _date(self, value: str, line: int) -> None:
        if self.header.kind is None and self.header.meeting_date is None:
            self._dated_before_title = True
        try:
            found = find_date(value, short_year=True)
        except ValueError:
            self.warn(
                line,
                "meeting_date",
                f"datoen i {quote(value)} findes ikke i kalenderen og er ikke brugt",
            )
            return
        if found is None:
            start, end = times_in(value)
            if start is not None:
                self.header.start_time, self.header.end_time = start, end
                return
            self.warn(
                line,
                "meeting_date",
                f"kan ikke læse en mødedato i {quote(value)} (ledte efter fx 20-11-2025, "
                "20.11.2025 eller 20. november 2025)",
            )
            return
        self._set_date(found.day, found.start, found.end, line)

    def _when_where(self, value: str, line: int) -> None:
        """ "Tid og sted: 4. marts 2024 kl. 13-15, Rådhuset": date, times, then the place."""
        try:
            found = find_date(value, short_year=True)
        except ValueError:
            found = None
        if found is None:
            start, _end = times_in(value)
            if start is not None:
                self._time("time", value, line)
            elif self.header.location is None:  # "Afholdt: Rådhuset": only the place
                self.header.location = value.strip(" ,.") or None
            return
        self._set_date(found.day, found.start, found.end, line)
        after = TIME_AFTER_DATE.sub("", value[found.finish :])
        after = re.sub(r"^\s*[,.]?\s*(?:kl\.?\s*)?\d{1,2}\s*(?:[-–]|til)\s*\d{1,2}\b", "", after)
        place = re.sub(r"^(?:i|på)\s+", "", after.strip(" ,.-–"), flags=re.IGNORECASE)
        if place and self.header.location is None:
            self.header.location = place

    def _time(self, name: str, value: str, line: int) -> None:
        header = self.header
        try:
            found = find_date(value, short_year=True)
        except ValueError:
            found = None
        if found is not None:
            # "Tid: mandag den 4. marts 2024 kl. 13-15"; it also wins over a letterhead's
            # "Dato:" above the title (the day the letter was written).
            if header.meeting_date is None or self._dated_before_title:
                header.meeting_date, header.date_line = found.day, line
                self._dated_before_title = False
            value = value[found.finish :]
        start, end = times_in(value)
        if start is None:
            self.warn(
                line,
                "start_time",
                f"kan ikke læse et klokkeslæt i {quote(value)} (ledte efter fx kl. 13.00 eller "
                "13:00-15:30)",
            )
            return
        if name == "end":
            header.end_time = start
        elif name == "start":
            header.start_time = start
            header.end_time = end or header.end_time
        else:
            header.start_time, header.end_time = start, end
