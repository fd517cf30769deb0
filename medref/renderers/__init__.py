"""Renderers: MeetingDocument -> files. One module per output format.

Text formats (txt, md, html) also have ``render`` returning ``str``;
``render_bytes`` serves every format, binary ones (docx, pdf) included.
Binary renderers are imported on first use: they pull in heavy libraries.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence

from medref.documents import MeetingDocument
from medref.documents.public import public_version

from .markdown import render_markdown
from .signatures import Signature
from .text import render_text

TEXT_RENDERERS: dict[str, Callable[..., str]] = {
    "txt": render_text,
    "md": render_markdown,
}
# format -> (module, function) for renderers imported on first use.
LAZY_RENDERERS: dict[str, tuple[str, str]] = {
    "html": ("html", "render_html"),
    "docx": ("docx", "render_docx"),
    "pdf": ("pdf", "render_pdf"),
}
BINARY_FORMATS = frozenset({"docx", "pdf"})
FORMATS = (*TEXT_RENDERERS, *LAZY_RENDERERS)


def _renderer(fmt: str) -> Callable[..., str | bytes]:
    if fmt in TEXT_RENDERERS:
        return TEXT_RENDERERS[fmt]
    if fmt in LAZY_RENDERERS:
        module, function = LAZY_RENDERERS[fmt]
        found: Callable[..., str | bytes] = getattr(
            importlib.import_module(f"{__name__}.{module}"), function
        )
        return found
    raise ValueError(f"unknown format {fmt!r}; medref writes {', '.join(FORMATS)}")


def render(doc: MeetingDocument, fmt: str, *, public: bool = False, draft: bool = False) -> str:
    """The document as text in a text format ("txt", "md", "html").

    ``draft``: minutes not yet approved; "UDKAST" in the title (and on every page).
    """
    if fmt in BINARY_FORMATS:
        raise ValueError(f"{fmt} is a binary format: use render_bytes")
    output = _renderer(fmt)(public_version(doc) if public else doc, draft=draft)
    assert isinstance(output, str)
    return output


def render_bytes(
    doc: MeetingDocument,
    fmt: str,
    *,
    public: bool = False,
    draft: bool = False,
    signatures: Sequence[Signature] = (),
) -> bytes:
    """The document as a file's content in any format medref writes (``draft``: as ``render``).

    ``signatures``: approved minutes' PDF and Word files end with a page listing them.
    """
    extra = {"signatures": signatures} if signatures and fmt in BINARY_FORMATS else {}
    output = _renderer(fmt)(public_version(doc) if public else doc, draft=draft, **extra)
    return output.encode("utf-8") if isinstance(output, str) else output


__all__ = ["BINARY_FORMATS", "FORMATS", "render", "render_bytes"]
