"""One agenda item: its heading, case number, sections and attendance lines."""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Final

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
from .attendance import merge_names, split_names
from .blocks import RawBlock, clean_inline


@dataclass(frozen=True)
class ItemHeading:
    number: int
    title: str
    closed: bool = False


def _title(number: int, title: str) -> ItemHeading:
    text, closed = cues.closed_title(clean_inline(title))
    return ItemHeading(number, text, closed)


def item_heading(block: RawBlock, *, numbered_style: bool) -> ItemHeading | None:
    """The item a block starts when it says "Punkt N: …" (or, with ``numbered_style``, "N. …")."""
    if len(block.lines) != 1:
        return None
    cue = cues.item_cue(block.lines[0], explicit=block.explicit_heading)
    if cue is None or (cue.strength < 6 and not numbered_style):
        return None
    return ItemHeading(cue.number, cue.title, cue.closed)


def _ends_in_digit(line: str) -> bool:
    """Whether ``line`` ends in a digit, before one final newline (where ``$`` matches too).

    ``TOC_ENTRY`` ends in a page number; this rejects most lines before it runs.
    """
    end = line[:-1] if line.endswith("\n") else line
    return end[-1:].isdecimal()  # \d is Unicode category Nd, as isdecimal()


# How long a line SaidAtMeeting.heading_kind remembers can be: a heading's, not prose.
_REPEATED_LINE: Final = 60


@dataclass
class SaidAtMeeting:
    """Attendance sentences found in item bodies that concern the whole meeting."""

    present: list[str] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)
    substitutes: list[str] = field(default_factory=list)
    # (names, item numbers) from "X deltog ikke i behandlingen af punkt 6, 8 og 9".
    absent_from_items: list[tuple[list[str], list[int]]] = field(default_factory=list)
    # (names, first item missed) from "X forlod mødet efter pkt. 3" (away from item 4 on).
    absent_from_item_on: list[tuple[list[str], int]] = field(default_factory=list)
    # The meeting's committee, to tell its decision headings from other bodies'.
    committee: str | None = None
    # "Mødet sluttede kl. 16.30" in an item.
    ended: dt.time | None = None
    # The section kind of each short line met so far, for heading_kind.
    _kinds: dict[str, SectionKind | None] = field(default_factory=dict, repr=False, compare=False)
    # The blocks after the header, for caps_headings.
    item_blocks: Sequence[RawBlock] = ()
    _caps_headings: bool | None = field(default=None, repr=False)

    def heading_kind(self, text: str) -> SectionKind | None:
        """``cues.heading_kind`` with the meeting's committee. A short line is looked up
        once: the same headings stand under every item ("Indstilling", "Beslutning")."""
        if len(text) > _REPEATED_LINE:
            return cues.heading_kind(text, self.committee)
        kinds = self._kinds
        if text in kinds:
            return kinds[text]
        kind = kinds[text] = cues.heading_kind(text, self.committee)
        return kind

    def caps_headings(self) -> bool:
        """Whether the document writes its known section headings in capitals ("RESUME"):
        then an unknown line in capitals ("DIREKTØRPÅTEGNING") is a heading too. Looked up
        once, on first need (most documents have no unknown line in capitals to ask about)."""
        if self._caps_headings is None:
            self._caps_headings = _writes_caps_headings(self.item_blocks)
        return self._caps_headings


def _writes_caps_headings(blocks: Sequence[RawBlock]) -> bool:
    for block in blocks:
        inner = block.block
        if isinstance(inner, (Paragraph, Heading)) and len(block.lines) == 1:
            text = inner.text
            if len(text) <= 60 and text.isupper() and cues.heading_kind(text) is not None:
                return True
    return False


_MEETING_ENDED = re.compile(
    r"^mødet\s+(?:sluttede|blev\s+hævet|hævedes|afsluttedes|sluttede\s+igen)\s+"
    r"(?:kl\.?|klokken)\s*(?P<h>\d{1,2})[.:](?P<m>\d{2})\.?$",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?:19|20)\d\d")


