"""Mine møder: what awaits a signed-in person, and their committees' coming meetings."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from medref.meetings.models import Meeting
from medref.meetings.workflow import minutes
from tests.personas import Personas

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]
URL = reverse("web:meetings:my_meetings")


def test_the_secretary_sees_the_agenda_to_build(
    planned: Meeting, client_as: Callable[[str], Client]
) -> None:
    html = client_as("sofie").get(URL).content.decode()
    assert "byg og send dagsordenen" in html
    assert reverse("web:meetings:editor", args=[planned.pk]) in html
    assert "Kommende møder i dine udvalg" in html


def test_a_member_sees_upcoming_meetings_but_no_agenda_to_build(
    planned: Meeting, personas: Personas, client_as: Callable[[str], Client]
) -> None:
    mads = client_as("mads")
    html = mads.get(URL).content.decode()
    assert "Intet venter på dig." in html
    assert reverse("web:meeting", args=[planned.pk]) not in html  # planned: not theirs to see
    minutes.send_agenda(planned, actor=personas.sofie)
    html = mads.get(URL).content.decode()
    assert reverse("web:meeting", args=[planned.pk]) in html


def test_the_chair_sees_minutes_to_approve(
    sent: Meeting, personas: Personas, client_as: Callable[[str], Client]
) -> None:
    minutes.mark_held(sent, actor=personas.sofie, confirmed=True)
    minutes.submit_minutes(sent, actor=personas.sofie, confirmed=True)
    assert "godkend referatet" in client_as("frank").get(URL).content.decode()
    assert "godkend referatet" not in client_as("sofie").get(URL).content.decode()


def test_someone_outside_sees_nothing_and_anonymous_must_log_in(
    planned: Meeting, client_as: Callable[[str], Client]
) -> None:
    html = client_as("otto").get(URL).content.decode()
    assert "Intet venter på dig." in html and "Ingen kommende møder." in html
    assert client_as("anonymous").get(URL).status_code == 302
