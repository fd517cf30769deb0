"""The cues a document gives about its own structure, one pure function each.

Agenda systems print the same things in many shapes: an item heading as
"Punkt 21: Titel", "Pkt. 7", "3. Titel (Lukket)", "Sag 3 - Titel", "§ 4",
"Nr.60 - Titel" or a number alone above its title; a case number as
"Sagsnr.: …", "Sagnr.: …", "Sag 306-2009-600", "J.nr.", "Sagsid.: 14/40"
or a bare KLE number, with "Dok.nr." and "Åben sag" on the same line; a
decision heading as "Beslutning", "Beslutning i <udvalg> den <dato>",
"BESLUTNING: <udvalg> den <dato>", "Behandling i <udvalg> <dato>, pkt. 1" or
"<udvalg>, 11-02-2021, pkt. 7". The structure reader weighs these cues; this
module only recognises them. No Django, no state.
"""

from __future__ import annotations

import re
from typing import Final, NamedTuple

from medref.documents import SectionKind

from . import vocabulary as vocab
from .dates import find_date

# --- boilerplate ----------------------------------------------------------------

# Lines that are a portal's navigation or widgets, never content (casefolded, final ':' off).
BOILERPLATE: Final = frozenset(
    {
        "til toppen",
        "tilbage til toppen",
        "til top",
        "gå til toppen",
        "til indholdsfortegnelse",
        "tilbage til indholdsfortegnelse",
        "gå til indhold",
        "spring til indhold",
        "skip navigationen",
        "søg",
        "abonnér",
        "abonner",
        "udskriv",
        "udskriv hele dagsordnen",
        "udskriv hele dagsordenen",
        "printvenlig version",
        "print",
        "hent som fil",
        "hent som pdf",
        "se alle bilag",
        "luk alle punkter",
        "luk alle punkter referat",
        "luk alle punkter dagsorden",
        "åbn alle punkter",
        "fold alle ud",
        "fold alle ind",
        "fold alle punkter",
        "tilbage til oversigt",
        "fold alle punkter ud",
        "forside",
        "del",
        "del på facebook",
        "tilbage",
        "læs mere",
    }
)
# Widget text standing before a heading: "fold dette punkt ind Resume".
UI_PREFIX: Final = re.compile(
    r"^(?:fold\s+dette\s+punkt\s+(?:ind|ud)|fold\s+(?:ind|ud)|vis\s+punkt|skjul\s+punkt)\s+",
    re.IGNORECASE,
)
_COOKIE: Final = re.compile(r"cookie", re.IGNORECASE)
# "Side 3 af 14", "Side 3", "- 3 -": page furniture in text exports.
# A browser's print footer: "Page 2 of 5", or the page's address with "2/5" after it.
PAGE_LINE: Final = re.compile(
    r"^(?:side\s+(?:\d+(?:\s*(?:af|/)\s*\d+)?|[ivxlc]{1,6})|-\s*\d+\s*-|page\s+\d+\s+of\s+\d+"
    r"|https?://\S+\s+(?:\d+\s*/\s*\d+|\d{1,2}[-./]\d{1,2}[-./]\d{2,4}(?:,?\s+\d{1,2}[:.]\d{2})?))$",
    re.IGNORECASE,
)


def strip_ui(text: str) -> str:
    return (
        UI_PREFIX.sub("", text)
        if text[:1] in "fFvVsS" and text[:4].lower() in ("fold", "vis ", "skju")
        else text
    )


# "application/pdf icon budget.pdf": a file widget's icon text before a download link.
_FILE_WIDGET: Final = re.compile(r"^(?:application|image|text)/[\w.+-]+\s+icon\b", re.IGNORECASE)
_TIME_SLOT: Final = re.compile(
    r"^\((?:kl\.?\s*)?\d{1,2}[.:]\d{2}\s*[-–]\s*(?:kl\.?\s*)?\d{1,2}[.:]\d{2}\)$"
)
# A page's contact footer: "Eksempel Kommune · Torvet 1 · Tlf. 56 00 00 00 | CVR 12345678".
_CONTACT_PART: Final = re.compile(
    r"(?:^|[·|•])\s*(?:tlf|telefon|cvr(?:-nr)?|ean|e-?mail|mail)\.?:?\s*\S", re.IGNORECASE
)


