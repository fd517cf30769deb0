"""The PDF renderer: cover, TOC with real page numbers, one item per page, PDF/UA.

Needs poppler-utils (pdftotext, pdftoppm, pdffonts) for the layout checks.
"""

from __future__ import annotations

import ctypes
import re
import subprocess
from dataclasses import replace
from pathlib import Path

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]
import pytest
from PIL import Image

from medref.documents import Paragraph
from medref.importers import parse_bytes, parse_file
from medref.renderers import render_bytes
from medref.renderers.pdf import print_html

from .documents import EXAMPLES, SECRET_WORDS, agenda, fagmed, with_closed_item

pytestmark = pytest.mark.slow
poppler = pytest.mark.needs("poppler")


@pytest.fixture(scope="module")
def fagmed_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "fagmed.pdf"
    path.write_bytes(render_bytes(fagmed(), "pdf"))
    return path


def page_texts(data: bytes) -> list[str]:
    pdf = pdfium.PdfDocument(data)
    return [page.get_textpage().get_text_range() for page in pdf]


def item_pages(texts: list[str]) -> dict[int, int]:
    """Item number -> the page (1-based) where its "Punkt N:" heading stands."""
    found: dict[int, int] = {}
    for page_no, text in enumerate(texts, start=1):
        for match in re.finditer(r"^Punkt (\d+):", text, re.MULTILINE):
            found.setdefault(int(match[1]), page_no)
    return found


def test_the_cover_page_has_the_title_and_the_meeting(fagmed_pdf: Path) -> None:
    cover = " ".join(page_texts(fagmed_pdf.read_bytes())[0].split())  # the title may wrap
    assert "REFERAT FagMED Økonomi d. 08-10-2025" in cover
    assert "Onsdag d. 08. oktober 2025 kl. 13:00" in cover
    assert "Mødelokale 2225" in cover
    assert "Mette Hillarius Rønsch" in cover
    assert "Punkt 21" not in cover


def test_each_item_starts_a_new_page(fagmed_pdf: Path) -> None:
    texts = page_texts(fagmed_pdf.read_bytes())
    pages = item_pages(texts)
    assert sorted(pages) == list(range(21, 31))
    assert len(set(pages.values())) == 10
    assert pages[21] == 3  # cover, contents, then the first item
    for number, page_no in pages.items():
        body = texts[page_no - 1].lstrip()
        assert body.startswith(f"Punkt {number}:")


def test_every_page_but_the_cover_says_side_n_af_m(fagmed_pdf: Path) -> None:
    texts = page_texts(fagmed_pdf.read_bytes())
    total = len(texts)
    assert "Side 1 af" not in texts[0]
    for page_no, text in enumerate(texts[1:], start=2):
        assert f"Side {page_no} af {total}" in text


