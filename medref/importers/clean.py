"""The blocks made ready to read: portal and page furniture off, lists put right.

What a portal or a paged export adds around the minutes is dropped before
anything is read: navigation and widget lines ("Til toppen", cookie notices,
"fold dette punkt ind"), the running header and footer a paged text export
prints on every page, and bare page numbers. Lists are put the way the text
means them: a list whose marker changes is two, numbered paragraphs set apart
by blank lines are one, and minutes kept as a table become items.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import replace

from medref.documents import Block, BulletList, Heading, ListItem, Paragraph, Table
from medref.documents.model import INLINE_LINK

from . import cues
from . import vocabulary as vocab
from .blocks import RawBlock, clean_inline
from .boilerplate import LINK_ALONE
from .dates import find_date
from .item_bounds import contact_line
from .table_items import table_items

_MIDDLE_DOT = re.compile(r"^[·▪◦]\s*(?P<text>\S.*)$")
_BULLET_LINE = re.compile(r"^[-•*–]\s")
_NUMBER_LINE = re.compile(r"^(\d{1,4})[.)]\s")
_BODY_WORD = re.compile(r"udvalg|råd|med\b|bestyrelse|region|kommune|direktion", re.IGNORECASE)
_PAGE_SUFFIX = re.compile(
    r"\s*[-–|·]?\s*side(?:\s+nr\.?)?\s+\d+(?:\s*(?:af|/)\s*\d+)?$", re.IGNORECASE
)
# How many blocks the title area of a document spans, at most.
_TITLE_AREA = 15
_PRINT_DATE = re.compile(r"^\d{1,2}[-./]\d{1,2}[-./]\d{2,4}(?:,?\s+\d{1,2}[:.]\d{2})?$")
_TITLE_WORD = re.compile(
    r"\b(?:referat|dagsorden|beslutninger|beslutningsprotokol|beslutningsreferat)\b", re.I
)


def _tool_entry(entry: ListItem) -> bool:
    """A page's tool ("Udskriv", "Del", "Print") as a list entry, plain or as a link."""
    text = entry.text
    if entry.children:
        return False
    link = LINK_ALONE.fullmatch(text.strip()) if text[:1] == "[" else None
    shown = link["text"] if link else text
    return len(shown) <= 120 and cues.is_boilerplate(shown)


def _tool_list(inner: BulletList) -> bool:
    """A list of a page's tools only."""
    return all(_tool_entry(entry) for entry in inner.items)


def _without_tool_entries(block: RawBlock) -> RawBlock:
    """A list whose entries carry the page's tools under them ("1. Titel" / "- Udskriv",
    as a Word conversion nests a portal's fold): the entries without them."""
    inner = block.block
    assert isinstance(inner, BulletList)
    if not any(entry.children for entry in inner.items):
        return block
    items = tuple(
        replace(entry, children=tuple(c for c in entry.children if not _tool_entry(c)))
        if entry.children and any(_tool_entry(c) for c in entry.children)
        else entry
        for entry in inner.items
    )
    return block._replace(block=replace(inner, items=items))


def _split_mixed_list(block: RawBlock) -> list[RawBlock]:
    """A list whose marker changes from bullets to numbers is two lists (a contents
    list of bullets with the first numbered heading right below it)."""
    inner = block.block
    if not isinstance(inner, BulletList) or len(block.lines) != len(inner.items):
        return [block]
    if _headings_in_a_list(inner, block.lines):
        # "• 203. Orientering (Lukket)" / "• 204. Underskriftsark (Lukket)": item
        # headings, each a paragraph of its own that a print or a conversion
        # made one list of (items with no text under them, closed ones).
        return [
            RawBlock(block.line + i, BulletList((entry,), False), (f"- {entry.text}",))
            if not inner.ordered
            # "15. Lukket punkt" typed in Word: the line with its number, a paragraph.
            else RawBlock(block.line + i, Paragraph(line), (line,))
            for i, (entry, line) in enumerate(
                zip(inner.items, map(cues.strip_list_marker, block.lines), strict=True)
            )
        ]
    kinds = [bool(_BULLET_LINE.match(line)) for line in block.lines]
    numbers = [int(m[1]) if (m := _NUMBER_LINE.match(line)) else None for line in block.lines]
    # A numbered list whose numbers start again ("17. 18. 19." then "17. …") is two.
    restarts = [
        i
        for i, (before, now) in enumerate(itertools.pairwise(numbers), start=1)
        if before is not None and now is not None and now <= before
    ]
    if (all(kinds) or not any(kinds)) and not restarts:
        return [block]
    parts: list[RawBlock] = []
    start = 0
    for i in range(1, len(kinds) + 1):
        if i == len(kinds) or kinds[i] != kinds[start] or i in restarts:
            items = inner.items[start:i]
            parts.append(
                RawBlock(
                    block.line + start, BulletList(items, not kinds[start]), block.lines[start:i]
                )
            )
            start = i
    return parts


