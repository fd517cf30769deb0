"""Item headings in every shape agenda systems print them: "Punkt 21: Titel", "Pkt. 7",
"3. Titel (Lukket)", "Sag 3 - Titel", "§ 4", "Nr.60 - Titel", or a number alone above or
below its title; and the closed/open marks around a title."""

from __future__ import annotations

import re
from typing import Final, NamedTuple

from .boilerplate import strip_ui


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
    # "Pkt.nr. 3", "Punkt nr. 3": the word and "nr." both.
    r"^(?:(?:punkt|pkt\.?)(?:\s*nr\.?)?|dagsordens?punkt|nr\.?|sag|§"
    r"|ad\.?(?:\s*(?:punkt|pkt\.?))?)\s*"
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


# "1", "1.", "Punkt 1.", "Pkt. 1": a number (with its item word) above the item's title.
_NUMBER_ALONE: Final = re.compile(
    r"^(?:(?:punkt|pkt\.?|sag(?:\s+nr\.?)?)\s*)?(?P<number>\d{1,4})[.:]?$", re.IGNORECASE
)


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


# "Salg af erhvervsgrund - LUKKET SAG"
_CLOSED_DASH_SUFFIX: Final = re.compile(
    r"^(?P<title>.*?)\s+[-–]\s+(?P<mark>lukket)(?:\s+(?:punkt|sag))?$", re.IGNORECASE
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
    for pattern in (_CLOSED_PREFIX, _CLOSED_SUFFIX, _CLOSED_DASH_SUFFIX):
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
        if word[:2] == "ad" and title[-1:] == ".":
            return None  # "Ad 1. Taget til efterretning.": a decision's note on a clause
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
    """ "1", "1." or "Punkt 1." alone: a number printed above its item's title."""
    if len(text) > 16:
        return None
    match = _NUMBER_ALONE.match(strip_list_marker(text).strip())
    return int(match["number"]) if match else None
