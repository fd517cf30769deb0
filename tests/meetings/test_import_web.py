"""Importér fil (/moeder/importer/<committee id>/): the web's import of one file.

The same action as `medref import` (services.import_document), with the
signed-in user as its actor: an undated file is imported for review, never
with a guessed date, and the history names who imported it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from medref.meetings import statuses
from medref.meetings.history_text import describe
from medref.meetings.models import Meeting, MeetingEvent
from medref.organisation.models import Committee
from tests.personas import Personas, client_as, personas  # noqa: F401

from .test_import_undated import UNDATED_MINUTES


def url(committee: Committee) -> str:
    return f"/moeder/importer/{committee.pk}/"


def upload(client: Client, committee: Committee, name: str, text: str) -> Any:
    file = SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/plain")
    return client.post(url(committee), {"file": file})


@pytest.mark.django_db
def test_the_secretary_imports_an_undated_file_for_review(
    personas: Personas,  # noqa: F811
    client_as: Callable[[str], Client],  # noqa: F811
) -> None:
    client = client_as("sofie")
    assert client.get(url(personas.committee)).status_code == 200
    response = upload(client, personas.committee, "udateret.txt", UNDATED_MINUTES)
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/moeder/{meeting.pk}/"
    assert meeting.meeting_date is None and meeting.needs_review
    assert meeting.status == statuses.MINUTES_APPROVED
    event = meeting.events.get()
    assert (event.action, event.actor_id) == (MeetingEvent.Action.IMPORTED, personas.sofie.pk)
    assert describe(event).sentence == "Importeret fra udateret.txt af Sofie Sekretær"
    page = client.get(response["Location"]).content.decode()
    assert "er importeret med advarsler og er til gennemsyn" in page
    # Each warning names its field in Danish and its line, never the contract's key.
    assert "Mødedato, linje 1: ingen mødedato fundet" in page and "meeting_date" not in page
    assert "Til gennemsyn" in page and "Dato ikke angivet" in page
    # The same file again changes nothing.
    again = upload(client, personas.committee, "udateret.txt", UNDATED_MINUTES)
    assert again.status_code == 302 and Meeting.objects.count() == 1


@pytest.mark.django_db
def test_a_file_without_a_committee_goes_to_the_page_s_committee(
    personas: Personas,  # noqa: F811
    client_as: Callable[[str], Client],  # noqa: F811
) -> None:
    text = UNDATED_MINUTES.replace("Referat - FagMED Økonomi", "Referat")
    upload(client_as("sofie"), personas.committee, "uden-udvalg.txt", text)
    assert Meeting.objects.get().committee == personas.committee


@pytest.mark.django_db
def test_a_file_of_another_committee_is_refused_with_the_reason(
    personas: Personas,  # noqa: F811
    client_as: Callable[[str], Client],  # noqa: F811
) -> None:
    text = UNDATED_MINUTES.replace("FagMED Økonomi", "LokalMED Borgerservice")
    response = upload(client_as("sofie"), personas.committee, "lokal.txt", text)
    assert response.status_code == 200
    assert "Filen er fra LokalMED Borgerservice, ikke FagMED Økonomi" in response.content.decode()
    assert not Meeting.objects.exists()


@pytest.mark.django_db
def test_an_unreadable_file_is_refused_and_says_what_was_looked_for(
    personas: Personas,  # noqa: F811
    client_as: Callable[[str], Client],  # noqa: F811
) -> None:
    response = upload(client_as("sofie"), personas.committee, "noter.txt", "Bare en note.\n")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Filen kunne ikke læses: noter.txt" in page
    assert "intet punkt, der kan genkendes" in page
    assert not Meeting.objects.exists()


@pytest.mark.django_db
def test_only_those_who_may_publish_import(
    personas: Personas,  # noqa: F811
    client_as: Callable[[str], Client],  # noqa: F811
) -> None:
    assert client_as("mads").get(url(personas.committee)).status_code == 403
    assert client_as("anonymous").get(url(personas.committee)).status_code == 302  # log ind
    # The vice chair builds agendas (sees the page) but may not publish minutes.
    response = upload(client_as("nanna"), personas.committee, "referat.txt", UNDATED_MINUTES)
    assert response.status_code == 200 and not Meeting.objects.exists()
    assert (
        "Det har du ikke ret til i FagMED Økonomi: Offentliggøre referat"
        in response.content.decode()
    )


@pytest.mark.django_db
def test_the_committee_page_links_to_the_import(
    personas: Personas,  # noqa: F811
    client_as: Callable[[str], Client],  # noqa: F811
) -> None:
    committee = personas.committee
    page = client_as("sofie").get(f"/udvalg/{committee.municipality.slug}/{committee.slug}/")
    assert url(committee) in page.content.decode()
    page = client_as("mads").get(f"/udvalg/{committee.municipality.slug}/{committee.slug}/")
    assert url(committee) not in page.content.decode()
