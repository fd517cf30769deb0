"""The planning pages, as each persona sees them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from medref.meetings.workflow import minutes
from medref.meetings.workflow.agenda import add_item, schedule_meeting
from medref.planning import services
from medref.planning.ical import feed_token
from medref.planning.models import FollowUp
from tests.personas import Personas

ClientAs = Callable[[str], Client]


def _decided(personas: Personas, day: dt.date, decision: str):
    """A meeting on ``day`` whose item "Økonomi" decided ``decision``."""
    meeting = schedule_meeting(personas.committee, day, None, "", actor=personas.sofie)
    item = add_item(meeting, "Økonomi", actor=personas.sofie)
    minutes.send_agenda(meeting, actor=personas.sofie)
    minutes.write_decision(item.pk, decision, actor=personas.sofie, expected_version=None)
    return meeting


def _url(personas: Personas, name: str) -> str:
    c = personas.committee
    return reverse(f"web:planning:{name}", args=[c.municipality.slug, c.slug])


@pytest.mark.parametrize(
    ("who", "status"),
    [("sofie", 200), ("mads", 200), ("sara", 200), ("otto", 403), ("anonymous", 302)],
)
def test_the_aarshjul_is_for_the_committee(
    personas: Personas, client_as: ClientAs, who: str, status: int
) -> None:
    plan = services.create_plan(personas.committee, 2028, actor=personas.sofie)
    services.save_planned_meeting(plan, actor=personas.sofie, date=dt.date(2028, 2, 3))
    response = client_as(who).get(_url(personas, "year") + "?aar=2028")
    assert response.status_code == status
    if status == 200:
        body = response.content.decode()
        assert "<svg" in body and 'role="img"' in body and "Sygefravær" in body
        assert ("Opret årets møder" in body) == (who == "sofie")


@pytest.mark.parametrize(
    ("who", "status"), [("sofie", 200), ("mads", 200), ("sara", 403), ("otto", 403)]
)
def test_the_followup_list(personas: Personas, client_as: ClientAs, who: str, status: int) -> None:
    assert client_as(who).get(_url(personas, "followups")).status_code == status


def test_the_minutes_page_proposes_and_the_answer_sticks(
    personas: Personas, client_as: ClientAs
) -> None:
    meeting = schedule_meeting(
        personas.committee, dt.date(2027, 11, 18), None, "", actor=personas.sofie
    )
    item = add_item(meeting, "Økonomi", actor=personas.sofie)
    minutes.send_agenda(meeting, actor=personas.sofie)
    minutes.write_decision(
        item.pk, "Punktet sættes på igen i januar.", actor=personas.sofie, expected_version=None
    )
    client = client_as("sofie")
    page = client.get(reverse("web:meetings:minutes", args=[meeting.pk])).content.decode()
    proposals_url = reverse("web:planning:minutes_answer", args=[meeting.pk])
    assert f'hx-get="{proposals_url}"' in page  # loaded into the page, no query of its own
    fragment = client.get(proposals_url, headers={"HX-Request": "true"}).content.decode()
    assert fragment.lstrip().startswith("<section") and "frist 2028-01" in fragment
    full = client.get(proposals_url).content.decode()  # without JavaScript: a page
    assert "<h1>" in full and "Punktet sættes på igen i januar." in full
    assert client_as("mads").get(proposals_url).status_code == 403
    response = client.post(
        reverse("web:planning:minutes_answer", args=[meeting.pk]),
        {
            "punkt": item.pk,
            "tekst": "Punktet sættes på igen i januar.",
            "frist": "2028-01",
            "svar": "accepter",
        },
    )
    assert response.status_code == 302
    followup = FollowUp.objects.get()
    assert followup.status == "open" and followup.due_code == "2028-01"
    listing = client.get(_url(personas, "followups")).content.decode()
    assert "Punktet sættes på igen i januar." in listing
    refused = client_as("mads").post(
        reverse("web:planning:minutes_answer", args=[meeting.pk]),
        {"punkt": item.pk, "tekst": "x", "svar": "accepter"},
    )
    assert refused.status_code == 403


def test_overdue_followups_are_marked_in_words(personas: Personas, client_as: ClientAs) -> None:
    meeting = _decided(personas, dt.date(2024, 1, 10), "Sagen tages op igen i marts.")
    item = meeting.items.get(title="Økonomi")
    services.decide_followup(
        meeting, actor=personas.sofie, item=item, text="Sagen tages op igen i marts.", accept=True
    )
    assert "Overskredet" in client_as("sofie").get(_url(personas, "followups")).content.decode()


def test_the_ical_feed_needs_a_genuine_token_of_a_member(
    personas: Personas, client: Client
) -> None:
    plan = services.create_plan(personas.committee, 2028, actor=personas.sofie)
    services.save_planned_meeting(
        plan, actor=personas.sofie, date=dt.date(2028, 2, 3), start_time=dt.time(13)
    )
    url = _url(personas, "ical")
    good = client.get(url, {"token": feed_token(personas.mads.pk, personas.committee.pk)})
    assert good.status_code == 200 and good["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VEVENT" in good.content and b"SEQUENCE:0" in good.content
    outsider = client.get(url, {"token": feed_token(personas.otto.pk, personas.committee.pk)})
    assert outsider.status_code == 404
    forged = client.get(url, {"token": f"{personas.mads.pk}.{personas.committee.pk}:abc"})
    assert forged.status_code == 404


def test_klippekort_overview_everyone_for_the_chair_own_for_a_member(
    personas: Personas, client_as: ClientAs
) -> None:
    chair = client_as("frank").get(_url(personas, "klippekort")).content.decode()
    assert "Mads Medlem" in chair and "Alma Arbejdsmiljørepræsentant" in chair
    own = client_as("mads").get(_url(personas, "klippekort")).content.decode()
    assert "Mads Medlem" in own and "Alma Arbejdsmiljørepræsentant" not in own
    assert client_as("otto").get(_url(personas, "klippekort")).status_code == 403


def test_the_year_as_pdf_for_the_bilag(personas: Personas, client_as: ClientAs) -> None:
    plan = services.create_plan(personas.committee, 2028, actor=personas.sofie)
    services.save_planned_meeting(plan, actor=personas.sofie, date=dt.date(2028, 2, 3))
    response = client_as("mads").get(_url(personas, "year_pdf") + "?aar=2028")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert client_as("otto").get(_url(personas, "year_pdf")).status_code == 403


def test_selectors_cost_a_fixed_number_of_queries(
    personas: Personas, django_assert_num_queries
) -> None:
    from medref.planning import selectors

    plan = services.create_plan(personas.committee, 2028, actor=personas.sofie)
    for month in (1, 4, 7, 10):
        services.save_planned_meeting(plan, actor=personas.sofie, date=dt.date(2028, month, 5))
    meetings = services.create_meetings_from_plan(plan, actor=personas.sofie)
    # plan, its themes, its dates, their meetings, the meetings held: whatever the count
    with django_assert_num_queries(5):
        selectors.year_view(personas.committee, 2028)
    # the answers, the year's themes, its meeting days, the follow-ups due
    with django_assert_num_queries(4):
        selectors.agenda_proposals(meetings[1])
    with django_assert_num_queries(2):  # the decisions, the answers
        selectors.minutes_proposals(meetings[1])
    with django_assert_num_queries(3):  # the rules, the memberships, their days used
        cards = selectors.klippekort_cards(personas.committee, dt.date(2028, 6, 1))
    assert len(cards) >= 7


def test_moving_a_planned_date_raises_its_sequence(personas: Personas, client_as: ClientAs) -> None:
    plan = services.create_plan(personas.committee, 2028, actor=personas.sofie)
    pm = services.save_planned_meeting(plan, actor=personas.sofie, date=dt.date(2028, 2, 3))
    c = personas.committee
    url = reverse("web:planning:move_date", args=[c.municipality.slug, c.slug, 2028, pm.pk])
    assert client_as("sofie").post(url, {"date": "2028-02-10"}).status_code == 302
    pm.refresh_from_db()
    assert (pm.date, pm.sequence) == (dt.date(2028, 2, 10), 1)
    assert client_as("mads").post(url, {"date": "2028-02-17"}).status_code == 403
    response = client_as("sofie").post(url, {"date": "2029-01-01"}, follow=True)
    assert "Datoen skal ligge i 2028." in response.content.decode()


def test_a_next_meeting_follow_up_is_overdue_once_a_later_meeting_was_held(
    personas: Personas, client_as: ClientAs
) -> None:
    first = _decided(personas, dt.date(2024, 1, 10), "Sagen drøftes på næste møde.")
    item = first.items.get(title="Økonomi")
    services.decide_followup(
        first, actor=personas.sofie, item=item, text="Sagen drøftes på næste møde.", accept=True
    )
    page = client_as("sofie").get(_url(personas, "followups")).content.decode()
    assert "Overskredet" not in page
    schedule_meeting(personas.committee, dt.date(2024, 2, 10), None, "", actor=personas.sofie)
    page = client_as("sofie").get(_url(personas, "followups")).content.decode()
    assert "Overskredet" in page


def test_followups_cli_reads_a_stored_meeting(personas: Personas, capsys) -> None:
    import json

    from medref.cli import main

    meeting = schedule_meeting(
        personas.committee, dt.date(2027, 11, 18), None, "", actor=personas.sofie
    )
    item = add_item(meeting, "Økonomi", actor=personas.sofie)
    minutes.send_agenda(meeting, actor=personas.sofie)
    minutes.write_decision(
        item.pk, "Punktet sættes på igen i januar.", actor=personas.sofie, expected_version=None
    )
    assert main(["followups", str(meeting.pk), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out == {
        "meeting_date": "2027-11-18",
        "followups": [
            {
                "item": item.number,
                "due": "2028-01",
                "text": "Punktet sættes på igen i januar.",
                "condition": None,
            }
        ],
    }


def test_recording_a_theme_day_uses_a_day_per_ticked_member(
    personas: Personas, client_as: ClientAs
) -> None:
    from medref.planning.models import KlippekortUsage

    c = personas.committee
    mads = c.memberships.get(person__name="Mads Medlem")
    alma = c.memberships.get(person__name="Alma Arbejdsmiljørepræsentant")
    url = _url(personas, "record_use")
    data = {
        "day": "2026-03-01",
        "kind": "theme_day",
        "days": "1",
        "memberships": [mads.pk, alma.pk],
    }
    assert client_as("sofie").post(url, data).status_code == 302
    assert KlippekortUsage.objects.filter(day=dt.date(2026, 3, 1)).count() == 2
    assert client_as("mads").post(url, data).status_code == 403
    assert KlippekortUsage.objects.count() == 2


def test_training_details_are_the_administrators(personas: Personas, client_as: ClientAs) -> None:
    mads = personas.committee.memberships.get(person__name="Mads Medlem")
    url = reverse("web:planning:training", args=[mads.pk])
    assert client_as("sofie").get(url).status_code == 403
    response = client_as("anna").post(
        url, {"elected": "2024-01-01", "grunduddannelse": "2024-06-01", "functions": ["samarbejde"]}
    )
    assert response.status_code == 302
    mads.refresh_from_db()
    assert (mads.elected, mads.grunduddannelse, mads.functions) == (
        dt.date(2024, 1, 1),
        dt.date(2024, 6, 1),
        ["samarbejde"],
    )


def test_editing_a_theme_changes_its_rule(personas: Personas, client_as: ClientAs) -> None:
    plan = services.create_plan(personas.committee, 2028, actor=personas.sofie)
    theme = plan.themes.get(title="Økonomi")
    c = personas.committee
    url = reverse("web:planning:edit_theme", args=[c.municipality.slug, c.slug, 2028, theme.pk])
    assert client_as("mads").get(url).status_code == 403
    assert "Økonomi" in client_as("sofie").get(url).content.decode()
    data = {
        "title": "Økonomi",
        "recurrence": "quarters",
        "quarters": ["1", "3"],
        "month": "1",
        "every_years": "1",
        "first_year": "2028",
        "text": "",
    }
    assert client_as("sofie").post(url, data).status_code == 302
    theme.refresh_from_db()
    assert theme.rule.describe() == "1. og 3. kvartal"
    data["quarters"] = []
    response = client_as("sofie").post(url, data)
    assert (
        response.status_code == 200
        and "Vælg et eller flere kvartaler." in response.content.decode()
    )
