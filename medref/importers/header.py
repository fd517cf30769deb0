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
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from medref.documents import DocumentKind, Participant, TocEntry

from . import cues
from . import vocabulary as vocab
from .attendance import parse_participants, split_names
from .blocks import RawBlock, clean_inline
from .dates import find_date, times_in
from .errors import ParseWarning

# Fields whose value may continue on the following lines, one name a line.
_LIST_FIELDS = frozenset(
    {"participants", "present", "absent", "absent_without_notice", "substitutes", "secretariat"}
)
# Fields whose value may stand alone on the next line ("Dato:" / "08-10-2025").
_SCALAR_FIELDS = frozenset(
    {"date", "time", "start", "end", "location", "municipality", "committee", "meeting",
     "minute_taker", "chair", "when_where"}
)  # fmt: skip
_LIST_MARKER = re.compile(r"^(?:[-•*–·]|\d{1,3}[.)])\s+")
# Where a second "Label:" may start inside a line (up to three words before the colon).
_NEXT_LABEL = re.compile(r" (?=[A-ZÆØÅ][^\s:]*(?: [^\s:]+){0,2}:(?:\s|$))")
_KIND_WORD = re.compile(
    r"(?<![\wæøå])(?P<kind>referat|dagsorden|beslutningsprotokol|mødereferat|protokol)(?![\wæøå])",
    re.IGNORECASE,
)
_COMMITTEE_WORD = re.compile(
    r"udvalg|med\b|med-|hmu|lmu|amu|byråd|kommunalbestyrelse|regionsråd|bestyrelse|råd\b|forum"
    r"|direktion|borgerrepræsentation|kommission|repræsentantskab|\b[fhl]?su\b|\bmio\b",
    re.IGNORECASE,
)
# "SU-møde", "LokalMED-møde", "HovedMED møde": the body's name before "møde".
_BODY_MEETING = re.compile(
    r"^(?:(?P<body>\S.*?)-møde(?:t)?|(?P<word>\S*[A-ZÆØÅ]{2}\S*)\s+møde(?:t)?)$"
)
# What is left of a title once its kind words are taken out ("Dagsorden og referat",
# "Referat fra mødet d. …"): no committee's name.
_NOT_A_NAME = re.compile(
    r"^(?:(?:og|&|samt|fra|af|for|til)(?:\s+|$))*(?:(?:det\s+)?(?:ordinære\s+|ekstraordinære\s+)?"
    r"møde(?:t)?|mødesager)?$",
    re.IGNORECASE,
)
_TIME_AFTER_DATE = re.compile(
    r"^\s*,?\s*(?:-\s*)?(?:(?:kl\.?|klokken)\s*)?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?"
    r"(?:\s*(?:-|–|til)\s*(?:kl\.?\s*)?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?)?",
    re.IGNORECASE,
)
_LOCATION_AFTER = re.compile(r"^\s*[,.]?\s*(?:i|på)\s+(?P<place>\S.+)$", re.IGNORECASE)
_WEEKDAY_TAIL = re.compile(
    r"(?:\s*[,\-–]?\s*(?:mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday)\b,?)?\s*(?:\bden\b|\bd\.)?\s*$",
    re.IGNORECASE,
)
_LEAD_WORDS = re.compile(
    r"^(?:\s*(?:af|fra|for|til|over)\b)?\s*(?:(?:det\s+)?(?:\d{1,3}\.\s*)?(?:ordinære\s+|ekstraordinære\s+)?"
    r"møde(?:t)?\s+(?:i|for)\s+)?",
    re.IGNORECASE,
)
_TAIL_WORDS = re.compile(r"(?:\s+(?:den|d\.)|\s*[-–|:,.])+\s*$", re.IGNORECASE)
# "… Fritidsudvalget møde den 8. december": "møde" before "den <dato>" is not the name's.
_MEETING_DEN = re.compile(
    r"\s+møde(?:t)?(?:\s+(?:mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag))?\s+den\s*$",
    re.IGNORECASE,
)
_ELECTION_TERM = re.compile(r"\s+\(?(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d\)?\s*$")
# "Klima og miljøs møde den": the "s" of a genitive before "møde".
_GENITIVE_MEETING = re.compile(r"(?<=[a-zæøå])s(?=\s+møde(?:t)?\s+den\b)", re.IGNORECASE)
_MEETING_PAPERS = re.compile(r"^(?P<committee>.{3,80}?)\s*[-–]\s*mødesager$", re.IGNORECASE)
_TIME_AT_END = re.compile(
    r"\s*,?\s*(?:kl\.?|klokken)\s*(?P<start>\d{1,2}[.:]\d{2})"
    r"(?:\s*[-–]\s*(?:kl\.?\s*)?(?P<end>\d{1,2}[.:]\d{2}))?\s*$",
    re.IGNORECASE,
)
_MEETING_KIND_LEAD = re.compile(
    r"^(?:(?:ordinært|ekstraordinært)\s+)?møde\s*[-–:,]\s*", re.IGNORECASE
)
# ", sag 41-44" / ", punkt 3 og 5" / " ved sag nr. 3" after an absent member's name.
_ITEM_RANGE = re.compile(
    r"(?:,\s*|\s+(?:ved|under|i|fra)\s+)(?:behandlingen\s+af\s+)?(?:sag(?:erne|er)?|punkt(?:erne|er)?|pkt\.?)"
    r"\s*(?:nr\.?\s*)?(?P<numbers>\d[\d\s,og–-]*)\.?$",
    re.IGNORECASE,
)
_SUBSTITUTE_FOR_TAIL = re.compile(
    r",?\s*(?:suppleant|stedfortræder)\s+for\s+(?P<absent>[^,]+?)\s*$", re.IGNORECASE
)
_STATUS_ENTRY = re.compile(
    r"^(?P<name>[^:()]{3,60}):\s*(?P<status>deltog|afbud|fraværende|forfald|udeblev)\b(?P<rest>.*)$",
    re.IGNORECASE,
)
_STATUS_SUBSTITUTE = re.compile(
    r"(?i:stedfortræder|suppleant)\s+(?P<name>[A-ZÆØÅ][\w'-]+(?:\s+[A-ZÆØÅ][\w'-]+)+)"
)
_AT_THE_MEETING = re.compile(r"^(?:ved|på|under)\s+mødet\s*:\s*", re.IGNORECASE)
_PARTY_ALONE = re.compile(r"^\((?P<party>[A-ZÆØÅ]{1,3})\)$")
_PARTY_WORDS = frozenset({"løsgænger", "uden for partierne", "udenfor partierne"})
_CONNECTOR = re.compile(r"^(?:til|fra|af|for|for mødet|til mødet)$", re.IGNORECASE)
_TOC_GLUED = re.compile(
    r"^(?P<heading>indholdsfortegnelse|indhold|punkter|dagsordenspunkter|dagsordenpunkter)"
    r"(?P<entry>\d.*)$",
    re.IGNORECASE,
)
_TOC_EXTRA = re.compile(
    r"^(?:punkter|dagsordenspunkter|dagsordenpunkter|pkt\.?\s*tekst|lukkede\s+punkter|"
    r"åbne\s+punkter|åbne\s+sager|lukkede\s+sager|dagsorden|indholdsfortegnelse\s+side)\s*:?$",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ])")
