"""The index follows every write: imports, re-imports, deletes, editing, reindex."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from medref.cli import main
from medref.meetings.imports import import_path
from medref.meetings.models import Meeting
from medref.meetings.workflow.agenda import add_item, schedule_meeting
from medref.meetings.workflow.sections import add_section, remove_section
from medref.search.access import visibility_for
from medref.search.models import SearchEntry
from medref.search.selectors import search
from medref.search.services import reindex_all
from tests.personas import Personas

from .helpers import import_demo

pytestmark = pytest.mark.django_db
FAGMED = "referat-fagmed-oekonomi-2025-10-08.txt"


def totals(query: str) -> int:
    return search(query).total


def test_reimporting_with_replace_replaces_the_entries(examples_dir: Path, tmp_path: Path) -> None:
    """A replaced meeting's old words are gone and its new words are found."""
    source = (examples_dir / FAGMED).read_text(encoding="utf-8")
    first = tmp_path / FAGMED
    first.write_text(source, encoding="utf-8")
    import_path(first, municipality=None, replace=False)
    rows, before = SearchEntry.objects.count(), totals("sygefravær")
    assert before > 0 and totals("zebrastribe") == 0
    first.write_text(source.replace("sygefravær", "zebrastribe"), encoding="utf-8")
    import_path(first, municipality=None, replace=True)
    assert SearchEntry.objects.count() == rows
    assert totals("zebrastribe") > 0
    assert totals("sygefravær") < before


def test_deleting_a_meeting_removes_its_entries(examples_dir: Path) -> None:
    """The entries (and their FTS5 or tsvector rows) go with the meeting."""
    import_demo(examples_dir)
    meeting = Meeting.objects.get(committee__name="FagMED Økonomi")
    before = totals("sygefravær")
    meeting.delete()
    assert not SearchEntry.objects.filter(meeting_id=meeting.pk).exists()
    assert 0 < totals("sygefravær") < before


def test_editing_an_agenda_updates_the_index_in_the_same_transaction(
    personas: Personas, django_capture_on_commit_callbacks
) -> None:
    """A section added through the workflow is found at once; a removed one is gone."""
    sofie = personas.sofie
    meeting = schedule_meeting(
        personas.committee, datetime.date(2026, 3, 4), None, "Mødelokale 1", actor=sofie
    )
    item = add_item(meeting, "Klippekort", actor=sofie)
    section = add_section(item, "sagsfremstilling", actor=sofie, markdown="Trivselsmålingen vises.")
    visibility = visibility_for(sofie)
    assert search("trivselsmålingen", visibility=visibility).total == 1
    with django_capture_on_commit_callbacks(execute=True):
        remove_section(section, actor=sofie)
    assert search("trivselsmålingen", visibility=visibility).total == 0


def test_reindex_from_the_cli_rebuilds_everything(
    examples_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`medref reindex` empties and refills the index; the results are the same."""
    import_demo(examples_dir)
    before = json.dumps(
        [(h.entry.meeting_id, h.entry.heading, h.snippet) for h in search("sygefravær").hits]
    )
    SearchEntry.objects.all().delete()
    assert totals("sygefravær") == 0
    assert main(["reindex"]) == 0
    assert "søgeposter" in capsys.readouterr().out
    after = json.dumps(
        [(h.entry.meeting_id, h.entry.heading, h.snippet) for h in search("sygefravær").hits]
    )
    assert after == before


def test_reindex_reports_progress_per_meeting(examples_dir: Path) -> None:
    """The progress callback sees 0 of N first and N of N last."""
    import_demo(examples_dir)
    seen: list[tuple[int, int]] = []
    reindex_all(lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, 3) and seen[-1] == (3, 3) and len(seen) == 4


def test_reindex_draws_a_progress_bar_on_stderr(
    examples_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--progress draws the bar on stderr; stdout keeps only the count."""
    import_demo(examples_dir)
    assert main(["reindex", "--progress"]) == 0
    out, err = capsys.readouterr()
    assert "3/3" in err and "møder" in err
    assert out.strip().endswith("søgeposter") and "møder" not in out


def test_bilag_text_is_found_when_the_file_is_there(
    personas: Personas, settings: pytest.FixtureRequest, tmp_path: Path
) -> None:
    """A Word bilag's text is indexed with its title; the hit says it is in the bilag."""
    import io

    import docx
    from django.core.files.base import ContentFile

    from medref.meetings.models import Attachment
    from medref.search.extraction import extract_pending
    from medref.search.services import index_meeting

    settings.MEDIA_ROOT = str(tmp_path)  # type: ignore[attr-defined]
    document = docx.Document()
    document.add_paragraph("Handleplanen for kantineordningen gælder fra marts.")
    buffer = io.BytesIO()
    document.save(buffer)
    meeting = Meeting.objects.create(
        committee=personas.committee,
        meeting_date=datetime.date(2025, 2, 3),
        status=Meeting.Status.PUBLISHED,
    )
    item = meeting.items.create(position=1, number=1, title="Kantinen")
    attachment = Attachment(item=item, position=1, title="Handleplan")
    attachment.file.save("handleplan.docx", ContentFile(buffer.getvalue()), save=True)
    Attachment.objects.create(item=item, position=2, title="Uden fil")
    index_meeting(meeting)
    assert search("kantineordningen").total == 0  # the file is read after commit
    assert extract_pending(meeting_id=meeting.pk) == 1
    hits = search("kantineordningen").hits
    assert [h.entry.kind for h in hits] == ["attachment"]
    assert "<mark>kantineordningen</mark>" in hits[0].snippet
    assert search("handleplan").total == 1
