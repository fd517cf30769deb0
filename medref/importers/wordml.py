"""Reading WordprocessingML for the DOCX front end: styles, numbering, inline text.

python-docx parses the package; its paragraph API hides what minutes need
(line breaks, fields spanning paragraphs, hyperlink targets, inherited bold),
so the XML is read here directly, element by element.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from docx.oxml import ns

from .blocks import clean_inline

# An lxml element; lxml ships without type stubs.
Element = Any
# "w:p" -> "{namespace}p", looked up tens of thousands of times per file.
qn = functools.cache(ns.qn)

# Word has no empty bookmark, so pandoc writes the link "[her](#)" with the
# anchor "X" + sha1("")[1:] (how it names any invalid bookmark); read it back as "#".
PANDOC_EMPTY_ANCHOR = "X" + hashlib.sha1(b"").hexdigest()[1:]

HYPERLINK_FIELD = re.compile(
    r'^\s*HYPERLINK\s+(?:"(?P<url>[^"]*)")?(?:.*?\\l\s+"(?P<anchor>[^"]*)")?'
)
OFF = {"0", "false", "off", "none"}
# Elements whose content is read as if they were not there (tracked
# insertions, smart tags, custom XML); w:del and w:moveFrom are skipped.
WRAPPERS = {qn(f"w:{tag}") for tag in ("ins", "smartTag", "customXml", "moveTo", "dir", "bdo")}


def toggled(element: Element | None) -> bool:
    """A toggle property (<w:b/>, <w:vanish/>) that is present and not switched off."""
    return element is not None and element.get(qn("w:val"), "true").lower() not in OFF


def int_val(value: str | None, default: int = 0) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


class Styles:
    """Style lookups by id, following w:basedOn chains."""

    def __init__(self, root: Element) -> None:
        self.by_id: dict[str, Element] = {
            s.get(qn("w:styleId")): s for s in root.iterchildren(qn("w:style"))
        }
        # Every paragraph asks about its style: answer each question once.
        self._names: dict[str | None, list[str]] = {}
        self._first: dict[tuple[str | None, str], Element | None] = {}

    def chain(self, style_id: str | None) -> Iterator[Element]:
        seen: set[str] = set()
        while style_id and style_id in self.by_id and style_id not in seen:
            seen.add(style_id)
            style = self.by_id[style_id]
            yield style
            based_on = style.find(qn("w:basedOn"))
            style_id = None if based_on is None else based_on.get(qn("w:val"))

    def names(self, style_id: str | None) -> list[str]:
        """The casefolded names along the chain ("heading 1", "normal")."""
        if style_id not in self._names:
            found = []
            for style in self.chain(style_id):
                name = style.find(qn("w:name"))
                if name is not None:
                    found.append(clean_inline(name.get(qn("w:val"), "")).casefold())
            self._names[style_id] = found
        return self._names[style_id]

    def first(self, style_id: str | None, xpath: str) -> Element | None:
        """The first element at ``xpath`` (e.g. "w:pPr/w:numPr") along the chain."""
        key = (style_id, xpath)
        if key not in self._first:
            tags = "/".join(qn(step) for step in xpath.split("/"))
            found = (style.find(tags) for style in self.chain(style_id))
            self._first[key] = next((f for f in found if f is not None), None)
        return self._first[key]


class Numbering:
    """numId + level -> the level's number format ("bullet", "decimal", …)."""

    def __init__(self, root: Element | None, styles: Styles) -> None:
        self.nums: dict[str, Element] = {}
        self.abstracts: dict[str, Element] = {}
        self.styles = styles
        if root is not None:
            self.nums = {n.get(qn("w:numId")): n for n in root.iterchildren(qn("w:num"))}
            self.abstracts = {
                a.get(qn("w:abstractNumId")): a for a in root.iterchildren(qn("w:abstractNum"))
            }

    def format(self, num_id: str, level: int, depth: int = 0) -> str | None:
        lvl = self.level(num_id, level, depth)
        if lvl is None:
            return None
        fmt = lvl.find(qn("w:numFmt"))
        return str(fmt.get(qn("w:val"), "")) if fmt is not None else None

    def shows_marker(self, num_id: str, level: int) -> bool:
        """False when the level prints nothing before the text.

        Word (and pandoc for a list entry's second and later paragraphs)
        indents continuation paragraphs with a numbering whose marker is
        blank or "none": those paragraphs are not list entries of their own.
        """
        lvl = self.level(num_id, level)
        if lvl is None:
            return True
        fmt = lvl.find(qn("w:numFmt"))
        if fmt is not None and fmt.get(qn("w:val")) == "none":
            return False
        text = lvl.find(qn("w:lvlText"))
        return text is None or bool(str(text.get(qn("w:val"), "")).strip())

    def level(self, num_id: str, level: int, depth: int = 0) -> Element | None:
        """The w:lvl that defines ``level`` of numbering ``num_id``."""
        num = self.nums.get(num_id)
        if num is None or depth > 5:
            return None
        for override in num.iterchildren(qn("w:lvlOverride")):
            if int_val(override.get(qn("w:ilvl"))) == level:
                lvl = override.find(qn("w:lvl"))
                if lvl is not None and lvl.find(qn("w:numFmt")) is not None:
                    return lvl
        abstract_id = num.find(qn("w:abstractNumId"))
        if abstract_id is None:
            return None
        abstract = self.abstracts.get(abstract_id.get(qn("w:val")))
        if abstract is None:
            return None
        for lvl in abstract.iterchildren(qn("w:lvl")):
            if int_val(lvl.get(qn("w:ilvl"))) == level:
                return lvl
        # A list style: the definition lives in the numbering the style names.
        link = abstract.find(qn("w:numStyleLink"))
        if link is not None:
            linked = self.styles.first(link.get(qn("w:val")), "w:pPr/w:numPr/w:numId")
            if linked is not None:
                return self.level(linked.get(qn("w:val"), ""), level, depth + 1)
        return None


