"""Word .docx minutes: the front end, on python-docx.

The body XML is walked in document order (paragraphs, tables and content
controls interleaved). Word says little about meaning: a heading may be a
"Heading 2" paragraph, a Danish "Overskrift 2" or just a short bold Normal
paragraph, so all of these become headings and the structure reader decides
by their words. A paragraph's "line" is its 1-based index among the body's
paragraphs and table rows, what "FILE:LINE" points at in an error.

The package is checked before python-docx opens it: a zip bomb or an
encrypted (OLE) file is refused with a ParseError, never a traceback.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn

from medref.documents import BulletList, Heading, ListItem, Paragraph, Table

from . import vocabulary as vocab
from .blocks import RawBlock, clean_inline
from .errors import ParseError

# Limits on what a package may unpack to; a caller may pass its own.
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100
MAX_MEMBERS = 10_000
# Members smaller than this are not ratio-checked: they cannot be a bomb, and
# a few KB of repetitive XML legitimately compresses very well.
RATIO_FLOOR_BYTES = 1024 * 1024
# A bold paragraph longer than this is emphasis, not a heading.
HEADING_MAX_CHARS = 150

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
NOT_DOCX = "the file is encrypted or not a Word .docx file"
MB = 1024 * 1024
# Word has no empty bookmark, so pandoc writes the link "[her](#)" with the
# anchor "X" + sha1("")[1:] (how it names any invalid bookmark); read it back as "#".
PANDOC_EMPTY_ANCHOR = "X" + hashlib.sha1(b"").hexdigest()[1:]

# Element is an lxml element; lxml ships without type stubs.
Element = Any

_HEADING_STYLE = re.compile(
    r"^(?:heading|overskrift|rubrik)\s*[1-9]$|^(?:title|titel|subtitle|undertitel)$"
)
_TOC_STYLE = re.compile(r"^(?:toc|indholdsfortegnelse|contents)\s*[1-9]$")
_TOC_HEADING_STYLE = re.compile(r"^(?:toc heading|overskrift til indholdsfortegnelse)$")
_LIST_STYLE = re.compile(
    r"^(?P<kind>list bullet|list number|opstilling med punkttegn|opstilling med tal)"
    r"(?:\s*(?P<level>[1-9]))?$"
)
_ORDERED_STYLE_WORDS = ("number", "tal")
_HYPERLINK_FIELD = re.compile(
    r'^\s*HYPERLINK\s+(?:"(?P<url>[^"]*)")?(?:.*?\\l\s+"(?P<anchor>[^"]*)")?'
)
_TOC_PAGE = re.compile(r"^(?P<title>.*?)[\s.…]*\t[\s.…]*(?P<page>\d{1,4})\s*$")
_OFF = {"0", "false", "off", "none"}
_SKIPPED_IN_PARAGRAPH = {qn("w:del"), qn("w:moveFrom"), qn("w:pPr"), qn("w:rPr")}
_WRAPPERS = {
    qn("w:ins"),
    qn("w:smartTag"),
    qn("w:customXml"),
    qn("w:moveTo"),
    qn("w:dir"),
    qn("w:bdo"),
}


def check_package(
    data: bytes,
    path: str,
    *,
    max_uncompressed: int = MAX_UNCOMPRESSED_BYTES,
    max_ratio: float = MAX_COMPRESSION_RATIO,
) -> None:
    """Refuse what is not a zip package, or one that would unpack too far."""
    if data.startswith(OLE_MAGIC):
        raise ParseError(
            f"{NOT_DOCX} (an OLE compound file: a password-protected .docx or an old .doc; "
            "save it as .docx without a password)",
            path=path,
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise ParseError(f"{NOT_DOCX} (not a zip package)", path=path) from exc
    if len(members) > MAX_MEMBERS:
        raise ParseError(
            f"{NOT_DOCX}: the package holds {len(members)} files; the limit is {MAX_MEMBERS}",
            path=path,
        )
    if any(member.flag_bits & 0x1 for member in members):
        raise ParseError(f"{NOT_DOCX} (its zip entries are encrypted)", path=path)
    total = sum(member.file_size for member in members)
    if total > max_uncompressed:
        raise ParseError(
            f"the package unpacks to {total / MB:.0f} MB; the limit is "
            f"{max_uncompressed / MB:.0f} MB uncompressed",
            path=path,
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_FLOOR_BYTES and ratio > max_ratio:
            raise ParseError(
                f"{member.filename} is compressed {ratio:.0f}:1; the limit is "
                f"{max_ratio:g}:1 (a zip bomb?)",
                path=path,
            )


def _on(element: Element | None) -> bool:
    """A toggle property (<w:b/>, <w:vanish/>) that is present and not switched off."""
    return element is not None and element.get(qn("w:val"), "true").lower() not in _OFF


def _int(value: str | None, default: int = 0) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


class _Styles:
    """Style lookups by id, following w:basedOn chains."""

    def __init__(self, root: Element) -> None:
        self.by_id: dict[str, Element] = {
            s.get(qn("w:styleId")): s for s in root.iterchildren(qn("w:style"))
        }

    def chain(self, style_id: str | None) -> Iterator[Element]:
        seen: set[str] = set()
        while style_id and style_id in self.by_id and style_id not in seen:
            seen.add(style_id)
            style = self.by_id[style_id]
            yield style
            based_on = style.find(qn("w:basedOn"))
            style_id = None if based_on is None else based_on.get(qn("w:val"))

    def names(self, style_id: str | None) -> list[str]:
        found = []
        for style in self.chain(style_id):
            name = style.find(qn("w:name"))
            if name is not None:
                found.append(clean_inline(name.get(qn("w:val"), "")).casefold())
        return found

    def first(self, style_id: str | None, xpath: str) -> Element | None:
        """The first element at ``xpath`` (e.g. "w:pPr/w:numPr") along the chain."""
        tags = "/".join(qn(step) for step in xpath.split("/"))
        for style in self.chain(style_id):
            found = style.find(tags)
            if found is not None:
                return found
        return None


class _Numbering:
    """numId + level -> the level's number format ("bullet", "decimal", …)."""

    def __init__(self, root: Element | None, styles: _Styles) -> None:
        self.nums: dict[str, Element] = {}
        self.abstracts: dict[str, Element] = {}
        self.styles = styles
        if root is not None:
            self.nums = {n.get(qn("w:numId")): n for n in root.iterchildren(qn("w:num"))}
            self.abstracts = {
                a.get(qn("w:abstractNumId")): a for a in root.iterchildren(qn("w:abstractNum"))
            }

    def format(self, num_id: str, level: int, depth: int = 0) -> str | None:
        num = self.nums.get(num_id)
        if num is None or depth > 5:
            return None
        for override in num.iterchildren(qn("w:lvlOverride")):
            if _int(override.get(qn("w:ilvl"))) == level:
                fmt = override.find(f"{qn('w:lvl')}/{qn('w:numFmt')}")
                if fmt is not None:
                    return str(fmt.get(qn("w:val"), ""))
        abstract_id = num.find(qn("w:abstractNumId"))
        if abstract_id is None:
            return None
        abstract = self.abstracts.get(abstract_id.get(qn("w:val")))
        if abstract is None:
            return None
        for lvl in abstract.iterchildren(qn("w:lvl")):
            if _int(lvl.get(qn("w:ilvl"))) == level:
                fmt = lvl.find(qn("w:numFmt"))
                return str(fmt.get(qn("w:val"), "")) if fmt is not None else None
        # A list style: the definition lives in the numbering the style names.
        link = abstract.find(qn("w:numStyleLink"))
        if link is not None:
            linked = self.styles.first(link.get(qn("w:val")), "w:pPr/w:numPr/w:numId")
            if linked is not None:
                return self.format(linked.get(qn("w:val"), ""), level, depth + 1)
        return None


