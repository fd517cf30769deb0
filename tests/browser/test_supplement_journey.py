"""Tillægsdagsorden (issue 16) in a real browser with real mail.

The secretary sends the agenda → adds a tillægspunkt and changes a sent item
→ presses Send tillægsdagsorden and confirms (the confirmation page lists the
items, then the message) → the history says "Tillægsdagsorden udsendt af …"
→ a member sees the marked items and the supplement on the meeting page, at
1280 and 390 px, and the mail is read back from the SMTP server on loopback
with the updated invitation. The worker is the real ``db_worker`` command.
Set MEDREF_SCREENSHOTS=/some/dir to keep screenshots at 1280 and 390 px.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from medref.accounts.demo import COMMITTEE, create_demo_accounts
from medref.meetings.models import AgendaSupplement
from medref.meetings.workflow.agenda import add_item, schedule_meeting
from medref.organisation.models import Committee, Person
from tests.meetings.files import pdf_bytes
from tests.notifications.conftest import run_worker
from tests.notifications.smtp import smtp  # noqa: F401

from .helpers import click_and_load, log_in, press_step

SHOTS = os.environ.get("MEDREF_SCREENSHOTS")


def look(page, name: str, axe) -> None:
    """axe clean, no sideways scrolling at 390 px, and screenshots at 1280 and 390 px."""
    axe(page)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        scroll = page.evaluate("document.documentElement.scrollWidth")
        viewport = page.evaluate("document.documentElement.clientWidth")
        assert scroll <= viewport, f"{page.url}: {scroll} px wide on a {viewport} px screen"
        if SHOTS:
            Path(SHOTS).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=f"{SHOTS}/{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


@pytest.fixture
def meeting(transactional_db, settings, tmp_path, smtp):  # noqa: F811
    settings.MEDIA_ROOT = str(tmp_path / "media")
    create_demo_accounts()
    committee = Committee.objects.get(name=COMMITTEE, municipality__name="Vejle Kommune")
    for person in Person.objects.filter(user__isnull=False):
        person.email = f"{person.user.username}@vejle.test"
        person.save(update_fields=["email"])
    secretary = User.objects.get(username="sekretaer")
    day = timezone.localdate() + dt.timedelta(days=6)
    found = schedule_meeting(committee, day, dt.time(13), "Mødelokale 2225", actor=secretary)
    add_item(found, "Budgetopfølgning", actor=secretary)
    return found


def test_a_tillaegsdagsorden_from_the_secretary_to_the_members_inbox(
    new_context,
    meeting,
    smtp,  # noqa: F811
    live_server,
    axe,
) -> None:
    secretary = new_context().new_page()
    log_in(secretary, "sekretaer")
    secretary.goto(f"/moeder/{meeting.pk}/rediger/")
    press_step(secretary, "Send dagsorden")
    run_worker()
    before = smtp.to("medlem@vejle.test")[-1]
    smtp.messages.clear()
    sent_numbers = list(meeting.items.order_by("position").values_list("number", flat=True))
    last = sent_numbers[-1]

    # The editor's navigation leads to the tillægsdagsorden page.
    click_and_load(secretary, secretary.get_by_role("link", name="Tillægsdagsorden"))
    expect(secretary.get_by_role("heading", level=1)).to_have_text("Tillægsdagsorden")
    look(secretary, "supplement-empty", axe)
    add = secretary.locator("section.supplement-add")
    add.get_by_label("Titel").fill("Ny arbejdstidsaftale")
    add.get_by_label("Sagsfremstilling").fill("Aftalen gælder fra 1. januar.")
    add.get_by_label("Indstillet af").fill("Direktionen")
    add.get_by_label("At-sætninger (én pr. linje)").fill("FagMED tager aftalen til efterretning")
    click_and_load(secretary, add.get_by_role("button", name="Tilføj tillægspunkt"))
    expect(secretary.locator("ul.messages")).to_contain_text(
        f"Punkt {last + 1} er tilføjet som tillægspunkt"
    )
    # The tillægspunkt gets its bilag on its Ret page.
    click_and_load(secretary, secretary.get_by_role("link", name=f"Ret punkt {last + 1}"))
    secretary.get_by_label("Fil").set_input_files(
        {"name": "Arbejdstidsaftale.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}
    )
    click_and_load(secretary, secretary.get_by_role("button", name="Vedhæft bilag"))
    expect(secretary.locator("ul.messages")).to_contain_text("Bilaget “Arbejdstidsaftale”")
    expect(secretary.locator("section.supplement-attach")).to_contain_text("Arbejdstidsaftale")
    look(secretary, "supplement-item-bilag", axe)
    click_and_load(secretary, secretary.get_by_role("link", name="Tillægsdagsorden", exact=True))
    budget = meeting.items.get(title="Budgetopfølgning")
    click_and_load(secretary, secretary.get_by_role("link", name=f"Ret punkt {budget.number}"))
    look(secretary, "supplement-item", axe)
    secretary.get_by_label("Titel", exact=True).fill("Budgetopfølgning 3. kvartal")
    click_and_load(secretary, secretary.get_by_role("button", name="Gem ændring"))
    expect(secretary.locator("ul.messages")).to_contain_text("Ændret efter udsendelse")
    expect(secretary.locator("section.supplement-send")).to_contain_text(
        "er tilføjet eller ændret siden sidste udsendelse"
    )
    look(secretary, "supplement-waiting", axe)

    # Send tillægsdagsorden: the confirmation page lists what goes out, then the message.
    click_and_load(secretary, secretary.get_by_role("button", name="Send tillægsdagsorden"))
    expect(secretary.get_by_role("heading", level=1)).to_have_text("Send tillægsdagsorden?")
    summary = secretary.locator("ul.step-summary li").all_inner_texts()
    assert summary == [
        f"Punkt {budget.number}: Budgetopfølgning 3. kvartal (Ændret efter udsendelse)",
        f"Punkt {last + 1}: Ny arbejdstidsaftale (Tillægspunkt)",
    ]
    look(secretary, "supplement-confirm", axe)
    assert not AgendaSupplement.objects.exists()
    click_and_load(secretary, secretary.get_by_role("button", name="Send tillægsdagsorden"))
    expect(secretary.locator("ul.messages")).to_contain_text("Tillægsdagsordenen er udsendt.")
    version = AgendaSupplement.objects.get()
    assert version.item_numbers == [budget.number, last + 1]
    assert list(meeting.items.order_by("position").values_list("number", flat=True)) == [
        *sent_numbers,
        last + 1,
    ]  # the sent items kept their numbers
    expect(secretary.locator("section.supplement-sent")).to_contain_text(
        f"punkt {budget.number}, {last + 1}, udsendt"
    )
    look(secretary, "supplement-sent", axe)
    secretary.goto(f"/moeder/{meeting.pk}/historik/")
    expect(secretary.locator("main")).to_contain_text(
        f"Tillægsdagsorden udsendt af Sofie Sekretær, punkt {budget.number}, {last + 1}"
    )
    look(secretary, "supplement-history", axe)

    # The member's mail, read back from the SMTP server.
    assert smtp.messages == []  # sent by the worker, not in the request
    run_worker()
    mail = smtp.to("medlem@vejle.test")[-1]
    assert str(mail["Subject"]).startswith("Tillægsdagsorden: FagMED Økonomi")
    text = mail.get_body(preferencelist=("plain",)).get_content()
    assert f"Punkt {last + 1}: Ny arbejdstidsaftale (Tillægspunkt)" in text
    link = re.search(r"http://127\.0\.0\.1:8000(/moeder/\d+/)", text).group(1)

    def event(message):
        files = {p.get_filename(): p.get_content() for p in message.iter_attachments()}
        ics = files["moede.ics"]
        raw = ics if isinstance(ics, bytes) else ics.encode()
        return Calendar.from_ical(raw).walk("VEVENT")[0]

    assert str(event(mail)["uid"]) == str(event(before)["uid"])
    assert int(event(mail)["sequence"]) == int(event(before)["sequence"]) + 1

    # The member follows the mail's link and sees the marks and the supplement.
    member = new_context().new_page()
    log_in(member, "medlem")
    member.goto(link)
    new_item = member.locator(f"#punkt-{last + 1}")
    expect(new_item.locator(".mark-amended")).to_have_text("Tillægspunkt")
    expect(member.locator(f"#punkt-{budget.number} .mark-amended")).to_have_text(
        "Ændret efter udsendelse"
    )
    expect(member.locator(f"#punkt-{sent_numbers[0]} .mark-amended")).to_have_count(0)
    supplements = member.locator("nav.supplements")
    expect(supplements).to_contain_text(f"punkt {budget.number}, {last + 1}")
    bilag = new_item.get_by_role("link", name="Arbejdstidsaftale")
    assert member.request.get(bilag.get_attribute("href")).body()[:5] == b"%PDF-"
    look(member, "supplement-member", axe)
    pdf = member.request.get(
        supplements.get_by_role("link", name="Tillægsdagsorden").get_attribute("href")
    )
    assert pdf.ok and pdf.body()[:5] == b"%PDF-"
    if SHOTS:
        Path(SHOTS, "tillaegsdagsorden.pdf").write_bytes(pdf.body())
