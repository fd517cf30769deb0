"""An import finds a committee by name as the committee form does (case and spacing aside)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from medref.meetings.imports import import_paths
from medref.meetings.models import Meeting
from medref.organisation.models import Committee


def run(paths: list[Path], *, replace: bool = False) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = import_paths(paths, municipality=None, replace=replace, stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_a_file_naming_the_committee_in_other_case_meets_the_same_meeting(
    examples_dir: Path, tmp_path: Path
) -> None:
    original = examples_dir / "referat-fagmed-oekonomi-2025-10-08.txt"
    assert run([original])[0] == 0
    shouted = tmp_path / "shouted.txt"
    text = original.read_text(encoding="utf-8")
    assert "FagMED Økonomi" in text
    shouted.write_text(text.replace("FagMED Økonomi", "FAGMED  ØKONOMI"), encoding="utf-8")
    status, _, err = run([shouted])
    # The same meeting (committee and date), from another file: a conflict, not a new
    # committee "FAGMED  ØKONOMI" with a second meeting that day.
    assert status == 1
    assert "er allerede importeret fra referat-fagmed-oekonomi-2025-10-08.txt" in err
    assert list(Committee.objects.values_list("name", flat=True)) == ["FagMED Økonomi"]
    status, out, _ = run([shouted], replace=True)
    assert status == 0 and "erstattet (FagMED Økonomi 08-10-2025)" in out
    assert Meeting.objects.count() == 1
