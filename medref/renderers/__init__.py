"""Renderers: MeetingDocument -> files. One module per output format.

Text formats (txt, md, html) also have ``render`` returning ``str``;
``render_bytes`` serves every format, binary ones (docx, pdf) included.
The formats are listed once, in ``formats.REGISTRY`` (extension, Content-Type,
button label, renderer); renderers are imported on first use (docx and pdf
pull in heavy libraries).
"""

from __future__ import annotations

from collections.abc import Sequence

from medref.documents import MeetingDocument
from medref.documents.public import public_version

from .formats import BINARY_FORMATS, FORMATS, REGISTRY, Format, get
from .signatures import Signature


def render(doc: MeetingDocument, fmt: str, *, public: bool = False, draft: bool = False) -> str:
    """The document as text in a text format ("txt", "md", "html").

    ``draft``: minutes not yet approved; "UDKAST" in the title (and on every page).
    """
    if get(fmt).binary:
        raise ValueError(f"{fmt} is a binary format: use render_bytes")
    output = get(fmt).renderer()(public_version(doc) if public else doc, draft=draft)
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
    found = get(fmt)
    extra = {"signatures": signatures} if signatures and found.binary else {}
    output = found.renderer()(public_version(doc) if public else doc, draft=draft, **extra)
    return output.encode("utf-8") if isinstance(output, str) else output


__all__ = ["BINARY_FORMATS", "FORMATS", "REGISTRY", "Format", "render", "render_bytes"]