def is_boilerplate(text: str) -> bool:
    """Navigation, widgets, cookie notices and page numbers: text that is not the minutes'."""
    if len(text) >= 600:
        return False
    if len(text) > 45:  # longer than any navigation line: a cookie notice or a file widget
        return (
            "ookie" in text
            or "OOKIE" in text
            or (text[:1] in "aitAIT" and _FILE_WIDGET.match(text) is not None)
            or (("·" in text or "|" in text) and _CONTACT_PART.search(text) is not None)
            or (text[:4] == "http" and PAGE_LINE.match(text.strip()) is not None)
        )
    key = text.strip().rstrip(":").strip().casefold()
    if key in BOILERPLATE or "cookie" in key or key.endswith(" logo"):
        return True  # "… Kommunes logo": a logo's alternative text
    if key[:1] == "(" and _TIME_SLOT.match(key):
        return True  # "(Kl. 13:30-13:40)": an item's time slot printed above it
    first = key[:1]
    return (first in "s-ph" and PAGE_LINE.match(key) is not None) or (
        first in "ait" and _FILE_WIDGET.match(key) is not None
    )


# --- item headings ----------------------------------------------------------------


class ItemCue(NamedTuple):
    number: int
    title: str
    closed: bool
    # 6: "Punkt N: …" with a separator; 4: a numbered heading the format marks;
    # 2: a numbered line that needs a sequence of others to count; 1: a number
    # alone above a title.
    strength: int


_LIST_MARKER: Final = re.compile(r"^(?:[-•*–·▪●○]\s*)+")
_WORD_HEADING: Final = re.compile(
    r"^(?:punkt|pkt\.?|dagsordens?punkt|nr\.?|sag|§|ad\.?(?:\s*(?:punkt|pkt\.?))?)\s*"
    r"(?P<number>\d{1,4})"
    r"(?P<sep>\s*[:.\-–)]\s*|\s+)(?P<title>.*)$",
    re.IGNORECASE,
)
# "3. Titel", "3 Titel", "3: Titel", "3.0 Titel" (Word's outline numbering), "31/24 Titel"
# (the year's running number), and
# "38Godkendelse …" (a portal that glues the number on).
_NUMBERED: Final = re.compile(
    r"^(?P<number>\d{1,4})(?:\.0(?=\s)|/\d{2}(?:\d{2})?(?=\s))?(?P<sep>\s*[.):]\s*|\s+|(?=[A-ZÆØÅ][a-zæøå]{2}))(?P<title>.+)$"
)
# "Sag nr. 41" / "Punkt nr. 3" alone on the line under its item's title.
_NUMBER_BELOW: Final = re.compile(
    r"^(?:sag|punkt|pkt\.?|dagsordenspunkt)\s*(?:nr\.?\s*)?:?\s*(?P<number>\d{1,4})\.?$",
    re.IGNORECASE,
)
_NUMBER_ALONE: Final = re.compile(r"^(?P<number>\d{1,4})\.?$")
# "åbent 1 Titel" / "Lukket punkt 4 Titel" in some portals' contents and headings.
_MARKED_NUMBER: Final = re.compile(
    r"^(?P<mark>åbent|åben|lukket)(?:\s+punkt)?\s+(?P<number>\d{1,4})\.?\s+(?P<title>.+)$",
    re.IGNORECASE,
)
# Closed and open markers around a title.
_CLOSED_PREFIX: Final = re.compile(
    r"^(?P<mark>lukket|åbent|åben)(?:\s+(?:punkt|sag))?\s*[-–:]\s*(?P<title>\S.*)$", re.IGNORECASE
)
_CLOSED_SUFFIX: Final = re.compile(
    r"^(?P<title>.*?)\s*[-–]?\s*\((?P<mark>lukket|åbent|åben)(?:\s+(?:punkt|sag))?\)$",
    re.IGNORECASE,
)
_CLOSED_ONLY: Final = re.compile(r"^(?:lukket\s+(?:punkt|sag)|lukket)\.?$", re.IGNORECASE)
_EMPTY_PARENS: Final = re.compile(r"\s*\(\s*\)$")
_TOC_LINE: Final = re.compile(r"(?:\.{3,}|…{2,}|\t)\s*(?:side\s+)?\d{1,4}$", re.IGNORECASE)
# Two sentences: a full stop after a word, then a capital.
_SENTENCES: Final = re.compile(r"[a-zæøå]{2}\.\s+[A-ZÆØÅ]")
_CLAUSE: Final = re.compile(r"^(?:at|om|og|samt|til|i)\s", re.IGNORECASE)