def item_numbers(text: str) -> list[int]:
    """ "6, 8 og 9" -> [6, 8, 9]; "6-8" -> [6, 7, 8]; "pkt 3 og pkt 5" -> [3, 5]."""
    numbers: list[int] = []
    text = re.sub(r"(?:punkt(?:erne)?|pkt\.?)\s*", "", text, flags=re.IGNORECASE)
    for part in split_names(text.replace("–", "-")):
        if "-" in part:
            first, _, last = part.partition("-")
            if first.strip().isdigit() and last.strip().isdigit():
                numbers.extend(range(int(first), int(last) + 1))
        elif part.strip().isdigit():
            numbers.append(int(part))
    return numbers


def _names(text: str) -> list[str]:
    """Names in a list, without the roles written after them ("X (V), Næstformand")."""
    names = [cues.clean_name(p) for p in split_names(text)]
    return [
        n for n in names
        if n and n.casefold() not in vocab.ROLE_WORDS and not (len(n) <= 3 and n.isupper())
    ]  # fmt: skip


_NAMES = r"(?P<names>[^.].*?)"
_ITEMS_ABSENT = re.compile(
    rf"^{_NAMES}\s+deltog\s+ikke\s+(?:i|under)\s+(?:behandling(?:en)?\s+af\s+)?"
    r"(?:punkt(?:erne)?|pkt\.?)\s*:?\s*(?P<numbers>\d[\d\s,.og\-–pkt]*?)\.?$",
    re.IGNORECASE,
)
_ITEM_ABSENT = re.compile(
    rf"^{_NAMES}\s+deltog\s+ikke\s+i\s+(?:(?:sagens|punktets)\s+behandling"
    r"|(?:\S+\s+)*?behandling(?:en)?\s+af\s+(?:sagen|punktet))\.?$",
    re.IGNORECASE,
)
_SUBSTITUTE_FOR = re.compile(
    rf"^{_NAMES}\s+(?:deltog|mødte|var\s+indkaldt)\s+(?:i\s+mødet\s+)?(?:som\s+(?:suppleant|"
    r"stedfortræder)\s+for|i\s+stedet\s+for)\s+(?P<absent>.+?)\.?$",
    re.IGNORECASE,
)
_ITEM_SUBSTITUTE = re.compile(
    rf"^suppleant(?:erne)?\s+{_NAMES}\s+deltog\s+i\s+behandling(?:en)?\s+af\s+(?:punktet|sagen)\.?$",
    re.IGNORECASE,
)
# "X havde meldt afbud, og Y deltog i stedet."
_AFBUD_AND_INSTEAD = re.compile(
    rf"^{_NAMES}\s+havde\s+meldt\s+afbud,?\s+og\s+(?P<sub>.+?)\s+(?:deltog|mødte)\s+i\s+stedet\.?$",
    re.IGNORECASE,
)
_MEETING_ABSENT_EXTRA = (
    re.compile(rf"^der\s+(?:er|var)\s+afbud\s+fra\s+{_NAMES}\.?$", re.IGNORECASE),
    re.compile(rf"^afbud\s+fra\s+{_NAMES}\.?$", re.IGNORECASE),
)
# Attendance lines removed from an item's text: "Fraværende: A og B", "Ikke til stede: X (C)".
_ITEM_ABSENT_LINE = re.compile(
    r"^(?:fraværende|ikke\s+til\s+stede)(?:\s*:\s*|\s+|$)(?P<names>.*?)\s*$", re.IGNORECASE
)
_MEETING_ABSENT_LINE = re.compile(
    r"^(?:afbud(?:\s+fra)?|fraværende\s+med\s+afbud)(?:\s*:\s*|$)(?P<names>.*?)\s*$", re.IGNORECASE
)
_NONE = re.compile(r"^(?:ingen|intet|-|–)\.?$", re.IGNORECASE)
_CAME_INSTEAD = re.compile(
    r"\s+[-–]\s+(?P<names>[^-–]+?)\s+(?:mødte|deltog)\s+(?:som\s+(?:stedfortræder|suppleant)|"
    r"i\s+stedet)\.?$",
    re.IGNORECASE,
)

