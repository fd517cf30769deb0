"""Office bilag are held to the reading limits (medref.lib.limits) before anything
is unpacked: a zip bomb is refused from its directory, with a Danish message
naming the file and the limit, and the CRC read-through stops at the limit."""

from __future__ import annotations

import io
import struct
import time
import zipfile
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from medref.lib.limits import (
    DEFAULT_LIMITS,
    MAX_PACKAGE_MEMBERS,
    MB,
    RATIO_FLOOR_BYTES,
    READ_CHUNK_BYTES,
    Limits,
    PackageOverLimit,
    read_package_through,
)
from medref.meetings.filecheck import Problem, check_content
from medref.meetings.workflow import sections
from medref.meetings.workflow.errors import InvalidInput

from .files import docx_bytes, zip_bytes

CONTENT_TYPES = b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
DOCUMENT = b"<w:document/>"


def _zeros_deflated(megabytes: int) -> tuple[bytes, int]:
    """A raw deflate stream of ``megabytes`` MB of zero bytes, and its CRC, made
    without deflating them all: one fully flushed 1 MB block, repeated."""
    block = bytes(MB)
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    segment = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(megabytes):
        crc = zlib.crc32(block, crc)
    return segment * megabytes + packer.flush(), crc


def _package(members: list[tuple[str, bytes, int, int]]) -> bytes:
    """A zip written by hand from (name, raw deflate data, crc, unpacked size)."""
    body = io.BytesIO()
    directory = io.BytesIO()
    for name, packed, crc, size in members:
        offset = body.tell()
        encoded = name.encode()
        fields = (20, 0, 8, 0, 0x21, crc, len(packed), size, len(encoded))
        body.write(struct.pack("<4s5HLLLHH", b"PK\x03\x04", *fields, 0) + encoded + packed)
        directory.write(
            struct.pack("<4s6HLLLHHHHHLL", b"PK\x01\x02", 20, *fields, 0, 0, 0, 0, 0, offset)
            + encoded
        )
    start, size = body.tell(), directory.tell()
    end = struct.pack("<4s4HLLH", b"PK\x05\x06", 0, 0, len(members), len(members), size, start, 0)
    return body.getvalue() + directory.getvalue() + end


def _member(name: str, content: bytes) -> tuple[str, bytes, int, int]:
    packer = zlib.compressobj(6, zlib.DEFLATED, -15)
    return name, packer.compress(content) + packer.flush(), zlib.crc32(content), len(content)


def bomb_docx(megabytes: int) -> bytes:
    """A .docx (content types and main part present) whose image unpacks to
    ``megabytes`` MB of zeros: about 1 KB of package per MB unpacked."""
    packed, crc = _zeros_deflated(megabytes)
    return _package(
        [
            _member("[Content_Types].xml", CONTENT_TYPES),
            _member("word/document.xml", DOCUMENT),
            ("word/media/image1.png", packed, crc, megabytes * MB),
        ]
    )


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return bomb_docx(300)


def _timed_check(data: bytes, limits: Limits = DEFAULT_LIMITS) -> object:
    start = time.perf_counter()
    found = check_content("docx", data, limits)
    print(f"check_content: {time.perf_counter() - start:.4f} s for {len(data)} bytes")
    return found


# --- the bomb is real ---------------------------------------------------------


def test_the_bomb_is_a_real_zip_that_unpacks_to_zeros(bomb: bytes) -> None:
    assert len(bomb) < 400 * 1024
    with zipfile.ZipFile(io.BytesIO(bomb)) as archive:
        image = archive.getinfo("word/media/image1.png")
        assert image.file_size == 300 * MB
        with archive.open(image) as stream:
            assert stream.read(2 * MB) == bytes(2 * MB)
    # The same construction under the limits passes whole, CRC and all.
    assert check_content("docx", bomb_docx(1)) is None


# --- refused from the directory ---------------------------------------------


