"""The municipality administrator's standard årshjul and klippekort rules, in a browser.

From the front page's "Standardårshjul" link: adopt medref's standard, add a
theme with a note, see a Danish error next to the field, delete a theme
after confirming; the klippekort rules page saves a changed line. axe checks
every page; with MEDREF_SCREENSHOTS set, each is shot at 1280 and 390 px.
"""

from __future__ import annotations

import datetime as dt
import os
from fractions import Fraction
from pathlib import Path

from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import expect

from medref.accounts.demo import COMMITTEE, create_demo_accounts
from medref.meetings.models import Attachment
from medref.meetings.workflow.agenda import add_item, schedule_meeting
from medref.organisation.models import Committee
from medref.planning.models import StandardTheme

from .helpers import click_and_load, log_in

SHOTS = os.environ.get("MEDREF_SCREENSHOTS")


def shoot(page, name: str) -> None:
    if not SHOTS:
        return
    Path(SHOTS).mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        width_now = page.evaluate("document.documentElement.scrollWidth")
        assert width_now <= width, f"{page.url}: {width_now} px wide at {width} px"
        page.screenshot(path=f"{SHOTS}/{name}-{width}.png", full_page=True)
    page.set_viewport_size(size)


def test_the_administrator_edits_the_standard_aarshjul_and_rules(page, demo, axe) -> None:
    create_demo_accounts()
    log_in(page, "admin")
    page.goto("/")
    click_and_load(page, page.get_by_role("link", name="Standardårshjul").first)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Standardårshjul for")
    axe(page, "Standardårshjul, medref's")
    shoot(page, "standard-aarshjul-medref")
    click_and_load(page, page.get_by_role("button", name="Tilpas standardårshjulet"))
    expect(page.locator(".planning-messages, ul.messages")).to_contain_text("er kopieret")

    form = page.locator("form", has=page.get_by_role("button", name="Tilføj tema"))
    form.locator("#id_title").fill("Trivselsundersøgelse")
    form.locator("#id_recurrence").select_option(value="quarters")
    click_and_load(page, form.get_by_role("button", name="Tilføj tema"))
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Vælg et eller flere kvartaler.")
    axe(page, "Standardårshjul with an error")
    shoot(page, "standard-aarshjul-fejl")
    form = page.locator("form", has=page.get_by_role("button", name="Tilføj tema"))
    form.get_by_label("3. kvartal").check()
    form.locator("#id_note").fill("Aftalt i HovedMED")
    click_and_load(page, form.get_by_role("button", name="Tilføj tema"))
    expect(page.get_by_role("status")).to_contain_text(
        "Temaet “Trivselsundersøgelse” er tilføjet standardårshjulet."
    )
    expect(page.locator("table")).to_contain_text("Aftalt i HovedMED")
    shoot(page, "standard-aarshjul")

    click_and_load(page, page.get_by_role("link", name="Ret Trivselsundersøgelse"))
    axe(page, "Ret standardtema")
    shoot(page, "standard-tema-ret")
    click_and_load(page, page.get_by_role("button", name="Gem tema"))
    click_and_load(page, page.get_by_role("link", name="Slet Trivselsundersøgelse"))
    axe(page, "Slet standardtema")
    shoot(page, "standard-tema-slet")
    click_and_load(page, page.get_by_role("button", name="Slet temaet"))
    expect(page.get_by_role("status")).to_contain_text("er slettet fra standardårshjulet")
    assert not StandardTheme.objects.filter(title="Trivselsundersøgelse").exists()

    click_and_load(page, page.get_by_role("link", name="Klippekortregler").first)
    axe(page, "Klippekortregler")
    page.locator("#id_bands-0-days").fill("2,5")
    click_and_load(page, page.get_by_role("button", name="Gem reglerne"))
    expect(page.get_by_role("status")).to_contain_text("Klippekortreglerne er gemt.")
    from medref.planning import selectors

    committee = Committee.objects.get(name=COMMITTEE, municipality__name="Vejle Kommune")
    assert selectors.rules_for(committee).bands[0].days == Fraction(5, 2)
    page.locator("#id_bands-0-last_year").fill("1")
    click_and_load(page, page.get_by_role("button", name="Gem reglerne"))
    expect(page.get_by_role("alert").first).to_contain_text("Reglerne er ikke gemt")
    axe(page, "Klippekortregler with an error")
    shoot(page, "klippekortregler")


def test_the_aarshjul_is_attached_from_its_page(page, demo, axe, settings, tmp_path) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    create_demo_accounts()
    committee = Committee.objects.get(name=COMMITTEE, municipality__name="Vejle Kommune")
    secretary = User.objects.get(username="sekretaer")
    year = timezone.localdate().year + 1
    meeting = schedule_meeting(committee, dt.date(year, 11, 19), None, "", actor=secretary)
    add_item(meeting, f"Mødeplan og årshjul for {year + 1}", actor=secretary)
    log_in(page, "sekretaer")
    page.goto(f"/udvalg/{committee.municipality.slug}/{committee.slug}/aarshjul/?aar={year + 1}")
    click_and_load(page, page.get_by_role("button", name=f"Opret årshjul for {year + 1}"))
    page.locator("#vedhaeft-punkt").select_option(index=0)
    click_and_load(page, page.get_by_role("button", name="Vedhæft årshjul som bilag"))
    expect(page.get_by_role("status")).to_contain_text("er vedhæftet som bilag til punkt")
    axe(page, "Årshjul with Vedhæft")
    shoot(page, "aarshjul-vedhaeft")
    stored = Attachment.objects.get(item__meeting=meeting)
    assert stored.title == f"Mødeplan og årshjul {year + 1}"
