"""The reader matrix for the channels added after it: tillægsdagsorden, undated
imported meetings, emphasis in decisions, attendance written after sending.

Every persona of ``tests/personas.py`` (``marked.PERSONAS``: the committee's
members in each role, a former member, a member of HovedMED only, another
municipality's administrator, a user without a seat, a superuser, anonymous)
reads one meeting moved through every status:

- the tillægsdagsorden's page (``/moeder/<id>/tillaegsdagsorden/``, editors
  only), its file (``/moeder/<id>/tillaegsdagsorden/1/``: in full for those who
  see closed items, public for everyone else), the marks on the meeting page
  and in every download;
- a decision written with a marker word in **bold** and attendance recorded
  after the agenda was sent (a member Fraværende, one with afbud, one who came
  and so is listed among the Mødedeltagere): private until the minutes are
  published, whatever the formatting;
- undated imported meetings ("til gennemsyn", no meeting date) in every
  status: invisible exactly as a dated meeting of that status.

Each check asserts both ways (the allowed reader sees the marker, no one else
does), against ``marked.expected``, written out from the README's table.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io
import subprocess
import zipfile

import pytest
from django.urls import reverse

from medref.documents.model import Paragraph, Section, SectionKind
from medref.documents.supplement import ADDED, CHANGED
from medref.meetings import statuses
from medref.meetings.models import Attendance, Meeting
from medref.meetings.services import import_document
from medref.organisation.models import Membership, Person

from .marked import (
    ATTENDANCE,
    CLOSED_CASE,
    CLOSED_DECISION,
    DRAFT_READERS,
    EDITORS,
    KINDS,
    OPEN_CASE,
    OPEN_DECISION,
    PERSONAS,
    document,
    expected,
    marker,
)

pytestmark = pytest.mark.django_db

DOWNLOADS = ("html", "md", "txt", "docx")

# Marker words of the worked meeting (one meeting, moved through the statuses).
SENT_OPEN = "qxsendabzq"  # an open item of the agenda as sent (changed after sending)
SENT_CLOSED = "qxsendluzq"  # a closed item of the agenda as sent
ADDED_OPEN = "qxtilabzq"  # an open tillægspunkt
ADDED_CLOSED = "qxtilluzq"  # a closed tillægspunkt
BOLD_DECISION = "qxfedbezq"  # inside **bold** in the open item's decision
BOLD_CLOSED_DECISION = "qxfedblzq"  # inside **bold** in the closed tillægspunkt's decision
ABSENT_NAME = "Qxfravfrzq"  # a member marked Fraværende after sending
APOLOGY_NAME = "Qxafbudfrzq"  # a member who sent afbud, recorded after sending
PRESENT_NAME = "Qxkomfrzq"  # a member who came (Mødedeltagere once attendance is recorded)
# The kind of content each word is (marked.expected's vocabulary).
WORKED: dict[str, str] = {
    SENT_OPEN: OPEN_CASE,
    SENT_CLOSED: CLOSED_CASE,
    ADDED_OPEN: OPEN_CASE,
    ADDED_CLOSED: CLOSED_CASE,
    BOLD_DECISION: OPEN_DECISION,
    BOLD_CLOSED_DECISION: CLOSED_DECISION,
    ABSENT_NAME: ATTENDANCE,
    APOLOGY_NAME: ATTENDANCE,
    PRESENT_NAME: ATTENDANCE,
}
DECISION_WORDS = (BOLD_DECISION, BOLD_CLOSED_DECISION, ABSENT_NAME, APOLOGY_NAME, PRESENT_NAME)


def _pdf_text(content: bytes) -> str:
    result = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
    )
    return result.stdout.decode()


def _text(content: bytes, fmt: str | None) -> str:
    if content.startswith(b"%PDF"):
        return _pdf_text(content).replace("\n", " ")
    if fmt == "docx" and content.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(content)) as docx:
            return docx.read("word/document.xml").decode()
    return content.decode()


def _shows(text: str, word: str) -> bool:
    return word in text or word.lower() in text or word.capitalize() in text


def _check(text: str, name: str, status: str, words: dict[str, str], channel: str) -> None:
    for word, kind in words.items():
        shown = _shows(text, word)
        assert shown is expected(name, status, kind), (
            f"{channel}: {name} {'reads' if shown else 'misses'} {word} ({kind}) "
            f"of a {status} meeting"
        )


def _set_status(meeting: Meeting, status: str) -> None:
    Meeting.objects.filter(pk=meeting.pk).update(status=status)


@pytest.fixture
def worked(personas, tmp_path, settings) -> Meeting:
    """A meeting sent through the workflow, then amended by a tillægsdagsorden, with a
    bold decision and attendance written after sending (before the supplement went out)."""
    from medref.meetings.workflow import minutes, supplement
    from medref.meetings.workflow.agenda import add_item, schedule_meeting

    settings.MEDIA_ROOT = tmp_path
    sofie = personas.sofie
    meeting = schedule_meeting(
        personas.committee, dt.date(2026, 3, 4), dt.time(13, 0), "Mødelokale 2225", actor=sofie
    )
    sent_open = add_item(meeting, f"Sagen om {SENT_OPEN}", actor=sofie)
    add_item(meeting, f"Sagen om {SENT_CLOSED}", actor=sofie, closed=True)
    meeting = minutes.send_agenda(meeting, actor=sofie)

    sent_open.refresh_from_db()
    supplement.change_sent_item(
        sent_open,
        actor=sofie,
        expected_version=sent_open.version,
        title=f"Sagen om {SENT_OPEN}, ny udgave",
        case_number=None,
        closed=False,
        case_text="Sagen er ændret efter udsendelse.",
        proposer="",
        clauses=(),
    )
    supplement.add_supplement_item(meeting, actor=sofie, title=f"Sagen om {ADDED_OPEN}")
    added_closed = supplement.add_supplement_item(
        meeting,
        actor=sofie,
        title=f"Sagen om {ADDED_CLOSED}",
        closed=True,
        case_text=f"Vi drøfter {ADDED_CLOSED}.",
    )

    # Written after sending: a decision in bold, attendance with a marked name.
    sent_open.refresh_from_db()
    minutes.write_decision(
        sent_open,
        f"FagMED besluttede **{BOLD_DECISION}** og *kursivt*.",
        actor=sofie,
        expected_version=sent_open.version,
    )
    added_closed.refresh_from_db()
    minutes.write_decision(
        added_closed,
        f"FagMED besluttede **lukket {BOLD_CLOSED_DECISION}**.",
        actor=sofie,
        expected_version=added_closed.version,
    )
    marks = {}
    for name, status in (
        (ABSENT_NAME, "absent"),
        (APOLOGY_NAME, "afbud"),
        (PRESENT_NAME, "present"),
    ):
        person = Person.objects.create(municipality=personas.municipality, name=f"Ulla {name}")
        Membership.objects.create(
            person=person,
            committee=personas.committee,
            role=Membership.Role.MEMBER,
            start=dt.date(2025, 1, 1),
        )
        marks[person.pk] = status
    statuses_by_person = {
        m.person_id: marks.get(m.person_id, Attendance.Status.PRESENT)
        for m in minutes.members_on(meeting)[0]
    }
    minutes.record_attendance(meeting, statuses_by_person, actor=sofie)

    supplement.send_supplement(meeting, actor=sofie)
    meeting.refresh_from_db()
    return meeting


@pytest.mark.parametrize("name", PERSONAS)
def test_marks_on_the_meeting_page_and_in_downloads(client_as, worked, name):
    """The marks are shown with the items, bold decisions and late attendance stay
    private until the minutes are published, in every status, on every channel."""
    client = client_as(name)
    for status in statuses.ORDER:
        _set_status(worked, status)
        sees = expected(name, status, OPEN_CASE)
        for fmt in (None, *DOWNLOADS):
            url = (
                reverse("web:meeting", args=[worked.pk])
                if fmt is None
                else reverse("web:download", args=[worked.pk, fmt])
            )
            response = client.get(url)
            assert response.status_code == (200 if sees else 404), (fmt, status)
            text = _text(response.content, fmt)
            channel = fmt or "page"
            if sees:
                _check(text, name, status, WORKED, channel)
                if status != statuses.PLANNED and status not in statuses.MINUTES_STATUSES:
                    # A sent agenda shows its items' marks, to every reader of the meeting.
                    assert ADDED in text and CHANGED in text, (channel, status)
            else:
                assert not any(_shows(text, word) for word in WORKED), (channel, status)
            assert "**" not in text or fmt == "md", (channel, status)


@pytest.mark.parametrize("name", PERSONAS)
def test_the_supplement_page_is_for_editors(client_as, worked, name):
    client = client_as(name)
    for status in statuses.ORDER:
        _set_status(worked, status)
        response = client.get(reverse("web:meetings:supplement", args=[worked.pk]))
        if name == "anonymous":
            assert response.status_code == 302
            assert response["Location"].startswith(reverse("accounts:login"))
        elif not expected(name, status, OPEN_CASE):
            assert response.status_code == 404, status
        elif name in EDITORS:
            assert response.status_code == 200, status
            body = response.content.decode()
            for word in (SENT_OPEN, SENT_CLOSED, ADDED_OPEN, ADDED_CLOSED):
                assert word in body, (word, status)
        else:
            assert response.status_code == 403, status
        if response.status_code != 200:
            body = response.content.decode(errors="replace")
            assert not any(_shows(body, word) for word in WORKED), status


@pytest.mark.needs("poppler")
@pytest.mark.parametrize("name", PERSONAS)
def test_the_supplement_file(client_as, worked, name):
    """Nr. 1 holds the items added or changed: in full for those who see closed items,
    the public file for everyone else; never a decision or attendance written before it
    was sent (it is an agenda), and nothing of a meeting the reader may not see."""
    client = client_as(name)
    items = {SENT_OPEN: OPEN_CASE, ADDED_OPEN: OPEN_CASE, ADDED_CLOSED: CLOSED_CASE}
    for status in statuses.ORDER:
        _set_status(worked, status)
        response = client.get(reverse("web:meetings:supplement_file", args=[worked.pk, 1]))
        if not expected(name, status, OPEN_CASE):
            assert response.status_code == 404, status
            continue
        assert response.status_code == 200, status
        assert response["Cache-Control"] == "private"
        text = _text(b"".join(response.streaming_content), None)
        _check(text, name, status, items, "supplement file")
        # Not carried by the supplement at all: the unchanged closed item, decisions, attendance.
        for word in (SENT_CLOSED, *DECISION_WORDS):
            assert not _shows(text, word), (word, status)
    assert (
        client.get(reverse("web:meetings:supplement_file", args=[worked.pk, 2])).status_code == 404
    )


def _bold_decisions(doc):
    """``doc`` with each decision's marker word inside **bold**."""

    def bold(section: Section) -> Section:
        if section.kind != SectionKind.DECISION:
            return section
        blocks = tuple(
            Paragraph(text.replace("besluttede ", "besluttede **")[:-1] + "**.")
            if isinstance(block, Paragraph) and (text := block.text).endswith(".")
            else block
            for block in section.blocks
        )
        return dataclasses.replace(section, blocks=blocks)

    items = tuple(
        dataclasses.replace(item, sections=tuple(bold(s) for s in item.sections))
        for item in doc.items
    )
    return dataclasses.replace(doc, items=items)


