"""The importers' limits have one definition (medref/lib/limits.py) that the
settings, the front ends and the bilag text extraction all read."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

from medref.importers import Limits, ParseError, parse_bytes
from medref.importers import docx as docx_front_end
from medref.importers import pdf as pdf_front_end
from medref.lib.limits import DEFAULT_LIMITS, SETTING_NAMES, Deadline, TimeLimitExceeded
from medref.meetings.imports import import_limits
from medref.renderers import render_bytes

DEMO = Path(__file__).resolve().parents[2] / "medref" / "demo"


def test_settings_front_ends_and_imports_share_one_definition() -> None:
    assert Limits is type(DEFAULT_LIMITS)
    for field, name in SETTING_NAMES.items():
        assert getattr(settings, name) == getattr(DEFAULT_LIMITS, field), name
    assert import_limits() == DEFAULT_LIMITS
    assert DEFAULT_LIMITS.max_unzipped_bytes == docx_front_end.MAX_UNCOMPRESSED_BYTES
    assert DEFAULT_LIMITS.max_compression_ratio == docx_front_end.MAX_COMPRESSION_RATIO
    assert DEFAULT_LIMITS.max_pages == pdf_front_end.MAX_PAGES
    assert DEFAULT_LIMITS.ocr_timeout == pdf_front_end.OCR_TIMEOUT


def test_import_limits_follow_the_settings(settings: object) -> None:
    settings.MEDREF_IMPORT_MAX_SECONDS = 7  # type: ignore[attr-defined]
    settings.MEDREF_IMPORT_MAX_PAGES = 3  # type: ignore[attr-defined]
    assert import_limits().max_seconds == 7
    assert import_limits().max_pages == 3


def test_a_deadline_names_where_it_gave_up() -> None:
    Deadline(60).check("page 1")
    with pytest.raises(TimeLimitExceeded) as caught:
        Deadline(-1).check("page 3 of 9")
    assert str(caught.value) == (
        "reading took longer than -1 s (MEDREF_IMPORT_MAX_SECONDS); gave up at page 3 of 9"
    )


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_a_file_that_takes_too_long_is_refused(fmt: str) -> None:
    from medref.importers import parse_file

    doc = parse_file(DEMO / "referat-fagmed-oekonomi-2025-10-08.txt")
    data = render_bytes(doc, fmt)
    with pytest.raises(ParseError) as caught:
        parse_bytes(data, fmt, path=f"x.{fmt}", limits=Limits(max_seconds=-1))
    where = "afsnit" if fmt == "docx" else "side 1 af"
    assert f"læsningen tog mere end -1 s (MEDREF_IMPORT_MAX_SECONDS); opgav ved {where}" in str(
        caught.value
    )
    assert str(caught.value).startswith(f"x.{fmt}:")
