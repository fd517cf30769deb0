"""Case-number and item metadata lines: "Sagsnr.: …", "Sagnr.: …", "J.nr.", a bare KLE
number, "Dok.nr.", "Åben sag"/"Lukket", "Brevid", in any combination on one line."""

from __future__ import annotations

import re
from typing import Final, NamedTuple

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
_KLE_SPACE_CASE: Final = re.compile(
    r"^\d{2}\.\d{2}\.\d{2}\s+[A-ZÆØÅ]\d{2}\s+(?P<case>\d{2,4}/\d{1,7})"
    r"(?:\s+(?:åben|åbent|lukket)(?:\s+(?:sag|punkt))?)?$",
    re.IGNORECASE,
)


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


def closed_at_end(text: str) -> bool | None:
    """ "Sagsforløb: ØU - Lukket sag" → True, "… - Åben sag" → False, else None."""
    if _CLOSED_WORD.search(text):
        return True
    return False if _OPEN_WORD.search(text) else None


def case_line(text: str) -> CaseLine | None:
    """A line of item metadata: case number, Dok.nr., Initialer, Åbent/Lukket, Brevid."""
    if len(text) > 160:
        return None
    stripped = text.strip().rstrip(".")
    bare = _BARE_CASE.match(stripped)
    if bare:
        return CaseLine(bare["value"], None)
    grouped_alone = (
        (_GROUP_AND_CASE.match(stripped) or _KLE_SPACE_CASE.match(stripped))
        if stripped[:1].isdigit()
        else None
    )
    if grouped_alone is not None:
        # "27.69.48G01 - 2024/03318", "00.01.00 A00 16/211 Åben sag": the case's number.
        mark = _CLOSED_WORD.search(stripped) is not None
        return CaseLine(grouped_alone["case"], True if mark else None)
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
        [
            m
            for m in _CASE_LINE.finditer(stripped)
            if _CASE_VALUE_OK.search(m["value"])
            # "Behandlet sammen med sag 5.": a bare "sag" counts only first on the line.
            and (m.start("label") == 0 or m["label"].casefold() != "sag")
        ]
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
