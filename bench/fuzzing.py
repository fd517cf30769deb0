"""Mutated minutes for the importers' fuzz test and ``bench_fuzz``.

The seeds are the three examples (medref/demo) in every input format, the
binary ones printed by medref's own renderers. A mutation is a function of
the seed's bytes and a seeded ``random.Random``, so every input is
reproducible from (seed, mutation, random seed):

- every format: bytes flipped, inserted or deleted; the file truncated;
  lines dropped, repeated or swapped;
- .docx: a zip member rewritten (the package .rels, the document's .rels,
  the document XML's root element, a member's XML damaged), the zip's
  "version needed to extract" fields raised, a member's compressed bytes
  damaged;
- .pdf: the document information (Producer, Title) given undecodable
  bytes, the xref table and the trailer damaged, a stream's length changed.

``check`` parses one input with a time limit (SIGALRM) and says what
happened: parsed, refused with a ParseError, or crashed with any other
exception (the bug this harness looks for) or hung.
"""

from __future__ import annotations

import functools
import io
import random
import re
import signal
import struct
import time
import traceback
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

DEMO = Path(__file__).resolve().parents[1] / "medref" / "demo"
FORMATS = ("txt", "md", "html", "docx", "pdf")
# No input may take longer than this to parse (or to be refused).
HANG_SECONDS = 10.0

Mutation = Callable[[bytes, random.Random], bytes]


@functools.cache
def seeds() -> dict[str, list[tuple[str, bytes]]]:
    """Format -> [(file name, bytes)] of the three examples, rendered by medref."""
    from medref.importers import parse_file
    from medref.renderers import render_bytes

    by_format: dict[str, list[tuple[str, bytes]]] = {fmt: [] for fmt in FORMATS}
    for path in sorted(DEMO.iterdir()):
        if path.suffix not in (".txt", ".md"):
            continue
        doc = parse_file(path)
        for fmt in FORMATS:
            by_format[fmt].append((f"{path.stem}.{fmt}", render_bytes(doc, fmt)))
    return by_format


# --- mutations for every format ------------------------------------------------------


def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 16)):
        i = rng.randrange(len(out))
        out[i] ^= rng.randint(1, 255)
    return bytes(out)


def insert_bytes(data: bytes, rng: random.Random) -> bytes:
    i = rng.randrange(len(data) + 1)
    junk = rng.choice([b"\x00", b"\xff\xfe", b"\r", b"<", b"]]>", b"%PDF-", b"PK\x03\x04"])
    return data[:i] + junk * rng.randint(1, 8) + data[i:]


def delete_bytes(data: bytes, rng: random.Random) -> bytes:
    i = rng.randrange(len(data))
    return data[:i] + data[i + rng.randint(1, 64) :]


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data))]