def _headings_in_one_entry(inner: BulletList) -> list[tuple[Block, tuple[str, ...]]] | None:
    """A page that keeps each item in a list element, its fold toggle and section headings
    inside, printed or saved as Word, gives one-entry bulleted lists: "- [1 Budget](#)"
    (the toggle, its sections' headings as children: "- Sagsfremstilling"), "- Bilag"
    (a section heading, the section's list as its children). Those are the heading lines
    they stand for, with what stands under them; None for an ordinary list."""
    if inner.ordered or len(inner.items) != 1:
        return None
    entry = inner.items[0]
    text = entry.text
    children = entry.children
    link = INLINE_LINK.fullmatch(text) if text[:1] == "[" else None
    if cues.item_cue(link["text"] if link else text, explicit=False) is not None:
        if any(
            c.children or len(c.text) > 80 or cues.heading_kind(c.text) is None for c in children
        ):
            return None
        return [(Paragraph(text), (text,)), *((Heading(c.text), (c.text,)) for c in children)]
    if len(text) > 80 or cues.heading_kind(text) is None:
        return None
    under = [(BulletList(children), tuple(f"- {c.text}" for c in children))] if children else []
    return [(Heading(text), (text,)), *under]


# "6. Eventuelt1. Temadrøftelse: …": the first item's heading glued to the contents' end.
_GLUED_FIRST = re.compile(r"^(?P<last>.*?[^\d\s])(?P<heading>(?P<number>\d{1,3})\.\s+\S.*)$")


def _glued_split(list_block: RawBlock) -> tuple[str, str] | None:
    """(the last entry's own text, the heading glued to it) when a page's text copy ran a
    contents list's last line into the first item's heading, which repeats the first entry."""
    inner = list_block.block
    if not isinstance(inner, BulletList) or not inner.ordered or len(inner.items) < 2:
        return None
    glued = _GLUED_FIRST.match(inner.items[-1].text)
    first = _NUMBER_LINE.match(list_block.lines[0])
    if glued is None or first is None or glued["number"] != first[1]:
        return None
    if clean_inline(glued["heading"]) != clean_inline(list_block.lines[0]):
        return None
    return glued["last"], glued["heading"]


def _unglued(block: RawBlock) -> RawBlock:
    split = _glued_split(block)
    if split is None:
        return block
    inner = block.block
    assert isinstance(inner, BulletList)
    last = replace(inner.items[-1], text=split[0])
    lines = (*block.lines[:-1], block.lines[-1][: len(block.lines[-1]) - len(split[1])])
    return block._replace(block=BulletList((*inner.items[:-1], last), True), lines=lines)


def _glued_heading(block: RawBlock) -> RawBlock | None:
    split = _glued_split(block)
    if split is None:
        return None
    line = block.line + len(block.lines) - 1
    return RawBlock(line, Paragraph(split[1]), (split[1],))


def _headings_out_of_lists(kept: list[RawBlock]) -> list[RawBlock]:
    """ "1. Oversigt" / "2. Vurdering" / "3. Status på planen" typed one a paragraph, then
    "Status på planen": a bilag list ran into the next item's heading, whose title is
    printed again right under it (a Word file loses the blank line between them)."""
    out: list[RawBlock] = []
    for index, block in enumerate(kept):
        inner = block.block
        following = kept[index + 1] if index + 1 < len(kept) else None
        if (
            following is not None
            and isinstance(inner, BulletList)
            and inner.ordered
            and len(inner.items) >= 2
            and not inner.items[-1].children
            and len(block.lines) == len(inner.items)
            and inner.items[-1].text == following.text
            and _NUMBER_LINE.match(block.lines[-1])
        ):
            line = block.lines[-1]
            rest = BulletList(inner.items[:-1], True)
            out.append(block._replace(block=rest, lines=block.lines[:-1]))
            out.append(RawBlock(block.line + len(block.lines) - 1, Paragraph(line), (line,)))
            continue
        out.append(block)
    return out