# Letters whose case-insensitive matches all lower-case to themselves (in a
# case-insensitive pattern "İ" and "ı" match "i" and "ſ" matches "s", which
# str.lower() keeps as they are).
_PLAIN_LETTERS: Final = frozenset("abcdefghjklmnopqrtuvwxyzæøå")
Guarded = tuple[tuple[re.Pattern[str], tuple[str, ...]], ...]


def required_words(pattern: re.Pattern[str]) -> tuple[str, ...]:
    """Runs of letters every match of ``pattern`` holds, lower-cased: a match is
    only possible in a text whose ``lower()`` contains them all.

    Read from the pattern's parse: the literals at its top level, which every
    match passes in order (nothing optional, no alternative), cut at letters
    outside ``_PLAIN_LETTERS``. Without Python's parser, no words (no test).
    """
    try:
        parser: Any = importlib.import_module("re._parser")
        nodes = list(parser.parse(pattern.pattern, pattern.flags))
        literal = parser.LITERAL
    except Exception:  # a missing private module only costs speed
        return ()
    words: list[str] = []
    run: list[str] = []
    for op, value in [*nodes, (None, None)]:
        if op is literal and chr(value) in _PLAIN_LETTERS:
            run.append(chr(value))
            continue
        if len(run) >= 3:
            words.append("".join(run))
        run = []
    return tuple(words)


def _guarded(*patterns: re.Pattern[str]) -> Guarded:
    return tuple((pattern, required_words(pattern)) for pattern in patterns)


def _first_match(patterns: Guarded, text: str, lowered: str) -> re.Match[str] | None:
    """The first of ``patterns`` to match ``text``; one whose words ``lowered`` lacks is
    not tried (most attendance patterns scan the whole sentence before they fail)."""
    for pattern, words in patterns:
        for word in words:
            if word not in lowered:
                break
        else:
            match = pattern.match(text)
            if match:
                return match
    return None


_SENTENCE_SPLIT = re.compile(r"(?<=[a-zæøå)]\.)\s+(?=[A-ZÆØÅ])")
# "JOURNALNUMMER", "Sagsnr.:" alone on a line, and the value it labels on the next.
_CASE_LABEL_ALONE = re.compile(
    r"^(?:journalnummer|journalnr\.?|j\.\s*nr\.?|sagsnummer|sagsnr\.?|sags\s+nr\.?|sag\s+nr\.?)\s*:?$",
    re.IGNORECASE,
)
_CASE_VALUE = re.compile(r"^[A-ZÆØÅ]{0,4}[-\s]?\d[\w./-]{2,30}$")
# The end of a title wrapped after a hyphen: one short line, no full stop.
_WRAPPED_TITLE_END = re.compile(r"^[A-ZÆØÅa-zæøå][^.:]{0,60}$")
# "A. Sager til afgørelse i byrådet": the lettered group an item belongs to.
_GROUP_LABEL = re.compile(r"^[A-H]\.\s+[A-ZÆØÅ][^.:]{2,60}$")
_LETTER_FIELD = re.compile(
    r"^(?:dato|sagsbehandler|direkte\s+(?:tlf|telefon)|tlf|telefon|e-?mail|mail)\.?\s*:\s*\S",
    re.IGNORECASE,
)
# "Det indstilles," alone, its "at …" clauses below.
_PASSIVE_LEAD = re.compile(r"^det\s+indstilles\s*[,:]?\s*(?:at\s*:?)?$", re.IGNORECASE)
_ABSENCE_HEADING = re.compile(
    r"^fraværende\s+(?:(?:med|uden)\s+afbud|(?P<part>i\s+mødet|under\s+mødet))\s*:\s*(?P<names>.*?)\s*$",
    re.IGNORECASE,
)
_CALLED_IN = re.compile(r"\s+(?:indkaldt|deltog(?:\s+i\s+stedet)?)\s*$", re.IGNORECASE)
_PART_OF_MEETING = re.compile(
    r"^[A-ZÆØÅ][\w'-]+(?:\s+[A-ZÆØÅ][\w'-]+)+\s+(?:til|fra|efter|indtil)\s+kl\.", re.IGNORECASE
)


