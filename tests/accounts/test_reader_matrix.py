"""Persona × status × object × channel: no marker reaches anyone who may not see it.

Every persona of ``tests/personas.py`` (members of FagMED Økonomi in each
role, a former member, a member of HovedMED only, another municipality's
administrator, a signed-in user without a seat, a superuser, anonymous)
reads meetings in every status (``tests/accounts/marked.py``: open and
closed items, decisions, attendance and bilag, each with a marker word)
through every channel: the meeting page, every download format, search,
the case history, the meeting's history page and the CLI's search. Each
marker appears exactly where the README's table lets the persona see it.
Runs on both databases.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import zipfile
from contextlib import redirect_stdout

import pytest
from django.urls import reverse

from medref import cli
from medref.meetings import statuses

from .marked import (
    ATTENDANCE,
    CLOSED_CASE,
    CLOSED_DECISION,
    DRAFT_READERS,
    KINDS,
    OPEN_CASE,
    OPEN_DECISION,
    PERSONAS,
    case_number,
    expected,
    make_marked_meetings,
    marker,
)

pytestmark = pytest.mark.django_db

TEXT_FORMATS = ("html", "md", "txt")
SEARCHABLE = (OPEN_CASE, OPEN_DECISION, CLOSED_CASE, CLOSED_DECISION)


def _text(response, fmt: str | None) -> str:
    if fmt == "docx":
        with zipfile.ZipFile(io.BytesIO(response.content)) as docx:
            return docx.read("word/document.xml").decode()
    if fmt == "pdf":
        result = subprocess.run(
            ["pdftotext", "-layout", "-", "-"],
            input=response.content,
            capture_output=True,
            check=True,
        )
        return result.stdout.decode()
    return response.content.decode()


def _check(text: str, name: str, status: str, kinds, channel: str) -> None:
    for kind in kinds:
        word = marker(kind, status)
        shown = word in text or word.capitalize() in text
        assert shown is expected(name, status, kind), (
            f"{channel}: {name} {'reads' if shown else 'misses'} {kind} of a {status} meeting"
        )


@pytest.mark.parametrize("name", PERSONAS)
def test_the_meeting_page_and_downloads(client_as, personas, name):
    marked = make_marked_meetings()
    client = client_as(name)
    for status, meeting in marked.meetings.items():
        sees = expected(name, status, OPEN_CASE)
        for fmt in (None, *TEXT_FORMATS, "docx"):
            url = (
                reverse("web:meeting", args=[meeting.pk])
                if fmt is None
                else reverse("web:download", args=[meeting.pk, fmt])
            )
            response = client.get(url)
            assert response.status_code == (200 if sees else 404), (fmt, status)
            if sees:
                _check(_text(response, fmt), name, status, KINDS, fmt or "page")
            else:
                assert marker(OPEN_CASE, status) not in response.content.decode(errors="replace")


@pytest.mark.needs("poppler")
@pytest.mark.parametrize("name", ["anonymous", "sara", "mads", "hanne"])
def test_the_pdf_download(client_as, personas, name):
    marked = make_marked_meetings()
    client = client_as(name)
    for status in (statuses.AGENDA_SENT, statuses.HELD, statuses.MINUTES_DRAFT):
        meeting = marked.meetings[status]
        response = client.get(reverse("web:download", args=[meeting.pk, "pdf"]))
        assert response.status_code == 200
        text = _text(response, "pdf").replace("\n", " ")
        kinds = (OPEN_CASE, OPEN_DECISION, CLOSED_CASE, CLOSED_DECISION, ATTENDANCE)
        _check(text, name, status, kinds, "pdf")


@pytest.mark.parametrize("name", PERSONAS)
def test_search_and_the_case_history(client_as, personas, name):
    marked = make_marked_meetings()
    client = client_as(name)
    for status, meeting in marked.meetings.items():
        link = f'href="{reverse("web:meeting", args=[meeting.pk])}'
        for kind in SEARCHABLE:
            html = client.get(reverse("web:search"), {"q": marker(kind, status)}).content.decode()
            found = link in html
            assert found is expected(name, status, kind), f"search: {name} {kind} {status}"
        history = client.get(reverse("web:case_history"), {"q": case_number(status)})
        _check(
            history.content.decode(),
            name,
            status,
            (OPEN_CASE, CLOSED_CASE, OPEN_DECISION, CLOSED_DECISION),
            "case history",
        )


@pytest.mark.parametrize("name", PERSONAS)
def test_the_history_page(client_as, personas, name):
    """The Historik page is for those who may see drafts; others get 404 or 403
    (anonymous readers: the login page)."""
    marked = make_marked_meetings()
    client = client_as(name)
    for status, meeting in marked.meetings.items():
        response = client.get(reverse("web:meetings:history", args=[meeting.pk]))
        if name == "anonymous":
            assert response.status_code == 302  # to the login page
            assert response["Location"].startswith(reverse("accounts:login"))
        elif not expected(name, status, OPEN_CASE):
            assert response.status_code == 404
        elif name in DRAFT_READERS:
            assert response.status_code == 200
        else:
            assert response.status_code == 403
        if response.status_code != 200:
            body = response.content.decode(errors="replace")
            assert all(marker(kind, status) not in body for kind in KINDS)


def test_the_cli_search_finds_what_the_public_finds(personas):
    """``medref search`` without --closed is an anonymous reader; with it, the operator."""
    marked = make_marked_meetings()
    for status, meeting in marked.meetings.items():
        for kind in SEARCHABLE:
            for closed in (False, True):
                out = io.StringIO()
                argv = ["search", marker(kind, status), "--json", *(["--closed"] if closed else [])]
                with redirect_stdout(out):
                    assert cli.main(argv) == 0
                ids = {r["meeting_id"] for r in json.loads(out.getvalue())["results"]}
                should = True if closed else expected("anonymous", status, kind)
                assert (meeting.pk in ids) is should, (kind, status, closed)


@pytest.fixture
def sent_meeting(personas, tmp_path, settings):
    """A meeting sent through the workflow: its agenda files are rendered at sending."""
    from medref.meetings.workflow import minutes
    from medref.meetings.workflow.agenda import add_item, schedule_meeting

    settings.MEDIA_ROOT = tmp_path
    meeting = schedule_meeting(
        personas.committee,
        dt.date(2026, 3, 4),
        dt.time(13, 0),
        "Mødelokale 2225",
        actor=personas.sofie,
    )
    add_item(meeting, f"Sagen om {marker(OPEN_CASE, statuses.AGENDA_SENT)}", actor=personas.sofie)
    add_item(
        meeting,
        f"Sagen om {marker(CLOSED_CASE, statuses.AGENDA_SENT)}",
        actor=personas.sofie,
        closed=True,
    )
    return minutes.send_agenda(meeting, actor=personas.sofie)


@pytest.mark.needs("poppler")
@pytest.mark.parametrize("name", PERSONAS)
def test_the_agenda_as_sent(client_as, sent_meeting, name):
    """Members get the full agenda file, everyone else the one without closed items."""
    response = client_as(name).get(reverse("web:meetings:sent_agenda", args=[sent_meeting.pk]))
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    if content.startswith(b"%PDF"):
        text = subprocess.run(
            ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
        ).stdout.decode()
    else:  # HTML when the PDF renderer failed at sending
        text = content.decode()
    _check(text, name, statuses.AGENDA_SENT, (OPEN_CASE, CLOSED_CASE), "sent agenda")
