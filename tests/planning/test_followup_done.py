"""A follow-up on an agenda is done when that meeting's minutes are published, and
open again when its item is removed before (medref.planning.hooks)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from medref.meetings.models import Meeting
from medref.meetings.workflow import minutes
from medref.meetings.workflow.agenda import add_item, remove_item, schedule_meeting
from medref.meetings.workflow.errors import IllegalTransition
from medref.planning import services
from medref.planning.models import AgendaProposal, FollowUp, PlanningEvent
from tests.personas import Personas

DECISION = "Punktet sættes på igen i januar."


def _on_januarys_agenda(personas: Personas) -> tuple[FollowUp, Meeting]:
    """November promises January; the follow-up is accepted and put on January's agenda."""
    november = schedule_meeting(
        personas.committee, dt.date(2027, 11, 18), None, "", actor=personas.sofie
    )
    item = add_item(november, "ØS' økonomi", actor=personas.sofie, case_number="81.38.05-G01-4")
    minutes.send_agenda(november, actor=personas.sofie)
    minutes.write_decision(item.pk, DECISION, actor=personas.sofie, expected_version=None)
    followup = services.decide_followup(
        november, actor=personas.sofie, item=item, text=DECISION, accept=True
    )
    january = schedule_meeting(
        personas.committee, dt.date(2028, 1, 13), None, "", actor=personas.sofie
    )
    services.accept_proposal(january, actor=personas.sofie, followup=followup)
    followup.refresh_from_db()
    assert followup.status == FollowUp.Status.ON_AGENDA
    return followup, january


def _approve(meeting: Meeting, personas: Personas) -> Meeting:
    minutes.send_agenda(meeting, actor=personas.sofie)
    minutes.mark_held(meeting, actor=personas.sofie, confirmed=True)
    minutes.submit_minutes(meeting, actor=personas.sofie, confirmed=True)
    return minutes.approve_minutes(meeting, actor=personas.frank)


def test_publishing_the_minutes_marks_the_followup_done(personas: Personas) -> None:
    followup, january = _on_januarys_agenda(personas)
    item = followup.target_item
    assert item is not None
    _approve(january, personas)
    followup.refresh_from_db()
    assert followup.status == FollowUp.Status.ON_AGENDA  # approved is not yet done
    minutes.publish_minutes(january, actor=personas.sofie)
    followup.refresh_from_db()
    assert followup.status == FollowUp.Status.DONE
    assert followup.target_item == item  # still linked to the item (and meeting) that treated it
    event = PlanningEvent.objects.filter(followup=followup).latest("pk")
    assert event.action == PlanningEvent.Action.FOLLOWUP_STATUS
    assert event.details == {
        "status": ["on_agenda", "done"],
        "automatic": "minutes_published",
        "item": item.number,
        "item_id": item.pk,
    }
    assert event.meeting == january and event.actor == personas.sofie


def test_only_the_followups_of_the_published_meeting_are_done(personas: Personas) -> None:
    followup, _january = _on_januarys_agenda(personas)
    other = schedule_meeting(
        personas.committee, dt.date(2028, 2, 10), None, "", actor=personas.sofie
    )
    add_item(other, "Noget andet", actor=personas.sofie)
    minutes.publish_minutes(_approve(other, personas), actor=personas.sofie)
    followup.refresh_from_db()
    assert followup.status == FollowUp.Status.ON_AGENDA


def test_a_refused_publication_changes_no_followup(personas: Personas) -> None:
    followup, january = _on_januarys_agenda(personas)
    with pytest.raises(IllegalTransition):  # not approved yet
        minutes.publish_minutes(january, actor=personas.sofie)
    followup.refresh_from_db()
    assert followup.status == FollowUp.Status.ON_AGENDA


def test_removing_the_item_opens_the_followup_again(personas: Personas) -> None:
    followup, january = _on_januarys_agenda(personas)
    item = followup.target_item
    assert item is not None
    remove_item(item, actor=personas.sofie)
    followup.refresh_from_db()
    assert (followup.status, followup.target_item) == (FollowUp.Status.OPEN, None)
    # the answer for January is forgotten: the follow-up is proposed there again
    assert not AgendaProposal.objects.filter(meeting=january, followup=followup).exists()
    event = PlanningEvent.objects.filter(followup=followup).latest("pk")
    assert event.details["automatic"] == "item_removed"
    assert event.details["status"] == ["on_agenda", "open"]
    # and it can go on again, and be done at publication
    services.accept_proposal(january, actor=personas.sofie, followup=followup)
    minutes.publish_minutes(_approve(january, personas), actor=personas.sofie)
    followup.refresh_from_db()
    assert followup.status == FollowUp.Status.DONE


def test_removing_another_item_leaves_the_followup(personas: Personas) -> None:
    followup, january = _on_januarys_agenda(personas)
    other = add_item(january, "Eventuelt ekstra", actor=personas.sofie)
    remove_item(other, actor=personas.sofie)
    followup.refresh_from_db()
    assert followup.status == FollowUp.Status.ON_AGENDA


def test_the_followup_list_shows_it_done_with_the_meeting(personas: Personas, client_as) -> None:
    followup, january = _on_januarys_agenda(personas)
    minutes.publish_minutes(_approve(january, personas), actor=personas.sofie)
    followup.refresh_from_db()
    assert followup.status == FollowUp.Status.DONE
    c = personas.committee
    url = reverse("web:planning:followups", args=[c.municipality.slug, c.slug])
    body = client_as("mads").get(url).content.decode()
    assert DECISION in body and "Behandlet" in body
    assert reverse("web:meeting", args=[january.pk]) in body
