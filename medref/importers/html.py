"""HTML minutes (one page per meeting, as portals and Word export them): the front end.

Parsed with selectolax (Lexbor, the browsers' HTML5 algorithm; nothing is
executed). Only what a reader sees as the minutes is read: scripts, styles,
templates, navigation, site header/footer chrome, forms, buttons, ``hidden``
elements and screen-reader helpers are left out. CSS is not evaluated, so
accordion panels hidden by a class or ``display:none`` are kept.

What becomes a block: h1–h6 and ``<summary>`` -> Heading (levels carry no
structure); inline runs in ``<p>``/``<div>``/… -> Paragraph, ``<br>``
splitting its ``lines``, and a run that is all ``<strong>``/``<b>`` ->
Heading (the shared reader decides); ``<ul>``/``<ol>`` -> BulletList;
``<table>`` -> Table (nested tables flattened to text; a table holding
headings, or ``role="presentation"``, is layout and read as a container);
``<dl>`` -> Paragraph "dt dd" per term; ``<pre>`` -> plain-text minutes
(``text.text_blocks``); ``<a href>`` -> ``[text](href)``, except that a
heading that is all one in-page link (an accordion toggle) keeps its text.

A list of in-page anchor links before the first item (the portal's item
navigation, "Punkt 1: …" -> ``#punkt1``) is dropped with an
"Indholdsfortegnelse" heading right above it. As TOC lines it would add
nothing (HTML has no page numbers; the items carry their titles) and harm:
the shared reader takes every header line after "Indholdsfortegnelse" as a
TOC entry (a ``<dl>`` header below would be lost), and a one-entry list
would read as an item.

A paragraph right after an "Indholdsfortegnelse" heading keeps its source
lines as ``lines`` (a browser folds them; a converted plain-text TOC,
pandoc's ``<p>A..... 3\\nB..... 4</p>``, keeps its entries that way).

Line numbers: Lexbor nodes carry no source position. A block's ``line`` is
that of its element's start tag, found by the element's ordinal among the
source's start tags of that name (comments, scripts, styles blanked out);
loose text takes the line of the nearest start tag before it. Approximate
(elements the parser invents, like an implied <tbody>, shift the count).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Final

from selectolax.lexbor import LexborHTMLParser, LexborNode

from medref.documents import BulletList, ListItem, Table

from . import decode
from . import vocabulary as vocab
from .blocks import RawBlock, clean_inline, heading, paragraph
from .errors import ParseError, quote
from .text import text_blocks

# The headings whose level a page's template sets.
_LEVELS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


HEADINGS: Final = _names("h1 h2 h3 h4 h5 h6")
# Elements that start and end a block (whatever inline text precedes them
# becomes its own paragraph).
BLOCKS: Final = HEADINGS | _names(
    "address article aside blockquote body caption center dd details dialog dir div dl dt "
    "fieldset figcaption figure footer form header hgroup hr html legend li main menu nav "
    "ol p pre section summary table tbody td tfoot th thead tr ul"
)
# Never text of the minutes.
SKIPPED: Final = _names(
    "-comment audio base canvas datalist embed head iframe input label link map math meta "
    "meter nav noscript object optgroup option output param progress script select source "
    "style svg template textarea title track video"
)
CHROME_ROLES: Final = _names("navigation banner contentinfo search")
# Site chrome by class or id: screen-reader-only helpers, breadcrumbs, cookie banners.
CHROME_CLASS: Final = re.compile(
    r"(?:^|[\s_-])(?:sr-only|visually-?hidden|screen-reader-text|breadcrumbs?|cookie\w*|"
    r"skip-?links?)(?:$|[\s_-])",
    re.IGNORECASE,
)
# The collapsed panel of an accordion: hidden until clicked, but the item's content.
FOLD_PANEL: Final = re.compile(r"accordion|collaps|fold|expand|panel", re.IGNORECASE)
# "Til toppen" and skip links: a paragraph that is only one of these is chrome.
NAV_LINK_TEXT: Final = re.compile(
    r"^(?:(?:tilbage )?til top(?:pen)?|top|(?:gå|spring) til (?:hoved)?indhold|skip to .*)$", re.I
)
WHOLE_LINK: Final = re.compile(r"^\[(?P<text>(?:(?!\]\().)*)\]\((?P<href>[^()\s]*)\)$")
ANCHOR_ENTRY: Final = re.compile(r"^\[[^\]]+\]\(#[^)\s]+\)[\s.\d]*$")
TOC_LEADER_INSIDE: Final = re.compile(r"\.{2,}\s*\d{1,4}\s+\S")
TOC_LEADER_ENTRY: Final = re.compile(r"\s*\S.*?\.{2,}\s*\d{1,4}(?=\s|$)")
# A line break inside a run; NUL cannot occur in decoded input (decode rejects it).
BREAK: Final = "\x00"

# --- decoding -------------------------------------------------------------------

_META_CHARSET = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# Labels the HTML standard maps to another encoding than Python's codec of that name.
_WHATWG_LABELS: Final = dict.fromkeys(
    ("iso-8859-1", "iso8859-1", "latin1", "l1", "us-ascii", "ascii"), "cp1252"
) | {"iso-8859-9": "cp1254", "latin5": "cp1254"}
_UTF8_LABELS: Final = frozenset({"utf-8", "utf8", "unicode-1-1-utf-8"})
_CONTROL_BYTE = re.compile(rb"[\x00-\x08\x0e-\x1f\x7f]")


def _at(message: str, path: str, source: bytes | str, offset: int | None) -> ParseError:
    """An error located at ``offset`` in ``source`` (its line), or at the file."""
    if offset is None:
        return ParseError(message, path=path)
    if isinstance(source, bytes):
        return ParseError(message, path=path, line=source.count(b"\n", 0, offset) + 1)
    return ParseError(message, path=path, line=source.count("\n", 0, offset) + 1)


def decode_html(data: bytes, *, path: str) -> str:
    """The page's text, decoded as its BOM or ``<meta charset>`` says (default UTF-8)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        data = _strict(data, "utf-16", path=path).encode("utf-8")
    control = _CONTROL_BYTE.search(data)
    if control:
        # Checked before decoding: a PNG or ZIP is binary, not text in another charset.
        message = f"binære data (byten 0x{control[0][0]:02X}) i en HTML-fil"
        raise _at(message, path, data, control.start())
    match = _META_CHARSET.search(data[:4096])
    label = match[1].decode("ascii").lower() if match else "utf-8"
    # A BOM wins over the declaration; a declared UTF-16 without BOM means UTF-8.
    if data.startswith(codecs.BOM_UTF8) or label in _UTF8_LABELS or label.startswith("utf-16"):
        return decode(data, path=path)
    codec = _WHATWG_LABELS.get(label, label)
    try:
        codecs.lookup(codec)
    except LookupError:
        message = f"siden angiver et ukendt tegnsæt {quote(label)} (<meta charset>)"
        raise _at(message, path, data, match.start() if match else None) from None
    return _strict(data, codec, path=path)


