"""Notifications through the real worker and a real SMTP server on loopback."""

from __future__ import annotations

import re
import threading

import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from medref.meetings.workflow import minutes
from medref.notifications.models import Preference, Subscription
from medref.participation import services
from tests.personas import Personas

from .conftest import run_worker

# Committed data, as the worker sees it in production: the worker closes
# connections it finds in a transaction (close_old_connections), which would end
# a test's enclosing transaction on PostgreSQL.
pytestmark = pytest.mark.django_db(transaction=True)

SITE = "http://127.0.0.1:8000"


def _parts(message) -> tuple[str, str]:
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    return text, html


def _attachments(message) -> dict[str, bytes]:
    return {part.get_filename(): part.get_content() for part in message.iter_attachments()}


def _send(planned, personas, capture) -> None:
    with capture(execute=True):
        minutes.send_agenda(planned, actor=personas.sofie)


def test_agenda_mail_to_members_and_substitutes_with_invitation(
    personas: Personas, planned, emails, smtp, django_capture_on_commit_callbacks
) -> None:
    _send(planned, personas, django_capture_on_commit_callbacks)
    assert smtp.messages == []  # nothing is sent inside the request
    run_worker()
    expected = {"sofie", "frank", "nanna", "mads", "lene", "alma", "tage", "sara"}
    assert sorted(str(m["To"]) for m in smtp.messages) == sorted(emails[k] for k in expected)
    mail = smtp.to(emails["mads"])[0]
    assert str(mail["Subject"]).startswith("Dagsorden: FagMED Økonomi, ")
    text, html = _parts(mail)
    link = f"{SITE}/moeder/{planned.pk}/"
    assert "Kære Mads Medlem" in text and link in text
    assert f'href="{link}"' in html
    unsubscribe = re.search(r"<(.+)>", str(mail["List-Unsubscribe"])).group(1)
    assert unsubscribe in text and unsubscribe.startswith(f"{SITE}/afmeld/")
    assert str(mail["List-Unsubscribe-Post"]) == "List-Unsubscribe=One-Click"
    files = _attachments(mail)
    assert list(files) == ["moede.ics"]
    body = files["moede.ics"]
    raw = body if isinstance(body, bytes) else body.encode()
    event = Calendar.from_ical(raw).walk("VEVENT")[0]
    assert str(event["uid"]) == f"medref-meeting-{planned.pk}@127.0.0.1"
    assert link in str(event["description"])


def test_the_agenda_pdf_for_those_who_ask(
    personas: Personas, planned, emails, smtp, django_capture_on_commit_callbacks
) -> None:
    Preference.objects.create(person=personas.people["mads"], kind="agenda_pdf", enabled=True)
    _send(planned, personas, django_capture_on_commit_callbacks)
    run_worker()
    planned.refresh_from_db()
    assert planned.agenda_file.name.endswith(".pdf")
    mads = _attachments(smtp.to(emails["mads"])[0])
    assert sorted(mads) == [f"dagsorden-{planned.meeting_date.isoformat()}.pdf", "moede.ics"]
    assert mads[next(n for n in mads if n.endswith(".pdf"))][:5] == b"%PDF-"
    assert list(_attachments(smtp.to(emails["nanna"])[0])) == ["moede.ics"]


def test_one_click_unsubscribe_stops_that_kind(
    personas: Personas, planned, emails, smtp, django_capture_on_commit_callbacks
) -> None:
    _send(planned, personas, django_capture_on_commit_callbacks)
    run_worker()
    mail = smtp.to(emails["mads"])[0]
    url = re.search(r"<(.+)>", str(mail["List-Unsubscribe"])).group(1).removeprefix(SITE)
    client = Client(enforce_csrf_checks=True)
    assert "Afmeld" in client.get(url).content.decode()
    assert not Preference.objects.exists()  # GET changes nothing
    response = client.post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert Preference.objects.get(person=personas.people["mads"]).enabled is False
    smtp.messages.clear()
    second = _another_meeting(personas)
    _send(second, personas, django_capture_on_commit_callbacks)
    run_worker()
    assert smtp.to(emails["mads"]) == []
    assert smtp.to(emails["nanna"])
    assert Client().get(url[:-3] + "xx/").status_code == 404  # a forged token


