"""The editor pages cost a fixed number of queries, however many items a meeting has."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from medref.documents.model import SectionKind
from medref.meetings import selectors
from medref.meetings.models import Meeting
from medref.meetings.workflow import agenda, minutes, sections
from tests.personas import Personas

pytestmark = pytest.mark.django_db


def grow(meeting: Meeting, personas: Personas, items: int) -> None:
    """Items up to ``items``, each with a section, and a recommendation on the first."""
    for n in range(meeting.items.count(), items):
        item = agenda.add_item(meeting, f"Punkt nummer {n}", actor=personas.sofie)
        sections.add_section(item, SectionKind.CASE, actor=personas.sofie, markdown=f"Tekst {n}.")


@pytest.fixture
def big(planned: Meeting, personas: Personas) -> Meeting:
    grow(planned, personas, 40)
    return planned


def test_selectors_have_fixed_costs(big: Meeting, django_assert_num_queries) -> None:
    item = big.items.get(position=10)
    with django_assert_num_queries(6):
        meeting = selectors.meeting_detail(big.pk)
        assert len([s for i in meeting.items.all() for s in i.sections.all()]) == 39
    with django_assert_num_queries(3):
        found = selectors.item_for_editing(big.pk, item.pk)
        list(found.sections.all()), list(found.attachments.all())
    with django_assert_num_queries(2):
        history = selectors.meeting_history(big.pk)
        assert len(history.event_list) > 70
        assert all(e.actor.username == "sofie" for e in history.event_list)


def count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def pages(meeting: Meeting) -> dict[str, str]:
    item = meeting.items.order_by("position")[1]
    return {
        "editor": reverse("web:meetings:editor", args=[meeting.pk]),
        "item": reverse("web:meetings:item", args=[meeting.pk, item.pk]),
        "history": reverse("web:meetings:history", args=[meeting.pk]),
    }


def minutes_pages(meeting: Meeting) -> dict[str, str]:
    return {
        "attendance": reverse("web:meetings:attendance", args=[meeting.pk]),
        "minutes": reverse("web:meetings:minutes", args=[meeting.pk]),
    }


def test_editor_pages_cost_the_same_for_4_and_40_items(
    planned: Meeting, personas: Personas, client_as: Callable[[str], Client], tmp_path
) -> None:
    client = client_as("sofie")
    small = {name: count(client, url) for name, url in pages(planned).items()}
    grow(planned, personas, 40)
    large = {name: count(client, url) for name, url in pages(planned).items()}
    assert small == large
    assert large["editor"] <= 10, large

    with override_settings(MEDIA_ROOT=tmp_path):
        minutes.send_agenda(planned, actor=personas.sofie)
    members, _ = minutes.members_on(planned)
    minutes.record_attendance(
        planned, {m.person_id: "present" for m in members}, actor=personas.sofie
    )
    costs = {name: count(client, url) for name, url in minutes_pages(planned).items()}
    # The tillægsdagsorden step asks whether an item waits to be sent (one query).
    assert costs["minutes"] <= 12, costs
    assert costs["attendance"] <= 14, costs


def test_minutes_pages_cost_the_same_for_4_and_40_items(
    planned: Meeting, personas: Personas, client_as: Callable[[str], Client], tmp_path
) -> None:
    client = client_as("sofie")
    other = agenda.schedule_meeting(
        personas.committee,
        planned.meeting_date - dt.timedelta(days=1),
        None,
        "",
        actor=personas.sofie,
    )
    grow(other, personas, 40)
    costs = []
    with override_settings(MEDIA_ROOT=tmp_path):
        for meeting in (planned, other):
            minutes.send_agenda(meeting, actor=personas.sofie)
            members, _ = minutes.members_on(meeting)
            minutes.record_attendance(
                meeting, {m.person_id: "afbud" for m in members}, actor=personas.sofie
            )
            costs.append({name: count(client, url) for name, url in minutes_pages(meeting).items()})
    assert costs[0] == costs[1]
