"""Whether an uploaded bilag's content is, as a whole, the type its name says.

A check of the first bytes lets through a "%PDF-" header followed by an
executable, or a zip archive named .docx; here each type is opened by a
reader of that type: a PDF by PDFium, an office file as the zip package its
format prescribes (every member readable, the members that make it that
format present), an image by Pillow, a text file as UTF-8.

A package is held to the limits of ``medref.lib.limits`` before any member
is unpacked: its directory must not declare more members, more unpacked
bytes or a higher compression ratio than allowed (a zip bomb of 100 KB that
unpacks to gigabytes is refused in milliseconds), and the read-through that
checks every member's CRC stops as soon as more than the unpacked-size limit
has come out.

Pure: no Django imports. ``check_content`` returns None for a good file, the
``Problem`` found, or the ``PackageOverLimit`` a package is over; the caller
words it for the user.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from enum import StrEnum

from medref.lib.limits import (
    DEFAULT_LIMITS,
    Limits,
    PackageOverLimit,
    package_over_limit,
    read_package_through,
)

# The Content-Type each accepted extension is served with.
CONTENT_TYPES: dict[str, str] = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "txt": "text/plain; charset=utf-8",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
}

# The member a package of each Office Open XML type must hold besides [Content_Types].xml.
_OOXML_MAIN = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "pptx": "ppt/presentation.xml",
}
# The "mimetype" member an OpenDocument package starts with.
_ODF_MIMETYPE = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
}
_IMAGE_FORMATS = {"png": "PNG", "jpg": "JPEG", "jpeg": "JPEG"}


class Problem(StrEnum):
    NOT_PDF = "not_pdf"  # PDFium cannot open it, or it has no pages
    NOT_PACKAGE = "not_package"  # not a readable zip archive
    NOT_OFFICE = "not_office"  # a zip archive, but not of this office format
    NOT_IMAGE = "not_image"  # Pillow cannot read it as this image type
    NOT_UTF8 = "not_utf8"


def content_type(extension: str) -> str:
    """The Content-Type to serve a file of ``extension`` with (bytes when unknown)."""
    return CONTENT_TYPES.get(extension.lower().lstrip("."), "application/octet-stream")


def _pdf(data: bytes) -> Problem | None:
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        return Problem.NOT_PDF
    try:
        pages = len(document)
        # Every page must load: a valid header and xref with broken pages is not a PDF to send.
        for index in range(pages):
            document[index].close()
    except pdfium.PdfiumError:
        return Problem.NOT_PDF
    finally:
        document.close()
    if pages == 0:
        return Problem.NOT_PDF
    # PDFium reads a file from its end: what follows the last end-of-file marker
    # (an appended program, say) is never looked at, so nothing may follow it.
    end = data.rfind(b"%%EOF")
    if end < 0 or data[end + 5 :].strip(b" \t\r\n\x00"):
        return Problem.NOT_PDF
    return None


def _package(data: bytes, extension: str, limits: Limits) -> Problem | PackageOverLimit | None:
    # Nothing before the archive (a program in front of a zip still reads as
    # one) and nothing after its end record and that record's comment.
    if not data.startswith(b"PK\x03\x04"):
        return Problem.NOT_PACKAGE
    end = data.rfind(b"PK\x05\x06")
    if end < 0 or end + 22 + int.from_bytes(data[end + 20 : end + 22], "little") != len(data):
        return Problem.NOT_PACKAGE
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            # The directory's word first, so that nothing is unpacked from a bomb.
            over = package_over_limit(archive.infolist(), limits)
            if over is None:
                over = read_package_through(archive, limits)
            if over is not None:
                return over
            names = set(archive.namelist())
            if extension in _OOXML_MAIN:
                if "[Content_Types].xml" not in names or _OOXML_MAIN[extension] not in names:
                    return Problem.NOT_OFFICE
            elif (
                "mimetype" not in names
                or archive.read("mimetype").strip() != (_ODF_MIMETYPE[extension])
            ):
                return Problem.NOT_OFFICE
    except (
        zipfile.BadZipFile,  # a CRC or header that does not match
        zipfile.LargeZipFile,
        zlib.error,  # deflated data that does not inflate
        NotImplementedError,  # a compression method zipfile lacks
        RuntimeError,  # an encrypted member
        EOFError,
        OSError,
        ValueError,
    ):
        return Problem.NOT_PACKAGE
    return None


def _image(data: bytes, extension: str) -> Problem | None:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format != _IMAGE_FORMATS[extension]:
                return Problem.NOT_IMAGE
            image.load()  # decodes every pixel: a truncated or padded image fails here
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        return Problem.NOT_IMAGE
    return None


def check_content(
    extension: str, data: bytes, limits: Limits = DEFAULT_LIMITS
) -> Problem | PackageOverLimit | None:
    """None when ``data`` opens as a whole as a file of ``extension``; else the problem,
    or for an office package the limit (of ``limits``) it is over.

    Extensions medref has no reader for are not checked here (the allowed
    list, a setting, says which are accepted at all).
    """
    extension = extension.lower().lstrip(".")
    if extension == "pdf":
        return _pdf(data)
    if extension in _OOXML_MAIN or extension in _ODF_MIMETYPE:
        return _package(data, extension, limits)
    if extension in _IMAGE_FORMATS:
        return _image(data, extension)
    if extension == "txt":
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return Problem.NOT_UTF8
    return None
