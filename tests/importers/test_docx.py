"""The DOCX front end: the examples through pandoc, a hand-built Word file, bad packages.

The fixtures in tests/fixtures/docx/ were made by make_fixtures.py there
(pandoc); CI installs pandoc, so the tests that run it do not skip.
"""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.text.paragraph import Paragraph as DocxParagraph
from hypothesis import HealthCheck, given, settings

from medref.documents import (
    BulletList,
    DocumentKind,
    Heading,
    ListItem,
    MeetingDocument,
    Paragraph,
    SectionKind,
    Table,
)
from medref.importers import ParseError, parse_bytes, parse_file
from medref.importers import docx as docx_importer
from medref.importers.docx import docx_blocks
from medref.renderers import render
from tests.documents.strategies import meeting_documents
from tests.fixtures.docx.make_fixtures import EXAMPLES, example_markdown, pandoc_docx

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "medref" / "demo"
FIXTURES = ROOT / "tests" / "fixtures" / "docx"


def fixture(name: str) -> Path:
    return FIXTURES / f"{Path(name).stem}.docx"


# --- the three examples, through pandoc ------------------------------------------


def assert_same_document(original: MeetingDocument, converted: MeetingDocument) -> None:
    """Field by field first (readable failures), then everything, body text included."""
    for name in (
        "kind",
        "committee",
        "meeting_date",
        "start_time",
        "end_time",
        "location",
        "participants",
        "present",
        "absent",
        "substitutes",
        "minute_taker",
        "toc",
    ):
        assert getattr(converted, name) == getattr(original, name), name
    assert [(i.number, i.title, i.case_number, i.closed) for i in converted.items] == [
        (i.number, i.title, i.case_number, i.closed) for i in original.items
    ]
    for before, after in zip(original.items, converted.items, strict=True):
        where = f"item {before.number}"
        assert [s.kind for s in after.sections] == [s.kind for s in before.sections], where
        assert after.recommendation == before.recommendation, where
        assert after.attachments == before.attachments, where
        assert (after.absent, after.substitutes) == (before.absent, before.substitutes), where
        for old, new in zip(before.sections, after.sections, strict=True):
            assert new.blocks == old.blocks, f"{where}, {old.kind}"
    assert converted == original


@pytest.mark.parametrize("name", EXAMPLES)
def test_committed_docx_fixture_reads_as_the_original(name: str) -> None:
    assert_same_document(parse_file(DEMO / name), parse_file(fixture(name)))


@pytest.mark.parametrize("name", EXAMPLES)
def test_a_fresh_pandoc_conversion_reads_as_the_original(name: str) -> None:
    """The installed pandoc (CI installs it) still makes files that read the same."""
    data = pandoc_docx(example_markdown(name))
    assert_same_document(parse_file(DEMO / name), parse_bytes(data, "docx", path=name))


def test_fixture_details_the_field_tests_rely_on() -> None:
    """Spot checks that survive pandoc: nesting, the table, numbered clauses, links."""
    fagmed = parse_file(fixture(EXAMPLES[0]))
    assert fagmed.kind == DocumentKind.MINUTES and fagmed.committee == "FagMED Økonomi"
    assert [t.page for t in fagmed.toc] == [3, 4, 5, 6, 7, 8, 9, 11, 12, 13]
    case28 = fagmed.item(28).section(SectionKind.CASE)  # type: ignore[union-attr]
    assert case28 is not None
    assert any(isinstance(b, Table) and b.rows[1][1] == "265.786" for b in case28.blocks)
    case22 = fagmed.item(22).section(SectionKind.CASE)  # type: ignore[union-attr]
    assert case22 is not None and "[her](#)" in case22.blocks[0].text  # type: ignore[union-attr]
    afdmed = parse_file(fixture(EXAMPLES[1]))
    first = afdmed.item(1)
    assert first is not None and first.recommendation is not None
    assert first.recommendation.numbered
    assert afdmed.minute_taker == "Pernille Løvendahl Carlsen"


def test_blocks_carry_paragraph_numbers_as_lines() -> None:
    path = fixture(EXAMPLES[0])
    blocks = docx_blocks(path.read_bytes(), str(path))
    lines = [b.line for b in blocks]
    assert lines == sorted(lines) and lines[0] == 1
    toc = next(b for b in blocks if len(b.lines) > 1)
    assert toc.lines[0] == "Godkendelse af dagsorden.....\t3"


# --- a Word file built by hand -------------------------------------------------------

W_R = "<w:r><w:t xml:space='preserve'>{}</w:t></w:r>"


def _append(document: docx.document.Document, xml: str) -> None:
    """Append a body element before the final section properties."""
    body = document.element.body
    body.insert(len(body) - 1, parse_xml(xml))


