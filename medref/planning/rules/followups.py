"""Follow-ups promised in decision text, found by a small Danish phrase grammar.

A sentence is proposed as a follow-up when it says that the committee will
take something up again (a *cue*: "sættes på", "tages op", "behandles",
"drøftes", "kigge på", "følges op", "evalueres", "forelægges", "udskudt til",
"vende tilbage til", "på dagsordenen", …, or a future passive such as "vil
blive taget op") and not in the negative ("sættes ikke på igen"), and says
when: a *time* ("i januar", "til marts 2026", "i 2. kvartal", "efter
sommerferien", "om et halvt år", "på det første møde i det nye år", "i uge
34", "den 12. januar") or a coming meeting ("på næste møde", "på et af de
kommende møder"), or at least "igen"/"senere". A sentence without a cue is
never proposed, whatever dates it names ("Referatet fra mødet den 9. december
2025 blev godkendt"), and a cue without a time or "igen" is not either
("Orienteringen blev taget til efterretning", "Udkastet gennemgås på mødet").

Times are read relative to the meeting's date: a month without a year that
lies earlier in the year than the meeting means next year's; a period (a
quarter, a season, a year) that has begun is due in the meeting's month;
a time that lies wholly before the meeting is not a due date at all. So a
due month is never before the meeting's month. Of several times, the
earliest is the due month ("på møderne i 2. og 4. kvartal" → 2. kvartal),
and a named time wins over "på næste møde".

A condition ("hvis der opstår noget i forbindelse med APV'en") is kept apart
from the text, without the time at its end, which is the due month.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from medref.documents.inline import strip_inline
from medref.documents.model import (
    BulletList,
    ListItem,
    MeetingDocument,
    Paragraph,
    SectionKind,
)

from .months import MONTH_NAMES, Month, quarter_start

NEXT = "next"


@dataclass(frozen=True, slots=True)
class Proposal:
    """One promise found in a sentence.

    ``due`` is the first month it can be taken up, or None for the next
    meeting or an unspecified coming one (``due_code`` "next").
    """

    text: str
    due: Month | None
    condition: str | None = None

    @property
    def due_code(self) -> str:
        return NEXT if self.due is None else self.due.code


@dataclass(frozen=True, slots=True)
class ItemProposal:
    """A proposal from one agenda item of a document."""

    item: int
    proposal: Proposal

    def to_contract(self) -> dict[str, object]:
        """The ``medref followups --json`` shape of one follow-up."""
        return {
            "item": self.item,
            "due": self.proposal.due_code,
            "text": self.proposal.text,
            "condition": self.proposal.condition,
        }


# --- sentences ----------------------------------------------------------------

# Words whose trailing dot does not end a sentence.
_ABBREVIATIONS = frozenset(
    [
        "bl.a",
        "f.eks",
        "fx",
        "ca",
        "mv",
        "m.v",
        "evt",
        "jf",
        "inkl",
        "ekskl",
        "pkt",
        "nr",
        "kl",
        "d",
        "vedr",
        "ift",
        "i.f.t",
        "jvf",
        "dvs",
        "mht",
        "m.h.t",
        "hhv",
        "bl.a.",
        "st",
        "tlf",
        "gl",
    ]
)
_SENTENCE_END = re.compile(r"[.!?]+[\"”’)]*\s+(?=[\"“(]?[A-ZÆØÅ])")


def sentences(text: str) -> list[str]:
    """The sentences of ``text``: each line split at ". " before a capital letter,
    except after a known abbreviation ("bl.a.", "f.eks.", "d.")."""
    out: list[str] = []
    for line in text.splitlines():
        start = 0
        for match in _SENTENCE_END.finditer(line):
            before = line[start : match.start()].rsplit(None, 1)
            word = before[-1].lower() if before else ""
            if word in _ABBREVIATIONS or word.rstrip(".") in _ABBREVIATIONS:
                continue
            piece = line[start : match.end()].strip()
            if piece:
                out.append(piece)
            start = match.end()
        piece = line[start:].strip()
        if piece:
            out.append(piece)
    return out


# --- times ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Floating:
    """A period given without a year: months ``first`` to ``first + length - 1``."""

    first: int
    length: int = 1


@dataclass(frozen=True, slots=True)
class _Span:
    """A period with its year(s)."""

    start: Month
    end: Month


class _Next:
    """The next meeting, or an unspecified coming one."""


_NEXT = _Next()
_Time = _Floating | _Span | _Next


def _resolve(time: _Floating | _Span, meeting: Month) -> Month | None:
    """The first month of ``time`` not before the meeting; None when it has passed."""
    if isinstance(time, _Floating):
        for year in (meeting.year - 1, meeting.year, meeting.year + 1):
            start = Month(year, time.first)
            end = start.plus(time.length - 1)
            if end >= meeting:
                return max(start, meeting)
        return None  # pragma: no cover - next year's always ends after the meeting
    if time.end < meeting:
        return None
    return max(time.start, meeting)


_MONTH_RE = "|".join(MONTH_NAMES)
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_NUMBER_WORDS = {
    "en": 1,
    "et": 1,
    "én": 1,
    "ét": 1,
    "to": 2,
    "tre": 3,
    "fire": 4,
    "fem": 5,
    "seks": 6,
    "syv": 7,
    "otte": 8,
    "ni": 9,
    "ti": 10,
    "tolv": 12,
    "et par": 2,
}
_ORDINALS = {
    "første": 1,
    "1ste": 1,
    "andet": 2,
    "anden": 2,
    "2den": 2,
    "tredje": 3,
    "3die": 3,
    "fjerde": 4,
    "4de": 4,
}
_ORDINAL_RE = r"(?:[1-4]\.|første|1ste|andet|anden|2den|tredje|3die|fjerde|4de)"
# A preposition in front of a time, taken into the match so that a condition
# loses "i foråret 2026", not just "foråret 2026".
_PREP = (
    r"(?:(?:i\s+løbet\s+af|i\s+starten\s+af|i\s+slutningen\s+af|først\s+i|sidst\s+i|"
    r"midt\s+i|senest\s+i|inden|senest|primo|medio|ultimo|til|i|på|fra|efter|omkring)\s+)?"
)
_SEASONS = {
    "forår": (3, 3),
    "sommer": (6, 3),
    "efterår": (9, 3),
    "vinter": (12, 3),
}
# Fixed points of the year: the first month one can take something up after them.
_MARKERS = {
    "efter sommerferien": 8,
    "efter sommerferie": 8,
    "efter sommer": 8,
    "efter sommeren": 8,
    "før sommerferien": 6,
    "inden sommerferien": 6,
    "før sommer": 6,
    "før sommeren": 6,
    "inden sommer": 6,
    "inden sommeren": 6,
    "efter efterårsferien": 10,
    "efter vinterferien": 2,
    "efter påske": 4,
    "efter påsken": 4,
    "før jul": 12,
    "inden jul": 12,
    "før årsskiftet": 12,
    "inden årsskiftet": 12,
    "inden årets udgang": 12,
    "efter jul": 1,
    "efter nytår": 1,
    "efter årsskiftet": 1,
    "efter jul og nytår": 1,
    "over nytår": 1,
    "til nytår": 1,
}
_WEEK_MONTH_YEAR = 2025  # any year: an ISO week's month barely moves between years


class _Grammar:
    """The time patterns, in priority order; each match masks its characters."""

    def __init__(self) -> None:
        flags = re.IGNORECASE
        self.patterns: list[tuple[re.Pattern[str], Callable[[re.Match[str], Month], _Time]]] = [
            # "den 12. januar 2026", "1. januar", "d. 12/1-2026"
            (
                re.compile(
                    _PREP
                    + r"(?:(?:den|d\.)\s*)?\b(?P<day>\d{1,2})\.\s*(?P<month>"
                    + _MONTH_RE
                    + r")\b(?:\s+"
                    + _YEAR
                    + r")?",
                    flags,
                ),
                self._month,
            ),
            (
                re.compile(
                    _PREP + r"\b(?:den|d\.)\s*(?P<day>\d{1,2})[./](?P<mnum>\d{1,2})"
                    r"(?:[./-](?P<year>(?:20)?\d\d))?\b",
                    flags,
                ),
                self._numeric_date,
            ),
            # "2. og 4. kvartal 2026", "første kvartal", "Q2"
            (
                re.compile(
                    _PREP
                    + r"\b(?P<quarters>"
                    + _ORDINAL_RE
                    + r"(?:\s*(?:,|og|eller)\s*"
                    + _ORDINAL_RE
                    + r")*)\s*kvartal(?:er)?\b(?:\s+"
                    + _YEAR
                    + r")?",
                    flags,
                ),
                self._quarters,
            ),
            (re.compile(_PREP + r"\bQ(?P<q>[1-4])\b(?:\s+" + _YEAR + r")?", flags), self._q),
            (
                re.compile(
                    _PREP
                    + r"\b(?P<half>1\.|2\.|første|andet|anden)\s*halvår\b(?:\s+"
                    + _YEAR
                    + r")?",
                    flags,
                ),
                self._half,
            ),
            # "i næste kvartal", "næste halvår", "næste måned"
            (
                re.compile(
                    _PREP + r"\b(?:næste|kommende)\s+(?P<unit>kvartal|halvår|måned)\b", flags
                ),
                self._next_unit,
            ),
            # "i uge 34", "uge 2 2026"
            (
                re.compile(_PREP + r"\buge\s+(?P<week>\d{1,2})\b(?:\s+" + _YEAR + r")?", flags),
                self._week,
            ),
            # "efter sommerferien", "før jul", "efter nytår"
            (
                re.compile(
                    r"\b(?P<marker>"
                    + "|".join(sorted((re.escape(k) for k in _MARKERS), key=len, reverse=True))
                    + r")\b(?:\s+"
                    + _YEAR
                    + r")?",
                    flags,
                ),
                self._marker,
            ),
            # "i foråret 2026", "til efteråret", "efterårets møder"
            (
                re.compile(
                    _PREP + r"\b(?:hen\s*over\s+)?(?P<season>forår|sommer|efterår|vinter)"
                    r"(?:en|et|ets|ens)?\b(?:\s+" + _YEAR + r")?",
                    flags,
                ),
                self._season,
            ),
            # "i januar", "til marts 2026", "ultimo maj", "januarmødet", "maj-mødet"
            (
                re.compile(
                    _PREP + r"\b(?P<month>" + _MONTH_RE + r")(?:\s*-?\s*møde(?:t|r|rne)?)?\b"
                    r"(?:\s+(?:måned\s+)?" + _YEAR + r")?",
                    flags,
                ),
                self._month,
            ),
            # "om et halvt år", "om tre måneder", "om et års tid", "om 6 uger"
            (
                re.compile(r"\bom\s+(?:et\s+|ét\s+)?halvt\s+års?(?:\s+tid)?\b", flags),
                lambda m, meeting: _Span(meeting.plus(6), meeting.plus(6)),
            ),
            (
                re.compile(
                    r"\bom\s+(?:ca\.\s+|cirka\s+|omkring\s+)?(?P<n>\d{1,2}|et\s+par|"
                    + "|".join(k for k in _NUMBER_WORDS if " " not in k)
                    + r")\s+(?P<unit>måned|år|uge|kvartal)(?:er|s|r)?(?:\s+tid)?\b",
                    flags,
                ),
                self._relative,
            ),
            # "i det nye år", "næste år", "det kommende år", "først i det nye år"
            (
                re.compile(
                    _PREP + r"\b(?:det\s+nye\s+år|næste\s+år|det\s+kommende\s+år|"
                    r"kommende\s+år|nyt\s+år)\b",
                    flags,
                ),
                lambda m, meeting: _Span(Month(meeting.year + 1, 1), Month(meeting.year + 1, 12)),
            ),
            # "i 2026", "til 2027", "ultimo 2026"
            (
                re.compile(
                    r"\b(?P<prep>i\s+løbet\s+af|i\s+starten\s+af|i\s+slutningen\s+af|først\s+i|"
                    r"sidst\s+i|primo|medio|ultimo|i|til|inden|senest\s+i|fra)\s+"
                    + _YEAR
                    + r"\b(?!\s*[-/]\s*\d)",
                    flags,
                ),
                self._year,
            ),
            # "på næste møde", "på et af de kommende møder", "på et senere tidspunkt"
            (
                re.compile(
                    r"\b(?:på|til|ved|i)\s+(?:det\s+|et\s+|ét\s+|de\s+)?(?:af\s+de\s+)?"
                    r"(?:næste|kommende|førstkommende|efterfølgende|senere|følgende)\s+"
                    r"(?:[\w-]+\s+)?[\w-]*(?:møde(?:r|t|rne)?|tidspunkt)\b",
                    flags,
                ),
                lambda m, meeting: _NEXT,
            ),
            (
                re.compile(r"\b(?:næste|førstkommende)\s+(?:[\w-]+\s+)?[\w-]*møde(?:t)?\b", flags),
                lambda m, meeting: _NEXT,
            ),
            # "næste gang", "ved næste lejlighed"
            (
                re.compile(
                    r"\b(?:næste\s+gang|ved\s+(?:næste|førstkommende)\s+lejlighed)\b", flags
                ),
                lambda m, meeting: _NEXT,
            ),
            # "inden udgangen af året", "i slutningen af året", "sidst på året"
            (
                re.compile(
                    r"\b(?:inden\s+(?:udgangen\s+af\s+)?året(?:s\s+udgang)?|"
                    r"(?:i\s+slutningen|ved\s+udgangen)\s+af\s+året|sidst\s+på\s+året)\b",
                    flags,
                ),
                lambda m, meeting: _Span(
                    max(Month(meeting.year, 10), meeting), Month(meeting.year, 12)
                ),
            ),
            (
                re.compile(r"\bsenere\s+(?:på\s+året|i\s+år|i\s+efteråret)\b", flags),
                lambda m, mt: _NEXT,
            ),
        ]

    @staticmethod
    def _year_of(match: re.Match[str]) -> int | None:
        text = match.groupdict().get("year")
        if not text:
            return None
        year = int(text)
        return year + 2000 if year < 100 else year

    def _with_year(self, match: re.Match[str], first: int, length: int) -> _Time:
        year = self._year_of(match)
        if year is None:
            return _Floating(first, length)
        start = Month(year, first)
        return _Span(start, start.plus(length - 1))

    def _month(self, match: re.Match[str], meeting: Month) -> _Time:
        return self._with_year(match, MONTH_NAMES.index(match["month"].lower()) + 1, 1)

    def _numeric_date(self, match: re.Match[str], meeting: Month) -> _Time:
        month = int(match["mnum"])
        if not (1 <= month <= 12 and 1 <= int(match["day"]) <= 31):
            return _NEXT_INVALID
        return self._with_year(match, month, 1)

    def _quarters(self, match: re.Match[str], meeting: Month) -> _Time:
        """The earliest of the named quarters that has not passed ("2. og 4. kvartal")."""
        found = re.findall(_ORDINAL_RE, match["quarters"], re.IGNORECASE)
        numbers = sorted({_ORDINALS.get(q.lower()) or int(q[0]) for q in found})
        spans = [self._with_year(match, quarter_start(n), 3) for n in numbers]
        open_spans = [
            (due, span)
            for span in spans
            if not isinstance(span, _Next)
            for due in [_resolve(span, meeting)]
            if due is not None
        ]
        if not open_spans:
            return spans[0]
        return min(open_spans, key=lambda pair: pair[0])[1]

    def _q(self, match: re.Match[str], meeting: Month) -> _Time:
        return self._with_year(match, quarter_start(int(match["q"])), 3)

    def _half(self, match: re.Match[str], meeting: Month) -> _Time:
        first = 1 if match["half"].lower() in ("1.", "første") else 7
        return self._with_year(match, first, 6)

    @staticmethod
    def _next_unit(match: re.Match[str], meeting: Month) -> _Time:
        unit = match["unit"].lower()
        if unit == "måned":
            start = meeting.plus(1)
            return _Span(start, start)
        size = 3 if unit == "kvartal" else 6
        start = Month(meeting.year, (meeting.month - 1) // size * size + 1).plus(size)
        return _Span(start, start.plus(size - 1))

    def _week(self, match: re.Match[str], meeting: Month) -> _Time:
        week = int(match["week"])
        if not 1 <= week <= 53:
            return _NEXT_INVALID
        year = self._year_of(match)
        monday = dt.date.fromisocalendar(year or _WEEK_MONTH_YEAR, min(week, 52), 1)
        thursday = monday + dt.timedelta(days=3)  # the ISO week's month is its Thursday's
        return self._with_year(match, thursday.month, 1)

    def _marker(self, match: re.Match[str], meeting: Month) -> _Time:
        key = " ".join(match["marker"].lower().split())
        return self._with_year(match, _MARKERS[key], 1)

    def _season(self, match: re.Match[str], meeting: Month) -> _Time:
        first, length = _SEASONS[match["season"].lower()]
        year = self._year_of(match)
        if year is not None and first == 12:
            # "vinteren 2026": the winter that 2026 begins in.
            return _Span(Month(year - 1, 12), Month(year, 2))
        return self._with_year(match, first, length)

    @staticmethod
    def _relative(match: re.Match[str], meeting: Month) -> _Time:
        raw = " ".join(match["n"].lower().split())
        count = int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]
        unit = match["unit"].lower()
        if unit == "uge":
            months = round(count * 7 / 30.44)
        else:
            months = count * {"måned": 1, "kvartal": 3, "år": 12}[unit]
        due = meeting.plus(months)
        return _Span(due, due)

    def _year(self, match: re.Match[str], meeting: Month) -> _Time:
        year = self._year_of(match)
        assert year is not None
        prep = " ".join(match["prep"].lower().split())
        if prep in ("primo", "i starten af", "først i"):
            return _Span(Month(year, 1), Month(year, 3))
        if prep == "medio":
            return _Span(Month(year, 6), Month(year, 7))
        if prep in ("ultimo", "i slutningen af", "sidst i"):
            return _Span(Month(year, 10), Month(year, 12))
        return _Span(Month(year, 1), Month(year, 12))

    def times(self, sentence: str, meeting: Month) -> list[tuple[int, int, _Time]]:
        """Every time in ``sentence`` as (start, end, time), without overlaps."""
        taken = [False] * len(sentence)
        found: list[tuple[int, int, _Time]] = []
        for pattern, build in self.patterns:
            for match in pattern.finditer(sentence):
                start, end = match.span()
                if start == end or any(taken[start:end]):
                    continue
                time = build(match, meeting)
                for i in range(start, end):
                    taken[i] = True
                if time is not _NEXT_INVALID:
                    found.append((start, end, time))
        return sorted(found, key=lambda t: t[0])


_NEXT_INVALID = _Next()  # a pattern matched something that is no time ("den 45/13")
_GRAMMAR = _Grammar()


# --- cues, negation, conditions ------------------------------------------------

_RETURN_TO = (
    r"tilbage(?:\s+til\s+(?:sagen|punktet|emnet|det|dette|spørgsmålet|drøftelsen|temaet)"
    r"|(?=\s*[.,;]|\s*$))"
)
# Infinitives, passives and the future passive ("vil blive taget op"): the
# forms a promise takes. Past tenses ("drøftede", "blev behandlet") never match.
_CUE = re.compile(
    r"\b(?:"
    r"sætte(?:s)?\s+(?:[\w'’-]+\s+){0,3}?på"
    r"|tage(?:s|r)?\s+(?:[\w'’-]+\s+){0,3}?op"
    r"|genoptage(?:s|r)?|genbesøge(?:s|r)?"
    r"|behandle(?:s|r)?|drøfte(?:s|r)?|drøftelse(?:n)?|vendes"
    r"|kigge(?:s|r)?\s+(?:[\w'’-]+\s+){0,2}?på|se(?:s)?\s+(?:nærmere\s+|igen\s+)?på"
    r"|følge(?:s)?\s+(?:[\w'’-]+\s+){0,2}?op"
    r"|evaluere(?:s|r)?|forelægge(?:s|r)?|fremlægge(?:s|r)?"
    r"|gennemgå(?:s|r)?|præsentere(?:s|r)?|orientere(?:s|r)?"
    r"|udskudt\s+til|udsat\s+til|udskyde(?:s|r)?|udsætte(?:s|r)?"
    r"|vende(?:r)?\s+"
    + _RETURN_TO
    + r"|komme(?:r)?\s+"
    + _RETURN_TO
    + r"|tage(?:s|r)?\s+stilling|besluttes"
    r"|på\s+dagsorden(?:en)?|som\s+(?:et\s+)?(?:selvstændigt\s+)?punkt"
    r"|blive(?:r)?\s+(?:[\w'’-]+\s+){0,2}?(?:taget\s+op|behandlet|drøftet|evalueret|"
    r"forelagt|fremlagt|gennemgået|præsenteret|sat\s+på|fulgt\s+op|kigget\s+på|set\s+på|"
    r"vendt|genoptaget|orienteret)"
    r")(?!\w)",
    re.IGNORECASE,
)
_AGAIN = re.compile(
    r"\b(?:igen|senere|på\s+et\s+tidspunkt|tilbage\s+til|genoptage\w*)\b",
    re.IGNORECASE,
)
_NEGATION = re.compile(r"\b(?:ikke|aldrig|ingen|hverken)\b", re.IGNORECASE)
_CONDITION = re.compile(
    r"\b(?:hvis|såfremt|i\s+fald|i\s+tilfælde\s+af|forudsat,?\s+at|afhængig(?:t)?\s+af|når)\b",
    re.IGNORECASE,
)
# Where a condition ends: a comma, semicolon, colon or the sentence's end.
_CONDITION_END = re.compile(r"[,;:]|\s+(?:og|men)\s+(?:så\s+)?(?=\w+\s+(?:sættes|tages|skal)\b)")


def _negated(sentence: str, cue: re.Match[str]) -> bool:
    """ "ikke" inside the cue ("sættes ikke på") or among the three words before it."""
    if _NEGATION.search(cue.group(0)):
        return True
    before = sentence[: cue.start()].split()[-3:]
    return any(_NEGATION.fullmatch(word.strip(",.;:")) for word in before)


def _has_cue(sentence: str) -> bool:
    return any(not _negated(sentence, cue) for cue in _CUE.finditer(sentence))


def _condition(sentence: str, times: list[tuple[int, int, _Time]]) -> str | None:
    match = _CONDITION.search(sentence)
    if match is None:
        return None
    end_match = _CONDITION_END.search(sentence, match.end())
    end = end_match.start() if end_match else len(sentence)
    text = sentence[match.start() : end].rstrip(" .!?")
    # The time at the condition's end is the due month, not part of the condition.
    for start, stop, _time in times:
        if match.end() <= start and stop >= match.start() + len(text) - 1:
            text = sentence[match.start() : start].rstrip(" ,")
    return text or None


# --- detection --------------------------------------------------------------------


def detect_sentence(sentence: str, meeting_date: dt.date) -> Proposal | None:
    """The follow-up ``sentence`` promises at a meeting on ``meeting_date``, if any."""
    text = " ".join(sentence.split())
    if not text or not _has_cue(text):
        return None
    meeting = Month.of(meeting_date)
    times = _GRAMMAR.times(text, meeting)
    months = [
        due
        for _s, _e, time in times
        if not isinstance(time, _Next)
        for due in [_resolve(time, meeting)]
        if due is not None
    ]
    has_next = any(isinstance(time, _Next) for _s, _e, time in times)
    if months:
        due: Month | None = min(months)
    elif has_next or _AGAIN.search(text):
        due = None
    else:
        return None
    return Proposal(text=text, due=due, condition=_condition(text, times))


def detect_text(text: str, meeting_date: dt.date) -> list[Proposal]:
    """The follow-ups of every sentence of ``text``, in order."""
    found = (detect_sentence(s, meeting_date) for s in sentences(text))
    return [p for p in found if p is not None]


def _list_texts(items: Iterable[ListItem]) -> Iterator[str]:
    for item in items:
        yield strip_inline(item.text)
        yield from _list_texts(item.children)


def decision_texts(
    item_sections: Iterable[tuple[SectionKind, tuple[object, ...]]],
) -> Iterator[str]:
    """The paragraphs and list items of the decision sections among ``item_sections``,
    without bold/italic markers (``documents.inline``)."""
    for kind, blocks in item_sections:
        if kind != SectionKind.DECISION:
            continue
        for block in blocks:
            if isinstance(block, Paragraph):
                yield strip_inline(block.text)
            elif isinstance(block, BulletList):
                yield from _list_texts(block.items)


def detect_document(doc: MeetingDocument) -> list[ItemProposal]:
    """The follow-ups every item's decision (Beslutning) promises, item by item;
    none when the document has no date, as times are read relative to it."""
    found: list[ItemProposal] = []
    if doc.meeting_date is None:  # times are read from the meeting's date
        return found
    for item in doc.items:
        sections = ((s.kind, tuple(s.blocks)) for s in item.sections)
        for text in decision_texts(sections):
            found.extend(ItemProposal(item.number, p) for p in detect_text(text, doc.meeting_date))
    return found


def to_contract(doc: MeetingDocument) -> dict[str, object]:
    """What ``medref followups --json`` prints for ``doc``."""
    return {
        "meeting_date": doc.meeting_date.isoformat() if doc.meeting_date else None,
        "followups": [p.to_contract() for p in detect_document(doc)],
    }
