"""Joining a PDF's physical lines back into text.

A word hyphenated at a line's end is re-joined when it goes on in lower
case ("arbejds-" + "miljø"); a real hyphen stays ("IT-" + "service",
"08-10-" + "2025"), and so does a suspended compound ("Digitaliserings-" +
"og IT-chefen" keeps "Digitaliserings- og"). A break hyphen (U+2010, set by
automatic hyphenation) always re-joins.

Producers that write their automatic hyphens as U+2010 (WeasyPrint,
LibreOffice: ``typed_hyphens``) leave no guessing: there a "-" ending a line
was typed by the writer and stays ("brugs-" + "cases" is "brugs-cases").
"""

from __future__ import annotations

import re

# PDFium reports a hyphen ending a line as U+0002 or U+FFFE; a soft hyphen may survive.
_HYPHENS = ("-", "\x02", "\ufffe", "\u00ad")
# Words after which a trailing hyphen is a suspended compound ("løn- og drift").
_SUSPENDED = frozenset({"og", "eller", "samt", "&", "og/eller", "el.", "eller/og"})
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\u00ad\ufffe]")


def clean(text: str) -> str:
    """A line's text without PDFium's marks: U+0002 is a hyphen, soft hyphens go."""
    return _CONTROL.sub("", text.replace("\x02", "-").replace("\ufffe", "-"))


def join_two(left: str, right: str, *, glued: bool = False, typed_hyphens: bool = False) -> str:
    """``left`` and the next line ``right`` as one text."""
    left, right = left.rstrip(), right.lstrip()
    if not left or not right:
        return clean(left or right)
    if glued and left[-1].isalpha() and right[0].islower():
        return clean(left) + clean(right)  # broken mid-word in a narrow cell
    if left.endswith("/"):
        return clean(left) + clean(right)  # "Mer(+)/" + "mindre(-)"
    if left.endswith("\u2010"):
        # U+2010 is what automatic hyphenation (WeasyPrint, LibreOffice) puts at a
        # break; a typed hyphen is U+002D. So the word goes on: "Loui‐" + "se".
        return clean(left[:-1]) + clean(right)
    if not left.endswith(_HYPHENS) or left[:-1].endswith(" "):
        return clean(left) + " " + clean(right)
    stem = clean(left[:-1])
    word = right.split(" ", 1)[0].casefold()
    if word in _SUSPENDED or word.startswith(","):
        return f"{stem}- {clean(right)}"
    if typed_hyphens and left[-1] != "\u00ad":
        return f"{stem}-{clean(right)}"
    if stem and stem[-1].isalpha() and stem[-1].islower() and right[0].islower():
        return stem + clean(right)
    return f"{stem}-{clean(right)}"


def join_lines(
    lines: list[str], *, glued: list[bool] | None = None, typed_hyphens: bool = False
) -> str:
    text = ""
    for i, line in enumerate(lines):
        joined_glued = bool(glued and i > 0 and glued[i - 1])
        if text:
            text = join_two(text, line, glued=joined_glued, typed_hyphens=typed_hyphens)
        else:
            text = line
    return " ".join(clean(text).split())