@dataclass
class Field:
    """A complex field (w:fldChar begin … separate … end) being read."""

    instruction: str = ""
    result: bool = False
    link_start: int | None = None  # where its [link text] starts in the buffer


@dataclass
class ParagraphText:
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


class InlineReader:
    """Reads paragraphs' text; complex fields are tracked across paragraphs."""

    def __init__(self, styles: Styles, rels: Any) -> None:
        self.styles = styles
        self.rels = rels
        self.fields: list[Field] = []

    def read(self, p: Element) -> ParagraphText:
        """The paragraph's text; complex fields are tracked across paragraphs."""
        out = ParagraphText(toc=any(is_toc(f.instruction) for f in self.fields))
        for f in self.fields:
            f.link_start = None  # a link is only written within one paragraph
        self._inline(p, out, paragraph_style(p))
        return out

    def _inline(self, parent: Element, out: ParagraphText, style: str | None) -> None:
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
                out.toc = out.toc or is_toc(instruction)
                start = len(out.parts)
                self._inline(child, out, style)
                out.add_link(start, field_link(instruction))
            elif tag == qn("w:sdt"):
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    self._inline(content, out, style)
            elif tag in WRAPPERS:
                self._inline(child, out, style)

    def _run(self, run: Element, out: ParagraphText, style: str | None) -> None:
        if toggled(run.find(f"{qn('w:rPr')}/{qn('w:vanish')}")):
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

    def _emit(self, run: Element, out: ParagraphText, style: str | None, shown: list[str]) -> None:
        text = "".join(shown)
        if text:
            out.parts.append(text)
            if text.strip():
                out.bold.append(self._bold(run, style))

    def _field_char(self, char: Element, out: ParagraphText) -> None:
        kind = char.get(qn("w:fldCharType"))
        if kind == "begin":
            self.fields.append(Field())
        elif kind == "separate" and self.fields:
            current = self.fields[-1]
            current.result = True
            out.toc = out.toc or is_toc(current.instruction)
            if field_link(current.instruction):
                current.link_start = len(out.parts)
        elif kind == "end" and self.fields:
            current = self.fields.pop()
            out.toc = out.toc or is_toc(current.instruction)
            if current.link_start is not None:
                out.add_link(current.link_start, field_link(current.instruction))

    def _link_target(self, link: Element) -> str | None:
        anchor = link.get(qn("w:anchor"))
        rel_id = link.get(qn("r:id"))
        target = ""
        if rel_id:
            rel = self.rels.get(rel_id)
            if rel is not None:
                target = str(rel.target_ref)
        if anchor is not None:
            target += "#" if anchor == PANDOC_EMPTY_ANCHOR else f"#{anchor}"
        return target or None

    def _bold(self, run: Element, paragraph_style: str | None) -> bool:
        direct = run.find(f"{qn('w:rPr')}/{qn('w:b')}")
        if direct is not None:
            return toggled(direct)
        run_style = run.find(f"{qn('w:rPr')}/{qn('w:rStyle')}")
        if run_style is not None:
            found = self.styles.first(run_style.get(qn("w:val")), "w:rPr/w:b")
            if found is not None:
                return toggled(found)
        return toggled(self.styles.first(paragraph_style, "w:rPr/w:b"))


def children(parent: Element, tag: str) -> Iterator[Element]:
    """Children with ``tag``, looking through content controls and custom XML."""
    for child in parent.iterchildren():
        if child.tag == tag:
            yield child
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from children(content, tag)
        elif child.tag == qn("w:customXml"):
            yield from children(child, tag)


def first_val(parent: Element | None, tag: str) -> str | None:
    if parent is None:
        return None
    found = parent.find(qn(tag))
    return None if found is None else found.get(qn("w:val"))


def is_toc(instruction: str) -> bool:
    return instruction.strip().upper().startswith("TOC")


def field_link(instruction: str) -> str | None:
    match = HYPERLINK_FIELD.match(instruction)
    if match is None:
        return None
    url = match["url"] or ""
    if match["anchor"]:
        url += f"#{match['anchor']}"
    return url or None


def paragraph_style(p: Element) -> str | None:
    style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return None if style is None else style.get(qn("w:val"))