def _headings_in_a_list(inner: BulletList, lines: tuple[str, ...]) -> bool:
    """A list of numbered item headings whose numbers run on (201, 202, …); in a numbered
    list, the entries carry their own numbers ("5. Lukket punkt" in an <ol>)."""
    if len(inner.items) < 2:
        return False
    numbers: list[int] = []
    for entry, line in zip(inner.items, lines, strict=True):
        # "15. Lukket punkt" typed one a paragraph in Word: the number is in the line.
        own = entry.text if entry.text[:1] in "0123456789[" else cues.strip_list_marker(line)
        # "- [6. Eventuelt](/…/punkt-6)": a heading that links to the item's own page.
        link = LINK_ALONE.fullmatch(own) if own[:1] == "[" else None
        text = link["text"] if link else own
        if text[:1] not in "0123456789":
            return False
        cue = cues.item_cue(text, explicit=False) if not entry.children else None
        if cue is None or (numbers and cue.number != numbers[-1] + 1):
            return False
        numbers.append(cue.number)
    # A numbered list from 1 is the text's own ("1. Selvstændighed i hverdagen"); one that
    # starts further on goes on from the items above it.
    return not inner.ordered or numbers[0] > 1


# "… den 11. juni 2024.Beslutning": a section heading a page's text copy ran into the
# line above it, after its full stop or colon.
_GLUED_HEADING = re.compile(r"(?<=[a-zæøå0-9)][.:])(?P<heading>[A-ZÆØÅ][a-zæøå]{3,20})$")


def _unglue_heading(block: RawBlock) -> list[RawBlock]:
    """The block, and the section heading glued to its end as a block of its own."""
    inner = block.block
    last = inner.items[-1].text if isinstance(inner, BulletList) else block.text
    glued = _GLUED_HEADING.search(last) if last[-1:].islower() else None
    if glued is None or cues.heading_kind(glued["heading"]) is None:
        return [block]
    heading = glued["heading"]
    head = last[: glued.start()]
    lines = (*block.lines[:-1], block.lines[-1][: len(block.lines[-1]) - len(heading)])
    if isinstance(inner, BulletList):
        items = (*inner.items[:-1], replace(inner.items[-1], text=head))
        body: RawBlock = block._replace(block=replace(inner, items=items), lines=lines)
    elif isinstance(inner, Paragraph):
        body = block._replace(block=Paragraph(head), lines=lines)
    else:
        return [block]
    return [body, RawBlock(block.line + len(block.lines) - 1, Paragraph(heading), (heading,))]


def _unglued_headings(blocks: list[RawBlock]) -> list[RawBlock]:
    out: list[RawBlock] = []
    for block in blocks:
        last = block.lines[-1] if block.lines else ""
        # Cheap test first: a glued heading ends the line in a lower-case letter.
        if last[-1:].islower() and _GLUED_HEADING.search(last) is not None:
            out.extend(_unglue_heading(block))
        else:
            out.append(block)
    return out


def clean_blocks(blocks: list[RawBlock]) -> list[RawBlock]:
    """Drop portal furniture ("Til toppen", cookie notices, page numbers, fold widgets)."""
    kept: list[RawBlock] = []
    after_page: list[int] = []  # where the block after a dropped page number stands in kept
    for original in _unglued_headings(blocks):
        if isinstance(original.block, BulletList):
            if (headings := _headings_in_one_entry(original.block)) is not None:
                kept.extend(
                    original._replace(line=original.line + i, block=block, lines=lines)
                    for i, (block, lines) in enumerate(headings)
                )
            elif not _tool_list(original.block):  # "- [Udskriv](/print?…)": a portal's tools
                kept.extend(_split_mixed_list(_without_tool_entries(_unglued(original))))
                if (heading := _glued_heading(original)) is not None:
                    kept.append(heading)
            continue
        if isinstance(original.block, Table):
            kept.extend(table_items(original) or (original,))  # minutes kept in a table
            continue
        block = original
        inner = block.block
        # (A tuple in isinstance, not a union: this runs on every block.)
        if isinstance(inner, (Paragraph, Heading)) and len(block.lines) == 1:
            text = inner.text
            # is_boilerplate's own tests for a text over 45 characters, without lower():
            # it takes only "ookie" or "OOKIE" as a cookie notice.
            if (
                len(text) <= 45
                or "ookie" in text
                or "OOKIE" in text
                or text[:1] in "aitAIT"
                or text[:4] == "http"
                or text[:1] == "["
                or (text[:2] in ("Du", "DU", "du") and text[:9].casefold() == "du er her")
                or "·" in text
                or "|" in text
                or "›" in text
            ) and (cues.is_boilerplate(text)):
                if cues.PAGE_LINE.match(text.strip()):
                    after_page.append(len(kept))  # kept[-1] stands before it, kept[n] after
                continue
            first = text[:1]
            if first not in "·▪◦fFvVsS":
                kept.append(block)  # no middle dot, no widget prefix: as it is
                continue
            dotted = _MIDDLE_DOT.match(text) if first in "·▪◦" else None
            if dotted:
                # "·  at …": a bullet the text export did not mark as one.
                item = ListItem(dotted["text"])
                kept.append(block._replace(block=BulletList((item,)), lines=(f"- {item.text}",)))
                continue
            stripped = cues.strip_ui(text)
            if stripped != text:
                if not stripped.strip():
                    continue
                new = Heading(stripped) if isinstance(inner, Heading) else Paragraph(stripped)
                block = block._replace(block=new, lines=(stripped,))
        kept.append(block)
    kept = _headings_out_of_lists(kept)
    if after_page:
        kept = _without_page_tops(kept, after_page)
    return _numbered_runs(_without_running_lines(kept, paged_text=bool(after_page)))


