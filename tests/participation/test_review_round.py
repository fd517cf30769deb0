"""Til gennemlæsning before approval, deadlines and the reminders before them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from medref.meetings.workflow.errors import IllegalTransition
from medref.participation import approval, services
from medref.participation.models import MinutesRound
from tests.notifications.conftest import run_worker
from tests.notifications.smtp import smtp  # noqa: F401
from tests.personas import Personas

from .test_approval import draft  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def emails(personas: Personas) -> dict[str, str]:
    found = {}
    for key, person in personas.people.items():
        person.email = f"{key}@vejle.test"
        person.save(update_fields=["email"])
        found[key] = person.email
    return found


def test_nobody_approves_during_the_review(personas: Personas, draft) -> None:  # noqa: F811
    approval.set_rule(personas.committee, "all", actor=personas.anna)
    with pytest.raises(PermissionDenied):
        approval.start_review(draft, actor=personas.mads, deadline=None)
    approval.start_review(draft, actor=personas.sofie, deadline=None)
    with pytest.raises(IllegalTransition):
        approval.approve(draft, actor=personas.mads)
    item = draft.items.exclude(closed=True).first()
    services.add_comment(item, actor=personas.mads, text="Ret beløbet i punkt 4")
    approval.end_review(draft, actor=personas.sofie, deadline=None)
    approval.approve(draft, actor=personas.mads)
    rows = {r.name: r for r in approval.overview(draft)}
    assert rows["Mads Medlem"].commented and rows["Mads Medlem"].approval is not None


def test_mails_for_review_and_reminders_before_the_deadline(
    personas: Personas,
    draft,  # noqa: F811
    emails,
    smtp,  # noqa: F811
) -> None:
    approval.set_rule(personas.committee, "all", actor=personas.anna)
    run_worker()
    smtp.messages.clear()
    deadline = timezone.localdate() + dt.timedelta(days=2)
    approval.start_review(draft, actor=personas.sofie, deadline=deadline)
    run_worker()
    assert sorted(str(m["To"]) for m in smtp.messages) == sorted(
        emails[k] for k in ("frank", "nanna", "mads")
    )
    assert str(smtp.messages[0]["Subject"]).startswith("Referat til gennemlæsning")
    smtp.messages.clear()
    services.add_comment(
        draft.items.exclude(closed=True).first(), actor=personas.nanna, text="Fint"
    )
    run_worker()
    smtp.messages.clear()
    call_command("send_reminders", "--days", "3")  # not due yet
    call_command("send_reminders", "--days", "2")
    call_command("send_reminders", "--days", "2")  # once only
    run_worker()
    assert sorted(str(m["To"]) for m in smtp.messages) == sorted(
        emails[k] for k in ("frank", "mads")
    )
    assert MinutesRound.objects.get().reminded_on == timezone.localdate()


def test_the_secretary_runs_the_round_from_the_approval_page(
    personas: Personas,
    client_as,
    draft,  # noqa: F811
) -> None:
    approval.set_rule(personas.committee, "all", actor=personas.anna)
    url = reverse("web:participation:approval", args=[draft.pk])
    sofie = client_as("sofie")
    sofie.post(url, {"action": "review", "deadline": "2099-01-31"})
    found = MinutesRound.objects.get()
    assert found.review and found.deadline == dt.date(2099, 1, 31)
    page = client_as("mads").get(url).content.decode()
    assert "Til gennemlæsning" in page and "Godkend</button>" not in page
    sofie.post(url, {"action": "open", "deadline": ""})
    found.refresh_from_db()
    assert not found.review and found.deadline is None
    assert "Godkend</button>" in client_as("mads").get(url).content.decode()
    client_as("mads").post(url, {"action": "review"})  # not the secretary's: refused
    found.refresh_from_db()
    assert not found.review