def meeting_ended(text: str) -> dt.time | None:
    """The time in "Mødet sluttede kl. 16.30" / "Mødet blev hævet kl. 15.05"."""
    ended = _MEETING_ENDED.match(text) if text[:5] in ("Mødet", "mødet") else None
    if ended and int(ended["h"]) < 24 and int(ended["m"]) < 60:
        return dt.time(int(ended["h"]), int(ended["m"]))
    return None


def attendance_sentence(
    text: str, said: SaidAtMeeting, absent: list[str], substitutes: list[str]
) -> None:
    """Collect the names an attendance sentence gives; the sentence itself stays."""
    lowered = text.lower()
    if mentions_attendance(lowered):
        _attendance_patterns(text, lowered, said, absent, substitutes)


def mentions_attendance(lowered: str) -> bool:
    """Whether a lower-cased sentence holds a word of attendance: only then are the
    attendance patterns tried (most paragraphs hold none)."""
    # A loop, not any() over a generator: this runs on every paragraph.
    for word in vocab.ATTENDANCE_SENTENCE_WORDS:  # noqa: SIM110
        if word in lowered:
            return True
    return False


def _attendance_patterns(
    text: str, lowered: str, said: SaidAtMeeting, absent: list[str], substitutes: list[str]
) -> None:
    """attendance_sentence after its word test: ``lowered`` is ``text.lower()``."""
    # Each pattern is tried only when the text holds its words (``required_words``).
    named = _first_match(_NAMED_ABSENT, text, lowered)
    if named:
        said.absent_from_items.append((_names(named["names"]), item_numbers(named["numbers"])))
        return
    left = _first_match(_LEFT, text, lowered)
    if left:
        # "forlod mødet efter/under pkt. 3": away from item 4; "før pkt. 3": from item 3.
        after = left["when"].lower() in ("efter", "under")
        said.absent_from_item_on.append((_names(left["names"]), int(left["number"]) + after))
        return
    but = _first_match(_ALL_BUT, text, lowered)
    if but:
        said.absent.extend(_names(but["names"]))
        return
    both = _first_match(_BOTH, text, lowered)
    if both:
        said.absent.extend(_names(both["names"]))
        said.substitutes.extend(_names(both["sub"]))
        return
    instead = _first_match(_INSTEAD, text, lowered) or _first_match(_INSTEAD_FIRST, text, lowered)
    if instead:
        said.substitutes.extend(_names(instead["names"]))
        said.absent.extend(_names(instead["absent"]))
        return
    targets = (
        (_ITEM_SUBSTITUTES, substitutes),
        (_MEETING_SUBSTITUTES, said.substitutes),
        (_ITEM_ABSENTEES, absent),
        (_MEETING_PRESENT, said.present),
        (_MEETING_ABSENTEES, said.absent),
    )
    for patterns, names in targets:
        match = _first_match(patterns, text, lowered)
        if match:
            names.extend(_names(match["names"]))
            return


