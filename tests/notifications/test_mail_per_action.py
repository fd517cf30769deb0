"""Each action that mails queues its mail itself (no signal on the history).

Every step and approval that sent a mail when a post_save signal on
``MeetingEvent`` did it sends the same mail now that the actions call
``notifications.dispatch`` explicitly; the steps that sent none send none.
"""

from __future__ import annotations

import datetime as dt

import pytest

from medref.meetings.models import Meeting
from medref.meetings.workflow import agenda, minutes
from medref.participation import approval
from tests.personas import Personas

from .conftest import run_worker

pytestmark = pytest.mark.django_db(transaction=True)

PRESENT = ("frank", "nanna", "mads")


def _subjects(smtp) -> set[str]:
    """The subjects' first part ("Referat godkendt") of what the worker sent, then clear."""
    run_worker()
    found = {str(m["Subject"]).split(":")[0] for m in smtp.messages}
    smtp.messages.clear()
    return found


def _draft(personas: Personas, sent: Meeting) -> Meeting:
    statuses = {
        personas.people[k].pk: ("present" if k in PRESENT else "afbud")
        for k in ("sofie", "frank", "nanna", "mads", "lene", "alma", "tage")
    }
    minutes.record_attendance(sent, statuses, actor=personas.sofie)
    minutes.mark_held(sent, actor=personas.sofie, confirmed=True)
    return minutes.submit_minutes(sent, actor=personas.sofie, confirmed=True)


def test_each_step_sends_its_mail(personas: Personas, sent: Meeting, emails, smtp) -> None:
    assert _subjects(smtp) == {"Dagsorden"}
    statuses = {
        personas.people[k].pk: ("present" if k in PRESENT else "afbud")
        for k in ("sofie", "frank", "nanna", "mads", "lene", "alma", "tage")
    }
    minutes.record_attendance(sent, statuses, actor=personas.sofie)
    minutes.mark_held(sent, actor=personas.sofie, confirmed=True)
    assert _subjects(smtp) == set()
    minutes.submit_minutes(sent, actor=personas.sofie, confirmed=True)
    assert _subjects(smtp) == {"Referat til godkendelse"}
    minutes.approve_minutes(sent, actor=personas.frank)
    assert _subjects(smtp) == {"Referat godkendt"}
    minutes.publish_minutes(sent, actor=personas.sofie)
    assert _subjects(smtp) == {"Referat offentliggjort"}


def test_approval_by_the_attendees_mails(personas: Personas, sent: Meeting, emails, smtp) -> None:
    approval.set_rule(personas.committee, "all", actor=personas.anna)
    draft = _draft(personas, sent)
    _subjects(smtp)
    for key in PRESENT[:-1]:
        approval.approve(draft, actor=personas.users[key])
    assert _subjects(smtp) == set()
    approval.approve(draft, actor=personas.users[PRESENT[-1]])
    assert _subjects(smtp) == {"Referat godkendt"}


def test_approval_through_the_next_meetings_decision_mails(
    personas: Personas, sent: Meeting, emails, smtp
) -> None:
    first = _draft(personas, sent)
    following = agenda.schedule_meeting(
        personas.committee,
        first.meeting_date + dt.timedelta(days=28),
        None,
        "",
        actor=personas.sofie,
    )
    minutes.send_agenda(following, actor=personas.sofie)
    _subjects(smtp)
    item = following.items.get(title="Godkendelse af referat")
    minutes.write_decision(
        item, "FagMED godkendte referatet.", actor=personas.frank, expected_version=None
    )
    first.refresh_from_db()
    assert first.status == Meeting.Status.MINUTES_APPROVED
    assert _subjects(smtp) == {"Referat godkendt"}


def test_a_rolled_back_step_sends_nothing(personas: Personas, sent: Meeting, emails, smtp) -> None:
    from django.db import transaction

    _subjects(smtp)
    draft = _draft(personas, sent)
    _subjects(smtp)
    with pytest.raises(RuntimeError), transaction.atomic():
        minutes.approve_minutes(draft, actor=personas.frank)
        raise RuntimeError("rolled back")
    assert _subjects(smtp) == set()
