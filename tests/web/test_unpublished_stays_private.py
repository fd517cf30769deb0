"""What is written after the agenda is sent stays with those who may see drafts.

Issue 14's leak: while a meeting was "Dagsorden udsendt" or "Afholdt", its
decisions, attendance (til stede, afbud, fraværende) and each item's
Fraværende and substitutes reached everyone who could read the meeting at
all — anonymous readers, other committees' members, other municipalities'
administrators, and a suppleant — on the meeting page and in every download.
Until the minutes are published, only those who may see drafts read them.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from medref.meetings.models import Attendance, Meeting
from medref.meetings.workflow import minutes
from medref.meetings.workflow.agenda import add_item, schedule_meeting
from medref.renderers.formats import REGISTRY
from tests.personas import Personas

from .documents import make_document, make_item, store

S = Meeting.Status
DRAFT_READERS = ("sofie", "frank", "nanna", "mads", "lene", "alma", "tage", "anna", "root")
NOT_DRAFT_READERS = ("sara", "anonymous", "otto", "finn", "hanne", "ib")
BEFORE_MINUTES = (S.AGENDA_SENT, S.HELD)
DECISION_MARKER = "Zanzibarbeslutning"
TEXT_FORMATS = ("html", "md", "txt")


def _meeting_in(status: str) -> Meeting:
    """Stored minutes (decisions, til stede, afbud, per-item Fraværende) set back to ``status``."""
    open_item = make_item(21)
    closed_item = make_item(22, closed=True)
    meeting = store(make_document((open_item, closed_item)))
    Meeting.objects.filter(pk=meeting.pk).update(status=status)
    meeting.refresh_from_db()
    return meeting


def _read(client, meeting: Meeting, fmt: str | None) -> str:
    if fmt is None:
        url = reverse("web:meeting", args=[meeting.pk])
    else:
        url = reverse("web:download", args=[meeting.pk, fmt])
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


# Names only the attendance and the per-item lines carry (tests/web/documents.py).
ATTENDANCE_NAMES = ("Morten Michaelsen", "Kristinna Andersen", "Cathrin Borregaard", "Bjerrisgaard")


@pytest.mark.parametrize("status", BEFORE_MINUTES)
@pytest.mark.parametrize("name", NOT_DRAFT_READERS)
@pytest.mark.parametrize("fmt", (None, *TEXT_FORMATS))
def test_no_decision_or_attendance_reaches_those_who_may_not_see_drafts(
    client_as, name, status, fmt
):
    text = _read(client_as(name), _meeting_in(status), fmt)
    assert "godkendte punktet" not in text
    for marker in ATTENDANCE_NAMES:
        assert marker not in text, (marker, name, status, fmt)


@pytest.mark.parametrize("status", BEFORE_MINUTES)
@pytest.mark.parametrize("name", ("sofie", "mads", "anna"))
def test_those_who_may_see_drafts_read_them_before_the_minutes_exist(client_as, name, status):
    text = _read(client_as(name), _meeting_in(status), None)
    assert "godkendte punktet" in text
    assert "Morten Michaelsen" in text  # afbud


@pytest.mark.parametrize("status", BEFORE_MINUTES)
@pytest.mark.parametrize("fmt", ("pdf", "docx"))
def test_binary_downloads_hold_no_decision_for_the_public(client_as, status, fmt):
    """PDF and Word: the same document goes in, so the same words stay out."""
    from medref.accounts.permissions import meeting_access
    from medref.accounts.visibility import visible_document
    from medref.meetings import mapping

    meeting = _meeting_in(status)
    response = client_as("anonymous").get(reverse("web:download", args=[meeting.pk, fmt]))
    assert response.status_code == 200
    assert fmt in REGISTRY
    doc = visible_document(mapping.to_document(meeting), meeting_access(None, meeting))
    rendered = repr(doc)
    assert "godkendte punktet" not in rendered
    assert all(marker not in rendered for marker in ATTENDANCE_NAMES)


@pytest.fixture
def media(tmp_path):
    with override_settings(MEDIA_ROOT=tmp_path):
        yield tmp_path


@pytest.mark.usefixtures("media")
@pytest.mark.parametrize("name", NOT_DRAFT_READERS)
def test_the_reported_path_leaks_nothing(personas: Personas, client_as, name):
    """Send an agenda, record attendance, write a decision, open the meeting as ``name``."""
    committee = personas.committee
    meeting = schedule_meeting(
        committee,
        timezone.localdate() + dt.timedelta(days=7),
        dt.time(13, 0),
        "Mødelokale 2225",
        actor=personas.sofie,
    )
    closed = add_item(meeting, "Personalesag", actor=personas.sofie, closed=True)
    meeting = minutes.send_agenda(meeting, actor=personas.sofie)
    members, _substitutes = minutes.members_on(meeting)
    statuses = {m.person_id: Attendance.Status.PRESENT for m in members}
    statuses[personas.people["mads"].pk] = Attendance.Status.SENT_APOLOGIES
    minutes.record_attendance(
        meeting,
        statuses,
        actor=personas.sofie,
        item_substitutes={closed.pk: [personas.people["sara"].pk]},
    )
    for item in meeting.items.all():
        minutes.write_decision(
            item,
            f"FagMED {DECISION_MARKER} {item.number}.",
            actor=personas.sofie,
            expected_version=None,
        )
    client = client_as(name)
    for status in BEFORE_MINUTES:
        Meeting.objects.filter(pk=meeting.pk).update(status=status)
        for fmt in (None, *TEXT_FORMATS):
            text = _read(client, meeting, fmt)
            assert DECISION_MARKER not in text, (status, fmt)
            for label in ("Afbud", "Fraværende", "Suppleanter"):
                assert label not in text, (label, status, fmt)
            if name != "sara":  # her own name is in her user menu
                assert "Sara Suppleant" not in text, (status, fmt)
    # Once published, the public reads the open items' decisions.
    Meeting.objects.filter(pk=meeting.pk).update(status=S.PUBLISHED)
    assert DECISION_MARKER in _read(client, meeting, None)