# How the words that can start an item heading begin.
ITEM_WORDS: Final = frozenset(
    {"pun", "pkt", "dag", "nr.", "nr ", "sag", "åbe", "luk", "ad ", "ad.", "ad\t"}
)
# What an item heading's first character can be (a digit, a word's letter, a list marker).
_ITEM_FIRST: Final = frozenset("0123456789pPdDnNsS§åÅlLfFvVaA-•*–·▪●○ ")


def strip_list_marker(text: str) -> str:
    return _LIST_MARKER.sub("", text) if text[:1] in "-•*–·▪●○" else text


def _title_starts_well(title: str) -> bool:
    first = title[:1]
    return bool(first) and (first.isupper() or first in "\"'«»„”(§") and not first.isdigit()


def closed_title(title: str) -> tuple[str, bool]:
    """("Personalesag", True) for "LUKKET PUNKT - Personalesag" or "Personalesag (Lukket)"."""
    title = _EMPTY_PARENS.sub("", title).strip()
    for pattern in (_CLOSED_PREFIX, _CLOSED_SUFFIX):
        match = pattern.match(title)
        if match and match["title"].strip():
            return match["title"].strip(), match["mark"].lower() == "lukket"
    if _CLOSED_ONLY.match(title):
        return title, True
    return title, False


def item_cue(text: str, *, explicit: bool) -> ItemCue | None:
    """The item heading ``text`` is, if it can be one."""
    if len(text) > 250 or text[:1] not in _ITEM_FIRST:
        return None
    if text[:1].isalpha() and text[:3].lower() not in ITEM_WORDS and text[:1] not in "fFvV":
        return None  # "Sagsfremstilling", "Det …": no item word
    text = strip_list_marker(strip_ui(text)).strip()
    first = text[:1].lower()
    # Cheap test first: this runs on every block of every file.
    if not (first.isdigit() or first in "pdns§åla"):
        return None
    # A contents line ends in its page number (\d is isdecimal()): only then search.
    if text[-1:].isdecimal() and _TOC_LINE.search(text):
        return None
    if first.isdigit():
        match = _NUMBERED.match(text)
        if match is None:
            return None
        title = match["title"].strip()
        if not _title_starts_well(title) or _CLAUSE.match(title):
            return None
        if not explicit and title[-1:] == "." and _SENTENCES.search(title):
            return None  # "1. Afbud. Der var afbud fra …": a numbered paragraph, not a heading
        # "3 medlemmer …" is a sentence; a bare-space number needs a heading's shape.
        if match["sep"].strip() == "" and (title.endswith(".") and not explicit):
            return None
        title, closed = closed_title(title)
        return ItemCue(int(match["number"]), title, closed, 4 if explicit else 2)
    if first in "pdns§a":
        match = _WORD_HEADING.match(text)
        if match is None:
            return None
        title = match["title"].strip()
        if not _title_starts_well(title):
            return None
        word = text[:3].lower()
        separated = match["sep"].strip() != ""
        if word.startswith(("pun", "pkt", "dag")):
            strength = 6 if separated or explicit else 2
        else:  # "Sag 3 -", "Nr.60 -", "§ 4", "Ad 3)": weaker words
            strength = 4 if explicit else 2
        title, closed = closed_title(title)
        return ItemCue(int(match["number"]), title, closed, strength)
    if first in "ål":
        match = _MARKED_NUMBER.match(text)
        if match and _title_starts_well(match["title"]):
            title, closed = closed_title(match["title"].strip())
            closed = closed or match["mark"].lower() == "lukket"
            return ItemCue(int(match["number"]), title, closed, 4 if explicit else 2)
    return None


