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
import dataclasses
import io
import re
import zipfile
import zlib
from dataclasses import dataclass
from typing import Any

import docx
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree  # type: ignore[import-untyped]

from medref.documents import BulletList, Heading, ListItem, Paragraph, Table
from medref.lib.limits import (
    DEFAULT_LIMITS,
    MAX_PACKAGE_MEMBERS,
    Deadline,
    TimeLimitExceeded,
    package_over_limit,
)

from . import cues
from . import vocabulary as vocab
from .blocks import RawBlock, clean_inline
from .dates import starts_with_date
from .errors import LimitExceeded, ParseError, time_limit_message
from .wordml import (
    WRAPPERS,
    Element,
    InlineReader,
    Numbering,
    ParagraphText,
    Styles,
    children,
    first_val,
    int_val,
    paragraph_style,
    qn,
)

# Limits on what a package may unpack to; a caller may pass its own.
MAX_UNCOMPRESSED_BYTES = DEFAULT_LIMITS.max_unzipped_bytes
MAX_COMPRESSION_RATIO = DEFAULT_LIMITS.max_compression_ratio
MAX_SECONDS = DEFAULT_LIMITS.max_seconds
MAX_MEMBERS = MAX_PACKAGE_MEMBERS
# A bold paragraph longer than this is emphasis, not a heading.
HEADING_MAX_CHARS = 150

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
NOT_DOCX = "filen er krypteret eller ikke en Word-fil (.docx)"
# A package without text: the message, also for the bilag index (``search.bilag``).
NO_TEXT = "dokumentet har ingen tekst"
MB = 1024 * 1024
# "Heading 3", "Overskrift 3" (its level: structure.py decides whether the document's
# levels follow its items), "Title".
_HEADING_STYLE = re.compile(
    r"^(?:heading|overskrift|rubrik)\s*(?P<level>[1-9])$|^(?:title|titel|subtitle|undertitel)$"
)
_TOC_STYLE = re.compile(r"^(?:toc|indholdsfortegnelse|contents)\s*[1-9]$")
_TOC_HEADING_STYLE = re.compile(r"^(?:toc heading|overskrift til indholdsfortegnelse)$")
_LIST_STYLE = re.compile(
    r"^(?P<kind>list bullet|list number|opstilling med punkttegn|opstilling med tal)"
    r"(?:\s*(?P<level>[1-9]))?$"
)
_ORDERED_STYLE_WORDS = ("number", "tal")
_TOC_PAGE = re.compile(r"^(?P<title>.*?)[\s.…]*\t[\s.…]*(?P<page>\d{1,4})\s*$")


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
            f"{NOT_DOCX} (en OLE-fil: en .docx med adgangskode eller en gammel .doc; "
            "gem den som .docx uden adgangskode)",
            path=path,
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise ParseError(f"{NOT_DOCX} (ikke en zip-pakke)", path=path) from exc
    except NotImplementedError as exc:
        # zipfile: "zip file version 9.9" (an entry needs a newer unzip), and the like.
        raise ParseError(
            f"{NOT_DOCX} (en zip-funktion, medref ikke kan læse: {exc})", path=path
        ) from exc
    limits = dataclasses.replace(
        DEFAULT_LIMITS, max_unzipped_bytes=max_uncompressed, max_compression_ratio=max_ratio
    )
    over = package_over_limit(members, limits)
    if over is not None and over.kind == "members":
        raise LimitExceeded(
            f"{NOT_DOCX}: pakken rummer {len(members)} filer; grænsen er {MAX_MEMBERS}",
            path=path,
            setting=over.setting,
        )
    if any(member.flag_bits & 0x1 for member in members):
        raise ParseError(f"{NOT_DOCX} (pakkens filer er krypteret)", path=path)
    if over is not None and over.kind == "unzipped":
        raise LimitExceeded(
            f"pakken fylder {over.found / MB:.0f} MB udpakket; grænsen er "
            f"{max_uncompressed / MB:.0f} MB udpakket",
            path=path,
            setting=over.setting,
        )
    if over is not None:
        raise LimitExceeded(
            f"{over.member} er komprimeret {over.found:.0f}:1; grænsen er "
            f"{max_ratio:g}:1 (en zip-bombe?)",
            path=path,
            setting=over.setting,
        )
    _check_parts(data, path)


