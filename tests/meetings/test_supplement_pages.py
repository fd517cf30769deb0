"""The tillægsdagsorden pages: add, change, confirm and send, download by reader."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from medref.meetings.models import AgendaSupplement, ItemAmendment, Meeting, MeetingEvent
from medref.meetings.workflow import supplement
from tests.personas import Personas

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


def url(name: str, meeting: Meeting, *args: int) -> str:
    return reverse(f"web:meetings:{name}", args=[meeting.pk, *args])


def test_the_secretary_adds_an_item_confirms_and_sends(
    sent: Meeting, client_as: Callable[[str], Client]
) -> None:
    client = client_as("sofie")
    page = client.get(url("supplement", sent)).content.decode()
    assert "<h1>Tillægsdagsorden</h1>" in page
    assert "Intet venter" in page
    last = sent.items.order_by("-number").first().number
    done = client.post(
        url("supplement", sent),
        {"title": "Ny arbejdstidsaftale", "case_text": "Aftalen gælder fra januar."},
        follow=True,
    ).content.decode()
    assert f"Punkt {last + 1} er tilføjet som tillægspunkt" in done
    assert f"Punkt {last + 1} er tilføjet eller ændret siden sidste udsendelse" in done
    assert 'class="mark-amended">Tillægspunkt<' in done
    step = reverse("web:meetings:transition", args=[sent.pk, "send-tillaegsdagsorden"])
    assert f'action="{step}"' in done  # the page's button opens the step's confirmation
    asked = client.get(step).content.decode()
    assert '<h1 id="bekraeft-titel">Send tillægsdagsorden?</h1>' in asked
    assert f"<li>Punkt {last + 1}: Ny arbejdstidsaftale (Tillægspunkt)</li>" in asked
    assert "den udsendte dagsorden forbliver, som den var" in asked
    assert "Dette trin kan ikke fortrydes." in asked
    assert not AgendaSupplement.objects.exists()  # asking sent nothing
    sent_page = client.post(step, {"bekraeft": "1"}, follow=True)
    text = sent_page.content.decode()
    assert sent_page.redirect_chain[-1][0] == url("supplement", sent)
    assert "Tillægsdagsordenen er udsendt." in text
    assert f"punkt {last + 1}, udsendt" in text
    assert AgendaSupplement.objects.get().item_numbers == [last + 1]
    history = client.get(url("history", sent)).content.decode()
    assert f"Tillægsdagsorden udsendt af Sofie Sekretær, punkt {last + 1}" in history
    assert "Tillægspunkt: tilføjet efter dagsordenen var udsendt." in history


def test_changing_a_sent_item_through_the_form(
    sent: Meeting, client_as: Callable[[str], Client]
) -> None:
    item = sent.items.order_by("position")[2]
    client = client_as("sofie")
    form = client.get(url("supplement_item", sent, item.pk)).content.decode()
    assert f"Ret punkt {item.number} efter udsendelse" in form
    client.post(
        url("supplement_item", sent, item.pk),
        {"title": "Orientering om budget", "version": item.version, "case_text": "Nyt."},
    )
    item.refresh_from_db()
    assert item.title == "Orientering om budget"
    assert item.amendment.kind == "changed"
    stale = client.post(
        url("supplement_item", sent, item.pk),
        {"title": "Igen", "version": item.version - 1},
    )
    assert stale.status_code == 400 and "efter du åbnede" in stale.content.decode()


@pytest.mark.parametrize("who", ["mads", "sara", "otto"])
def test_others_may_not_open_the_pages(
    who: str, sent: Meeting, client_as: Callable[[str], Client]
) -> None:
    client = client_as(who)
    assert client.get(url("supplement", sent)).status_code in (403, 404)
    assert client.post(url("supplement", sent), {"title": "X"}).status_code in (403, 404)
    step = reverse("web:meetings:transition", args=[sent.pk, "send-tillaegsdagsorden"])
    assert client.post(step, {"bekraeft": "1"}).status_code in (403, 404)
    assert not sent.items.filter(title="X").exists()


def test_the_editor_nav_links_the_page_once_the_agenda_is_sent(
    sent: Meeting, client_as: Callable[[str], Client]
) -> None:
    client = client_as("sofie")
    html = client.get(url("attendance", sent)).content.decode()
    assert f'href="{url("supplement", sent)}"' in html


def test_the_workflow_button_is_offered_only_when_something_waits(
    sent: Meeting, personas: Personas, client_as: Callable[[str], Client]
) -> None:
    client = client_as("sofie")
    step = reverse("web:meetings:transition", args=[sent.pk, "send-tillaegsdagsorden"])
    page = reverse("web:meeting", args=[sent.pk])
    assert step not in client.get(url("minutes", sent)).content.decode()
    assert step not in client.get(page).content.decode()
    supplement.add_supplement_item(sent, actor=personas.sofie, title="Zebraaftale")
    assert step in client.get(url("minutes", sent)).content.decode()
    assert step in client.get(page).content.decode()
    assert step not in client_as("mads").get(page).content.decode()


def test_members_get_the_full_supplement_the_public_the_open_items(
    sent: Meeting, personas: Personas, client_as: Callable[[str], Client]
) -> None:
    supplement.add_supplement_item(sent, actor=personas.sofie, title="Åbent zebrapunkt")
    supplement.add_supplement_item(
        sent, actor=personas.sofie, title="Lukket giraffpunkt", closed=True
    )
    version = supplement.send_supplement(sent, actor=personas.sofie)
    link = url("supplement_file", sent, version.number)
    member = client_as("mads").get(link)
    public = Client().get(link)
    assert member.status_code == 200 and public.status_code == 200
    assert member["X-Content-Type-Options"] == "nosniff"
    assert "offentlig" in public["Content-Disposition"]
    assert "offentlig" not in member["Content-Disposition"]
    assert b"".join(member.streaming_content) != b"".join(public.streaming_content)
    assert Client().get(url("supplement_file", sent, 9)).status_code == 404


def test_the_meeting_page_shows_the_marks_and_the_supplements(
    sent: Meeting, personas: Personas, client_as: Callable[[str], Client]
) -> None:
    item = supplement.add_supplement_item(sent, actor=personas.sofie, title="Zebraaftale")
    page = Client().get(reverse("web:meeting", args=[sent.pk])).content.decode()
    assert "Zebraaftale" in page and "Tillægspunkt" in page
    supplement.send_supplement(sent, actor=personas.sofie)
    page = client_as("mads").get(reverse("web:meeting", args=[sent.pk])).content.decode()
    assert url("supplement_file", sent, 1) in page
    assert f"punkt {item.number}" in page
    event = sent.events.get(action=MeetingEvent.Action.SUPPLEMENT_SENT)
    assert event.details["items"] == [item.number]


def test_the_downloads_carry_the_marks_while_the_agenda_is_sent(
    sent: Meeting, personas: Personas, client_as: Callable[[str], Client]
) -> None:
    item = supplement.add_supplement_item(sent, actor=personas.sofie, title="Zebraaftale")
    text = client_as("mads").get(reverse("web:download", args=[sent.pk, "txt"])).content.decode()
    assert "Zebraaftale – Tillægspunkt" in text
    assert item.title == "Zebraaftale"  # the mark is in the files, not in the stored title


def test_saving_an_unchanged_item_says_so_and_marks_nothing(
    sent: Meeting, client_as: Callable[[str], Client]
) -> None:
    item = sent.items.order_by("position")[0]
    client = client_as("sofie")
    form = client.get(url("supplement_item", sent, item.pk)).context["form"]
    data = {k: v for k, v in form.initial.items() if v not in (False, None)}
    page = client.post(url("supplement_item", sent, item.pk), data, follow=True)
    assert f"Intet er ændret i punkt {item.number}." in page.content.decode()
    assert not ItemAmendment.objects.exists()
    assert not sent.events.filter(action=MeetingEvent.Action.ITEM_EDITED).exists()


def test_a_bilag_on_a_sent_item_is_checked_marked_and_served(
    sent: Meeting, client_as: Callable[[str], Client]
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.meetings.files import pdf_bytes

    item = sent.items.order_by("position")[2]
    client = client_as("sofie")
    link = url("supplement_attach", sent, item.pk)
    fake = SimpleUploadedFile("budget.pdf", b"%PDF-1.4 not really", "application/pdf")
    refused = client.post(link, {"file": fake, "version": item.version})
    assert refused.status_code == 400 and "budget.pdf" in refused.content.decode()
    assert not item.attachments.exists()
    good = SimpleUploadedFile("Budget 2027.pdf", pdf_bytes(), "application/pdf")
    page = client.post(link, {"file": good, "version": item.version}, follow=True)
    assert "Bilaget “Budget 2027” er vedhæftet" in page.content.decode()
    attachment = item.attachments.get()
    item.refresh_from_db()
    assert item.amendment.kind == ItemAmendment.Kind.CHANGED
    event = sent.events.get(action=MeetingEvent.Action.ATTACHMENT_ADDED, item=item)
    assert event.details["after_sending"] is True
    served = client_as("mads").get(url("attachment", sent, attachment.pk))
    assert served.status_code == 200 and served["Content-Type"] == "application/pdf"
    assert client_as("mads").post(link, {"file": good}).status_code in (403, 404)