def make_undated_meetings() -> dict[str, Meeting]:
    """``marked.document`` per status, imported without a date ("til gennemsyn"),
    decisions in bold, then set to that status."""
    meetings: dict[str, Meeting] = {}
    for status in statuses.ORDER:
        doc = _bold_decisions(dataclasses.replace(document(status), meeting_date=None))
        digest = hashlib.sha256(repr(doc).encode()).hexdigest()
        meeting = import_document(
            doc, municipality_name="Vejle Kommune", source_name="udateret", source_sha256=digest
        ).meeting
        assert meeting.meeting_date is None and meeting.needs_review
        _set_status(meeting, status)
        meeting.refresh_from_db()
        meetings[status] = meeting
    return meetings


@pytest.mark.parametrize("name", PERSONAS)
def test_undated_meetings(client_as, personas, name):
    """An undated imported meeting is seen exactly as a dated one of its status:
    page, downloads, search, the committee page and the front page."""
    meetings = make_undated_meetings()
    client = client_as(name)
    committee_page = client.get(
        reverse("web:committee", args=[personas.committee.slug])
    ).content.decode()
    for status, meeting in meetings.items():
        sees = expected(name, status, OPEN_CASE)
        words = {marker(kind, status): kind for kind in KINDS}
        for fmt in (None, *DOWNLOADS):
            url = (
                reverse("web:meeting", args=[meeting.pk])
                if fmt is None
                else reverse("web:download", args=[meeting.pk, fmt])
            )
            response = client.get(url)
            assert response.status_code == (200 if sees else 404), (fmt, status)
            text = _text(response.content, fmt)
            if sees:
                _check(text, name, status, words, fmt or "page")
            else:
                assert not any(_shows(text, word) for word in words), (fmt, status)
        link = f'href="{reverse("web:meeting", args=[meeting.pk])}"'
        assert (link in committee_page) is sees, f"committee page: {name} {status}"
        for kind in (OPEN_CASE, OPEN_DECISION, CLOSED_CASE, CLOSED_DECISION):
            html = client.get(reverse("web:search"), {"q": marker(kind, status)}).content.decode()
            found = link[:-1] in html
            assert found is expected(name, status, kind), f"search: {name} {kind} {status}"


