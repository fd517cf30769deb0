"""``medref prune-files``: files an outer rollback left behind go, files a row names stay."""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from medref.cli import main
from medref.meetings.files import named_files, orphaned_files, prune_files
from medref.meetings.models import Meeting
from medref.meetings.workflow import minutes, sections
from tests.personas import Personas

pytestmark = pytest.mark.django_db


# A one-page PDF pdfium can read (the index reads every bilag's text).
MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


class Rollback(Exception):
    pass


def stored(root: Path) -> set[str]:
    return {path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file()}


def age(root: Path, name: str, days: float) -> None:
    """Make ``name`` look as if it was written ``days`` ago."""
    then = time.time() - days * 86400
    os.utime(root / name, (then, then))


def upload(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, MINIMAL_PDF)


def rolled_back_upload(meeting: Meeting, personas: Personas, name: str) -> None:
    """An attachment added inside a transaction a caller then rolls back."""
    item = meeting.items.get(position=0)
    with pytest.raises(Rollback), transaction.atomic():
        sections.add_attachment(item, upload(name), actor=personas.sofie)
        raise Rollback


def test_only_files_no_row_names_are_pruned(
    planned: Meeting, personas: Personas, media: Path
) -> None:
    item = planned.items.get(position=0)
    kept = sections.add_attachment(item, upload("budget.pdf"), actor=personas.sofie)
    removed = sections.add_attachment(item, upload("udgaaet.pdf"), actor=personas.sofie)
    sections.remove_attachment(removed, actor=personas.sofie)  # its history still names the file
    rolled_back_upload(planned, personas, "fortrudt.pdf")
    sent = minutes.send_agenda(planned, actor=personas.sofie)

    files = stored(media)
    orphans = [name for name in files if name not in named_files()]
    # The rolled-back upload's file (stored under a random name, as every bilag).
    assert len(orphans) == 1 and orphans[0] not in {kept.file.name, removed.file.name}
    for name in files:
        age(media, name, days=2)

    assert prune_files(older_than=dt.timedelta(0)) == orphans
    assert stored(media) == files - set(orphans)
    assert {kept.file.name, removed.file.name, sent.agenda_file.name} <= stored(media)


def test_recent_orphans_are_kept_and_a_dry_run_deletes_nothing(
    planned: Meeting, personas: Personas, media: Path
) -> None:
    rolled_back_upload(planned, personas, "netop.pdf")
    (orphan,) = stored(media)
    assert orphaned_files() == []  # written just now: its transaction may still be open
    age(media, orphan, days=2)
    assert prune_files(dry_run=True) == [orphan]
    assert stored(media) == {orphan}
    assert prune_files() == [orphan]
    assert stored(media) == set()


def test_the_command_lists_what_it_deletes(
    planned: Meeting, personas: Personas, media: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rolled_back_upload(planned, personas, "cli.pdf")
    (orphan,) = stored(media)
    assert main(["prune-files", "--dry-run", "--older-than", "0"]) == 0
    out, err = capsys.readouterr()
    assert out.split() == [orphan] and "1 filer uden ejer ville blive slettet" in err
    assert stored(media) == {orphan}
    assert main(["prune-files", "--older-than", "0"]) == 0
    assert stored(media) == set()
    assert main(["prune-files", "--older-than", "-1"]) == 2
