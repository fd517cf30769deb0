"""The output formats medref writes: one registry, read by everything that lists them.

The renderers (``medref.renderers.render_bytes``), the ``medref render --to``
choices and the meeting page's download buttons (``medref.web.views``) all
come from ``REGISTRY``; a format added here is a button, a CLI choice and a
download URL at once. The order is the buttons' order.

``label`` is the button's text as a translation source: the web passes it
through gettext (``Text`` reads "Tekst" in Danish); the other labels are the
same in every language. This module stays free of Django, so the labels are
marked for ``makemessages`` by a local ``gettext_noop``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

# Called ``renderer(doc, draft=…)``; binary formats also take ``signatures=``.
Renderer = Callable[..., str | bytes]


def gettext_noop(message: str) -> str:
    """Marks ``message`` for ``makemessages`` (the name is what xgettext looks for)."""
    return message


@dataclass(frozen=True)
class Format:
    key: str  # "pdf": the CLI choice and the download URL's suffix (hent.pdf)
    extension: str  # ".pdf": the file name's ending
    content_type: str  # the download's Content-Type
    label: str  # the download button's text (a translation source)
    load: Callable[[], Renderer]  # imports the renderer on first use (heavy libraries)
    binary: bool  # bytes, not text; ends approved minutes with their signatures

    def renderer(self) -> Renderer:
        return self.load()


def _pdf() -> Renderer:
    from .pdf import render_pdf

    return render_pdf


def _docx() -> Renderer:
    from .docx import render_docx

    return render_docx


def _html() -> Renderer:
    from .html import render_html

    return render_html


def _markdown() -> Renderer:
    from .markdown import render_markdown

    return render_markdown


def _text() -> Renderer:
    from .text import render_text

    return render_text


REGISTRY: dict[str, Format] = {
    fmt.key: fmt
    for fmt in (
        Format("pdf", ".pdf", "application/pdf", "PDF", _pdf, binary=True),
        Format(
            "docx",
            ".docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "Word",
            _docx,
            binary=True,
        ),
        Format("html", ".html", "text/html; charset=utf-8", "HTML", _html, binary=False),
        Format("md", ".md", "text/markdown; charset=utf-8", "Markdown", _markdown, binary=False),
        Format(
            "txt", ".txt", "text/plain; charset=utf-8", gettext_noop("Text"), _text, binary=False
        ),
    )
}
FORMATS: tuple[str, ...] = tuple(REGISTRY)
BINARY_FORMATS = frozenset(key for key, fmt in REGISTRY.items() if fmt.binary)


def get(key: str) -> Format:
    """The format called ``key``; ``ValueError`` naming the formats medref writes otherwise."""
    try:
        return REGISTRY[key]
    except KeyError:
        raise ValueError(f"unknown format {key!r}; medref writes {', '.join(FORMATS)}") from None