def _another_meeting(personas):
    from tests.participation.conftest import schedule

    return schedule(personas, 21)


def test_a_refused_mail_is_tried_again(
    personas: Personas, planned, emails, smtp, django_capture_on_commit_callbacks
) -> None:
    from django_tasks_db.models import DBTaskResult

    smtp.refuse = 1
    _send(planned, personas, django_capture_on_commit_callbacks)
    run_worker()
    assert smtp.refused == 1
    assert len(smtp.messages) == 8  # the refused one arrived on its second attempt
    failed = DBTaskResult.objects.filter(status="FAILED")
    assert failed.count() == 1
    retried = DBTaskResult.objects.filter(args_kwargs__args__3=2)
    assert retried.count() == 1 and retried.get().status == "SUCCESSFUL"


def test_preferences_page_turns_kinds_off(personas: Personas, client_as) -> None:
    client = client_as("mads")
    page = client.get(reverse("web:notifications:preferences")).content.decode()
    assert "Dagsorden udsendt" in page and "Vedhæft dagsordenen som PDF" in page
    client.post(reverse("web:notifications:preferences"), {"agenda_sent": "1", "agenda_pdf": "1"})
    choices = dict(
        Preference.objects.filter(person=personas.people["mads"]).values_list("kind", "enabled")
    )
    assert choices["agenda_sent"] and choices["agenda_pdf"]
    assert not choices["minutes_published"] and not choices["comment"]


def test_a_comment_mails_the_secretary_without_notes(
    personas: Personas, sent, emails, smtp, django_capture_on_commit_callbacks
) -> None:
    run_worker()
    smtp.messages.clear()
    item = sent.items.exclude(closed=True).first()
    services.save_note(item, actor=personas.mads, text="hemmelig zebra")
    with django_capture_on_commit_callbacks(execute=True):
        services.add_comment(item, actor=personas.mads, text="Kan vi få tallene?")
    run_worker()
    assert [str(m["To"]) for m in smtp.messages] == [emails["sofie"]]
    text, html = _parts(smtp.messages[0])
    assert "Mads Medlem har kommenteret punkt" in text and "Kan vi få tallene?" in text
    assert "zebra" not in text and "zebra" not in html
    assert f"{SITE}/moeder/{sent.pk}/noter/#punkt-{item.pk}" in text


def test_citizens_subscribe_with_double_opt_in(
    personas: Personas, sent, smtp, django_capture_on_commit_callbacks
) -> None:
    c = personas.committee
    url = reverse("web:notifications:subscribe", args=[c.municipality.slug, c.slug])
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(url, {"email": "Borger@Example.dk"})
    assert "Vi har sendt en e-mail" in response.content.decode()
    again = Client().post(url, {"email": "borger@example.dk"})  # within the hour: no new mail
    assert "Vi har sendt en e-mail" in again.content.decode()
    run_worker()
    confirmation = smtp.to("borger@example.dk")
    assert len(confirmation) == 1
    text, _html = _parts(confirmation[0])
    link = re.search(rf"{SITE}(/abonnement/bekraeft/\S+/)", text).group(1)
    smtp.messages.clear()
    _publish(sent, personas, django_capture_on_commit_callbacks)
    run_worker()
    assert smtp.to("borger@example.dk") == []  # not confirmed yet
    client = Client()
    assert "Bekræft" in client.get(link).content.decode()
    client.post(link)
    assert Subscription.objects.get().confirmed_at is not None
    later = _another_meeting(personas)
    minutes.send_agenda(later, actor=personas.sofie)
    _publish(later, personas, django_capture_on_commit_callbacks)
    run_worker()
    mail = smtp.to("borger@example.dk")
    assert len(mail) == 1 and str(mail[0]["Subject"]).startswith("Referat offentliggjort")
    unsubscribe = re.search(r"<(.+)>", str(mail[0]["List-Unsubscribe"])).group(1)
    Client().post(unsubscribe.removeprefix(SITE))
    assert not Subscription.objects.exists()


