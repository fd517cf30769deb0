"""What reading one file may cost: the one definition of the importers' limits.

The importers (``medref.importers``), the text extraction of bilag for
search (``medref.search.bilag``), the content check of an uploaded bilag
(``medref.meetings.filecheck``) and the settings (``MEDREF_MAX_IMPORT_BYTES``
and ``MEDREF_IMPORT_*``, whose defaults are ``DEFAULT_LIMITS``) all read them
from here. Pure: no Django imports (settings.py imports this module).
"""

from __future__ import annotations

import time
import zipfile
from collections.abc import Sequence
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


# --- zip packages (.docx, .xlsx, .odt …) -----------------------------------------

# More members than this is not an office document but a directory bomb.
MAX_PACKAGE_MEMBERS = 10_000
# Members smaller than this are not ratio-checked: they cannot be a bomb, and
# a few KB of repetitive XML legitimately compresses very well.
RATIO_FLOOR_BYTES = 1024 * 1024
# Bytes decompressed at a time when a package is read through.
READ_CHUNK_BYTES = 64 * 1024


@dataclass(frozen=True)
class PackageOverLimit:
    """A zip package over one of the limits: what, by how much, and which setting.

    ``kind`` is "members" (``found`` members), "unzipped" (``found`` bytes
    unpacked; with ``at_least`` when reading stopped there) or "ratio"
    (``member`` compressed ``found``:1)."""

    kind: str
    setting: str
    found: float
    limit: float
    member: str = ""
    at_least: bool = False


def package_over_limit(
    members: Sequence[zipfile.ZipInfo], limits: Limits = DEFAULT_LIMITS
) -> PackageOverLimit | None:
    """The first limit a package's directory says it is over, before anything
    is unpacked: the member count, the declared unpacked size and each
    member's compression ratio (declared size over compressed size)."""
    if len(members) > MAX_PACKAGE_MEMBERS:
        return PackageOverLimit(
            "members", SETTING_NAMES["max_unzipped_bytes"], len(members), MAX_PACKAGE_MEMBERS
        )
    total = sum(member.file_size for member in members)
    if total > limits.max_unzipped_bytes:
        return PackageOverLimit(
            "unzipped", SETTING_NAMES["max_unzipped_bytes"], total, limits.max_unzipped_bytes
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_FLOOR_BYTES and ratio > limits.max_compression_ratio:
            return PackageOverLimit(
                "ratio",
                SETTING_NAMES["max_compression_ratio"],
                ratio,
                limits.max_compression_ratio,
                member=member.filename,
            )
    return None


def read_package_through(
    archive: zipfile.ZipFile, limits: Limits = DEFAULT_LIMITS
) -> PackageOverLimit | None:
    """Unpack every member in chunks, which checks each one's CRC (zipfile
    raises ``BadZipFile`` on a mismatch), and stop as soon as more than
    ``limits.max_unzipped_bytes`` has come out, whatever the directory said."""
    budget = limits.max_unzipped_bytes
    unpacked = 0
    for member in archive.infolist():
        with archive.open(member) as stream:
            while chunk := stream.read(READ_CHUNK_BYTES):
                unpacked += len(chunk)
                if unpacked > budget:
                    return PackageOverLimit(
                        "unzipped",
                        SETTING_NAMES["max_unzipped_bytes"],
                        unpacked,
                        budget,
                        at_least=True,
                    )
    return None