@dataclass
class _Field:
    """A complex field (w:fldChar begin … separate … end) being read."""

    instruction: str = ""
    result: bool = False
    link_start: int | None = None  # where its [link text] starts in the buffer


@dataclass
class _ListEntry:
    level: int
    text: str
    key: str
    ordered: bool


@dataclass
class _Text:
    """A paragraph's text as read: with "\\n" for breaks and "\\t" for tabs."""

    parts: list[str] = field(default_factory=list)
    bold: list[bool] = field(default_factory=list)
    toc: bool = False
    # Links as (first part, end part, target); kept apart so that a TOC entry,
    # which Word wraps in a link, keeps its tab before the page number.
    links: list[tuple[int, int, str]] = field(default_factory=list)

    @property
    def raw(self) -> str:
        return "".join(self.parts)

    def add_link(self, start: int, target: str | None) -> None:
        if target is not None and start < len(self.parts):
            self.links.append((start, len(self.parts), target))

    def linked(self) -> str:
        """The text with links written "[text](target)"; an inner link yields to an outer one."""
        out: list[str] = []
        position = 0
        for start, end, target in sorted(self.links, key=lambda s: (s[0], -s[1])):
            if start < position:
                continue
            label = clean_inline("".join(self.parts[start:end]))
            out.extend(self.parts[position:start])
            out.append(f"[{label}]({target})" if label else "".join(self.parts[start:end]))
            position = end
        out.extend(self.parts[position:])
        return "".join(out)


