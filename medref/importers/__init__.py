"""Importers: files in every format municipalities have -> MeetingDocument.

``parse_file`` picks the front end by the file's extension; every front end
hands raw blocks to ``structure.read_document``. Parsing never touches the
database: a parse error leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from medref.documents import MeetingDocument
from medref.lib.limits import Limits

from .blocks import RawBlock
from .errors import LimitExceeded, ParseError, ParseWarning, UnexpectedError, quote
from .markdown import markdown_blocks
from .structure import read_document
from .text import text_blocks

# A front end turns a file's bytes into raw blocks. Text formats decode first.
FrontEnd = Callable[[bytes, str, Limits], list[RawBlock]]


def _text_front_end(split: Callable[[str], list[RawBlock]]) -> FrontEnd:
    def front_end(data: bytes, path: str, limits: Limits) -> list[RawBlock]:
        text = decode(data, path=path)
        if not text or text.isspace():  # as "not text.strip()", without copying the text
            raise ParseError("filen er tom", path=path, line=1)
        return split(text)

    return front_end


def _docx(data: bytes, path: str, limits: Limits) -> list[RawBlock]:
    from .docx import docx_blocks

    return docx_blocks(
        data,
        path,
        max_uncompressed=limits.max_unzipped_bytes,
        max_ratio=limits.max_compression_ratio,
        max_seconds=limits.max_seconds,
    )


def _html(data: bytes, path: str, limits: Limits) -> list[RawBlock]:
    from .html import html_blocks

    return html_blocks(data, path)


def _pdf(data: bytes, path: str, limits: Limits) -> list[RawBlock]:
    from .pdf import pdf_blocks

    return pdf_blocks(
        data,
        path,
        max_pages=limits.max_pages,
        ocr_timeout=limits.ocr_timeout,
        max_seconds=limits.max_seconds,
    )


# Binary formats' front ends import their libraries on first use (keeps start-up light).
FRONT_ENDS: dict[str, FrontEnd] = {
    "txt": _text_front_end(text_blocks),
    "md": _text_front_end(markdown_blocks),
    "docx": _docx,
    "html": _html,
    "pdf": _pdf,
}
EXTENSIONS: dict[str, str] = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".docx": "docx",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
}


def decode(data: bytes, *, path: str) -> str:
    """UTF-8 text (a BOM is allowed); anything else is a located error."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        hint = ""
        try:
            data.decode("cp1252")
            hint = "; den ligner Windows-1252 (cp1252): gem den som UTF-8"
        except UnicodeDecodeError:
            pass
        raise ParseError(
            f"filen er ikke UTF-8-tekst: byten 0x{data[exc.start]:02X} i kolonne {column}{hint}",
            path=path,
            line=line,
        ) from exc
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise ParseError("binære data (en NUL-byte) i en tekstfil", path=path, line=line)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_bytes(
    data: bytes,
    fmt: str,
    *,
    path: str = "<input>",
    limits: Limits | None = None,
    warnings: list[str] | None = None,
    notes: list[ParseWarning] | None = None,
) -> MeetingDocument:
    """Parse a file's content in format ``fmt`` (see ``FRONT_ENDS``).

    Pass a list as ``warnings`` to collect what is readable but suspect, such
    as a table of contents whose page numbers disagree with the pages, and as
    ``notes`` to collect the fields that could not be read (``ParseWarning``:
    line, field, message), which never make the parse fail.
    """
    if fmt not in FRONT_ENDS:
        raise ParseError(
            f"ukendt format {quote(fmt)}; medref læser {', '.join(FRONT_ENDS)}", path=path
        )
    if not data or data.isspace():  # as "not data.strip()", without copying the file
        raise ParseError("filen er tom", path=path, line=1)
    try:
        blocks = FRONT_ENDS[fmt](data, path, limits or Limits())
        doc = read_document(blocks, path=path, notes=notes)
    except ParseError:
        raise
    except Exception as exc:
        # The last resort: whatever a front end did not foresee is still a
        # located error, never a traceback (docs/robustness.md).
        raise UnexpectedError(
            f"filen kan ikke læses som {fmt}: læseren fejlede med {type(exc).__name__}"
            f"{f' ({exc})' if str(exc) else ''}; filen kan være beskadiget (kan den åbnes "
            "i andre programmer, er det en fejl i medref: meld den)",
            path=path,
        ) from exc
    if warnings is not None and doc.toc and any(block.page for block in blocks):
        from .pdf import toc_page_check

        warnings.extend(f"{path}: {warning}" for warning in toc_page_check(doc, blocks))
    return doc


def parse_text(text: str, fmt: str, *, path: str = "<input>") -> MeetingDocument:
    """Parse text in a text format ("txt" or "md")."""
    return parse_bytes(text.encode("utf-8"), fmt, path=path)


def format_of(path: Path) -> str:
    fmt = EXTENSIONS.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(EXTENSIONS))
        raise ParseError(
            f"ukendt filtype {quote(path.suffix)}; medref læser {known}", path=str(path)
        )
    return fmt


def parse_file(
    path: Path,
    *,
    max_bytes: int | None = None,
    limits: Limits | None = None,
    warnings: list[str] | None = None,
    notes: list[ParseWarning] | None = None,
) -> MeetingDocument:
    """Parse a file; one larger than the size limit is refused before it is read."""
    limits = limits or Limits()
    if max_bytes is not None:
        limits = replace(limits, max_bytes=max_bytes)
    fmt = format_of(path)
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            raise LimitExceeded(
                f"filen fylder {size / 1048576:.1f} MB; grænsen er "
                f"{limits.max_bytes / 1048576:.1f} MB (MEDREF_MAX_IMPORT_BYTES)",
                path=str(path),
                setting="MEDREF_MAX_IMPORT_BYTES",
            )
        data = path.read_bytes()
    except OSError as exc:
        raise ParseError(f"filen kan ikke læses: {exc.strerror}", path=str(path)) from exc
    return parse_bytes(data, fmt, path=str(path), limits=limits, warnings=warnings, notes=notes)


__all__ = [
    "EXTENSIONS",
    "FRONT_ENDS",
    "LimitExceeded",
    "Limits",
    "ParseError",
    "ParseWarning",
    "decode",
    "format_of",
    "parse_bytes",
    "parse_file",
    "parse_text",
]