def number_below(text: str) -> int | None:
    """ "Sag nr. 41" alone: the number printed under its item's title."""
    if len(text) > 24:
        return None
    match = _NUMBER_BELOW.match(text.strip())
    return int(match["number"]) if match else None


def number_alone(text: str) -> int | None:
    """ "1" or "1." alone: a number printed above its item's title."""
    if len(text) > 8:
        return None
    match = _NUMBER_ALONE.match(strip_list_marker(text).strip())
    return int(match["number"]) if match else None


# --- case numbers and item metadata --------------------------------------------

_KLE: Final = r"\d{2}\.\d{2}\.\d{2}[-.]?[A-ZÆØÅ]\d{2}-\d+(?:-\d{2})?"
_CASE_LABEL: Final = (
    r"(?:sagsnr|sags\s*nr|sagnr|sagsnummer|sags-?id|sagsid|journalnr|journal\s*nr|j\.\s*nr|jnr"
    r"|acadre\s*sagsnr|esdh\s*nr|sag)"
)
_NEXT_LABEL: Final = (
    r"(?=\s+(?:dok\.?\s*nr|dok\.|dokumentnr|dokument|initialer|sagsbehandler|brevid|åben|åbent"
    r"|sagsid|sagsnr|sagnr|j\.\s*nr|journalnr"
    r"|lukket|sagsinitialer)\b|\s*[,;]\s*(?:dok|initialer|sagsbehandler|sagsinitialer)|$)"
)
_CASE_LINE: Final = re.compile(
    rf"(?:^|\s)(?P<label>{_CASE_LABEL})\.?\s*:?\s*(?P<value>[^\s,;:][^,;]*?){_NEXT_LABEL}",
    re.IGNORECASE,
)
_BARE_CASE: Final = re.compile(rf"^(?P<value>{_KLE}|\d{{2}}/\d{{1,6}}|\d{{4}}-\d{{4,7}})$")
_CASE_VALUE_OK: Final = re.compile(r"\d")
_METADATA: Final = re.compile(
    r"^(?:dok\.?\s*nr\.?|dok\.|dokumentnr\.?|dokument\s*nr\.?|initialer|sagsbehandler|sags-?id"
    r"|sagsinitialer|brevid|åben\s+sag|lukket\s+sag|åbent|åben|lukket|åbent\s+punkt"
    r"|lukket\s+punkt)(?![a-zæøå])",
    re.IGNORECASE,
)
_BREVID: Final = re.compile(r"\bbrevid\s*:\s*\d+$", re.IGNORECASE)
_CLOSED_WORD: Final = re.compile(r"(?:^|\s)(?:lukket(?:\s+(?:sag|punkt))?)\.?$", re.IGNORECASE)
_OPEN_WORD: Final = re.compile(r"(?:^|\s)(?:åben(?:t)?(?:\s+(?:sag|punkt))?)\.?$", re.IGNORECASE)


_LETTERS_NUMBER: Final = re.compile(r"^[A-ZÆØÅ]{1,4}[-\s]?\d")
_MARKED_CASE: Final = re.compile(
    r"^(?P<mark>åbent|åben|lukket)(?:\s+(?:punkt|sag))?\s*[-–:]\s*"
    r"(?P<value>\d{2}\.\d{2}\.\d{2}\S*(?:\s+[-–]\s+\d[\d/.-]*)?|\d{2,4}/\d{1,7}|\d{4}-\d{4,7})$",
    re.IGNORECASE,
)
_GROUP_AND_CASE: Final = re.compile(r"^\d{2}\.\d{2}\.\d{2}\S*\s+[-–]\s+(?P<case>\d[\d/.-]*)$")


