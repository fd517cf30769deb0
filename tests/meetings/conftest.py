from __future__ import annotations

import datetime as dt

import pytest
from django.test import override_settings
from django.utils import timezone

from medref.meetings.models import Meeting
from medref.meetings.workflow import minutes
from medref.meetings.workflow.agenda import schedule_meeting
from medref.organisation.models import Committee
from medref.organisation.services import ensure_committee, ensure_municipality
from tests.personas import Personas, client_as, personas  # noqa: F401

from .documents import COMMITTEE, MUNICIPALITY


@pytest.fixture
def committee(db: None) -> Committee:
    """FagMED Økonomi in Vejle Kommune, the committee of tests/meetings/documents.py."""
    return ensure_committee(ensure_municipality(MUNICIPALITY), COMMITTEE)


@pytest.fixture
def planned(personas: Personas) -> Meeting:  # noqa: F811
    """A meeting of FagMED Økonomi a week ahead, scheduled by the secretary."""
    committee = personas.committee
    committee.case_number = "81.16.00-G01-2-25"
    committee.save()
    return schedule_meeting(
        committee,
        timezone.localdate() + dt.timedelta(days=7),
        dt.time(13, 0),
        "Mødelokale 2225",
        actor=personas.sofie,
    )


@pytest.fixture
def media(tmp_path):
    """Stored files (bilag, agendas as sent) go to a folder of the test's own."""
    with override_settings(MEDIA_ROOT=tmp_path):
        yield tmp_path


@pytest.fixture
def sent(planned: Meeting, personas: Personas) -> Meeting:  # noqa: F811
    """The planned meeting with its agenda sent by the secretary."""
    return minutes.send_agenda(planned, actor=personas.sofie)