_NAMED_ABSENT: Final = _guarded(vocab.NAMED_ITEMS_ABSENT, _ITEMS_ABSENT)
_LEFT: Final = _guarded(
    re.compile(
        rf"^{_NAMES}\s+forlod\s+mødet\s+(?:kl\.?\s*\d{{1,2}}[.:]\d{{2}}\s+)?(?P<when>efter|under|før|inden)"
        r"\s+(?:behandlingen\s+af\s+)?(?:punkt|pkt\.?|sag)\s*(?:nr\.?\s*)?(?P<number>\d{1,4})\.?$",
        re.IGNORECASE,
    )
)
# "Alle medlemmer var mødt, bortset fra X og Y, der havde meldt afbud."
_ALL_BUT: Final = _guarded(
    re.compile(
        rf"^alle(?:\s+\w+)?\s+var\s+(?:mødt|til\s+stede)\s*,?\s+(?:bortset\s+fra|undtagen)\s+{_NAMES}"
        r"(?:,?\s+der\s+(?:havde\s+meldt\s+(?:afbud|forfald)|var\s+fraværende))?\.?$",
        re.IGNORECASE,
    )
)
# "I stedet for Mette Dal deltog Jens Rye."
_INSTEAD_FIRST: Final = _guarded(
    re.compile(
        r"^i\s+stedet\s+for\s+(?P<absent>.+?)\s+(?:deltog|mødte)\s+(?P<names>[^.].*?)\.?$",
        re.IGNORECASE,
    )
)
_BOTH: Final = _guarded(_AFBUD_AND_INSTEAD)
_INSTEAD: Final = _guarded(_SUBSTITUTE_FOR)
# The sentences that fill one list each, in the order they are tried.
_ITEM_SUBSTITUTES: Final = _guarded(*vocab.ITEM_SUBSTITUTE, _ITEM_SUBSTITUTE)
_MEETING_SUBSTITUTES: Final = _guarded(*vocab.MEETING_SUBSTITUTE)
_ITEM_ABSENTEES: Final = _guarded(*vocab.ITEM_ABSENT, _ITEM_ABSENT)
_MEETING_PRESENT: Final = _guarded(*vocab.MEETING_PRESENT)
_MEETING_ABSENTEES: Final = _guarded(*vocab.MEETING_ABSENT, *_MEETING_ABSENT_EXTRA)


# What attendance_line can start with when no names are expected: "I…"/"A…" and the
# first characters of vocab.ITEM_LINE_START ("" too: an empty text passes its test).
_ATTENDANCE_LINE_FIRST: Final = frozenset({"", *"IiAa", *vocab.ITEM_LINE_FIRST})
# The absence-line patterns a line can match, by its first character, in the order tried:
# "Ikke til stede: X", "Afbud: X", "Fraværende: X" / "Fraværende med afbud: X".
_ITEM_LINES: Final = ((_ITEM_ABSENT_LINE, "item"),)
_MEETING_LINES: Final = ((_MEETING_ABSENT_LINE, "meeting"),)
_ABSENT_LINES: Final = {
    "I": _ITEM_LINES,
    "i": _ITEM_LINES,
    "A": _MEETING_LINES,
    "a": _MEETING_LINES,
    "F": _ITEM_LINES + _MEETING_LINES,
    "f": _ITEM_LINES + _MEETING_LINES,
}


def _line_text(block: RawBlock) -> str:
    """A one-line paragraph's or heading's text (list marker off), else ""."""
    inner = block.block
    if len(block.lines) != 1:
        return ""
    if isinstance(inner, Paragraph | Heading):
        return inner.text
    if isinstance(inner, BulletList) and len(inner.items) == 1 and not inner.items[0].children:
        return ""
    return ""