def _publish(meeting, personas, capture) -> None:
    meeting.status = "minutes_approved"  # the approval steps are issue 16's and tested there
    meeting.save(update_fields=["status"])
    with capture(execute=True):
        minutes.publish_minutes(meeting, actor=personas.sofie)


def test_a_worker_in_its_own_thread_sends_the_agenda(
    personas: Personas, planned, emails, smtp, monkeypatch
):
    """The db_worker command polling in a thread next to the "server", as `make run` has it."""
    from django_tasks_db.management.commands.db_worker import Worker

    # Only the main thread may install signal handlers (SIGTERM for a graceful stop).
    monkeypatch.setattr(Worker, "configure_signals", lambda self: None)
    minutes.send_agenda(planned, actor=personas.sofie)  # autocommit: enqueued at once
    worker = threading.Thread(target=run_worker)
    worker.start()
    worker.join(timeout=60)
    assert not worker.is_alive()
    assert len(smtp.messages) == 8


def test_minutes_for_approval_go_to_the_attendees_and_reminders_to_the_waiting(
    personas: Personas, sent, emails, smtp, django_capture_on_commit_callbacks
) -> None:
    from medref.participation import approval

    approval.set_rule(personas.committee, "all", actor=personas.anna)
    statuses = {
        personas.people[k].pk: ("present" if k in ("frank", "nanna", "mads") else "afbud")
        for k in ("sofie", "frank", "nanna", "mads", "lene", "alma", "tage")
    }
    minutes.record_attendance(sent, statuses, actor=personas.sofie)
    minutes.mark_held(sent, actor=personas.sofie, confirmed=True)
    run_worker()
    smtp.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        minutes.submit_minutes(sent, actor=personas.sofie, confirmed=True)
    run_worker()
    assert sorted(str(m["To"]) for m in smtp.messages) == sorted(
        emails[k] for k in ("frank", "nanna", "mads")
    )
    assert str(smtp.messages[0]["Subject"]).startswith("Referat til godkendelse")
    smtp.messages.clear()
    approval.approve(sent, actor=personas.mads)
    with django_capture_on_commit_callbacks(execute=True):
        assert approval.remind(sent, actor=personas.sofie) == 2
    run_worker()
    assert sorted(str(m["To"]) for m in smtp.messages) == sorted(
        emails[k] for k in ("frank", "nanna")
    )


def test_a_moved_meeting_sends_the_new_invitation_with_a_higher_sequence(
    personas: Personas, sent, emails, smtp
) -> None:
    import datetime as dt

    run_worker()
    first = smtp.to(emails["mads"])[0]
    ics = _attachments(first)["moede.ics"]
    before = Calendar.from_ical(ics if isinstance(ics, bytes) else ics.encode()).walk("VEVENT")[0]
    smtp.messages.clear()
    minutes.change_time_and_place(
        sent,
        actor=personas.sofie,
        expected_version=None,
        meeting_date=sent.meeting_date + dt.timedelta(days=1),
        start_time=dt.time(9, 0),
        end_time=None,
        location="Byrådssalen",
    )
    run_worker()
    moved = smtp.to(emails["mads"])
    assert len(moved) == 1 and str(moved[0]["Subject"]).startswith("Mødet er flyttet")
    text, _html = _parts(moved[0])
    assert "Byrådssalen" in text
    ics = _attachments(moved[0])["moede.ics"]
    after = Calendar.from_ical(ics if isinstance(ics, bytes) else ics.encode()).walk("VEVENT")[0]
    assert str(after["uid"]) == str(before["uid"])
    assert int(after["sequence"]) == int(before["sequence"]) + 1
    assert str(after["location"]) == "Byrådssalen"
    assert len(smtp.messages) == 8  # the agenda's recipients
