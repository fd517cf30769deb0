"""Where items start: numbered headings in sequence, weighed.

Every one-line block that could be an item heading is a candidate
(``cues.item_cue``: "Punkt 21: …", "Pkt. 7", "3. Titel (Lukket)", "Sag 3 -
…", "§ 4", "• 201. Titel", or a number alone above its title). "Punkt N:"
headings are items wherever they stand, as in every ESDH export. Weaker
shapes count only as a sequence: the chain of candidates whose numbers run
on (21, 22, 23 …, a gap of a closed or withdrawn item allowed) that weighs
most wins, so a lone "1. januar …" in a text or the "1. at …" clauses of a
recommendation are not taken for items, and a contents list printed as
separate lines loses to the same sequence in the body (the later one).

A case-number line standing right above a heading ("Sagsnr. 19/10422" /
"1. Titel") belongs to that item, unless the item has its own below.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from medref.documents import BulletList, Heading, Paragraph
from medref.documents.model import INLINE_LINK

from . import cues
from . import vocabulary as vocab
from .blocks import RawBlock, clean_inline


class Start(NamedTuple):
    at: int  # the heading's block
    number: int
    title: str
    closed: bool
    consumed: int = 0  # blocks after the heading that belong to it (a title below its number)
    case_above: str | None = None
    # "Lukket punkt" on the line above the heading.
    closed_above: bool = False
    # Blocks above the heading that belong to it (a case number, an Åbent/Lukket line).
    above: int = 0


# First characters of an item heading or a number alone (cues.item_cue, cues.number_alone).
_STARTS = frozenset("0123456789pPdDnNsS§åÅlLfFvVaA-•*–·▪●○ ")


class _Candidate(NamedTuple):
    at: int
    cue: cues.ItemCue
    consumed: int
    # The same heading printed right above it (a fold title): it belongs to this item.
    twin: int = 0
    # What a label block between the number and the title said ("Acadre sagsnr.: …").
    case: cues.CaseLine | None = None


def _one_line(block: RawBlock) -> str | None:
    """A one-line block's text; a one-item list's as written (its number kept: "1. Titel")."""
    inner = block.block
    if isinstance(inner, BulletList):
        if len(inner.items) == 1 and not inner.items[0].children:
            raw = block.lines[0] if len(block.lines) == 1 else ""
            return raw if raw[:1].isdigit() else _link_text(inner.items[0].text)
        return None
    if len(block.lines) == 1 and isinstance(inner, Paragraph | Heading):
        return _link_text(inner.text)
    return None


def _link_text(text: str) -> str:
    """A line that is one link ("[1 Budgetopfølgning](#)", a fold's toggle or a link to
    the item's own page) stands for its text."""
    if text[:1] == "[" and (link := INLINE_LINK.fullmatch(text)) is not None:
        return str(link["text"])
    return text


# "Sagsbehandler: Jens Kragh", "Mødedato: 14-06-2018": a field of an item's label block.
_LABEL_LINE = re.compile(r"^[A-ZÆØÅ][\w .-]{1,30}:\s+\S.{0,60}$")


def _title_below(blocks: list[RawBlock], index: int) -> int | None:
    """Where the title under a "Sag nr. N" / "Punkt: N" line stands: right below it, or
    below the item's label block ("Acadre sagsnr.: …" / "Sagsbehandler: …")."""
    for below in range(index + 1, min(index + 10, len(blocks))):
        text = _one_line(blocks[below])
        if text is None:
            return None
        if cues.case_line(text) is not None or _LABEL_LINE.match(text):
            continue
        return below if _title_like(text) else None
    return None


def _titles_below_numbers(blocks: list[RawBlock]) -> bool:
    """Whether "Sag nr. N" lines stand above their titles ("SAG NR. 1" / "MØDEPLAN 2011")
    rather than below them ("Spørgetid" / "Sag nr. 41"): the side with more titles wins,
    and the same line above every number is a running header, not a title."""
    above: list[str] = []
    below = 0
    for index, block in enumerate(blocks):
        text = _one_line(block)
        if (
            not text
            or len(text) > 24
            or text[:1] not in "sSpPdD"
            or cues.number_below(text) is None
        ):
            continue
        title = _one_line(blocks[index - 1]) if index > 0 else None
        if title is not None and _title_like(title) and not title.endswith("."):
            above.append(title)  # (not "Anbefales.": a page's last line)
        below += _title_below(blocks, index) is not None
    if len(above) >= 2 and len(set(above)) == 1:
        above = []
    return below > len(above)


def _label_block(lines: list[str]) -> cues.CaseLine | None:
    """The case number and open/closed mark a label block gives."""
    case: str | None = None
    closed: bool | None = None
    for line in lines:
        found = cues.case_line(line)
        if found is not None:
            case = case or found.case_number
            closed = found.closed if found.closed is not None else closed
        elif (mark := cues.closed_at_end(line)) is not None:
            closed = mark  # "Sagsforløb: ØU - Lukket sag"
    return cues.CaseLine(case, closed) if case is not None or closed is not None else None


def _candidates(blocks: list[RawBlock]) -> list[_Candidate]:
    titles_below: bool | None = None  # decided once, at the first "Sag nr. N" line
    found: list[_Candidate] = []
    for index, block in enumerate(blocks):
        inner = block.block
        # _one_line inlined for paragraphs and headings (most blocks), and the
        # cheap test first (most blocks are prose): what an item heading can start with.
        if isinstance(inner, (Paragraph, Heading)):  # a tuple: faster than a union
            if len(block.lines) != 1:
                continue
            text: str | None = inner.text
            if text and text[:1] == "[":
                text = _link_text(text)
        else:
            text = _one_line(block)
        if not text or text[:1] not in _STARTS:
            continue
        first = text[:1]
        # item_cue's first tests, inline (_STARTS is its first characters): prose that
        # starts with a letter but no item word ("Sagen …", "Der …") is no heading.
        if len(text) > 250 or (
            first.isalpha() and first not in "fFvV" and text[:3].lower() not in cues.ITEM_WORDS
        ):
            cue = None
        else:
            cue = cues.item_cue(text, explicit=block.explicit_heading)
        if cue is not None:
            tail = _CASE_IN_TITLE.search(cue.title) if "nr" in cue.title else None
            case = cues.case_line(cue.title[tail.start() :].strip()) if tail else None
            if tail is not None and case is not None:
                # "Sygefravær 3. kvartal 2024 / Sagsnr. 24/00871" broken by hand in a
                # heading: the title, and the item's case number.
                cue = cue._replace(title=cue.title[: tail.start()].rstrip())
            found.append(_Candidate(index, cue, 0, case=case))
            continue
        # number_below and number_alone take only short lines: their length tests inline.
        below_number = cues.number_below(text) if len(text) <= 24 and first in "sSpPdD" else None
        previous = found[-1] if found else None
        if (
            below_number is not None
            and previous is not None
            and previous.cue.number == below_number
            and index - previous.at - previous.consumed <= 3
        ):
            # "• Pkt. 87 Titel" / "Pkt. 87" / "Titel": the heading printed again, the
            # number and the title each on a line (a fold title above the item's own).
            end = index
            again = _one_line(blocks[index + 1]) if index + 1 < len(blocks) else None
            if again is not None and again.casefold() == previous.cue.title.casefold():
                end = index + 1
            found[-1] = previous._replace(consumed=end - previous.at)
            continue
        if below_number is not None and index > 0:
            # "Spørgetid" / "Sag nr. 129": the title stands above its number; or below it,
            # "SAG NR. 1" / "MØDEPLAN 2011", whichever the document does.
            if titles_below is None:
                titles_below = _titles_below_numbers(blocks)
            if not titles_below and found and found[-1].at == index - 1:
                continue  # the line above is a heading already
            if titles_below:
                where = _title_below(blocks, index)
                if where is not None:
                    title = _one_line(blocks[where])
                    assert title is not None
                    name, closed = cues.closed_title(title)
                    cue = cues.ItemCue(below_number, name, closed, 3)
                    fields = [_one_line(b) or "" for b in blocks[index + 1 : where]]
                    found.append(_Candidate(index, cue, where - index, case=_label_block(fields)))
                continue
            title = _one_line(blocks[index - 1])
            if _title_like(title):
                assert title is not None
                name, closed = cues.closed_title(title)
                cue = cues.ItemCue(below_number, name, closed, 3)
                found.append(_Candidate(index - 1, cue, 1))
            continue
        number = cues.number_alone(text) if len(text) <= 16 else None
        if number is not None and index + 1 < len(blocks):
            below = blocks[index + 1]
            title = _one_line(below)
            if _title_like(title):
                assert title is not None
                name, closed = cues.closed_title(title)
                strength = 3 if below.explicit_heading else 1
                if text[:1] in "pP":
                    strength = 6  # "Punkt 1." alone, the title under it: "Punkt N" is strong
                found.append(_Candidate(index, cues.ItemCue(number, name, closed, strength), 1))
    return found


def _section_below(blocks: list[RawBlock], cand: _Candidate) -> bool:
    below = cand.at + 1 + cand.consumed
    text = _one_line(blocks[below]) if below < len(blocks) else None
    return text is not None and cues.heading_kind(text) is not None


def _title_like(title: str | None) -> bool:
    """Could this line be an item's title standing beside its number?"""
    return bool(
        title
        and title[:1].isupper()
        and len(title) < 200
        and cues.heading_kind(title) is None
        and cues.case_line(title) is None
        and vocab.TOC_HEADING.match(title) is None  # "1" / "Indholdsfortegnelse": a page
    )


def _chain(candidates: list[_Candidate]) -> list[_Candidate]:
    """The heaviest chain of candidates whose numbers run on."""
    if not candidates:
        return []
    count = len(candidates)
    score = [0] * count
    length = [1] * count
    back = [-1] * count
    first = list(range(count))
    # Earlier candidates by number: only those 1-4 below one can come before it in a
    # chain, so each looks at those, not at every earlier one (linear, not quadratic).
    by_number: dict[int, list[int]] = {}
    for j, cand in enumerate(candidates):
        number = cand.cue.number
        score[j] = own = cand.cue.strength
        # In index order, the order a scan of every earlier candidate meets them in.
        before = sorted(i for step in (1, 2, 3, 4) for i in by_number.get(number - step, ()))
        by_number.setdefault(number, []).append(j)
        for i in before:
            step = number - candidates[i].cue.number
            value = score[i] + own + (2 if step == 1 else 1 - step)
            # Equal weight: the chain that starts later (the body, not its contents list).
            if value > score[j] or (value == score[j] and back[j] >= 0 and first[i] > first[j]):
                score[j], back[j], length[j], first[j] = value, i, length[i] + 1, first[i]
    best = max(range(count), key=lambda j: (score[j], candidates[first[j]].at))
    chain: list[_Candidate] = []
    j = best
    while j >= 0:
        chain.append(candidates[j])
        j = back[j]
    chain.reverse()
    if len(chain) == 1 and chain[0].cue.strength < 4:
        return []  # see item_starts: a lone heading needs a section heading under it
    return chain


def _same_title(one: str, other: str) -> bool:
    """The same title, one perhaps cut where a line wrapped."""
    a, b = one.casefold(), other.casefold()
    if _PAGE_AT_END.sub("", a) == _PAGE_AT_END.sub("", b):
        return True  # "Eventuelt 6" in the contents, its page number after it
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return len(short) >= 10 and long.startswith(short)


_PAGE_AT_END = re.compile(r"\s+\d{1,3}$")


def _without_contents(candidates: list[_Candidate]) -> list[_Candidate]:
    """A contents list printed as lines ("1 Titel" / "2 Titel" …) is not the items: a
    line with at most one line under it whose number and title stand again later."""
    by_number: dict[int, list[int]] = {}
    for position, cand in enumerate(candidates):
        by_number.setdefault(cand.cue.number, []).append(position)
    kept: list[_Candidate] = []
    for position, cand in enumerate(candidates):
        following = candidates[position + 1] if position + 1 < len(candidates) else None
        if (
            following is not None
            and following.at - (cand.at + cand.consumed) <= 2
            and any(
                later > position and _same_title(candidates[later].cue.title, cand.cue.title)
                for later in by_number[cand.cue.number]
            )
        ):
            continue
        kept.append(cand)
    return kept


def _drop_empty_repeats(chosen: list[_Candidate]) -> list[_Candidate]:
    """A number given twice: the first, with nothing under it, is a contents line or a
    heading printed twice."""
    kept: list[_Candidate] = []
    last = {cand.cue.number: position for position, cand in enumerate(chosen)}
    for position, cand in enumerate(chosen):
        repeated = last[cand.cue.number] > position
        nothing_below = position + 1 < len(chosen) and chosen[position + 1].at == (
            cand.at + 1 + cand.consumed
        )
        if repeated and nothing_below:
            continue
        kept.append(cand)
    return kept


def _above(blocks: list[RawBlock], chosen: list[_Candidate]) -> list[Start]:
    """Case numbers and Åbent/Lukket lines standing right above a heading belong to it."""
    starts: list[Start] = []
    previous_end = -1
    for cand in chosen:
        case: str | None = None
        closed_above = False
        above = cand.twin
        at = cand.at - 1 - cand.twin
        # An item whose whole body is one such line keeps it ("Lukket punkt" under a closed
        # item's heading in a public version): the line must not be the item's only one.
        floor = previous_end + 1 if previous_end >= 0 else previous_end
        while at > floor and above < 2 + cand.twin:
            text = _one_line(blocks[at])
            found = cues.case_line(text) if text else None
            if found is None:
                break
            if (
                above == cand.twin
                and previous_end >= 0
                and all(
                    (line := _one_line(block)) and cues.case_line(line)
                    for block in blocks[previous_end + 1 : at]
                )
            ):
                break  # the item above's whole body is such lines (case number, "Lukket punkt")
            if found.case_number and case is None:
                below_index = cand.at + 1 + cand.consumed
                below_text = _one_line(blocks[below_index]) if below_index < len(blocks) else None
                below = cues.case_line(below_text) if below_text else None
                if below is not None and below.case_number:
                    break
                case = found.case_number
            elif found.case_number or found.closed is None:
                break
            closed_above = closed_above or bool(found.closed)
            above += 1
            at -= 1
        cue = cand.cue
        if cand.case is not None:
            case = case or cand.case.case_number
            closed_above = closed_above or bool(cand.case.closed)
        starts.append(
            Start(
                cand.at, cue.number, cue.title, cue.closed, cand.consumed, case, closed_above, above
            )
        )
        previous_end = cand.at + cand.consumed
    return starts


def _one_of_each_pair(candidates: list[_Candidate]) -> list[_Candidate]:
    """A heading printed twice in a row (a fold title, then the body's own) is one: the second."""
    kept: list[_Candidate] = []
    for position, cand in enumerate(candidates):
        following = candidates[position + 1] if position + 1 < len(candidates) else None
        if (
            following is not None
            and following.at == cand.at + 1 + cand.consumed
            and following.cue.number == cand.cue.number
            and following.cue.title.casefold() == cand.cue.title.casefold()
        ):
            candidates[position + 1] = following._replace(twin=1 + cand.consumed + cand.twin)
            continue
        kept.append(cand)
    return kept


# A portal's first fold that holds the meeting's cover page, not an item.
_COVER_TITLES = frozenset({"forside", "forsiden", "punkt 0"})


def _titles_over_sections(blocks: list[RawBlock], *, explicit: bool) -> list[tuple[int, str, str]]:
    """(index, title, the section heading under it) of each title-like line that a
    section heading follows; only headings the format marks, when ``explicit``."""
    titled: list[tuple[int, str, str]] = []
    for index, block in enumerate(blocks[:-1]):
        if explicit and not block.explicit_heading:
            continue
        text = _one_line(block)  # (a title that links to the item's page: its text)
        if not _title_like(text):
            continue
        assert text is not None
        if not explicit and (len(text) > 120 or text.endswith((".", ":"))):
            continue
        if text.casefold() in _COVER_TITLES:
            titled.clear()  # the cover's fold: what stands under it is the meeting's
            continue
        below = _one_line(blocks[index + 1])
        if below is not None and cues.heading_kind(below) is not None:
            titled.append((index, text, below.rstrip(": ").casefold()))
    return titled


def _unnumbered(blocks: list[RawBlock]) -> list[_Candidate]:
    """Items printed without numbers (a portal's fold-outs: the title, then the item's
    sections): a heading the format marks (or, in a text that marks none, a short line)
    with a section heading right under it is an item's title. They are numbered 1, 2, …
    in the order they stand."""
    titled = _titles_over_sections(blocks, explicit=True)
    if len(titled) < 2:
        # A text without marked headings: a short line with no full stop will do.
        titled = _titles_over_sections(blocks, explicit=False)
    if len(titled) < 2:
        return []
    found: list[_Candidate] = []
    for index, text, _opening in titled:
        name, closed = cues.closed_title(text)
        found.append(_Candidate(index, cues.ItemCue(len(found) + 1, name, closed, 1), 0))
    return found


def _under(blocks: list[RawBlock], cand: _Candidate) -> tuple[bool, bool]:
    """Whether a case-number line, and whether a section heading, follows within three lines."""
    below = cand.at + 1 + cand.consumed
    case = section = False
    for block in blocks[below : below + 3]:
        text = _one_line(block)
        if text is not None:
            case = case or cues.case_line(text) is not None
            section = section or cues.heading_kind(text) is not None
    return case, section


def _out_of_sequence(
    blocks: list[RawBlock], candidates: list[_Candidate], chain: list[_Candidate]
) -> list[_Candidate]:
    """The chain with the items whose numbers do not run on: an item added late and
    numbered after the rest ("1", "2", "6", "3" …). Such a heading counts when it has a
    number the chain lacks and the chain's shape: a marked heading with a case line or a
    section heading under it, or, where every item has its case line under the heading,
    a heading of the same strength with one too (so "6. at …" in a list does not count)."""
    numbers = {cand.cue.number for cand in chain}
    weakest = min(cand.cue.strength for cand in chain)
    cased: bool | None = None  # whether the chain's items have case lines under them
    extra: list[_Candidate] = []
    for cand in candidates:
        if cand.at <= chain[0].at or cand.cue.number in numbers or cand.cue.strength < weakest:
            continue
        if cand.cue.title[-1:] == "." and cand.cue.strength < 6:
            continue  # "2. Anna Riis skriver udkast …": a numbered note ends as a sentence
        case, section = _under(blocks, cand)
        if not (case or section):
            continue
        if cand.cue.strength < 3:
            if cased is None:
                cased = sum(_under(blocks, member)[0] for member in chain) * 2 > len(chain)
            if not (case and cased):
                continue
        numbers.add(cand.cue.number)
        extra.append(cand)
    if not extra:
        return chain
    return sorted([*chain, *extra], key=lambda cand: cand.at)


def _titles_from_contents(blocks: list[RawBlock]) -> list[_Candidate]:
    """Marked headings without numbers whose titles are a numbered contents list's
    entries, in its order ("1. Godkendelse af dagsorden" … then "# Godkendelse af
    dagsorden": a Word heading whose list number pandoc dropped): those are the items,
    numbered as the contents number them."""
    numbered: dict[str, int] = {}
    for block in blocks:
        inner = block.block
        if isinstance(inner, BulletList) and inner.ordered and len(inner.items) >= 2:
            for position, (entry, line) in enumerate(
                zip(inner.items, block.lines, strict=False), start=1
            ):
                if entry.text[:1] == "[":
                    continue  # a site's menu of links, not a list of the meeting's items
                typed = _LINE_NUMBER.match(cues.strip_list_marker(line).strip())
                key = clean_inline(entry.text).casefold()
                numbered.setdefault(key, int(typed[1]) if typed else position)
    if len(numbered) < 2:
        return []
    found: list[_Candidate] = []
    for index, block in enumerate(blocks):
        if block.explicit_heading and isinstance(block.block, Heading):
            number = numbered.get(block.block.text.casefold())
            if number is not None and (not found or number > found[-1].cue.number):
                name, closed = cues.closed_title(block.block.text)
                found.append(_Candidate(index, cues.ItemCue(number, name, closed, 6), 0))
    # Most of the contents stand again as headings (a menu shares a title or two at most).
    return found if len(found) >= 2 and 2 * len(found) > len(numbered) else []


_CASE_IN_TITLE = re.compile(r"\s(?=(?:sagsnr|sags\s*nr|j\.\s*nr|journalnr)\.?\s*:?\s*\S+$)", re.I)
_LINE_NUMBER = re.compile(r"^(\d{1,4})[.)]\s")


def item_starts(blocks: list[RawBlock]) -> list[Start]:
    candidates = _without_contents(_one_of_each_pair(_candidates(blocks)))
    strong = [c for c in candidates if c.cue.strength >= 6]
    if not strong and (titled := _titles_from_contents(blocks)):
        strong = titled
    chosen = strong if strong else _chain(candidates)
    if chosen and not strong:
        chosen = _out_of_sequence(blocks, candidates, chosen)
    if not chosen:
        # One item's page ("4. Meddelelser fra formanden" / "Referat" / …): a lone
        # numbered heading counts when a section heading stands right under it.
        lone = [c for c in candidates if _section_below(blocks, c)]
        chosen = lone[:1] if len(lone) == 1 else _unnumbered(blocks)
    return _above(blocks, _drop_empty_repeats(chosen))