_INGEN = re.compile(r"^(?:ingen|-|–|ingen\.)$", re.IGNORECASE)


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


@dataclass(frozen=True)
class Title:
    kind: DocumentKind | None
    committee: str
    day: dt.date | None
    start: dt.time | None
    end: dt.time | None
    location: str | None


def _clean_committee(text: str) -> str:
    text = _MEETING_DEN.sub("", _LEAD_WORDS.sub("", text.strip(" -–|:,")))
    for _ in range(3):
        text = _WEEKDAY_TAIL.sub("", text)
        text = _TAIL_WORDS.sub("", text)
    # "Børne- og Ungeudvalget (2022-2025)", "Udvalget for Sundhed 2022-2025": the election
    # term a portal adds is not part of the committee's name.
    text = clean_inline(_ELECTION_TERM.sub("", text).strip(" -–|:,"))
    text = re.sub(
        r"^(?:og|&|samt|(?:ekstra)?ordinært)\s+|\s+(?:og|&|samt)$", "", text, flags=re.IGNORECASE
    )
    if _NOT_A_NAME.match(text):
        return ""
    body = _BODY_MEETING.match(text)
    if body is not None and _COMMITTEE_WORD.search(body["body"] or body["word"]):
        text = body["body"] or body["word"]
    # "Møde i forretningsudvalget": a committee's name is a name, capitalised.
    return text[:1].upper() + text[1:] if text[:1].islower() else text


