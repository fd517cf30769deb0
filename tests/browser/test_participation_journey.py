"""Members take part (issue 17), in a real browser with real mail.

The agenda goes out → the member finds the mail (read back from an SMTP
server on loopback) with its .ics, writes a private note and gives afbud →
the minutes are submitted → with the rule "all attendees" the formand and
næstformand approve (she comments too) and the minutes stay a draft until
the secretary, the last attendee, approves → the approval page lists each
approval with its time → a citizen subscribes with double opt-in and gets
the publication mail. The worker is the real ``db_worker`` command.
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

from medref.accounts.demo import COMMITTEE, create_demo_accounts
from medref.meetings.models import Attendance, MeetingEvent
from medref.meetings.workflow.agenda import add_item, schedule_meeting
from medref.notifications.models import Subscription
from medref.organisation.models import Committee, Person
from medref.participation import approval
from medref.participation.models import MemberAfbud, PrivateNote
from tests.notifications.conftest import run_worker
from tests.notifications.smtp import smtp  # noqa: F401

from .helpers import click_and_load, log_in, press_step

NOTE = "Spørg til zebra-budgettet"
SHOTS = os.environ.get("MEDREF_SCREENSHOTS")


def shoot(page, name: str) -> None:
    if not SHOTS:
        return
    Path(SHOTS).mkdir(parents=True, exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
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


def _mail(smtp, who: str):  # noqa: F811
    found = smtp.to(f"{who}@vejle.test")
    assert found, f"no mail to {who}"
    return found[-1]


def test_members_take_part_from_agenda_to_published_minutes(
    page,
    new_context,
    meeting,
    smtp,  # noqa: F811
    live_server,
    axe,
) -> None:
    # The municipality's administrator sets the committee's rule: all attendees approve.
    admin = new_context().new_page()
    log_in(admin, "admin")
    admin.goto(f"/moeder/{meeting.pk}/godkendelse/")
    admin.get_by_label("Udvalgets godkendelsesregel").select_option(label="Alle mødedeltagere")
    click_and_load(admin, admin.get_by_role("button", name="Gem regel"))
    assert approval.rule_of(meeting.committee_id) == "all"

    # The secretary sends the agenda: the button, its confirmation page, the button again.
    secretary_page = new_context().new_page()
    log_in(secretary_page, "sekretaer")
    secretary_page.goto(f"/moeder/{meeting.pk}/rediger/")
    press_step(secretary_page, "Send dagsorden")
    meeting.refresh_from_db()
    assert meeting.status == "agenda_sent"
    assert smtp.messages == []  # nothing is sent inside the request
    run_worker()
    mail = _mail(smtp, "medlem")
    assert str(mail["Subject"]).startswith("Dagsorden: FagMED Økonomi")
    text = mail.get_body(preferencelist=("plain",)).get_content()
    link = re.search(r"http://127\.0\.0\.1:8000(/moeder/\d+/)", text).group(1)
    ics = {p.get_filename(): p.get_content() for p in mail.iter_attachments()}["moede.ics"]
    event = Calendar.from_ical(ics if isinstance(ics, bytes) else ics.encode()).walk("VEVENT")[0]
    assert str(event["uid"]).startswith(f"medref-meeting-{meeting.pk}@")

    # The member: a private note, then afbud.
    log_in(page, "medlem")
    page.goto(link)
    shoot(page, "meeting-member")
    click_and_load(page, page.get_by_role("link", name="Mine noter og kommentarer"))
    item = meeting.items.get(title="Budgetopfølgning")
    page.get_by_label("Min note (privat)").nth(
        list(meeting.items.order_by("position").values_list("pk", flat=True)).index(item.pk)
    ).fill(NOTE)
    section = page.locator(f"#punkt-{item.pk}")
    click_and_load(page, section.get_by_role("button", name="Gem note"))
    assert PrivateNote.objects.get().text == NOTE
    axe(page)
    shoot(page, "notes")
    page.goto(link)
    page.get_by_label("Indkald gerne en suppleant i mit sted").check()
    click_and_load(page, page.get_by_role("button", name="Jeg kommer ikke"))
    assert MemberAfbud.objects.get().substitute_wanted
    assert "Du har meldt afbud" in page.content()

    # Her calendar address and her e-mail choices.
    page.goto("/min-side/kalender/")
    click_and_load(page, page.get_by_role("button", name="Lav min kalenderadresse"))
    feed = page.get_by_label("Din kalenderadresse").input_value()
    assert re.search(r"/kalender/[\w-]+\.ics$", feed)
    axe(page)
    shoot(page, "calendar")
    page.goto("/min-side/notifikationer/")
    page.get_by_label("Vedhæft dagsordenen som PDF").check()
    click_and_load(page, page.get_by_role("button", name="Gem"))
    assert "Dine valg er gemt" in page.content()
    assert page.get_by_label("Vedhæft dagsordenen som PDF").is_checked()
    axe(page)
    shoot(page, "preferences")

    # The secretary sees the afbud prefilled, records attendance, marks the meeting held
    # and submits the minutes: every step clicked, with its confirmation page.
    secretary_page.goto(f"/moeder/{meeting.pk}/fremmoede/")
    assert "Afbud meldt af medlemmerne" in secretary_page.content()
    medlem = Person.objects.get(user__username="medlem")
    assert secretary_page.locator(f"input[name=status_{medlem.pk}][value=afbud]").is_checked()
    present = {"sekretaer", "formand", "naestformand"}
    for name in ("Sofie Sekretær", "Frank Formand", "Nanna Næstformand"):
        secretary_page.get_by_role("group", name=name).get_by_label("Til stede").check()
    click_and_load(secretary_page, secretary_page.get_by_role("button", name="Gem fremmøde"))
    assert Attendance.objects.get(meeting=meeting, person=medlem).status == "afbud"
    assert (
        set(
            Attendance.objects.filter(meeting=meeting, status="present").values_list(
                "person__user__username", flat=True
            )
        )
        == present
    )
    secretary_page.goto(f"/moeder/{meeting.pk}/referat/")
    press_step(secretary_page, "Marker som afholdt")
    smtp.messages.clear()
    press_step(secretary_page, "Afslut referatudkast")
    meeting.refresh_from_db()
    assert meeting.status == "minutes_draft"
    run_worker()
    assert sorted(str(m["To"]) for m in smtp.messages) == sorted(f"{u}@vejle.test" for u in present)
    assert all(NOTE not in m.as_string() for m in smtp.messages)

    # Two attendees approve, one of them comments; the draft stays a draft.
    url = f"/moeder/{meeting.pk}/godkendelse/"
    for who in ("formand", "naestformand"):
        context = new_context()
        member = context.new_page()
        log_in(member, who)
        if who == "naestformand":
            member.goto(f"/moeder/{meeting.pk}/noter/")
            member.locator(f"#punkt-{item.pk}").get_by_label("Ny kommentar").fill(
                "Tallene ser fine ud."
            )
            click_and_load(
                member, member.locator(f"#punkt-{item.pk}").get_by_role("button", name="Kommentér")
            )
        member.goto(url)
        click_and_load(member, member.get_by_role("button", name="Godkend", exact=True))
        assert "Du har godkendt referatet" in member.content()
        meeting.refresh_from_db()
        assert meeting.status == "minutes_draft"
    secretary_page.goto(url)
    assert "2 af 3 nødvendige" in secretary_page.content()
    axe(secretary_page)
    shoot(secretary_page, "approval-draft")
    click_and_load(secretary_page, secretary_page.get_by_role("button", name="Godkend", exact=True))
    meeting.refresh_from_db()
    assert meeting.status == "minutes_approved"
    approved = meeting.events.get(action=MeetingEvent.Action.MINUTES_APPROVED)
    assert [a["name"] for a in approved.details["approvals"]] == [
        "Frank Formand",
        "Nanna Næstformand",
        "Sofie Sekretær",
    ]
    table = secretary_page.locator("table").inner_text()
    assert re.search(r"Frank Formand\s+\d+\.\d+\.\d{4} \d\d:\d\d", table)
    signatures = secretary_page.locator("section.signatures li").all_inner_texts()
    assert [s.split(",")[0] for s in signatures] == [
        "Frank Formand",
        "Nanna Næstformand",
        "Sofie Sekretær",
    ]
    assert all(re.search(r", \d+\. \w+ \d{4} kl\. \d\d:\d\d$", s) for s in signatures)
    shoot(secretary_page, "approval-done")

    # A citizen subscribes, confirms, and reads of the publication.
    citizen = new_context().new_page()
    committee = meeting.committee
    citizen.goto(f"/udvalg/{committee.municipality.slug}/{committee.slug}/")
    click_and_load(citizen, citizen.get_by_role("link", name="Få besked om nye referater"))
    citizen.get_by_label("Din e-mailadresse").fill("borger@example.dk")
    click_and_load(citizen, citizen.get_by_role("button", name="Abonnér"))
    shoot(citizen, "subscribe")
    run_worker()
    confirm = smtp.to("borger@example.dk")[-1].get_body(preferencelist=("plain",)).get_content()
    citizen.goto(
        re.search(r"http://127\.0\.0\.1:8000(/abonnement/bekraeft/\S+/)", confirm).group(1)
    )
    click_and_load(citizen, citizen.get_by_role("button", name="Bekræft"))
    assert "bekræftet" in citizen.content()
    smtp.messages.clear()
    secretary_page.goto(f"/moeder/{meeting.pk}/")
    press_step(secretary_page, "Offentliggør referat")
    meeting.refresh_from_db()
    assert meeting.status == "published"
    run_worker()
    published = smtp.to("borger@example.dk")
    assert len(published) == 1 and str(published[0]["Subject"]).startswith("Referat offentliggjort")
    assert all(
        NOTE not in m.as_string() and "Tallene ser fine ud" not in m.as_string()
        for m in smtp.to("borger@example.dk")
    )
    axe(citizen)

    # One click from the mail ends the subscription.
    html = published[0].get_body(preferencelist=("html",)).get_content()
    unsubscribe = re.search(r'href="http://127\.0\.0\.1:8000(/afmeld/[^"]+)"', html).group(1)
    citizen.goto(unsubscribe)
    axe(citizen)
    shoot(citizen, "unsubscribe")
    click_and_load(citizen, citizen.get_by_role("button", name="Afmeld"))
    assert "Du er afmeldt" in citizen.content()
    assert not Subscription.objects.exists()
