"""import_paths: what `medref import FILE…` prints and returns."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from medref.meetings.imports import import_paths
from medref.meetings.models import Meeting

FAGMED = "referat-fagmed-oekonomi-2025-10-08.txt"


def run(paths: list[Path], **kwargs: object) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    options = {"municipality": None, "replace": False} | kwargs
    status = import_paths(paths, stdout=out, stderr=err, **options)
    return status, out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_it_prints_one_line_per_file(examples_dir: Path) -> None:
    """A new file is "importeret", the same file again "uændret"; exit status 0."""
    path = examples_dir / FAGMED
    summary = "importeret {}, uændret {}, sprunget over 0, fejlet 0\n"
    assert run([path]) == (
        0,
        f"{path}: importeret (FagMED Økonomi 08-10-2025)\n",
        summary.format(1, 0),
    )
    assert run([path]) == (
        0,
        f"{path}: uændret (FagMED Økonomi 08-10-2025)\n",
        summary.format(0, 1),
    )
    meeting = Meeting.objects.get()
    assert meeting.committee.municipality.name == "Vejle Kommune"
    assert meeting.source_name == FAGMED


@pytest.mark.django_db
def test_a_changed_file_is_a_conflict_unless_replaced(examples_dir: Path, tmp_path: Path) -> None:
    """The conflict goes to stderr with a hint and exit status 1; --replace then replaces."""
    path = examples_dir / FAGMED
    run([path])
    changed = tmp_path / FAGMED
    changed.write_bytes(path.read_bytes().replace(b"2225", b"2226"))
    status, out, err = run([changed])
    assert (status, out) == (1, "")
    assert "allerede importeret" in err and "--replace" in err
    status, out, err = run([changed], replace=True)
    assert (status, err) == (0, "importeret 0, erstattet 1, uændret 0, sprunget over 0, fejlet 0\n")
    assert "erstattet" in out
    assert Meeting.objects.get().location == "Mødelokale 2226"


@pytest.mark.django_db
def test_a_bad_file_is_reported_and_the_others_are_imported(
    examples_dir: Path, tmp_path: Path
) -> None:
    """Errors are "FILE:…: reason" on stderr; good files still go in; exit status 1."""
    bad = tmp_path / "tom.txt"
    bad.write_text("intet referat her\n", encoding="utf-8")
    missing = tmp_path / "findes-ikke.txt"
    status, out, err = run([bad, examples_dir / FAGMED, missing], municipality="Vejle Kommune")
    assert status == 1
    assert out.count("importeret") == 1
    lines = err.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith(f"{bad}:")
    assert lines[1].startswith(f"{missing}:")
    assert lines[2] == "importeret 1, uændret 0, sprunget over 0, fejlet 2"
    assert Meeting.objects.count() == 1
