"""Vedhæft årshjul som bilag: the year's PDF on the "Mødeplan og årshjul" item."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from medref.meetings.models import AgendaItem, MeetingEvent
from medref.meetings.workflow import minutes
from medref.meetings.workflow.agenda import add_item, schedule_meeting
from medref.meetings.workflow.errors import IllegalTransition
from medref.planning import services, yearpdf
from medref.planning.models import AnnualPlan, PlanningEvent
from tests.personas import Personas

ClientAs = Callable[[str], Client]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def _plan_and_item(personas: Personas) -> tuple[AnnualPlan, AgendaItem]:
    plan = services.create_plan(personas.committee, 2028, actor=personas.sofie)
    services.save_planned_meeting(plan, actor=personas.sofie, date=dt.date(2028, 3, 2))
    meeting = schedule_meeting(
        personas.committee, dt.date(2027, 11, 11), None, "", actor=personas.sofie
    )
    item = add_item(meeting, "Mødeplan og årshjul for 2028", actor=personas.sofie)
    return plan, item


def test_the_pdf_is_attached_and_replaces_the_earlier_one(personas: Personas, media) -> None:
    plan, item = _plan_and_item(personas)
    other = add_item(item.meeting, "Budget", actor=personas.sofie)
    first = yearpdf.attach_year_pdf(plan, item, actor=personas.sofie)
    assert first.title == "Mødeplan og årshjul 2028"
    with first.file.open("rb") as stored:
        assert stored.read(5) == b"%PDF-"
    second = yearpdf.attach_year_pdf(plan, item, actor=personas.sofie)
    assert list(item.attachments.values_list("pk", "title")) == [
        (second.pk, "Mødeplan og årshjul 2028")
    ]
    assert not other.attachments.exists()
    events = PlanningEvent.objects.filter(action=PlanningEvent.Action.YEAR_PDF_ATTACHED)
    assert [e.details["replaced"] for e in events] == [[], ["Mødeplan og årshjul 2028"]]
    assert events[1].meeting == item.meeting and events[1].actor == personas.sofie
    # the meeting's own history shows the bilag added, removed and added again
    actions = list(item.meeting.events.values_list("action", flat=True))
    assert actions.count(MeetingEvent.Action.ATTACHMENT_ADDED) == 2
    assert actions.count(MeetingEvent.Action.ATTACHMENT_REMOVED) == 1


def test_other_bilag_of_the_item_stay(personas: Personas, media) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from medref.meetings.workflow.sections import add_attachment

    plan, item = _plan_and_item(personas)
    note = SimpleUploadedFile("noter.txt", "Noter til mødeplanen".encode(), "text/plain")
    add_attachment(item, note, actor=personas.sofie, title="Noter")
    yearpdf.attach_year_pdf(plan, item, actor=personas.sofie)
    yearpdf.attach_year_pdf(plan, item, actor=personas.sofie)
    assert sorted(item.attachments.values_list("title", flat=True)) == [
        "Mødeplan og årshjul 2028",
        "Noter",
    ]


def test_a_sent_agenda_is_refused_and_nothing_changes(personas: Personas, media) -> None:
    plan, item = _plan_and_item(personas)
    yearpdf.attach_year_pdf(plan, item, actor=personas.sofie)
    minutes.send_agenda(item.meeting, actor=personas.sofie)
    with pytest.raises(IllegalTransition):
        yearpdf.attach_year_pdf(plan, item, actor=personas.sofie)
    assert item.attachments.count() == 1  # the earlier one was not removed either
    assert PlanningEvent.objects.filter(action="year_pdf_attached").count() == 1


@pytest.mark.parametrize("who", ["mads", "sara", "otto", "ib"])
def test_only_agenda_builders_attach(personas: Personas, media, who: str) -> None:
    plan, item = _plan_and_item(personas)
    with pytest.raises(PermissionDenied):
        yearpdf.attach_year_pdf(plan, item, actor=personas.users[who])
    assert not item.attachments.exists()


def test_the_aarshjul_page_offers_the_items_and_attaches(
    personas: Personas, client_as: ClientAs, media
) -> None:
    _plan, item = _plan_and_item(personas)
    c = personas.committee
    page = reverse("web:planning:year", args=[c.municipality.slug, c.slug]) + "?aar=2028"
    body = client_as("sofie").get(page).content.decode()
    assert "Vedhæft årshjul som bilag" in body and f'value="{item.pk}"' in body
    assert "Vedhæft årshjul som bilag" not in client_as("mads").get(page).content.decode()
    url = reverse("web:planning:attach_pdf", args=[c.municipality.slug, c.slug, 2028])
    assert client_as("mads").post(url, {"item": item.pk}).status_code == 403
    done = client_as("sofie").post(url, {"item": item.pk}, follow=True).content.decode()
    assert "Mødeplan og årshjul 2028 er vedhæftet som bilag til punkt" in done
    assert item.attachments.count() == 1
    missing = client_as("sofie").post(url, {"item": ""}, follow=True).content.decode()
    assert "Vælg det punkt, årshjulet skal vedhæftes." in missing
