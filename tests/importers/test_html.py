"""The HTML front end: pandoc's HTML of the three examples, portal-style pages,
bad input, and round trips (Markdown via pandoc, medref's own HTML renderer).

The pandoc fixtures were made as tests/fixtures/html/README.md says; where
pandoc reads the plain-text examples differently from medref's text front
end (it is reading them as Markdown), the tests name the difference.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
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
from medref.documents.serialize import to_contract
from medref.importers import parse_bytes, parse_file
from medref.importers.errors import ParseError
from medref.importers.html import html_blocks
from medref.renderers import render
from tests.documents.strategies import meeting_documents

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "medref" / "demo"
FIXTURES = ROOT / "tests" / "fixtures" / "html"
FAGMED = "referat-fagmed-oekonomi-2025-10-08"
AFDMED = "referat-afdelingsmed-oekonomi-stab-2025-11-20"
LOKALMED = "referat-lokalmed-borgerservice-2025-06-20"
PANDOC = shutil.which("pandoc")
needs_pandoc = pytest.mark.skipif(PANDOC is None, reason="pandoc (Debian package) not installed")


def original(stem: str) -> MeetingDocument:
    return parse_file(next(DEMO.glob(f"{stem}.*")))


def converted(stem: str) -> MeetingDocument:
    return parse_file(FIXTURES / f"{stem}.html")


def header(doc: MeetingDocument) -> dict[str, object]:
    fields = dataclasses.asdict(doc)
    del fields["items"]
    return fields


def blocks_of(html: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(type(b.block).__name__, b.lines) for b in html_blocks(html.encode(), "t.html")]


# --- pandoc's HTML of the three examples ------------------------------------------


def test_the_markdown_example_reads_exactly_the_same_as_html() -> None:
    assert converted(LOKALMED) == original(LOKALMED)


def test_fagmed_header_and_items_survive_pandoc() -> None:
    """Header, TOC (pandoc re-wraps it; the entries are cut at their page
    numbers again), items, sections and attendance are the same."""
    html, text = converted(FAGMED), original(FAGMED)
    assert header(html) == header(text)
    assert [t.page for t in html.toc] == [3, 4, 5, 6, 7, 8, 9, 11, 12, 13]
    for mine, theirs in zip(html.items, text.items, strict=True):
        assert (mine.number, mine.title, mine.case_number) == (
            theirs.number,
            theirs.title,
            theirs.case_number,
        )
        assert [s.kind for s in mine.sections] == [s.kind for s in theirs.sections]
        assert (mine.recommendation, mine.attachments, mine.absent) == (
            theirs.recommendation,
            theirs.attachments,
            theirs.absent,
        )
        if mine.number not in (26, 27, 28):
            assert mine == theirs


def test_fagmed_differs_only_where_pandoc_reads_plain_text_as_markdown() -> None:
    html, text = converted(FAGMED), original(FAGMED)
    differences: dict[tuple[int, int, int], tuple[object, object]] = {}
    for mine, theirs in zip(html.items, text.items, strict=True):
        for s, (ours, their) in enumerate(zip(mine.sections, theirs.sections, strict=True)):
            assert len(ours.blocks) == len(their.blocks)
            for b, (x, y) in enumerate(zip(ours.blocks, their.blocks, strict=True)):
                if x != y:
                    differences[mine.number, s, b] = (y, x)
    assert set(differences) == {(26, 0, 4), (27, 1, 8), (27, 1, 10), (28, 1, 5)}
    # "- 1. januar 2027: …" is a bullet holding an ordered list starting at 1.
    _, dates = differences[26, 0, 4]
    assert isinstance(dates, BulletList)
    assert dates.items[-1] == ListItem(
        "", (ListItem("december 2027: Driftscentre er fuldt operationelle"),)
    )
    # Sub-bullets indented by one space are not nested for pandoc.
    for key in ((27, 1, 8), (27, 1, 10)):
        nested, flat = differences[key]
        assert isinstance(nested, BulletList) and isinstance(flat, BulletList)
        assert [i.text for i in flat.items] == [
            t for item in nested.items for t in (item.text, *(c.text for c in item.children))
        ]
    # Tab-separated rows are no Markdown table: one paragraph.
    table, paragraph = differences[28, 1, 5]
    assert isinstance(table, Table)
    assert paragraph == Paragraph(" ".join(" ".join(row) for row in table.rows))


def test_afdmed_differs_only_in_recommendations_pandoc_joins_to_their_lead() -> None:
    """ "… indstiller,\\n1. at …" has no blank line before the list: for
    Markdown it is one paragraph, so no recommendation is read."""
    html, text = converted(AFDMED), original(AFDMED)
    assert header(html) == header(text)
    joined = 0
    for mine, theirs in zip(html.items, text.items, strict=True):
        rec = theirs.recommendation
        if rec is not None and mine.recommendation is None:
            joined += 1
            assert rec.numbered and len(rec.clauses) == 1
            section = mine.section(SectionKind.RECOMMENDATION)
            assert section is not None
            assert section.blocks[0] == Paragraph(f"{rec.proposer} indstiller, 1. {rec.clauses[0]}")
            mine = dataclasses.replace(mine, recommendation=rec, sections=theirs.sections)
        assert mine == theirs
    assert joined == 8


@needs_pandoc
@pytest.mark.parametrize("stem", [FAGMED, AFDMED, LOKALMED])
@pytest.mark.parametrize("wrap", ["auto", "preserve"])
def test_the_fixtures_are_what_the_readme_command_makes(
    tmp_path: Path, stem: str, wrap: str
) -> None:
    source = next(DEMO.glob(f"{stem}.*"))
    out = tmp_path / f"{stem}.html"
    command = ["pandoc", "-f", "markdown-smart", "-t", "html", "-s", f"--wrap={wrap}"]
    subprocess.run([*command, "-M", f"pagetitle={stem}", str(source), "-o", str(out)], check=True)
    assert parse_file(out) == converted(stem)


# --- portal-style pages ---------------------------------------------------------------


def test_fold_out_portal_page_reads_header_and_items() -> None:
    doc = parse_file(FIXTURES / "portal-details.html")
    assert doc.kind == DocumentKind.MINUTES
    assert doc.committee == "LokalMED Hjemmeplejen Syd"
    assert (str(doc.meeting_date), str(doc.start_time), str(doc.end_time)) == (
        "2025-03-12",
        "14:00:00",
        "16:00:00",
    )
    assert doc.location == "Plejecenter Solhøj, mødelokale 1"
    assert [(p.name, p.title) for p in doc.participants][:3] == [
        ("Karen Lund", "formand"),
        ("Ole Bak", "næstformand"),
        ("Sanne Friis", "AMR"),
    ]
    assert doc.minute_taker == "Jonas Mæhl"
    assert [(i.number, i.title) for i in doc.items] == [
        (1, "Godkendelse af dagsorden"),
        (2, "Sygefravær 4. kvartal 2024"),
        (3, "Eventuelt"),
    ]


def test_fold_out_sections_from_h4_summary_and_accordion_button() -> None:
    """<details> content and an aria-hidden accordion panel are minutes."""
    doc = parse_file(FIXTURES / "portal-details.html")
    one, two, three = doc.items
    assert one.case_number == two.case_number == "81.16.00-G01-2-25"
    assert [s.kind for s in one.sections] == [
        SectionKind.CASE,
        SectionKind.RECOMMENDATION,
        SectionKind.DECISION,
    ]
    assert one.recommendation is not None and one.recommendation.numbered
    assert one.recommendation.clauses == ("at dagsordenen godkendes.",)
    assert one.absent == ("Sanne Friis",)
    case = two.sections[0].blocks
    assert case[0] == Paragraph(
        "Sygefraværet er faldet siden sidste kvartal. "
        "Se tallene i [fraværsrapporten](https://example.dk/fravaer.pdf)."
    )
    assert case[1] == Table(
        (
            ("Område", "Fravær %", "Måltal %"),
            ("Distrikt Nord", "8,1", "6,5"),
            ("Distrikt Syd", "5,9", "6,5"),
        )
    )
    assert two.sections[1].blocks[1] == BulletList(
        (ListItem("Opfølgning på langtidssyge", (ListItem("Samtaler efter 4 uger"),)),
         ListItem("Trivselsmåling"))
    )  # fmt: skip
    assert three.sections[0].blocks == (
        Paragraph("Næste møde Den 11. juni 2025."),
        Paragraph("Ingen yderligere bemærkninger."),
    )


def test_fold_out_page_chrome_and_scripts_never_reach_the_document() -> None:
    contract = json.dumps(to_contract(parse_file(FIXTURES / "portal-details.html")))
    for chrome in (
        "cookies",
        "Accepter",
        "Borger",
        "Forside",
        "Søg",
        "Udskriv",
        "Fold alle ud",
        "Til toppen",
        "nyt vindue",
        "▸",
        "Punkt 99",
        "Injiceret",
        "Skjult kladde",
        "JavaScript",
        "Skabelon",
        "Rådhustorvet",
        "Tilgængelighed",
        "logo",
    ):
        assert chrome not in contract


def test_top_list_portal_page_in_windows_1252() -> None:
    """Declared charset, a <dl> header, anchor item list dropped, h2/h3 mixed."""
    doc = parse_file(FIXTURES / "portal-toplist.html")
    assert doc.committee == "FagMED Skole og Dagtilbud"
    assert (str(doc.meeting_date), str(doc.start_time)) == ("2025-05-05", "15:00:00")
    assert doc.location == "Byrådssalen, Rådhuset"
    assert [(p.name, p.title) for p in doc.participants] == [
        ("Anna Holm", "Skolechef"),
        ("Bo Ærø", "TR"),
        ("Lise Østergård", "AMR"),
    ]
    assert doc.minute_taker == "Lise Østergård"
    assert doc.absent == ("Bo Ærø",)
    assert doc.present == ("Anna Holm", "Lise Østergård")
    assert doc.toc == ()
    assert [(i.number, i.title, i.closed) for i in doc.items] == [
        (7, "Godkendelse af dagsorden", False),
        (8, "Budget 2026 - proces", False),
        (9, "Personalesag", True),
    ]


def test_top_list_page_bold_paragraphs_and_any_heading_level_are_sections() -> None:
    doc = parse_file(FIXTURES / "portal-toplist.html")
    eight = doc.item(8)
    assert eight is not None
    assert [s.kind for s in eight.sections] == [
        SectionKind.SUMMARY,
        SectionKind.CASE,
        SectionKind.DECISION,
        SectionKind.ATTACHMENTS,
    ]
    case = eight.sections[1].blocks
    assert case[0] == Paragraph("Tidsplanen: Juni: rammer udmeldes August: forhandlinger")
    # The nested table is flattened into its cell.
    assert case[1] == Table(
        (("Fase", "Frist"), ("Rammer", "1. juni"), ("Forhandling", "Uge 33 Uge 34"))
    )
    # A javascript: link keeps its text, never its "URL".
    assert eight.sections[2].blocks == (
        Paragraph(
            "Udvalget tog orienteringen til efterretning. "
            "Se [tidsplanen](/dokumenter/budget2026.pdf) og print."
        ),
    )
    assert [a.title for a in eight.attachments] == ["Tidsplan budget 2026"]
    contract = json.dumps(to_contract(doc))
    assert "VIEWSTATE" not in contract and "Abonnér" not in contract and "Forside" not in contract


# --- blocks -------------------------------------------------------------------------


def test_br_splits_lines_and_the_paragraph_joins_them() -> None:
    (block,) = html_blocks("<p>Mødedato: 1. maj 2025<br>Mødested: Salen</p>".encode(), "t.html")
    assert block.lines == ("Mødedato: 1. maj 2025", "Mødested: Salen")
    assert block.block == Paragraph("Mødedato: 1. maj 2025 Mødested: Salen")


def test_headings_summary_and_bold_only_paragraphs_are_explicit_headings() -> None:
    found = html_blocks(
        b"<h6>Beslutning</h6><details><summary>Punkt 1: A</summary><p>x</p></details>"
        b"<p><strong>Indstilling</strong></p><p><b>Fravaerende</b> Ole</p>",
        "t.html",
    )
    assert [(b.block, b.explicit_heading) for b in found] == [
        (Heading("Beslutning"), True),
        (Heading("Punkt 1: A"), True),
        (Paragraph("x"), False),
        (Heading("Indstilling"), True),
        (Paragraph("Fravaerende Ole"), False),
    ]


def test_a_heading_that_is_one_in_page_link_keeps_its_text() -> None:
    assert blocks_of('<h3><a href="#c1" data-toggle="collapse">Punkt 1: A</a></h3>') == [
        ("Heading", ("Punkt 1: A",))
    ]
    assert blocks_of('<h3>Se <a href="#">her</a></h3>') == [("Heading", ("Se [her](#)",))]


def test_dl_terms_with_several_values() -> None:
    html = "<dl><dt>Mødedato</dt><dd>1. maj 2025</dd><dt>Deltagere</dt><dd>A</dd><dd>B</dd></dl>"
    assert blocks_of(html) == [
        ("Paragraph", ("Mødedato 1. maj 2025",)),
        ("Paragraph", ("Deltagere A, B",)),
    ]


def test_an_anchor_list_is_dropped_only_before_the_first_item() -> None:
    anchors = '<ul><li><a href="#p1">Punkt 1: A</a></li></ul>'
    html = f"<h2>Indholdsfortegnelse</h2>{anchors}<h2>Punkt 1: A</h2>{anchors}"
    assert blocks_of(html) == [
        ("Heading", ("Punkt 1: A",)),
        ("BulletList", ("- [Punkt 1: A](#p1)",)),
    ]


def test_layout_tables_and_pre_are_read_as_their_content() -> None:
    html = (
        '<table role="presentation"><tr><td><p>Mødested Salen</p></td></tr></table>'
        "<table><tr><td><h2>Punkt 1: A</h2><p>x</p></td></tr></table>"
        "<pre>Beslutning\n\n- en\n  - to\n</pre>"
    )
    assert blocks_of(html) == [
        ("Paragraph", ("Mødested Salen",)),
        ("Heading", ("Punkt 1: A",)),
        ("Paragraph", ("x",)),
        ("Paragraph", ("Beslutning",)),
        ("BulletList", ("- en", "- to")),
    ]


def test_hidden_and_decorative_elements_are_left_out_but_collapsed_panels_kept() -> None:
    html = (
        '<p>a<span aria-hidden="true">★</span></p><p hidden>b</p><div hidden="until-found">c</div>'
        '<div aria-hidden="true" style="display:none">d</div><div class="collapse">e</div>'
        "<h3><button>f</button></h3><p>g <button>h</button></p>"
    )
    assert [lines for _, lines in blocks_of(html)] == [
        ("a",),
        ("c",),
        ("d",),
        ("e",),
        ("f",),
        ("g",),
    ]


def test_scripts_in_the_body_are_never_text() -> None:
    html = "<p>a</p><script>document.write('<p>Punkt 1: X</p>')</script><p>b</p>"
    assert [lines for _, lines in blocks_of(html)] == [("a",), ("b",)]


def test_lines_are_the_source_lines_of_the_start_tags() -> None:
    """Comments are blanked before counting; loose text takes the nearest line before it."""
    html = (
        "<html>\n<body>\n<!-- <p>not this</p> -->\n<h1>T</h1>\n\n<p>one</p>\n"
        "<ul>\n<li>x</li></ul>\ntail\n"
    )
    lines = [b.line for b in html_blocks(html.encode(), "t.html")]
    assert lines[:3] == [4, 6, 7]
    assert 7 <= lines[3] <= 9


def test_a_declared_charset_is_used_and_a_bom_wins() -> None:
    latin = '<meta charset="iso-8859-1"><p>Mødested Østergade</p>'.encode("cp1252")
    assert blocks_of_bytes(latin) == [("Mødested Østergade",)]
    utf16 = "<p>Ærø</p>".encode("utf-16")
    assert blocks_of_bytes(utf16) == [("Ærø",)]


def blocks_of_bytes(data: bytes) -> list[tuple[str, ...]]:
    return [b.lines for b in html_blocks(data, "t.html")]


# --- bad input ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message", "line"),
    [
        (b"<html>\n<p>caf\xe9</p>", "ikke UTF-8-tekst", 2),
        (b'<meta charset="klingon">\n<p>x</p>', "ukendt tegnsæt »klingon«", 1),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binære data (byten 0x1A)", 2),
        (b"PK\x03\x04\x14\x00\x06\x00word/document.xml", "binære data", 1),
        (
            b"<html>\n<body><script>x()</script><nav>Menu</nav></body></html>",
            "ingen synlig tekst",
            2,
        ),
        (
            b"<!DOCTYPE html><html><head><title>T</title></head><body></body></html>",
            "ingen synlig tekst",
            1,
        ),
        (b"Punkt 1: just text", "ingen HTML-kode", 1),
        (b"<div>" * 1_000_000, "indlejret for dybt", 1),  # Lexbor is quadratic in this depth
        (b"<span>" * 5000 + b"x", "indlejret for dybt", 1),
    ],
)
@pytest.mark.timeout(20)
def test_bad_input_is_a_located_parse_error(data: bytes, message: str, line: int) -> None:
    with pytest.raises(ParseError) as caught:
        parse_bytes(data, "html", path="bad.html")
    assert message in caught.value.message
    assert caught.value.path == "bad.html"
    assert caught.value.line == line


def test_the_cli_reports_a_bad_page_without_a_traceback(tmp_path: Path) -> None:
    page = tmp_path / "tom.html"
    page.write_text("<html><body><script>alert(1)</script></body></html>")
    result = subprocess.run(
        [sys.executable, "-m", "medref.cli", "parse", str(page), "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"MEDREF_DEBUG": "True", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode != 0
    assert "tom.html:1: sidens <body> har ingen synlig tekst" in result.stderr
    assert "Traceback" not in result.stderr


# --- round trip: Markdown -> pandoc -> HTML -> the same document -----------------------


@pytest.mark.slow
@needs_pandoc
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=meeting_documents(headings=True))
def test_rendered_markdown_through_pandoc_reads_back_the_same(doc: MeetingDocument) -> None:
    """``--wrap=preserve``: a TOC entry without a page number can only be told
    from the next by its line; pandoc's default re-wrapping joins them."""
    markdown = render(doc, "md")
    command = ["pandoc", "-f", "markdown-smart", "-t", "html", "-s", "--wrap=preserve"]
    html = subprocess.run(
        [*command, "-M", "pagetitle=medref"],
        input=markdown.encode(),
        capture_output=True,
        check=True,
    ).stdout
    assert parse_bytes(html, "html") == doc


@pytest.mark.parametrize("source", sorted(DEMO.iterdir()), ids=lambda p: p.stem)
def test_medrefs_own_html_of_the_examples_reads_back_the_same(source: Path) -> None:
    """parse(render(doc, "html"), "html") == doc, as DESIGN.md asks of every format."""
    doc = parse_file(source)
    assert parse_bytes(render(doc, "html").encode(), "html") == doc


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=meeting_documents(headings=True))
def test_medrefs_own_html_reads_back_the_same(doc: MeetingDocument) -> None:
    assert parse_bytes(render(doc, "html").encode(), "html") == doc
