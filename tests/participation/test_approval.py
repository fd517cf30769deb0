"""Approval of the minutes by the attendees, by the committee's rule."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from medref.meetings.models import MeetingEvent
from medref.meetings.workflow import minutes
from medref.meetings.workflow.errors import IllegalTransition, InvalidInput
from medref.participation import approval
from medref.participation.models import ApprovalRule, AttendeeApproval
from tests.personas import Personas

pytestmark = pytest.mark.django_db

PRESENT = ("frank", "nanna", "mads")


@pytest.fixture
def draft(personas: Personas, sent):
    """Draft minutes of a meeting where Frank, Nanna and Mads were present."""
    statuses = {
        person.pk: ("present" if key in PRESENT else "afbud")
        for key, person in personas.people.items()
        if key in ("sofie", "frank", "nanna", "mads", "lene", "alma", "tage")
    }
    minutes.record_attendance(sent, statuses, actor=personas.sofie)
    minutes.mark_held(sent, actor=personas.sofie, confirmed=True)
    minutes.submit_minutes(sent, actor=personas.sofie, confirmed=True)
    sent.refresh_from_db()
    return sent


def _rule(personas: Personas, rule: str) -> None:
    approval.set_rule(personas.committee, rule, actor=personas.anna)


def test_with_all_attendees_the_last_approval_approves(personas: Personas, draft) -> None:
    _rule(personas, "all")
    approval.approve(draft, actor=personas.mads)
    approval.approve(draft, actor=personas.nanna)
    draft.refresh_from_db()
    assert draft.status == "minutes_draft"
    approval.approve(draft, actor=personas.frank)
    draft.refresh_from_db()
    assert draft.status == "minutes_approved"
    event = draft.events.get(action=MeetingEvent.Action.MINUTES_APPROVED)
    assert event.actor == personas.frank
    assert event.details["rule"] == "all"
    assert [a["name"] for a in event.details["approvals"]] == [
        "Mads Medlem",
        "Nanna Næstformand",
        "Frank Formand",
    ]
    assert all("T" in a["at"] for a in event.details["approvals"])
    assert draft.events.filter(action=MeetingEvent.Action.ATTENDEE_APPROVED).count() == 3


def test_a_majority_is_two_of_three(personas: Personas, draft) -> None:
    _rule(personas, "majority")
    assert approval.needed("majority", 3) == 2 and approval.needed("majority", 4) == 3
    approval.approve(draft, actor=personas.mads)
    draft.refresh_from_db()
    assert draft.status == "minutes_draft"
    approval.approve(draft, actor=personas.nanna)
    draft.refresh_from_db()
    assert draft.status == "minutes_approved"


@pytest.mark.parametrize("who", ["lene", "sara", "otto", "anna", "hanne"])
def test_only_attendees_approve(personas: Personas, draft, who) -> None:
    _rule(personas, "all")
    with pytest.raises(PermissionDenied):
        approval.approve(draft, actor=personas.users[who])
    assert not AttendeeApproval.objects.exists()


def test_the_chair_rule_keeps_the_chairs_button(personas: Personas, draft) -> None:
    with pytest.raises(IllegalTransition):
        approval.approve(draft, actor=personas.mads)
    _rule(personas, "all")
    approval.approve(draft, actor=personas.mads)
    with pytest.raises(InvalidInput):
        approval.approve(draft, actor=personas.mads)


@pytest.mark.parametrize("rule", ["all", "majority"])
def test_the_chairs_button_is_refused_when_the_attendees_approve(
    personas: Personas, draft, rule
) -> None:
    _rule(personas, rule)
    with pytest.raises(IllegalTransition):
        minutes.approve_minutes(draft, actor=personas.frank)
    draft.refresh_from_db()
    assert draft.status == "minutes_draft"
    _rule(personas, "chair")
    minutes.approve_minutes(draft, actor=personas.frank)
    draft.refresh_from_db()
    assert draft.status == "minutes_approved"


def test_a_change_of_the_draft_resets_the_approvals(personas: Personas, draft) -> None:
    _rule(personas, "all")
    approval.approve(draft, actor=personas.mads)
    item = draft.items.exclude(closed=True).first()
    minutes.write_decision(
        item,
        "Udvalget tog orienteringen til efterretning.",
        actor=personas.sofie,
        expected_version=None,
    )
    assert not AttendeeApproval.objects.exists()
    reset = draft.events.get(action=MeetingEvent.Action.APPROVALS_RESET)
    assert reset.details["names"] == ["Mads Medlem"] and reset.actor == personas.sofie
    approval.approve(draft, actor=personas.mads)  # may approve the new draft
    assert AttendeeApproval.objects.count() == 1


def test_attendance_recorded_again_resets_the_approvals(personas: Personas, draft) -> None:
    """The write actions reset the approvals themselves (no signal): attendance too."""
    _rule(personas, "all")
    approval.approve(draft, actor=personas.mads)
    statuses = {
        person.pk: ("present" if key in PRESENT else "afbud")
        for key, person in personas.people.items()
        if key in ("sofie", "frank", "nanna", "mads", "lene", "alma", "tage")
    }
    minutes.record_attendance(draft, statuses, actor=personas.sofie)
    assert not AttendeeApproval.objects.exists()
    reset = draft.events.get(action=MeetingEvent.Action.APPROVALS_RESET)
    assert reset.details["reason"] == str(MeetingEvent.Action.ATTENDANCE_RECORDED.label)
    assert reset.actor == personas.sofie and reset.details["names"] == ["Mads Medlem"]


def test_only_the_administrator_sets_the_rule(personas: Personas) -> None:
    for who in ("sofie", "frank", "mads"):
        with pytest.raises(PermissionDenied):
            approval.set_rule(personas.committee, "all", actor=personas.users[who])
    _rule(personas, "majority")
    assert ApprovalRule.objects.get().rule == "majority"
    with pytest.raises(InvalidInput):
        _rule(personas, "whoever")


def test_the_approval_page(personas: Personas, client_as, draft) -> None:
    url = reverse("web:participation:approval", args=[draft.pk])
    admin = client_as("anna")
    admin.post(url, {"action": "rule", "rule": "all"})
    assert approval.rule_of(personas.committee) == "all"
    mads = client_as("mads")
    page = mads.get(url).content.decode()
    assert "Godkend</button>" in page and "0 af 3 nødvendige" in page
    mads.post(url, {"action": "approve"})
    page = client_as("sofie").get(url).content.decode()
    assert "1 af 3 nødvendige" in page and "Send påmindelse" in page
    assert "Godkend</button>" not in page  # the secretary did not attend
    for who in ("anonymous", "otto", "sara"):
        response = client_as(who).get(url)
        assert response.status_code in (302, 404)
