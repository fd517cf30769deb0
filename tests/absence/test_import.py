"""Importing HR files (CSV in its forms, XLSX), atomically and idempotently, and the CLI."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from openpyxl import Workbook

from medref.absence import models
from medref.absence.metrics.hrfile import FileError
from medref.absence.services import import_file, purge
from medref.cli import main
from medref.organisation.services import ensure_municipality

from .data import csv_bytes

pytestmark = pytest.mark.django_db

UNITS = csv_bytes(
    ["unit_id", "name", "parent_id", "committee"],
    [["1", "Forvaltning", "", "FagMED Økonomi"], ["2", "Løn", "1", ""]],
)


@pytest.fixture
def vejle():
    municipality = ensure_municipality("Vejle Kommune")
    import_file("units.csv", UNITS, municipality=municipality)
    return municipality


def test_csv_forms_are_read_alike(vejle):
    utf8_bom = b"\xef\xbb\xbf" + csv_bytes(
        ["employee_id", "unit_id", "start", "end", "weekly_hours"],
        [["A1", "1", "2024-01-01", "", "37,0"]],
    )
    cp1252_comma = 'Medarbejdernr,unit_id,start,end,weekly_hours\nA2,2,01-02-2024,,"29,6"\n'
    tab = csv_bytes(
        ["employee_id", "unit_id", "start", "end", "weekly_hours"],
        [["A3", "2", "01-03-2024", "31-12-2024", "18.5"]],
        sep="\t",
    )
    import_file("a.csv", utf8_bom, municipality=vejle)
    import_file(
        "b.csv",
        cp1252_comma.encode("cp1252"),
        municipality=vejle,
        columns={"employee_id": "Medarbejdernr"},
    )
    import_file("c.csv", tab, municipality=vejle)
    rows = sorted(models.Employment.objects.values_list("unit_id", "weekly_hours", "end"))
    assert [(u, h) for u, h, _ in rows] == [("1", 37.0), ("2", 18.5), ("2", 29.6)]
    assert any(end is not None and end.isoformat() == "2024-12-31" for *_, end in rows)


def test_xlsx_is_read_with_the_kind_from_its_header(vejle):
    book = Workbook()
    sheet = book.active
    sheet.append(["employee_id", "first_day", "last_day", "type", "hours_per_day"])
    sheet.append(["A1", "2025-03-03", "04-03-2025", "1100", None])
    out = io.BytesIO()
    book.save(out)
    result = import_file("fravaer.xlsx", out.getvalue(), municipality=vejle)
    assert result.kind == "absences" and result.created == 1
    assert models.Spell.objects.get().type == "egen sygdom"


def test_employee_numbers_are_stored_only_as_keyed_hashes(vejle):
    import_file(
        "a.csv",
        csv_bytes(
            ["employee_id", "unit_id", "start", "weekly_hours"],
            [["Medarb-4711", "1", "2024-01-01", "37"]],
        ),
        municipality=vejle,
    )
    key = models.Employment.objects.get().employee
    assert "4711" not in key and len(key) == 64


def test_the_same_file_again_changes_nothing_and_a_corrected_row_replaces(vejle):
    header = ["employee_id", "unit_id", "start", "end", "weekly_hours"]
    first = csv_bytes(
        header, [["A1", "1", "2024-01-01", "", "37"], ["A2", "1", "2024-01-01", "", "30"]]
    )
    import_file("a.csv", first, municipality=vejle)
    again = import_file("a.csv", first, municipality=vejle)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    corrected = csv_bytes(header, [["A2", "2", "2024-01-01", "", "32"]])
    result = import_file("a.csv", corrected, municipality=vejle)
    assert (result.created, result.updated) == (0, 1)
    assert sorted(models.Employment.objects.values_list("unit_id", "weekly_hours")) == [
        ("1", 37.0),
        ("2", 32.0),
    ]


def test_a_bad_row_names_file_row_and_column_and_nothing_is_written(vejle):
    bad = csv_bytes(
        ["employee_id", "unit_id", "start", "weekly_hours"],
        [
            ["A1", "1", "2024-01-01", "37"],
            ["A2", "1", "2024-02-30", "37"],
            ["A3", "9", "2024-01-01", "37"],
        ],
    )
    with pytest.raises(FileError) as caught:
        import_file("jobs.csv", bad, municipality=vejle)
    assert caught.value.messages[0].startswith("jobs.csv:3:start: '2024-02-30' is not a date")
    assert models.Employment.objects.count() == 0


def test_an_unknown_unit_and_an_overlap_are_refused(vejle):
    header = ["employee_id", "unit_id", "start", "end", "weekly_hours"]
    import_file(
        "a.csv",
        csv_bytes(header, [["A1", "1", "2024-01-01", "2024-06-30", "37"]]),
        municipality=vejle,
    )
    with pytest.raises(FileError) as caught:
        import_file(
            "b.csv",
            csv_bytes(
                header, [["A1", "2", "2024-06-01", "", "37"], ["A9", "77", "2024-06-01", "", "37"]]
            ),
            municipality=vejle,
        )
    text = "\n".join(caught.value.messages)
    assert "b.csv:3:unit_id: unknown unit '77'" in text
    assert "b.csv:2:start: overlaps another employment of the same employee" in text
    assert models.Employment.objects.count() == 1


def test_a_header_of_no_known_kind_is_refused_with_the_kinds_listed(vejle):
    with pytest.raises(FileError, match="is not one of the known kinds"):
        import_file("x.csv", b"foo;bar\n1;2\n", municipality=vejle)


def test_purge_deletes_rows_that_ended_before_the_date(vejle):
    import_file(
        "a.csv",
        csv_bytes(
            ["employee_id", "first_day", "last_day", "type"],
            [
                ["A1", "2023-01-02", "2023-01-03", "1100"],
                ["A1", "2025-01-06", "2025-01-07", "1100"],
            ],
        ),
        municipality=vejle,
    )
    result = purge(vejle, dt.date(2024, 1, 1))
    assert result.spells == 1 and models.Spell.objects.count() == 1
    assert models.Event.objects.filter(kind="purged").exists()


def test_cli_import_errors_and_report_json_contract(vejle, tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"employee_id;first_day;last_day;type\nA1;2025-01-02;2024-01-01;1100\n")
    assert main(["absence", "import", str(bad), "--municipality", "Vejle Kommune"]) == 1
    assert f"{bad}:2:last_day:" in capsys.readouterr().err
    jobs = tmp_path / "jobs.csv"
    jobs.write_bytes(
        csv_bytes(
            ["employee_id", "unit_id", "start", "weekly_hours"],
            [[f"E{i}", "1" if i < 6 else "2", "2024-01-01", "37"] for i in range(8)],
        )
    )
    assert main(["absence", "import", str(jobs), "--municipality", "Vejle Kommune"]) == 0
    capsys.readouterr()
    code = main(
        [
            "absence",
            "report",
            "--committee",
            "FagMED Økonomi",
            "--period",
            "2025",
            "--municipality",
            "Vejle Kommune",
            "--json",
        ]
    )
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    contract = {
        "scope",
        "period",
        "employees",
        "fte",
        "absence_days",
        "days_per_fte",
        "absence_rate",
        "short_days",
        "long_days",
        "long_share",
        "target",
        "target_met",
        "previous",
        "trend",
        "units",
        "months",
    }
    assert contract <= set(data)
    assert data["employees"] == 8
    # Unit 2 has 2 employees: folded into unit 1's row.
    assert data["units"] == [dict(data["units"][0], unit="1", folded=["2"], employees=8)]
    assert set(data["months"][0]) >= {"month", "short_days", "long_days"}
    assert set(data["previous"]) == {"from", "to", "days_per_fte"}