class _Reader:
    def __init__(self, document: Any) -> None:
        self.part = document.part
        self.styles = _Styles(document.styles.element)
        numbering = None
        with contextlib.suppress(KeyError, NotImplementedError):
            numbering = self.part.numbering_part.element
        self.numbering = _Numbering(numbering, self.styles)
        self.blocks: list[RawBlock] = []
        self.count = 0
        self.fields: list[_Field] = []
        self.in_toc_control = False
        self.list: list[_ListEntry] = []
        self.list_line = 0
        self.toc: list[str] = []
        self.toc_line = 0

    # --- the body -------------------------------------------------------------

    def read(self, body: Element) -> list[RawBlock]:
        self.walk(body)
        self.flush_list()
        self.flush_toc()
        return self.blocks

    def walk(self, parent: Element) -> None:
        for child in parent.iterchildren():
            if child.tag == qn("w:p"):
                self.paragraph(child)
            elif child.tag == qn("w:tbl"):
                self.flush_list()
                self.flush_toc()
                self.table(child)
            elif child.tag == qn("w:sdt"):
                gallery = child.find(
                    f"{qn('w:sdtPr')}/{qn('w:docPartObj')}/{qn('w:docPartGallery')}"
                )
                was = self.in_toc_control
                if gallery is not None and "contents" in gallery.get(qn("w:val"), "").lower():
                    self.in_toc_control = True
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    self.walk(content)
                self.in_toc_control = was
            elif child.tag in _WRAPPERS:
                self.walk(child)

    def paragraph(self, p: Element) -> None:
        self.count += 1
        line = self.count
        style_id = self._style_id(p)
        names = self.styles.names(style_id)
        text = self.text(p)
        is_toc_heading = any(_TOC_HEADING_STYLE.match(n) for n in names)
        if not is_toc_heading and (
            text.toc or self.in_toc_control or any(_TOC_STYLE.match(n) for n in names)
        ):
            self.flush_list()
            self.add_toc(line, text.raw)
            return
        listed = self._list_entry(p, style_id, names, text.linked())
        if listed is not None and not listed.text:
            # An empty numbered paragraph shows only its number: nothing to
            # keep, and it must not end the list around it.
            return
        if listed is not None:
            self.flush_toc()
            # A top-level item of another numbering starts a new list.
            top = bool(self.list) and listed.level <= min(e.level for e in self.list)
            if top and listed.key != self.list[0].key:
                self.flush_list()
            if not self.list:
                self.list_line = line
            self.list.append(listed)
            return
        if not text.raw.strip():
            return
        self.flush_list()
        self.flush_toc()
        if self._is_heading(p, style_id, names, text):
            cleaned = clean_inline(text.linked())
            self.blocks.append(RawBlock(line, Heading(cleaned), (cleaned,), explicit_heading=True))
            return
        linked = text.linked()
        lines = tuple(clean_inline(part) for part in linked.split("\n") if part.strip())
        self.blocks.append(RawBlock(line, Paragraph(clean_inline(linked)), lines))

    def table(self, tbl: Element) -> None:
        rows: list[tuple[str, ...]] = []
        first = self.count + 1
        for tr in _children(tbl, qn("w:tr")):
            self.count += 1
            cells = tuple(self._cell_text(tc) for tc in _children(tr, qn("w:tc")))
            if any(cells):
                rows.append(cells)
        if rows:
            self.blocks.append(
                RawBlock(first, Table(tuple(rows)), tuple("\t".join(r) for r in rows))
            )

    def _cell_text(self, tc: Element) -> str:
        texts = [self.text(p).linked() for p in tc.iter(qn("w:p"))]
        return clean_inline(" ".join(texts))

    # --- lists and the table of contents ---------------------------------------

    def _list_entry(
        self, p: Element, style_id: str | None, names: list[str], raw: str
    ) -> _ListEntry | None:
        num_pr = p.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        style_num = self.styles.first(style_id, "w:pPr/w:numPr")
        num_id = _first_val(num_pr, "w:numId") or _first_val(style_num, "w:numId")
        level_val = _first_val(num_pr, "w:ilvl") or _first_val(style_num, "w:ilvl")
        style_list = next((m for n in names if (m := _LIST_STYLE.match(n))), None)
        if (num_id is None or num_id == "0") and style_list is None:
            return None
        if num_id == "0" and num_pr is not None:
            return None  # numbering explicitly removed from a list-styled paragraph
        level = _int(level_val)
        fmt = self.numbering.format(num_id, level) if num_id and num_id != "0" else None
        if fmt is None and style_list is not None:
            ordered = any(w in style_list["kind"] for w in _ORDERED_STYLE_WORDS)
        else:
            ordered = fmt not in (None, "bullet", "none", "")
        if level_val is None and style_list is not None and style_list["level"]:
            # "List Bullet 2" is a one-level numbering of its own: the name nests it.
            level = int(style_list["level"]) - 1
        key = num_id if num_id and num_id != "0" else (style_list["kind"] if style_list else "")
        return _ListEntry(level, clean_inline(raw.replace("\n", " ")), key, ordered)

    def flush_list(self) -> None:
        if not self.list:
            return
        items = _nest([(e.level, e.text) for e in self.list])
        lines = tuple(f"- {item.text}" for item in items)
        self.blocks.append(RawBlock(self.list_line, BulletList(items, self.list[0].ordered), lines))
        self.list = []

    def add_toc(self, line: int, raw: str) -> None:
        if not self.toc:
            self.toc_line = line
        for part in raw.split("\n"):
            entry = _toc_line(part)
            if entry:
                self.toc.append(entry)

    def flush_toc(self) -> None:
        if not self.toc:
            return
        has_heading = any(
            vocab.TOC_HEADING.match(clean_inline(text)) for b in self.blocks for text in b.lines
        )
        if not has_heading:
            title = "Indholdsfortegnelse"
            self.blocks.append(RawBlock(self.toc_line, Paragraph(title), (title,)))
        joined = clean_inline(" ".join(self.toc))
        self.blocks.append(RawBlock(self.toc_line, Paragraph(joined), tuple(self.toc)))
        self.toc = []

    # --- headings ------------------------------------------------------------------

    def _style_id(self, p: Element) -> str | None:
        style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        return None if style is None else style.get(qn("w:val"))

    def _is_heading(self, p: Element, style_id: str | None, names: list[str], text: _Text) -> bool:
        if any(_HEADING_STYLE.match(n) for n in names):
            return True
        outline = p.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
        if outline is None:
            outline = self.styles.first(style_id, "w:pPr/w:outlineLvl")
        if outline is not None and _int(outline.get(qn("w:val")), 9) < 9:
            return True
        cleaned = clean_inline(text.raw)
        return (
            bool(text.bold)
            and all(text.bold)
            and "\n" not in text.raw.strip()
            and len(cleaned) <= HEADING_MAX_CHARS
            and any(c.isalpha() for c in cleaned)
        )

    def _bold(self, run: Element, paragraph_style: str | None) -> bool:
        direct = run.find(f"{qn('w:rPr')}/{qn('w:b')}")
        if direct is not None:
            return _on(direct)
        run_style = run.find(f"{qn('w:rPr')}/{qn('w:rStyle')}")
        if run_style is not None:
            found = self.styles.first(run_style.get(qn("w:val")), "w:rPr/w:b")
            if found is not None:
                return _on(found)
        return _on(self.styles.first(paragraph_style, "w:rPr/w:b"))

    # --- inline text -------------------------------------------------------------

    def text(self, p: Element) -> _Text:
        """The paragraph's text; complex fields are tracked across paragraphs."""
        out = _Text(toc=any(_is_toc(f.instruction) for f in self.fields))
        for f in self.fields:
            f.link_start = None  # a link is only written within one paragraph
        self._inline(p, out, self._style_id(p))
        return out

    def _inline(self, parent: Element, out: _Text, style: str | None) -> None:
        for child in parent.iterchildren():
            tag = child.tag
            if tag == qn("w:r"):
                self._run(child, out, style)
            elif tag == qn("w:hyperlink"):
                start = len(out.parts)
                self._inline(child, out, style)
                target = self._link_target(child)
                out.add_link(start, target)
            elif tag == qn("w:fldSimple"):
                instruction = child.get(qn("w:instr"), "")
                out.toc = out.toc or _is_toc(instruction)
                start = len(out.parts)
                self._inline(child, out, style)
                out.add_link(start, _field_link(instruction))
            elif tag == qn("w:sdt"):
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    self._inline(content, out, style)
            elif tag in _WRAPPERS:
                self._inline(child, out, style)

    def _run(self, run: Element, out: _Text, style: str | None) -> None:
        if _on(run.find(f"{qn('w:rPr')}/{qn('w:vanish')}")):
            return
        shown: list[str] = []
        for child in run.iterchildren():
            tag = child.tag
            if tag == qn("w:fldChar"):
                # Text before the field character stands before it.
                self._emit(run, out, style, shown)
                shown.clear()
                self._field_char(child, out)
                continue
            if tag == qn("w:instrText"):
                if self.fields:
                    self.fields[-1].instruction += child.text or ""
                continue
            if any(not f.result for f in self.fields):
                continue  # inside a field's instruction part
            if tag == qn("w:t"):
                shown.append(child.text or "")
            elif tag == qn("w:tab") or tag == qn("w:ptab"):
                shown.append("\t")
            elif tag in (qn("w:br"), qn("w:cr")):
                shown.append("\n")
            elif tag == qn("w:noBreakHyphen"):
                shown.append("-")
        self._emit(run, out, style, shown)

    def _emit(self, run: Element, out: _Text, style: str | None, shown: list[str]) -> None:
        text = "".join(shown)
        if text:
            out.parts.append(text)
            if text.strip():
                out.bold.append(self._bold(run, style))

    def _field_char(self, char: Element, out: _Text) -> None:
        kind = char.get(qn("w:fldCharType"))
        if kind == "begin":
            self.fields.append(_Field())
        elif kind == "separate" and self.fields:
            current = self.fields[-1]
            current.result = True
            out.toc = out.toc or _is_toc(current.instruction)
            if _field_link(current.instruction):
                current.link_start = len(out.parts)
        elif kind == "end" and self.fields:
            current = self.fields.pop()
            out.toc = out.toc or _is_toc(current.instruction)
            if current.link_start is not None:
                out.add_link(current.link_start, _field_link(current.instruction))

    def _link_target(self, link: Element) -> str | None:
        anchor = link.get(qn("w:anchor"))
        rel_id = link.get(qn("r:id"))
        target = ""
        if rel_id:
            rel = self.part.rels.get(rel_id)
            if rel is not None:
                target = str(rel.target_ref)
        if anchor is not None:
            target += "#" if anchor == PANDOC_EMPTY_ANCHOR else f"#{anchor}"
        return target or None