def _p(inner: str, style: str | None = None) -> str:
    ppr = f"<w:pPr><w:pStyle w:val='{style}'/></w:pPr>" if style else ""
    return f"<w:p {nsdecls('w', 'r')}>{ppr}{inner}</w:p>"


def _bold(text: str) -> str:
    return f"<w:r><w:rPr><w:b/></w:rPr><w:t xml:space='preserve'>{text}</w:t></w:r>"


def _field(instruction: str, result: str) -> str:
    return (
        "<w:r><w:fldChar w:fldCharType='begin'/></w:r>"
        f"<w:r><w:instrText xml:space='preserve'>{instruction}</w:instrText></w:r>"
        "<w:r><w:fldChar w:fldCharType='separate'/></w:r>"
        f"{W_R.format(result)}<w:r><w:fldChar w:fldCharType='end'/></w:r>"
    )


def _numbering(document: docx.document.Document) -> str:
    """A two-level numbering: decimal, then bullets; returns its numId."""
    numbering = document.part.numbering_part.element
    numbering.append(
        parse_xml(
            f"<w:abstractNum {nsdecls('w')} w:abstractNumId='90'>"
            "<w:lvl w:ilvl='0'><w:numFmt w:val='decimal'/><w:lvlText w:val='%1.'/></w:lvl>"
            "<w:lvl w:ilvl='1'><w:numFmt w:val='bullet'/><w:lvlText w:val='•'/></w:lvl>"
            "</w:abstractNum>"
        )
    )
    numbering.append(
        parse_xml(f"<w:num {nsdecls('w')} w:numId='90'><w:abstractNumId w:val='90'/></w:num>")
    )
    return "90"


def _numbered(text: str, num_id: str, level: int) -> str:
    return (
        f"<w:p {nsdecls('w')}><w:pPr><w:numPr><w:ilvl w:val='{level}'/>"
        f"<w:numId w:val='{num_id}'/></w:numPr></w:pPr>{W_R.format(text)}</w:p>"
    )


def _toc_entry(title: str, page: int, bookmark: str) -> str:
    """A Word TOC line: a link to the heading, a tab, a PAGEREF field."""
    return (
        f"<w:hyperlink w:anchor='{bookmark}'>{W_R.format(title)}<w:r><w:tab/></w:r>"
        f"{_field(f' PAGEREF {bookmark} \\h ', str(page))}</w:hyperlink>"
    )