def test_a_zip_bomb_docx_is_refused_by_its_declared_unpacked_size(bomb: bytes) -> None:
    found = _timed_check(bomb)
    assert isinstance(found, PackageOverLimit)
    assert found.kind == "unzipped"
    assert found.setting == "MEDREF_IMPORT_MAX_UNZIPPED_BYTES"
    assert found.found > 300 * MB
    assert found.limit == DEFAULT_LIMITS.max_unzipped_bytes
    assert not found.at_least


def test_nothing_is_unpacked_before_the_directory_is_judged() -> None:
    # The image's data is not deflate at all: unpacking it would fail (NOT_PACKAGE);
    # refusing it for its declared size shows it was never unpacked.
    fake = _package(
        [
            _member("[Content_Types].xml", CONTENT_TYPES),
            _member("word/document.xml", DOCUMENT),
            ("word/media/image1.png", b"\xff" * 1000, 0, 500 * MB),
        ]
    )
    found = check_content("docx", fake)
    assert isinstance(found, PackageOverLimit)
    assert found.kind == "unzipped"
    # Under the size limit the same garbage is unpacked, and found out.
    small = _package(
        [
            _member("[Content_Types].xml", CONTENT_TYPES),
            _member("word/document.xml", DOCUMENT),
            ("word/media/image1.png", b"\xff" * 1000, 0, 1000),
        ]
    )
    assert check_content("docx", small) == Problem.NOT_PACKAGE


def test_a_bomb_under_the_size_limit_is_refused_for_its_compression_ratio() -> None:
    found = _timed_check(bomb_docx(20))
    assert isinstance(found, PackageOverLimit)
    assert found.kind == "ratio"
    assert found.member == "word/media/image1.png"
    assert found.found > DEFAULT_LIMITS.max_compression_ratio
    assert found.setting == "MEDREF_IMPORT_MAX_COMPRESSION_RATIO"


