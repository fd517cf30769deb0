"""The editor pages: forms, Danish errors next to fields, CSRF, htmx partials, access."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from medref.documents.model import SectionKind
from medref.meetings.models import Meeting, MeetingEvent
from medref.meetings.workflow import minutes
from tests.personas import Personas

from .files import pdf_bytes

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]

HTMX = {"HTTP_HX_REQUEST": "true"}


def url(name: str, *args: object) -> str:
    return reverse(f"web:meetings:{name}", args=args)


def text(response) -> str:
    return response.content.decode()


def test_a_secretary_creates_a_meeting(
    client_as: Callable[[str], Client], personas: Personas
) -> None:
    client = client_as("sofie")
    page = client.get(url("new", personas.committee.pk))
    assert page.status_code == 200
    assert '<label for="id_meeting_date">Mødedato</label>' in text(page)
    response = client.post(
        url("new", personas.committee.pk),
        {"meeting_date": "2026-12-10", "start_time": "13:00", "location": "Mødelokale 2225"},
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("editor", meeting.pk)
    editor = client.get(response["Location"])
    assert "Godkendelse af dagsorden" in text(editor)
    referat = meeting.items.get(position=1).sections.get()
    assert referat.text == "Referat fra seneste møde godkendes."
    assert "Send dagsorden" in text(editor)
    assert "htmx-2.0.11.min.js" in text(editor)


def test_a_bad_date_is_explained_next_to_the_field(
    client_as: Callable[[str], Client], personas: Personas
) -> None:
    response = client_as("sofie").post(url("new", personas.committee.pk), {"meeting_date": "32-13"})
    assert response.status_code == 200
    assert re.search(r'id="id_meeting_date_error">Indtast en gyldig dato', text(response))
    assert not Meeting.objects.exists()


def test_a_second_meeting_that_day_is_refused_next_to_the_date(
    client_as: Callable[[str], Client], personas: Personas, planned: Meeting
) -> None:
    response = client_as("sofie").post(
        url("new", personas.committee.pk), {"meeting_date": planned.meeting_date.isoformat()}
    )
    assert 'id="id_meeting_date_error">FagMED Økonomi har allerede et møde' in text(response)


def test_members_without_the_right_get_403_and_anonymous_the_login(
    client_as: Callable[[str], Client], personas: Personas, planned: Meeting
) -> None:
    assert client_as("mads").get(url("new", personas.committee.pk)).status_code == 403
    assert client_as("mads").get(url("editor", planned.pk)).status_code == 404  # planned: unseen
    anonymous = client_as("anonymous").get(url("editor", planned.pk))
    assert anonymous.status_code == 302
    assert "/konto/" in anonymous["Location"]


def test_adding_an_item_with_htmx_returns_the_agenda_part(
    client_as: Callable[[str], Client], planned: Meeting
) -> None:
    response = client_as("sofie").post(
        url("add_item", planned.pk), {"title": "Budget 2026"}, **HTMX
    )
    assert response.status_code == 200
    body = text(response)
    assert body.lstrip().startswith('<section id="dagsorden"')
    assert "<html" not in body
    assert "Budget 2026" in body


def test_a_blank_item_title_is_refused_in_danish(
    client_as: Callable[[str], Client], planned: Meeting
) -> None:
    response = client_as("sofie").post(url("add_item", planned.pk), {"title": " "})
    assert 'id="nyt_punkt_title_error">Dette felt er påkrævet.' in text(response)
    assert planned.items.count() == 4


def test_moving_without_javascript_redirects_back(
    client_as: Callable[[str], Client], planned: Meeting
) -> None:
    last = planned.items.get(position=3)
    response = client_as("sofie").post(url("move_item", planned.pk, last.pk), {"retning": "op"})
    assert response.status_code == 302
    assert response["Location"].endswith("#punkter")
    last.refresh_from_db()
    assert last.position == 2


def test_posts_need_the_csrf_token(personas: Personas, planned: Meeting) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.sofie)
    response = client.post(url("add_item", planned.pk), {"title": "Uden token"})
    assert response.status_code == 403
    assert planned.items.count() == 4


def test_editing_an_item_after_someone_else_shows_the_conflict(
    client_as: Callable[[str], Client], planned: Meeting
) -> None:
    item = planned.items.get(position=2)
    form = {"title": "Ny titel", "case_number": "", "version": "0"}
    assert client_as("sofie").post(url("item", planned.pk, item.pk), form).status_code == 302
    response = client_as("frank").post(
        url("item", planned.pk, item.pk), {**form, "title": "Anden"}, **HTMX
    )
    body = text(response)
    assert "Sofie Sekretær har gemt punkt 3, efter du åbnede det" in body
    # Only the item's fields come back (with the refusal); the other forms keep what is typed.
    assert '<section id="punkt-felter"' in body and 'id="afsnit"' not in body
    item.refresh_from_db()
    assert item.title == "Ny titel"


def test_a_section_is_edited_in_place(client_as: Callable[[str], Client], planned: Meeting) -> None:
    client = client_as("sofie")
    item = planned.items.get(position=0)
    section = item.sections.get()
    form = client.get(url("section", planned.pk, item.pk, section.pk), **HTMX)
    assert text(form).lstrip().startswith(f'<article id="afsnit-{section.pk}"')
    assert "Godkendelse af dagsorden." in text(form)
    # The preview swaps only itself, not the editor its form targets.
    assert re.search(r'id="forhaandsvisning-\d+" hx-post="[^"]+"[^>]* hx-target="this"', text(form))
    saved = client.post(
        url("section", planned.pk, item.pk, section.pk),
        {
            f"afsnit-{section.pk}-heading": "Sagsfremstilling",
            f"afsnit-{section.pk}-text": "- a\n- b",
            f"afsnit-{section.pk}-version": "0",
        },
        **HTMX,
    )
    assert "<li>a</li>" in text(saved)
    section.refresh_from_db()
    assert section.text == "- a\n- b"


def test_the_preview_renders_markdown(client_as: Callable[[str], Client], planned: Meeting) -> None:
    response = client_as("sofie").post(
        url("preview", planned.pk), {"text": "#### Emne\n\nEt [link](https://vejle.dk)."}, **HTMX
    )
    assert '<h4 class="subheading">Emne</h4>' in text(response)
    assert '<a href="https://vejle.dk">link</a>' in text(response)


def test_a_recommendation_and_an_upload_through_the_forms(
    client_as: Callable[[str], Client], planned: Meeting
) -> None:
    client = client_as("sofie")
    item = planned.items.get(position=2)
    client.post(
        url("recommendation", planned.pk, item.pk),
        {
            "proposer": "Stabschefen",
            "clauses": "orienteringen tages til efterretning",
            "version": "0",
        },
    )
    item.refresh_from_db()
    assert item.recommendation_clauses == ["at orienteringen tages til efterretning"]
    bad = client.post(
        url("add_attachment", planned.pk, item.pk),
        {"file": SimpleUploadedFile("x.exe", b"MZ"), "version": str(item.version)},
    )
    assert 'id="bilag_file_error">Filer af typen “exe” kan ikke vedhæftes' in text(bad)
    good = client.post(
        url("add_attachment", planned.pk, item.pk),
        {
            "file": SimpleUploadedFile("Budget.pdf", pdf_bytes()),
            "title": "",
            "version": str(item.version),
        },
    )
    assert good.status_code == 302
    assert item.attachments.get().title == "Budget"


def test_the_workflow_buttons_move_the_meeting_along(
    client_as: Callable[[str], Client], planned: Meeting, personas: Personas
) -> None:
    sofie = client_as("sofie")
    sent = sofie.post(url("transition", planned.pk, "send-dagsorden"), {"bekraeft": "1"})
    assert sent.status_code == 302
    assert sent["Location"] == url("attendance", planned.pk)
    planned.refresh_from_db()
    assert planned.status == Meeting.Status.AGENDA_SENT
    again = sofie.post(url("transition", planned.pk, "send-dagsorden"), {"bekraeft": "1"})
    assert again.status_code == 409
    assert "Dagsordenen er allerede udsendt" in text(again)
    assert client_as("mads").post(url("transition", planned.pk, "afholdt")).status_code == 403
    assert client_as("anonymous").get(url("sent_agenda", planned.pk)).status_code == 200


def test_attendance_form_records_and_computes_fravaerende(
    client_as: Callable[[str], Client], planned: Meeting, personas: Personas
) -> None:
    meeting = minutes.send_agenda(planned, actor=personas.sofie)
    client = client_as("sofie")
    page = client.get(url("attendance", meeting.pk))
    body = text(page)
    assert "Mads Medlem" in body and "Sara Suppleant" in body
    members, _ = minutes.members_on(meeting)
    data = {f"status_{m.person_id}": "present" for m in members}
    data[f"status_{personas.people['mads'].pk}"] = "afbud"
    item = meeting.items.get(position=2)
    data[f"substitutes_{item.pk}"] = [str(personas.people["sara"].pk)]
    response = client.post(url("attendance", meeting.pk), data)
    assert response.status_code == 302
    page = client.get(url("minutes", meeting.pk))
    assert "<strong>Fraværende:</strong> Mads Medlem" in text(page)


def test_missing_attendance_choice_is_shown_in_danish(
    client_as: Callable[[str], Client], planned: Meeting, personas: Personas
) -> None:
    meeting = minutes.send_agenda(planned, actor=personas.sofie)
    response = client_as("sofie").post(url("attendance", meeting.pk), {})
    assert "Vælg til stede, afbud eller fraværende." in text(response)


def test_a_decision_with_a_standard_phrasing_by_htmx(
    client_as: Callable[[str], Client], planned: Meeting, personas: Personas
) -> None:
    meeting = minutes.send_agenda(planned, actor=personas.sofie)
    item = meeting.items.get(position=0)
    page = client_as("sofie").get(url("minutes", meeting.pk))
    assert "FagMED tog orienteringen til efterretning" in text(page)
    response = client_as("sofie").post(
        url("decision", meeting.pk, item.pk),
        {
            f"punkt-{item.number}-phrase": "godkendte dagsordenen",
            f"punkt-{item.number}-text": "",
            f"punkt-{item.number}-version": "0",
        },
        **HTMX,
    )
    assert text(response).lstrip().startswith(f'<section id="beslutning-{item.pk}"')
    assert "Beslutning gemt." in text(response)
    assert item.sections.get(kind=SectionKind.DECISION).text == "FagMED godkendte dagsordenen."


def test_the_history_page_lists_who_did_what(
    client_as: Callable[[str], Client], planned: Meeting
) -> None:
    client = client_as("sofie")
    client.post(url("add_item", planned.pk), {"title": "Budget 2026"})
    page = client.get(url("history", planned.pk))
    body = text(page)
    assert "Sofie Sekretær oprettede mødet" in body
    assert "Sofie Sekretær tilføjede punkt" in body
    assert MeetingEvent.objects.filter(meeting=planned).count() == 2
    assert client_as("mads").get(url("history", planned.pk)).status_code == 404


def test_the_meeting_page_snippet_shows_what_the_user_may_do(
    planned: Meeting, personas: Personas, rf
) -> None:
    """{% meeting_editor_links meeting access %} for web/meeting.html."""
    from django.template import Context, Template

    from medref.accounts.permissions import meeting_access

    template = Template("{% load meetings_editor %}{% meeting_editor_links meeting access %}")
    meeting = minutes.send_agenda(planned, actor=personas.sofie)

    def render(user: object) -> str:
        request = rf.get("/")
        request.user = user
        context = Context({"request": request, "csrf_token": "t"})
        context.update({"meeting": meeting, "access": meeting_access(user, meeting)})
        return template.render(context)

    secretary = render(personas.sofie)
    assert "Skriv referat" in secretary and "Marker som afholdt" in secretary
    assert "Dagsordenen som udsendt" in secretary
    reader = render(personas.anonymous)
    assert "Dagsordenen som udsendt" in reader
    assert "Skriv referat" not in reader and "<button" not in reader