def _children(parent: Element, tag: str) -> Iterator[Element]:
    """Children with ``tag``, looking through content controls and custom XML."""
    for child in parent.iterchildren():
        if child.tag == tag:
            yield child
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _children(content, tag)
        elif child.tag == qn("w:customXml"):
            yield from _children(child, tag)


def _first_val(parent: Element | None, tag: str) -> str | None:
    if parent is None:
        return None
    found = parent.find(qn(tag))
    return None if found is None else found.get(qn("w:val"))


def _is_toc(instruction: str) -> bool:
    return instruction.strip().upper().startswith("TOC")


def _field_link(instruction: str) -> str | None:
    match = _HYPERLINK_FIELD.match(instruction)
    if match is None:
        return None
    url = match["url"] or ""
    if match["anchor"]:
        url += f"#{match['anchor']}"
    return url or None


def _toc_line(raw: str) -> str:
    """A TOC entry as the shared reader reads it: "Title.....\\t<page>"."""
    match = _TOC_PAGE.match(raw)
    if match is None:
        return clean_inline(raw.replace("\t", " ")).rstrip(" .…")
    title = clean_inline(match["title"].replace("\t", " ")).rstrip(" .…")
    return f"{title}.....\t{match['page']}" if title else ""


def _nest(entries: list[tuple[int, str]]) -> tuple[ListItem, ...]:
    """(level, text) -> nested items; a deeper level is a child of the item above."""
    root: list[tuple[str, list[Any]]] = []
    stack: list[tuple[int, list[Any]]] = [(-1, root)]
    for level, text in entries:
        while len(stack) > 1 and stack[-1][0] >= level:
            stack.pop()
        node: tuple[str, list[Any]] = (text, [])
        stack[-1][1].append(node)
        stack.append((level, node[1]))

    def build(nodes: list[tuple[str, list[Any]]]) -> tuple[ListItem, ...]:
        return tuple(ListItem(text, build(children)) for text, children in nodes)

    return build(root)


