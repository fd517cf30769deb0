"""PDF minutes: the front end, on PDFium (pypdfium2).

Minutes as ESDH systems export them: a cover page (Mødedato, Mødested), a
table of contents with dot leaders and page numbers, one item per page,
running headers and "Side N af M" footers. ``pdf_pages`` reads positioned
lines, ``pdf_running`` drops running headers/footers and page numbers; ``pdf_tables`` takes
ruled tables out; ``pdf_flow`` joins lines into paragraphs, lists and
tables. The blocks carry their page, so ``toc_page_check`` can compare the
TOC's page numbers with where the items really start.

Why PDFium and not pdfplumber (pdfminer), measured on the fixtures
(tests/fixtures/pdf, 8-16 pages, best of 5): ``pdftotext -layout`` 18-20 ms
per file; PDFium text runs 23-34 ms; PDFium per-character boxes 80-115 ms;
pdfplumber ``extract_words`` 400-660 ms. Only PDFium's runs stay within 2x
of pdftotext, and they carry what layout needs (box, baseline, font size,
weight). ``bench/bench_pdf.py`` repeats the measurement for the whole import.

An image-only PDF (no text layer) is run through ``ocrmypdf`` when it is
installed, else refused with what to install.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pypdfium2 as pdfium  # type: ignore[import-untyped]

from medref.documents import MeetingDocument
from medref.lib.limits import DEFAULT_LIMITS, Deadline, TimeLimitExceeded

from . import vocabulary as vocab
from .blocks import RawBlock
from .errors import LimitExceeded, ParseError, time_limit_message
from .pdf_flow import blocks_from
from .pdf_lines import Line, Page
from .pdf_pages import read_page
from .pdf_running import strip_running
from .pdf_tables import PlacedTable, ruled_tables

MAX_PAGES = DEFAULT_LIMITS.max_pages
OCR_TIMEOUT = DEFAULT_LIMITS.ocr_timeout  # seconds for ocrmypdf on the whole file
MAX_SECONDS = DEFAULT_LIMITS.max_seconds
_OCR_HINT = "den skal have tekstgenkendelse (OCR): installér tesseract-ocr-dan og ocrmypdf"


def _open(data: bytes, path: str) -> pdfium.PdfDocument:
    if not data.lstrip()[:1024].startswith(b"%PDF-") and b"%PDF-" not in data[:1024]:
        raise ParseError("filen er ikke en PDF-fil (den begynder ikke med %PDF-)", path=path)
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        reason = str(exc)
        if "password" in reason.lower():
            raise ParseError(
                "PDF-filen er beskyttet med adgangskode; fjern adgangskoden", path=path
            ) from None
        raise ParseError(
            f"PDF-filen kan ikke læses (beskadiget eller afkortet?): {reason}", path=path
        ) from None


# Producers whose automatic hyphens are U+2010, so that a "-" ending a line was typed.
_TYPED_HYPHEN_PRODUCERS = ("WeasyPrint",)


def _producer(document: pdfium.PdfDocument) -> str:
    """The document information's Producer, "" when it is missing or unreadable.

    pypdfium2 decodes PDFium's UTF-16 strictly: a damaged string (a lone
    surrogate) raises UnicodeDecodeError. The producer only tunes hyphenation,
    so an unreadable one is no reason to refuse the file.
    """
    try:
        return str(document.get_metadata_value("Producer"))
    except (UnicodeDecodeError, pdfium.PdfiumError, KeyError, ValueError):
        return ""


def _pages(
    data: bytes, path: str, max_pages: int, max_seconds: float = MAX_SECONDS
) -> tuple[list[Page], bool]:
    """The pages, and whether a hyphen ending a line was typed (``pdf_text.join_two``)."""
    deadline = Deadline(max_seconds)
    document = _open(data, path)
    try:
        producer = _producer(document)
        typed_hyphens = producer.startswith(_TYPED_HYPHEN_PRODUCERS)
        count = len(document)
        if count == 0:
            raise ParseError("PDF-filen har ingen sider", path=path)
        if count > max_pages:
            raise LimitExceeded(
                f"PDF-filen har {count} sider; grænsen er {max_pages}",
                path=path,
                setting="MEDREF_IMPORT_MAX_PAGES",
            )
        pages: list[Page] = []
        for index in range(count):
            try:
                deadline.check(f"side {index + 1} af {count}")
                pages.append(read_page(document, index))
            except pdfium.PdfiumError as exc:
                raise ParseError(f"side {index + 1} kan ikke læses: {exc}", path=path) from exc
            except TimeLimitExceeded as exc:
                raise LimitExceeded(
                    time_limit_message(exc), path=path, setting="MEDREF_IMPORT_MAX_SECONDS"
                ) from None
        return pages, typed_hyphens
    finally:
        document.close()


def _ocr(data: bytes, path: str, timeout: int = OCR_TIMEOUT) -> bytes:
    """The PDF with a text layer from ocrmypdf (Danish), or a ParseError."""
    ocrmypdf = shutil.which("ocrmypdf")
    if ocrmypdf is None:
        raise ParseError(
            f"PDF-filen indeholder ingen tekst (et scannet dokument?): {_OCR_HINT}", path=path
        )
    with tempfile.TemporaryDirectory(prefix="medref-ocr-") as tmp:
        source, target = Path(tmp) / "in.pdf", Path(tmp) / "out.pdf"
        source.write_bytes(data)
        command = [ocrmypdf, "-l", "dan", "--skip-text", "--output-type", "pdf"]
        try:
            result = subprocess.run(
                [*command, str(source), str(target)],
                capture_output=True,
                text=True,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise ParseError(
                f"tekstgenkendelsen (OCR) tog mere end {timeout} s; opgav", path=path
            ) from exc
        if result.returncode != 0 or not target.exists():
            last = (result.stderr.strip().splitlines() or ["ingen besked"])[-1]
            raise ParseError(
                f"PDF-filen har ingen tekst, og tekstgenkendelsen (OCR) fejlede: {last}", path=path
            )
        return target.read_bytes()


def _reading_order(pages: list[Page]) -> list[Line | PlacedTable]:
    items: list[Line | PlacedTable] = []
    for page in pages:
        tables = ruled_tables(page)
        on_page: list[Line | PlacedTable] = [*page.lines, *tables]
        on_page.sort(
            key=lambda item: -(item.top if isinstance(item, PlacedTable) else item.baseline)
        )
        items.extend(on_page)
    return items


def pdf_blocks(
    data: bytes,
    path: str,
    *,
    max_pages: int = MAX_PAGES,
    ocr: bool = True,
    ocr_timeout: int = OCR_TIMEOUT,
    max_seconds: float = MAX_SECONDS,
) -> list[RawBlock]:
    """Split a PDF into raw blocks, each with its page."""
    pages, typed_hyphens = _pages(data, path, max_pages, max_seconds)
    if not any(page.chars for page in pages):
        if not ocr:
            raise ParseError(
                f"PDF-filen indeholder ingen tekst, heller ikke efter OCR: {_OCR_HINT}", path=path
            )
        text_layer = _ocr(data, path, ocr_timeout)
        return pdf_blocks(text_layer, path, max_pages=max_pages, ocr=False, max_seconds=max_seconds)
    strip_running(pages)
    blocks = blocks_from(_reading_order(pages), typed_hyphens=typed_hyphens)
    if not blocks:
        raise ParseError(
            "PDF-filen indeholder ingen tekst ud over sidehoveder og sidetal", path=path
        )
    return blocks


# --- the table of contents against the pages -----------------------------------

_WORD = re.compile(r"\w+")


def _key(title: str) -> str:
    return "".join(_WORD.findall(title.casefold()))


def item_pages(blocks: list[RawBlock]) -> dict[int, int]:
    """Item number -> the page its "Punkt N: …" heading stands on."""
    pages: dict[int, int] = {}
    for block in blocks:
        match = vocab.ITEM_HEADING.match(block.text) if len(block.lines) == 1 else None
        if match and block.page is not None and not vocab.TOC_ENTRY.match(block.lines[0]):
            pages.setdefault(int(match["number"]), block.page)
    return pages


def toc_page_check(doc: MeetingDocument, blocks: list[RawBlock]) -> list[str]:
    """Warnings where the TOC's page numbers disagree with where items start.

    TOC entries are matched to items by title (spaces and punctuation
    aside), else by position when the TOC lists every item in order.
    """
    starts = item_pages(blocks)
    by_title = {_key(item.title): item for item in doc.items}
    in_order = len(doc.toc) == len(doc.items)
    warnings: list[str] = []
    for index, entry in enumerate(doc.toc):
        item = by_title.get(_key(entry.title)) or (doc.items[index] if in_order else None)
        if entry.page is None or item is None or item.number not in starts:
            continue
        actual = starts[item.number]
        if actual != entry.page:
            warnings.append(
                f"indholdsfortegnelsen siger, at punkt {item.number} ({entry.title}) begynder "
                f"på side {entry.page}, men det begynder på side {actual}"
            )
    return warnings