def _numbers(text: str) -> list[int]:
    """ "41-44" -> [41, 42, 43, 44]; "3, 5 og 7" -> [3, 5, 7]."""
    numbers: list[int] = []
    for part in re.split(r"\s*(?:,|\bog\b)\s*", text.strip()):
        bounds = [int(n) for n in re.findall(r"\d+", part)]
        if len(bounds) == 2 and bounds[0] <= bounds[1] <= bounds[0] + 100:
            numbers.extend(range(bounds[0], bounds[1] + 1))
        else:
            numbers.extend(bounds)
    return numbers


def _clock(text: str) -> dt.time | None:
    hours, minutes = (int(part) for part in re.split(r"[.:]", text))
    return dt.time(hours, minutes) if hours < 24 and minutes < 60 else None


def read_title(line: str) -> Title | None:
    """A title line: its kind word, committee, date, times and place, as far as it gives them."""
    kind_match = _KIND_WORD.search(line)
    try:
        found = find_date(line)
    except ValueError:
        found = None
    if kind_match is None and found is None:
        papers = _MEETING_PAPERS.match(line)
        if papers and _COMMITTEE_WORD.search(papers["committee"]):
            # "Uddannelsesudvalg - mødesager": the body, no date, no kind word.
            return Title(None, _clean_committee(papers["committee"]), None, None, None, None)
        return None
    if kind_match is None and not (
        found
        and (
            _COMMITTEE_WORD.search(line[: found.begin])
            or _GENITIVE_MEETING.search(line[: found.begin])
            or _BODY_MEETING.match(line[: found.begin].strip(" ,-–"))
        )
    ):
        return None
    kind: DocumentKind | None = None
    if kind_match:
        word = kind_match["kind"].lower()
        kind = DocumentKind.AGENDA if word == "dagsorden" else DocumentKind.MINUTES
    rest = line
    location: str | None = None
    day = start = end = None
    if found:
        day, start, end = found.day, found.start, found.end
        after = line[found.finish :]
        after = _TIME_AFTER_DATE.sub("", after)
        place = _LOCATION_AFTER.match(after)
        if place:
            location = place["place"].strip()
            after = ""
        rest = line[: found.begin] + " " + after
    if kind_match:
        at = kind_match.start()
        if found is None or at < found.begin:
            rest = rest[:at] + " " + rest[kind_match.end() :]
        else:
            rest = _KIND_WORD.sub(" ", rest, count=1)
        # "Dagsorden og referat": both kind words are the title's, neither the body's.
        rest = _KIND_WORD.sub(" ", rest)
    genitive = _GENITIVE_MEETING.search(rest)
    if genitive is not None:
        # "Klima og miljøs møde den …", "Byrådets møde den …": the body in the genitive.
        rest = rest[: genitive.start()] + rest[genitive.start() + 1 :]
    committee = _clean_committee(rest)
    if len(committee.split()) > 25:
        return None  # running text, not a title
    return Title(kind, committee, day, start, end, location)


def _date_line(line: str) -> tuple[dt.date, dt.time | None, dt.time | None, str | None] | None:
    """A line that is a date (with times and a place): "Torsdag den 19. november 2020 kl. 17:00"."""
    if len(line) > 160:
        return None
    try:
        found = find_date(line, short_year=True)
    except ValueError:
        return None
    if found is None:
        return None
    before = _WEEKDAY_TAIL.sub("", line[: found.begin]).strip(" ,-–:")
    if before and before.casefold() not in ("den", "d.", "dato", "mødedato", "afholdt", "afholdes"):
        return None
    after = _TIME_AFTER_DATE.sub("", line[found.finish :])
    place = _LOCATION_AFTER.match(after)
    if place is None and after.strip(" ,-–:."):
        return None
    return found.day, found.start, found.end, place["place"].strip() if place else None


# "Bo Ravn (T)": a name with its party or role in brackets.
_NAME_IN_BRACKETS = re.compile(r"^[A-ZÆØÅ][\w.'-]*(?: [A-ZÆØÅ][\w.'-]*)+ \([^()]*\)$")