class _ItemReader:
    def __init__(self, heading: ItemHeading, said: SaidAtMeeting) -> None:
        self.heading = heading
        self.said = said
        self.case_number: str | None = None
        self.closed = heading.closed
        self.sections: list[tuple[str, SectionKind, list[Block]]] = []
        self.absent: list[str] = []
        self.substitutes: list[str] = []
        self.names_follow: str | None = None  # "Fraværende:" alone: the names may come next
        self.preamble = True
        self.first = False
        self.case_label = False  # a case-number label alone: its value follows
        # Whether a heading of a kind ("Sagsfremstilling") has opened a section: below one,
        # "Sygefravær:" is a label inside it, not a section of its own.
        self.known_heading = False

    def metadata(self, text: str) -> bool:
        """Case-number, Dok.nr., Initialer, Åbent/Lukket lines before the first section."""
        found = cues.case_line(text)
        if found is None:
            # A letter template's side column under the title ("Dato: 04-03-2024",
            # "Sagsbehandler: …") and the item's lettered group: not the item's text.
            return _LETTER_FIELD.match(text) is not None or _GROUP_LABEL.match(text) is not None
        if found.case_number and self.case_number is None:
            self.case_number = clean_inline(found.case_number)
        if found.closed:
            self.closed = True
        return True

    def _metadata_lines(self, block: RawBlock) -> bool:
        """ "A. Sager til afgørelse i byrådet" / "Åbent - 01.02.05-P16-14-17": a paragraph
        under the heading whose every line is item metadata or the item's group."""
        lines = [clean_inline(line) for line in block.lines]
        return all([self.metadata(line) for line in lines])

    def absentees(self, kind: str, texts: list[str]) -> None:
        """Names from an absence list; "(suppleant X deltager i stedet)" names a substitute."""
        meeting = kind == "meeting" or self.first
        for text in texts:
            note = cues.SUBSTITUTE_NOTE.search(text)
            if note:
                (self.said.substitutes if meeting else self.substitutes).append(
                    cues.clean_name(note["name"])
                )
                text = cues.SUBSTITUTE_NOTE.sub("", text)
            (self.said.absent if meeting else self.absent).extend(_names(text))

    def attendance_list(self, block: BulletList) -> bool:
        """A list of names right below "Afbud"/"Fraværende"."""
        kind, self.names_follow = self.names_follow, None
        texts = [item.text for item in block.items]
        if kind is None or any(item.children for item in block.items):
            return False
        if not all(cues.looks_like_name(t) for t in texts):
            return False
        self.absentees(kind, texts)
        return True

    def attendance_line(self, text: str) -> bool:
        """ "Fraværende: X", "Ikke til stede: X", "Afbud fra: X": names, removed from the text."""
        if self.names_follow is not None:
            kind, self.names_follow = self.names_follow, None
            if kind == "partial":
                # "Jonas Ibsen til kl. 19.10 i punkt 3": away for part of the meeting.
                if _PART_OF_MEETING.match(text):
                    self.names_follow = kind
                    return True
            else:
                parts = split_names(text)
                called = [p for p in parts if _CALLED_IN.search(p)]
                people = [p for p in parts if not _CALLED_IN.search(p)]
                if (
                    people
                    and all(cues.looks_like_name(n) for n in people)
                    and all(cues.looks_like_name(_CALLED_IN.sub("", p)) for p in called)
                ):
                    # "Karin Bøg, Lasse Rye indkaldt": the second came in her place.
                    self.absentees("meeting" if self.first else kind, [", ".join(people)])
                    meeting = kind == "meeting" or self.first
                    target = self.said.substitutes if meeting else self.substitutes
                    target.extend(_CALLED_IN.sub("", p).strip() for p in called)
                    self.names_follow = kind  # the list may go on, one group a line
                    return True
        first = text[:1]
        if first not in "IiAa" and (
            first not in vocab.ITEM_LINE_FIRST or not vocab.ITEM_LINE_START.match(text)
        ):
            return False
        # Past that test, "I…"/"A…" lines can only be "Ikke til stede: …"/"Afbud: …" and the
        # others start with "Fraværende" or "Suppleanter": only their patterns are tried.
        headed = _ABSENCE_HEADING.match(text) if first in "fF" else None
        if headed is not None:
            # "Fraværende med afbud:", "Fraværende uden afbud:", "Fraværende i mødet:"
            self.names_follow = "partial" if headed["part"] else "meeting"
            if headed["names"] and not headed["part"]:
                self.names_follow = None
                self.absentees("meeting", [headed["names"]])
            return True
        for pattern, kind in _ABSENT_LINES.get(first, ()):
            match = pattern.match(text)
            if match is None:
                continue
            names = match["names"]
            came = _CAME_INSTEAD.search(names) if names else None
            substitutes = _names(came["names"]) if came else []
            if came is not None:
                names = names[: came.start()]  # "X (V) - Y (V) mødte som stedfortræder."
            if not names:
                self.names_follow = kind
            elif not _NONE.match(names):
                if not all(cues.looks_like_name(n) for n in split_names(names)):
                    return False
                if kind == "item":
                    self.absent.extend(_names(names))
                    self.substitutes.extend(substitutes)
                else:
                    self.said.absent.extend(_names(names))
                    self.said.substitutes.extend(substitutes)
            return True
        line_subs = vocab.ITEM_SUBSTITUTE_LINE.match(text) if first in "sSſ" else None
        if line_subs:
            self.substitutes.extend(_names(line_subs["names"]))
            return True
        return False

    def add(self, block: RawBlock) -> None:
        inner = block.block
        # The paragraph's text (None for other blocks), and ``text`` as _line_text gives it.
        if isinstance(inner, Paragraph):
            paragraph_text: str | None = inner.text
            text = paragraph_text if len(block.lines) == 1 else ""
        else:
            paragraph_text = None
            text = inner.text if isinstance(inner, Heading) and len(block.lines) == 1 else ""
        if self.case_label:
            self.case_label = False
            if text and _CASE_VALUE.match(text):
                self.case_number = self.case_number or text.strip()
                return
        if text and _CASE_LABEL_ALONE.match(text):
            self.case_label = True  # "JOURNALNUMMER" / "11000214": the value on the next line
            return
        if self.preamble:
            if text and clean_inline(text) == self.heading.title:
                return  # the title printed again under the heading
            if text and self.heading.title[-1:] == "-" and _WRAPPED_TITLE_END.match(text):
                # "MØDEPLAN 2011 FOR … REGIONSRÅ-" / "DET": a title wrapped by the export.
                title = self.heading.title[:-1] + clean_inline(text)
                self.heading = dataclasses.replace(self.heading, title=title)
                return
            if text and self.metadata(text):
                return
            if paragraph_text is not None and len(block.lines) > 1 and self._metadata_lines(block):
                return
        if (
            isinstance(inner, BulletList)
            and self.names_follow is not None
            and self.attendance_list(inner)
        ):
            return
        if text and paragraph_text is not None and ":" in text[:42] and self.inline_section(text):
            return
        if (
            paragraph_text is not None
            and len(paragraph_text) < 140
            and (
                (
                    ("indstiller" in paragraph_text or "foreslår" in paragraph_text)
                    and cues.LEAD_ONLY.match(paragraph_text)
                )
                or (paragraph_text[:3] in ("Det", "det") and _PASSIVE_LEAD.match(paragraph_text))
            )
            and not (self.sections and self.sections[-1][1] == SectionKind.RECOMMENDATION)
        ):
            # "Forvaltningen foreslår:" with its clauses below starts a recommendation.
            self.preamble = False
            self.sections.append(("", SectionKind.RECOMMENDATION, [inner]))
            return
        if text:
            # heading_kind's own first test, inline: most one-line paragraphs are long prose.
            kind = self.said.heading_kind(text) if len(text) <= 160 else None
            if kind is not None:
                self.known_heading = self.known_heading or kind != SectionKind.OTHER
            elif (
                (not self.sections and block.explicit_heading)
                or (not self.known_heading and text[-1:] == ":" and cues.unknown_heading(text))
                or (text[:1].isupper() and cues.caps_heading(text) and self.said.caps_headings())
            ):
                # An unknown heading where a section must start, or a short "Drøftelse:"
                # line, is a section of its own.
                kind = SectionKind.OTHER
            if kind is not None:
                self.preamble = False
                self.names_follow = None
                self.sections.append((cues.strip_ui(text).strip(), kind, []))
                return
        if paragraph_text is not None and len(block.lines) == 1:
            # attendance_line's first test, inline (without "names may follow", a line
            # whose first character none of its patterns can start with is not one).
            if (
                self.names_follow is not None or paragraph_text[:1] in _ATTENDANCE_LINE_FIRST
            ) and self.attendance_line(paragraph_text):
                return
            # attendance_sentence, with the earlier-treatment test after its word test.
            lowered = paragraph_text.lower()
            if mentions_attendance(lowered) and not self._in_earlier_treatment():
                _attendance_patterns(
                    paragraph_text, lowered, self.said, self.absent, self.substitutes
                )
            if self.said.ended is None:
                self.said.ended = meeting_ended(paragraph_text)
        else:
            self.names_follow = None
            if isinstance(inner, BulletList) and not self._in_earlier_treatment():
                self.sentences_in_list(inner)
        if not self.sections:
            opening = paragraph_text or ""
            kind = (
                SectionKind.RECOMMENDATION
                if cues.RECOMMENDATION_LEAD.match(opening)
                or cues.PASSIVE_RECOMMENDATION.match(opening)
                else SectionKind.OTHER
            )
            self.sections.append(("", kind, []))
        self.preamble = False
        self.sections[-1][2].append(inner)

    def sentences_in_list(self, block: BulletList) -> None:
        """ "1. Afbud. Der var afbud fra X og Y.": attendance sentences in numbered notes."""
        for entry in block.items:
            lowered = entry.text.lower()
            if any(word in lowered for word in vocab.ATTENDANCE_WORDS):
                for sentence in _SENTENCE_SPLIT.split(entry.text):
                    attendance_sentence(sentence, self.said, self.absent, self.substitutes)

    def _in_earlier_treatment(self) -> bool:
        """Under another body's dated decision ("Praksisudvalgets beslutning den 1. marts
        2023:"): who was missing there was not missing here."""
        if not self.sections or self.sections[-1][1] != SectionKind.OTHER:
            return False
        heading = self.sections[-1][0]
        return heading[-1:] == ":" and _YEAR.search(heading) is not None

    def inline_section(self, text: str) -> bool:
        """ "Beslutning: Godkendt.": a known section label with its text on the same line."""
        found = cues.INLINE_SECTION.match(text)
        known = vocab.SECTION_HEADINGS.get(found["label"].strip().casefold()) if found else None
        if found is None or known is None or (known is SectionKind.OTHER and self.sections):
            # "Sagsforløb: BUU" under "Resume" is a line of that section's text; the
            # same kind of label first in an item ("Kompetence: Børne- og Ungeudvalget",
            # right under the heading) opens a section of its own.
            return False
        kind = known
        self.preamble = False
        self.sections.append((f"{found['label'].strip()}:", kind, [Paragraph(found["rest"])]))
        return True

    def item(self) -> AgendaItem:
        return _finish_item(
            self.heading,
            self.case_number,
            self.closed,
            self.sections,
            self.absent,
            self.substitutes,
        )


def read_item(
    heading: ItemHeading,
    body: list[RawBlock],
    said: SaidAtMeeting,
    case_number: str | None = None,
    *,
    first: bool = False,
) -> AgendaItem:
    """Read one item's body; in the ``first`` item a list of absentees is the meeting's."""
    reader = _ItemReader(heading, said)
    reader.first = first
    reader.case_number = case_number
    for block in body:
        reader.add(block)
    return reader.item()


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
