"""The Word renderer: real Word structure, read back exactly, opened by LibreOffice."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import time
import zipfile
from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from hypothesis import HealthCheck, given, settings
from lxml import etree

from medref.documents import (
    AgendaItem,
    Attachment,
    BulletList,
    DocumentKind,
    Heading,
    ListItem,
    MeetingDocument,
    Paragraph,
    Participant,
    Recommendation,
    Section,
    SectionKind,
    Table,
    TocEntry,
)
from medref.importers import parse_bytes, parse_file
from medref.importers.wordml import PANDOC_EMPTY_ANCHOR
from medref.renderers import render_bytes
from medref.renderers.docx import render_docx
from tests.documents.strategies import meeting_documents

DEMO = Path(__file__).resolve().parents[2] / "medref" / "demo"
EXAMPLES = sorted(DEMO.iterdir())
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W, "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
SECRET = "Fortroligt Hemmelighedsord Zebrafisk"


def w(name: str) -> str:
    return f"{{{W}}}{name}"


def rich_document(*, closed: bool = False) -> MeetingDocument:
    """One item with every kind of block, a numbered recommendation, bilag and attendance."""
    item = AgendaItem(
        number=21,
        title="Halvårsregnskabet 2025",
        case_number="81.16.00-G01-2-25",
        sections=(
            Section(
                SectionKind.CASE,
                "Sagsfremstilling",
                (
                    Paragraph("Referatet kan læses [her](https://example.org/referat)."),
                    Paragraph("Læs mere [her](#)."),
                    Heading("Status fra IT"),
                    BulletList(
                        (ListItem("Vi er én afdeling", (ListItem("Underpunkt"),)), ListItem("To"))
                    ),
                    BulletList((ListItem("Første"), ListItem("Anden")), ordered=True),
                    Table(
                        (
                            ("1.000 kr.", "Korrigerede budget", "Forventet regnskab"),
                            ("Økonomi & Administration", "265.786", "202.740"),
                        )
                    ),
                ),
            ),
            Section(SectionKind.RECOMMENDATION, "Indstilling"),
            Section(
                SectionKind.DECISION, "Beslutning", (Paragraph("FagMED tog det til efterretning."),)
            ),
            Section(SectionKind.ATTACHMENTS, "Bilag"),
        ),
        recommendation=Recommendation(
            "Stabschef for Strategi og Udbud",
            ("at FagMED godkender regnskabet.", "at orienteringen tages til efterretning."),
            numbered=True,
        ),
        attachments=(Attachment("Måltal"),),
        absent=("Cathrin Borregaard Andersen",),
        substitutes=("Betina Bjerrisgaard",),
    )
    secret = AgendaItem(
        number=22,
        title=f"Personalesag {SECRET}",
        case_number="81.16.00-G01-9-25",
        closed=True,
        sections=(Section(SectionKind.CASE, "Sagsfremstilling", (Paragraph(SECRET + "."),)),),
    )
    return MeetingDocument(
        kind=DocumentKind.MINUTES,
        committee="FagMED Økonomi",
        meeting_date=dt.date(2025, 10, 8),
        start_time=dt.time(13, 0),
        location="Mødelokale 2225",
        participants=(
            Participant("Marie Aasøe", "Afdelingschef for Økonomi & Stab"),
            Participant("Pernille Løvendahl Carlsen", "Personaleadministrativ konsulent"),
        ),
        present=("Marie Aasøe",),
        absent=("Pernille Løvendahl Carlsen",),
        substitutes=("Betina Bjerrisgaard", "Kristinna Andersen"),
        minute_taker="Pernille Løvendahl Carlsen",
        toc=(TocEntry("Halvårsregnskabet 2025", 3), TocEntry(f"Personalesag {SECRET}", 4))[
            : 2 if closed else 1
        ],
        items=(item, secret) if closed else (item,),
    )


@pytest.fixture(scope="module")
def rich() -> bytes:
    return render_docx(rich_document())


def part(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read(name))


def style_of(paragraph: etree._Element) -> str | None:
    found = paragraph.find("w:pPr/w:pStyle", NS)
    return None if found is None else found.get(w("val"))


def text_of(element: etree._Element) -> str:
    return "".join(
        "\t" if t.tag == w("tab") else t.text or "" for t in element.iter(w("t"), w("tab"))
    )


def paragraphs(data: bytes) -> list[tuple[str | None, str]]:
    body = part(data, "word/document.xml").find("w:body", NS)
    return [(style_of(p), text_of(p)) for p in body.iterfind("w:p", NS)]


# --- structure -----------------------------------------------------------------------


def test_headings_use_word_heading_styles(rich: bytes) -> None:
    """Title, Heading 1 per item, Heading 2 per section, Heading 3 for sub-headings."""
    found = paragraphs(rich)
    assert found[0] == ("Title", "REFERAT FagMED Økonomi d. 08-10-2025")
    assert ("Heading1", "Punkt 21: Halvårsregnskabet 2025") in found
    for heading in ("Sagsfremstilling", "Indstilling", "Beslutning", "Bilag"):
        assert ("Heading2", heading) in found
    assert ("Heading3", "Status fra IT") in found
    assert ("TOCHeading", "Indholdsfortegnelse") in found


def test_each_item_starts_a_new_page(rich: bytes) -> None:
    body = part(rich, "word/document.xml")
    for p in body.iter(w("p")):
        if style_of(p) == "Heading1":
            assert p.find("w:pPr/w:pageBreakBefore", NS) is not None


def test_header_fields_have_bold_labels(rich: bytes) -> None:
    body = part(rich, "word/document.xml").find("w:body", NS)
    fields = []
    for p in body.iterfind("w:p", NS):
        runs = p.findall("w:r", NS)
        if len(runs) > 1 and runs[0].find("w:rPr/w:b", NS) is not None:
            label = text_of(runs[0])
            fields.append((label, text_of(p).removeprefix(label + " ")))
    assert fields == [
        ("Mødedato", "Onsdag d. 08. oktober 2025 kl. 13:00"),
        ("Mødested", "Mødelokale 2225"),
        (
            "Mødedeltagere",
            "Marie Aasøe (Afdelingschef for Økonomi & Stab), Pernille Løvendahl Carlsen "
            "(Personaleadministrativ konsulent) (referent)",
        ),
        ("Afbud", "Pernille Løvendahl Carlsen"),
        ("Suppleanter", "Betina Bjerrisgaard, Kristinna Andersen"),
        # The item's own lines.
        ("Fraværende", "Cathrin Borregaard Andersen"),
        ("Suppleanter", "Betina Bjerrisgaard"),
    ]


def test_the_contents_are_a_toc_field_showing_the_documents_lines(rich: bytes) -> None:
    body = part(rich, "word/document.xml")
    kinds = [c.get(w("fldCharType")) for c in body.iter(w("fldChar"))]
    assert kinds == ["begin", "separate", "end"]
    instruction = "".join(i.text for i in body.iter(w("instrText")))
    assert instruction.strip() == 'TOC \\o "1-1" \\h \\z \\u'
    entries = [text for style, text in paragraphs(rich) if style == "TOC1"]
    assert entries == ["Halvårsregnskabet 2025\t3"]
    styles = part(rich, "word/styles.xml")
    toc1 = styles.find("w:style[@w:styleId='TOC1']", NS)
    assert toc1.find("w:name", NS).get(w("val")) == "toc 1"
    assert toc1.find("w:pPr/w:tabs/w:tab", NS).get(w("leader")) == "dot"


def test_numbered_clauses_and_lists_use_real_numbering(rich: bytes) -> None:
    body = part(rich, "word/document.xml")
    numbering = part(rich, "word/numbering.xml")

    def num_format(num_id: str, level: str) -> str:
        num = numbering.find(f"w:num[@w:numId='{num_id}']", NS)
        abstract_id = num.find("w:abstractNumId", NS).get(w("val"))
        abstract = numbering.find(f"w:abstractNum[@w:abstractNumId='{abstract_id}']", NS)
        return abstract.find(f"w:lvl[@w:ilvl='{level}']/w:numFmt", NS).get(w("val"))

    listed = {}
    for p in body.iter(w("p")):
        num_pr = p.find("w:pPr/w:numPr", NS)
        if num_pr is not None:
            listed[text_of(p)] = (
                num_pr.find("w:numId", NS).get(w("val")),
                num_pr.find("w:ilvl", NS).get(w("val")),
            )
    clause_list, clause_level = listed["at FagMED godkender regnskabet."]
    assert num_format(clause_list, clause_level) == "decimal"
    assert listed["at orienteringen tages til efterretning."][0] == clause_list
    assert num_format(*listed["Vi er én afdeling"]) == "bullet"
    assert listed["Underpunkt"][1] == "1"
    assert num_format(*listed["Første"]) == "decimal"
    # Each list is a numbering of its own, so the next one starts at 1 again.
    assert len({listed[t][0] for t in ("Første", "Vi er én afdeling")} | {clause_list}) == 3
    restart = f"w:num[@w:numId='{clause_list}']/w:lvlOverride/w:startOverride"
    assert numbering.find(restart, NS) is not None


def test_tables_are_word_tables_with_a_header_row(rich: bytes) -> None:
    body = part(rich, "word/document.xml")
    (table,) = body.iter(w("tbl"))
    assert table.find("w:tblPr/w:tblStyle", NS).get(w("val")) == "TableGrid"
    rows = table.findall("w:tr", NS)
    assert rows[0].find("w:trPr/w:tblHeader", NS) is not None
    assert [text_of(c) for c in rows[1].findall("w:tc", NS)] == [
        "Økonomi & Administration",
        "265.786",
        "202.740",
    ]
    assert rows[0].find(".//w:r/w:rPr/w:b", NS) is not None


def test_links_are_hyperlinks(rich: bytes) -> None:
    document = docx.Document(io.BytesIO(rich))
    targets = {
        rel.rId: rel.target_ref
        for rel in document.part.rels.values()
        if rel.reltype == RT.HYPERLINK and rel.is_external
    }
    body = part(rich, "word/document.xml")
    links = [
        (text_of(link), link.get(f"{{{NS['r']}}}id"), link.get(w("anchor")))
        for link in body.iter(w("hyperlink"))
        if text_of(link) == "her"
    ]
    ((_, rel_id, _), (_, no_rel, anchor)) = links
    assert targets[rel_id] == "https://example.org/referat"
    # "[her](#)": Word has no empty bookmark, so it points at pandoc's stand-in.
    assert (no_rel, anchor) == (None, PANDOC_EMPTY_ANCHOR)


def test_the_language_is_danish_and_pages_are_numbered(rich: bytes) -> None:
    styles = part(rich, "word/styles.xml")
    default = styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
    assert default.get(w("val")) == "da-DK"
    normal = styles.find("w:style[@w:styleId='Normal']/w:rPr/w:lang", NS)
    assert normal.get(w("val")) == "da-DK"
    document = docx.Document(io.BytesIO(rich))
    assert document.core_properties.language == "da-DK"
    section = document.sections[0]
    assert round(section.page_width.cm, 1) == 21.0  # A4
    footer = section.footer._element
    instructions = [i.text.strip() for i in footer.iter(w("instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert text_of(footer).startswith("Side ") and " af " in text_of(footer)


def test_the_same_document_gives_the_same_bytes() -> None:
    assert render_docx(rich_document()) == render_docx(rich_document())


def test_the_public_version_has_no_closed_item_text() -> None:
    doc = rich_document(closed=True)
    internal = render_bytes(doc, "docx")
    public = render_bytes(doc, "docx", public=True)

    def document_xml(data: bytes) -> str:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive.read("word/document.xml").decode()

    assert SECRET in document_xml(internal)
    assert "Zebrafisk" not in document_xml(public)
    assert "81.16.00-G01-9-25" not in document_xml(public)
    assert "Punkt 22: Lukket punkt" in document_xml(public)
    with zipfile.ZipFile(io.BytesIO(public)) as archive:
        assert not any(b"Zebrafisk" in archive.read(name) for name in archive.namelist())


# --- round trip ---------------------------------------------------------------------------


ROUND_TRIP = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@ROUND_TRIP
@given(meeting_documents(headings=True))
def test_docx_round_trip(doc: MeetingDocument) -> None:
    assert parse_bytes(render_bytes(doc, "docx"), "docx", path="rendered.docx") == doc


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_the_examples_survive_docx(path: Path) -> None:
    doc = parse_file(path)
    assert parse_bytes(render_bytes(doc, "docx"), "docx", path=path.name) == doc


def test_the_rich_document_survives_docx_in_both_versions() -> None:
    doc = rich_document(closed=True)
    assert parse_bytes(render_bytes(doc, "docx"), "docx", path="rich.docx") == doc
    public = render_bytes(doc, "docx", public=True)
    back = parse_bytes(public, "docx", path="public.docx")
    assert back.item(22) == AgendaItem(22, "Lukket punkt", closed=True)


# --- LibreOffice ------------------------------------------------------------------------------


def generated_documents(count: int) -> list[MeetingDocument]:
    """A few generated documents, the same on every run."""
    found: list[MeetingDocument] = []

    @settings(max_examples=count, derandomize=True, database=None, deadline=None)
    @given(meeting_documents(headings=True))
    def collect(doc: MeetingDocument) -> None:
        found.append(doc)

    collect()
    return found[-count:]


@pytest.mark.slow
@pytest.mark.needs("soffice")
@pytest.mark.timeout(300)
def test_libreoffice_opens_every_docx(tmp_path: Path) -> None:
    """soffice converts each file to a non-empty PDF: one invocation for all (it is slow)."""
    soffice = shutil.which("soffice")
    assert soffice is not None
    docs = {path.stem: parse_file(path) for path in EXAMPLES}
    docs["rich"] = rich_document(closed=True)
    docs.update((f"generated-{n}", doc) for n, doc in enumerate(generated_documents(3)))
    files = []
    for name, doc in docs.items():
        files.append(tmp_path / f"{name}.docx")
        files[-1].write_bytes(render_bytes(doc, "docx"))
    files.append(tmp_path / "rich-public.docx")
    files[-1].write_bytes(render_bytes(docs["rich"], "docx", public=True))
    out = tmp_path / "pdf"
    started = time.monotonic()
    result = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/lo-profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        timeout=280,
        check=False,
    )
    elapsed = time.monotonic() - started
    assert result.returncode == 0, result.stderr
    for file in files:
        pdf = out / f"{file.stem}.pdf"
        assert pdf.exists() and pdf.stat().st_size > 0, f"{file.name}: {result.stdout}"
    print(f"LibreOffice converted {len(files)} files in {elapsed:.1f} s")


def test_the_committed_example_reads_as_its_source() -> None:
    """docs/examples holds the FagMED minutes as Word (``medref render … --to docx``)."""
    name = "referat-fagmed-oekonomi-2025-10-08"
    committed = DEMO.parents[1] / "docs" / "examples" / f"{name}.docx"
    assert parse_file(committed) == parse_file(DEMO / f"{name}.txt")