def _one_person(text: str) -> bool:
    """ "Jens Holm, 3F (næstformand)", "Bent Agger, A": one person with a party or role.

    "Bo Ravn (T), Eva Dal (V)" (every part a name with its bracket) is a list.
    """
    parts = [p.strip() for p in re.split(r",(?![^(]*\))", text)]
    if len(parts) > 1 and all(_NAME_IN_BRACKETS.match(p.rstrip(".")) for p in parts):
        return False
    return all(
        len(p) <= 4 or "(" in p or p.casefold().rstrip(".") in vocab.ROLE_WORDS
        or cues.absent_mark(p)[1] or p.split()[0].casefold() in vocab.ROLE_WORDS
        for p in parts[1:] if p
    )  # fmt: skip


def _names_line(text: str) -> bool:
    """Whether a line below a list label ("Fraværende:") continues it with names."""
    text = _LIST_MARKER.sub("", text)
    bracketed = [p.strip().rstrip(".") for p in re.split(r",(?![^(]*\))", text)]
    if len(bracketed) > 1 and all(_NAME_IN_BRACKETS.match(p) for p in bracketed):
        return True  # "Karen Holm (regionsdirektør), Peter Friis (direktør, Sundhed)."
    if _one_person(text):
        return cues.looks_like_name(text)
    parts = split_names(text)
    return bool(parts) and all(cues.looks_like_name(p) for p in parts)


