"""Minutes that write both "Afbud:" and "Fraværende:" keep them apart (issue 16):
the parse carries everyone away in ``absent`` (as it always has) and those
listed as Fraværende in the added key ``absent_without_notice``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from medref.documents.serialize import to_contract
from medref.importers import parse_bytes
from medref.renderers import render

MINUTES = """REFERAT FagMED Økonomi d. 08-10-2025

Mødedato Onsdag d. 08. oktober 2025 kl. 13:00

Mødedeltagere Anne Holm, Bo Dahl, Carl Vang, Dorte Sand

Afbud Bo Dahl

Fraværende Carl Vang

Punkt 1: Godkendelse af dagsorden

Beslutning

Godkendt.
"""


def test_both_lists_are_read_apart() -> None:
    doc = parse_bytes(MINUTES.encode(), "txt")
    assert doc.absent == ("Bo Dahl", "Carl Vang")
    assert doc.absent_without_notice == ("Carl Vang",)
    assert doc.present == ("Anne Holm", "Dorte Sand")


def test_ikke_til_stede_is_fravaerende_and_fravaerende_med_afbud_is_afbud() -> None:
    text = MINUTES.replace("Afbud Bo Dahl", "Fraværende med afbud: Bo Dahl").replace(
        "Fraværende Carl Vang", "Ikke til stede: Carl Vang"
    )
    doc = parse_bytes(text.encode(), "txt")
    assert doc.absent == ("Bo Dahl", "Carl Vang")
    assert doc.absent_without_notice == ("Carl Vang",)


@pytest.mark.parametrize("fmt", ["txt", "md", "html"])
def test_written_and_read_again_the_lists_stay_apart(fmt: str) -> None:
    doc = parse_bytes(MINUTES.encode(), "txt")
    again = parse_bytes(render(doc, fmt).encode(), fmt)
    assert again.absent == doc.absent
    assert again.absent_without_notice == doc.absent_without_notice


def test_the_json_contract_only_gains_a_key(tmp_path: Path) -> None:
    contract = to_contract(parse_bytes(MINUTES.encode(), "txt"))
    assert contract["absent"] == ["Bo Dahl", "Carl Vang"]  # as before: everyone away
    assert contract["absent_without_notice"] == ["Carl Vang"]
    path = tmp_path / "referat.txt"
    path.write_text(MINUTES, encoding="utf-8")
    printed = subprocess.run(
        [sys.executable, "-m", "medref.cli", "parse", str(path), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(printed.stdout)["absent_without_notice"] == ["Carl Vang"]
