"""Section headings by their words: the vocabulary's known headings, dated decision
lines ("Beslutning i <udvalg> den <dato>", "<udvalg>, 11-02-2021, pkt. 7"), unknown
"Drøftelse:" and capitals headings; and the recommendation and group lines."""

from __future__ import annotations

import re
from typing import Final

from medref.documents import SectionKind

from . import vocabulary as vocab
from .boilerplate import strip_ui
from .dates import find_date

_HEADING_KEY: Final = re.compile(r"[\s:]+$")


_DECISION_FORMS: Final = (
    # "Beslutning i Økonomiudvalget den 3. juni 2025", "Beslutning: Økonomiudvalget den 22-10-2020",
    # "Beslutning Børne- og Uddannelsesudvalg den 05-01-2021"
    re.compile(r"^beslutning(?:er)?\b\s*[:\-–]?\s*(?:i\s+|fra\s+|af\s+)?(?P<who>.+)$", re.I),
    # "Behandling i Udvalget for … tirsdag den 8. marts 2022, pkt. 1"
    re.compile(r"^behandling\s+i\s+(?P<who>.+)$", re.IGNORECASE),
    # "Kultur- og Fritidsudvalgets beslutning i mødet den 7. november 2002", "Udvalgets beslutning"
    re.compile(r"^(?P<who>.+?)s\s+beslutning\b.*$", re.IGNORECASE),
)


# "Udvalgets beslutning den …": the committee's own, whatever its name.
_GENERIC_BODIES: Final = frozenset({"udvalget", "medudvalget", "med-udvalget", "mødet"})


# ", pkt. 7" / " Punkt 3": the item's number on that body's agenda.
_AFTER_DATE: Final = re.compile(r"^\s*(?:,?\s*(?:pkt|punkt)\.?\s*\d+)?\s*:?$", re.IGNORECASE)


_DECISION_OF: Final = re.compile(r"^(?:beslutning(?:er)?|referat)\s+(?:i|fra|for)\s+", re.I)
_SHORT_TERM: Final = re.compile(r"\s*\((?:19|20)?\d\d\s*[-–]\s*(?:19|20)?\d\d\)$")
_BEFORE_DATE: Final = re.compile(
    r"(?:\s*,|\s+(?:den|d\.|møde|mødet|mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag))*\s*$",
    re.IGNORECASE,
)


_YEAR_DIGITS: Final = re.compile(r"\d{4}")


def _dated(text: str) -> bool:
    try:
        return _YEAR_DIGITS.search(text) is not None and find_date(text) is not None
    except ValueError:
        return False


def _key(text: str) -> str:
    return strip_ui(text).strip().rstrip(": \t").casefold()


def names_committee(heading: str, committee: str) -> bool:
    """Whether a decision heading names this committee ("Beslutning i Økonomiudvalget den …",
    "Økonomiudvalgets beslutning den …")."""
    key = _key(heading)
    for pattern in _DECISION_FORMS:
        match = pattern.match(key)
        if match:
            return _same_committee(match["who"], committee)
    return False


def _same_committee(who: str, committee: str | None) -> bool:
    if not committee:
        return False
    a = re.sub(r"[^a-zæøå0-9]", "", who.casefold())
    b = re.sub(r"[^a-zæøå0-9]", "", committee.casefold())
    return bool(a) and bool(b) and (a.startswith(b) or b.startswith(a))


# What an agenda says an item is for ("Til beslutning" under its title): text, no heading.
_PURPOSE_LINES: Final = frozenset(
    f"til {word}" for word in ("beslutning", "orientering", "drøftelse", "godkendelse")
)