class HeaderReader:
    def __init__(self, path: str, notes: list[ParseWarning] | None = None) -> None:
        self.path = path
        self.notes = notes if notes is not None else []
        self.header = Header()
        self._pending: str | None = None  # a list field continuing on the next lines
        self._pending_scalar: str | None = None  # a label whose value is on the next line
        self._expect_committee = False  # "Referat" alone: the committee follows
        self._expect_location = False  # a title's date line: the place may follow
        self._in_toc = False
        self._seen_field = False

    def warn(self, line: int | None, name: str, message: str) -> None:
        self.notes.append(ParseWarning(line, name, message))

    def read(self, blocks: list[RawBlock]) -> Header:
        for block in blocks:
            # A list field ("Deltagere:") continues on the lines right below it,
            # or in a list after a blank line; anything else ends it.
            # (Lines that are not names end it too: see _names_line.)
            for offset, raw in enumerate(block.lines):
                line = clean_inline(cues.strip_list_marker(cues.strip_ui(raw)))
                if line and not cues.is_boilerplate(line):
                    for part in self._labelled_parts(line):
                        self._line(raw if part is line else part, part, block.line + offset)
        return self.header

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
            self._in_toc, self._pending, self._pending_scalar = True, None, None
            return
        found = self._label(line)
        if self._pending_scalar is not None and found is None:
            name, self._pending_scalar = self._pending_scalar, None
            self._field(name, line, line_no)
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
            self._expect_committee = self._expect_location = False
            self._pending = name if name in _LIST_FIELDS and not value else None
            self._pending_scalar = name if name in _SCALAR_FIELDS and not value else None
            if value or name not in _SCALAR_FIELDS:
                self._field(name, value, line_no)
            return
        if self._pending is not None:
            if line in ("-", "–") or self._member_detail(line) or self._member_status(line):
                return  # a lone dash parts the list's groups (management / staff)
            ranged = _ITEM_RANGE.search(line) if self._pending.startswith("absent") else None
            if ranged is not None and _names_line(line[: ranged.start()]):
                # "Tove Krag (A), sag 41-44": absent from those items.
                before = len(self.header.absent)
                self._field(self._pending, line[: ranged.start()], line_no, one_per_line=True)
                numbers = _numbers(ranged["numbers"])
                self.header.absent_from_items.append((self.header.absent[before:], numbers))
                return
            if _names_line(line):
                self._field(self._pending, _LIST_MARKER.sub("", line), line_no, one_per_line=True)
                return
            self._pending = None
        if self._title_line(line, line_no):
            return
        if self._expect_committee:
            if _CONNECTOR.match(line):
                return
            self.header.committee = _clean_committee(line) or None
            self._expect_committee = False
            return
        if self._expect_location and self.header.location is None and len(line) < 80:
            self._expect_location = False
            if not line.endswith(".") and not _KIND_WORD.search(line):
                self._place_line(line)
                # "Kl. 10.00" on a line of its own: the place may still follow.
                self._expect_location = self.header.location is None
                return
        self._expect_location = False
        self.header.other_lines.append(line)

    def _member_status(self, line: str) -> bool:
        """ "Lise Dam: Deltog", "Karsten Øby: Afbud (Stedfortræder Mona Lee, …)": a member
        with what the minutes say of them."""
        if self._pending not in ("participants", "present") or ":" not in line:
            return False
        entry = _STATUS_ENTRY.match(line)
        if entry is None or not cues.looks_like_name(entry["name"]):
            return False
        header = self.header
        name = entry["name"].strip()
        header.has_participant_list = True
        header.participants.append(Participant(name))
        if entry["status"].casefold() != "deltog":
            header.absent.append(name)
        substitute = _STATUS_SUBSTITUTE.search(entry["rest"])
        if substitute is not None:
            header.substitutes.append(substitute["name"].strip())
        return True

    def _member_detail(self, line: str) -> bool:
        """ "Formand" / "(A)" / "Løsgænger" on lines of their own under a member's name (a
        list printed one field a line): the member's role or party, not another member."""
        detail = _PARTY_ALONE.match(line)
        role = line.casefold().rstrip(".:") if detail is None else None
        if detail is None and role not in vocab.ROLE_WORDS and role not in _PARTY_WORDS:
            return False
        header = self.header
        if self._pending in ("participants", "present") and header.participants:
            last = header.participants[-1]
            if last.name == line:
                return False
            title = detail["party"] if detail else line
            joined = f"{last.title}, {title}" if last.title else title
            header.participants[-1] = Participant(last.name, joined)
        return True  # under "Fraværende:" the party says nothing more

    def _place_line(self, line: str) -> None:
        """The place under a title: "Mødelokale 2", "i Rådhuset", or "Ekstraordinært møde -
        Mødelokale F7 kl. 12.00" (the kind of meeting before it, the time after it)."""
        header = self.header
        timed = _TIME_AT_END.search(line)
        if timed is not None:
            if header.start_time is None:
                header.start_time = _clock(timed["start"])
                header.end_time = _clock(timed["end"]) if timed["end"] else header.end_time
            line = line[: timed.start()]
        line = _MEETING_KIND_LEAD.sub("", line.removeprefix("i ")).strip(" ,-–")
        if line:
            header.location = line

    def _title_line(self, line: str, line_no: int) -> bool:
        """A title, or a line of a title spread over lines; True when consumed."""
        header = self.header
        dated = _date_line(line) if header.meeting_date is None else None
        if dated is not None and (not self._seen_field or self._expect_committee):
            day, start, end, place = dated
            self._set_date(day, start, end, line_no)
            if not header.committee:
                # "Kommunalbestyrelsen" / "17-03-2020": the body named on a line above.
                header.committee = self._committee_above()
                self._expect_committee = self._expect_committee and not header.committee
            if place and header.location is None:
                header.location = place
            self._expect_location = place is None
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
        return True

    def _committee_above(self) -> str | None:
        """A body's name among the last three unread lines ("Åben", "Referat" may stand
        between it and the title or date); taken out of them."""
        lines = self.header.other_lines
        for back in range(1, min(3, len(lines)) + 1):
            above = lines[-back]
            if _COMMITTEE_WORD.search(above) and len(above.split()) <= 6:
                del lines[-back]
                return _clean_committee(above) or None
        return None

    def _toc_entry(self, raw: str) -> TocEntry:
        text = _LIST_MARKER.sub("", raw.strip())
        match = vocab.TOC_ENTRY.match(text)
        if match is None:
            return TocEntry(clean_inline(text))
        return TocEntry(clean_inline(match["title"]), int(match["page"]))

    def _field(self, name: str, value: str, line: int, *, one_per_line: bool = False) -> None:
        if name == "absent_without_notice":
            # Read as any absent list; the names it adds are also noted as without notice.
            before = len(self.header.absent)
            self._field("absent", value, line, one_per_line=one_per_line)
            self.header.absent_without_notice.extend(self.header.absent[before:])
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
            header.committee = _clean_committee(value) or header.committee
        elif name == "meeting":
            self._meeting(value)
        elif name == "participants":
            self._participants(value, one_per_line=one_per_line)
        elif name in ("present", "absent", "substitutes") and one_per_line and _one_person(value):
            note = cues.SUBSTITUTE_NOTE.search(value)
            if note and name == "absent":
                header.substitutes.append(cues.clean_name(note["name"]))
            person = cues.clean_name(cues.SUBSTITUTE_NOTE.sub("", value))
            if name == "present":
                header.present = (header.present or []) + [person]
            else:
                (header.absent if name == "absent" else header.substitutes).append(person)
        elif name == "present":
            names = [cues.clean_name(n) for n in split_names(value)]
            header.present = (header.present or []) + [n for n in names if n]
        elif name == "absent":
            if not _INGEN.match(value.strip()):
                for note in cues.SUBSTITUTE_NOTE.finditer(value):
                    # "Afbud: Jens Holm (suppleant Aase Lund deltog)"
                    header.substitutes.append(cues.clean_name(note["name"]))
                value = cues.SUBSTITUTE_NOTE.sub("", value)
                header.absent.extend(
                    n for n in (cues.clean_name(v) for v in split_names(value)) if n
                )
        elif name == "substitutes":
            header.substitutes.extend(
                n for n in (cues.clean_name(v) for v in split_names(value)) if n
            )
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
        kind = _KIND_WORD.fullmatch(value.strip())
        if kind:
            word = kind["kind"].lower()
            self.header.kind = DocumentKind.AGENDA if word == "dagsorden" else DocumentKind.MINUTES
            return
        if value.casefold().startswith(("i ", "for ")) and not self.header.committee:
            self.header.committee = _clean_committee(value.split(" ", 1)[1])
            self._expect_committee = False

    def _participants(self, value: str, *, one_per_line: bool) -> None:
        header = self.header
        header.has_participant_list = True
        substitute_for = _SUBSTITUTE_FOR_TAIL.search(value) if one_per_line else None
        if substitute_for is not None:
            # "Kamma Lind (A), Suppleant for Tove Krag (A)": a substitute among the members.
            value = value[: substitute_for.start()]
            name, _title = cues.person(substitute_for["absent"])
            if name:
                header.absent.append(name)
        dashed = cues.NAME_DASH_ROLE.match(value) if " - " in value or " – " in value else None
        if (one_per_line and _one_person(value)) or (dashed and "," not in dashed["name"]):
            text, absent = cues.absent_mark(value)
            is_referent = vocab.REFERENT_SUFFIX.search(text) is not None
            text = vocab.REFERENT_SUFFIX.sub("", text)
            name, title = cues.person(text)
            if name:
                header.participants.append(Participant(name, title))
                if absent:
                    header.absent.append(name)
                if substitute_for is not None:
                    header.substitutes.append(name)
                if is_referent:
                    header.minute_taker = header.minute_taker or name
            return
        participants, minute_taker = parse_participants(value)
        for participant in participants:
            text, absent = cues.absent_mark(participant.name)
            name = text
            title = participant.title
            if "(" in text or absent:
                name, extra = cues.person(text)
                title = ", ".join(t for t in (extra, participant.title) if t) or None
            header.participants.append(Participant(name, title))
            if absent:
                header.absent.append(name)
        header.minute_taker = header.minute_taker or minute_taker

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
        try:
            found = find_date(value, short_year=True)
        except ValueError:
            self.warn(
                line, "meeting_date", f"the date in {value!r} does not exist; it was left out"
            )
            return
        if found is None:
            start, end = times_in(value)
            if start is not None:
                self.header.start_time, self.header.end_time = start, end
                return
            self.warn(line, "meeting_date", f"cannot read a date in {value!r}")
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
        after = _TIME_AFTER_DATE.sub("", value[found.finish :])
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
            if header.meeting_date is None:  # "Tid: mandag den 4. marts 2024 kl. 13-15"
                header.meeting_date, header.date_line = found.day, line
            value = value[found.finish :]
        start, end = times_in(value)
        if start is None:
            self.warn(line, "start_time", f"cannot read a time in {value!r}")
            return
        if name == "end":
            header.end_time = start
        elif name == "start":
            header.start_time = start
            header.end_time = end or header.end_time
        else:
            header.start_time, header.end_time = start, end