def _without_page_tops(kept: list[RawBlock], after_page: list[int]) -> list[RawBlock]:
    """What stands right after the page number on two pages or more, the same each time:
    a browser's print date ("Page 1 of 3" / "12-03-2010"), or a running header that the
    first page does not print ("Referat – FagMED … – 4. marts 2025" from page 2 on, too
    few times for the count in _without_running_lines)."""
    tops: dict[str, list[int]] = {}
    feet: dict[str, list[int]] = {}
    for index in sorted(set(after_page)):  # a page's number and its address: one page
        if index < len(kept) and len(lines := _short_lines(kept[index])) == 1:
            text = lines[0]
            if (len(text) <= 20 and _PRINT_DATE.match(text)) or _page_top(text):
                tops.setdefault(text, []).append(index)
        foot = kept[index - 1] if index > 0 else None
        if foot is not None and isinstance(foot.block, Paragraph) and len(foot.lines) == 1:
            feet.setdefault(foot.lines[0].strip(), []).append(index - 1)
    dropped = {i for places in tops.values() if len(places) >= 2 for i in places}
    # The same line right above the page number on two pages or more is the footer
    # ("Skovbjerg Kommune · … · www.…"), unless it is an item or section heading; it goes
    # wherever it stands (a page whose number a PDF reader took away keeps it too).
    footers = {text for text, places in feet.items() if len(places) >= 2 and _page_foot(text)}
    dropped.update(i for text in footers for i in feet[text])
    for index in after_page:
        dropped.update(_contact_column(kept, index))
    if footers:
        dropped.update(
            i
            for i, block in enumerate(kept)
            if i >= _TITLE_AREA
            and len(block.lines) == 1
            and isinstance(block.block, Paragraph)
            and block.lines[0].strip() in footers
        )
    return [block for i, block in enumerate(kept) if i not in dropped] if dropped else kept


def _short_lines(block: RawBlock) -> tuple[str, ...]:
    """A paragraph's or heading's lines when every one is short (a page header's), else ()."""
    if isinstance(block.block, (Paragraph, Heading)):
        lines = block.lines
        if len(lines) == 1:  # most blocks: no generator for one line
            line = lines[0]
            return (line.strip(),) if len(line) <= 80 else ()
        if max(map(len, lines), default=0) <= 80:
            return tuple(map(str.strip, lines))
    return ()


def _running_kind(text: str) -> str | None:
    """What a line a paged export may print at the top of every page is: "name" for the
    body's name in capitals or the document's title ("Referat - …"), "date" for a date."""
    if cues.heading_kind(text) is not None or cues.item_cue(text, explicit=False) is not None:
        return None
    if text.isupper() and not text.endswith(".") and _BODY_WORD.search(text):
        return "name"  # "FORRETNINGSUDVALGET", "REGION NORD"
    if _TITLE_WORD.search(text) is not None:
        return "name"
    try:
        return "date" if find_date(text) is not None else None
    except ValueError:
        return None


