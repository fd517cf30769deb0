"""Where an item's body ends and what belongs to its title, in paged and portal exports.

The structure reader cuts the document at the item headings; these rules trim what a
cut leaves in the wrong place: a long title's end wrapped onto the line below it, the
next lettered group's heading ("B. Sager til afgørelse i udvalget") at an item's end,
the site's contact lines after the last item, and the absentees noted under every item,
who were away from the whole meeting.
"""

from __future__ import annotations

import re

from medref.documents import AgendaItem, BulletList, Heading, Paragraph, SectionKind

from . import cues
from . import vocabulary as vocab
from .blocks import RawBlock, clean_inline
from .boilerplate import LINK_ALONE


def title_rest(heading: RawBlock, body: list[RawBlock]) -> str | None:
    """The end of a long heading wrapped onto the next line by a fixed-width export
    ("Pkt.nr. 3 Udpegning af nyt medlem til bestyrelsen … efter Kirsten" / "Halds
    udtræden"), a blank line under it: a short line that is no heading, label or
    sentence, right under a heading that fills its line."""
    first = body[0]
    text = first.text
    shown = cues.strip_list_marker(heading.lines[0]).strip() if heading.lines else ""
    link = LINK_ALONE.fullmatch(shown) if shown[:1] == "[" else None
    if (link["text"] if link else shown).endswith(text):
        return None  # the title printed again under its numbered heading
    if not heading.explicit_heading and _unfinished(heading, first):
        return text  # (a marked heading is whole: only a text's line can be cut short)
    if (
        heading.explicit_heading
        or len(heading.lines) != 1
        or len(heading.lines[0]) < 60
        or heading.lines[0][-1:] in ".:"
        or not text
        or len(text) > 60
        or len(first.lines) != 1
        or text.casefold().startswith("til ")  # "Til beslutning": what the item is for
        or not (
            # A blank line under it in a text export, or the item's case line or first
            # section heading right under it (a paged export gives no blank lines).
            (len(body) > 1 and _opens_body(body[1]))
            or (
                first.line == heading.line + 1 and (len(body) == 1 or body[1].line > first.line + 1)
            )
        )
        or text[-1:] in ".:;!?"
        or cues.heading_kind(text) is not None
        or cues.case_line(text) is not None
        or ":" in text
    ):
        return None
    return text


def _unfinished(heading: RawBlock, first: RawBlock) -> bool:
    """A heading cut off by a narrow table cell, its end on the line right under it:
    "1. Valg af ordstyrer (2" / "min.)", "3. Referat fra mødet den" / "14. september 2017"."""
    if len(heading.lines) != 1 or len(first.lines) != 1:
        return False
    line, text = heading.lines[0], first.text
    if not text or len(text) > 60 or cues.heading_kind(text) is not None:
        return False
    opened = line.count("(") > line.count(")") and text.count(")") > text.count("(")
    words = line.rsplit(None, 1)
    return opened or (len(words) == 2 and words[1] in vocab.DANGLING_WORDS)


def _opens_body(block: RawBlock) -> bool:
    """A case-number line or a section heading: what stands right under an item's title."""
    text = block.text
    return bool(text) and (cues.case_line(text) is not None or cues.heading_kind(text) is not None)


# "Telefon 72 40 10 00", "Tlf.: 43 50 10 00", "T 43 50 10 00", "post@kommune.dk",
# "www.kommune.dk", "CVR 12345678".
_CONTACT_LINE = re.compile(
    r"^(?:(?:telefon|tlf|tel|t|cvr(?:-nr)?|ean)\.?\s*:?\s*\+?[\d ]{8,}|\S+@\S+\.[a-z]{2,}"
    r"|www\.[\w.-]+\.[a-z]{2,}/?)$",
    re.IGNORECASE,
)
# "Rådhuset, Torvet 2, 6070 Bjerreby": an address ending in a postcode and a town.
_ADDRESS_LINE = re.compile(r"^[^.]{0,60}\b\d{4}\s+[A-ZÆØÅ][\w-]+(?:\s+[A-ZÆØÅ][\w-]+)?$")


def contact_line(text: str) -> bool:
    """A site's or a letterhead's contact line: a phone number, an e-mail or web address,
    a street address ending in a postcode and a town."""
    return _CONTACT_LINE.match(text) is not None or _ADDRESS_LINE.match(text) is not None


