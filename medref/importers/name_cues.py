"""People as minutes name them: "Jens Holm, 3F (næstformand)", "Kirsten Bak - afbud",
"(suppleant X deltager i stedet)"; whether a text can be a name at all."""

from __future__ import annotations

import re
from typing import Final

# "(suppleant Hans Vig deltager i stedet)" after an absent member's name.
SUBSTITUTE_NOTE: Final = re.compile(
    r"\(\s*(?:suppleant|stedfortræder)\s+(?P<name>[^()]+?)\s+(?:deltager|deltog|mødte)"
    r"(?:\s+i\s+stedet)?\s*\)",
    re.IGNORECASE,
)


_PARENS: Final = re.compile(r"\s*\([^()]*\)")


_IN_PARENS: Final = re.compile(r"\(([^()]*)\)")


_OPEN_PAREN: Final = re.compile(r"\s*\(\s*")


_OUTER_COMMA: Final = re.compile(r",(?![^()]*\))")


_ABSENT_MARK: Final = re.compile(
    r"\s*[-–,]?\s*\(?\b(?:afbud|ikke\s+til\s*stede|fraværende)\b\)?\.?\s*$", re.IGNORECASE
)
# The words a participant's away-mark can end in, for a cheap test before the pattern.
_ABSENT_MARK_ENDS: Final = ("afbud", "stede", "rende")


_NAME_WORD: Final = re.compile(r"^(?:[A-ZÆØÅÉÜÖÄ][\w'’.-]*|von|van|de|la|le|af|du|der|den|da)$")


_LEADING_ROLE: Final = re.compile(
    r"^(?:formand|forperson|næstformand|næstforperson|suppleant|borgmester|rådmand|overborgmester)"
    r"\s+(?=[A-ZÆØÅ])",
    re.IGNORECASE,
)


def absent_mark(text: str) -> tuple[str, bool]:
    """("Kirsten Bak", True) for "Kirsten Bak - afbud" or "Ole Brandt - ikke tilstede.";
    the text and False otherwise."""
    # The mark ends the text ("afbud", a ")" and spaces after it): look at the end first.
    end = text.rstrip().rstrip(".")
    if (end[:-1] if end[-1:] == ")" else end)[-5:].lower() not in _ABSENT_MARK_ENDS:
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
    if name[-1:].isupper() and (union := _UNION_AFTER.search(name)) is not None:
        # "Birgit Lynggaard DH", "Ole Vang FOA": the organisation's letters after a name.
        titles.append(union["union"])
        name = name[: union.start()]
    if "(" in tail:
        tail = _OPEN_PAREN.sub(", ", tail)
    tail = tail.replace(")", "")
    titles.extend(t.strip() for t in tail.split(",") if t.strip())
    return name, ", ".join(titles) or None


_UNION_AFTER = re.compile(r"(?<=[a-zæøå])\s+(?P<union>[A-ZÆØÅ]{2,4})$")


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
