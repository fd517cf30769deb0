"""`medref import` of files with warnings: imported, listed, marked "til gennemsyn" (issue 15)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from django.test import Client

from medref.meetings.imports import import_paths
from medref.meetings.models import Meeting
from tests.personas import Personas, client_as, personas  # noqa: F401

# A readable file whose time cannot be read: imported, with one warning.
ODD_TIME = """Referat - Teknik- og Miljøudvalget den 9. juni 2022

Tidspunkt: efter frokost

1. Godkendelse af dagsorden

Beslutning

Godkendt.

2. Eventuelt

Beslutning

Intet.
"""
NO_DATE = ODD_TIME.replace(" den 9. juni 2022", "")


def run(paths: list[Path]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = import_paths(paths, municipality=None, replace=False, stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_a_file_with_warnings_is_imported_listed_and_marked_for_review(tmp_path: Path) -> None:
    path = tmp_path / "tmu.txt"
    path.write_text(ODD_TIME, encoding="utf-8")
    status, out, err = run([path])
    assert status == 0
    assert out == f"{path}: importeret (Teknik- og Miljøudvalget 09-06-2022)\n"
    lines = err.splitlines()
    assert lines[0].startswith("til gennemsyn (1 filer med advarsler")
    assert lines[1] == (
        f"  {path}:3: start_time: kan ikke læse et klokkeslæt i »efter frokost« "
        "(ledte efter fx kl. 13.00 eller 13:00-15:30)"
    )
    assert lines[-1] == "importeret 1, uændret 0, sprunget over 0, fejlet 0"
    meeting = Meeting.objects.get()
    assert meeting.needs_review
    assert meeting.start_time is None


@pytest.mark.django_db
def test_a_file_without_warnings_is_not_marked(examples_dir: Path) -> None:
    status, _, err = run([examples_dir / "referat-fagmed-oekonomi-2025-10-08.txt"])
    assert status == 0 and "gennemsyn" not in err
    assert not Meeting.objects.get().needs_review


@pytest.mark.django_db
def test_a_file_without_a_date_is_not_given_a_guessed_one(tmp_path: Path) -> None:
    """Imported undated, for review (issue 15: never refuse a readable file); it used
    to be refused. tests/meetings/test_import_undated.py has the rest."""
    path = tmp_path / "udateret.txt"
    path.write_text(NO_DATE, encoding="utf-8")
    status, out, err = run([path])
    assert status == 0
    assert out == f"{path}: importeret (Teknik- og Miljøudvalget uden dato)\n"
    assert f"  {path}:1: meeting_date: ingen mødedato fundet" in err
    meeting = Meeting.objects.get()
    assert meeting.meeting_date is None and meeting.needs_review


FAGMED_ODD_TIME = ODD_TIME.replace("Referat - Teknik- og Miljøudvalget", "Referat - FagMED Okonomi")


@pytest.mark.django_db
def test_the_secretary_corrects_a_meeting_for_review_and_the_mark_goes(
    personas: Personas,  # noqa: F811
    client_as: Callable[[str], Client],  # noqa: F811
    tmp_path: Path,
) -> None:
    path = tmp_path / "fagmed.txt"
    path.write_text(FAGMED_ODD_TIME, encoding="utf-8")
    run([path])
    meeting = Meeting.objects.get()
    wrong = meeting.committee
    assert meeting.needs_review
    client = client_as("sofie")
    # The secretary may review only in her committee: move the meeting there first.
    meeting.committee = personas.committee
    meeting.save()
    wrong.delete()
    page = client.get(f"/moeder/{meeting.pk}/").content.decode()
    assert "Til gennemsyn" in page
    assert client_as("mads").get(f"/moeder/{meeting.pk}/gennemsyn/").status_code == 403
    response = client.post(
        f"/moeder/{meeting.pk}/gennemsyn/",
        {
            "meeting_date": "2022-06-10",
            "committee_name": "FagMED Økonomi",
            "start_time": "13:00",
            "end_time": "15:00",
        },
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert not meeting.needs_review
    assert (meeting.meeting_date, meeting.start_time) == (dt.date(2022, 6, 10), dt.time(13))
    event = meeting.events.order_by("-pk").first()
    assert event is not None and event.details["reviewed"] is True
    assert "meeting_date" in event.details["changes"]
    assert "Til gennemsyn" not in client.get(f"/moeder/{meeting.pk}/").content.decode()
    assert client.get(f"/moeder/{meeting.pk}/gennemsyn/").status_code == 404
