"""What reading one file may cost: the one definition of the importers' limits.

The importers (``medref.importers``), the text extraction of bilag for
search (``medref.search.bilag``) and the settings (``MEDREF_MAX_IMPORT_BYTES``
and ``MEDREF_IMPORT_*``, whose defaults are ``DEFAULT_LIMITS``) all read them
from here. Pure: no Django imports (settings.py imports this module).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Size, unpacked size, compression ratio, pages and time of one file."""

    max_bytes: int = 50 * MB
    max_pages: int = 500
    max_unzipped_bytes: int = 200 * MB
    max_compression_ratio: float = 100
    ocr_timeout: int = 300  # seconds of OCR for a scanned PDF
    max_seconds: int = 30  # seconds of reading (OCR aside), checked page by page


DEFAULT_LIMITS = Limits()

# Limits field -> the setting (and environment variable) that sets it.
SETTING_NAMES: dict[str, str] = {
    "max_bytes": "MEDREF_MAX_IMPORT_BYTES",
    "max_pages": "MEDREF_IMPORT_MAX_PAGES",
    "max_unzipped_bytes": "MEDREF_IMPORT_MAX_UNZIPPED_BYTES",
    "max_compression_ratio": "MEDREF_IMPORT_MAX_COMPRESSION_RATIO",
    "ocr_timeout": "MEDREF_IMPORT_OCR_TIMEOUT",
    "max_seconds": "MEDREF_IMPORT_MAX_SECONDS",
}


def limits_from(settings: object) -> Limits:
    """The limits a settings object (Django's) holds under ``SETTING_NAMES``."""
    values = {field: getattr(settings, name) for field, name in SETTING_NAMES.items()}
    values["max_compression_ratio"] = float(values["max_compression_ratio"])
    return Limits(**values)


class TimeLimitExceeded(Exception):
    """Reading a file took longer than ``Limits.max_seconds``."""

    def __init__(self, seconds: float, where: str) -> None:
        super().__init__(
            f"reading took longer than {seconds:g} s (MEDREF_IMPORT_MAX_SECONDS); "
            f"gave up at {where}"
        )
        self.seconds = seconds
        self.where = where


class Deadline:
    """A time limit checked between pieces of work (pages, paragraphs): PDFium
    and lxml cannot be interrupted, but each piece is bounded by the size limits."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def check(self, where: str) -> None:
        if time.monotonic() > self.end:
            raise TimeLimitExceeded(self.seconds, where)