def _page_top(text: str) -> bool:
    """A line that may head every page after the first: the body's name, or a dated title
    ("Referat – FagMED … – 4. marts 2025", which also reads as another body's dated
    decision heading), never an item heading."""
    if _running_kind(text) == "name":
        return True
    if cues.item_cue(text, explicit=False) is not None:
        return False
    try:
        return find_date(text) is not None
    except ValueError:
        return False


def _contact_column(kept: list[RawBlock], page: int) -> range:
    """A letter template's side column printed at the foot of a page ("BØRN OG KULTUR" /
    "Sekretariatet" / "Rådhusvej 1" / "4800 Egeskov" / "www.egeskov.dk" / "Side 1 af 2"):
    the short lines right above the page number, when one of them is a contact line."""
    start = page
    contact = False
    while start > 0:
        block = kept[start - 1]
        if len(block.lines) != 1 or not isinstance(block.block, Paragraph):
            break
        text = block.lines[0].strip()
        if contact_line(text):
            contact = True
        elif len(text) > 40 or ":" in text or text[-1:] in ".,;" or not _page_foot(text):
            break
        start -= 1
    return range(start, page) if contact and page - start >= 2 else range(0)


def _page_foot(text: str) -> bool:
    """Whether a line may be a page's footer: not an item's or a section's heading, and
    not an attendance line ("Afbud: Erik Mørk" at the end of each item's page)."""
    lowered = text.lower()
    return (
        cues.item_cue(text, explicit=False) is None
        and cues.heading_kind(text) is None
        and not any(word in lowered for word in vocab.ATTENDANCE_SENTENCE_WORDS)
    )


def _running_key(line: str) -> str:
    """A line without the page number a running footer ends in ("… Side 3")."""
    return _PAGE_SUFFIX.sub("", line) if line[-1:].isdigit() else line


def _without_running_lines(blocks: list[RawBlock], *, paged_text: bool) -> list[RawBlock]:
    """The running header and footer of a paged export given as text ("Den 10. januar
    2011" / "FORRETNINGSUDVALGET" at the top of every page, "<Udvalg> den … Side 3" at the
    foot), with a bare page number printed beside them. The first time such a line stands,
    it is kept: it is the document's own title or date (when among the first blocks)."""
    short = [_short_lines(block) for block in blocks]
    # Lines are counted as they stand (one C-level count), then folded into their
    # running keys: only the few distinct lines that end in a digit change.
    counts: dict[str, int] = {}
    paged: set[str] = set()  # keys of lines that carried a page number
    for line, count in Counter(itertools.chain.from_iterable(short)).items():
        key = _running_key(line)
        counts[key] = counts.get(key, 0) + count
        if key != line:
            paged.add(key)
    kinds = {key: _running_kind(key) for key, count in counts.items() if count >= 3}
    numbered = paged_text or any(map(_bare_number, counts))
    if numbered:
        # A dated title ("Referat – FagMED … – 4. marts 2025") twice is already a page
        # header where pages are numbered: the first page prints the title in full instead.
        kinds.update(
            (key, "name")
            for key, count in counts.items()
            if count == 2 and _TITLE_WORD.search(key) is not None and _page_top(key)
        )
    first = short[0] if short else ()
    if (
        first
        and (
            kinds.get(first[0], "") is None
            or (counts.get(first[0], 0) == 2 and _after_page_numbers(blocks, short, first[0]))
        )
        # "Referat" as the title, and again as each item's marked section heading
        and not any(
            b.explicit_heading for b, lines in zip(blocks, short, strict=True) if lines == first
        )
    ):
        kinds[first[0]] = "name"  # the document's first line, again at the top of each page
    # A line that stands right after a bare page number each time but the first
    # ("UDVALGET FOR KULTUR, …, DEN 09-10-2007" / "2"), even one that reads as a heading.
    if numbered:
        kinds.update((key, "name") for key in _after_bare_numbers(short, counts))
    running = {key for key, kind in kinds.items() if kind == "name" or key in paged}
    if not running:
        return blocks  # a date alone that recurs is a table's cell, not a running header
    keyed = [tuple(map(_running_key, lines)) for lines in short]
    # A date recurs as a running header only beside the body's name ("Den 10. januar 2011"
    # / "FORRETNINGSUDVALGET"), in one block or two.
    flat = [key for keys in keyed for key in (keys or ("",))]
    for here, below in itertools.pairwise(flat):
        if kinds.get(here) == "date" and below in running:
            running.add(here)
        elif here in running and kinds.get(below) == "date":
            running.add(below)
    kept: list[RawBlock] = []
    seen: set[str] = set()
    tops: list[int] = []  # where a page's first block after its running lines stands in kept
    for index, (block, own) in enumerate(zip(blocks, keyed, strict=True)):
        if own and all(key in running for key in own):
            after_number = bool(kept) and _page_number(kept[-1])
            if index >= _TITLE_AREA or after_number or any(k in seen or k in paged for k in own):
                if kept and _page_number(kept[-1]):
                    kept.pop()  # the page number at the foot of the page before
                tops.append(len(kept))
                continue
            seen.update(own)
        kept.append(block)
    if kept and _page_number(kept[-1]):
        kept.pop()  # the last page's number
    return _without_repeated_rows(kept, tops)


