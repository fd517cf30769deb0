"""What the minutes say about the whole meeting while its items are read.

Attendance is written as sentences anywhere in the minutes ("X deltog ikke i
behandlingen af punkt 6", "Der var afbud fra X og Y", "X forlod mødet efter
pkt. 3", "Mødet sluttede kl. 16.30"). ``SaidAtMeeting`` collects what they say
for the whole meeting, and carries the document facts every item's reading
shares (the committee, whether headings are printed in capitals). The
patterns are tried only on sentences holding their words (``required_words``).
"""

from __future__ import annotations

import datetime as dt
import importlib
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from medref.documents import Heading, Paragraph, SectionKind

from . import cues
from . import vocabulary as vocab
from .attendance import split_names
from .blocks import RawBlock

# How long a line SaidAtMeeting.heading_kind remembers can be: a heading's, not prose.
_REPEATED_LINE: Final = 60


@dataclass
class SaidAtMeeting:
    """Attendance sentences found in item bodies that concern the whole meeting, and the
    document facts the reading of every item shares (committee, headings in capitals)."""

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
    _section_level: int | None = field(default=None, repr=False)
    # Whether the heading levels follow the items (structure._levels_are_structure).
    levels_are_structure: bool = False
    # (item number, substitutes, absent) of "X deltog som suppleant for Y" in an item: the
    # meeting's, and each item's too when every open item notes the same.
    substitutions_by_item: list[tuple[int, tuple[str, ...], tuple[str, ...]]] = field(
        default_factory=list
    )

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

    def section_level(self) -> int:
        """The heading level a page's template gives its known section headings (h3 for
        "Resumé", "Beslutning"); 0 when it gives none. A heading of that level is a
        section of the item even when the vocabulary does not know it ("Sagen behandles
        i"). Looked up once, on first need."""
        if self._section_level is None and not self.levels_are_structure:
            self._section_level = 0
        if self._section_level is None:
            levels = Counter(
                block.level
                for block in self.item_blocks
                if block.level and cues.heading_kind(block.text) is not None
            )
            common = levels.most_common(1)
            self._section_level = common[0][0] if common and common[0][1] >= 2 else 0
        return self._section_level


def _writes_caps_headings(blocks: Sequence[RawBlock]) -> bool:
    for block in blocks:
        inner = block.block
        if isinstance(inner, (Paragraph, Heading)) and len(block.lines) == 1:
            text = inner.text
            if len(text) <= 60 and text.isupper() and cues.heading_kind(text) is not None:
                return True
    return False


_MEETING_ENDED = re.compile(
    r"^mødet\s+(?:begyndte\s+(?:kl\.?\s*)?\d{1,2}[.:]\d{2}\s+og\s+)?"
    r"(?:sluttede|slut|blev\s+hævet|hævet|hævedes|afsluttedes|sluttede\s+igen)\s+"
    r"(?:kl\.?|klokken)\s*(?P<h>\d{1,2})[.:](?P<m>\d{2})\.?$",
    re.IGNORECASE,
)


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


def listed_names(text: str) -> list[str]:
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
    # "deltog for Per Holst": "for" and a name (not "for første gang").
    r"stedfortræder)\s+for|i\s+stedet\s+for|for(?=\s+(?-i:[A-ZÆØÅ])))\s+(?P<absent>.+?)\.?$",
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
        attendance_patterns(text, lowered, said, absent, substitutes)


def mentions_attendance(lowered: str) -> bool:
    """Whether a lower-cased sentence holds a word of attendance: only then are the
    attendance patterns tried (most paragraphs hold none)."""
    # A loop, not any() over a generator: this runs on every paragraph.
    for word in vocab.ATTENDANCE_SENTENCE_WORDS:  # noqa: SIM110
        if word in lowered:
            return True
    return False


def attendance_patterns(
    text: str,
    lowered: str,
    said: SaidAtMeeting,
    absent: list[str],
    substitutes: list[str],
    absent_here: list[str] | None = None,
) -> None:
    """attendance_sentence after its word test: ``lowered`` is ``text.lower()``;
    ``absent_here`` takes "X var fraværende." (the meeting's list when not given)."""
    # Each pattern is tried only when the text holds its words (``required_words``).
    named = _first_match(_NAMED_ABSENT, text, lowered)
    if named:
        said.absent_from_items.append(
            (listed_names(named["names"]), item_numbers(named["numbers"]))
        )
        return
    left = _first_match(_LEFT, text, lowered)
    if left:
        # "forlod mødet efter/under pkt. 3": away from item 4; "før pkt. 3": from item 3.
        after = left["when"].lower() in ("efter", "under")
        said.absent_from_item_on.append((listed_names(left["names"]), int(left["number"]) + after))
        return
    but = _first_match(_ALL_BUT, text, lowered)
    if but:
        said.absent.extend(listed_names(but["names"]))
        return
    both = _first_match(_BOTH, text, lowered)
    if both:
        said.absent.extend(listed_names(both["names"]))
        said.substitutes.extend(listed_names(both["sub"]))
        return
    instead = _first_match(_INSTEAD, text, lowered) or _first_match(_INSTEAD_FIRST, text, lowered)
    if instead:
        said.substitutes.extend(listed_names(instead["names"]))
        said.absent.extend(listed_names(instead["absent"]))
        return
    targets = (
        (_ITEM_SUBSTITUTES, substitutes),
        (_MEETING_SUBSTITUTES, said.substitutes),
        (_ITEM_ABSENTEES, absent),
        (_MEETING_PRESENT, said.present),
        (_ABSENT_HERE, said.absent if absent_here is None else absent_here),
        (_MEETING_ABSENTEES, said.absent),
    )
    for patterns, names in targets:
        match = _first_match(patterns, text, lowered)
        if match:
            names.extend(listed_names(match["names"]))
            return


_NAMED_ABSENT: Final = _guarded(vocab.NAMED_ITEMS_ABSENT, _ITEMS_ABSENT)


_LEFT: Final = _guarded(
    re.compile(
        rf"^{_NAMES}\s+forlod\s+mødet\s+(?:kl\.?\s*\d{{1,2}}[.:]\d{{2}}\s+)?(?P<when>efter|under|før|inden)"
        r"\s+(?:behandlingen\s+af\s+)?(?:punkt|pkt\.?|sag)\s*(?:nr\.?\s*)?(?P<number>\d{1,4})"
        r"(?:\s+kl\.?\s*\d{1,2}[.:]\d{2})?\.?$",
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


_ABSENT_HERE: Final = _guarded(*vocab.ABSENT_HERE)


_MEETING_ABSENTEES: Final = _guarded(*vocab.MEETING_ABSENT, *_MEETING_ABSENT_EXTRA)
