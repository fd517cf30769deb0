"""Irreversible and doubtful steps ask first, say who will see what, and confirm afterwards."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from medref.meetings.models import Attendance, Meeting, MeetingEvent
from medref.meetings.workflow import minutes
from medref.meetings.workflow.errors import NeedsConfirmation
from tests.personas import Personas

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]
Status = Meeting.Status


def step_url(meeting: Meeting, slug: str) -> str:
    return reverse("web:meetings:transition", args=[meeting.pk, slug])


def record_everyone_present(meeting: Meeting, personas: Personas) -> None:
    members, _ = minutes.members_on(meeting)
    minutes.record_attendance(
        meeting, {m.person_id: Attendance.Status.PRESENT for m in members}, actor=personas.sofie
    )


def test_send_dagsorden_asks_first_saying_who_will_see_what(
    planned: Meeting, client_as: Callable[[str], Client]
) -> None:
    client = client_as("sofie")
    page = client.get(step_url(planned, "send-dagsorden"))
    html = page.content.decode()
    assert page.status_code == 200
    assert '<h1 id="bekraeft-titel">Send dagsorden?</h1>' in html
    assert "også de der ikke er logget ind, kan læse de åbne punkter" in html
    assert "Dette trin kan ikke fortrydes." in html
    planned.refresh_from_db()
    assert planned.status == Status.PLANNED  # asking changed nothing
    # A POST without the confirmation field only asks again.
    assert client.post(step_url(planned, "send-dagsorden")).status_code == 200
    planned.refresh_from_db()
    assert planned.status == Status.PLANNED
    done = client.post(step_url(planned, "send-dagsorden"), {"bekraeft": "1"}, follow=True)
    planned.refresh_from_db()
    assert planned.status == Status.AGENDA_SENT
    assert "Dagsordenen er udsendt." in done.content.decode()  # the success message


def test_the_editors_workflow_button_opens_the_confirmation_page(
    planned: Meeting, client_as: Callable[[str], Client]
) -> None:
    html = client_as("sofie").get(reverse("web:meetings:editor", args=[planned.pk])).content
    assert f'<form method="get" action="{step_url(planned, "send-dagsorden")}">'.encode() in html


def test_marking_a_future_meeting_without_attendance_held_lists_the_doubts(
    sent: Meeting, personas: Personas, client_as: Callable[[str], Client]
) -> None:
    assert sent.meeting_date > timezone.localdate()
    with pytest.raises(NeedsConfirmation) as unsure:
        minutes.mark_held(sent, actor=personas.sofie)
    assert len(unsure.value.reasons) == 2
    client = client_as("sofie")
    page = client.get(step_url(sent, "afholdt")).content.decode()
    assert "om 7 dage" in page
    assert "Der er ikke registreret fremmøde." in page
    assert 'name="bekraeft_tvivl"' in page
    refused = client.post(step_url(sent, "afholdt"), {"bekraeft": "1"})
    assert refused.status_code == 200 and "om 7 dage" in refused.content.decode()
    sent.refresh_from_db()
    assert sent.status == Status.AGENDA_SENT
    client.post(step_url(sent, "afholdt"), {"bekraeft": "1", "bekraeft_tvivl": "1"})
    sent.refresh_from_db()
    assert sent.status == Status.HELD
    event = sent.events.get(action=MeetingEvent.Action.HELD)
    assert len(event.details["confirmed"]) == 2  # the history says what was confirmed


def test_a_past_meeting_with_attendance_is_marked_held_without_doubts(
    sent: Meeting, personas: Personas
) -> None:
    Meeting.objects.filter(pk=sent.pk).update(
        meeting_date=timezone.localdate() - dt.timedelta(days=1)
    )
    sent.refresh_from_db()
    record_everyone_present(sent, personas)
    assert minutes.mark_held(sent, actor=personas.sofie).status == Status.HELD


def test_submitting_minutes_with_items_without_a_decision_needs_confirmation(
    sent: Meeting, personas: Personas, client_as: Callable[[str], Client]
) -> None:
    record_everyone_present(sent, personas)
    held = minutes.mark_held(sent, actor=personas.sofie, confirmed=True)
    first = held.items.order_by("position").first()
    minutes.write_decision(first, "Godkendt.", actor=personas.sofie, expected_version=None)
    with pytest.raises(NeedsConfirmation) as unsure:
        minutes.submit_minutes(held, actor=personas.sofie)
    numbers = [str(i.number) for i in held.items.order_by("position")[1:]]
    assert unsure.value.reasons == [f"Punkter uden beslutning: {', '.join(numbers)}."]
    page = client_as("sofie").get(step_url(held, "referat-udkast")).content.decode()
    assert "Punkter uden beslutning" in page


def test_publishing_asks_first_and_offers_the_public_preview(
    sent: Meeting, personas: Personas, client_as: Callable[[str], Client]
) -> None:
    from medref.meetings.workflow import agenda  # noqa: F401 (for symmetry with the walk)

    record_everyone_present(sent, personas)
    for item in sent.items.all():
        minutes.write_decision(
            item, "Taget til efterretning.", actor=personas.sofie, expected_version=None
        )
    minutes.mark_held(sent, actor=personas.sofie, confirmed=True)
    minutes.submit_minutes(sent, actor=personas.sofie)
    minutes.approve_minutes(sent, actor=personas.frank)
    client = client_as("sofie")
    page = client.get(step_url(sent, "offentliggoer")).content.decode()
    assert "Offentliggørelsen kan ikke fortrydes." in page
    preview_url = reverse("web:meetings:public_preview", args=[sent.pk])
    assert preview_url in page
    preview = client.get(preview_url).content.decode()
    assert "Forhåndsvisning: sådan vil alle" in preview
    assert "Taget til efterretning." in preview  # the decisions, as the public will read them
    assert client_as("mads").get(preview_url).status_code == 403
    assert client_as("anonymous").get(preview_url).status_code in (302, 404)
    sent.refresh_from_db()
    assert sent.status == Status.MINUTES_APPROVED


def test_a_public_preview_withholds_closed_items_content(
    sent: Meeting, personas: Personas, client_as: Callable[[str], Client]
) -> None:
    item = sent.items.order_by("position")[2]
    item.closed = True
    item.save()
    minutes.write_decision(
        item, "Hemmelig beslutning.", actor=personas.sofie, expected_version=None
    )
    preview = client_as("sofie").get(reverse("web:meetings:public_preview", args=[sent.pk]))
    assert "Hemmelig beslutning." not in preview.content.decode()
    assert "Lukket punkt" in preview.content.decode()


def _approved(sent: Meeting, personas: Personas) -> Meeting:
    record_everyone_present(sent, personas)
    minutes.mark_held(sent, actor=personas.sofie, confirmed=True)
    minutes.submit_minutes(sent, actor=personas.sofie, confirmed=True)
    return minutes.approve_minutes(sent, actor=personas.frank)


def test_the_chair_reopens_published_minutes_with_a_reason_recorded(
    sent: Meeting, personas: Personas, client_as: Callable[[str], Client]
) -> None:
    meeting = minutes.publish_minutes(_approved(sent, personas), actor=personas.sofie)
    url = reverse("web:meetings:reopen", args=[meeting.pk])
    chair = client_as("frank")
    assert url in chair.get(reverse("web:meeting", args=[meeting.pk])).content.decode()
    refused = chair.post(url, {"begrundelse": "  "})
    assert "Skriv hvorfor referatet genåbnes." in refused.content.decode()
    done = chair.post(url, {"begrundelse": "Stavefejl i punkt 3."}, follow=True)
    assert "Referatet er et udkast igen." in done.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == Status.MINUTES_DRAFT
    event = meeting.events.get(action=MeetingEvent.Action.MINUTES_REOPENED)
    assert event.details["reason"] == "Stavefejl i punkt 3." and event.actor == personas.frank
    history = chair.get(reverse("web:meetings:history", args=[meeting.pk])).content.decode()
    assert "Frank Formand genåbnede referatet" in history
    assert "Begrundelse: Stavefejl i punkt 3." in history
    # No longer public until published anew.
    public = client_as("anonymous").get(reverse("web:meeting", args=[meeting.pk]))
    assert "UDKAST" not in public.content.decode()


def test_only_the_chair_may_reopen(
    sent: Meeting, personas: Personas, client_as: Callable[[str], Client]
) -> None:
    meeting = _approved(sent, personas)
    url = reverse("web:meetings:reopen", args=[meeting.pk])
    assert client_as("sofie").post(url, {"begrundelse": "x"}).status_code == 403
    assert client_as("mads").get(url).status_code == 403
    meeting.refresh_from_db()
    assert meeting.status == Status.MINUTES_APPROVED


def test_after_sending_time_and_place_change_is_recorded_and_the_sent_agenda_renewed(
    sent: Meeting, personas: Personas, client_as: Callable[[str], Client]
) -> None:
    url = reverse("web:meetings:time_and_place", args=[sent.pk])
    client = client_as("sofie")
    assert url in client.get(reverse("web:meetings:attendance", args=[sent.pk])).content.decode()
    old_file = sent.agenda_file.name
    new_day = sent.meeting_date + dt.timedelta(days=1)
    data = {
        "meeting_date": new_day.isoformat(),
        "start_time": "14:00",
        "end_time": "",
        "location": "Byrådssalen",
        "version": str(sent.version),
    }
    done = client.post(url, data, follow=True)
    assert "Tid og sted er ændret" in done.content.decode()
    sent.refresh_from_db()
    assert (sent.meeting_date, sent.location) == (new_day, "Byrådssalen")
    assert sent.agenda_file.name != old_file
    event = sent.events.filter(action=MeetingEvent.Action.MEETING_EDITED).last()
    assert event.details["after_sending"] is True
    assert event.details["changes"]["location"] == ["Mødelokale 2225", "Byrådssalen"]
    history = client.get(reverse("web:meetings:history", args=[sent.pk])).content.decode()
    assert "Efter dagsordenen var udsendt" in history
    assert client_as("mads").get(url).status_code == 403
