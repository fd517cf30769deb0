"""The CLI contracts: `medref followups` and `medref klippekort rule`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from medref.cli import main

DEMO = Path(__file__).resolve().parents[2] / "medref" / "demo"


def test_followups_json_of_the_oekonomi_stab_minutes(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            ["followups", str(DEMO / "referat-afdelingsmed-oekonomi-stab-2025-11-20.txt"), "--json"]
        )
        == 0
    )
    out = json.loads(capsys.readouterr().out)
    assert out["meeting_date"] == "2025-11-20"
    assert {
        "item": 5,
        "due": "2026-01",
        "text": "Punktet om ØS' økonomi sættes på ØSMED igen i januar "
        "og efterfølgende efter behov.",
        "condition": None,
    } in out["followups"]
    by_item = {f["item"]: f for f in out["followups"]}
    assert by_item[8]["due"] == "2026-03"
    assert by_item[9]["condition"] == "hvis der opstår noget i forbindelse med APV'en"
    assert 1 not in by_item  # "Dagsorden og referat blev godkendt"
    assert all(set(f) == {"item", "due", "text", "condition"} for f in out["followups"])


def test_followups_next_meeting_in_the_borgerservice_minutes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert (
        main(["followups", str(DEMO / "referat-lokalmed-borgerservice-2025-06-20.md"), "--json"])
        == 0
    )
    out = json.loads(capsys.readouterr().out)
    assert out["followups"] and {f["due"] for f in out["followups"]} == {"next"}


def test_followups_text_output_says_how_many(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["followups", str(DEMO / "referat-fagmed-oekonomi-2025-10-08.txt")]) == 0
    assert "0 opfølgninger foreslået (møde 2025-10-08)" in capsys.readouterr().out


def test_klippekort_rule_contract(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["klippekort", "rule", "--elected", "2023-03-01", "--grunduddannelse", "2023-09-01"]
    argv += ["--functions", "arbejdsmiljø,samarbejde", "--on", "2025-11-20", "--json"]
    assert main(argv) == 0
    assert json.loads(capsys.readouterr().out) == {
        "function_year": 3,
        "days": 2,
        "statutory_days": 0,
    }


def test_klippekort_rule_half_days_are_numbers(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["klippekort", "rule", "--elected", "2023-03-01", "--functions", "amr"]
    assert main([*argv, "--on", "2024-03-01", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["statutory_days"] == 1.5


def test_klippekort_rule_refuses_an_unknown_function(capsys: pytest.CaptureFixture[str]) -> None:
    argv = [
        "klippekort",
        "rule",
        "--elected",
        "2023-03-01",
        "--functions",
        "x",
        "--on",
        "2024-03-01",
    ]
    assert main(argv) == 2
    assert "unknown function 'x'" in capsys.readouterr().err


def test_klippekort_rule_refuses_a_bad_date(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["klippekort", "rule", "--elected", "1.3.2023", "--on", "2024-03-01"])
    assert "not a date as YYYY-MM-DD: '1.3.2023'" in capsys.readouterr().err
