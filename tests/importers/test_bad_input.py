"""Bad input gets a clear, located error; nothing is half-read."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from medref.importers import ParseError, ParseWarning, parse_bytes, parse_file, parse_text

DEMO = Path(__file__).resolve().parents[2] / "medref" / "demo"
FAGMED = DEMO / "referat-fagmed-oekonomi-2025-10-08.txt"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "tom.txt", b"\n\n  \n")
    with pytest.raises(ParseError) as caught:
        parse_file(path)
    assert str(caught.value) == f"{path}:1: filen er tom"


def test_a_file_that_is_not_minutes_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "brev.txt", "Kære Jens\n\nTak for sidst.\n\nHilsen Lone\n".encode())
    with pytest.raises(ParseError) as caught:
        parse_file(path)
    assert caught.value.line == 1
    assert "ligner hverken et referat eller en dagsorden" in str(caught.value)
    assert str(caught.value).startswith(f"{path}:1: ")


def test_a_truncated_file_is_caught_by_its_table_of_contents(tmp_path: Path) -> None:
    """Cut the FagMED minutes in the middle of item 26: the TOC promised ten items.

    What could be read is kept; the gap is a warning on the last line, not a refusal.
    """
    text = FAGMED.read_text(encoding="utf-8")
    cut = text[: text.index("Punkt 27:")]
    path = write(tmp_path, "afbrudt.txt", cut.encode())
    notes: list[ParseWarning] = []
    doc = parse_file(path, notes=notes)
    assert len(doc.items) == 6
    (warning,) = [n for n in notes if n.field == "items"]
    assert "afkortet" in warning.message
    assert "nævner 10 punkter, men kun 6 blev fundet" in warning.message
    assert warning.line == len(cut.rstrip().split("\n"))


def test_a_windows_1252_file_names_the_line_and_the_encoding(tmp_path: Path) -> None:
    text = FAGMED.read_text(encoding="utf-8")
    path = write(tmp_path, "cp1252.txt", text.encode("cp1252", errors="replace"))
    with pytest.raises(ParseError) as caught:
        parse_file(path)
    first_bad = next(n for n, line in enumerate(text.split("\n"), 1) if not line.isascii())
    assert caught.value.line == first_bad
    assert "Windows-1252" in caught.value.message
    assert "ikke UTF-8" in caught.value.message


def test_a_duplicated_item_number_names_both_lines(tmp_path: Path) -> None:
    text = FAGMED.read_text(encoding="utf-8").replace("Punkt 25:", "Punkt 24:")
    path = write(tmp_path, "dobbelt.txt", text.encode())
    with pytest.raises(ParseError) as caught:
        parse_file(path)
    lines = text.split("\n")
    first = lines.index("Punkt 24: Arbejdsmiljø") + 1
    second = next(n for n, line in enumerate(lines, 1) if line.startswith("Punkt 24: Sygefravær"))
    assert caught.value.line == second
    assert f"punkt 24 står to gange (første gang i linje {first})" in caught.value.message


def test_a_date_that_does_not_exist_is_a_warning_and_no_date() -> None:
    notes: list[ParseWarning] = []
    source = "REFERAT FagMED Økonomi\n\nMødedato Tirsdag d. 31. juni 2025\n\nPunkt 1: Eventuelt\n"
    doc = parse_bytes(source.encode(), "txt", path="juni.txt", notes=notes)
    assert doc.meeting_date is None
    dated = next(n for n in notes if n.field == "meeting_date")
    assert dated.line == 3
    assert "findes ikke i kalenderen" in notes[0].message


def test_minutes_without_a_date_are_read_with_a_warning_and_no_guessed_date() -> None:
    notes: list[ParseWarning] = []
    doc = parse_bytes(b"REFERAT FagMED Okonomi\n\nPunkt 1: Eventuelt\n", "txt", notes=notes)
    assert doc.meeting_date is None
    assert doc.committee == "FagMED Okonomi"
    assert [n.field for n in notes] == ["meeting_date"]
    assert "ikke gættet" in notes[0].message


def test_a_file_without_items_says_what_was_looked_for_and_quotes_the_closest_lines() -> None:
    with pytest.raises(ParseError) as caught:
        parse_text("REFERAT FagMED Økonomi d. 01-02-2025\n\n1 Budget\n\nTekst.\n", "txt")
    message = caught.value.message
    assert "intet punkt, der kan genkendes" in message
    assert "Punkt 1" in message
    assert "linje 3: »1 Budget«" in message


def test_binary_data_in_a_text_file_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "binær.md", b"# REFERAT\n\n\x00\x01\x02")
    with pytest.raises(ParseError, match="binære data"):
        parse_file(path)


def test_an_unknown_extension_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "referat.odt", b"PK")
    with pytest.raises(ParseError, match=r"ukendt filtype »\.odt«"):
        parse_file(path)


def test_a_file_over_the_size_limit_is_not_read(tmp_path: Path) -> None:
    path = write(tmp_path, "stor.txt", b"x" * 2048)
    with pytest.raises(ParseError, match="grænsen er"):
        parse_file(path, max_bytes=1024)


def test_the_cli_prints_file_and_line_on_stderr_and_exits_1(tmp_path: Path) -> None:
    path = write(tmp_path, "tom.txt", b"")
    result = subprocess.run(
        [sys.executable, "-m", "medref.cli", "parse", str(path), "--json"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.strip() == f"{path}:1: filen er tom"
    assert "Traceback" not in result.stderr