# The package's own parts that python-docx trusts blindly: name -> root element.
_PACKAGE_ROOTS = {
    "[Content_Types].xml": "{http://schemas.openxmlformats.org/package/2006/content-types}Types",
    ".rels": "{http://schemas.openxmlformats.org/package/2006/relationships}Relationships",
}
_SAFE_XML = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def _check_parts(data: bytes, path: str) -> None:
    """Refuse a package whose content types or relationships are not what their
    names say: python-docx reads them without checking and fails with an
    AttributeError deep inside (a damaged .rels passes the zip checks above)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            key = ".rels" if name.endswith(".rels") else name
            root_tag = _PACKAGE_ROOTS.get(key)
            if root_tag is None:
                continue
            where = f"{NOT_DOCX}: pakkens del {name}"
            try:
                root = etree.fromstring(archive.read(name), _SAFE_XML)
            except etree.XMLSyntaxError as exc:
                line = f" linje {exc.lineno}" if exc.lineno else ""
                raise ParseError(
                    f"{where} er ikke XML ({line.strip() or 'beskadiget'}: {exc.msg})", path=path
                ) from exc
            except (
                zipfile.BadZipFile,
                zlib.error,
                EOFError,
                NotImplementedError,
                RuntimeError,
                ValueError,  # "negative seek value": a member's offset is wrong
                OSError,
            ) as exc:
                raise ParseError(f"{where} kan ikke pakkes ud ({exc})", path=path) from exc
            if root.tag != root_tag:
                found = etree.QName(root).localname if isinstance(root.tag, str) else "?"
                expected = root_tag.rsplit("}", 1)[1]
                raise ParseError(
                    f"{where} har rodelementet <{found}>, ikke <{expected}>", path=path
                )


@dataclass
class _ListEntry:
    level: int
    text: str
    key: str
    ordered: bool
    # The line as typed, its marker kept ("18. Titel"), for a list typed by hand.
    typed: str | None = None


class _Reader:
    def __init__(self, document: Any, deadline: Deadline | None = None) -> None:
        self.deadline = deadline or Deadline(MAX_SECONDS)
        self.part = document.part
        # A styles or numbering part that is missing or of the wrong content
        # type (python-docx then hands out a bare Part) reads as none: the
        # text is still there, only style-named headings and lists are lost.
        styles = etree.Element(qn("w:styles"))
        with contextlib.suppress(KeyError, NotImplementedError, AttributeError):
            styles = document.styles.element
        self.styles = Styles(styles)
        numbering = None
        with contextlib.suppress(KeyError, NotImplementedError, AttributeError):
            numbering = self.part.numbering_part.element
        self.numbering = Numbering(numbering, self.styles)
        self.blocks: list[RawBlock] = []
        self.count = 0
        self.inline = InlineReader(self.styles, self.part.rels)
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
            elif child.tag in WRAPPERS:
                self.walk(child)

    def paragraph(self, p: Element) -> None:
        self.count += 1
        line = self.count
        if line == 1 or not line % 256:  # after unpacking, then now and then
            self.deadline.check(f"afsnit {line}")
        style_id = paragraph_style(p)
        names = self.styles.names(style_id)
        text = self.inline.read(p)
        is_toc_heading = any(_TOC_HEADING_STYLE.match(n) for n in names)
        if not is_toc_heading and (
            text.toc or self.in_toc_control or any(_TOC_STYLE.match(n) for n in names)
        ):
            self.flush_list()
            self.add_toc(line, text.raw)
            return
        listed = self._list_entry(p, style_id, names, text.linked())
        if (
            listed is not None
            and not listed.ordered
            and any(_HEADING_STYLE.match(n) for n in names)
        ):
            # A heading a page put inside a bulleted list element (pandoc keeps the
            # bullet): a heading still. Numbered headings stay entries, for their numbers.
            listed = None
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
        raw = clean_inline(text.raw)
        if len(raw) <= 45 and cues.is_boilerplate(raw) and not cues.PAGE_LINE.match(raw.strip()):
            # "Til toppen" as an in-page link: furniture, whatever its target. A page
            # number is left to clean_blocks, which reads the lines around it.
            return
        self.flush_toc()
        if self._is_heading(p, style_id, names, text):
            self.flush_list()
            cleaned = clean_inline(text.linked())
            level = next(
                (int(m["level"]) for n in names if (m := _HEADING_STYLE.match(n)) and m["level"]),
                0,
            )
            self.blocks.append(
                RawBlock(line, Heading(cleaned), (cleaned,), explicit_heading=True, level=level)
            )
            return
        linked = text.linked()
        typed = _typed_entry(linked) if "\n" not in linked.strip() else None
        if typed is not None:
            # "1. at …" / "- Lars Bech" typed by hand, a paragraph a line: a list
            # as the text front end reads it.
            if self.list and self.list[-1].key != typed.key:
                self.flush_list()
            if not self.list:
                self.list_line = line
            self.list.append(typed)
            return
        self.flush_list()
        lines = tuple(clean_inline(part) for part in linked.split("\n") if part.strip())
        self.blocks.append(RawBlock(line, Paragraph(clean_inline(linked)), lines))

    def table(self, tbl: Element) -> None:
        if self._is_layout(tbl):
            # A page laid out in a table (a portal saved as Word: the items in its
            # cells): the cells' paragraphs are read as the page's own.
            for tr in children(tbl, qn("w:tr")):
                for tc in children(tr, qn("w:tc")):
                    self.walk(tc)
                    self.flush_list()
            return
        rows: list[tuple[str, ...]] = []
        first = self.count + 1
        for tr in children(tbl, qn("w:tr")):
            self.count += 1
            cells = tuple(self._cell_text(tc) for tc in children(tr, qn("w:tc")))
            if any(cells):
                rows.append(cells)
        if rows:
            self.blocks.append(
                RawBlock(first, Table(tuple(rows)), tuple("\t".join(r) for r in rows))
            )

    def _is_layout(self, tbl: Element) -> bool:
        """A table whose cells hold headings: layout, not a table of data."""
        for p in tbl.iter(qn("w:p")):
            names = self.styles.names(paragraph_style(p))
            if any(_HEADING_STYLE.match(n) for n in names):
                return True
        return False

    def _cell_text(self, tc: Element) -> str:
        texts = [self.inline.read(p).linked() for p in tc.iter(qn("w:p"))]
        return clean_inline(" ".join(texts))

    # --- lists and the table of contents ---------------------------------------

    def _list_entry(
        self, p: Element, style_id: str | None, names: list[str], raw: str
    ) -> _ListEntry | None:
        num_pr = p.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        style_num = self.styles.first(style_id, "w:pPr/w:numPr")
        num_id = first_val(num_pr, "w:numId") or first_val(style_num, "w:numId")
        level_val = first_val(num_pr, "w:ilvl") or first_val(style_num, "w:ilvl")
        style_list = next((m for n in names if (m := _LIST_STYLE.match(n))), None)
        if (num_id is None or num_id == "0") and style_list is None:
            return None
        if num_id == "0" and num_pr is not None:
            return None  # numbering explicitly removed from a list-styled paragraph
        level = int_val(level_val)
        if num_id and num_id != "0" and not self.numbering.shows_marker(num_id, level):
            return None  # an indented continuation paragraph, not an entry
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
        typed = tuple(e.typed for e in self.list if e.typed is not None)
        if len(typed) == len(self.list):
            lines = typed  # numbers kept: "18. Titel" may be an item heading
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

    def _is_heading(
        self, p: Element, style_id: str | None, names: list[str], text: ParagraphText
    ) -> bool:
        if any(_HEADING_STYLE.match(n) for n in names):
            return True
        outline = p.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
        if outline is None:
            outline = self.styles.first(style_id, "w:pPr/w:outlineLvl")
        if outline is not None and int_val(outline.get(qn("w:val")), 9) < 9:
            return True
        cleaned = clean_inline(text.raw)
        return (
            bool(text.bold)
            and all(text.bold)
            and "\n" not in text.raw.strip()
            and len(cleaned) <= HEADING_MAX_CHARS
            and any(c.isalpha() for c in cleaned)
        )


# "o" is Word's second-level bullet typed as a letter; before a capital it is not a word.
_TYPED_ENTRY = re.compile(
    r"^(?:(?P<bullet>[-•*–]|o(?=\s+[A-ZÆØÅÉÄÖÜ]))|(?P<number>\d{1,3})[.)])\s+(?P<text>\S.*)$"
)


def _typed_entry(linked: str) -> _ListEntry | None:
    """A paragraph that starts with a typed bullet or number, as a list entry."""
    line = clean_inline(linked)
    match = _TYPED_ENTRY.match(line) if line[:1] in "-•*–o0123456789" else None
    if match is None or (match["number"] is not None and starts_with_date(line)):
        return None
    ordered = match["number"] is not None
    key = "typed number" if ordered else "typed bullet"
    return _ListEntry(0, match["text"], key, ordered, line)


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
    max_seconds: float = MAX_SECONDS,
) -> list[RawBlock]:
    """Split a .docx file into raw blocks in document order."""
    deadline = Deadline(max_seconds)
    check_package(data, path, max_uncompressed=max_uncompressed, max_ratio=max_ratio)
    try:
        document = docx.Document(io.BytesIO(data))
    except PackageNotFoundError as exc:
        raise ParseError(f"{NOT_DOCX} (intet Word-dokument i pakken)", path=path) from exc
    except ValueError as exc:
        # python-docx says so when the package is e.g. an .xlsx or .pptx.
        raise ParseError(f"{NOT_DOCX} ({exc})", path=path) from exc
    # lxml's XMLSyntaxError is a SyntaxError (lxml has no type stubs to name it by).
    except (KeyError, SyntaxError, zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
        raise ParseError(f"{NOT_DOCX} (pakken er beskadiget: {exc})", path=path) from exc
    except (RuntimeError, NotImplementedError) as exc:
        # zipfile: encrypted members, unsupported compression methods.
        raise ParseError(f"{NOT_DOCX} ({exc})", path=path) from exc
    except (AttributeError, TypeError, IndexError) as exc:
        # python-docx trusts the package's structure (a part of the wrong
        # kind where the document expects another) and fails somewhere inside.
        raise ParseError(
            f"{NOT_DOCX} (pakkens opbygning er beskadiget: {type(exc).__name__}: {exc})",
            path=path,
        ) from exc
    root = document.element
    body = root.find(qn("w:body")) if root.tag == qn("w:document") else None
    if body is None:
        found = etree.QName(root).localname if isinstance(root.tag, str) else "?"
        raise ParseError(
            f"{NOT_DOCX}: dens hoveddel har rodelementet <{found}> "
            "og intet <w:body>, ikke et Word-dokuments <w:document>",
            path=path,
        )
    try:
        blocks = _Reader(document, deadline).read(body)
    except TimeLimitExceeded as exc:
        raise LimitExceeded(
            time_limit_message(exc),
            path=path,
            line=_line_of(exc.where),
            setting="MEDREF_IMPORT_MAX_SECONDS",
        ) from None
    if not blocks:
        raise ParseError(NO_TEXT, path=path, line=1)
    return blocks


def _line_of(where: str) -> int | None:
    """ "afsnit 512" -> 512 (the FILE:LINE of a docx is its paragraph)."""
    number = where.rsplit(" ", 1)[-1]
    return int(number) if number.isdigit() else None
