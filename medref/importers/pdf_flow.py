"""Positioned lines -> raw blocks: paragraphs, headings, lists, tables.

Two lines belong to one paragraph when the gap between them is a normal
line pitch (at most ~1.25x the most common one for their font size), they
share a font, and the first was *wrapped*: the next line's first word would
not have fitted at its end (otherwise the writer broke the line by hand).
A line starting with a bullet glyph or "1." starts a list item; the
glyph's x position gives its nesting. Consecutive lines split into aligned
columns are an unruled table.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field

from medref.documents import BulletList, Heading, ListItem, Paragraph, Table

from . import vocabulary as vocab
from .blocks import RawBlock, clean_inline
from .dates import starts_with_date
from .pdf_lines import Line
from .pdf_tables import PlacedTable
from .pdf_text import clean, join_lines, join_two

# Glyphs that stand alone before a list item's text (Symbol/Wingdings bullets
# come out in the private use area).
BULLET_GLYPHS = frozenset("•▪‣◦·∙●○■□➢►✓-–—o*\uf0b7\uf0a7\uf0a8\uf076\uf0d8\uf0fc\uf06e")
# "o" is Word's second-level bullet; before a capital it is not a word.
_INLINE_BULLET = re.compile(
    r"^(?P<glyph>[•▪‣◦·∙●■□➢►\-–\uf0b7\uf0a7]|o(?=\s+[A-ZÆØÅÉÄÖÜ]))\s+(?P<text>\S.*)$"
)
_NUMBER = re.compile(r"^\d{1,3}[.)]$")
_INLINE_NUMBER = re.compile(r"^\d{1,3}[.)]\s+(?P<text>\S.*)$")


@dataclass(slots=True)
class _Metrics:
    pitch: dict[float, float]
    right: float
    body_size: float

    def line_pitch(self, size: float) -> float:
        return self.pitch.get(round(size * 2) / 2, 1.2 * size)


@dataclass(slots=True)
class _Entry:
    indent: float
    ordered: bool
    lines: list[str] = field(default_factory=list)


def _metrics(lines: list[Line]) -> _Metrics:
    gaps: dict[float, list[float]] = {}
    for a, b in itertools.pairwise(lines):
        gap = a.baseline - b.baseline
        if a.page == b.page and abs(a.size - b.size) < 0.3 and gap > 0.5 * a.size:
            gaps.setdefault(round(a.size * 2) / 2, []).append(gap)
    # The usual gap between a paragraph's lines; a short document of one-line
    # paragraphs has none, so the estimate is capped at 1.5 line heights.
    # Paragraphs set apart by a margin (HTML printed by a browser) make most
    # gaps paragraph gaps: the smallest gap that recurs is then the pitch.
    ascents: dict[float, list[float]] = {}
    for line in lines:
        ascents.setdefault(round(line.size * 2) / 2, []).append(line.top - line.baseline)
    pitch = {
        size: min(
            sorted(values)[len(values) // 5],
            1.5 * size,
            _recurring_minimum(
                values, sorted(ascents.get(size, [0.0]))[len(ascents.get(size, [0.0])) // 2]
            ),
        )
        for size, values in gaps.items()
        if len(values) >= 2
    }
    rights = sorted(line.x1 for line in lines) or [0.0]
    lefts = sorted(line.x0 for line in lines) or [0.0]
    # Margins are mostly symmetric: that bounds the text width from below when
    # no line happens to reach the right margin.
    width = max((line.page_width for line in lines), default=0.0)
    mirrored = width - lefts[len(lefts) // 50]
    right = rights[int((len(rights) - 1) * 0.98)]
    right = mirrored if right < mirrored - 0.05 * width else right
    sizes: Counter[float] = Counter()
    for line in lines:
        sizes[round(line.size * 2) / 2] += len(line.text)
    body = sizes.most_common(1)[0][0] if sizes else 10.0
    return _Metrics(pitch, right, body)


def _recurring_minimum(gaps: list[float], ascent: float) -> float:
    """The smallest gap that occurs at least twice (within half a point).

    When even that is far more than a line of this type needs (over 2.6 times
    the letters' height above the baseline, about 1.7 em), the document has no
    wrapped lines to measure and every gap is a paragraph's: the natural pitch
    (about 1.6 ascents, 1.15 em) is used instead.
    """
    ordered = sorted(gaps)
    found = ordered[-1]
    for a, b in itertools.pairwise(ordered):
        if b - a <= 0.5:
            found = a
            break
    if ascent > 0 and found > 2.6 * ascent:
        return 1.6 * ascent
    return found


def _is_toc_line(line: Line) -> bool:
    return bool(vocab.TOC_ENTRY.match(line.text.strip())) and (
        ".." in line.text or len(line.cells) > 1
    )


def _marker(line: Line, previous: Line | None, metrics: _Metrics) -> tuple[bool, str] | None:
    """(ordered, text) when the line starts a list item."""
    cells = line.cells
    if len(cells) > 1 and cells[0] in BULLET_GLYPHS:
        return False, " ".join(cells[1:])
    if len(cells) > 1 and _NUMBER.match(cells[0]):
        return True, " ".join(cells[1:])
    text = line.text.replace("\t", " ")
    # "5. december" or "– men" starting a line wrapped from the line above is text.
    inline = _INLINE_NUMBER.match(text) or _INLINE_BULLET.match(text)
    if (
        inline is None
        or (inline.re is _INLINE_NUMBER and starts_with_date(text))
        or (
            previous is not None
            and (inline.re is _INLINE_NUMBER or inline["glyph"] in "-–")
            and _continues(previous, line, metrics, first_x=previous.x0)
        )
    ):
        return None
    return inline.re is _INLINE_NUMBER, inline["text"]


def _wrapped(a: Line, b: Line, metrics: _Metrics) -> bool:
    """Would b's first word have fitted at a's end? If not, a was wrapped."""
    if _is_toc_line(a) or not b.text.strip():
        return False
    word = _first_word_end(b) - b.x0
    return metrics.right - a.x1 < word + 0.3 * a.size


def _first_word_end(line: Line) -> float:
    """Where the line's first word ends, also when the word is split over runs ("Ø" +
    "konomiudvalget": a letter drawn as a text object of its own)."""
    runs = line.runs
    i = 0
    end = runs[0].first_word_x1
    while (
        i + 1 < len(runs)
        and end >= runs[i].x1 - 0.01
        and not any(c.isspace() for c in runs[i].text.strip())
        and not runs[i].text[-1:].isspace()
        and runs[i + 1].x0 - runs[i].x1 < 0.2 * line.size
        and not runs[i + 1].text[:1].isspace()
    ):
        i += 1
        end = runs[i].first_word_x1
    return end


def _continues(a: Line, b: Line, metrics: _Metrics, *, first_x: float) -> bool:
    """Is b the next line of a's paragraph?"""
    if abs(a.size - b.size) > 0.5 or a.bold != b.bold or len(b.cells) > 1:
        return False
    text = b.text.strip()
    if vocab.section_kind(text) is not None or vocab.TOC_HEADING.match(text):
        return False  # a section heading ("Indstilling", "Indhold") starts a block of its own
    if 0 < text.find(":") < 30 and text[:1].isupper() and vocab.header_field(text) is not None:
        return False  # so does a labelled header line ("Sted: …", "Afbud:")
    if a.page == b.page:
        if a.baseline - b.baseline > 1.25 * metrics.line_pitch(a.size):
            return False
    elif b.page != a.page + 1 or (a.text.rstrip()[-1:] in ".:!?" and b.text[:1].isupper()):
        return False  # a sentence ending a page most likely ends its paragraph
    elif vocab.section_kind(a.text.strip()) is not None:
        return False  # so does a section heading ("Beslutning i … , pkt. 3")
    centred = abs((a.x0 + a.x1) - (b.x0 + b.x1)) < a.size  # a centred title's two lines
    if abs(b.x0 - first_x) > 3 * a.size and abs(b.x0 - a.x0) > 3 * a.size and not centred:
        return False
    if text[:1].islower() and a.text.rstrip()[-1:] not in ".:!?;" and a.page == b.page:
        return True  # "… cykelparkeringspladser ved" / "stationen": a narrow column's wrap
    return _wrapped(a, b, metrics)


