"""Bilag text for search obeys the importers' limits and is read after commit.

A zip bomb .docx (built here: 122 KB that unpacks to 30 MB of paragraphs)
used to be unpacked by python-docx inside the upload request (42.5 s and
660 MB of memory on the development machine, with SQLite's write lock
held). Now the package check refuses it in milliseconds, after the commit;
the bilag stays attached as a file and is simply not searched, and the item
editor says so. (Since the upload's own content check holds packages to the
same limits, medref.meetings.filecheck, a new upload of a bomb is refused at
once; the uploads here run under a looser ratio limit, as for a bilag stored
before that check or before the limits were tightened.)
"""

from __future__ import annotations

import datetime as dt
import io
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from medref.lib.limits import DEFAULT_LIMITS, Limits
from medref.meetings.models import Attachment, Meeting
from medref.meetings.workflow.agenda import schedule_meeting
from medref.renderers import render_bytes
from medref.search import bilag
from medref.search.backends import Visibility
from medref.search.models import AttachmentText
from medref.search.selectors import search
from tests.personas import Personas, client_as, personas  # noqa: F401

pytestmark = pytest.mark.needs("hunspell-da")  # the upload re-indexes the item
DEMO = Path(__file__).resolve().parents[2] / "medref" / "demo"
MB = 1024 * 1024


