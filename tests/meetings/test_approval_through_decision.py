"""Approving the previous minutes through the next meeting's decision (issue 14's bypass).

"Godkendelse af referat" on the next meeting's agenda approves the previous
meeting's draft minutes only when its decision plainly says so and the one
writing it may approve minutes (the chair, an administrator); the referent
writing the same words, or anyone writing a negation, a question or a
postponement, approves nothing.
"""

from __future__ import annotations

import datetime as dt

import pytest

from medref.meetings.models import Meeting, MeetingEvent
from medref.meetings.workflow import agenda, minutes
from tests.personas import Personas

from .test_workflow_minutes import walk_to

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]

Status = Meeting.Status


def _draft_and_next(sent: Meeting, personas: Personas) -> tuple[Meeting, Meeting]:
    first = walk_to(sent, personas, Status.MINUTES_DRAFT)
    following = agenda.schedule_meeting(
        personas.committee,
        first.meeting_date + dt.timedelta(days=28),
        None,
        "",
        actor=personas.sofie,
    )
    return first, minutes.send_agenda(following, actor=personas.sofie)


def _decide(following: Meeting, text: str, by) -> None:
    item = following.items.get(title="Godkendelse af referat")
    minutes.write_decision(item, text, actor=by, expected_version=None)


@pytest.mark.parametrize("name", ["frank", "anna", "root"])
def test_those_who_may_approve_approve_through_the_decision(
    sent: Meeting, personas: Personas, name: str
) -> None:
    first, following = _draft_and_next(sent, personas)
    _decide(following, "FagMED godkendte referatet.", personas.users[name])
    first.refresh_from_db()
    assert first.status == Status.MINUTES_APPROVED
    event = first.events.get(action=MeetingEvent.Action.MINUTES_APPROVED)
    assert event.actor == personas.users[name]
    assert event.details["approved_by"] == personas.users[name].get_full_name()


def test_the_referent_writing_the_decision_approves_nothing(
    sent: Meeting, personas: Personas
) -> None:
    """The referent writes decisions but may not approve minutes: the chair does."""
    first, following = _draft_and_next(sent, personas)
    _decide(following, "FagMED godkendte referatet.", personas.sofie)
    first.refresh_from_db()
    assert first.status == Status.MINUTES_DRAFT
    assert not first.events.filter(action=MeetingEvent.Action.MINUTES_APPROVED).exists()
    # The decision itself is written all the same.
    item = following.items.get(title="Godkendelse af referat")
    assert "godkendte referatet" in item.sections.get(kind="beslutning").text


@pytest.mark.parametrize(
    "text",
    [
        "FagMED godkendte referatet ikke, da punkt 3 mangler.",
        "Godkendte FagMED referatet?",
        "Godkendelse af referatet udsættes til næste møde.",
        "FagMED godkendte referatet, når punkt 3 er rettet.",
    ],
)
def test_a_negation_question_or_postponement_never_approves(
    sent: Meeting, personas: Personas, text: str
) -> None:
    first, following = _draft_and_next(sent, personas)
    _decide(following, text, personas.frank)
    first.refresh_from_db()
    assert first.status == Status.MINUTES_DRAFT
