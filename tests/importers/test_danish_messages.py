"""Every message the importer gives a user is Danish, located and labelled.

Errors keep the form ``FILE:LINE: besked``; warnings keep their JSON keys and
their English ``field`` (the contract's key), and ``FIELD_LABELS`` names each
field a warning can carry in Danish for the web. What a message quotes from the
file stands in »…« and is left out of the language check: it is the file's
own text, whatever language that is.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from medref.importers import ParseError, ParseWarning, format_of, parse_bytes, parse_file
from medref.importers.errors import FIELD_LABELS, field_label, quote
from medref.lib.limits import Limits

ROOT = Path(__file__).resolve().parents[2]
FAGMED = ROOT / "medref" / "demo" / "referat-fagmed-oekonomi-2025-10-08.txt"
ESDH_PDF = ROOT / "tests" / "fixtures" / "pdf" / "esdh-fagmed.pdf"

# Words of English prose that no Danish message of medref's uses.
_ENGLISH = re.compile(
    r"\b(?:the|cannot|not|found|file|item|items|page|pages|limit|looked|closest|line|"
    r"no|does|exist|empty|unknown|reads|took|longer|than|gave|up|read|date|time|"
    r"and|with|without|only|were|was|left|guessed|truncated|appears|twice)\b",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"»[^»«]*«")


def english_words(message: str) -> list[str]:
    return _ENGLISH.findall(_QUOTED.sub("", message))


def refusal(data: bytes, fmt: str, **limits: float) -> ParseError:
    with pytest.raises(ParseError) as caught:
        parse_bytes(data, fmt, path=f"x.{fmt}", limits=Limits(**limits))
    return caught.value


def _docx(*paragraphs: str) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


FAGMED_TEXT = FAGMED.read_text(encoding="utf-8")
REFUSED = {
    "empty": (b"  \n", "txt", {}),
    "cp1252": (FAGMED_TEXT.encode("cp1252", errors="replace"), "txt", {}),
    "nul": (b"REFERAT\n\x00", "md", {}),
    "unknown format": (b"x", "odt", {}),
    "ole docx": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "docx", {}),
    "text as docx": (b"plain text", "docx", {}),
    "empty docx": (_docx(), "docx", {}),
    "docx too slow": (_docx("Punkt 1: Eventuelt"), "docx", {"max_seconds": -1}),
    "text as pdf": (b"REFERAT", "pdf", {}),
    "pdf too long": (ESDH_PDF.read_bytes(), "pdf", {"max_pages": 1}),
    "pdf too slow": (ESDH_PDF.read_bytes(), "pdf", {"max_seconds": -1}),
    "not minutes": ("Kære Jens\n\nTak for sidst.\n".encode(), "txt", {}),
    "no item": ("REFERAT FagMED Økonomi d. 01-02-2025\n\n1 Budget\n\nTekst.\n".encode(), "txt", {}),
    "item twice": (FAGMED_TEXT.replace("Punkt 25:", "Punkt 24:").encode(), "txt", {}),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_every_refusal_is_danish_and_located(case: str) -> None:
    data, fmt, limits = REFUSED[case]
    error = refusal(data, fmt, **limits)
    assert str(error).startswith(f"x.{fmt}:")
    assert error.message and not english_words(error.message), error.message


def test_the_size_limit_and_an_unknown_extension_are_danish(tmp_path: Path) -> None:
    big = tmp_path / "stor.txt"
    big.write_bytes(b"x" * 2048)
    with pytest.raises(ParseError) as caught:
        parse_file(big, max_bytes=1024)
    assert caught.value.message.startswith("filen fylder 0.0 MB; grænsen er 0.0 MB")
    with pytest.raises(ParseError) as unknown:
        format_of(tmp_path / "referat.odt")
    assert unknown.value.message.startswith("ukendt filtype ».odt«; medref læser ")


def test_a_time_limit_names_where_reading_stopped_in_danish() -> None:
    assert "opgav ved afsnit " in refusal(_docx("Tekst"), "docx", max_seconds=-1).message
    assert "opgav ved side 1 af 16" in refusal(ESDH_PDF.read_bytes(), "pdf", max_seconds=-1).message


def notes_of(source: str) -> list[ParseWarning]:
    notes: list[ParseWarning] = []
    parse_bytes(source.encode(), "txt", path="x.txt", notes=notes)
    return notes


WARNED = {
    "no date, no committee": "REFERAT\n\nPunkt 1: Eventuelt\n",
    "a date that does not exist": (
        "REFERAT FagMED Økonomi\n\nDato: 31. juni 2025\n\nPunkt 1: Eventuelt\n"
    ),
    "no date in the field": "REFERAT FagMED Økonomi\n\nDato: snart\n\nPunkt 1: Eventuelt\n",
    "no time in the field": (
        "REFERAT FagMED Økonomi\n\nDato: 08-10-2025\nTid: efter frokost\n\nPunkt 1: Eventuelt\n"
    ),
    "truncated": FAGMED_TEXT[: FAGMED_TEXT.index("Punkt 27:")],
}


@pytest.mark.parametrize("case", sorted(WARNED))
def test_every_warning_is_danish_with_a_danish_label(case: str) -> None:
    notes = notes_of(WARNED[case])
    assert notes
    for note in notes:
        assert note.field in FIELD_LABELS, note.field
        assert note.label == FIELD_LABELS[note.field] != note.field
        assert not english_words(note.message), note.message
        assert set(note.to_data()) == {"line", "field", "message"}


def test_a_warning_quotes_the_value_it_could_not_read() -> None:
    (note,) = notes_of(WARNED["no time in the field"])
    assert (note.line, note.field, note.label) == (4, "start_time", "Starttid")
    assert note.message.startswith("kan ikke læse et klokkeslæt i »efter frokost« (ledte efter ")


def test_a_field_without_a_label_is_shown_as_its_key() -> None:
    assert field_label("meeting_date") == "Mødedato"
    assert field_label("something_new") == "something_new"
    assert quote("Dato: snart") == "»Dato: snart«"


_VALUE = st.text(alphabet="0123456789 .-/:kltsnovemberjuniDatoø", max_size=24)


@settings(max_examples=150, deadline=None)
@given(_VALUE, _VALUE)
def test_whatever_a_date_or_time_field_holds_its_warnings_are_danish(date: str, time: str) -> None:
    """Fields that do not read (or read oddly) are warnings in Danish, each labelled."""
    source = f"REFERAT FagMED Økonomi\n\nDato: {date}\nTid: {time}\n\nPunkt 1: Eventuelt\n"
    notes: list[ParseWarning] = []
    try:
        parse_bytes(source.encode(), "txt", path="x.txt", notes=notes)
    except ParseError as error:
        assert not english_words(error.message), error.message
    for note in notes:
        assert note.field in FIELD_LABELS
        assert not english_words(note.message), note.message