def _strict(data: bytes, codec: str, *, path: str) -> str:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        message = f"filen er ikke {codec}-tekst, som siden angiver: byten 0x{data[exc.start]:02X}"
        raise _at(message, path, data, exc.start) from exc
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


# --- source lines ---------------------------------------------------------------

_START_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9:-]*)")
_OPAQUE = re.compile(
    r"<!--.*?(?:-->|$)|<(script|style|textarea|title)\b.*?(?:</\1\s*>|$)", re.S | re.I
)
MAX_DEPTH: Final = 256
_CONTAINER_TAG = re.compile(
    r"<(/?)(?:div|ul|ol|dl|blockquote|section|article|details|aside|main|nav|figure|"
    r"fieldset|header|footer|center|menu|dir|address|form|table)\b",
    re.I,
)


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match[0])


def check_depth(scanned: str, *, path: str) -> None:
    """Refuse deep nesting of block containers before Lexbor sees it: its
    tree building is quadratic in that depth (100,000 nested divs: 27 s)."""
    depth = 0
    for match in _CONTAINER_TAG.finditer(scanned):
        depth += -1 if match[1] else 1
        if depth > MAX_DEPTH:
            message = (
                f"HTML-koden er indlejret for dybt til at kunne læses (over {MAX_DEPTH} niveauer)"
            )
            raise _at(message, path, scanned, match.start())


def source_lines(tree: LexborHTMLParser, scanned: str) -> dict[int, int]:
    """Each element's start-tag line, by ``mem_id`` (see the module docstring)."""
    found: dict[str, list[int]] = {}
    line, position = 1, 0
    for match in _START_TAG.finditer(scanned):
        line += scanned.count("\n", position, match.start())
        position = match.start()
        found.setdefault(match[1].lower(), []).append(line)
    lines: dict[int, int] = {}
    seen: dict[str, int] = {}
    for node in tree.root.traverse() if tree.root else ():
        tag = node.tag or ""
        index = seen.get(tag, 0)
        seen[tag] = index + 1
        candidates = found.get(tag, ())
        if index < len(candidates):
            lines[node.mem_id] = candidates[index]
    return lines


