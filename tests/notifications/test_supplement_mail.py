"""The "Tillægsdagsorden udsendt" mail, through the real worker and an SMTP server on loopback."""

from __future__ import annotations

import re

import pytest
from icalendar import Calendar

from medref.meetings.workflow import supplement
from medref.notifications.models import Preference
from tests.personas import Personas

from .conftest import run_worker

pytestmark = pytest.mark.django_db(transaction=True)

SITE = "http://127.0.0.1:8000"
MEMBERS = {"sofie", "frank", "nanna", "mads", "lene", "alma", "tage", "sara"}


def _event(message):
    ics = {p.get_filename(): p.get_content() for p in message.iter_attachments()}["moede.ics"]
    return Calendar.from_ical(ics if isinstance(ics, bytes) else ics.encode()).walk("VEVENT")[0]


def _files(message) -> dict[str, bytes]:
    return {p.get_filename(): p.get_content() for p in message.iter_attachments()}


def test_the_supplement_mail_lists_the_items_with_marks_and_updates_the_invitation(
    personas: Personas, sent, emails, smtp
) -> None:
    run_worker()
    before = _event(smtp.to(emails["mads"])[0])
    smtp.messages.clear()
    added = supplement.add_supplement_item(sent, actor=personas.sofie, title="Zebraaftalen")
    secret = supplement.add_supplement_item(
        sent, actor=personas.sofie, title="Giraffsagen", closed=True
    )
    assert smtp.messages == []
    supplement.send_supplement(sent, actor=personas.sofie)
    assert smtp.messages == []  # nothing is sent inside the request
    run_worker()
    assert sorted(str(m["To"]) for m in smtp.messages) == sorted(emails[k] for k in MEMBERS)
    mail = smtp.to(emails["mads"])[0]
    assert str(mail["Subject"]).startswith("Tillægsdagsorden: FagMED Økonomi, ")
    text = mail.get_body(preferencelist=("plain",)).get_content()
    html = mail.get_body(preferencelist=("html",)).get_content()
    numbers = f"{added.number}–{secret.number}"
    assert f"er udsendt: punkt {numbers}." in text
    assert f"Punkt {added.number}: Zebraaftalen (Tillægspunkt)" in text
    assert f"{SITE}/moeder/{sent.pk}/" in text and f'href="{SITE}/moeder/{sent.pk}/"' in html
    unsubscribe = re.search(r"<(.+)>", str(mail["List-Unsubscribe"])).group(1)
    assert unsubscribe in text and str(mail["List-Unsubscribe-Post"])
    # Members and substitutes see closed items (ReaderScope), so the closed item's title too.
    assert f"Punkt {secret.number}: Giraffsagen (Tillægspunkt)" in text
    sara = smtp.to(emails["sara"])[0].get_body(preferencelist=("plain",)).get_content()
    assert "Giraffsagen" in sara
    after = _event(mail)
    assert str(after["uid"]) == str(before["uid"])
    assert int(after["sequence"]) == int(before["sequence"]) + 1  # calendars update it
    assert list(_files(mail)) == ["moede.ics"]  # no PDF unless asked for


def test_the_supplement_pdf_for_those_who_want_attachments(
    personas: Personas, sent, emails, smtp
) -> None:
    Preference.objects.create(person=personas.people["mads"], kind="agenda_pdf", enabled=True)
    Preference.objects.create(person=personas.people["sara"], kind="agenda_pdf", enabled=True)
    supplement.add_supplement_item(sent, actor=personas.sofie, title="Zebraaftalen")
    version = supplement.send_supplement(sent, actor=personas.sofie)
    run_worker()
    name = f"tillaegsdagsorden-1-{sent.meeting_date.isoformat()}.pdf"
    mads = next(m for m in smtp.to(emails["mads"]) if "Tillægsdagsorden" in str(m["Subject"]))
    files = _files(mads)
    assert sorted(files) == ["moede.ics", name]
    assert files[name][:5] == b"%PDF-"
    version.file.open("rb")
    assert files[name] == version.file.read()  # in full for a member
    sara = next(m for m in smtp.to(emails["sara"]) if "Tillægsdagsorden" in str(m["Subject"]))
    assert _files(sara)[name] == files[name]  # substitutes read closed items too
    nanna = next(m for m in smtp.to(emails["nanna"]) if "Tillægsdagsorden" in str(m["Subject"]))
    assert list(_files(nanna)) == ["moede.ics"]


def test_turning_the_kind_off_stops_only_that_mail(personas: Personas, sent, emails, smtp) -> None:
    run_worker()
    smtp.messages.clear()
    Preference.objects.create(person=personas.people["mads"], kind="supplement_sent", enabled=False)
    supplement.add_supplement_item(sent, actor=personas.sofie, title="Zebraaftalen")
    supplement.send_supplement(sent, actor=personas.sofie)
    run_worker()
    assert smtp.to(emails["mads"]) == []
    assert len(smtp.to(emails["nanna"])) == 1


def test_a_member_without_a_login_reads_the_public_version(
    personas: Personas, sent, emails, smtp
) -> None:
    """Nobody can be asked what someone without a login may see: they get what the public does."""
    from medref.organisation.models import Membership, Person

    person = Person.objects.create(
        municipality=personas.municipality, name="Uffe Uden Login", email="uffe@vejle.test"
    )
    Membership.objects.create(
        person=person,
        committee=personas.committee,
        role=Membership.Role.MEMBER,
        start=sent.meeting_date.replace(year=sent.meeting_date.year - 1),
    )
    Preference.objects.create(person=person, kind="agenda_pdf", enabled=True)
    secret = supplement.add_supplement_item(
        sent, actor=personas.sofie, title="Giraffsagen", closed=True
    )
    version = supplement.send_supplement(sent, actor=personas.sofie)
    run_worker()
    mail = next(m for m in smtp.to("uffe@vejle.test") if "Tillægsdagsorden" in str(m["Subject"]))
    text = mail.get_body(preferencelist=("plain",)).get_content()
    assert "Giraffsagen" not in mail.as_string()
    assert f"Punkt {secret.number}: Lukket punkt (Tillægspunkt)" in text
    version.public_file.open("rb")
    pdf = next(v for k, v in _files(mail).items() if k.endswith(".pdf"))
    assert pdf == version.public_file.read()
