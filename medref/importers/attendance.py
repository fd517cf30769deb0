"""Who attended: name lists as minutes write them, and merging them.

Minutes name people in lists ("A, B og C deltog i mødet") and say the same
thing in several places (a header list, "Der var afbud fra …", a
"Fraværende" line under every item). The lists are merged so each person
appears once, spelled as first written; a misspelling elsewhere
("Anderen") is the same person (``medref.lib.names``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from medref.documents import Participant
from medref.lib.names import name_tokens, names_match

from .blocks import clean_inline
from .vocabulary import MINUTE_TAKER_WORDS, REFERENT_SUFFIX, ROLE_WORDS

# Not inside brackets: "Peter Friis (direktør, Sundhed)" is one person.
_LIST_SEPARATOR = re.compile(r"(?:\s*,\s*|\s+og\s+|\s+samt\s+)(?![^()]*\))")


def split_names(text: str) -> list[str]:
    """ "A, B og C." -> ["A", "B", "C"]."""
    text = clean_inline(text).rstrip(".").strip()
    return [name for name in (clean_inline(n) for n in _LIST_SEPARATOR.split(text)) if name]


def _person_key(name: str) -> tuple[int, tuple[str, ...]]:
    """What two spellings of one person share under ``names_match``'s rule:
    the number of name tokens and the first token. Comparing these first keeps
    the full rule off most pairs."""
    tokens = name_tokens(name)
    return len(tokens), tokens[:1]


def merge_names(*lists: Iterable[str]) -> tuple[str, ...]:
    """All names in order of first appearance, each person once."""
    merged: list[str] = []
    keys: list[tuple[int, tuple[str, ...]]] = []
    for names in lists:
        for name in names:
            # The same spelling again is the same person: skip the rule.
            if name in merged:
                continue
            key = _person_key(name)
            if not any(
                k == key and names_match(name, seen) for seen, k in zip(merged, keys, strict=True)
            ):
                merged.append(name)
                keys.append(key)
    return tuple(merged)


def without(names: Iterable[str], removed: Iterable[str]) -> tuple[str, ...]:
    gone = [(g, _person_key(g)) for g in removed]
    kept: list[str] = []
    for name in names:
        key = _person_key(name)
        if not any(k == key and names_match(name, g) for g, k in gone):
            kept.append(name)
    return tuple(kept)


_LIST_TOKEN = re.compile(r"[(),]| og ")


def _split_outside_parentheses(text: str) -> list[str]:
    """Split a list on "," and " og " that stand outside parentheses."""
    parts: list[str] = []
    depth = 0
    start = 0
    # Only the parentheses and separators matter: the pattern finds them left
    # to right, each " og " once, as a scan character by character would.
    for match in _LIST_TOKEN.finditer(text):
        token = match.group()
        if token == "(":
            depth += 1
        elif token == ")":
            depth -= depth > 0
        elif depth == 0:
            parts.append(text[start : match.start()])
            start = match.end()
    parts.append(text[start:])
    return [p for p in (clean_inline(p) for p in parts) if p]


def parse_participants(text: str) -> tuple[list[Participant], str | None]:
    """A "Mødedeltagere" list: participants with titles, and the minute taker.

    "Marie Aasøe (Afdelingschef for Økonomi & Stab), …, Pernille Løvendahl
    Carlsen (Personaleadministrativ konsulent) (referent)".
    """
    participants: list[Participant] = []
    minute_taker: str | None = None
    if ";" in text:
        # "Lene Bach, direktør (formand); Kasper Holm, vejchef": one person a part, a
        # person's name and title split by the comma.
        for part in (p.strip() for p in text.split(";") if p.strip()):
            head, _, rest = part.partition(",")
            found, taker = parse_participants(head)
            minute_taker = minute_taker or taker
            if found:
                extra = clean_inline(rest.replace("(", ", ").replace(")", "")).strip(", ")
                role = ", ".join(t for t in (found[0].title, extra) if t) or None
                participants.append(Participant(found[0].name, role))
        return participants, minute_taker
    for part in _split_outside_parentheses(text):
        word = part.rstrip(".").casefold()
        if participants and part[:1].islower() and word not in MINUTE_TAKER_WORDS:
            # "Lone Kastrup, kommunaldirektør (formand)": a name starts with a capital, the
            # part after it in lower case is the person's title.
            previous = participants[-1]
            described = clean_inline(part.replace("(", ", ").replace(")", ""))
            participants[-1] = Participant(
                previous.name, f"{previous.title}, {described}" if previous.title else described
            )
            continue
        if participants and (word in ROLE_WORDS or word in MINUTE_TAKER_WORDS):
            # "Jens Hansen (A), Formand": the role belongs to the name before it.
            previous = participants[-1]
            if word in MINUTE_TAKER_WORDS:
                minute_taker = previous.name
            else:
                role = f"{previous.title}, {part}" if previous.title else part
                participants[-1] = Participant(previous.name, role)
            continue
        is_referent = REFERENT_SUFFIX.search(part) is not None
        part = REFERENT_SUFFIX.sub("", part).strip()
        name: str = part
        title: str | None = None
        match = re.fullmatch(r"(?P<name>[^(]+?)\s*\((?P<title>.*)\)", part)
        if match:
            name, title = match["name"].strip(), clean_inline(match["title"]) or None
        participants.append(Participant(name=name, title=title))
        if is_referent:
            minute_taker = name
    return participants, minute_taker
