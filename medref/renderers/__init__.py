"""Renderers: MeetingDocument -> files. One module per output format."""

from __future__ import annotations

from collections.abc import Callable

from medref.documents import MeetingDocument

from .markdown import render_markdown
from .text import render_text

RENDERERS: dict[str, Callable[[MeetingDocument], str]] = {
    "txt": render_text,
    "md": render_markdown,
}


def render(doc: MeetingDocument, fmt: str) -> str:
    """The document as text in format ``fmt`` ("txt" or "md")."""
    try:
        renderer = RENDERERS[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; medref writes {', '.join(RENDERERS)}") from None
    return renderer(doc)


__all__ = ["RENDERERS", "render"]