@pytest.mark.parametrize("name", PERSONAS)
def test_search_and_history_of_the_amended_meeting(client_as, worked, name):
    """Search finds the tillægspunkter and the bold decisions exactly where the page
    shows them; the Historik page (which quotes decisions before → after) is for
    those who may see drafts."""
    client = client_as(name)
    link = f'href="{reverse("web:meeting", args=[worked.pk])}'
    searchable = {w: k for w, k in WORKED.items() if k != ATTENDANCE}
    for status in statuses.ORDER:
        _set_status(worked, status)
        for word, kind in searchable.items():
            html = client.get(reverse("web:search"), {"q": word}).content.decode()
            assert (link in html) is expected(name, status, kind), f"search: {name} {word} {status}"
        response = client.get(reverse("web:meetings:history", args=[worked.pk]))
        body = response.content.decode(errors="replace")
        if name in DRAFT_READERS and expected(name, status, OPEN_CASE):
            assert response.status_code == 200, status
            assert BOLD_DECISION in body, status
        else:
            assert response.status_code in (302, 403, 404), status
            assert not any(_shows(body, word) for word in WORKED), status


@pytest.mark.needs("poppler")
@pytest.mark.parametrize("name", ["anonymous", "sara", "mads", "hanne", "ib"])
def test_the_pdf_download_of_the_amended_meeting(client_as, worked, name):
    client = client_as(name)
    for status in (statuses.AGENDA_SENT, statuses.HELD, statuses.MINUTES_DRAFT, statuses.PUBLISHED):
        _set_status(worked, status)
        response = client.get(reverse("web:download", args=[worked.pk, "pdf"]))
        assert response.status_code == 200
        _check(_text(response.content, "pdf"), name, status, WORKED, "pdf")


@pytest.mark.needs("poppler")
@pytest.mark.parametrize("name", PERSONAS)
def test_the_agenda_as_sent_and_the_combined_agenda(client_as, worked, name):
    """Frozen at sending, before the tillægsdagsorden and what was written after: the
    items as they were sent, full or public, in every status the reader sees."""
    client = client_as(name)
    items = {SENT_OPEN: OPEN_CASE, SENT_CLOSED: CLOSED_CASE}
    later = (ADDED_OPEN, ADDED_CLOSED, *DECISION_WORDS)
    for status in statuses.ORDER:
        _set_status(worked, status)
        for route in ("web:meetings:sent_agenda", "web:meetings:combined_agenda"):
            response = client.get(reverse(route, args=[worked.pk]))
            if not expected(name, status, OPEN_CASE):
                assert response.status_code == 404, (route, status)
                continue
            assert response.status_code == 200, (route, status)
            content = (
                b"".join(response.streaming_content) if response.streaming else response.content
            )
            text = _text(content, None)
            _check(text, name, status, items, route)
            assert not any(_shows(text, word) for word in later), (route, status)