def heading_kind(text: str, committee: str | None = None) -> SectionKind | None:
    """The section kind a heading line names, or None when it is not a section heading.

    Known headings map to their kind (``vocabulary.SECTION_HEADINGS``); a dated
    decision line is a decision when it is this committee's (or says
    "Beslutning"), and another body's earlier treatment ("Direktionen,
    6. januar 2020, pkt. 2:") is a section of its own kind ``andet``.
    """
    if len(text) > 160:
        return None
    if (
        len(text) > 50
        and text[-1:] not in ":0123456789"
        and text[:1] not in "fF"
        and "eslutning" not in text
        and "ESLUTNING" not in text
        and text[:10].lower() != "behandling"
    ):
        return None  # longer than every known heading, and no decision line
    stripped = strip_ui(text).strip()  # _key, keeping the stripped text for below
    key = stripped.rstrip(": \t").casefold()
    if not key or stripped[:1].islower():
        return None  # a heading starts with a capital; "formål:" is a wrapped line's end
    kind = vocab.known_heading(key)
    if kind is not None:
        return kind
    if key[:4] == "til " and key in _PURPOSE_LINES:
        return None
    # The patterns below are dearer than a dict lookup: most paragraphs fail these tests.
    if "beslutning" in key or key.startswith("behandling"):
        if key.startswith("offentlig beslutning"):
            # "Offentlig beslutning der skal udfyldes, hvis punktet er lukket": what a
            # closed item's decision says in public.
            return SectionKind.DECISION
        for pattern in _DECISION_FORMS:
            # "Beslutning om X blev truffet." is a sentence: a heading is short or dated.
            match = pattern.match(key)
            if match and (len(key.split()) <= 4 or _dated(key)):
                if (
                    pattern is not _DECISION_FORMS[1]
                    and committee
                    and _dated(key)
                    and not _same_committee(match["who"], committee)
                    and match["who"].strip() not in _GENERIC_BODIES
                ):
                    # "Praksisudvalgets beslutning den 1. marts 2023:" under this
                    # committee's own: another body's earlier treatment.
                    return SectionKind.OTHER
                return SectionKind.DECISION
        if key.endswith("beslutning") and len(key.split()) <= 4 and ":" not in key:
            return SectionKind.DECISION  # (not "Formål: Beslutning", what the item is for)
    who = dated_body(stripped)
    if who is None:
        return None
    return SectionKind.DECISION if _same_committee(who, committee) else SectionKind.OTHER


_DATE_FIRST: Final = re.compile(r"^\d{1,2}[-./]\d{1,2}[-./]\d{4}\s+(?P<who>[^\d:,.]{2,60}?)\s*:?$")


# What names a body that treats a case (a date first, then it: "03-05-2021 Magistraten").
_BODY: Final = re.compile(
    r"udvalg|råd\b|rådet|magistrat|direktion|afdeling|forvaltning|bestyrelse|med\b|borgmester"
    r"|repræsentation",
    re.IGNORECASE,
)


_DATE_OF_WHAT: Final = frozenset(
    {"pr", "per", "af", "for", "til", "fra", "om", "i", "efter", "før", "inden", "siden", "med"}
)


def dated_body(text: str) -> str | None:
    """The body of a dated treatment heading: "Økonomiudvalget" for "<udvalg> den 6.
    november 2018:" or "<udvalg>, 11-02-2021, pkt. 7"."""
    if not _YEAR_DIGITS.search(text):
        return None
    if text[:1].isdigit():
        # "12-05-2021 Nordby Byråd", "03-05-2021 Magistraten": the date first.
        first = _DATE_FIRST.match(text)
        if first is None or not first["who"][:1].isupper() or not _BODY.search(first["who"]):
            return None
        return first["who"]
    if text[-1:] not in ":0123456789":
        return None
    try:
        found = find_date(text)
    except ValueError:
        return None
    if found is None or not _AFTER_DATE.match(text[found.finish :]):
        return None
    who = _BEFORE_DATE.sub("", " " + text[: found.begin]).strip()
    # "Beslutning i Natur- og Klimaudvalget (22-25) den …": the body, without the word
    # for its decision before it or its election term after it.
    who = _SHORT_TERM.sub("", _DECISION_OF.sub("", who)).strip()
    words = who.split()
    if not who[:1].isupper() or not 1 <= len(words) <= 8 or ":" in who:
        return None
    # "Budgetopfølgning pr. 30. april 2018": a title whose date says what it covers.
    return None if words[-1].casefold().rstrip(".") in _DATE_OF_WHAT else who


