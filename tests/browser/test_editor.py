"""The agenda editor in a real browser: the section editor with its live preview
(htmx), editing without JavaScript, and forms with errors (Danish, accessible)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from medref.accounts.demo import COMMITTEE, create_demo_accounts
from medref.meetings.models import Meeting
from medref.meetings.workflow import agenda
from medref.organisation.models import Committee

from .helpers import agenda_titles, click_and_load, log_in


@pytest.fixture
def meeting(transactional_db) -> Meeting:
    """A planned meeting of the demo accounts' committee, with its standard items."""
    create_demo_accounts()
    committee = Committee.objects.get(name=COMMITTEE, municipality__name="Vejle Kommune")
    return agenda.schedule_meeting(
        committee,
        dt.date(2026, 2, 11),
        dt.time(9, 30),
        "Byrådssalen",
        actor=User.objects.get(username="sekretaer"),
    )


def test_section_editor_previews_markdown_and_saves_in_place(new_context, meeting, axe):
    page = new_context().new_page()
    log_in(page, "sekretaer")
    item = meeting.items.get(title="Orientering fra formand og næstformand")
    page.goto(f"/moeder/{meeting.pk}/punkter/{item.pk}/")
    page.get_by_role("button", name=re.compile("^Tilføj afsnit")).wait_for()
    new_section = page.locator("form.add-section")
    new_section.get_by_label("Afsnitstype").select_option(label="Sagsfremstilling")
    new_section.get_by_label("Tekst").fill("Formanden orienterer.")
    new_section.get_by_role("button", name="Tilføj afsnit").click()
    article = page.locator("#afsnit article", has_text="Formanden orienterer.")
    expect(article).to_have_count(1)

    article.get_by_role("link", name=re.compile("^Rediger afsnit")).click()
    text = page.locator("article.section-edit").get_by_label("Tekst", exact=True)
    expect(text).to_have_value("Formanden orienterer.")
    # The preview follows the Markdown while one types (htmx, after a short pause).
    text.fill("Formanden orienterer om:\n\n- budgettet\n- sygefravær")
    preview = page.locator("article.section-edit .preview")
    expect(preview.locator("li")).to_have_text(["budgettet", "sygefravær"])
    axe(page, "Rediger afsnit med forhåndsvisning")
    page.get_by_role("button", name="Gem afsnit").click()

    saved = page.locator("#afsnit article.section-view", has_text="Formanden orienterer om:")
    expect(saved.locator("li")).to_have_text(["budgettet", "sygefravær"])
    expect(page.locator("article.section-edit")).to_have_count(0)
    # The reading page shows the same.
    page.goto(f"/moeder/{meeting.pk}/")
    expect(page.locator("section.item", has_text=item.title).locator("li")).to_have_text(
        ["budgettet", "sygefravær"]
    )


def test_agenda_can_be_built_without_javascript(new_context, meeting):
    page = new_context(java_script_enabled=False).new_page()
    log_in(page, "sekretaer")
    page.goto(f"/moeder/{meeting.pk}/rediger/")
    page.get_by_label("Titel på nyt punkt").fill("Arbejdsmiljø")
    click_and_load(page, page.get_by_role("button", name="Tilføj punkt"))
    row = page.locator("ol.item-list > li", has_text="Arbejdsmiljø")
    expect(row).to_have_count(1)
    number = re.search(r"\d+", row.locator(".item-number").inner_text()).group()

    click_and_load(page, page.get_by_role("button", name=f"Luk punkt {number}", exact=True))
    row = page.locator("ol.item-list > li", has_text="Arbejdsmiljø")
    expect(row.locator(".closed-marker")).to_have_text("Lukket punkt")
    before = agenda_titles(page)
    click_and_load(page, row.get_by_role("button", name=re.compile("^Flyt op")))
    at = before.index("Arbejdsmiljø")
    after = agenda_titles(page)
    assert after[at - 1 : at + 1] == ["Arbejdsmiljø", before[at - 1]], after
    assert meeting.items.get(title="Arbejdsmiljø").closed


def test_forms_with_errors_say_what_is_wrong_next_to_the_field(new_context, meeting, axe):
    page = new_context().new_page()
    page.goto("/konto/log-ind/")
    page.get_by_label("Brugernavn").fill("sekretaer")
    page.get_by_label("Adgangskode").fill("forkert")
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("alert")).to_be_visible()
    axe(page, "log ind med forkert adgangskode")

    log_in(page, "sekretaer")
    page.goto(f"/moeder/nyt/{meeting.committee_id}/")
    page.get_by_label("Mødedato").fill("2026-02-11")  # the date of the meeting above
    page.get_by_role("button", name="Opret møde").click()
    field = page.locator(".field.has-error")
    expect(field).to_have_count(1)
    expect(field.get_by_label("Mødedato")).to_have_count(1)
    expect(field.locator(".error")).not_to_be_empty()
    axe(page, "Nyt møde med fejl")

    page.goto(f"/moeder/{meeting.pk}/rediger/")
    page.get_by_role("button", name="Tilføj punkt").click()  # no title
    expect(page.locator("form.add-item .field.has-error .error")).to_have_text(
        "Dette felt er påkrævet."
    )
    axe(page, "Tilføj punkt uden titel")