def _aligned(a: Line, b: Line) -> bool:
    """Do two multi-column lines share at least two column starts?"""
    shared = sum(1 for x in b.cell_x if any(abs(x - y) < 4 for y in a.cell_x))
    return len(a.cells) > 1 and len(b.cells) > 1 and shared >= 2


def _nest(entries: list[_Entry], *, typed_hyphens: bool) -> tuple[ListItem, ...]:
    def build(start: int, indent: float) -> tuple[tuple[ListItem, ...], int]:
        items: list[ListItem] = []
        i = start
        while i < len(entries) and entries[i].indent >= indent - 1.5:
            text = join_lines(entries[i].lines, typed_hyphens=typed_hyphens)
            i += 1
            children: tuple[ListItem, ...] = ()
            if i < len(entries) and entries[i].indent > entries[i - 1].indent + 1.5:
                children, i = build(i, entries[i].indent)
            items.append(ListItem(clean_inline(text), children))
        return tuple(items), i

    return build(0, entries[0].indent)[0]


class _Flow:
    def __init__(self, items: list[Line | PlacedTable], *, typed_hyphens: bool) -> None:
        self.items = items
        self.typed_hyphens = typed_hyphens
        self.metrics = _metrics([item for item in items if isinstance(item, Line)])
        self.blocks: list[RawBlock] = []
        self.sizes: list[float] = []  # each block's first line's letter size (0: a table)
        self.line_no = 1

    def emit(
        self,
        block: Paragraph | Heading | BulletList | Table,
        lines: list[str],
        page: int,
        size: float = 0.0,
    ) -> None:
        heading = isinstance(block, Heading)
        raw = RawBlock(self.line_no, block, tuple(lines), explicit_heading=heading, page=page)
        self.blocks.append(raw)
        self.sizes.append(size)
        self.line_no += len(lines) + 1

    def with_levels(self) -> list[RawBlock]:
        """Headings with a level by their letters' size (the largest 1): a printed page's
        heading levels, for structure.py to judge whether they follow the items."""
        sizes = sorted(
            {
                round(s * 2) / 2
                for s, b in zip(self.sizes, self.blocks, strict=True)
                if s and b.explicit_heading
            },
            reverse=True,
        )
        if len(sizes) < 2:
            return self.blocks
        rank = {size: level for level, size in enumerate(sizes, start=1)}
        return [
            block._replace(level=rank[round(size * 2) / 2])
            if size and block.explicit_heading
            else block
            for block, size in zip(self.blocks, self.sizes, strict=True)
        ]

    def line_at(self, i: int) -> Line | None:
        item = self.items[i] if i < len(self.items) else None
        return item if isinstance(item, Line) else None

    def run(self) -> list[RawBlock]:
        i = 0
        while i < len(self.items):
            item = self.items[i]
            if isinstance(item, PlacedTable):
                rows = item.table.rows
                self.emit(item.table, ["\t".join(row) for row in rows], item.page)
                i += 1
                continue
            previous = self.line_at(i - 1) if i else None
            if (marker := _marker(item, previous, self.metrics)) is not None:
                i = self.list_from(i, marker[0])
            elif (nxt := self.line_at(i + 1)) and _aligned(item, nxt) and not _is_toc_line(item):
                i = self.table_from(i)
            else:
                i = self.paragraph_from(i)
        return self.blocks

    def paragraph_from(self, start: int) -> int:
        first = self.line_at(start)
        assert first is not None
        lines = [first]
        i = start + 1
        while (
            (line := self.line_at(i)) is not None
            and _marker(line, lines[-1], self.metrics) is None
            and _continues(lines[-1], line, self.metrics, first_x=first.x0)
        ):
            lines.append(line)
            i += 1
        text = join_lines([line.text for line in lines], typed_hyphens=self.typed_hyphens)
        raw = clean(first.text) if len(lines) == 1 else text  # one line keeps its tabs
        larger = first.size >= self.metrics.body_size + 1.5
        if (first.bold or larger) and len(text) <= 150 and not text.endswith("."):
            block: Paragraph | Heading = Heading(clean_inline(text))
        else:
            block = Paragraph(clean_inline(text))
        self.emit(block, [raw], first.page, first.size)
        return i

    def list_from(self, start: int, ordered: bool) -> int:
        entries: list[_Entry] = []
        raws: list[str] = []  # each item's first line as printed, its number kept ("3. Titel")
        first = self.line_at(start)
        assert first is not None
        i = start
        last = first
        while (line := self.line_at(i)) is not None:
            marker = _marker(line, last if i > start else None, self.metrics)
            if marker is not None:
                if entries and marker[0] != ordered and line.x0 <= entries[0].indent + 1.5:
                    break  # a list of the other kind starts
                if entries and line.x0 < entries[0].indent - 1.5:
                    break  # left of the list's first entry: an outer list goes on
                entries.append(_Entry(line.x0, marker[0], [marker[1]]))
                raws.append(clean_inline(line.text.replace("\t", " ")))
            elif _continues(last, line, self.metrics, first_x=line.x0):
                entries[-1].lines.append(line.text)
                # The printed first line carries the wrapped rest too ("3. Titel …" / "… ende").
                raws[-1] = clean_inline(
                    join_two(
                        raws[-1], line.text.replace("\t", " "), typed_hyphens=self.typed_hyphens
                    )
                )
            else:
                break
            last = line
            i += 1
        items = _nest(entries, typed_hyphens=self.typed_hyphens)
        lines = [f"- {item.text}" for item in items]
        if ordered and len(items) == len(raws):
            lines = raws  # numbers kept: "3. Titel" may be an item heading, "1." a restart
        self.emit(BulletList(items, ordered), lines, first.page)
        return i

    def table_from(self, start: int) -> int:
        first = self.line_at(start)
        assert first is not None
        rows = [first]
        i = start + 1
        while (line := self.line_at(i)) is not None and _aligned(first, line):
            rows.append(line)
            i += 1
        table = Table(tuple(tuple(clean_inline(clean(c)) for c in row.cells) for row in rows))
        self.emit(table, [clean(row.text) for row in rows], first.page)
        return i


def blocks_from(items: list[Line | PlacedTable], *, typed_hyphens: bool = False) -> list[RawBlock]:
    flow = _Flow(items, typed_hyphens=typed_hyphens)
    flow.run()
    return flow.with_levels()
