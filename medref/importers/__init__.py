"""Importers: files in every format municipalities have -> MeetingDocument.

``parse_file`` picks the front end by the file's extension; every front end
hands raw blocks to ``structure.read_document``. Parsing never touches the
database: a parse error leaves nothing behind.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from medref.documents import MeetingDocument

from .blocks import RawBlock
from .errors import ParseError
from .markdown import markdown_blocks
from .structure import read_document
from .text import text_blocks

# A front end turns a file's bytes into raw blocks. Text formats decode first.
FrontEnd = Callable[[bytes, str], list[RawBlock]]


def _text_front_end(split: Callable[[str], list[RawBlock]]) -> FrontEnd:
    def front_end(data: bytes, path: str) -> list[RawBlock]:
        text = decode(data, path=path)
        if not text.strip():
            raise ParseError("the file is empty", path=path, line=1)
        return split(text)

    return front_end


def _lazy(module: str, function: str) -> FrontEnd:
    """Import a binary format's front end on first use (keeps start-up light)."""

    def front_end(data: bytes, path: str) -> list[RawBlock]:
        found: FrontEnd = getattr(importlib.import_module(f"{__name__}.{module}"), function)
        return found(data, path)

    return front_end


FRONT_ENDS: dict[str, FrontEnd] = {
    "txt": _text_front_end(text_blocks),
    "md": _text_front_end(markdown_blocks),
    "docx": _lazy("docx", "docx_blocks"),
    "html": _lazy("html", "html_blocks"),
    "pdf": _lazy("pdf", "pdf_blocks"),
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
            hint = "; it looks like Windows-1252 (cp1252): save it as UTF-8"
        except UnicodeDecodeError:
            pass
        raise ParseError(
            f"not UTF-8 text: byte 0x{data[exc.start]:02X} at column {column}{hint}",
            path=path,
            line=line,
        ) from exc
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise ParseError("binary data (a NUL byte) in a text file", path=path, line=line)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_bytes(data: bytes, fmt: str, *, path: str = "<input>") -> MeetingDocument:
    """Parse a file's content in format ``fmt`` (see ``FRONT_ENDS``)."""
    if fmt not in FRONT_ENDS:
        raise ParseError(f"unknown format {fmt!r}; medref reads {', '.join(FRONT_ENDS)}", path=path)
    if not data.strip():
        raise ParseError("the file is empty", path=path, line=1)
    return read_document(FRONT_ENDS[fmt](data, path), path=path)


def parse_text(text: str, fmt: str, *, path: str = "<input>") -> MeetingDocument:
    """Parse text in a text format ("txt" or "md")."""
    return parse_bytes(text.encode("utf-8"), fmt, path=path)


def format_of(path: Path) -> str:
    fmt = EXTENSIONS.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(EXTENSIONS))
        raise ParseError(f"unknown file type {path.suffix!r}; medref reads {known}", path=str(path))
    return fmt


DEFAULT_MAX_BYTES = 50 * 1024 * 1024


def parse_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> MeetingDocument:
    """Parse a file; one larger than ``max_bytes`` is refused before it is read."""
    fmt = format_of(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ParseError(
                f"the file is {size / 1048576:.1f} MB; the limit is {max_bytes / 1048576:.1f} MB "
                "(MEDREF_MAX_IMPORT_BYTES)",
                path=str(path),
            )
        data = path.read_bytes()
    except OSError as exc:
        raise ParseError(f"cannot read the file: {exc.strerror}", path=str(path)) from exc
    return parse_bytes(data, fmt, path=str(path))


__all__ = [
    "EXTENSIONS",
    "FRONT_ENDS",
    "ParseError",
    "decode",
    "format_of",
    "parse_bytes",
    "parse_file",
    "parse_text",
]
