"""Issue 16's journeys in the browser: the secretary (nothing typed is lost, bilag
open, confirmations), a member (the draft says UDKAST, closed bilag open, the
attendance is consistent), the chair (the public preview before publishing), a
citizen (open bilag only) and a phone (no sideways scrolling at 390 px).

Set MEDREF_SCREENSHOTS=/some/dir to keep screenshots of each page at 1280 and 390 px.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from playwright.sync_api import expect

from medref.accounts.demo import COMMITTEE, create_demo_accounts
from medref.meetings.models import Attendance, Meeting
from medref.meetings.workflow import agenda, minutes, sections
from medref.organisation.models import Committee

from .helpers import click_and_load, log_in

CASE_TEXT = "Budgettet for 2026 gennemgås."
RECOMMENDATION = "Økonomichefen"


def _pdf() -> bytes:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument.new()
    document.new_page(595, 842)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.fixture
def committee(demo, settings, tmp_path) -> Committee:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    create_demo_accounts()
    return Committee.objects.get(name=COMMITTEE, municipality__name="Vejle Kommune")


def user(name: str) -> User:
    return User.objects.get(username=name)


def shoot(page, name: str) -> None:
    folder = os.environ.get("MEDREF_SCREENSHOTS")
    if not folder:
        return
    size = page.viewport_size
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=f"{folder}/{name}-{width}.png", full_page=True)
    page.set_viewport_size(size)


def no_sideways_scroll(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.evaluate("document.documentElement.clientWidth")
    assert width <= viewport, f"{page.url}: {width} px wide on a {viewport} px screen"


def press(page, label: str) -> None:
    """A workflow button, its confirmation page (ticking listed doubts), the message."""
    click_and_load(page, page.get_by_role("button", name=label, exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{label}?")
    doubts = page.get_by_label("Jeg har tjekket det og vil fortsætte alligevel")
    if doubts.count():
        doubts.check()
    click_and_load(page, page.get_by_role("button", name=label, exact=True))
    expect(page.locator("ul.messages")).to_have_count(1)


def test_secretary_loses_nothing_opens_bilag_and_confirms_each_step(
    new_context, committee, axe
) -> None:
    sofie = user("sekretaer")
    meeting = agenda.schedule_meeting(
        committee, dt.date(2025, 12, 10), dt.time(13, 0), "Mødelokale 2225", actor=sofie
    )
    item = agenda.add_item(meeting, "Budget 2026", actor=sofie)
    page = new_context().new_page()
    log_in(page, "sekretaer")
    page.goto(f"/moeder/{meeting.pk}/punkter/{item.pk}/")

    # Interleaved: the Indstilling typed, not saved, then a section added.
    page.get_by_label("Indstillet af").fill(RECOMMENDATION)
    page.get_by_label("At-sætninger (én pr. linje)").fill("budgettet godkendes")
    new_section = page.locator("form.add-section")
    new_section.get_by_label("Afsnitstype").select_option(label="Sagsfremstilling")
    new_section.get_by_label("Tekst").fill(CASE_TEXT)
    new_section.get_by_role("button", name="Tilføj afsnit").click()
    expect(page.locator("#afsnit article", has_text="Sagsfremstilling")).to_contain_text(
        "Budgettet for 2026"
    )
    # Nothing lost: the Indstilling is still there, and saves without a conflict.
    expect(page.get_by_label("Indstillet af")).to_have_value(RECOMMENDATION)
    expect(page.get_by_label("At-sætninger (én pr. linje)")).to_have_value("budgettet godkendes")
    page.get_by_role("button", name="Gem indstilling").click()
    expect(page.locator("#afsnit article h3", has_text="Indstilling")).to_have_count(1)
    expect(page.locator("#indstilling .form-errors")).to_have_count(0)
    item.refresh_from_db()
    assert item.recommendation_proposer == RECOMMENDATION

    # A bilag is stored and opens from the editor, through medref.
    page.get_by_label("Fil").set_input_files(
        {"name": "budget.pdf", "mimeType": "application/pdf", "buffer": _pdf()}
    )
    page.get_by_label("Bilagets titel").fill("Budgetoverblik")
    click_and_load(page, page.get_by_role("button", name="Vedhæft bilag"))
    link = page.locator("#bilag .attachment-list").get_by_role("link", name="Budgetoverblik")
    href = link.get_attribute("href")
    assert re.fullmatch(r"/moeder/\d+/bilag/\d+/", href)
    response = page.request.get(href)
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF-")
    # A fake PDF is refused with a clear message.
    page.get_by_label("Fil").set_input_files(
        {"name": "falsk.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.7\nMZ" * 20}
    )
    click_and_load(page, page.get_by_role("button", name="Vedhæft bilag"))
    expect(page.locator("#bilag")).to_contain_text("“falsk.pdf” er ikke en PDF-fil, der kan åbnes")
    axe(page, "Rediger punkt")
    shoot(page, "item-editor")

    # Leaving with an unsaved change asks first.
    page.get_by_label("Indstillet af").fill("Stabschefen")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    page.close(run_before_unload=True)
    page.wait_for_timeout(500)
    assert dialogs == ["beforeunload"]

    page = new_context().new_page()
    log_in(page, "sekretaer")
    page.goto(f"/moeder/{meeting.pk}/rediger/")
    click_and_load(page, page.get_by_role("button", name="Send dagsorden", exact=True))
    expect(page.locator(".confirm-explanation")).to_contain_text(
        "også de der ikke er logget ind, kan læse de åbne punkter"
    )
    axe(page, "Send dagsorden?")
    shoot(page, "confirm-send")
    click_and_load(page, page.get_by_role("button", name="Send dagsorden", exact=True))
    expect(page.locator("ul.messages")).to_contain_text("Dagsordenen er udsendt.")

    # Attendance, then every decision saved at once.
    for name in ("Sofie Sekretær", "Frank Formand"):
        page.get_by_role("group", name=name).get_by_label("Til stede").check()
    page.get_by_role("group", name="Mads Medlem").get_by_label("Afbud").check()
    page.get_by_role("group", name="Nanna Næstformand").get_by_label("Fraværende").check()
    click_and_load(page, page.get_by_role("button", name="Gem fremmøde"))
    decisions = page.locator("section.decision-editor")
    # Bold typed in a decision is kept (issue 16): the preview shows it as it is saved.
    decisions.filter(has_text="Budget 2026").get_by_label("Beslutning", exact=True).fill(
        "Budgettet blev **godkendt**."
    )
    expect(decisions.filter(has_text="Budget 2026").locator(".preview strong")).to_have_text(
        "godkendt"
    )
    decisions.filter(has_text="Eventuelt").get_by_label("Beslutning", exact=True).fill("Intet.")
    click_and_load(page, page.get_by_role("button", name="Gem alle beslutninger").first)
    expect(page.locator("ul.messages")).to_contain_text("2 beslutninger gemt.")
    axe(page, "Skriv referat")
    shoot(page, "minutes")
    press(page, "Marker som afholdt")
    press(page, "Afslut referatudkast")
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.MINUTES_DRAFT
    page.goto(f"/moeder/{meeting.pk}/historik/")
    sentences = page.locator(".history-sentence").all_inner_texts()
    assert "Sofie Sekretær udsendte dagsordenen" in sentences
    assert "Sofie Sekretær markerede mødet som afholdt" in sentences
    axe(page, "Historik")
    shoot(page, "history")
    # The meeting page: Afbud and Fraværende on lines of their own; the bold kept.
    page.goto(f"/moeder/{meeting.pk}/")
    facts = page.locator("dl.facts")
    afbud = facts.locator("div", has=page.locator("dt", has_text="Afbud"))
    fravaerende = facts.locator("div", has=page.locator("dt", has_text="Fraværende"))
    expect(afbud.locator("dd")).to_have_text("Mads Medlem")
    expect(fravaerende.locator("dd")).to_have_text("Nanna Næstformand")
    expect(page.locator("article strong", has_text="godkendt")).to_be_visible()
    shoot(page, "meeting-afbud-fravaerende")


@pytest.fixture
def draft(committee) -> tuple[Meeting, str, str]:
    """Draft minutes with an open item's bilag and a closed item's bilag (their URLs)."""
    sofie = user("sekretaer")
    meeting = agenda.schedule_meeting(
        committee, dt.date(2025, 12, 10), dt.time(13, 0), "Mødelokale 2225", actor=sofie
    )
    open_item = agenda.add_item(meeting, "Budget 2026", actor=sofie)
    closed_item = agenda.add_item(meeting, "Personalesag", actor=sofie, closed=True)
    shown = sections.add_attachment(
        open_item, SimpleUploadedFile("b.pdf", _pdf()), actor=sofie, title="Budgetoverblik"
    )
    secret = sections.add_attachment(
        closed_item, SimpleUploadedFile("s.pdf", _pdf()), actor=sofie, title="Sagsakter"
    )
    minutes.send_agenda(meeting, actor=sofie)
    members, substitutes = minutes.members_on(meeting)
    statuses = {m.person_id: Attendance.Status.PRESENT for m in members}
    mads = next(m for m in members if m.person.name == "Mads Medlem")
    statuses[mads.person_id] = Attendance.Status.SENT_APOLOGIES
    minutes.record_attendance(
        meeting,
        statuses,
        actor=sofie,
        item_substitutes={open_item.pk: [s.person_id for s in substitutes]},
    )
    for item in meeting.items.all():
        minutes.write_decision(item, "Taget til efterretning.", actor=sofie, expected_version=None)
    minutes.mark_held(meeting, actor=sofie, confirmed=True)
    minutes.submit_minutes(meeting, actor=sofie, confirmed=True)
    return (
        meeting,
        f"/moeder/{meeting.pk}/bilag/{shown.pk}/",
        f"/moeder/{meeting.pk}/bilag/{secret.pk}/",
    )


def test_member_reads_the_draft_marked_udkast_with_consistent_attendance_and_bilag(
    new_context, draft, axe
) -> None:
    meeting, shown, secret = draft
    page = new_context().new_page()
    log_in(page, "medlem")
    page.goto(f"/moeder/{meeting.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("UDKAST – REFERAT")
    expect(page.locator(".draft-mark")).to_contain_text("Udkast til referat")
    people = page.locator("ul.people")
    expect(people).not_to_contain_text("Mads Medlem")
    expect(page.locator("dl.facts")).to_contain_text("Mads Medlem")
    expect(page.locator(".item-substitutes")).to_contain_text("Sara Suppleant")
    for url in (shown, secret):
        expect(page.locator(f'a[href="{url}"]')).to_have_count(1)
        assert page.request.get(url).status == 200
    pdf = page.request.get(f"/moeder/{meeting.pk}/hent.pdf").body()
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    assert all("UDKAST" in p.get_textpage().get_text_range() for p in document)
    axe(page, "referatudkastet for et medlem")
    shoot(page, "draft-member")


def test_chair_previews_the_public_version_then_publishes_and_a_citizen_reads_it(
    new_context, draft, axe
) -> None:
    meeting, shown, secret = draft
    minutes.approve_minutes(meeting, actor=user("formand"))
    chair = new_context().new_page()
    log_in(chair, "formand")
    chair.goto(f"/moeder/{meeting.pk}/")
    click_and_load(chair, chair.get_by_role("button", name="Offentliggør referat", exact=True))
    expect(chair.locator(".confirm-final")).to_have_text("Dette trin kan ikke fortrydes.")
    click_and_load(chair, chair.get_by_role("link", name="Se præcis hvad offentligheden"))
    expect(chair.locator(".preview-banner")).to_contain_text("Forhåndsvisning")
    expect(chair.locator("article.minutes")).to_contain_text("Budget 2026")
    expect(chair.locator(f'a[href="{secret}"]')).to_have_count(0)
    axe(chair, "offentlig forhåndsvisning")
    shoot(chair, "public-preview")
    click_and_load(chair, chair.get_by_role("link", name="Tilbage til offentliggørelse"))
    click_and_load(chair, chair.get_by_role("button", name="Offentliggør referat", exact=True))
    expect(chair.locator("ul.messages")).to_contain_text("Referatet er offentliggjort.")

    citizen = new_context().new_page()
    citizen.goto(f"/moeder/{meeting.pk}/")
    expect(citizen.get_by_role("heading", level=1)).not_to_contain_text("UDKAST")
    click = citizen.locator(f'a[href="{shown}"]')
    expect(click).to_have_count(1)
    assert citizen.request.get(shown).status == 200
    assert citizen.request.get(secret).status == 404
    expect(citizen.locator(f'a[href="{secret}"]')).to_have_count(0)
    axe(citizen, "det offentliggjorte referat")


def test_a_phone_never_scrolls_sideways(new_context, draft, axe) -> None:
    meeting, _shown, _secret = draft
    page = new_context(viewport={"width": 390, "height": 844}).new_page()
    log_in(page, "sekretaer")
    committee = meeting.committee
    urls = [
        "/",
        f"/udvalg/{committee.municipality.slug}/{committee.slug}/",
        f"/moeder/{meeting.pk}/",
        f"/moeder/{meeting.pk}/historik/",
        f"/moeder/{meeting.pk}/status/godkend/",
        "/soeg/?q=budget",
    ]
    for url in urls:
        page.goto(url)
        no_sideways_scroll(page)
    # Search: the first result is within the first screen.
    page.goto("/soeg/?q=budget")
    first = page.locator("ol.search-results > li").first
    box = first.bounding_box()
    assert box is not None and box["y"] < 844, box
    page.goto(f"/udvalg/{committee.municipality.slug}/{committee.slug}/")
    # The member table is one block per person, each value with its column's name.
    cell = page.locator("table.members td[data-label]").first
    assert cell.evaluate("e => getComputedStyle(e).display") == "block"
    assert cell.evaluate("e => getComputedStyle(e, '::before').content").startswith('"Rolle')
    axe(page, "udvalgssiden på en telefon")


def test_administrator_adds_a_future_member_and_edits_a_membership(
    new_context, committee, axe
) -> None:
    page = new_context().new_page()
    log_in(page, "admin")
    page.goto(f"/udvalg/{committee.municipality.slug}/{committee.slug}/")
    click_and_load(page, page.get_by_role("link", name="Tilføj medlem"))
    expect(page.get_by_label("Rolle")).to_have_value("")  # nothing preselected
    start = timezone.localdate() + dt.timedelta(days=40)
    page.get_by_label("Navn").fill("Ole Olsen")
    page.get_by_label("Rolle").select_option(label="Medlem")
    page.get_by_label("Fra").fill(start.isoformat())
    click_and_load(page, page.get_by_role("button", name=re.compile("^Tilføj")))
    expect(page.locator("ul.messages")).to_contain_text("Ole Olsen er tilføjet som medlem")
    expect(page.locator("ul.messages")).to_contain_text("(kommende)")
    upcoming = page.locator("#medlemmer table.members").last
    expect(upcoming).to_contain_text("Ole Olsen")
    axe(page, "udvalgssiden for administratoren")
    shoot(page, "committee-admin")
    click_and_load(page, page.get_by_role("link", name="Ret medlemskabet for Mads Medlem"))
    page.get_by_label("Rolle").select_option(value="amr")
    axe(page, "Ret medlemskab")
    click_and_load(page, page.get_by_role("button", name="Gem medlemskab"))
    expect(page.locator("ul.messages")).to_contain_text("Medlemskabet for Mads Medlem er gemt.")
    expect(page.locator("table.members", has_text="Mads Medlem")).to_contain_text(
        "Arbejdsmiljørepræsentant"
    )