def docx_blocks(
    data: bytes,
    path: str,
    *,
    max_uncompressed: int = MAX_UNCOMPRESSED_BYTES,
    max_ratio: float = MAX_COMPRESSION_RATIO,
) -> list[RawBlock]:
    """Split a .docx file into raw blocks in document order."""
    check_package(data, path, max_uncompressed=max_uncompressed, max_ratio=max_ratio)
    try:
        document = docx.Document(io.BytesIO(data))
    except PackageNotFoundError as exc:
        raise ParseError(f"{NOT_DOCX} (no Word document in the package)", path=path) from exc
    except ValueError as exc:
        # python-docx says so when the package is e.g. an .xlsx or .pptx.
        raise ParseError(f"{NOT_DOCX} ({exc})", path=path) from exc
    # lxml's XMLSyntaxError is a SyntaxError (lxml has no type stubs to name it by).
    except (KeyError, SyntaxError, zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise ParseError(f"{NOT_DOCX} (the package is damaged: {exc})", path=path) from exc
    except (RuntimeError, NotImplementedError) as exc:
        # zipfile: encrypted members, unsupported compression methods.
        raise ParseError(f"{NOT_DOCX} ({exc})", path=path) from exc
    blocks = _Reader(document).read(document.element.body)
    if not blocks:
        raise ParseError("the document has no text", path=path, line=1)
    return blocks