def _last_char(text: str, *, dot: bool = True) -> str:
    """The character a pattern ending in ``\\.?$`` (``dot``) or in ``$`` ends on
    (``$`` also matches before a final newline)."""
    end = text[:-1] if text[-1:] == "\n" else text
    if dot and end[-1:] == ".":
        end = end[:-1]
    return end[-1:]


class CaseLine(NamedTuple):
    case_number: str | None
    closed: bool | None  # True "Lukket", False "Åbent", None: not said


def case_line(text: str) -> CaseLine | None:
    """A line of item metadata: case number, Dok.nr., Initialer, Åbent/Lukket, Brevid."""
    if len(text) > 160:
        return None
    stripped = text.strip().rstrip(".")
    bare = _BARE_CASE.match(stripped)
    if bare:
        return CaseLine(bare["value"], None)
    closed: bool | None = None
    # Cheap tests before the searches, each a condition its pattern needs: the
    # Åbent/Lukket words end the line, a case label holds "sag", "j" or "esdh"
    # ("ſ" matches "s" in a case-insensitive pattern), a Brevid ends in digits.
    last = _last_char(stripped)
    if last in "tTgG" and _CLOSED_WORD.search(stripped):
        closed = True
    elif last in "nNtTgG" and _OPEN_WORD.search(stripped):
        closed = False
    lowered = stripped.lower()
    labelled = "sag" in lowered or "j" in lowered or "esdh" in lowered or "ſ" in lowered
    matches = (
        [m for m in _CASE_LINE.finditer(stripped) if _CASE_VALUE_OK.search(m["value"])]
        if labelled
        else []
    )
    # "J.nr.: 00.30.10 Sagsid.: 02/1144": the case's own number, not its journal group.
    matches.sort(key=lambda m: m["label"].casefold().startswith(("j", "journal")))
    match = matches[0] if matches else None
    if match:
        value = match["value"].strip().rstrip(".")
        # "Sag: Budget 2025" is a subject, not a case number: a number has digits up front.
        if value[:1].isdigit() or _LETTERS_NUMBER.match(value):
            # "Sagsnr. 318204 Teknik- og Miljøudvalget Åbent punkt": the number, not the body.
            return CaseLine(value.split()[0] if " " in value and value[0].isdigit() else value,
                            closed)  # fmt: skip
    marked = _MARKED_CASE.match(stripped) if lowered[:1] in "ål" else None
    if marked is not None:
        # "Åbent - 01.02.05-P16-14-17", "Lukket - 07.00.00P24 - 2009/20415": the open or
        # closed mark, then the case number (after its journal group, when both are given).
        value = marked["value"].strip()
        grouped = _GROUP_AND_CASE.match(value)
        return CaseLine(grouped["case"] if grouped else value, marked["mark"][0] in "lL")
    if _METADATA.match(stripped) or (
        _last_char(stripped, dot=False).isdecimal() and _BREVID.search(stripped)
    ):
        return CaseLine(None, closed)
    if closed is not None and len(stripped.split()) <= 3:
        return CaseLine(None, closed)
    return None