def drop_lines(data: bytes, rng: random.Random) -> bytes:
    lines = data.split(b"\n")
    for _ in range(rng.randint(1, max(1, len(lines) // 10))):
        if len(lines) > 1:
            del lines[rng.randrange(len(lines))]
    return b"\n".join(lines)


def shuffle_lines(data: bytes, rng: random.Random) -> bytes:
    lines = data.split(b"\n")
    for _ in range(rng.randint(1, 8)):
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        if rng.random() < 0.5:
            lines[i], lines[j] = lines[j], lines[i]
        else:
            lines.insert(i, lines[j])
    return b"\n".join(lines)


COMMON: dict[str, Mutation] = {
    "flip bytes": flip_bytes,
    "insert bytes": insert_bytes,
    "delete bytes": delete_bytes,
    "truncate": truncate,
    "drop lines": drop_lines,
    "shuffle lines": shuffle_lines,
}


# --- .docx: the zip package and its members ------------------------------------------


def _rezip(data: bytes, change: Callable[[str, bytes], bytes | None]) -> bytes:
    """The package with each member's content passed through ``change`` (None drops it)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = change(info.filename, source.read(info))
            if content is not None:
                target.writestr(info, content, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _damage_xml(content: bytes, rng: random.Random) -> bytes:
    choice = rng.randrange(6)
    if choice == 0:
        return content[: rng.randrange(len(content) + 1)]
    if choice == 1:  # a tag renamed
        tags = [m.start() + 1 for m in re.finditer(rb"<[A-Za-z]", content)]
        if tags:
            i = rng.choice(tags)
            return content[:i] + b"x" + content[i:]
    if choice == 2:  # an attribute's value emptied or made absurd
        attrs = list(re.finditer(rb'="[^"]*"', content))
        if attrs:
            m = rng.choice(attrs)
            value = rng.choice([b'""', b'"-1"', b'"99999999999999999999"', b'"\xc3"', b'"rId999"'])
            return content[: m.start() + 1] + value + content[m.end() :]
    if choice == 3:  # an element removed
        elements = list(re.finditer(rb"<([A-Za-z:]+)[^>]*/>", content))
        if elements:
            m = rng.choice(elements)
            return content[: m.start()] + content[m.end() :]
    if choice == 4:
        return b""
    return flip_bytes(content, rng)


def damage_member(data: bytes, rng: random.Random) -> bytes:
    """One member's XML damaged (truncated, a tag renamed, an attribute changed, ...)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        name = rng.choice(archive.namelist())
    return _rezip(data, lambda n, c: _damage_xml(c, rng) if n == name else c)


def damage_rels(data: bytes, rng: random.Random) -> bytes:
    """A .rels part damaged: it still unzips, so the package check passes it."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        rels = [n for n in archive.namelist() if n.endswith(".rels")]
    name = rng.choice(rels)
    variants: list[Callable[[bytes], bytes | None]] = [
        lambda c: _damage_xml(c, rng),
        lambda c: c.replace(b"<Relationships", b"<Relationship", 1).replace(
            b"</Relationships>", b"</Relationship>"
        ),
        lambda c: re.sub(rb"<Relationship [^>]*/>", b"", c),
        lambda c: c.replace(b'Target="', b'Target="../../', 1),
        lambda c: None,
    ]
    variant = rng.choice(variants)
    return _rezip(data, lambda n, c: variant(c) if n == name else c)


def wrong_root(data: bytes, rng: random.Random) -> bytes:
    """word/document.xml with another root element (no w:body under it)."""
    roots = [b"w:hdr", b"w:styles", b"w:numbering", b"w:documentx", b"w:body"]
    root = rng.choice(roots)

    def change(name: str, content: bytes) -> bytes:
        if name != "word/document.xml":
            return content
        return content.replace(b"<w:document ", b"<" + root + b" ", 1).replace(
            b"</w:document>", b"</" + root + b">"
        )

    return _rezip(data, change)


def zip_version(data: bytes, rng: random.Random) -> bytes:
    """The "version needed to extract" of some entries raised beyond what zipfile reads."""
    out = bytearray(data)
    version = rng.choice([64, 99, 255, 0xFFFF])
    for signature, offset in ((b"PK\x01\x02", 6), (b"PK\x03\x04", 4)):
        for m in re.finditer(re.escape(signature), bytes(out)):
            if rng.random() < 0.5:
                struct.pack_into("<H", out, m.start() + offset, version)
    return bytes(out)


def damage_compressed(data: bytes, rng: random.Random) -> bytes:
    """Bytes flipped inside one member's compressed data (a CRC or inflate error)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = rng.choice(archive.infolist())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        if info.compress_size:
            out[start + rng.randrange(info.compress_size)] ^= rng.randint(1, 255)
    return bytes(out)


def zip_sizes(data: bytes, rng: random.Random) -> bytes:
    """The central directory's sizes or offsets made wrong."""
    out = bytearray(data)
    entries = [m.start() for m in re.finditer(rb"PK\x01\x02", data)]
    if not entries:
        return flip_bytes(data, rng)
    at = rng.choice(entries)
    field = rng.choice([20, 24, 42])  # compressed size, uncompressed size, header offset
    struct.pack_into("<I", out, at + field, rng.choice([0, 1, 0xFFFFFFFF, rng.randrange(1 << 32)]))
    return bytes(out)


DOCX: dict[str, Mutation] = {
    "damage member": damage_member,
    "damage .rels": damage_rels,
    "wrong root element": wrong_root,
    "zip version": zip_version,
    "damage compressed": damage_compressed,
    "zip sizes": zip_sizes,
}


# --- .pdf: document information, xref, streams -------------------------------------

_BAD_STRINGS = (
    b"<FEFFD800>",  # UTF-16 cut after a high surrogate
    b"<FEFFD800D800>",  # two high surrogates
    b"<FEFFDC000041>",  # a lone low surrogate
    b"<FEFF0041D83D>",
    b"(\xfe\xff\xd8\x00)",
    b"<FEFF00>",  # an odd byte count
    b"(\xff\xfe\xff)",
    b"<>",
    b"(" + b"\\(" * 40 + b")",
)


def with_info(data: bytes, value: bytes) -> bytes:
    """The PDF with an incremental update whose document information is ``value``."""
    roots = re.findall(rb"/Root (\d+ \d+ R)", data)
    previous = re.findall(rb"startxref\s+(\d+)", data)
    sizes = re.findall(rb"/Size (\d+)", data)
    if not (roots and previous and sizes):
        return data + b"\n" + value
    size = int(sizes[-1])
    body = data if data.endswith(b"\n") else data + b"\n"
    obj = b"%d 0 obj\n<</Producer %s/Title %s/Author %s>>\nendobj\n" % (size, value, value, value)
    trailer = b"<</Size %d/Root %s/Info %d 0 R/Prev %s>>" % (
        size + 1,
        roots[-1],
        size,
        previous[-1],
    )
    xref = b"xref\n%d 1\n%010d 00000 n \ntrailer\n%s\nstartxref\n%d\n%%%%EOF\n" % (
        size,
        len(body),
        trailer,
        len(body) + len(obj),
    )
    return body + obj + xref


def pdf_metadata(data: bytes, rng: random.Random) -> bytes:
    """The document information (Producer, Title) made undecodable (bad UTF-16)."""
    return with_info(data, rng.choice(_BAD_STRINGS))


def pdf_structure(data: bytes, rng: random.Random) -> bytes:
    """The xref, the trailer, a /Length, /Count or an object number damaged."""
    choice = rng.randrange(5)
    if choice == 0:
        at = data.rfind(b"xref")
        if at >= 0:
            return data[:at] + flip_bytes(data[at:], rng)
    if choice == 1:
        lengths = list(re.finditer(rb"/Length \d+", data))
        if lengths:
            m = rng.choice(lengths)
            return (
                data[: m.start()]
                + b"/Length "
                + str(rng.randrange(100000)).encode()
                + data[m.end() :]
            )
    if choice == 2:
        counts = list(re.finditer(rb"/Count \d+", data))
        if counts:
            m = rng.choice(counts)
            value = rng.choice([b"0", b"-1", b"100000", b"2147483647"])
            return data[: m.start()] + b"/Count " + value + data[m.end() :]
    if choice == 3:
        at = data.rfind(b"startxref")
        if at >= 0:
            return (
                data[:at] + b"startxref\n" + str(rng.randrange(len(data))).encode() + b"\n%%EOF\n"
            )
    streams = [m.end() for m in re.finditer(rb"stream\r?\n", data)]
    if streams:
        start = rng.choice(streams)
        out = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            i = min(len(out) - 1, start + rng.randrange(256))
            out[i] ^= rng.randint(1, 255)
        return bytes(out)
    return flip_bytes(data, rng)


PDF: dict[str, Mutation] = {
    "pdf metadata": pdf_metadata,
    "pdf structure": pdf_structure,
}


def mutations(fmt: str) -> dict[str, Mutation]:
    extra = {"docx": DOCX, "pdf": PDF}.get(fmt, {})
    return {**COMMON, **extra}


# --- running one input -----------------------------------------------------------------


class Hang(BaseException):
    """The parse ran longer than the harness allows (a BaseException, so that
    the importers' last-resort catch lets it through)."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise ``Hang`` in this (main) thread after ``seconds``."""

    def alarm(signum: int, frame: object) -> None:
        raise Hang(f"no answer after {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass(frozen=True)
class Outcome:
    kind: str  # "parsed", "refused", "crash" or "hang"
    seconds: float
    message: str = ""  # the ParseError, or the crash's exception and traceback


def check(data: bytes, fmt: str, name: str, *, limit: float = 2 * HANG_SECONDS) -> Outcome:
    """Parse one input as the CLI would, with a time limit."""
    from medref.importers import Limits, ParseError, parse_bytes
    from medref.importers.errors import UnexpectedError

    # OCR on a mutated PDF whose text is gone is a legitimate slow path, but
    # not what this harness measures: refuse it fast.
    limits = Limits(ocr_timeout=1)
    start = time.perf_counter()
    try:
        with time_limit(limit):
            parse_bytes(data, fmt, path=name, limits=limits)
    except UnexpectedError as exc:  # the last resort caught what no front end foresaw
        cause = exc.__cause__ or exc
        detail = "".join(traceback.format_exception(cause)[-6:])
        message = f"{type(cause).__name__}: {cause}\n{exc}\n{detail}"
        return Outcome("crash", time.perf_counter() - start, message)
    except ParseError as exc:
        return Outcome("refused", time.perf_counter() - start, str(exc))
    except Hang as exc:
        return Outcome("hang", time.perf_counter() - start, str(exc))
    except Exception as exc:  # what the fuzzer is looking for
        detail = "".join(traceback.format_exception(exc)[-6:])
        return Outcome(
            "crash", time.perf_counter() - start, f"{type(exc).__name__}: {exc}\n{detail}"
        )
    return Outcome("parsed", time.perf_counter() - start)


def crash_kind(outcome: Outcome) -> str:
    """Exception type and the innermost medref frame, to group crashes."""
    first = outcome.message.split("\n", 1)[0]
    kind = first.split(":", 1)[0]
    frames = re.findall(r'File ".*?(medref/[^"]+)", line \d+, in (\w+)', outcome.message)
    where = f" in {frames[-1][0]} {frames[-1][1]}" if frames else ""
    return f"{kind}{where}"
