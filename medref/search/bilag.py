"""The text of an attached file (bilag), for the index: txt, md, html, docx and pdf.

A file that cannot be read gives no text, never an error: a broken bilag
must not stop an import or an edit. Text is cut at ``MAX_CHARS``.
"""

from __future__ import annotations

import io
import logging
from html.parser import HTMLParser
from pathlib import PurePath

from django.db.models.fields.files import FieldFile

MAX_CHARS = 200_000
log = logging.getLogger(__name__)


class _HtmlText(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self._skip += tag in ("script", "style")

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("script", "style") and self._skip > 0

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def _pdf(data: bytes) -> str:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        texts = []
        for page in document:
            texts.append(page.get_textpage().get_text_range())
            if sum(map(len, texts)) > MAX_CHARS:
                break
        return "\n".join(texts)
    finally:
        document.close()


def _docx(data: bytes) -> str:
    import docx

    return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)


def text_of(name: str, data: bytes) -> str:
    """The text of a file's bytes, by its suffix; "" for kinds medref cannot read."""
    from medref.importers import decode

    suffix = PurePath(name).suffix.lower()
    if suffix in (".txt", ".md"):
        return decode(data, path=name)
    if suffix in (".html", ".htm"):
        parser = _HtmlText()
        parser.feed(decode(data, path=name))
        return " ".join(parser.parts)
    if suffix == ".pdf":
        return _pdf(data)
    if suffix == ".docx":
        return _docx(data)
    return ""


def attachment_text(file: FieldFile) -> str:
    """The text of a stored bilag, or "" when there is no file or it cannot be read."""
    if not file:
        return ""
    try:
        with file.open("rb") as handle:
            data = handle.read()
        return text_of(file.name or "", data)[:MAX_CHARS]
    except Exception:
        log.warning("search: could not read the text of %s", file.name, exc_info=True)
        return ""