# --- section headings -------------------------------------------------------------

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
_AFTER_DATE: Final = re.compile(r"^\s*(?:,\s*(?:pkt|punkt)\.?\s*\d+)?\s*:?$", re.IGNORECASE)
_BEFORE_DATE: Final = re.compile(
    r"(?:\s*,|\s+(?:den|d\.|mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag))*\s*$",
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
    kind = vocab.SECTION_HEADINGS.get(key)
    if kind is not None:
        return kind
    if key[:4] == "til " and key in _PURPOSE_LINES:
        return None
    # The patterns below are dearer than a dict lookup: most paragraphs fail these tests.
    if "beslutning" in key or key.startswith("behandling"):
        for pattern in _DECISION_FORMS:
            # "Beslutning om X blev truffet." is a sentence: a heading is short or dated.
            match = pattern.match(key)
            if match and (len(key.split()) <= 4 or _dated(key)):
                if (
                    pattern is _DECISION_FORMS[2]
                    and committee
                    and _dated(key)
                    and not _same_committee(match["who"], committee)
                    and match["who"].strip() not in _GENERIC_BODIES
                ):
                    # "Praksisudvalgets beslutning den 1. marts 2023:" under this
                    # committee's own: another body's earlier treatment.
                    return SectionKind.OTHER
                return SectionKind.DECISION
        if key.endswith("beslutning") and len(key.split()) <= 4:
            return SectionKind.DECISION
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
    words = who.split()
    if not who[:1].isupper() or not 1 <= len(words) <= 8 or ":" in who:
        return None
    # "Budgetopfølgning pr. 30. april 2018": a title whose date says what it covers.
    return None if words[-1].casefold().rstrip(".") in _DATE_OF_WHAT else who


# --- recommendations ------------------------------------------------------------

# "X indstiller, at …", "X indstiller til Y via Z, at", "X indstiller, at:", "X foreslår:"
RECOMMENDATION_LEAD: Final = re.compile(
    r"^(?P<proposer>.+?)\s+(?:indstiller|foreslår)"
    r"(?:\s+(?:til|over\s+for|overfor)\s+[^,:]*[,:]|\s*[,:]?)\s*(?P<rest>.*)$"
)
# A lead standing alone, its clauses below: "Forvaltningen foreslår:", "X indstiller, at:".
LEAD_ONLY: Final = re.compile(
    r"^(?P<proposer>[A-ZÆØÅ][^.:]{1,80}?)\s+(?:indstiller|foreslår)"
    r"(?:\s+(?:til|over\s+for|overfor)\s+[^,:]*)?\s*[,:]?\s*(?:at\s*:?)?$"
)
# "Åbne sager", "LUKKEDE PUNKTER", "For lukkede døre": a group of items, open or closed.
ITEM_GROUP: Final = re.compile(
    r"^(?:til\s+[a-zæøå]+\s*[-–]\s*)?"
    r"(?:(?P<open>åbne|for\s+åbne\s+døre)|(?P<closed>lukkede|for\s+lukkede\s+døre))"
    r"(?:\s+(?:sager|punkter|dagsordenspunkter))?\s*:?$",
    re.IGNORECASE,
)
# "Beslutning: Godkendt." — a section label with its text on the same line.
INLINE_SECTION: Final = re.compile(r"^(?P<label>[^:]{3,40}):\s+(?P<rest>\S.*)$")
# "(suppleant Hans Vig deltager i stedet)" after an absent member's name.
SUBSTITUTE_NOTE: Final = re.compile(
    r"\(\s*(?:suppleant|stedfortræder)\s+(?P<name>[^()]+?)\s+(?:deltager|deltog|mødte)"
    r"(?:\s+i\s+stedet)?\s*\)",
    re.IGNORECASE,
)

PASSIVE_RECOMMENDATION: Final = re.compile(
    r"^(?:det\s+indstilles|indstilling\s+om|administrationen\s+anbefaler)\b", re.IGNORECASE
)


# --- names ---------------------------------------------------------------------

_PARENS: Final = re.compile(r"\s*\([^()]*\)")
_IN_PARENS: Final = re.compile(r"\(([^()]*)\)")
_OPEN_PAREN: Final = re.compile(r"\s*\(\s*")
_OUTER_COMMA: Final = re.compile(r",(?![^()]*\))")
_ABSENT_MARK: Final = re.compile(r"\s*[-–,]?\s*\(?\bafbud\b\)?\s*$", re.IGNORECASE)
_NAME_WORD: Final = re.compile(r"^(?:[A-ZÆØÅÉÜÖÄ][\w'’.-]*|von|van|de|la|le|af|du|der|den|da)$")
_LEADING_ROLE: Final = re.compile(
    r"^(?:formand|forperson|næstformand|næstforperson|suppleant|borgmester|rådmand|overborgmester)"
    r"\s+(?=[A-ZÆØÅ])",
    re.IGNORECASE,
)


# "Drøftelse:", "Næste skridt:", "Til orientering:": one or two words and a colon on a
# line of their own head what follows, even when the word is not in the vocabulary.
_UNKNOWN_HEADING: Final = re.compile(r"^[A-ZÆØÅ][a-zæøå]+(?:[ /-][a-zæøå]+)?\s*:$")
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


def absent_mark(text: str) -> tuple[str, bool]:
    """("Kirsten Bak", True) for "Kirsten Bak - afbud"; the text and False otherwise."""
    # The mark ends the text ("afbud", a ")" and spaces after it): look at the end first.
    end = text.rstrip()
    if (end[:-1] if end[-1:] == ")" else end)[-5:].lower() != "afbud":
        return text, False
    match = _ABSENT_MARK.search(text)
    if match and match.start() > 0:
        return text[: match.start()].strip(" ,-–"), True
    return text, False


# "Birthe Lauesen - Afdelingschef Teknik og Miljø": a name, a dash, then the role.
NAME_DASH_ROLE: Final = re.compile(
    r"^(?P<name>[A-ZÆØÅ][\w'.-]+(?: [A-ZÆØÅ][\w'.-]+){1,3})\s+[-–]\s+(?P<title>\S.*)$"
)


def person(text: str) -> tuple[str, str | None]:
    """(name, title) of one participant line: "Jens Holm, 3F (næstformand)", "Erik Juhl, (A)"."""
    text = text.strip().rstrip(".").strip()
    titles: list[str] = []
    role = _LEADING_ROLE.match(text)
    if role:
        titles.append(role.group().strip())
        text = text[role.end() :]
    dashed = NAME_DASH_ROLE.match(text) if " - " in text or " – " in text else None
    if dashed is not None:  # "Birthe Lauesen - Afdelingschef Teknik og Miljø"
        return dashed["name"], ", ".join([*titles, dashed["title"].strip()])
    # The first comma outside brackets: "Peter Friis (direktør, Sundhed)" is a name and its title.
    # (Each pattern only where its bracket or comma is: most names have none.)
    split = _OUTER_COMMA.search(text) if "," in text else None
    name_part, tail = (text[: split.start()], text[split.end() :]) if split else (text, "")
    if "(" in name_part:
        titles.extend(t.strip() for t in _IN_PARENS.findall(name_part) if t.strip())
        name_part = _PARENS.sub("", name_part)
    name = name_part.strip()
    if "(" in tail:
        tail = _OPEN_PAREN.sub(", ", tail)
    tail = tail.replace(")", "")
    titles.extend(t.strip() for t in tail.split(",") if t.strip())
    return name, ", ".join(titles) or None


def clean_name(text: str) -> str:
    """A name as written in an attendance sentence, without party, role and 'afbud'."""
    text, _ = absent_mark(text)
    name, _ = person(text)
    return name


# Words of the minutes' own furniture, never part of a name.
_NOT_NAME_WORDS: Final = frozenset(
    {
        "indholdsfortegnelse", "indhold", "side", "beslutning", "dagsorden", "referat", "punkt",
        "punkter", "sager", "bilag", "resume", "resumé", "indstilling", "sagsfremstilling",
        "økonomi", "mødet", "møde", "udvalget", "ingen", "eventuelt", "lukket", "åbent",
        "deltagere", "fraværende", "afbud", "godkendt", "intet", "orientering", "sag",
    }
)  # fmt: skip


def looks_like_name(text: str) -> bool:
    """Whether ``text`` can be one person's name (with a party or role after it)."""
    name = clean_name(SUBSTITUTE_NOTE.sub("", text))
    words = name.split()
    if not 1 <= len(words) <= 6 or (name.isupper() and len(name) > 3):
        return False
    if any(w.casefold().strip(".:") in _NOT_NAME_WORDS for w in words):
        return False
    return all(_NAME_WORD.match(w) for w in words) and words[0][:1].isupper()
