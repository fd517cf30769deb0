"""A promise in the minutes reaches a later agenda, in a real browser (issue 19).

The secretary writes "Punktet sættes på igen i januar." as a decision in
November; the minutes page proposes the follow-up and she accepts it; the
committee's Opfølgning list shows it; building January's agenda proposes it
and she puts it on; the case history by journal number shows both meetings;
once January's minutes are published, the Opfølgning list shows it done,
linked to January's meeting. axe checks each planning page on the way.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import expect

from medref.accounts.demo import COMMITTEE, create_demo_accounts
from medref.meetings.workflow import minutes
from medref.meetings.workflow.agenda import add_item, schedule_meeting
from medref.organisation.models import Committee
from medref.planning.models import FollowUp

from .helpers import agenda_titles, click_and_load, log_in

CASE = "81.38.05-G01-4-99"
DECISION = "Punktet sættes på igen i januar."


@pytest.fixture
def meetings(demo, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    create_demo_accounts()
    committee = Committee.objects.get(name=COMMITTEE, municipality__name="Vejle Kommune")
    secretary = User.objects.get(username="sekretaer")
    year = timezone.localdate().year + 1
    november = schedule_meeting(committee, dt.date(year, 11, 19), dt.time(13), "", actor=secretary)
    item = add_item(november, "ØS' økonomi", actor=secretary, case_number=CASE)
    minutes.send_agenda(november, actor=secretary)
    minutes.write_decision(item.pk, DECISION, actor=secretary, expected_version=None)
    january = schedule_meeting(
        committee, dt.date(year + 1, 1, 14), dt.time(13), "", actor=secretary
    )
    return committee, november, january


def test_a_decision_becomes_an_item_of_januarys_agenda(page, meetings, axe) -> None:
    committee, november, january = meetings
    log_in(page, "sekretaer")

    page.goto(f"/moeder/{november.pk}/referat/")
    proposals = page.locator("section.planning-proposals")
    expect(proposals).to_contain_text(DECISION)
    expect(proposals).to_contain_text(f"frist {january.meeting_date:%Y}-01")
    axe(page, "the minutes page with follow-up proposals")
    click_and_load(page, proposals.get_by_role("button", name="Accepter opfølgning fra punkt"))
    expect(page.locator("section.planning-proposals .answer")).to_have_text("Åben")
    assert FollowUp.objects.get().status == FollowUp.Status.OPEN

    page.goto(f"/udvalg/{committee.municipality.slug}/{committee.slug}/opfoelgning/")
    expect(page.locator("table")).to_contain_text(DECISION)
    axe(page, "Opfølgning")

    page.goto(f"/moeder/{january.pk}/rediger/")
    offered = page.locator("section.planning-proposals")
    expect(offered).to_contain_text(DECISION)
    axe(page, "the agenda editor with proposals")
    click_and_load(
        page,
        offered.get_by_role(
            "button", name=re.compile(r"Sæt på dagsordenen\W+opfølgning fra punkt")
        ),
    )
    assert "ØS' økonomi" in agenda_titles(page)
    followup = FollowUp.objects.get()
    assert followup.status == FollowUp.Status.ON_AGENDA
    assert followup.target_item.meeting_id == january.pk

    page.goto(f"/soeg/historik/?q={CASE}")
    history = page.locator("main")
    expect(history).to_contain_text(f"{november.meeting_date:%Y}")
    expect(history).to_contain_text(f"{january.meeting_date:%Y}")
    items = page.locator("main").get_by_text("ØS' økonomi")
    assert items.count() >= 2

    # January is held and its minutes approved; publishing them marks the follow-up done
    secretary = User.objects.get(username="sekretaer")
    minutes.send_agenda(january, actor=secretary)
    minutes.mark_held(january, actor=secretary, confirmed=True)
    minutes.submit_minutes(january, actor=secretary, confirmed=True)
    minutes.approve_minutes(january, actor=User.objects.get(username="formand"))
    page.goto(f"/moeder/{january.pk}/")
    click_and_load(page, page.get_by_role("button", name="Offentliggør referat", exact=True))
    click_and_load(page, page.get_by_role("button", name="Offentliggør referat", exact=True))
    expect(page.locator("ul.messages")).to_contain_text("Referatet er offentliggjort.")
    page.goto(f"/udvalg/{committee.municipality.slug}/{committee.slug}/opfoelgning/")
    row = page.locator("tr", has_text=DECISION)
    expect(row.locator('td[data-label="Status"]')).to_have_text("Behandlet")
    expect(row.locator(f'a[href="/moeder/{january.pk}/"]')).to_be_visible()
    assert FollowUp.objects.get().status == FollowUp.Status.DONE


def test_the_aarshjul_page_passes_axe(page, meetings, axe) -> None:
    committee, _november, _january = meetings
    log_in(page, "sekretaer")
    page.goto(f"/udvalg/{committee.municipality.slug}/{committee.slug}/aarshjul/")
    click_and_load(
        page, page.get_by_role("button", name=f"Opret årshjul for {timezone.localdate().year}")
    )
    expect(page.locator("svg.aarshjul")).to_be_visible()
    axe(page, "Årshjul")
    page.goto(f"/udvalg/{committee.municipality.slug}/{committee.slug}/klippekort/")
    axe(page, "Klippekort")
