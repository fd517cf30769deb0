"""PDF minutes read like the originals they were printed from.

The fixtures (tests/fixtures/pdf, made by make_fixtures.py, see its README)
are the three examples printed by LibreOffice: as ESDH-style exports (cover,
TOC with dot leaders and real page numbers, one item per page, running
header, "Side N af M" footer, Word lists and a ruled table, hyphenation),
as plain text printed as it is, and Markdown through pandoc.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from medref.documents import BulletList, MeetingDocument, SectionKind, Table
from medref.documents.serialize import to_contract
from medref.importers import ParseError, parse_bytes, parse_file
from medref.importers.pdf import pdf_blocks, toc_page_check
from medref.importers.pdf_lines import Run
from medref.importers.pdf_tables import _cell_text
from medref.importers.pdf_text import join_lines, join_two
from medref.importers.structure import read_document

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "medref" / "demo"
PDFS = ROOT / "tests" / "fixtures" / "pdf"
FAGMED = DEMO / "referat-fagmed-oekonomi-2025-10-08.txt"
AFDMED = DEMO / "referat-afdelingsmed-oekonomi-stab-2025-11-20.txt"
LOKALMED = DEMO / "referat-lokalmed-borgerservice-2025-06-20.md"
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")

pytestmark = pytest.mark.timeout(120)


def contract(doc: MeetingDocument, *, links: bool = True, toc: bool = True) -> dict[str, Any]:
    """The CLI contract, optionally without link targets and TOC entries."""
    data = to_contract(doc)
    if not links:
        for item in data["items"]:
            for section in item["sections"]:
                section["text"] = _LINK.sub(r"\1", section["text"])
    if not toc:
        data.pop("toc", None)
    return data


def toc_titles(doc: MeetingDocument) -> list[str]:
    return [entry.title for entry in doc.toc]


@pytest.fixture(scope="module")
def originals() -> dict[str, MeetingDocument]:
    return {
        "fagmed": parse_file(FAGMED),
        "afdmed": parse_file(AFDMED),
        "lokalmed": parse_file(LOKALMED),
    }


@pytest.fixture(scope="module")
def esdh() -> dict[str, MeetingDocument]:
    return {
        name: parse_file(PDFS / f"esdh-{name}.pdf") for name in ("fagmed", "afdmed", "lokalmed")
    }


# --- ESDH-style exports ----------------------------------------------------------


@pytest.mark.parametrize("name", ["fagmed", "afdmed", "lokalmed"])
def test_esdh_export_reads_like_the_original(
    name: str, originals: dict[str, MeetingDocument], esdh: dict[str, MeetingDocument]
) -> None:
    """Every field: header, participants, attendance, items, sections, recommendations,
    bilag, item absent/substitutes and the body text. Two things differ by design:
    the TOC carries the real page numbers, and a PDF's text holds a link's label, not
    its target (the Word file had none)."""
    pdf, original = esdh[name], originals[name]
    assert contract(pdf, links=False, toc=False) == contract(original, links=False, toc=False)
    assert toc_titles(pdf) == toc_titles(original)


def test_esdh_toc_pages_match_where_items_start() -> None:
    path = PDFS / "esdh-fagmed.pdf"
    blocks = pdf_blocks(path.read_bytes(), str(path))
    doc = read_document(blocks, path=str(path))
    assert [t.page for t in doc.toc] == [3, 4, 5, 6, 7, 8, 10, 13, 14, 16]
    assert toc_page_check(doc, blocks) == []
    assert all(block.page is not None for block in blocks)
    assert blocks[0].page == 1 and blocks[-1].page == 16


def test_running_header_footer_and_page_numbers_are_gone() -> None:
    path = PDFS / "esdh-fagmed.pdf"
    texts = [line for block in pdf_blocks(path.read_bytes(), str(path)) for line in block.lines]
    assert not any(re.search(r"Side \d+ af \d+", text) for text in texts)
    assert not any(text.startswith("Referat - FagMED") for text in texts)
    # The case number repeats at the same height on every item page and stays.
    assert sum(text == "81.16.00-G01-2-25" for text in texts) == 10


def test_hyphenation_is_rejoined_and_real_hyphens_kept(esdh: dict[str, MeetingDocument]) -> None:
    doc = esdh["fagmed"]
    text = "\n".join(s["text"] for i in to_contract(doc)["items"] for s in i["sections"])
    # LibreOffice broke these words at line ends (soft hyphens in the source).
    assert "samarbejdsprofil" in text and "planlægningsfase" in text
    assert "IT-afdelingen" in text and "Digitaliserings- og IT" in text
    assert "\x02" not in text and "\ufffe" not in text and "\u00ad" not in text
    item26 = doc.item(26)
    assert item26 is not None and item26.recommendation is not None
    assert item26.recommendation.proposer == "Digitaliserings- og IT-chefen"


def test_ruled_table_stays_a_table(esdh: dict[str, MeetingDocument]) -> None:
    """Header cells wrap over three lines; "Administration" is broken without a hyphen."""
    case = esdh["fagmed"].item(28).section(SectionKind.CASE)  # type: ignore[union-attr]
    assert case is not None
    assert [b for b in case.blocks if isinstance(b, Table)] == [
        Table(
            (
                (
                    "1.000 kr.",
                    "Korrigerede budget pr. 30/6-25",
                    "Forventet regnskab",
                    "Forventet overførsel til 2026",
                    "Mer(+)/mindre(-) forbrug",
                ),
                ("Økonomi & Administration", "265.786", "202.740", "49.449", "-13.598"),
            )
        )
    ]


def test_word_bullets_nest_by_indentation(esdh: dict[str, MeetingDocument]) -> None:
    case = esdh["fagmed"].item(27).section(SectionKind.CASE)  # type: ignore[union-attr]
    assert case is not None
    lists = [b for b in case.blocks if isinstance(b, BulletList)]
    assert [len(b.items) for b in lists] == [5, 2, 3, 3]
    assert lists[2].items[0].children[0].text.startswith("Her blev primært arbejdet")


# --- text printed as it is, Markdown through pandoc ---------------------------------


@pytest.mark.slow
def test_printed_text_file_reads_exactly_like_the_text(
    originals: dict[str, MeetingDocument],
) -> None:
    """Lines wrapped by the printer are joined; blank lines end paragraphs; "- " and
    "1. " lines are lists; the TOC with its (stale) page numbers is kept as written."""
    doc = parse_file(PDFS / "txt-afdmed.pdf")
    assert contract(doc) == contract(originals["afdmed"])


@pytest.mark.slow
def test_printed_text_file_differs_only_where_the_print_lost_it(
    originals: dict[str, MeetingDocument],
) -> None:
    """LibreOffice put " - Vi har …" on the line before it (so the nested bullet is
    text), and the tab-separated table row is wider than the page and wraps."""
    doc = contract(parse_file(PDFS / "txt-fagmed.pdf"))
    original = contract(originals["fagmed"])
    for data in (doc, original):
        for item in data["items"]:
            if item["number"] in (27, 28):
                item["sections"] = [s for s in item["sections"] if s["kind"] != "sagsfremstilling"]
    assert doc == original


@pytest.mark.slow
def test_stale_toc_pages_are_reported() -> None:
    path = PDFS / "txt-fagmed.pdf"
    blocks = pdf_blocks(path.read_bytes(), str(path))
    doc = read_document(blocks, path=str(path))
    warnings = toc_page_check(doc, blocks)
    assert (
        "indholdsfortegnelsen siger, at punkt 24 (Arbejds miljø) begynder på side 6, men det "
        "begynder på side 2"
    ) in warnings
    assert len(warnings) == 10


@pytest.mark.slow
def test_markdown_through_pandoc(originals: dict[str, MeetingDocument]) -> None:
    """Markdown joins the TOC's lines into one paragraph, so pandoc's DOCX has no
    TOC lines left; everything else reads as the Markdown does."""
    doc = parse_file(PDFS / "md-lokalmed.pdf")
    assert contract(doc, toc=False) == contract(originals["lokalmed"], toc=False)


def test_cli_parse_json_reads_a_pdf() -> None:
    path = PDFS / "esdh-afdmed.pdf"
    result = subprocess.run(
        [sys.executable, "-m", "medref.cli", "parse", str(path), "--json"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    assert result.stdout.strip().startswith("{")
    assert '"committee": "AfdelingsMED Økonomi & Stab"' in result.stdout


# --- joining lines ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("left", "right", "joined"),
    [
        ("arbejds-", "miljø er godt", "arbejdsmiljø er godt"),
        ("arbejds\x02", "miljø", "arbejdsmiljø"),
        ("langtids\ufffe", "fravær", "langtidsfravær"),
        ("Fremtidens IT-", "service", "Fremtidens IT-service"),
        ("Digitaliserings-", "og IT-chefen", "Digitaliserings- og IT-chefen"),
        ("løn-", "eller driftsbudget", "løn- eller driftsbudget"),
        ("d. 08-10-", "2025", "d. 08-10-2025"),
        ("i perioden 2022-", "2024", "i perioden 2022-2024"),
        ("bedre service -", "men også", "bedre service - men også"),
        ("Mer(+)/", "mindre(-)", "Mer(+)/mindre(-)"),
        ("et helt", "almindeligt ord", "et helt almindeligt ord"),
    ],
)
def test_join_two(left: str, right: str, joined: str) -> None:
    assert join_two(left, right) == joined


@pytest.mark.parametrize(
    ("left", "right", "joined"),
    [
        ("gode brugs-", "cases til", "gode brugs-cases til"),
        ("gode brugs\x02", "cases til", "gode brugs-cases til"),
        ("klippekort\u2010", "modulet", "klippekortmodulet"),
        ("løn-", "og drift", "løn- og drift"),
        ("soft\u00ad", "hyphen", "softhyphen"),
    ],
)
def test_join_two_where_automatic_hyphens_are_marked(left: str, right: str, joined: str) -> None:
    """From a producer that writes its automatic hyphens as U+2010 (WeasyPrint),
    a hyphen ending a line was typed and stays."""
    assert join_two(left, right, typed_hyphens=True) == joined


def test_only_producers_that_mark_their_hyphens_keep_typed_ones() -> None:
    from medref.importers.pdf import _pages
    from medref.renderers import render_bytes

    ours = parse_file(ROOT / "docs" / "examples" / "referat-fagmed-oekonomi-2025-10-08.md")
    weasyprint = render_bytes(ours, "pdf")
    assert _pages(weasyprint, "ours.pdf", 500)[1] is True
    theirs = (ROOT / "tests" / "fixtures" / "pdf" / "md-lokalmed.pdf").read_bytes()
    assert _pages(theirs, "theirs.pdf", 500)[1] is False


def test_a_word_broken_in_a_narrow_cell_is_glued() -> None:
    assert join_lines(["Økonomi &", "Administrati", "on"], glued=[False, True, False]) == (
        "Økonomi & Administration"
    )


def _runs(text: str, width: float) -> list[Run]:
    return [Run(0.0, width, 0.0, 10.0, 2.0, 10.0, False, 0, text)]


def test_a_cell_line_filled_to_the_edge_is_glued_one_with_room_keeps_its_space() -> None:
    """Measured from the WeasyPrint and ESDH tables: both next words would not have fitted."""
    broken = _cell_text([_runs("Administrati", 69.1), _runs("on", 12.8)], 75.5)
    assert broken == "Administration"
    wrapped = _cell_text([_runs("Forventet", 42.3), _runs("regnskab", 41.0)], 67.6)
    assert wrapped == "Forventet regnskab"


# --- bad input: a located ParseError, never a traceback or a hang -------------------------


def parse_error(data: bytes, **kwargs: Any) -> str:
    with pytest.raises(ParseError) as caught:
        pdf_blocks(data, "minutes.pdf", **kwargs)
    assert caught.value.path == "minutes.pdf"
    return caught.value.message


def test_password_protected_pdf() -> None:
    with pytest.raises(ParseError, match="beskyttet med adgangskode") as caught:
        parse_file(PDFS / "small-encrypted.pdf")
    assert str(caught.value).startswith(str(PDFS / "small-encrypted.pdf"))


def test_truncated_pdf() -> None:
    data = (PDFS / "esdh-fagmed.pdf").read_bytes()
    assert "beskadiget eller afkortet" in parse_error(data[: len(data) // 2])


def test_garbage_after_a_pdf_header() -> None:
    assert "PDF-filen kan ikke læses" in parse_error(b"%PDF-1.7\n" + bytes(range(256)) * 20)


def test_not_a_pdf_with_a_pdf_extension(tmp_path: Path) -> None:
    path = tmp_path / "referat.pdf"
    path.write_bytes(FAGMED.read_bytes())
    with pytest.raises(ParseError, match=r"ikke en PDF-fil"):
        parse_file(path)


def test_too_many_pages() -> None:
    data = (PDFS / "esdh-fagmed.pdf").read_bytes()
    assert parse_error(data, max_pages=10) == "PDF-filen har 16 sider; grænsen er 10"


def test_small_text_pdf_parses() -> None:
    doc = parse_bytes((PDFS / "small-text.pdf").read_bytes(), "pdf", path="small.pdf")
    assert doc.committee == "TestMED Skanning"
    assert [i.title for i in doc.items] == ["Godkendelse af dagsorden"]


def test_scanned_pdf_without_ocr_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")  # no ocrmypdf to be found
    message = parse_error((PDFS / "small-scanned.pdf").read_bytes())
    assert message == (
        "PDF-filen indeholder ingen tekst (et scannet dokument?): den skal have "
        "tekstgenkendelse (OCR): installér tesseract-ocr-dan og ocrmypdf"
    )


@pytest.mark.slow
@pytest.mark.needs("ocrmypdf")
def test_scanned_pdf_is_read_through_ocr() -> None:
    doc = parse_file(PDFS / "small-scanned.pdf")
    assert doc.committee == "TestMED Skanning"
    assert str(doc.meeting_date) == "2025-02-03"
    assert doc.location == "Mødelokale 12"
    assert [(i.number, i.title) for i in doc.items] == [(1, "Godkendelse af dagsorden")]


def test_unruled_columns_make_a_table() -> None:
    """Text lines whose cells start at the same x positions are a table's rows."""
    from medref.importers.pdf_flow import blocks_from
    from medref.importers.pdf_lines import Run, group_lines

    def run(x: float, baseline: float, text: str, index: int) -> Run:
        width = 5.0 * len(text)
        return Run(
            x, x + width, baseline - 2, baseline + 8, baseline, 10.0, False, index, text, x + width
        )

    rows = [
        ("Enhed", "Budget", "Forbrug"),
        ("Løn", "265.786", "202.740"),
        ("Drift", "49.449", "-13.598"),
    ]
    runs = [
        run(60.0 + 140 * column, 700.0 - 14 * row, cell, 10 * row + column)
        for row, cells in enumerate(rows)
        for column, cell in enumerate(cells)
    ]
    runs.append(run(60.0, 650.0, "Tabellen viser budgettet.", 99))
    blocks = blocks_from(list(group_lines(1, runs, 595.0)))
    assert blocks[0].block == Table(tuple(rows))
    assert blocks[0].lines == (
        "Enhed\tBudget\tForbrug",
        "Løn\t265.786\t202.740",
        "Drift\t49.449\t-13.598",
    )
    assert blocks[1].text == "Tabellen viser budgettet."
