"""The text of an attached file (bilag), for the index: txt, md, html, docx and pdf.

Reading obeys the importers' limits (``medref.lib.limits``: file size,
unpacked size and compression ratio of a .docx, PDF pages, seconds), the
same checks the importers run (``importers.docx.check_package``). A file
over a limit, or one that cannot be read, gives no text and says why
(``Extracted.status``/``reason``): the bilag is kept as a file and simply
not searched. Text is cut at ``MAX_CHARS``.

Pure: no Django imports. ``search.extraction`` reads the stored file, calls
``extract`` after the upload's transaction has committed and records the
outcome (``AttachmentText``).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import PurePath

from medref.importers.errors import LimitExceeded, ParseError, time_limit_message
from medref.lib.limits import Deadline, Limits, TimeLimitExceeded

MAX_CHARS = 200_000
MB = 1024 * 1024

# Outcomes (AttachmentText.Status holds the same values).
INDEXED = "indexed"
REFUSED = "refused"  # over a limit
UNREADABLE = "unreadable"  # damaged, encrypted, not what its name says
UNSUPPORTED = "unsupported"  # a kind medref does not read (xlsx, png, …)

READABLE = frozenset({".txt", ".md", ".html", ".htm", ".pdf", ".docx"})


# Why there is no text: a code the page words (AttachmentText.Reason), by the
# limit's setting for a file over a limit.
REASONS = {
    "MEDREF_MAX_IMPORT_BYTES": "size",
    "MEDREF_IMPORT_MAX_UNZIPPED_BYTES": "unpacked",
    "MEDREF_IMPORT_MAX_COMPRESSION_RATIO": "unpacked",
    "MEDREF_IMPORT_MAX_PAGES": "pages",
    "MEDREF_IMPORT_MAX_SECONDS": "time",
}


@dataclass(frozen=True)
class Extracted:
    status: str
    text: str = ""
    reason: str = ""  # "size", "unpacked", "pages", "time", "damaged", "type" or ""
    detail: str = ""  # the reader's own message, for the log and the admin
    seconds: float = 0.0


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


def _pdf(data: bytes, name: str, limits: Limits, deadline: Deadline) -> str:
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise ParseError(f"PDF-filen kan ikke læses: {exc}", path=name) from None
    try:
        count = len(document)
        if count > limits.max_pages:
            raise LimitExceeded(
                f"PDF-filen har {count} sider; grænsen er {limits.max_pages}",
                path=name,
                setting="MEDREF_IMPORT_MAX_PAGES",
            )
        texts: list[str] = []
        length = 0
        for index in range(count):
            deadline.check(f"side {index + 1} af {count}")
            page = document[index]
            try:
                textpage = page.get_textpage()
                texts.append(textpage.get_text_range())
                textpage.close()
            finally:
                page.close()
            length += len(texts[-1])
            if length > MAX_CHARS:
                break
        return "\n".join(texts)
    finally:
        document.close()


def _docx(data: bytes, name: str, limits: Limits) -> str:
    from medref.importers.docx import NO_TEXT, docx_blocks

    try:
        blocks = docx_blocks(
            data,
            name,
            max_uncompressed=limits.max_unzipped_bytes,
            max_ratio=limits.max_compression_ratio,
            max_seconds=limits.max_seconds,
        )
    except ParseError as exc:
        if exc.message == NO_TEXT:
            return ""
        raise
    return "\n".join(line for block in blocks for line in block.lines)


def _read(name: str, data: bytes, limits: Limits) -> str:
    from medref.importers import decode

    if len(data) > limits.max_bytes:
        raise LimitExceeded(
            f"filen fylder {len(data) / MB:.1f} MB; grænsen er {limits.max_bytes / MB:.1f} MB",
            path=name,
            setting="MEDREF_MAX_IMPORT_BYTES",
        )
    deadline = Deadline(limits.max_seconds)
    suffix = PurePath(name).suffix.lower()
    if suffix in (".txt", ".md"):
        return decode(data, path=name)
    if suffix in (".html", ".htm"):
        parser = _HtmlText()
        parser.feed(decode(data, path=name))
        return " ".join(parser.parts)
    if suffix == ".pdf":
        return _pdf(data, name, limits, deadline)
    return _docx(data, name, limits)


def extract(name: str, data: bytes, limits: Limits) -> Extracted:
    """The text of a file's bytes, by its name's suffix, within ``limits``."""
    if PurePath(name).suffix.lower() not in READABLE:
        return Extracted(
            UNSUPPORTED, reason="type", detail="medref læser ikke tekst fra denne filtype"
        )
    start = time.perf_counter()
    try:
        text = _read(name, data, limits)
    except TimeLimitExceeded as exc:
        return Extracted(REFUSED, "", "time", time_limit_message(exc), time.perf_counter() - start)
    except LimitExceeded as exc:
        reason = REASONS.get(exc.setting, "size")
        return Extracted(REFUSED, "", reason, exc.message, time.perf_counter() - start)
    except ParseError as exc:
        return Extracted(UNREADABLE, "", "damaged", exc.message, time.perf_counter() - start)
    except Exception as exc:  # a damaged file must never stop an upload or a reindex
        detail = f"{type(exc).__name__}: {exc}"
        return Extracted(UNREADABLE, "", "damaged", detail, time.perf_counter() - start)
    return Extracted(INDEXED, text[:MAX_CHARS], seconds=time.perf_counter() - start)