@poppler
def test_the_toc_page_numbers_are_where_the_items_start(fagmed_pdf: Path) -> None:
    layout = subprocess.run(
        ["pdftotext", "-layout", "-f", "2", "-l", "2", str(fagmed_pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    entries = re.findall(r"^(\S.*?)\s*\.{3,}\s*(\d+)\s*$", layout, re.MULTILINE)
    doc = fagmed()
    assert [title for title, _ in entries] == [entry.title for entry in doc.toc]
    pages = item_pages(page_texts(fagmed_pdf.read_bytes()))
    assert [int(page) for _, page in entries] == [pages[item.number] for item in doc.items]


@poppler
def test_a_toc_page_number_never_stands_on_a_line_of_its_own(tmp_path: Path) -> None:
    """Titles from a little under to a little over a line long: the dots and
    the number stay beside the title's last line (alone, they read back as
    one more TOC entry)."""
    sentence = (
        "Status på aftalte temaer: Fokustid, sygefravær, onboarding og fleksible "
        "arbejdsforhold samt opfølgning på trivselsmålingen i hele forvaltningen"
    )
    words = re.findall(r"\S+", sentence)
    doc = fagmed()
    items = tuple(
        replace(item, title=" ".join(words[: 9 + index])) for index, item in enumerate(doc.items)
    )
    path = tmp_path / "toc.pdf"
    path.write_bytes(render_bytes(replace(doc, items=items, toc=()), "pdf"))
    layout = subprocess.run(
        ["pdftotext", "-layout", "-f", "2", "-l", "2", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    numbered = [line for line in layout.splitlines() if re.search(r"\.{3,}\s*\d+\s*$", line)]
    assert len(numbered) == len(items)
    for line in numbered:
        assert re.match(r"^\s*\w", line), line


@poppler
def test_a_page_is_not_blank(fagmed_pdf: Path, tmp_path: Path) -> None:
    prefix = tmp_path / "page"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "50", "-f", "3", "-l", "3", str(fagmed_pdf), str(prefix)],
        check=True,
    )
    (png,) = tmp_path.glob("page*.png")
    with Image.open(png) as image:
        gray = image.convert("L")
        inked = sum(count for value, count in enumerate(gray.histogram()) if value < 200)
        assert inked > 0.005 * gray.width * gray.height


def test_it_is_tagged_with_a_title_and_the_danish_language(fagmed_pdf: Path) -> None:
    pdf = pdfium.PdfDocument(fagmed_pdf.read_bytes())
    assert pdf.get_metadata_dict()["Title"] == "REFERAT FagMED Økonomi d. 08-10-2025"
    assert pdfium_c.FPDFCatalog_IsTagged(pdf.raw)
    size = pdfium_c.FPDFCatalog_GetLanguage(pdf.raw, None, 0)
    buffer = (ctypes.c_ushort * (size // 2))()
    pdfium_c.FPDFCatalog_GetLanguage(pdf.raw, buffer, size)
    assert bytes(buffer)[: size - 2].decode("utf-16-le") == "da"


@poppler
def test_every_font_is_embedded(fagmed_pdf: Path) -> None:
    fonts = subprocess.run(
        ["pdffonts", str(fagmed_pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert fonts
    for line in fonts:
        assert re.search(r"\byes\s+yes\s+yes\b", line), line


def test_it_hyphenates_danish() -> None:
    assert 'lang="da"' in print_html(fagmed())
    text = "".join(page_texts(render_bytes(fagmed(), "pdf")))
    assert "\u2010" in text  # the hyphen WeasyPrint adds where it breaks a word


def test_an_agenda_says_dagsorden() -> None:
    cover = " ".join(page_texts(render_bytes(agenda(), "pdf"))[0].split())  # the title may wrap
    assert "DAGSORDEN FagMED Økonomi d. 08-10-2025" in cover


def test_the_public_pdf_has_no_text_of_a_closed_item() -> None:
    doc = with_closed_item()
    assert "Zebrafinkesagen" in "".join(page_texts(render_bytes(doc, "pdf")))
    public = "".join(page_texts(render_bytes(doc, "pdf", public=True)))
    for word in SECRET_WORDS:
        assert word not in public
    assert "Punkt 25: Lukket punkt" in public


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_the_examples_survive_pdf(path: Path) -> None:
    """Everything but the TOC's page numbers, which are the PDF's own."""
    doc = parse_file(path)
    back = parse_bytes(render_bytes(doc, "pdf"), "pdf", path=path.name)
    assert [entry.title for entry in back.toc] == [entry.title for entry in doc.toc]
    assert replace(back, toc=doc.toc) == doc


def test_http_links_survive_pdf_even_when_wrapped() -> None:
    """URI link annotations come back as [text](url), also over a line break."""
    doc = fagmed()
    item = doc.items[0]
    section = item.sections[0]
    long = " ".join(["Retningslinjer for brug af klippekortmoduler i Vejle Kommune"] * 3)
    text = (
        "Læs [Vejles side](https://www.vejle.dk/om-kommunen) og "
        f"[{long}](https://example.org/a?b=1&c=2) samt [dette](mailto:med@vejle.dk)."
    )
    first = replace(section, blocks=(Paragraph(text), *section.blocks[1:]))
    changed = replace(item, sections=(first, *item.sections[1:]))
    doc = replace(doc, items=(changed, *doc.items[1:]))
    back = parse_bytes(render_bytes(doc, "pdf"), "pdf", path="links.pdf")
    assert back.items[0].sections[0].blocks[0] == Paragraph(text)
    assert [entry.title for entry in back.toc] == [entry.title for entry in doc.toc]