# "X indstiller, at …", "X indstiller til Y via Z, at", "X indstiller, at:", "X foreslår:"
RECOMMENDATION_LEAD: Final = re.compile(
    r"^(?P<proposer>.+?)\s+(?:indstiller|foreslår)"
    # "Direktionen indstiller (29. februar 2024, pkt. 18), at …": when it was proposed.
    r"(?:\s*\([^()]{1,60}\))?"
    # "… indstiller til kommunalbestyrelsen" ending its line: the clauses follow below.
    r"(?:\s+(?:til|over\s+for|overfor)\s+[^,:]*(?:[,:]|$)|\s*[,:]?)\s*(?P<rest>.*)$"
)


# A lead standing alone, its clauses below: "Forvaltningen foreslår:", "X indstiller, at:".
LEAD_ONLY: Final = re.compile(
    r"^(?P<proposer>[A-ZÆØÅ][^.:]{1,80}?)\s+(?:indstiller|foreslår)"
    r"(?:\s+(?:til|over\s+for|overfor)\s+[^,:]*)?\s*[,:]?\s*(?:at\s*:?)?$"
)


# "Åbne sager", "LUKKEDE PUNKTER", "For lukkede døre", "Åben del": a group of items, open
# or closed.
ITEM_GROUP: Final = re.compile(
    r"^(?:til\s+[a-zæøå]+\s*[-–]\s*)?"
    r"(?:(?P<open>åbne|for\s+åbne\s+døre|åben\s+del|åben(?=\s+dagsorden))"
    r"|(?P<closed>lukkede|for\s+lukkede\s+døre|lukket\s+del|lukket(?=\s+dagsorden)))"
    r"(?:\s+(?:sager|punkter|dagsordenspunkter|dagsorden))?\s*:?$",
    re.IGNORECASE,
)


# "A. Sager til afgørelse i byrådet": the lettered group an item belongs to.
GROUP_LABEL: Final = re.compile(r"^[A-H]\.\s+[A-ZÆØÅ][^.:]{2,60}$")
# "Beslutning: Godkendt." — a section label with its text on the same line.
INLINE_SECTION: Final = re.compile(r"^(?P<label>[^:]{3,40}):\s+(?P<rest>\S.*)$")


PASSIVE_RECOMMENDATION: Final = re.compile(
    r"^(?:det\s+indstilles|indstilling\s+om|administrationen\s+anbefaler)\b", re.IGNORECASE
)


# "Drøftelse:", "Næste skridt:", "Til orientering:": one or two words and a colon on a
# line of their own head what follows, even when the word is not in the vocabulary.
# (No space before the colon: Danish writes none, and "Formanden :" is a line of text.)
_UNKNOWN_HEADING: Final = re.compile(r"^[A-ZÆØÅ][a-zæøå]+(?:[ /-][a-zæøå]+)?:$")


_CAPS_HEADING: Final = re.compile(r"^[A-ZÆØÅ]{4,}(?:[ -][A-ZÆØÅ]+){0,3}:?$")


# First words of a sentence that introduces a list, not of a heading ("Det blev aftalt:").
_LEAD_IN_WORDS: Final = frozenset(
    {
        "der",
        "det",
        "de",
        "vi",
        "som",
        "hvis",
        "herunder",
        "blandt",
        "følgende",
        "se",
        "bl",
        "fx",
        "dagsorden",
        "referat",
    }
)


def caps_heading(text: str) -> bool:
    """ "DIREKTØRPÅTEGNING", "ØKONOMISKE FORHOLD": a short line in capitals is a heading."""
    return len(text) <= 40 and text.isupper() and _CAPS_HEADING.match(text) is not None


def unknown_heading(text: str) -> bool:
    """Whether a one-line paragraph is a section heading the vocabulary does not know."""
    if len(text) > 40 or text[-1:] != ":" or not _UNKNOWN_HEADING.match(text):
        return False
    if text.split(None, 1)[0].rstrip(":").casefold() in _LEAD_IN_WORDS:
        return False
    # "Fraværende:", "Afbud:", "Deltagere:": attendance and header labels, read elsewhere.
    return vocab.header_field(text) is None and not vocab.ITEM_LINE_START.match(text)
