"""Members' own afbud: before the meeting, in the history, prefilled for the secretary."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from medref.meetings.models import MeetingEvent
from medref.meetings.workflow.errors import IllegalTransition
from medref.participation import services
from medref.participation.models import MemberAfbud
from tests.personas import Personas

pytestmark = pytest.mark.django_db


def test_a_member_reports_afbud_from_the_meeting_page(personas: Personas, client_as, sent) -> None:
    client = client_as("mads")
    page = client.get(reverse("web:meeting", args=[sent.pk])).content.decode()
    assert "Jeg kommer ikke" in page
    response = client.post(
        reverse("web:participation:afbud", args=[sent.pk]),
        {"substitute_wanted": "1", "reason": "Kursus"},
    )
    assert response.status_code == 302
    afbud = MemberAfbud.objects.get(meeting=sent)
    assert afbud.person == personas.people["mads"]
    assert afbud.substitute_wanted and afbud.reason == "Kursus"
    event = MeetingEvent.objects.filter(
        meeting=sent, action=MeetingEvent.Action.AFBUD_REPORTED
    ).get()
    assert event.actor == personas.mads
    assert event.details["person"] == "Mads Medlem"
    assert event.details["substitute_wanted"] is True
    page = client.get(reverse("web:meeting", args=[sent.pk])).content.decode()
    assert "Du har meldt afbud og bedt om at få en suppleant indkaldt" in page
    assert "Jeg kommer alligevel" in page
    client.post(reverse("web:participation:afbud", args=[sent.pk]), {"withdraw": "1"})
    assert not MemberAfbud.objects.exists()
    assert (
        MeetingEvent.objects.filter(meeting=sent, action=MeetingEvent.Action.AFBUD_REPORTED)
        .last()
        .details["afbud"]
        is False
    )


@pytest.mark.parametrize("who", ["otto", "hanne", "finn", "anna", "ib"])
def test_only_the_committees_people_give_afbud(personas: Personas, client_as, sent, who) -> None:
    with pytest.raises(PermissionDenied):
        services.report_afbud(sent, actor=personas.users[who])
    client_as(who).post(reverse("web:participation:afbud", args=[sent.pk]))
    assert not MemberAfbud.objects.exists()


def test_anonymous_is_sent_to_log_in(personas: Personas, client_as, sent) -> None:
    response = client_as("anonymous").post(reverse("web:participation:afbud", args=[sent.pk]))
    assert response.status_code == 302 and "/konto/log-ind/" in response["Location"]
    assert not MemberAfbud.objects.exists()


def test_no_afbud_after_the_meeting(personas: Personas, sent) -> None:
    sent.status = "held"  # set directly: the held step's confirmations are not the point here
    sent.save()
    with pytest.raises(IllegalTransition):
        services.report_afbud(sent, actor=personas.mads)
    sent.refresh_from_db()
    sent.status = "agenda_sent"
    sent.meeting_date = timezone.localdate() - dt.timedelta(days=1)
    sent.save()
    with pytest.raises(IllegalTransition):
        services.report_afbud(sent, actor=personas.mads)


def test_the_attendance_page_is_prefilled_with_afbud(personas: Personas, client_as, sent) -> None:
    services.report_afbud(sent, actor=personas.mads, substitute_wanted=True, reason="Ferie")
    page = client_as("sofie").get(reverse("web:meetings:attendance", args=[sent.pk]))
    html = page.content.decode()
    assert "Afbud meldt af medlemmerne" in html
    assert "Mads Medlem" in html and "ønsker en suppleant indkaldt" in html and "Ferie" in html
    form = page.context["form"]
    mads = personas.people["mads"].pk
    nanna = personas.people["nanna"].pk
    assert form.initial[f"status_{mads}"] == "afbud"
    assert form.initial[f"status_{nanna}"] == "present"