def build_word_minutes() -> bytes:
    document = docx.Document()
    styles = document.styles.element
    styles.append(
        parse_xml(
            f"<w:style {nsdecls('w')} w:type='paragraph' w:styleId='Overskrift2'>"
            "<w:name w:val='Overskrift 2'/><w:basedOn w:val='Normal'/></w:style>"
        )
    )
    num_id = _numbering(document)
    link_id = document.part.relate_to("https://vejle.dk/med", RT.HYPERLINK, is_external=True)
    document.add_paragraph("REFERAT HovedMED Test d. 03-02-2025", style="Title")
    # The header as one paragraph with soft line breaks.
    _append(
        document,
        _p(
            W_R.format("Mødedato Mandag d. 3. februar 2025 kl. 10:00")
            + "<w:r><w:br/></w:r>"
            + W_R.format("Mødested Rådhuset, lokale 1")
        ),
    )
    document.add_paragraph("Mødedeltagere Anna Berg, Bo Ditlevsen (referent)")
    # A TOC field with no "Indholdsfortegnelse" heading; entries in Normal style.
    begin = (
        "<w:r><w:fldChar w:fldCharType='begin'/></w:r>"
        "<w:r><w:instrText xml:space='preserve'> TOC \\o \"1-3\" \\h \\z \\u </w:instrText></w:r>"
        "<w:r><w:fldChar w:fldCharType='separate'/></w:r>"
    )
    _append(document, _p(begin + _toc_entry("Punkt 1: Godkendelse af dagsorden", 2, "_Toc1")))
    _append(document, _p(_toc_entry("Punkt 2: Eventuelt", 3, "_Toc2")))
    _append(document, _p("<w:r><w:fldChar w:fldCharType='end'/></w:r>"))
    # Item 1: a bold Normal paragraph as its heading.
    _append(document, _p(_bold("Punkt 1: ") + _bold("Godkendelse af dagsorden")))
    document.add_paragraph("81.16.00-G01-2-25")
    _append(document, _p(_bold("Sagsfremstilling")))
    _append(
        document,
        _p(
            W_R.format("Se ")
            + f"<w:hyperlink r:id='{link_id}'>{W_R.format('referatet')}</w:hyperlink>"
            + W_R.format(" og ")
            + _field(' HYPERLINK "https://x.dk/a" ', "bilaget")
            + W_R.format(".")
        ),
    )
    _append(document, _numbered("Budget", num_id, 0))
    _append(document, _numbered("Drift", num_id, 1))
    _append(document, _numbered("Anlæg", num_id, 1))
    _append(document, _numbered("Personale", num_id, 0))
    table = document.add_table(rows=2, cols=2)
    for row, cells in zip(table.rows, (("Post", "Beløb"), ("Løn", " 1.000  kr. ")), strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    paragraph = document.add_paragraph("En ")
    paragraph.add_run("delvis").bold = True
    paragraph.add_run(" fed linje er ikke en overskrift.")
    document.add_paragraph().add_run("Fed tekst " * 20).bold = True
    _append(document, _p(_bold("Indstilling")))
    document.add_paragraph("Direktøren indstiller,")
    document.add_paragraph("at dagsordenen godkendes.")
    document.add_paragraph("Beslutning", style="Overskrift 2")
    document.add_paragraph("Godkendt.")
    document.add_paragraph("Bo Ditlevsen deltog ikke i behandlingen af punktet.")
    # Item 2: a Heading 1 paragraph, a "List Bullet" list with a level-2 style.
    document.add_paragraph("Punkt 2: Eventuelt", style="Heading 1")
    document.add_paragraph("Beslutning", style="Heading 3")
    document.add_paragraph("Kaffe", style="List Bullet")
    document.add_paragraph("Kage", style="List Bullet 2")
    document.add_paragraph("Frugt", style="List Bullet")
    document.sections[0].header.paragraphs[0].text = "Sidehoved: ignoreres"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def word_minutes() -> bytes:
    return build_word_minutes()


def test_word_blocks_in_document_order(word_minutes: bytes) -> None:
    blocks = docx_blocks(word_minutes, "hand.docx")
    body = [b.block for b in blocks]
    assert body[0] == Heading("REFERAT HovedMED Test d. 03-02-2025")
    assert blocks[1].lines == (
        "Mødedato Mandag d. 3. februar 2025 kl. 10:00",
        "Mødested Rådhuset, lokale 1",
    )
    assert body[1] == Paragraph(
        "Mødedato Mandag d. 3. februar 2025 kl. 10:00 Mødested Rådhuset, lokale 1"
    )
    assert blocks[3].lines == ("Indholdsfortegnelse",)
    assert blocks[4].lines == (
        "Punkt 1: Godkendelse af dagsorden.....\t2",
        "Punkt 2: Eventuelt.....\t3",
    )
    assert blocks[4].line == 4  # the paragraph the TOC starts in
    assert Heading("Punkt 1: Godkendelse af dagsorden") in body
    assert Heading("Sagsfremstilling") in body
    assert Paragraph("Se [referatet](https://vejle.dk/med) og [bilaget](https://x.dk/a).") in body
    assert (
        BulletList(
            (
                ListItem("Budget", (ListItem("Drift"), ListItem("Anlæg"))),
                ListItem("Personale"),
            ),
            ordered=True,
        )
        in body
    )
    assert Table((("Post", "Beløb"), ("Løn", "1.000 kr."))) in body
    assert Paragraph("En delvis fed linje er ikke en overskrift.") in body
    assert Paragraph(("Fed tekst " * 20).strip()) in body
    assert Heading("Beslutning") in body
    assert body[-1] == BulletList((ListItem("Kaffe", (ListItem("Kage"),)), ListItem("Frugt")))
    assert not any("Sidehoved" in b.text for b in blocks)


def test_word_minutes_read_as_a_document(word_minutes: bytes) -> None:
    doc = parse_bytes(word_minutes, "docx", path="hand.docx")
    assert (doc.kind, doc.committee) == (DocumentKind.MINUTES, "HovedMED Test")
    assert str(doc.meeting_date) == "2025-02-03" and str(doc.start_time) == "10:00:00"
    assert doc.location == "Rådhuset, lokale 1"
    assert [p.name for p in doc.participants] == ["Anna Berg", "Bo Ditlevsen"]
    assert doc.minute_taker == "Bo Ditlevsen"
    assert [(t.title, t.page) for t in doc.toc] == [
        ("Punkt 1: Godkendelse af dagsorden", 2),
        ("Punkt 2: Eventuelt", 3),
    ]
    first, second = doc.items
    assert (first.number, first.title, first.case_number) == (
        1,
        "Godkendelse af dagsorden",
        "81.16.00-G01-2-25",
    )
    assert [s.kind for s in first.sections] == [
        SectionKind.CASE,
        SectionKind.RECOMMENDATION,
        SectionKind.DECISION,
    ]
    assert first.recommendation is not None
    assert first.recommendation.clauses == ("at dagsordenen godkendes.",)
    assert first.absent == ("Bo Ditlevsen",)
    assert (second.number, second.title) == (2, "Eventuelt")
    assert [s.kind for s in second.sections] == [SectionKind.DECISION]


def test_an_error_names_the_paragraph(word_minutes: bytes) -> None:
    document = docx.Document(io.BytesIO(word_minutes))
    document.add_paragraph("Punkt 1: Igen", style="Heading 1")
    out = io.BytesIO()
    document.save(out)
    with pytest.raises(ParseError) as error:
        parse_bytes(out.getvalue(), "docx", path="dup.docx")
    count = len(document.paragraphs) + len(document.tables[0].rows)
    assert str(error.value).startswith(f"dup.docx:{count}: punkt 1 står to gange")


def test_a_danish_toc_style_makes_toc_lines() -> None:
    document = docx.Document()
    styles = document.styles.element
    styles.append(
        parse_xml(
            f"<w:style {nsdecls('w')} w:type='paragraph' w:styleId='Indholdsfortegnelse1'>"
            "<w:name w:val='toc 1'/></w:style>"
        )
    )
    document.add_paragraph("Indholdsfortegnelse")
    entry = document.add_paragraph("Godkendelse\t4", style="toc 1")
    assert isinstance(entry, DocxParagraph)
    blocks = docx_blocks(_saved(document), "toc.docx")
    assert [b.lines for b in blocks] == [("Indholdsfortegnelse",), ("Godkendelse.....\t4",)]


def _saved(document: docx.document.Document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --- bad input -------------------------------------------------------------------------


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


NOT_DOCX = r"er krypteret eller ikke en Word-fil \(\.docx\)"


@pytest.mark.parametrize(
    "data",
    [
        b"plain text, not a package",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600,
        _zip({"hello.txt": b"hi"}),
        _zip({"[Content_Types].xml": b"<not xml"}),
    ],
    ids=["text", "ole-encrypted", "zip-without-word", "broken-xml"],
)
def test_what_is_not_a_docx_is_a_clear_error(data: bytes) -> None:
    with pytest.raises(ParseError, match=NOT_DOCX) as error:
        docx_blocks(data, "bad.docx")
    assert str(error.value).startswith("bad.docx: ")


def test_a_truncated_docx_is_a_clear_error(word_minutes: bytes) -> None:
    with pytest.raises(ParseError, match=NOT_DOCX):
        docx_blocks(word_minutes[: len(word_minutes) // 2], "cut.docx")


def test_a_docx_whose_document_xml_is_broken(word_minutes: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(word_minutes)) as archive:
        members = {i.filename: archive.read(i) for i in archive.infolist()}
    members["word/document.xml"] = members["word/document.xml"][:500]
    with pytest.raises(ParseError, match="beskadiget"):
        docx_blocks(_zip(members), "broken.docx")


def test_an_empty_document_is_a_clear_error() -> None:
    with pytest.raises(ParseError, match="ingen tekst"):
        docx_blocks(_saved(docx.Document()), "empty.docx")


def _refuse_to_open(*_args: object) -> None:
    raise AssertionError("python-docx must not open a zip bomb")


def test_a_zip_bomb_is_refused_by_its_ratio(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docx, "Document", _refuse_to_open)
    bomb = _zip({"[Content_Types].xml": b"", "word/document.xml": b"\0" * (20 * 1024 * 1024)})
    with pytest.raises(ParseError, match=r"komprimeret \d+:1; grænsen er 100:1"):
        docx_blocks(bomb, "bomb.docx")


def test_the_uncompressed_size_limit_can_be_passed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docx, "Document", _refuse_to_open)
    data = _zip({"word/document.xml": bytes(range(256)) * 8192})  # 2 MB, incompressible-ish
    with pytest.raises(ParseError, match="fylder 2 MB udpakket; grænsen er 1 MB"):
        docx_blocks(data, "big.docx", max_uncompressed=1024 * 1024)


def test_the_default_limits_are_sane() -> None:
    assert docx_importer.MAX_UNCOMPRESSED_BYTES == 200 * 1024 * 1024
    assert docx_importer.MAX_COMPRESSION_RATIO == 100


def test_cli_reports_a_bad_docx_without_a_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "locked.docx"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    result = subprocess.run(
        [sys.executable, "-m", "medref.cli", "parse", str(bad)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "er krypteret eller ikke en Word-fil (.docx)" in result.stderr + result.stdout


# --- round trip: Markdown renderer -> pandoc -> DOCX -> parse --------------------------


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(meeting_documents(headings=True))
def test_rendered_markdown_survives_pandoc_docx(doc: MeetingDocument) -> None:
    """Every generated document comes back whole, list separators and links included."""
    data = pandoc_docx(render(doc, "md"))
    assert parse_bytes(data, "docx", path="roundtrip.docx") == doc
