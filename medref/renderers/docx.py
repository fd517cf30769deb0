"""MeetingDocument -> Word .docx, a file a secretary can open and go on editing.

Everything is real Word structure, not look-alike formatting: heading styles
(Title, Heading 1 per item, Heading 2 per section, Heading 3 below), a TOC
field, numbering definitions for lists, tables with a repeated header row,
hyperlinks, PAGE/NUMPAGES fields in the footer and Danish as the language.

It is also written so that ``importers.docx`` reads it back exactly
(``parse(render(doc, "docx"), "docx") == doc``): the header and the TOC are
one line per paragraph, every list gets a numbering instance of its own (two
adjacent lists stay two lists), and "[text](#)" becomes a link to pandoc's
empty bookmark, which the importer reads back as "#".
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence
from typing import Any

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm

from medref.documents import (
    AgendaItem,
    Block,
    BulletList,
    Heading,
    ListItem,
    MeetingDocument,
    Paragraph,
    SectionKind,
    Table,
)
from medref.documents.inline import parse_inline
from medref.documents.model import INLINE_LINK
from medref.documents.public import CLOSED_TITLE
from medref.importers.wordml import PANDOC_EMPTY_ANCHOR
from medref.lib.danish import format_short_date

from .common import DRAFT_MARK, header_fields, title_text, toc_lines
from .signatures import HEADING as SIGNATURE_HEADING
from .signatures import INTRO as SIGNATURE_INTRO
from .signatures import Signature

# python-docx objects and lxml elements; neither ships complete type stubs.
Element = Any
WordDocument = Any

LANGUAGE = "da-DK"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
TOC_INSTRUCTION = ' TOC \\o "1-1" \\h \\z \\u '
# Word has no empty bookmark name: like pandoc, "[her](#)" links to
# PANDOC_EMPTY_ANCHOR, which the DOCX importer reads back as "#".

# Characters XML 1.0 cannot carry; lxml refuses them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# A4 with 2.5 cm margins leaves 16 cm of text; the TOC's page numbers sit at its right edge.
TEXT_WIDTH_TWIPS = 9072
LIST_LEVELS = 9
BULLETS = ("•", "◦", "▪")
ORDERED_FORMATS = (("decimal", "%{}."), ("lowerLetter", "%{}."), ("lowerRoman", "%{}."))
# Fixed zip timestamps: the same document always gives the same bytes.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def _el(tag: str, **attrs: str) -> Element:
    """A WordprocessingML element; attribute names are given without "w:"."""
    element = OxmlElement(tag)
    for name, value in attrs.items():
        element.set(qn(f"w:{name}"), value)
    return element


def _sub(parent: Element, tag: str, **attrs: str) -> Element:
    child = _el(tag, **attrs)
    parent.append(child)
    return child


def _text_run(
    text: str, *, bold: bool = False, style: str | None = None, italic: bool = False
) -> Element:
    run = _el("w:r")
    if bold or style or italic:
        rpr = _sub(run, "w:rPr")
        if style:
            _sub(rpr, "w:rStyle", val=style)
        if bold:
            _sub(rpr, "w:b")
        if italic:
            _sub(rpr, "w:i")
    t = _sub(run, "w:t")
    t.text = _NOT_XML.sub("", text)
    t.set(XML_SPACE, "preserve")
    return run


def _field_runs(instruction: str, cached: str) -> list[Element]:
    """A complex field: begin, instruction, separate, its shown result, end."""
    begin = _el("w:r")
    _sub(begin, "w:fldChar", fldCharType="begin")
    instr = _el("w:r")
    text = _sub(instr, "w:instrText")
    text.text = instruction
    text.set(XML_SPACE, "preserve")
    separate = _el("w:r")
    _sub(separate, "w:fldChar", fldCharType="separate")
    end = _el("w:r")
    _sub(end, "w:fldChar", fldCharType="end")
    return [begin, instr, separate, _text_run(cached), end]


class _Writer:
    def __init__(self, doc: MeetingDocument) -> None:
        self.doc = doc
        self.word: WordDocument = docx.Document()
        self.body = self.word.element.body
        self.numbering = self.word.part.numbering_part.element
        self.bookmarks = 0
        self._setup()

    # --- the package: page, styles, language, numbering ---------------------------

    def _setup(self) -> None:
        section = self.word.sections[0]
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(2.5))
        styles = self.word.styles.element
        defaults = styles.find(qn("w:docDefaults"))
        rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = _sub(rpr, "w:lang")
        lang.set(qn("w:val"), LANGUAGE)
        lang.set(qn("w:eastAsia"), LANGUAGE)
        # Also on the styles a secretary sees, so spelling is checked as Danish.
        for style_id in ("Normal", "Title", "Heading1", "Heading2", "Heading3", "TOCHeading"):
            style = styles.find(f"{qn('w:style')}[@{qn('w:styleId')}='{style_id}']")
            if style is not None:
                style_rpr = style.find(qn("w:rPr"))
                if style_rpr is None:
                    style_rpr = _sub(style, "w:rPr")
                _sub(style_rpr, "w:lang", val=LANGUAGE)
        # The template's 26 pt title breaks "d. 08-10-2025" over two lines.
        title_rpr = styles.find(f"{qn('w:style')}[@{qn('w:styleId')}='Title']/{qn('w:rPr')}")
        if title_rpr is not None:
            for tag in ("w:sz", "w:szCs"):
                size = title_rpr.find(qn(tag))
                if size is not None:
                    size.set(qn("w:val"), "40")
        styles.append(self._toc_style())
        styles.append(self._hyperlink_style())
        settings = self.word.settings.element
        theme_lang = settings.find(qn("w:themeFontLang"))
        if theme_lang is not None:
            theme_lang.set(qn("w:val"), LANGUAGE)
        for tag, value in (("w:decimalSymbol", ","), ("w:listSeparator", ";")):
            found = settings.find(qn(tag))
            if found is not None:
                found.set(qn("w:val"), value)
        self.bullet_abstract = self._abstract_num(ordered=False)
        self.ordered_abstract = self._abstract_num(ordered=True)
        self._footer()

    @staticmethod
    def _toc_style() -> Element:
        style = _el("w:style", type="paragraph", styleId="TOC1")
        _sub(style, "w:name", val="toc 1")
        _sub(style, "w:basedOn", val="Normal")
        _sub(style, "w:next", val="Normal")
        _sub(style, "w:uiPriority", val="39")
        _sub(style, "w:unhideWhenUsed")
        ppr = _sub(style, "w:pPr")
        tabs = _sub(ppr, "w:tabs")
        _sub(tabs, "w:tab", val="right", leader="dot", pos=str(TEXT_WIDTH_TWIPS))
        _sub(ppr, "w:spacing", after="100")
        return style

    @staticmethod
    def _hyperlink_style() -> Element:
        style = _el("w:style", type="character", styleId="Hyperlink")
        _sub(style, "w:name", val="Hyperlink")
        _sub(style, "w:basedOn", val="DefaultParagraphFont")
        _sub(style, "w:uiPriority", val="99")
        _sub(style, "w:unhideWhenUsed")
        rpr = _sub(style, "w:rPr")
        _sub(rpr, "w:color", val="0563C1")
        _sub(rpr, "w:u", val="single")
        return style

    def _abstract_num(self, *, ordered: bool) -> str:
        """A nine-level list definition; returns its abstractNumId."""
        taken = [
            int(a.get(qn("w:abstractNumId")))
            for a in self.numbering.iterchildren(qn("w:abstractNum"))
        ]
        abstract_id = str(max(taken, default=-1) + 1)
        abstract = _el("w:abstractNum", abstractNumId=abstract_id)
        _sub(abstract, "w:multiLevelType", val="hybridMultilevel")
        for level in range(LIST_LEVELS):
            lvl = _sub(abstract, "w:lvl", ilvl=str(level))
            _sub(lvl, "w:start", val="1")
            if ordered:
                fmt, text = ORDERED_FORMATS[level % len(ORDERED_FORMATS)]
                _sub(lvl, "w:numFmt", val=fmt)
                _sub(lvl, "w:lvlText", val=text.format(level + 1))
            else:
                _sub(lvl, "w:numFmt", val="bullet")
                _sub(lvl, "w:lvlText", val=BULLETS[level % len(BULLETS)])
            _sub(lvl, "w:lvlJc", val="left")
            ppr = _sub(lvl, "w:pPr")
            _sub(ppr, "w:ind", left=str(720 + 360 * level), hanging="360")
        # Schema order: every abstractNum before the first num.
        first_num = self.numbering.find(qn("w:num"))
        if first_num is None:
            self.numbering.append(abstract)
        else:
            first_num.addprevious(abstract)
        return abstract_id

    def _new_list(self, *, ordered: bool) -> str:
        """A numbering instance of its own, restarting at 1: returns its numId."""
        taken = [int(n.get(qn("w:numId"))) for n in self.numbering.iterchildren(qn("w:num"))]
        num_id = str(max(taken, default=0) + 1)
        num = _sub(self.numbering, "w:num", numId=num_id)
        _sub(num, "w:abstractNumId", val=self.ordered_abstract if ordered else self.bullet_abstract)
        for level in range(LIST_LEVELS):
            override = _sub(num, "w:lvlOverride", ilvl=str(level))
            _sub(override, "w:startOverride", val="1")
        return num_id

    draft = False

    def draft_header(self) -> None:
        """ "UDKAST", centred and bold, in the header of every page."""
        paragraph = self.word.sections[0].header.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph._p.append(_text_run(DRAFT_MARK, bold=True))

    def _footer(self) -> None:
        """ "Side N af M", centred."""
        paragraph = self.word.sections[0].footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p = paragraph._p
        p.append(_text_run("Side "))
        p.extend(_field_runs(" PAGE ", "1"))
        p.append(_text_run(" af "))
        p.extend(_field_runs(" NUMPAGES ", "1"))

    # --- paragraphs and inline text ---------------------------------------------------

    def new_p(
        self, style: str | None = None, *, page_break: bool = False, num: Element | None = None
    ) -> Element:
        """An empty w:p at the end of the body. Styles are given by id: looking
        them up by name through python-docx costs more than the whole rest."""
        p = _el("w:p")
        if style or page_break or num is not None:
            ppr = _sub(p, "w:pPr")  # children in schema order
            if style:
                _sub(ppr, "w:pStyle", val=style)
            if page_break:
                _sub(ppr, "w:pageBreakBefore")
            if num is not None:
                ppr.append(num)
        self.body.find(qn("w:sectPr")).addprevious(p)
        return p

    def paragraph(self, text: str, style: str | None = None, **options: Any) -> Element:
        p = self.new_p(style, **options)
        self.inline(p, text)
        return p

    def rich_paragraph(self, text: str, style: str | None = None, **options: Any) -> Element:
        """Body text: ``**fed**`` and ``*kursiv*`` become bold and italic runs."""
        p = self.new_p(style, **options)
        self.rich(p, text)
        return p

    def rich(self, p: Element, text: str) -> None:
        for run in parse_inline(text):
            self.inline(p, run.text, bold=run.bold, italic=run.italic)

    def labelled(self, label: str, value: str) -> None:
        """ "**Mødedato** Onsdag d. …": a bold label, then the value."""
        p = self.new_p()
        p.append(_text_run(label, bold=True))
        self.inline(p, " " + value)

    def inline(self, p: Element, text: str, *, bold: bool = False, italic: bool = False) -> None:
        """Text into a paragraph; "[text](url)" links become Word hyperlinks."""
        position = 0
        for match in INLINE_LINK.finditer(text):
            label, href = match["text"], match["href"]
            # What Word cannot link ("[](x)", "[x]()", a label with outer
            # spaces) stays literal text, which reads back the same.
            if not label or not href or label != " ".join(label.split()):
                continue
            if match.start() > position:
                p.append(_text_run(text[position : match.start()], bold=bold, italic=italic))
            p.append(self.hyperlink(label, href))
            position = match.end()
        if position < len(text):
            p.append(_text_run(text[position:], bold=bold, italic=italic))

    def hyperlink(self, label: str, href: str) -> Element:
        link = _el("w:hyperlink", history="1")
        if href == "#":
            link.set(qn("w:anchor"), PANDOC_EMPTY_ANCHOR)
        elif href.startswith("#"):
            link.set(qn("w:anchor"), href[1:])
        else:
            rel_id = self.word.part.relate_to(href, RT.HYPERLINK, is_external=True)
            link.set(qn("r:id"), rel_id)
        link.append(_text_run(label, style="Hyperlink"))
        return link

    def bookmark(self, p: Element, name: str) -> None:
        self.bookmarks += 1
        ident = str(self.bookmarks)
        p.insert(
            1 if p.find(qn("w:pPr")) is not None else 0, _el("w:bookmarkStart", id=ident, name=name)
        )
        p.append(_el("w:bookmarkEnd", id=ident))

    # --- blocks ---------------------------------------------------------------------------

    def block(self, block: Block) -> None:
        match block:
            case Paragraph(text=text):
                self.rich_paragraph(text)
            case Heading(text=text):
                self.rich_paragraph(text, "Heading3")
            case BulletList(items=items, ordered=ordered):
                self.list_items(items, self._new_list(ordered=ordered))
            case Table(rows=rows):
                self.table(rows)
            case _:
                raise TypeError(f"not a block: {block!r}")

    def list_items(self, items: tuple[ListItem, ...], num_id: str, level: int = 0) -> None:
        for item in items:
            self.list_paragraph(item.text, num_id, level, rich=True)
            self.list_items(item.children, num_id, level + 1)

    def list_paragraph(self, text: str, num_id: str, level: int, *, rich: bool = False) -> None:
        num_pr = _el("w:numPr")
        _sub(num_pr, "w:ilvl", val=str(min(level, LIST_LEVELS - 1)))
        _sub(num_pr, "w:numId", val=num_id)
        write = self.rich_paragraph if rich else self.paragraph
        write(text, "ListParagraph", num=num_pr)

    def table(self, rows: tuple[tuple[str, ...], ...]) -> None:
        if not rows:
            return
        columns = max(len(row) for row in rows)
        table = self.word.add_table(rows=len(rows), cols=columns)
        table.style = "Table Grid"
        for row, cells in zip(table.rows, rows, strict=True):
            for cell, text in zip(row.cells, cells, strict=False):
                self.rich(cell.paragraphs[0]._p, text)
        header = table.rows[0]
        header._tr.get_or_add_trPr().append(_el("w:tblHeader"))
        for cell in header.cells:
            for run in cell._tc.iter(qn("w:r")):
                rpr = run.find(qn("w:rPr"))
                if rpr is None:
                    rpr = _el("w:rPr")
                    run.insert(0, rpr)
                if rpr.find(qn("w:b")) is None:
                    rpr.append(_el("w:b"))

    # --- the document ----------------------------------------------------------------------

    def write(self) -> None:
        doc = self.doc
        self.paragraph(title_text(doc, self.draft), "Title")
        for label, value in header_fields(doc):
            self.labelled(label, value)
        if doc.toc:
            self.contents()
        for index, item in enumerate(doc.items):
            self.item(item, index)

    def contents(self) -> None:
        """A TOC field whose shown result is the document's own contents lines.

        Word rebuilds it from the Heading 1 paragraphs when fields are
        updated; until then the reader sees the lines the minutes gave.
        Entry titles are written literally ("[her](#)" included): the
        importer reads TOC lines as plain text.
        """
        self.paragraph("Indholdsfortegnelse", "TOCHeading")
        lines = toc_lines(self.doc)
        for index, line in enumerate(lines):
            p = self.new_p("TOC1")
            if index == 0:
                p.extend(_field_runs(TOC_INSTRUCTION, "")[:3])
            title, _, page = line.partition("\t")
            entry = _el("w:hyperlink", anchor=f"_TocPunkt{index}", history="1")
            entry.append(_text_run(title.removesuffix(".....") if page else title))
            if page:
                tab = _sub(entry, "w:r")
                _sub(tab, "w:tab")
                entry.append(_text_run(page))
            if index < len(self.doc.items):
                p.append(entry)
            else:  # a contents line without an item to point at: unlinked
                p.extend(list(entry))
            if index == len(lines) - 1:
                end = _sub(p, "w:r")
                _sub(end, "w:fldChar", fldCharType="end")

    def item(self, item: AgendaItem, index: int) -> None:
        heading = self.paragraph(f"Punkt {item.number}: {item.title}", "Heading1", page_break=True)
        self.bookmark(heading, f"_TocPunkt{index}")
        if item.case_number:
            self.paragraph(item.case_number)
        if item.closed:
            self.new_p().append(_text_run(CLOSED_TITLE, bold=True))
        for section in item.sections:
            if section.heading:
                self.paragraph(section.heading, "Heading2")
            rec = item.recommendation
            if section.kind == SectionKind.RECOMMENDATION and rec:
                self.paragraph(f"{rec.proposer} indstiller,")
                if rec.numbered:
                    num_id = self._new_list(ordered=True)
                    for clause in rec.clauses:
                        self.list_paragraph(clause, num_id, 0)
                else:
                    for clause in rec.clauses:
                        self.paragraph(clause)
            if section.kind == SectionKind.ATTACHMENTS:
                for attachment in item.attachments:
                    link = attachment.file or ""
                    if link.startswith(("https://", "http://")):
                        # A web address (medref's bilag download): the title links to it.
                        self.paragraph(f"[{attachment.title}]({link})")
                    else:
                        self.paragraph(attachment.title)
            for block in section.blocks:
                self.block(block)
        if item.absent:
            self.labelled("Fraværende", ", ".join(item.absent))
        if item.substitutes:
            self.labelled("Suppleanter", ", ".join(item.substitutes))

    def properties(self) -> None:
        doc = self.doc
        core = self.word.core_properties
        core.title = (
            f"{doc.kind.value.capitalize()} {doc.committee} {format_short_date(doc.meeting_date)}"
        )
        core.subject = doc.committee
        core.author = core.last_modified_by = "medref"
        core.language = LANGUAGE
        core.keywords = "MED"
        core.revision = 1
        # The meeting's own date, not the clock: the same document gives the same file.
        day = doc.meeting_date or dt.date(2000, 1, 1)  # no date known: a fixed stamp
        moment = dt.datetime.combine(day, doc.start_time or dt.time(0, 0))
        core.created = core.modified = moment


def _deterministic(data: bytes) -> bytes:
    """The package again, with fixed timestamps on its members."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            member.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(member, source.read(info))
    return out.getvalue()


def render_docx(
    doc: MeetingDocument, *, draft: bool = False, signatures: Sequence[Signature] = ()
) -> bytes:
    """The Word file; ``draft``: "UDKAST" in the title and in every page's header;
    ``signatures``: a last page listing who approved the minutes, and when."""
    writer = _Writer(doc)
    writer.draft = draft
    if draft:
        writer.draft_header()
    writer.write()
    if signatures:
        writer.paragraph(SIGNATURE_HEADING, "Heading1", page_break=True)
        writer.paragraph(SIGNATURE_INTRO)
        for signature in signatures:
            writer.paragraph(signature.line())
    writer.properties()
    out = io.BytesIO()
    writer.word.save(out)
    return _deterministic(out.getvalue())