def _after_bare_numbers(short: list[tuple[str, ...]], counts: dict[str, int]) -> set[str]:
    """The lines that follow a bare page number two times or more, and every time they
    stand but the first."""
    following: dict[str, int] = {}
    for above, here in itertools.pairwise(short):
        if len(above) == 1 and len(here) == 1 and _bare_number(above[0]):
            following[here[0]] = following.get(here[0], 0) + 1
    return {
        line for line, times in following.items() if times >= 2 and counts.get(line, 0) <= times + 1
    }


def _after_page_numbers(blocks: list[RawBlock], short: list[tuple[str, ...]], line: str) -> bool:
    """Whether every time but the first that ``line`` stands alone, a bare page number
    stands right above it (a letterhead's line printed again at the top of page 2)."""
    places = [i for i, lines in enumerate(short) if lines == (line,)]
    return len(places) >= 2 and all(i > 0 and _page_number(blocks[i - 1]) for i in places[1:])


def _without_repeated_rows(kept: list[RawBlock], tops: list[int]) -> list[RawBlock]:
    """A table's header row that Word repeats at the top of every page ("Dagsorden:" /
    "Referat:" / "Sagsb." / …, a cell a line): at a page's top, the lines that repeat,
    in order, a run of two or more short lines printed earlier."""
    if not tops:
        return kept
    texts = [
        b.lines[0].strip() if len(b.lines) == 1 and len(b.lines[0]) <= 40 else None for b in kept
    ]
    dropped: set[int] = set()
    for top in set(tops):
        if top >= len(kept) or texts[top] is None:
            continue
        for earlier in (i for i in range(top) if texts[i] == texts[top]):
            length = 0
            while (
                top + length < len(kept)
                and earlier + length < top
                and texts[top + length] is not None
                and texts[top + length] == texts[earlier + length]
            ):
                length += 1
            if length >= 2:
                dropped.update(range(top, top + length))
                break
    return [b for i, b in enumerate(kept) if i not in dropped] if dropped else kept


def _page_number(block: RawBlock) -> bool:
    """A block that is a bare page number ("3")."""
    lines = _short_lines(block)
    return len(lines) == 1 and _bare_number(lines[0])


def _bare_number(line: str) -> bool:
    """ "3": a page's number alone on its line."""
    return line.isdecimal() and len(line) <= 4


def _not_a_heading(line: str) -> bool:
    return line.rstrip()[-1:] == "." or cues.item_cue(line, explicit=False) is None


def _numbered_runs(blocks: list[RawBlock]) -> list[RawBlock]:
    """Numbered paragraphs set apart by blank lines ("1. …" / "2. …" / "3. …") are one
    list, so that they keep their numbers when written out again."""
    joined: list[RawBlock] = []
    for block in blocks:
        inner = block.block
        last = joined[-1] if joined else None
        if (
            last is not None
            and isinstance(inner, BulletList)
            and inner.ordered
            and isinstance(last.block, BulletList)
            and last.block.ordered
            and (first := _NUMBER_LINE.match(block.lines[0]))
            and (previous := _NUMBER_LINE.match(last.lines[-1]))
            and int(first[1]) == int(previous[1]) + 1
            and len(block.lines) == len(inner.items)
            and len(last.lines) == len(last.block.items)
            # Not numbered headings ("1. Budget" / "2. Eventuelt"): those are items. Notes
            # that end as sentences ("2. Anna skriver udkast.") are not.
            and _not_a_heading(block.lines[0])
            and _not_a_heading(last.lines[-1])
        ):
            items = last.block.items + inner.items
            lines = last.lines + block.lines
            joined[-1] = last._replace(block=BulletList(items, True), lines=lines)
            continue
        joined.append(block)
    return joined
