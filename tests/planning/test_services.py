"""Planning actions and selectors against the real database, with the personas."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from icalendar import Calendar

from medref.meetings.models import AgendaItem, Meeting
from medref.meetings.workflow import minutes
from medref.meetings.workflow.agenda import add_item, schedule_meeting
from medref.meetings.workflow.errors import InvalidInput
from medref.planning import selectors, services
from medref.planning.ical import calendar
from medref.planning.models import AgendaProposal, FollowUp, PlanningEvent
from medref.planning.rules.months import Month
from medref.search.backends import Visibility
from medref.search.selectors import case_history
from tests.personas import Personas

NOVEMBER = dt.date(2027, 11, 18)
JANUARY = dt.date(2028, 1, 13)


def _decided_meeting(personas: Personas, decision: str) -> tuple[Meeting, AgendaItem]:
    committee = personas.committee
    committee.case_number = "81.16.00-G01-2-27"
    committee.save()
    meeting = schedule_meeting(committee, NOVEMBER, dt.time(13), "Lokale 1", actor=personas.sofie)
    item = add_item(meeting, "ØS' økonomi", actor=personas.sofie, case_number="81.38.05-G01-4-27")
    minutes.send_agenda(meeting, actor=personas.sofie)
    minutes.write_decision(item.pk, decision, actor=personas.sofie, expected_version=None)
    meeting.refresh_from_db()
    item.refresh_from_db()
    return meeting, item


def test_a_promise_goes_from_the_minutes_to_januarys_agenda(personas: Personas) -> None:
    meeting, item = _decided_meeting(personas, "Punktet sættes på igen i januar.")
    [row] = selectors.minutes_proposals(meeting)
    assert (row.item.pk, row.proposal.due, row.stored) == (item.pk, Month(2028, 1), None)

    followup = services.decide_followup(
        meeting,
        actor=personas.sofie,
        item=item,
        text=row.proposal.text,
        accept=True,
    )
    assert followup.status == FollowUp.Status.OPEN and followup.due_code == "2028-01"
    assert selectors.minutes_proposals(meeting)[0].stored == followup

    january = schedule_meeting(personas.committee, JANUARY, dt.time(13), "", actor=personas.sofie)
    december = schedule_meeting(
        personas.committee, dt.date(2027, 12, 9), None, "", actor=personas.sofie
    )
    assert selectors.agenda_proposals(december).followups == []  # not due yet
    assert selectors.agenda_proposals(january).followups == [followup]

    new_item = services.accept_proposal(january, actor=personas.sofie, followup=followup)
    followup.refresh_from_db()
    assert followup.status == FollowUp.Status.ON_AGENDA and followup.target_item == new_item
    assert new_item.case_number == "81.38.05-G01-4-27" and new_item.title == "ØS' økonomi"
    assert "Punktet sættes på igen i januar." in new_item.sections.get().text
    assert selectors.agenda_proposals(january).followups == []  # answered, remembered

    timeline = case_history("81.38.05-G01-4-27", visibility=Visibility.everything())
    assert [e.item.meeting.meeting_date for e in timeline.entries] == [NOVEMBER, JANUARY]
    actions = list(PlanningEvent.objects.filter(followup=followup).values_list("action", flat=True))
    assert actions == ["followup_accepted", "proposal_accepted"]


def test_only_a_sentence_the_decision_says_can_be_answered(personas: Personas) -> None:
    meeting, item = _decided_meeting(personas, "Sagen drøftes på næste møde.")
    with pytest.raises(InvalidInput, match="lover ikke"):
        services.decide_followup(
            meeting, actor=personas.sofie, item=item, text="Sagen drøftes i maj.", accept=True
        )
    assert not FollowUp.objects.exists()


def test_only_those_who_write_minutes_answer_proposals(personas: Personas) -> None:
    meeting, item = _decided_meeting(personas, "Sagen drøftes på næste møde.")
    with pytest.raises(PermissionDenied):
        services.decide_followup(meeting, actor=personas.mads, item=item, text="x", accept=True)
    assert not FollowUp.objects.exists()
    assert not PlanningEvent.objects.exists()


def test_a_dismissed_proposal_is_remembered(personas: Personas) -> None:
    meeting, item = _decided_meeting(personas, "Sagen drøftes på næste møde.")
    [row] = selectors.minutes_proposals(meeting)
    services.decide_followup(
        meeting, actor=personas.sofie, item=item, text=row.proposal.text, accept=False
    )
    january = schedule_meeting(personas.committee, JANUARY, None, "", actor=personas.sofie)
    assert selectors.minutes_proposals(meeting)[0].stored.status == FollowUp.Status.DISMISSED
    assert selectors.agenda_proposals(january).followups == []


def test_archive_proposals_are_never_accepted_by_themselves(personas: Personas) -> None:
    meeting, _item = _decided_meeting(personas, "Sagen tages op igen i marts.")
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.PUBLISHED)
    [found] = services.propose_archive_followups(personas.committee, actor=personas.sofie)
    assert found.from_archive and found.status == FollowUp.Status.PROPOSED
    assert services.propose_archive_followups(personas.committee, actor=personas.sofie) == []
    later = schedule_meeting(
        personas.committee, dt.date(2028, 3, 2), None, "", actor=personas.sofie
    )
    assert selectors.agenda_proposals(later).followups == []
    services.decide_archive_followup(found, actor=personas.sofie, accept=True)
    assert selectors.agenda_proposals(later).followups == [found]


def test_themes_due_are_proposed_and_answers_remembered(personas: Personas) -> None:
    plan = services.create_plan(personas.committee, 2028, actor=personas.sofie)
    assert plan.themes.count() >= 8  # medref's standard årshjul
    for day in (dt.date(2028, 1, 13), dt.date(2028, 3, 9), dt.date(2028, 5, 4)):
        services.save_planned_meeting(plan, actor=personas.sofie, date=day, location="Rådhuset")
    created = services.create_meetings_from_plan(plan, actor=personas.sofie)
    assert [m.meeting_date for m in created] == [
        dt.date(2028, 1, 13),
        dt.date(2028, 3, 9),
        dt.date(2028, 5, 4),
    ]
    assert services.create_meetings_from_plan(plan, actor=personas.sofie) == []
    january, march, may = created
    titles = {t.title for t in selectors.agenda_proposals(january).themes}
    assert "Sygefravær" in titles and "Økonomi" not in titles
    assert "Sygefravær" not in {t.title for t in selectors.agenda_proposals(march).themes}
    assert "Økonomi" in {t.title for t in selectors.agenda_proposals(may).themes}
    sick = next(t for t in selectors.agenda_proposals(january).themes if t.title == "Sygefravær")
    services.dismiss_proposal(january, actor=personas.sofie, theme=sick)
    assert sick not in selectors.agenda_proposals(january).themes
    assert AgendaProposal.objects.get(meeting=january, theme=sick).decision == "dismissed"
    item = services.accept_proposal(
        may, actor=personas.sofie, theme=plan.themes.get(title="Økonomi")
    )
    assert item.title == "Økonomi" and item.meeting == may


def test_copy_to_next_year_keeps_themes_and_weekdays(personas: Personas) -> None:
    plan = services.create_plan(personas.committee, 2028, actor=personas.sofie)
    services.save_planned_meeting(plan, actor=personas.sofie, date=dt.date(2028, 3, 9))
    new = services.copy_plan_to_next_year(plan, actor=personas.sofie)
    assert new.year == 2029 and new.themes.count() == plan.themes.count()
    [copied] = new.planned_meetings.all()
    assert copied.date.weekday() == dt.date(2028, 3, 9).weekday() and copied.date.year == 2029
    with pytest.raises(Exception, match="allerede"):
        services.copy_plan_to_next_year(plan, actor=personas.sofie)


def test_ical_uid_stays_sequence_rises_cancelled_says_so(personas: Personas) -> None:
    plan = services.create_plan(personas.committee, 2028, actor=personas.sofie)
    pm = services.save_planned_meeting(
        plan, actor=personas.sofie, date=dt.date(2028, 3, 9), start_time=dt.time(13)
    )
    uid = pm.uid
    pm = services.save_planned_meeting(
        plan, actor=personas.sofie, date=dt.date(2028, 3, 10), start_time=dt.time(13), planned=pm
    )
    pm = services.cancel_planned_meeting(pm, actor=personas.sofie)
    [event] = Calendar.from_ical(calendar(personas.committee, [pm], "https://med.example")).walk(
        "VEVENT"
    )
    assert str(event["UID"]) == uid and int(event["SEQUENCE"]) == 2
    assert str(event["STATUS"]) == "CANCELLED"
    assert "https://med.example/udvalg/" in str(event["DESCRIPTION"])


def test_klippekort_use_and_balance(personas: Personas) -> None:
    membership = personas.committee.memberships.get(person__name="Mads Medlem")
    services.set_membership_training(
        membership,
        actor=personas.anna,
        elected=dt.date(2024, 1, 1),
        grunduddannelse=dt.date(2024, 6, 1),
        functions="arbejdsmiljø,samarbejde",
    )
    with pytest.raises(PermissionDenied):
        services.set_membership_training(
            membership, actor=personas.sofie, elected=None, grunduddannelse=None, functions=""
        )
    services.record_klippekort_use(
        personas.committee,
        [membership],
        actor=personas.sofie,
        day=dt.date(2026, 3, 1),
        kind="theme_day",
        days=Decimal(1),
    )
    [card] = selectors.klippekort_cards(
        personas.committee, dt.date(2026, 6, 1), person_id=membership.person_id
    )
    assert [(ln.function_year, ln.days, ln.used) for ln in card.lines] == [
        (1, 0, 0),
        (2, 2, 0),
        (3, 2, 1),
    ]
    assert card.lapsed == 2  # year 2's two days, unused


def test_ical_follows_the_meeting_once_created_and_its_edits_raise_the_sequence(
    personas: Personas,
) -> None:
    from medref.meetings.workflow.agenda import edit_meeting
    from medref.planning.models import PlannedMeeting

    plan = services.create_plan(personas.committee, 2028, actor=personas.sofie)
    services.save_planned_meeting(
        plan, actor=personas.sofie, date=dt.date(2028, 3, 9), start_time=dt.time(13)
    )
    [meeting] = services.create_meetings_from_plan(plan, actor=personas.sofie)
    edit_meeting(
        meeting,
        actor=personas.sofie,
        expected_version=None,
        meeting_date=dt.date(2028, 3, 16),
        start_time=dt.time(9),
        location="Rådhuset",
    )
    pm = PlannedMeeting.objects.select_related("meeting").get()
    [event] = Calendar.from_ical(calendar(personas.committee, [pm], "")).walk("VEVENT")
    assert event["DTSTART"].dt.date() == dt.date(2028, 3, 16)
    assert int(event["SEQUENCE"]) == 1 and str(event["LOCATION"]) == "Rådhuset"
    assert f"/moeder/{meeting.pk}/" in str(event["DESCRIPTION"])


def test_the_operator_proposes_from_the_whole_archive(personas: Personas) -> None:
    import io

    from django.core.management import call_command

    meeting, _item = _decided_meeting(personas, "Sagen tages op igen i marts.")
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.PUBLISHED)
    out = io.StringIO()
    call_command("propose_archive_followups", stdout=out)
    assert "1 nye forslag fra arkivet" in out.getvalue()
    call_command("propose_archive_followups", stdout=out)
    assert FollowUp.objects.get().status == FollowUp.Status.PROPOSED
    [event] = PlanningEvent.objects.filter(action="followups_proposed")  # none for no news
    assert event.actor is None and event.details == {"count": 1}
