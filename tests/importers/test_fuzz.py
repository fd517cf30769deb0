"""Hostile and broken files: every failure is a located ParseError, never a traceback.

The three examples in every input format (the binary ones printed by medref's
own renderers) are mutated by ``bench/fuzzing.py``: bytes flipped, inserted
and deleted, the file truncated, lines dropped and shuffled, zip members
damaged (.rels, the document's root element, version fields, sizes), PDF
metadata and structure damaged. Seeded and bounded here (a few hundred per
format); ``make bench`` (``bench/bench_fuzz.py``) runs 10,000 per format.
The five crash kinds the first fuzz run found each have their own test.
"""

from __future__ import annotations

import io
import random
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench import fuzzing
from medref.importers import FRONT_ENDS, ParseError, parse_bytes
from medref.importers.errors import UnexpectedError
from medref.importers.pdf_links import marked


def fuzz(fmt: str, examples: int) -> None:
    names = sorted(fuzzing.mutations(fmt))

    @settings(
        max_examples=examples,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(
        seed=st.integers(0, len(fuzzing.seeds()[fmt]) - 1),
        mutation=st.sampled_from(names),
        rng=st.randoms(use_true_random=False),
    )
    def one(seed: int, mutation: str, rng: random.Random) -> None:
        name, data = fuzzing.seeds()[fmt][seed]
        mutated = fuzzing.mutations(fmt)[mutation](data, rng)
        outcome = fuzzing.check(mutated, fmt, name)
        assert outcome.kind in ("parsed", "refused"), f"{mutation}: {outcome.message}"
        assert outcome.seconds < fuzzing.HANG_SECONDS, f"{mutation}: {outcome.seconds:.1f} s"
        if outcome.kind == "refused":
            # FILE: … or FILE:LINE: …, then a message in words.
            assert outcome.message.startswith(f"{name}:"), outcome.message
            assert len(outcome.message) > len(name) + 10

    one()


@pytest.mark.parametrize("fmt", fuzzing.FORMATS)
def test_mutated_examples_are_parsed_or_refused_cleanly(fmt: str) -> None:
    fuzz(fmt, 300 if fmt != "pdf" else 200)


@pytest.mark.slow
@pytest.mark.parametrize("fmt", fuzzing.FORMATS)
def test_many_more_mutated_examples(fmt: str) -> None:
    fuzz(fmt, 2000)


# --- the five crash kinds of the first fuzz run -----------------------------------------


def seed(fmt: str, stem: str = "referat-fagmed-oekonomi-2025-10-08") -> bytes:
    return dict(fuzzing.seeds()[fmt])[f"{stem}.{fmt}"]


def rezip(data: bytes, name: str, content: bytes) -> bytes:
    return fuzzing._rezip(data, lambda n, c: content if n == name else c)


def refusal(data: bytes, fmt: str, name: str = "bilag.docx") -> ParseError:
    with pytest.raises(ParseError) as caught:
        parse_bytes(data, fmt, path=name)
    assert not isinstance(caught.value, UnexpectedError), str(caught.value)
    return caught.value


def test_a_damaged_rels_part_is_refused_by_name() -> None:
    """Was: AttributeError 'CT_Relationship' object has no attribute 'Relationship_lst'."""
    data = seed("docx")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        rels = archive.read("_rels/.rels")
    singular = rels.replace(b"<Relationships", b"<Relationship", 1).replace(
        b"</Relationships>", b"</Relationship>"
    )
    error = refusal(rezip(data, "_rels/.rels", singular), "docx")
    assert str(error) == (
        "bilag.docx: filen er krypteret eller ikke en Word-fil (.docx): pakkens del "
        "_rels/.rels har rodelementet <Relationship>, ikke <Relationships>"
    )
    error = refusal(rezip(data, "word/_rels/document.xml.rels", rels[:40]), "docx")
    assert "word/_rels/document.xml.rels er ikke XML (linje 1" in str(error)


def test_a_wrong_root_element_is_refused_by_name() -> None:
    """Was: AttributeError 'CT_HdrFtr' object has no attribute 'body'."""
    data = fuzzing.wrong_root(seed("docx"), _Fixed(0))
    error = refusal(data, "docx")
    assert "rodelementet <hdr> og intet <w:body>" in str(error)


def test_a_zip_version_beyond_zipfile_is_refused() -> None:
    """Was: NotImplementedError: zip file version 9.9 from check_package."""
    data = fuzzing.zip_version(seed("docx"), _Fixed(0))
    error = refusal(data, "docx")
    assert "en zip-funktion, medref ikke kan læse: zip file version" in str(error)


@pytest.mark.parametrize("value", [b"<FEFFD800>", b"<FEFFD800D800>", b"<FEFFDC000041>"])
def test_undecodable_pdf_metadata_does_not_stop_the_import(value: bytes) -> None:
    """Was: UnicodeDecodeError from pypdfium2's metadata; the producer is only a hint."""
    data = seed("pdf")
    assert parse_bytes(fuzzing.with_info(data, value), "pdf") == parse_bytes(data, "pdf")


def test_character_indices_beyond_the_page_text_are_dropped() -> None:
    """Was: IndexError in pdf_pages._marked when PDFium's character count of a
    damaged page exceeds the text it returns."""
    assert marked("abc", 1, 10, {1: "[", -2: "](x)"}) == "[b](x)c"
    assert marked("abc", 5, 9, {0: "["}) == ""


class _Fixed(random.Random):
    """A Random whose choices are always the first and whose coin always lands under 0.5."""

    def __init__(self, index: int) -> None:
        super().__init__(0)
        self.index = index

    def choice(self, seq):  # type: ignore[no-untyped-def, override]
        return seq[self.index]

    def random(self) -> float:
        return 0.0


# --- the last resort ----------------------------------------------------------------------


def test_an_unforeseen_failure_is_a_located_parse_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(data: bytes, path: str, limits: object) -> list[object]:
        return [][1]

    monkeypatch.setitem(FRONT_ENDS, "txt", broken)
    with pytest.raises(UnexpectedError) as caught:
        parse_bytes(b"Referat", "txt", path="x.txt")
    assert str(caught.value).startswith(
        "x.txt: filen kan ikke læses som txt: læseren fejlede med IndexError (list index out "
        "of range); filen kan være beskadiget"
    )
    assert isinstance(caught.value.__cause__, IndexError)


CLI_WITH_A_BROKEN_FRONT_END = """
import sys
from medref import cli, importers
def broken(data, path, limits):
    raise KeyError("w:body")
importers.FRONT_ENDS["txt"] = broken
sys.exit(cli.main(sys.argv[1:]))
"""


def run_cli(*args: str, program: str | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", program] if program else [sys.executable, "-m", "medref.cli"]
    return subprocess.run([*command, *args], capture_output=True, text=True, check=False)


def test_the_cli_prints_an_unforeseen_failure_as_file_colon_message(tmp_path: Path) -> None:
    path = tmp_path / "referat.txt"
    path.write_text("REFERAT\n", encoding="utf-8")
    result = run_cli("parse", str(path), program=CLI_WITH_A_BROKEN_FRONT_END)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(f"{path}: filen kan ikke læses som txt: læseren fejlede med ")
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("fmt", "mutation"),
    [
        ("docx", fuzzing.wrong_root),
        ("docx", fuzzing.zip_version),
        ("pdf", lambda data, rng: data[: len(data) // 2]),
    ],
)
def test_the_cli_refuses_a_damaged_file_in_one_line(tmp_path: Path, fmt: str, mutation) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / f"referat.{fmt}"
    path.write_bytes(mutation(seed(fmt), _Fixed(0)))
    result = run_cli("parse", str(path))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(f"{path}: ")
    assert result.stderr.count("\n") == 1, result.stderr


def test_a_styles_part_of_the_wrong_content_type_reads_without_styles() -> None:
    """Found by bench_fuzz: python-docx hands out a bare Part, which has no
    ``styles`` (AttributeError). The text is still there: read it."""
    data = seed("docx")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        types = archive.read("[Content_Types].xml")
    wrong = types.replace(b"wordprocessingml.styles+xml", b"wordprocessingml.bogus+xml")
    assert wrong != types
    doc = parse_bytes(rezip(data, "[Content_Types].xml", wrong), "docx")
    assert [item.number for item in doc.items] == [
        item.number for item in parse_bytes(data, "docx").items
    ]
