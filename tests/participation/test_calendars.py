"""The committee's and the person's iCal feeds, parsed back with icalendar."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from medref.meetings.workflow.agenda import edit_meeting
from medref.participation import services
from medref.participation.feeds import add_months, window
from medref.planning import services as planning
from medref.planning.models import AnnualPlan, PlannedMeeting
from tests.personas import Personas

from .conftest import schedule

pytestmark = pytest.mark.django_db


def _committee_url(personas: Personas) -> str:
    c = personas.committee
    return reverse("web:participation:committee_feed", args=[c.municipality.slug, c.slug])


def _events(body: bytes) -> dict[str, object]:
    cal = Calendar.from_ical(body)
    return {str(e["uid"]): e for e in cal.walk("VEVENT")}


def test_committee_feed_lists_what_anyone_sees(personas: Personas, sent, planned) -> None:
    hidden = schedule(personas, 14)  # planned: only the agenda's editors see it
    response = Client().get(_committee_url(personas))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    events = list(cal.walk("VEVENT"))
    assert len(events) == 1
    event = events[0]
    assert str(event["uid"]) == f"medref-meeting-{sent.pk}@127.0.0.1"
    assert str(event["location"]) == "Mødelokale 2225"
    assert event["dtstart"].dt == dt.datetime.combine(
        sent.meeting_date, dt.time(13, 0), tzinfo=event["dtstart"].dt.tzinfo
    )
    assert str(event["dtstart"].dt.tzinfo) == "Europe/Copenhagen"
    assert f"/moeder/{sent.pk}/" in str(event["description"])
    assert str(event["status"]) == "CONFIRMED"
    tz = list(cal.walk("VTIMEZONE"))
    assert [str(t["tzid"]) for t in tz] == ["Europe/Copenhagen"]
    assert f"/moeder/{hidden.pk}/" not in response.content.decode()


def test_the_committee_page_links_the_feed(personas: Personas, sent) -> None:
    c = personas.committee
    page = (
        Client()
        .get(reverse("web:committee_in_municipality", args=[c.municipality.slug, c.slug]))
        .content.decode()
    )
    assert (
        f'<link rel="alternate" type="text/calendar" title="{c.name}: møder" '
        f'href="{_committee_url(personas)}">' in page
    )


def test_uid_stable_and_sequence_raised_on_each_change(personas: Personas) -> None:
    meeting = schedule(personas, 10)
    client, url = Client(), _committee_url(personas)
    # Anonymous readers do not see planned meetings: ask the næstformand's personal feed.
    feed = services.feed_for(personas.nanna)
    personal = reverse("web:participation:personal_feed", args=[feed.token])
    first = _events(client.get(personal).content)
    uid = f"medref-meeting-{meeting.pk}@127.0.0.1"
    assert int(first[uid]["sequence"]) == 0
    edit_meeting(
        meeting,
        actor=personas.sofie,
        expected_version=None,
        meeting_date=meeting.meeting_date,
        start_time=dt.time(9, 0),
        location="Byrådssalen",
    )
    second = _events(client.get(personal).content)
    assert list(second) == [uid]
    assert int(second[uid]["sequence"]) == 1
    assert str(second[uid]["location"]) == "Byrådssalen"
    edit_meeting(
        meeting,
        actor=personas.sofie,
        expected_version=None,
        meeting_date=meeting.meeting_date + dt.timedelta(days=1),
        start_time=dt.time(9, 0),
        location="Byrådssalen",
    )
    third = _events(client.get(personal).content)
    assert list(third) == [uid]
    assert int(third[uid]["sequence"]) == 2
    assert third[uid]["dtstart"].dt.date() == meeting.meeting_date + dt.timedelta(days=1)
    assert client.get(url).status_code == 200


def test_a_cancelled_meeting_says_cancelled_with_a_higher_sequence(
    personas: Personas, sent
) -> None:
    plan = AnnualPlan.objects.create(committee=personas.committee, year=sent.meeting_date.year)
    planned_date = PlannedMeeting.objects.create(
        plan=plan, date=sent.meeting_date, meeting=sent, uid="x-1"
    )
    planning.cancel_planned_meeting(planned_date, actor=personas.sofie)
    event = _events(Client().get(_committee_url(personas)).content)[
        f"medref-meeting-{sent.pk}@127.0.0.1"
    ]
    assert str(event["status"]) == "CANCELLED"
    assert int(event["sequence"]) == 1


def test_window_is_three_months_back_and_twelve_ahead(personas: Personas) -> None:
    first, last = window()
    today = timezone.localdate()
    assert first == add_months(today, -3) and last == add_months(today, 12)
    inside = schedule(personas, 300)
    outside = schedule(personas, 400)
    feed = services.feed_for(personas.sofie)
    body = Client().get(reverse("web:participation:personal_feed", args=[feed.token])).content
    uids = _events(body)
    assert f"medref-meeting-{inside.pk}@127.0.0.1" in uids
    assert f"medref-meeting-{outside.pk}@127.0.0.1" not in uids


def test_add_months_lands_on_the_last_day_of_a_short_month() -> None:
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2026, 5, 31), -3) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2026, 12, 5), 12) == dt.date(2027, 12, 5)
    assert add_months(dt.date(2026, 2, 5), -3) == dt.date(2025, 11, 5)


def test_personal_feed_shows_own_afbud_and_only_own_committees(personas: Personas, sent) -> None:
    services.report_afbud(sent, actor=personas.mads, substitute_wanted=True)
    mads = services.feed_for(personas.mads)
    event = _events(
        Client().get(reverse("web:participation:personal_feed", args=[mads.token])).content
    )[f"medref-meeting-{sent.pk}@127.0.0.1"]
    assert str(event["summary"]).startswith("Afbud:")
    assert "Du har meldt afbud" in str(event["description"])
    nanna = services.feed_for(personas.nanna)
    other = _events(
        Client().get(reverse("web:participation:personal_feed", args=[nanna.token])).content
    )[f"medref-meeting-{sent.pk}@127.0.0.1"]
    assert not str(other["summary"]).startswith("Afbud:")
    hanne = services.feed_for(personas.hanne)  # HovedMED only
    assert (
        _events(
            Client().get(reverse("web:participation:personal_feed", args=[hanne.token])).content
        )
        == {}
    )


def test_a_new_address_revokes_the_old(personas: Personas, client_as) -> None:
    client = client_as("mads")
    assert client.get(reverse("web:participation:calendar")).status_code == 200
    client.post(reverse("web:participation:calendar"))
    old = services.feed_for(personas.mads).token
    page = client.get(reverse("web:participation:calendar")).content.decode()
    assert old in page
    client.post(reverse("web:participation:calendar"))
    new = services.feed_for(personas.mads).token
    assert new != old
    assert Client().get(reverse("web:participation:personal_feed", args=[old])).status_code == 404
    assert Client().get(reverse("web:participation:personal_feed", args=[new])).status_code == 200


def test_an_inactive_users_address_stops_working(personas: Personas) -> None:
    feed = services.feed_for(personas.mads)
    personas.mads.is_active = False
    personas.mads.save()
    url = reverse("web:participation:personal_feed", args=[feed.token])
    assert Client().get(url).status_code == 404


@pytest.mark.parametrize("feed", ["committee", "personal"])
def test_a_feed_costs_the_same_queries_for_one_meeting_or_many(personas: Personas, feed) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from medref.meetings.workflow import minutes

    token = services.feed_for(personas.mads).token
    url = (
        _committee_url(personas)
        if feed == "committee"
        else reverse("web:participation:personal_feed", args=[token])
    )
    counts = []
    for days in (5, 6, 7, 8):
        minutes.send_agenda(schedule(personas, days), actor=personas.sofie)
        client = Client()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert len(set(counts)) == 1, counts
    # committee: the committee, the meetings with their change counts, the cancelled dates;
    # personal: the address and its user, their committees, the scope (3), the meetings,
    # the cancelled dates, their afbud, their recorded attendance.
    assert counts[0] == (3 if feed == "committee" else 9), counts
