from __future__ import annotations

import datetime as dt

import pytest
from django.test import override_settings
from django.utils import timezone

from medref.meetings.models import Meeting
from medref.meetings.workflow import minutes
from medref.meetings.workflow.agenda import add_item, schedule_meeting
from tests.personas import Personas, client_as, personas  # noqa: F401


@pytest.fixture(autouse=True)
def media(tmp_path):
    """Agendas as sent go to a folder of the test's own."""
    with override_settings(MEDIA_ROOT=tmp_path):
        yield tmp_path


def schedule(personas: Personas, days: int, place: str = "Mødelokale 2225") -> Meeting:  # noqa: F811
    return schedule_meeting(
        personas.committee,
        timezone.localdate() + dt.timedelta(days=days),
        dt.time(13, 0),
        place,
        actor=personas.sofie,
    )


@pytest.fixture
def planned(personas: Personas) -> Meeting:  # noqa: F811
    """A meeting of FagMED Økonomi a week ahead, with one closed item."""
    meeting = schedule(personas, 7)
    add_item(meeting, "Personalesag", actor=personas.sofie, closed=True)
    return meeting


@pytest.fixture
def sent(planned: Meeting, personas: Personas) -> Meeting:  # noqa: F811
    return minutes.send_agenda(planned, actor=personas.sofie)
