"""Afbud and Fraværende are two lists (issue 16): a member who sent apologies is
under "Afbud", one away without notice under "Fraværende"; on the page and in
every file each line names only its own, and neither is among Mødedeltagere."""

from __future__ import annotations

import io
import re
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from medref.meetings import mapping
from medref.meetings.models import Attendance, Meeting
from medref.meetings.workflow import minutes
from tests.personas import Personas

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]

AFBUD = "Mads Medlem"
FRAVAERENDE = "Lene Leder"


@pytest.fixture
def recorded(sent: Meeting, personas: Personas) -> Meeting:
    members, _ = minutes.members_on(sent)
    statuses = {m.person_id: Attendance.Status.PRESENT for m in members}
    statuses[personas.people["mads"].pk] = Attendance.Status.SENT_APOLOGIES
    statuses[personas.people["lene"].pk] = Attendance.Status.ABSENT
    minutes.record_attendance(sent, statuses, actor=personas.sofie)
    held = minutes.mark_held(sent, actor=personas.sofie, confirmed=True)
    return minutes.submit_minutes(held, actor=personas.sofie, confirmed=True)


def _file(client: Client, meeting: Meeting, fmt: str) -> bytes:
    response = client.get(reverse("web:download", args=[meeting.pk, fmt]))
    assert response.status_code == 200
    return response.content


def _line(text: str, label: str) -> str:
    """What follows ``label`` up to the end of its line (labels end lines in every format)."""
    match = re.search(rf"^\W*{label}\W*\s(.*)$", text, re.MULTILINE)
    assert match is not None, f"no {label} line"
    return match[1]


def test_the_document_carries_both_lists(recorded: Meeting) -> None:
    doc = mapping.to_document(recorded)
    assert set(doc.absent) == {AFBUD, FRAVAERENDE}
    assert doc.absent_without_notice == (FRAVAERENDE,)
    assert not {p.name for p in doc.participants} & {AFBUD, FRAVAERENDE}


@pytest.mark.parametrize("fmt", ["txt", "md"])
def test_text_files_write_two_lines(
    recorded: Meeting, client_as: Callable[[str], Client], fmt: str
) -> None:
    text = _file(client_as("mads"), recorded, fmt).decode()
    assert _line(text, "Afbud") == AFBUD
    assert _line(text, "Fraværende") == FRAVAERENDE
    participants = _line(text, "Mødedeltagere")
    assert AFBUD not in participants and FRAVAERENDE not in participants


def test_html_word_and_pdf_write_two_lines(
    recorded: Meeting, client_as: Callable[[str], Client]
) -> None:
    client = client_as("mads")
    html = _file(client, recorded, "html").decode()
    assert f"<dt>Afbud</dt><dd>{AFBUD}</dd>" in html
    assert f"<dt>Fraværende</dt><dd>{FRAVAERENDE}</dd>" in html
    import docx

    word = docx.Document(io.BytesIO(_file(client, recorded, "docx")))
    lines = [p.text for p in word.paragraphs]
    assert f"Afbud {AFBUD}" in lines and f"Fraværende {FRAVAERENDE}" in lines
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    pdf = pdfium.PdfDocument(_file(client, recorded, "pdf"))
    cover = " ".join(pdf[0].get_textpage().get_text_range().split())
    assert f"Afbud {AFBUD} Fraværende {FRAVAERENDE}" in cover


def test_the_meeting_page_shows_two_lines(
    recorded: Meeting, client_as: Callable[[str], Client]
) -> None:
    page = client_as("mads").get(reverse("web:meeting", args=[recorded.pk])).content.decode()
    assert f"<dt>Afbud</dt><dd>{AFBUD}</dd>" in page
    assert f"<dt>Fraværende</dt><dd>{FRAVAERENDE}</dd>" in page
    people = page[page.index('<ul class="people">') :]
    people = people[: people.index("</ul>")]
    assert AFBUD not in people and FRAVAERENDE not in people


def test_the_attendance_page_shows_what_was_recorded(
    recorded: Meeting, client_as: Callable[[str], Client], personas: Personas
) -> None:
    recorded.status = Meeting.Status.HELD
    recorded.save(update_fields=["status"])
    body = client_as("sofie").get(reverse("web:meetings:attendance", args=[recorded.pk]))
    html = body.content.decode()
    mads, lene = personas.people["mads"].pk, personas.people["lene"].pk
    assert re.search(rf'name="status_{mads}" value="afbud"[^>]*checked', html)
    assert re.search(rf'name="status_{lene}" value="absent"[^>]*checked', html)
