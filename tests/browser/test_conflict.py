"""Two secretaries in two browsers edit the same item: the second save is refused
with a conflict message naming the first, never a silent overwrite."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from playwright.sync_api import expect

from medref.accounts.demo import COMMITTEE, DEMO_PASSWORD, TERM_START, create_demo_accounts
from medref.meetings.models import AgendaItem
from medref.meetings.workflow import agenda
from medref.organisation.models import Committee, Membership, Person
from medref.organisation.services import ensure_membership

from .helpers import log_in


def second_secretary(committee: Committee) -> None:
    """Sanne, a second secretary of the committee, with the demo password."""
    user = User.objects.create_user(
        "sanne", password=DEMO_PASSWORD, first_name="Sanne", last_name="Sekretær"
    )
    person = Person.objects.create(
        municipality=committee.municipality, name="Sanne Sekretær", user=user
    )
    ensure_membership(person, committee, role=Membership.Role.SECRETARY, start=TERM_START)


def test_second_save_of_the_same_item_shows_the_conflict(new_context, transactional_db):
    create_demo_accounts()
    committee = Committee.objects.get(name=COMMITTEE, municipality__name="Vejle Kommune")
    second_secretary(committee)
    meeting = agenda.schedule_meeting(
        committee,
        dt.date(2026, 3, 4),
        dt.time(13),
        "Mødelokale 2225",
        actor=User.objects.get(username="sekretaer"),
    )
    item = meeting.items.get(title="Eventuelt")
    url = f"/moeder/{meeting.pk}/punkter/{item.pk}/"

    sofie = new_context().new_page()
    sanne = new_context().new_page()
    log_in(sofie, "sekretaer")
    log_in(sanne, "sanne")
    sofie.goto(url)
    sanne.goto(url)  # both editors now hold the same version of the item

    fields = sofie.locator("#punkt-felter")
    fields.get_by_label("Titel", exact=True).fill("Eventuelt og næste møde")
    fields.get_by_role("button", name="Gem punkt").click()
    expect(sofie.get_by_role("heading", level=1)).to_contain_text("Eventuelt og næste møde")

    fields = sanne.locator("#punkt-felter")
    fields.get_by_label("Titel", exact=True).fill("Eventuelt (Sannes udgave)")
    fields.get_by_role("button", name="Gem punkt").click()
    alert = sanne.get_by_role("alert")
    expect(alert).to_contain_text("Sofie Sekretær har gemt punkt")
    expect(alert).to_contain_text("Dine ændringer er ikke gemt")

    item = AgendaItem.objects.get(pk=item.pk)
    assert item.title == "Eventuelt og næste møde"
    sanne.reload()
    expect(sanne.locator("#punkt-felter").get_by_label("Titel", exact=True)).to_have_value(
        "Eventuelt og næste møde"
    )