def word_file(text: str) -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def zip_bomb(unpacked_mb: int = 30) -> bytes:
    """A real Word file whose body repeats one short paragraph until
    document.xml is ``unpacked_mb`` MB: valid, compressed about 340:1."""
    source = zipfile.ZipFile(io.BytesIO(word_file("Kantineordningens handleplan")))
    paragraph = b"<w:p><w:r><w:t>Kantine</w:t></w:r></w:p>"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "word/document.xml":
                at = content.index(b"<w:body>") + len(b"<w:body>")
                padding = paragraph * (unpacked_mb * MB // len(paragraph))
                content = content[:at] + padding + content[at:]
            target.writestr(info.filename, content)
    return out.getvalue()


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return zip_bomb()


def test_the_zip_bomb_is_small_and_unpacks_far(bomb: bytes) -> None:
    assert len(bomb) < 150 * 1024
    with zipfile.ZipFile(io.BytesIO(bomb)) as archive:
        unpacked = sum(info.file_size for info in archive.infolist())
    assert unpacked > 30 * MB


def test_a_zip_bomb_is_refused_in_milliseconds(bomb: bytes) -> None:
    start = time.perf_counter()
    outcome = bilag.extract("bilag.docx", bomb, DEFAULT_LIMITS)
    seconds = time.perf_counter() - start
    print(f"zip bomb ({len(bomb) / 1024:.0f} KB) refused in {seconds * 1000:.1f} ms")
    assert outcome.status == bilag.REFUSED
    assert outcome.reason == "unpacked"
    assert "word/document.xml er komprimeret" in outcome.detail
    assert "grænsen er 100:1 (en zip-bombe?)" in outcome.detail
    assert outcome.text == ""
    assert seconds < 0.5


def test_each_limit_refuses_with_its_reason() -> None:
    doc_pdf = render_bytes(_demo(), "pdf")
    small = Limits(max_bytes=1000)
    assert bilag.extract("a.pdf", doc_pdf, small).reason == "size"
    assert bilag.extract("a.pdf", doc_pdf, Limits(max_pages=2)).reason == "pages"
    assert bilag.extract("a.pdf", doc_pdf, Limits(max_seconds=-1)).reason == "time"
    unpacked = Limits(max_unzipped_bytes=10 * 1024)
    assert bilag.extract("a.docx", word_file("x"), unpacked).reason == "unpacked"
    for outcome in (
        bilag.extract("a.pdf", doc_pdf, small),
        bilag.extract("a.docx", word_file("x"), unpacked),
    ):
        assert outcome.status == bilag.REFUSED


def test_readable_bilag_give_their_text() -> None:
    outcome = bilag.extract("a.pdf", render_bytes(_demo(), "pdf"), DEFAULT_LIMITS)
    assert outcome.status == bilag.INDEXED
    assert "Sygefravær" in outcome.text or "sygefravær" in outcome.text
    outcome = bilag.extract("a.docx", word_file("Kantineordningen"), DEFAULT_LIMITS)
    assert (outcome.status, outcome.text) == (bilag.INDEXED, "Kantineordningen")
    outcome = bilag.extract("a.html", b"<p>Hej <script>x()</script>verden</p>", DEFAULT_LIMITS)
    assert outcome.text.split() == ["Hej", "verden"]


def test_damaged_and_unknown_files_give_no_text_and_say_why() -> None:
    broken = bilag.extract("a.docx", b"PK\x03\x04 broken", DEFAULT_LIMITS)
    assert (broken.status, broken.reason) == (bilag.UNREADABLE, "damaged")
    assert bilag.extract("a.txt", b"\xff\xfe", DEFAULT_LIMITS).status == bilag.UNREADABLE
    png = bilag.extract("a.png", b"\x89PNG", DEFAULT_LIMITS)
    assert (png.status, png.reason) == (bilag.UNSUPPORTED, "type")


def _demo():  # type: ignore[no-untyped-def]
    from medref.importers import parse_file

    return parse_file(DEMO / "referat-fagmed-oekonomi-2025-10-08.txt")


# --- the upload request ------------------------------------------------------------------


@pytest.fixture
def media(tmp_path: Path) -> Iterator[Path]:
    with override_settings(MEDIA_ROOT=tmp_path):
        yield tmp_path


@pytest.fixture
def planned(personas: Personas) -> Meeting:  # noqa: F811
    return schedule_meeting(
        personas.committee,
        timezone.localdate() + dt.timedelta(days=7),
        dt.time(13, 0),
        "Mødelokale 2225",
        actor=personas.sofie,
    )


def upload(client: Client, meeting: Meeting, name: str, data: bytes) -> tuple[int, float]:
    """Upload under a ratio limit loose enough to admit the bomb (the upload check
    would refuse it); the reading after the upload has the usual limits again."""
    item = meeting.items.get(position=2)
    start = time.perf_counter()
    with override_settings(MEDREF_IMPORT_MAX_COMPRESSION_RATIO=100_000):
        response = client.post(
            reverse("web:meetings:add_attachment", args=[meeting.pk, item.pk]),
            {
                "file": SimpleUploadedFile(name, data),
                "title": "Handleplan",
                "version": str(item.version),
            },
        )
    return response.status_code, time.perf_counter() - start


@pytest.mark.django_db
@pytest.mark.usefixtures("media")
def test_a_zip_bomb_admitted_at_upload_is_kept_unsearched(
    planned: Meeting,
    client_as: Callable[[str], Client],  # noqa: F811
    bomb: bytes,
    django_capture_on_commit_callbacks: Callable[..., object],
) -> None:
    with django_capture_on_commit_callbacks() as callbacks:  # type: ignore[attr-defined]
        status, seconds = upload(client_as("sofie"), planned, "handleplan.docx", bomb)
        assert status in (200, 302)
        attachment = Attachment.objects.get(item__meeting=planned)
        # Inside the request's transaction nothing was read: only scheduled.
        assert not AttachmentText.objects.exists()
    assert callbacks
    start = time.perf_counter()
    for callback in callbacks:
        callback()
    after_commit = time.perf_counter() - start
    print(f"upload request {seconds:.2f} s; reading after commit {after_commit * 1000:.0f} ms")
    record = AttachmentText.objects.get(attachment=attachment)
    assert (record.status, record.reason) == ("refused", "unpacked")
    assert record.file_name == attachment.file.name
    assert attachment.file.size == len(bomb)  # kept as a file
    assert after_commit < 2
    assert search("kantineordningens", visibility=Visibility.everything()).total == 0


@pytest.mark.django_db
@pytest.mark.usefixtures("media")
def test_a_readable_bilag_is_searchable_once_the_upload_has_committed(
    planned: Meeting,
    client_as: Callable[[str], Client],  # noqa: F811
    django_capture_on_commit_callbacks: Callable[..., object],
) -> None:
    data = word_file("Kantineordningens handleplan gælder fra marts.")
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[attr-defined]
        status, _ = upload(client_as("sofie"), planned, "handleplan.docx", data)
    assert status in (200, 302)
    record = AttachmentText.objects.get()
    assert record.status == "indexed"
    assert "Kantineordningens" in record.text
    hits = search("kantineordningens", visibility=Visibility.everything()).hits
    assert [hit.entry.kind for hit in hits] == ["attachment"]


@pytest.mark.django_db
@pytest.mark.usefixtures("media")
def test_the_item_editor_says_which_bilag_is_not_searched_and_why(
    planned: Meeting,
    client_as: Callable[[str], Client],  # noqa: F811
    bomb: bytes,
    django_capture_on_commit_callbacks: Callable[..., object],
) -> None:
    client = client_as("sofie")
    item = planned.items.get(position=2)
    page = reverse("web:meetings:item", args=[planned.pk, item.pk])
    with django_capture_on_commit_callbacks() as callbacks:  # type: ignore[attr-defined]
        upload(client, planned, "handleplan.docx", bomb)
    assert "Endnu ikke læst til søgning" in client.get(page).content.decode()
    for callback in callbacks:
        callback()
    html = client.get(page).content.decode()
    assert "Ikke søgbar: filen pakker sig ud til alt for meget, som en zip-bombe" in html
    assert "Endnu ikke læst til søgning" not in html
    upload(client, planned, "noter.docx", word_file("Noter"))  # its reading never runs here
    html = client.get(page).content.decode()
    assert html.count("Ikke søgbar:") == 1
    assert html.count("Endnu ikke læst til søgning") == 1


# --- in the background worker ----------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.usefixtures("media")
def test_with_the_worker_the_upload_only_enqueues_the_reading(
    planned: Meeting,
    client_as: Callable[[str], Client],  # noqa: F811
    bomb: bytes,
    settings: object,
    django_capture_on_commit_callbacks: Callable[..., object],
) -> None:
    """The database queue (django-tasks-db) gets one task; nothing is read
    until the worker runs it, and then the bilag is refused as without it."""
    from django_tasks_db.models import DBTaskResult

    from medref.search.tasks import read_bilag

    settings.MEDREF_BILAG_IN_WORKER = True  # type: ignore[attr-defined]
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[attr-defined]
        status, _ = upload(client_as("sofie"), planned, "handleplan.docx", bomb)
    assert status in (200, 302)
    queued = DBTaskResult.objects.filter(task_path="medref.search.tasks.read_bilag")
    assert queued.count() == 1
    assert not AttachmentText.objects.exists()
    assert read_bilag.call(planned.pk) == 1  # what the worker does with it
    record = AttachmentText.objects.get()
    assert (record.status, record.reason) == ("refused", "unpacked")


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("media")
def test_the_real_worker_reads_the_bilag_after_the_upload(
    planned: Meeting,
    client_as: Callable[[str], Client],  # noqa: F811
    bomb: bytes,
    settings: object,
) -> None:
    """Committed for real (no test transaction): the request enqueues, the
    ``db_worker`` command, as deploy/medref-worker.service runs it, reads."""
    from django.core.management import call_command

    settings.MEDREF_BILAG_IN_WORKER = True  # type: ignore[attr-defined]
    status, _ = upload(client_as("sofie"), planned, "handleplan.docx", bomb)
    assert status in (200, 302)
    assert not AttachmentText.objects.exists()
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", "--queue-name", "*")
    record = AttachmentText.objects.get()
    assert (record.status, record.reason) == ("refused", "unpacked")
    assert Attachment.objects.get().file.size == len(bomb)
