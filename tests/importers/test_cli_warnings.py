"""`medref parse` warns about a table of contents that points at the wrong pages."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from medref.importers import Limits, ParseError, parse_file

PDFS = Path(__file__).resolve().parents[1] / "fixtures" / "pdf"


def run_parse(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "medref.cli", "parse", str(path), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_printed_text_file_gets_one_warning_per_misplaced_item() -> None:
    """Printing the text file moved every item off the page its TOC names."""
    result = run_parse(PDFS / "txt-fagmed.pdf")
    assert result.returncode == 0
    warnings = [line for line in result.stderr.splitlines() if line.startswith("advarsel: ")]
    assert len(warnings) == 10
    assert (
        "indholdsfortegnelsen siger, at punkt 21 (Godkendelse af dagsorden) begynder på side 3"
        in warnings[0]
    )
    assert json.loads(result.stdout)["committee"] == "FagMED Økonomi"


def test_an_esdh_export_with_true_page_numbers_gets_none() -> None:
    result = run_parse(PDFS / "esdh-fagmed.pdf")
    assert result.returncode == 0
    assert "advarsel" not in result.stderr


def test_limits_reach_the_pdf_front_end() -> None:
    with pytest.raises(ParseError, match="grænsen er 1"):
        parse_file(PDFS / "esdh-fagmed.pdf", limits=Limits(max_pages=1))