# --- the walk -------------------------------------------------------------------


@dataclass
class _Run:
    """Inline content collected for one paragraph."""

    parts: list[str] = field(default_factory=list)
    line: int = 0
    # Some visible text stands outside <strong>/<b>.
    plain: bool = False


@dataclass(frozen=True)
class _Context:
    bold: bool = False
    in_heading: bool = False
    # Inside <article>/<main>: <header>/<footer>/<aside> there belong to the page.
    in_article: bool = False
    # Collecting one line of text (a heading, a cell, a list item): blocks fold in.
    flat: bool = False


class _Walker:
    def __init__(self, lines: dict[int, int]) -> None:
        self.lines = lines
        self.blocks: list[RawBlock] = []
        self.run = _Run()
        self.last_line = 1
        self.seen_item = False
        self.readers: dict[str, Callable[[LexborNode, _Context], None]] = {
            **dict.fromkeys((*HEADINGS, "summary"), self.heading),
            **dict.fromkeys(("ul", "ol"), self.bullet_list),
            "table": self.table,
            "dl": self.definitions,
            "pre": self.preformatted,
        }

    def line_of(self, node: LexborNode) -> int:
        line = self.lines.get(node.mem_id)
        if line is not None:
            self.last_line = max(self.last_line, line)
        return self.last_line

    def skipped(self, node: LexborNode, tag: str, ctx: _Context) -> bool:
        attributes = node.attributes
        chrome = f"{attributes.get('class') or ''} {attributes.get('id') or ''}"
        return (
            tag in SKIPPED
            or (
                "hidden" in attributes
                and attributes["hidden"] != "until-found"
                # A fold-out item's collapsed panel is minutes, shown by a click.
                and FOLD_PANEL.search(chrome) is None
            )
            # aria-hidden on an inline element is a decorative icon; on a block
            # it is often a collapsed accordion panel, which is minutes.
            or (attributes.get("aria-hidden") == "true" and tag not in BLOCKS)
            or (attributes.get("role") or "").lower() in CHROME_ROLES
            or CHROME_CLASS.search(chrome) is not None
            or (tag in ("header", "footer", "aside") and not ctx.in_article)
            # A button is a widget, unless it holds a heading (a fold-out item's title).
            or (
                tag == "button"
                and not ctx.in_heading
                and node.css_first("h1,h2,h3,h4,h5,h6") is None
            )
            or (tag == "dialog" and "open" not in attributes)
            # A search or login form; ASP.NET pages wrap the whole page in one <form>.
            or (tag == "form" and node.css_first("h1,h2,h3,h4,h5,h6,table,details") is None)
        )

    def emit(self, block: RawBlock) -> None:
        if len(block.lines) == 1 and vocab.ITEM_HEADING.match(block.text):
            self.seen_item = True
        self.blocks.append(block)

    def after_toc_heading(self) -> bool:
        return bool(self.blocks) and bool(vocab.TOC_HEADING.match(self.blocks[-1].text))

    def add_text(self, text: str, ctx: _Context) -> None:
        if not self.run.parts and not text.strip():
            return
        if not self.run.parts:
            self.run.line = self.last_line
        self.run.parts.append(text)
        if not ctx.bold and text.replace(BREAK, "").strip():
            self.run.plain = True

    def flush(self) -> None:
        if not self.run.parts:
            return
        run, self.run = self.run, _Run()
        raw = "".join(run.parts)
        if self.after_toc_heading():
            lines = _toc_lines(raw)
        else:
            lines = tuple(line for line in (clean_inline(p) for p in raw.split(BREAK)) if line)
        if not lines:
            return
        text = " ".join(lines)
        link = WHOLE_LINK.match(text)
        if link and link["href"].startswith("#") and NAV_LINK_TEXT.match(link["text"].strip()):
            return
        if not run.plain and len(lines) == 1:
            self.emit(heading(run.line, text))
        else:
            self.emit(paragraph(run.line, text, lines))

    def collect_run(self, nodes: list[LexborNode], ctx: _Context) -> _Run:
        saved, self.run = self.run, _Run()
        for node in nodes:
            self.node(node, replace(ctx, flat=True))
        collected, self.run = self.run, saved
        return collected

    def collect(self, nodes: list[LexborNode], ctx: _Context) -> tuple[str, bool]:
        """The one-line text of ``nodes`` (and whether any of it is plain)."""
        run = self.collect_run(nodes, ctx)
        return clean_inline("".join(run.parts).replace(BREAK, " ")), run.plain

    def children(self, node: LexborNode, ctx: _Context) -> None:
        for child in node.iter(include_text=True):
            self.node(child, ctx)

    def node(self, node: LexborNode, ctx: _Context) -> None:
        tag = node.tag or ""
        if tag == "-text":
            self.add_text(node.text_content or "", ctx)
            return
        if self.skipped(node, tag, ctx):
            return
        self.line_of(node)
        if tag == "br":
            self.add_text(BREAK, ctx)
        elif tag == "a":
            self.link(node, ctx)
        elif tag == "img":
            self.add_text(node.attributes.get("alt") or "", ctx)
        elif tag in ("strong", "b"):
            self.children(node, replace(ctx, bold=True))
        elif ctx.flat:
            # One line of text: blocks inside it are separated by a space.
            self.add_text(" ", ctx)
            self.children(node, ctx)
            self.add_text(" ", ctx)
        elif (read := self.readers.get(tag)) and not (tag == "table" and _is_layout(node)):
            self.flush()
            read(node, ctx)
        elif tag in BLOCKS:
            self.flush()
            role = (node.attributes.get("role") or "").lower()
            if tag in ("article", "main") or role == "main":
                ctx = replace(ctx, in_article=True)
            self.children(node, ctx)
            self.flush()
        else:
            self.children(node, ctx)

    def link(self, node: LexborNode, ctx: _Context) -> None:
        href = (node.attributes.get("href") or "").strip()
        if not href or href.lower().startswith("javascript:") or node.css_first("p,div,table"):
            self.children(node, ctx)
            return
        text, plain = self.collect(list(node.iter(include_text=True)), ctx)
        if text:
            self.add_text(f"[{text}]({href})", replace(ctx, bold=not plain))

    def heading(self, node: LexborNode, ctx: _Context) -> None:
        line = self.line_of(node)
        text, _ = self.collect([node], replace(ctx, in_heading=True))
        link = WHOLE_LINK.match(text)
        if link and link["href"].startswith(("#", "javascript:")):
            text = clean_inline(link["text"])
        if text:
            level = int(node.tag[1]) if node.tag in _LEVELS else 0
            self.emit(heading(line, text, level))

    def list_items(self, node: LexborNode, ctx: _Context) -> tuple[ListItem, ...]:
        items: list[ListItem] = []
        for child in node.iter():
            tag = child.tag or ""
            if self.skipped(child, tag, ctx):
                continue
            if tag in ("ul", "ol"):
                # A list directly inside a list (invalid, common): the item above's children.
                nested = self.list_items(child, ctx)
                if items:
                    items[-1] = ListItem(items[-1].text, items[-1].children + nested)
                else:
                    items.extend(nested)
                continue
            inline = [c for c in child.iter(include_text=True) if c.tag not in ("ul", "ol")]
            text, _ = self.collect(inline, ctx)
            children = tuple(
                item
                for sub in child.iter()
                if sub.tag in ("ul", "ol") and not self.skipped(sub, sub.tag, ctx)
                for item in self.list_items(sub, ctx)
            )
            if text or children:
                items.append(ListItem(text, children))
        return tuple(items)

    def bullet_list(self, node: LexborNode, ctx: _Context) -> None:
        if node.css_first("li h1, li h2, li h3, li h4, li h5, li h6, li p, li div, li table"):
            # A list used as a container: a portal printing each agenda item as an <li>
            # holding its headings and paragraphs. Its content is read as blocks.
            for child in node.iter():
                if not self.skipped(child, child.tag or "", ctx):
                    self.flush()
                    self.children(child, ctx)
                    self.flush()
            return
        line = self.line_of(node)
        items = self.list_items(node, ctx)
        if not items:
            return
        if not self.seen_item and _all_anchor_links(items):
            # The portal's item navigation (see the module docstring).
            if self.after_toc_heading():
                self.blocks.pop()
            return
        lines = tuple(f"- {item.text}" for item in items)
        self.emit(RawBlock(line, BulletList(items, node.tag == "ol"), lines))

    def table(self, node: LexborNode, ctx: _Context) -> None:
        line = self.line_of(node)
        rows: list[tuple[str, ...]] = []
        for child in node.iter():
            if child.tag == "caption":
                text, _ = self.collect([child], ctx)
                if text:
                    self.emit(paragraph(self.line_of(child), text))
        for row in _own(node, ("tr",), ("thead", "tbody", "tfoot")):
            cells = [c for c in row.iter() if c.tag in ("td", "th")]
            texts = tuple(self.collect([cell], ctx)[0] for cell in cells)
            if any(texts):
                rows.append(texts)
        if rows:
            self.emit(RawBlock(line, Table(tuple(rows)), tuple("\t".join(r) for r in rows)))

    def definitions(self, node: LexborNode, ctx: _Context) -> None:
        groups: list[tuple[int, list[str], list[str]]] = []  # (line, terms, values)
        for child in _own(node, ("dt", "dd"), ("div",)):
            text, _ = self.collect([child], ctx)
            term = child.tag == "dt"
            if not groups or (term and groups[-1][2]):
                groups.append((self.line_of(child), [], []))
            (groups[-1][1] if term else groups[-1][2]).append(text)
        for line, terms, values in groups:
            text = clean_inline(" ".join(terms) + " " + ", ".join(v for v in values if v))
            if text:
                self.emit(paragraph(line, text))

    def preformatted(self, node: LexborNode, ctx: _Context) -> None:
        line = self.line_of(node)
        run = self.collect_run(list(node.iter(include_text=True)), ctx)
        raw = "".join(run.parts).replace(BREAK, "\n")
        for block in text_blocks(raw):
            self.emit(block._replace(line=line + block.line - 1))


