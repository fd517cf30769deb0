"""Every workflow action checks the actor's role; a refusal changes nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from medref.documents.model import SectionKind
from medref.meetings.models import Meeting, MeetingEvent
from medref.meetings.workflow import agenda, minutes, sections
from tests.personas import NAMES, Personas

pytestmark = pytest.mark.django_db

# Who may do what in FagMED Økonomi (tests/personas.py): the secretary and the
# chair run meetings, the vice chair helps build the agenda, only the chair
# approves; administrators of the municipality and superusers may do all.
RUNS_MEETINGS = {"sofie", "frank", "anna", "root"}
BUILDS_AGENDA = RUNS_MEETINGS | {"nanna"}
APPROVES = {"frank", "anna", "root"}


def allowed_personas(personas: Personas, attempt: Callable[[object], object]) -> set[str]:
    """The personas for whom ``attempt(user)`` succeeds; each try is rolled back."""
    allowed = set()
    for name in NAMES:
        with transaction.atomic():
            events = MeetingEvent.objects.count()
            try:
                attempt(personas.users[name])
            except PermissionDenied:
                assert MeetingEvent.objects.count() == events  # refused before any write
            else:
                allowed.add(name)
            transaction.set_rollback(True)
    return allowed


def test_scheduling_a_meeting(personas: Personas) -> None:
    day = timezone.localdate() + dt.timedelta(days=3)

    def attempt(user: object) -> None:
        agenda.schedule_meeting(personas.committee, day, None, "", actor=user)

    assert allowed_personas(personas, attempt) == BUILDS_AGENDA
    assert not Meeting.objects.exists()


def test_an_administrator_of_another_municipality_may_not(personas: Personas) -> None:
    with pytest.raises(PermissionDenied):
        agenda.schedule_meeting(
            personas.committee, timezone.localdate(), None, "", actor=personas.ib
        )


def test_editing_the_agenda(planned: Meeting, personas: Personas) -> None:
    item = planned.items.get(position=2)
    tries = {
        "add_item": lambda u: agenda.add_item(planned, "Nyt punkt", actor=u),
        "edit_item": lambda u: agenda.edit_item(
            item, actor=u, expected_version=None, title="X", case_number="", closed=True
        ),
        "move_item": lambda u: agenda.move_item(item, 0, actor=u),
        "add_section": lambda u: sections.add_section(
            item, SectionKind.CASE, actor=u, markdown="x"
        ),
        "set_recommendation": lambda u: sections.set_recommendation(
            item, actor=u, expected_version=None, proposer="Formanden", clauses=["at x"]
        ),
    }
    for name, attempt in tries.items():
        assert allowed_personas(personas, attempt) == BUILDS_AGENDA, name


def test_sending_the_agenda(planned: Meeting, personas: Personas, tmp_path) -> None:
    with override_settings(MEDIA_ROOT=tmp_path):
        allowed = allowed_personas(personas, lambda u: minutes.send_agenda(planned, actor=u))
    assert allowed == RUNS_MEETINGS
    planned.refresh_from_db()
    assert planned.status == Meeting.Status.PLANNED


def test_attendance_decisions_and_the_minutes(
    planned: Meeting, personas: Personas, tmp_path
) -> None:
    with override_settings(MEDIA_ROOT=tmp_path):
        meeting = minutes.send_agenda(planned, actor=personas.sofie)
    members, _ = minutes.members_on(meeting)
    statuses = {m.person_id: "present" for m in members}
    item = meeting.items.first()
    assert (
        allowed_personas(personas, lambda u: minutes.record_attendance(meeting, statuses, actor=u))
        == RUNS_MEETINGS
    )
    assert (
        allowed_personas(
            personas,
            lambda u: minutes.write_decision(item, "Godkendt.", actor=u, expected_version=None),
        )
        == RUNS_MEETINGS
    )
    assert (
        allowed_personas(personas, lambda u: minutes.mark_held(meeting, actor=u, confirmed=True))
        == RUNS_MEETINGS
    )
    meeting = minutes.mark_held(meeting, actor=personas.sofie, confirmed=True)
    assert (
        allowed_personas(
            personas, lambda u: minutes.submit_minutes(meeting, actor=u, confirmed=True)
        )
        == RUNS_MEETINGS
    )
    meeting = minutes.submit_minutes(meeting, actor=personas.sofie, confirmed=True)
    assert (
        allowed_personas(personas, lambda u: minutes.approve_minutes(meeting, actor=u)) == APPROVES
    )
    meeting = minutes.approve_minutes(meeting, actor=personas.frank)
    assert (
        allowed_personas(personas, lambda u: minutes.publish_minutes(meeting, actor=u))
        == RUNS_MEETINGS
    )