def test_small_parts_that_compress_very_well_are_not_a_bomb() -> None:
    # Repetitive XML just under the ratio floor compresses far beyond 100:1.
    xml = b"<w:p/>" * ((RATIO_FLOOR_BYTES - 1) // 6)
    package = _package(
        [_member("[Content_Types].xml", CONTENT_TYPES), _member("word/document.xml", xml)]
    )
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        info = archive.getinfo("word/document.xml")
    assert info.file_size / info.compress_size > DEFAULT_LIMITS.max_compression_ratio
    assert check_content("docx", package) is None


def test_the_limits_passed_are_the_ones_applied() -> None:
    package = bomb_docx(3)
    assert isinstance(check_content("docx", package), PackageOverLimit)  # ratio ~1000:1
    generous = Limits(max_compression_ratio=10_000)
    assert check_content("docx", package, generous) is None
    tight = Limits(max_unzipped_bytes=2 * MB, max_compression_ratio=10_000)
    found = check_content("docx", package, tight)
    assert isinstance(found, PackageOverLimit) and found.limit == 2 * MB


def test_a_package_of_too_many_members_is_refused() -> None:
    members = {f"word/m{n}.xml": b"" for n in range(MAX_PACKAGE_MEMBERS)}
    members |= {"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": DOCUMENT}
    found = check_content("docx", zip_bytes(members))
    assert isinstance(found, PackageOverLimit)
    assert found.kind == "members"
    assert found.found == MAX_PACKAGE_MEMBERS + 2


def test_a_normal_docx_still_passes() -> None:
    assert check_content("docx", docx_bytes("Referat af mødet")) is None
    assert check_content("docx", docx_bytes(), Limits()) is None


# --- the CRC read-through is bounded -----------------------------------------


def test_the_read_through_stops_once_over_the_unpacked_size_limit() -> None:
    package = bomb_docx(8)
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        found = read_package_through(archive, Limits(max_unzipped_bytes=1 * MB))
    assert found is not None
    assert found.at_least
    assert 1 * MB < found.found <= 1 * MB + READ_CHUNK_BYTES  # not 8 MB


def test_a_directory_that_understates_a_member_is_damaged_not_unpacked_further() -> None:
    # The directory says 1 MB; the data holds 50 MB. zipfile stops at the declared
    # size and the CRC (of all 50 MB) does not match what came out.
    packed, crc = _zeros_deflated(50)
    lying = _package(
        [
            _member("[Content_Types].xml", CONTENT_TYPES),
            _member("word/document.xml", DOCUMENT),
            ("word/media/image1.png", packed, crc, 1 * MB),
        ]
    )
    assert check_content("docx", lying, Limits(max_compression_ratio=10_000)) == (
        Problem.NOT_PACKAGE
    )


# --- what the person uploading reads -----------------------------------------


def _refusal(name: str, data: bytes) -> str:
    with pytest.raises(InvalidInput) as refused:
        sections.check_upload(SimpleUploadedFile(name, data))
    assert refused.value.field == "file"
    return str(refused.value.message)


def test_the_upload_refusal_names_the_file_and_the_unpacked_size_limit(bomb: bytes) -> None:
    start = time.perf_counter()
    message = _refusal("Budget 2027.docx", bomb)
    print(f"check_upload refused the 300 MB bomb in {time.perf_counter() - start:.4f} s")
    assert message == (
        "“Budget 2027.docx” kan ikke vedhæftes: pakket ud ville den fylde 300 MB, og grænsen "
        "er 200 MB (MEDREF_IMPORT_MAX_UNZIPPED_BYTES); filen er ikke pakket ud."
    )


def test_the_upload_refusal_names_the_part_and_the_ratio_limit() -> None:
    message = _refusal("bilag.docx", bomb_docx(20))
    assert message.startswith("“bilag.docx” kan ikke vedhæftes: delen word/media/image1.png")
    assert "og grænsen er 100:1 (MEDREF_IMPORT_MAX_COMPRESSION_RATIO)" in message


def test_the_upload_refusal_names_the_member_count_limit() -> None:
    members = {f"m{n}": b"" for n in range(MAX_PACKAGE_MEMBERS + 1)}
    message = _refusal("mange.xlsx", zip_bytes(members))
    assert message == (
        f"“mange.xlsx” kan ikke vedhæftes: den består af {MAX_PACKAGE_MEMBERS + 1} filer, "
        f"og grænsen er {MAX_PACKAGE_MEMBERS} (MEDREF_IMPORT_MAX_UNZIPPED_BYTES)."
    )


def test_the_upload_refusal_for_a_read_through_stopped_at_the_limit() -> None:
    over = PackageOverLimit(
        "unzipped", "MEDREF_IMPORT_MAX_UNZIPPED_BYTES", 201 * MB, 200 * MB, at_least=True
    )
    assert sections._content_message(over, "docx", "x.docx") == (
        "“x.docx” kan ikke vedhæftes: pakket ud fylder den mere end 200 MB, som er grænsen "
        "(MEDREF_IMPORT_MAX_UNZIPPED_BYTES)."
    )


# --- random input -----------------------------------------------------------

_PACKAGE_TYPES = st.sampled_from(["docx", "xlsx", "pptx", "odt", "ods"])


@given(st.binary(max_size=4000), _PACKAGE_TYPES)
def test_random_bytes_never_pass_as_an_office_package(data: bytes, extension: str) -> None:
    assert check_content(extension, data) is not None
    assert check_content(extension, b"PK\x03\x04" + data) is not None


_DOCX = docx_bytes()


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=200)
@given(st.lists(st.tuples(st.integers(0, len(_DOCX) - 1), st.integers(0, 255)), max_size=8))
def test_a_damaged_docx_is_answered_never_raised(changes: list[tuple[int, int]]) -> None:
    damaged = bytearray(_DOCX)
    for position, value in changes:
        damaged[position] = value
    found = check_content("docx", bytes(damaged))
    assert found is None or isinstance(found, (Problem, PackageOverLimit))
