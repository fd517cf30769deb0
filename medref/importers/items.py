"""One agenda item: its heading, case number, sections and attendance lines.

The attendance sentences and what they say for the whole meeting are read in
``said``; the item's raw sections become the model's ``AgendaItem`` in ``item_model``.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from dataclasses import dataclass
from typing import Final

from medref.documents import (
    AgendaItem,
    Block,
    BulletList,
    Heading,
    Paragraph,
    SectionKind,
)

from . import cues
from . import vocabulary as vocab
from .attendance import split_names
from .blocks import RawBlock, clean_inline
from .item_model import finish_item
from .said import (
    SaidAtMeeting,
    attendance_patterns,
    attendance_sentence,
    listed_names,
    meeting_ended,
    mentions_attendance,
)


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


_YEAR = re.compile(r"(?:19|20)\d\d")


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


_SENTENCE_SPLIT = re.compile(r"(?<=[a-zæøå)]\.)\s+(?=[A-ZÆØÅ])")
# "JOURNALNUMMER", "Sagsnr.:" alone on a line, and the value it labels on the next.
_CASE_LABEL_ALONE = re.compile(
    r"^(?:journalnummer|journalnr\.?|j\.\s*nr\.?|sagsnummer|sagsnr\.?|sags\s+nr\.?|sag\s+nr\.?)\s*:?$",
    re.IGNORECASE,
)
_METADATA_FIRST = frozenset("dDøØsS")
_FLOW_HEADINGS = frozenset(
    {"høring og sagsgang", "sagsgang", "sagen behandles i", "forventet sagsgang", "sagsforløb"}
)
# "Opfølgning:", "Ansvarlig:", "Frist:" (the one-word vocab.FOLLOW_UP_FIELDS) wherever
# they stand in a line.
_FOLLOW_UP_LABEL = re.compile(
    r"(?:^|(?<=\s))(?P<label>"
    + "|".join(sorted(f.capitalize() for f in vocab.FOLLOW_UP_FIELDS if " " not in f))
    + "):"
)
_LABEL_AFTER_CASE = re.compile(r"(?<=\d|[a-zæøå])\s+(?=[A-ZÆØÅ][a-zæøå]{3,20}:\s+\S)")
_PROSE = re.compile(r"^.{40,}\.$")
_PARTY_AFTER = re.compile(r"\s\([A-ZÆØÅ]{1,3}\)$")
_ABSENCE_LEAD = re.compile(
    r"^(?:følgende\s+(?:deltog\s+ikke(?:\s+i\s+mødet)?|havde\s+meldt\s+(?:afbud|forfald)"
    r"|var\s+fraværende)|fraværende|afbud(?:\s+fra)?)\s*:$",
    re.IGNORECASE,
)
_ABSENCE_REASON = re.compile(r"\s+(?:på\s+grund\s+af|pga\.?|grundet)\s+.*$", re.IGNORECASE)
_LEFT_AFTER_THIS = re.compile(
    r"^(?P<names>[^.].*?)\s+forlod\s+mødet\s+(?:efter|under)\s+(?:behandlingen\s+af\s+)?"
    r"(?:dette\s+punkt|punktet|denne\s+sag|sagen)\.?$",
    re.IGNORECASE,
)
# "Fravær og stedfortræder: Mette Skov (V) fraværende. …": a label before the sentences.
_ATTENDANCE_LABEL = re.compile(
    r"^(?:fravær|afbud|deltagelse|fremmøde|tilstedeværelse)[^:.]{0,30}:\s*", re.IGNORECASE
)
_CASE_VALUE = re.compile(r"^[A-ZÆØÅ]{0,4}[-\s]?\d[\w./-]{2,30}$")
# The end of a title wrapped after a hyphen: one short line, no full stop.
_WRAPPED_TITLE_END = re.compile(r"^[A-ZÆØÅa-zæøå][^.:]{0,60}$")
_LETTER_FIELD = re.compile(
    r"^(?:dato|sagsbehandler|direkte\s+(?:tlf|telefon)|tlf|telefon|e-?mail|mail)\.?\s*:\s*\S",
    re.IGNORECASE,
)
# "Det indstilles," alone, its "at …" clauses below.
_PASSIVE_LEAD = re.compile(r"^det\s+indstilles\s*[,:]?\s*(?:at\s*:?)?$", re.IGNORECASE)
_ABSENCE_HEADING = re.compile(
    r"^fraværende\s+(?:(?:med|uden)\s+afbud|(?P<part>i\s+mødet|under\s+mødet)"
    # "Fraværende i Børne- og Uddannelsesudvalget - 3. oktober 2023:": the body's meeting
    r"|(?P<dated>i\s+[A-ZÆØÅ][^:]{2,80}\d{4}))\s*:\s*(?P<names>.*?)\s*$",
    re.IGNORECASE,
)
_CALLED_IN = re.compile(r"\s+(?:indkaldt|deltog(?:\s+i\s+stedet)?)\s*$", re.IGNORECASE)
_PART_OF_MEETING = re.compile(
    r"^[A-ZÆØÅ][\w'-]+(?:\s+[A-ZÆØÅ][\w'-]+)+\s+(?:til|fra|efter|indtil)\s+kl\.", re.IGNORECASE
)


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
        # Names an absence note gave the meeting only because this is the first item.
        self.routed: list[str] = []
        self.case_label = False  # a case-number label alone: its value follows
        # Whether a heading of a kind ("Sagsfremstilling") has opened a section: below one,
        # "Sygefravær:" is a label inside it, not a section of its own.
        self.known_heading = False

    def metadata(self, text: str) -> bool:
        """Case-number, Dok.nr., Initialer, Åbent/Lukket lines before the first section."""
        found = cues.case_line(text)
        if found is None and (label := _LABEL_AFTER_CASE.search(text)) is not None:
            # "00.01.00 A00 16/211 Åben sag Sagsgang: OU": the case line, then a field.
            head = text[: label.start()]
            found = cues.case_line(head)
            if found is not None and not self.inline_section(text[label.end() :]):
                found = None
        if found is None:
            # A letter template's side column under the title ("Dato: 04-03-2024",
            # "Sagsbehandler: …") and the item's lettered group: not the item's text.
            return _LETTER_FIELD.match(text) is not None or cues.GROUP_LABEL.match(text) is not None
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
            names = listed_names(text)
            (self.said.absent if meeting else self.absent).extend(names)
            if meeting and kind != "meeting":
                self.routed.extend(names)

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
                    self.absentees(kind, [", ".join(people)])
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
            # "Fraværende i <udvalg> - <dato>:" under an item: who was away from this item.
            whole = "item" if headed["dated"] else "meeting"
            self.names_follow = "partial" if headed["part"] else whole
            if headed["names"] and not headed["part"]:
                self.names_follow = None
                self.absentees(whole, [headed["names"]])
            return True
        for pattern, kind in _ABSENT_LINES.get(first, ()):
            match = pattern.match(text)
            if match is None:
                continue
            names = match["names"]
            came = _CAME_INSTEAD.search(names) if names else None
            substitutes = listed_names(came["names"]) if came else []
            if came is not None:
                names = names[: came.start()]  # "X (V) - Y (V) mødte som stedfortræder."
            if not names:
                self.names_follow = kind
            elif not _NONE.match(names):
                if not all(cues.looks_like_name(n) for n in split_names(names)):
                    return False
                if kind == "item" or not self.first:
                    # "Afbud: X" under a later item's decision is that item's (the meeting's
                    # too when it stands under every open item: absent_throughout).
                    self.absent.extend(listed_names(names))
                    self.substitutes.extend(substitutes)
                else:
                    self.said.absent.extend(listed_names(names))
                    self.said.substitutes.extend(substitutes)
                    self.routed.extend(listed_names(names))
            return True
        line_subs = vocab.ITEM_SUBSTITUTE_LINE.match(text) if first in "sSſ" else None
        if line_subs:
            self.substitutes.extend(listed_names(line_subs["names"]))
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
            if text and text[-1:] == ")" and self._absent_names_line(text):
                return
            if paragraph_text is not None and len(block.lines) > 1 and self._metadata_lines(block):
                return
        elif (
            text
            and text[:1] in _METADATA_FIRST
            and vocab.ITEM_METADATA.match(text)
            and all(not heading for heading, _, _ in self.sections)
        ):
            return  # "Øvrige sagsbehandlere: …" under a case-flow table, before any heading
        if (
            isinstance(inner, BulletList)
            and self.names_follow is not None
            and self.attendance_list(inner)
        ):
            return
        # "Beslutning: Godkendt." (also wrapped onto more lines: "Indstilling: X indstiller,
        # at …" / "… handleplanen.")
        if paragraph_text is not None and ":" in paragraph_text[:42]:
            if self._follow_up_fields(block.lines):
                return
            if self.inline_section(text or paragraph_text):
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
        ) or (
            # "Direktionen indstiller, at …" right under the bilag list: no bilag title.
            paragraph_text is not None
            and self.sections
            and self.sections[-1][1] == SectionKind.ATTACHMENTS
            and "indstiller" in paragraph_text
            and (lead := cues.RECOMMENDATION_LEAD.match(paragraph_text)) is not None
            and vocab.RECOMMENDATION_CLAUSE.match(lead["rest"]) is not None
        ):
            # "Forvaltningen foreslår:" with its clauses below starts a recommendation.
            self.preamble = False
            self.sections.append(("", SectionKind.RECOMMENDATION, [inner]))
            return
        if (
            text
            and text[:1] in "fF"
            and paragraph_text is not None
            and _ABSENCE_HEADING.match(text)
            and self.attendance_line(paragraph_text)
        ):
            return  # "Fraværende i Børne- og Uddannelsesudvalget - 3. oktober 2023:"
        if text and not block.cell:
            # heading_kind's own first test, inline: most one-line paragraphs are long prose.
            kind = self.said.heading_kind(text) if len(text) <= 160 else None
            if (
                kind is not None
                and self.sections
                and not self.sections[-1][2]
                and self.sections[-1][0].rstrip(":").casefold() in _FLOW_HEADINGS
                and text[-1:].isdigit()
            ):
                # "Høring og sagsgang" / "Børne- og Uddannelsesudvalget den 3. oktober
                # 2023": the bodies the case goes through, the section's text.
                kind = None
            if (
                kind == SectionKind.OTHER
                and text[-1:] == ":"
                and not block.explicit_heading
                and self.sections
                and self.said.levels_are_structure
            ):
                # "Tidsplan:" as a paragraph on a page that marks its section headings
                # (h4): a line of the section's text, not a heading.
                kind = None
            elif kind is not None:
                self.known_heading = self.known_heading or kind != SectionKind.OTHER
            elif (
                (
                    block.explicit_heading
                    and (
                        not self.sections
                        or (block.level and block.level == self.said.section_level())
                    )
                )
                or (
                    not self.known_heading
                    and text[-1:] == ":"
                    # (right under a heading: "Sagstema" / "Meddelelser fra:" is its text)
                    and not (self.sections and self.sections[-1][0] and not self.sections[-1][2])
                    and cues.unknown_heading(text)
                )
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
            if self._attendance_sentences(paragraph_text):
                return
            if self.said.ended is None:
                self.said.ended = meeting_ended(paragraph_text)
        else:
            self.names_follow = None
            if isinstance(inner, BulletList) and not self._in_earlier_treatment():
                self.sentences_in_list(inner)
            elif paragraph_text is not None and not self._absence_lines(block.lines):
                # A paragraph wrapped over lines ("Niels Overby (A) var indkaldt som" /
                # "stedfortræder, …"): its sentences are read over the wrap.
                self._attendance_sentences(" ".join(paragraph_text.split()))
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

    def _follow_up_fields(self, lines: tuple[str, ...]) -> bool:
        """ "Opfølgning: …" / "Ansvarlig: JF" / "Frist: Uge 17" under the decision as one
        paragraph (lines broken by hand, or run into one line): a section each, as on lines
        of their own."""
        if not self.sections or self.sections[-1][1] != SectionKind.DECISION:
            return False
        if not _FOLLOW_UP_LABEL.match(lines[0].lstrip("*")):
            return False  # (most labelled paragraphs: one regex test, no join)
        text = clean_inline(" ".join(lines).replace("*", ""))
        labels = list(_FOLLOW_UP_LABEL.finditer(text))
        if len(labels) < 2 or labels[0].start() != 0:
            return False
        for here, after in itertools.zip_longest(labels, labels[1:]):
            value = text[here.end() : after.start() if after else len(text)].strip()
            heading = f"{here['label']}:"
            self.sections.append((heading, SectionKind.OTHER, [Paragraph(value)]))
        return True

    def _absent_names_line(self, text: str) -> bool:
        """ "Henrik Dyhr (O), Anja Lauesen (Ø)" alone under the heading, no label: the
        members away from this item, as a portal prints them (each with a party)."""
        names = split_names(text)
        if len(names) < 2 or not all(
            _PARTY_AFTER.search(n) and len(n.split()) >= 3 and cues.looks_like_name(n)
            for n in names
        ):
            return False  # ("Formanden (A)" alone is a line of text; two full names are a list)
        self.absent.extend(listed_names(text))
        return True

    def _absence_lines(self, lines: tuple[str, ...]) -> bool:
        """ "Følgende deltog ikke i mødet:" / "- Bodil Ravn (FOA) på grund af sygdom" / "-
        Jesper Lund (DSR)": a paragraph that names the absent a line each (kept as text)."""
        if len(lines) < 2 or not _ABSENCE_LEAD.match(lines[0].strip()):
            return False
        names = [
            _ABSENCE_REASON.sub("", cues.strip_list_marker(line)).strip() for line in lines[1:]
        ]
        if not all(cues.looks_like_name(name) for name in names):
            return False
        found = [n for name in names for n in listed_names(name)]
        (self.said.absent if self.first else self.absent).extend(found)
        if self.first:
            self.routed.extend(found)
        return True

    def _attendance_sentences(self, paragraph_text: str) -> bool:
        """Attendance sentences in a paragraph; True when it is an attendance line to take
        out of the text ("Fravær og stedfortræder: …")."""
        lowered = paragraph_text.lower()
        if not mentions_attendance(lowered) or self._in_earlier_treatment():
            return False
        here: list[str] = [] if self.first else self.absent
        # "Indstillingen blev godkendt. Camilla Nørby deltog ikke under dette punkt.":
        # each sentence is read on its own (the patterns hold from its start).
        unlabelled = _ATTENDANCE_LABEL.sub("", paragraph_text)
        sentences = _SENTENCE_SPLIT.split(unlabelled)
        found = len(self.absent) + len(self.substitutes) + len(self.said.absent)
        subs_before, absent_before = len(self.said.substitutes), len(self.said.absent)
        for sentence in sentences:
            attendance_patterns(
                sentence,
                sentence.lower() if len(sentences) > 1 else lowered,
                self.said,
                self.absent,
                self.substitutes,
                here,
            )
        left = _LEFT_AFTER_THIS.match(paragraph_text) if "forlod" in lowered else None
        if left is not None:
            # "Mia Falk forlod mødet efter dette punkt.": away from the next item on.
            names = listed_names(left["names"])
            self.said.absent_from_item_on.append((names, self.heading.number + 1))
        if len(self.said.substitutes) > subs_before and "mødet" not in lowered:
            self.said.substitutions_by_item.append(
                (
                    self.heading.number,
                    tuple(self.said.substitutes[subs_before:]),
                    tuple(self.said.absent[absent_before:]),
                )
            )
        if self.first and here:
            self.said.absent.extend(here)  # "X var fraværende." in the first item
            self.routed.extend(here)
        # "Fravær og stedfortræder: …": an attendance line, read out of the text.
        read = len(self.absent) + len(self.substitutes) + len(self.said.absent)
        return unlabelled != paragraph_text and found < read

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
        if _YEAR.search(heading) is None:
            return False
        # "… den 1. marts 2023:", or the date first: "03-05-2021 Magistraten".
        return heading[-1:] == ":" or (
            heading[:1].isdigit() and cues.dated_body(heading) is not None
        )

    def inline_section(self, text: str) -> bool:
        """ "Beslutning: Godkendt.": a known section label with its text on the same line."""
        found = cues.INLINE_SECTION.match(text)
        label = found["label"].strip().casefold() if found else ""
        known = vocab.SECTION_HEADINGS.get(label) if found else None
        if (
            found is not None
            and label in vocab.FOLLOW_UP_FIELDS
            and self.sections
            and (
                self.sections[-1][1] == SectionKind.DECISION
                or self.sections[-1][0].rstrip(":").casefold() in vocab.FOLLOW_UP_FIELDS
            )
        ):
            # "Referat: … / Ansvarlig: MK": who follows up the decision, not its text.
            known = SectionKind.OTHER
        elif (
            found is None
            or known is None
            or (
                known is SectionKind.OTHER
                and self.sections
                # (Under an untitled opening, "Til drøftelse v/ …" / "Baggrund: <a sentence
                # or more>" opens a section; "Ansvarlig: Lone Bech" is a field of the text.)
                and (self.sections[-1][0] != "" or not _PROSE.match(found["rest"]))
            )
        ):
            # "Sagsforløb: BUU" under "Resume" is a line of that section's text; the
            # same kind of label first in an item ("Kompetence: Børne- og Ungeudvalget",
            # right under the heading) opens a section of its own.
            return False
        kind = known
        self.preamble = False
        heading = f"{found['label'].strip()}:"
        last = self.sections[-1] if self.sections else None
        if kind == SectionKind.ATTACHMENTS and last is not None and last[:2] == (heading, kind):
            last[2].append(Paragraph(found["rest"]))  # "Bilag: A" / "Bilag: B": one list
            return True
        self.sections.append((heading, kind, [Paragraph(found["rest"])]))
        return True

    def item(self) -> AgendaItem:
        return finish_item(
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
    routed: list[str] | None = None,
) -> AgendaItem:
    """Read one item's body; in the ``first`` item a list of absentees is the meeting's
    (and its names are added to ``routed``: they may be that item's too)."""
    reader = _ItemReader(heading, said)
    reader.first = first
    reader.case_number = case_number
    for block in body:
        reader.add(block)
    if routed is not None:
        routed.extend(reader.routed)
    return reader.item()