def _toc_lines(raw: str) -> tuple[str, ...]:
    """A TOC paragraph's entries: its source lines or, when a line has a "….. N"
    in its middle (re-wrapped, as pandoc does by default), cut after each one."""
    pieces = raw.replace("\n", BREAK).split(BREAK)
    lines = tuple(line for line in (clean_inline(p) for p in pieces) if line)
    if not any(TOC_LEADER_INSIDE.search(line) for line in lines):
        return lines
    folded = " ".join(lines)
    matches = list(TOC_LEADER_ENTRY.finditer(folded))
    tail = clean_inline(folded[matches[-1].end() :])
    return tuple(clean_inline(m[0]) for m in matches) + ((tail,) if tail else ())


def _is_layout(table: LexborNode) -> bool:
    role = (table.attributes.get("role") or "").lower()
    return role in ("presentation", "none") or table.css_first("h1,h2,h3,h4,h5,h6") is not None


def _own(node: LexborNode, tags: tuple[str, ...], groups: tuple[str, ...]) -> list[LexborNode]:
    """Children with one of ``tags``, also inside ``groups`` (a table's rows in
    <tbody>, a <dl>'s terms in <div>), never those of a nested table or list."""
    found: list[LexborNode] = []
    for child in node.iter():
        if child.tag in tags:
            found.append(child)
        elif child.tag in groups:
            found.extend(c for c in child.iter() if c.tag in tags)
    return found


def _all_anchor_links(items: tuple[ListItem, ...]) -> bool:
    return all(ANCHOR_ENTRY.match(item.text) and _all_anchor_links(item.children) for item in items)


def html_blocks(data: bytes, path: str) -> list[RawBlock]:
    """Split an HTML page into raw blocks (see the module docstring)."""
    text = decode_html(data, path=path)
    if not _START_TAG.search(text):
        raise ParseError(
            "ingen HTML-kode i filen: er det almindelig tekst (.txt)?", path=path, line=1
        )
    scanned = _OPAQUE.sub(_blank, text)
    check_depth(scanned, path=path)
    tree = LexborHTMLParser(text)
    body = tree.body
    if body is None:
        raise ParseError("siden har intet <body> (en side med rammer?)", path=path, line=1)
    walker = _Walker(source_lines(tree, scanned))
    try:
        walker.node(body, _Context())
    except RecursionError:
        raise ParseError(
            "HTML-koden er indlejret for dybt til at kunne læses", path=path, line=walker.last_line
        ) from None
    walker.flush()
    if not walker.blocks:
        raise ParseError(
            "sidens <body> har ingen synlig tekst (kun kode, scripts eller navigation)",
            path=path,
            line=walker.last_line,
        )
    return walker.blocks