def without_bilag_appendix(body: list[RawBlock], headings: set[str]) -> list[RawBlock]:
    """The last item without the document's bilag list after it ("Bilagsliste" / "2.
    Tilskud til …" / the bilag of item 2 …): a Bilag heading followed by another item's
    numbered heading again is the appendix of the whole document, not this item's bilag."""
    for index, block in enumerate(body[:-1]):
        if cues.heading_kind(block.text) != SectionKind.ATTACHMENTS:
            continue
        following = body[index + 1]
        lines = following.lines if isinstance(following.block, BulletList) else (following.text,)
        if lines and clean_inline(lines[0]) in headings:
            return body[:index]
    return body


def without_site_footer(body: list[RawBlock]) -> list[RawBlock]:
    """The last item without the site's footer after it, kept by a page saved as Word or
    PDF: contact lines (an address, a phone number, an e-mail), the same lines run into
    one paragraph, a block of opening hours, and a row of links ("Cookies",
    "Privatlivspolitik"); only when a contact line is among them."""
    end = len(body)
    start = cut = end
    contact = 0
    above_contact = 0  # short lines above the topmost contact line ("Kontakt", "Egelund Kommune")
    while start > 0:
        block = body[start - 1]
        kind = _footer_kind(block)
        if kind is None and contact >= 2 and above_contact < 3 and _short_name_line(block):
            kind, above_contact = "name", above_contact + 1
        if kind is None:
            break
        if kind == "contact":
            contact += 1
            above_contact = 0
        start -= 1
        if kind != "name":
            cut = start
    if contact:
        start = start if above_contact else cut
        return body[:start]
    return body


def _short_name_line(block: RawBlock) -> bool:
    """ "Kontakt", "Egelund Kommune", "Torvet 2": a footer's short line above its contacts."""
    text = block.text.strip()
    return (
        len(block.lines) == 1
        and 0 < len(text) <= 30
        and text[:1].isupper()
        and text[-1:] not in ".:;,"
        and len(text.split()) <= 4
        and cues.heading_kind(text) is None
    )


def _footer_kind(block: RawBlock) -> str | None:
    """ "contact", "other" (a footer's links or short lines), or None for the minutes'."""
    inner = block.block
    if isinstance(inner, BulletList):
        links = all(not e.children and LINK_ALONE.fullmatch(e.text.strip()) for e in inner.items)
        return "other" if links else None
    lines = [line.strip() for line in block.lines if line.strip()]
    if not lines or any(len(line) > 80 for line in lines):
        return None
    if any(_CONTACT_LINE.match(line) for line in lines):
        return "contact"
    if all(_ADDRESS_LINE.match(line) for line in lines):
        return "other"  # an address alone may be the minutes' own ("Rådhuset, 6070 Nordby")
    if len(lines) >= 2 and all(len(line) <= 40 and line[-1:] != "." for line in lines):
        return "other"  # "Åbningstider i Borgerservice" / "Mandag-onsdag kl. 10-15"
    return None


def lettered_groups(blocks: list[RawBlock]) -> dict[str, int]:
    """How often each one-line "A. Sager til afgørelse i byrådet" stands in the document."""
    counts: dict[str, int] = {}
    for block in blocks:
        if len(block.lines) == 1 and isinstance(block.block, (Paragraph, Heading)):
            text = block.block.text
            if text[1:2] == "." and cues.GROUP_LABEL.match(text):
                counts[text] = counts.get(text, 0) + 1
    return counts


def lettered_group(block: RawBlock, lettered: dict[str, int]) -> bool:
    """A lettered group's heading at an item's end: the next items' group, when marked as a
    heading or printed again under the items' headings."""
    if len(block.lines) != 1 or not isinstance(block.block, (Paragraph, Heading)):
        return False
    count = lettered.get(block.block.text, 0)
    return count >= 2 or (count == 1 and block.explicit_heading)


def absent_throughout(items: list[AgendaItem]) -> tuple[str, ...]:
    """Those the minutes note as away under every open item ("Fraværende: Hans Krog"
    after each decision): away from the meeting."""
    open_items = [item for item in items if not item.closed]
    if len(open_items) < 2 or not open_items[0].absent:
        return ()
    return tuple(n for n in open_items[0].absent if all(n in i.absent for i in open_items[1:]))
