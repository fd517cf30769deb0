"""Bold and italic in body text reach every format (issue 16): HTML and PDF as
<strong>/<em>, Word as bold/italic runs, Markdown as written, plain text and the
JSON contract without markers."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from lxml import etree

from medref.documents import (
    AgendaItem,
    BulletList,
    DocumentKind,
    ListItem,
    MeetingDocument,
    Paragraph,
    Section,
    SectionKind,
    Table,
)
from medref.documents.serialize import to_contract
from medref.importers import parse_bytes
from medref.renderers import render, render_bytes
from medref.renderers.pdf import print_html

DECISION = "FagMED **godkendte** budgettet *med* ændringer; 5 * 3 = 15 og ***begge***."
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def document() -> MeetingDocument:
    item = AgendaItem(
        number=21,
        title="Budget 2026",
        sections=(
            Section(
                SectionKind.CASE,
                "Sagsfremstilling",
                (
                    BulletList((ListItem("en **fed** linje"), ListItem("*) note"))),
                    Table((("**Post**", "Beløb"), ("Løn", "*1.000*"))),
                ),
            ),
            Section(SectionKind.DECISION, "Beslutning", (Paragraph(DECISION),)),
        ),
    )
    return MeetingDocument(
        kind=DocumentKind.MINUTES,
        committee="FagMED Økonomi",
        meeting_date=dt.date(2025, 10, 8),
        items=(item,),
    )


def test_html_shows_strong_and_em() -> None:
    html = render(document(), "html")
    assert (
        "FagMED <strong>godkendte</strong> budgettet <em>med</em> ændringer; 5 * 3 = 15 og "
        "<strong><em>begge</em></strong>." in html
    )
    assert "<li>en <strong>fed</strong> linje</li>" in html
    assert "<li>*) note</li>" in html
    assert "<strong>Post</strong>" in html and "<em>1.000</em>" in html
    assert "**" not in html.split("<main", 1)[1]


def test_the_pdf_is_made_from_the_same_markup() -> None:
    assert "FagMED <strong>godkendte</strong> budgettet <em>med</em>" in print_html(document())


@pytest.mark.slow
def test_the_pdf_text_has_no_markers() -> None:
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    pdf = pdfium.PdfDocument(render_bytes(document(), "pdf"))
    text = " ".join(page.get_textpage().get_text_range() for page in pdf)
    assert "godkendte" in text and "**" not in text


def test_markdown_keeps_the_markers_and_escapes_literal_stars() -> None:
    md = render(document(), "md")
    assert "FagMED **godkendte** budgettet *med* ændringer; 5 \\* 3 = 15 og ***begge***." in md
    assert "- en **fed** linje" in md
    assert "| **Post** | Beløb |" in md


def test_plain_text_and_json_drop_the_markers() -> None:
    text = render(document(), "txt")
    assert "FagMED godkendte budgettet med ændringer; 5 * 3 = 15 og begge." in text
    assert "- en fed linje" in text and "- *) note" in text
    contract = to_contract(document())
    decision = contract["items"][0]["sections"][1]
    assert decision["text"] == "FagMED godkendte budgettet med ændringer; 5 * 3 = 15 og begge."


def test_the_text_renderer_reads_back_as_the_text_without_emphasis() -> None:
    back = parse_bytes(render_bytes(document(), "txt"), "txt")
    decision = back.items[0].section(SectionKind.DECISION)
    assert decision is not None
    assert decision.blocks == (
        Paragraph("FagMED godkendte budgettet med ændringer; 5 * 3 = 15 og begge."),
    )


def test_word_has_bold_and_italic_runs() -> None:
    data = render_bytes(document(), "docx")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    styled: dict[str, tuple[bool, bool]] = {}
    for run in root.iter(f"{W}r"):
        text = "".join(t.text or "" for t in run.iter(f"{W}t"))
        props = run.find(f"{W}rPr")
        bold = props is not None and props.find(f"{W}b") is not None
        italic = props is not None and props.find(f"{W}i") is not None
        styled[text] = (bold, italic)
    assert styled["godkendte"] == (True, False)
    assert styled["med"] == (False, True)
    assert styled["begge"] == (True, True)
    assert styled["FagMED "] == (False, False)
    assert styled["fed"] == (True, False)
    assert "**" not in "".join(styled)
