"""Administering members: no role preselected, a confirmation after each save, and a
member whose term starts later listed as "Kommende" rather than nowhere."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from medref.organisation.models import Committee, Membership
from medref.organisation.services import ensure_committee

pytestmark = pytest.mark.django_db


def add_url(committee: Committee) -> str:
    return reverse(
        "web:organisation:add_membership", args=[committee.municipality.slug, committee.slug]
    )


def page_url(committee: Committee) -> str:
    return reverse(
        "web:committee_in_municipality", args=[committee.municipality.slug, committee.slug]
    )


def test_no_role_is_preselected_and_none_chosen_is_refused(client_as, personas) -> None:
    client = client_as("anna")
    form = client.get(add_url(personas.committee)).content.decode()
    select = form[form.index('name="role"') : form.index("</select>", form.index('name="role"'))]
    assert '<option value="" selected>(vælg en rolle)</option>' in select
    assert "selected" not in select.replace('<option value="" selected>', "")
    data = {"name": "Ole Olsen", "role": "", "side": "", "title": "", "start": "2026-01-01"}
    response = client.post(add_url(personas.committee), data)
    assert response.status_code == 200
    assert not Membership.objects.filter(person__name="Ole Olsen").exists()


def test_a_future_member_is_confirmed_and_listed_as_kommende(client_as, personas) -> None:
    empty = ensure_committee(personas.municipality, "LokalMED Nyt Hus", parent=personas.committee)
    start = timezone.localdate() + dt.timedelta(days=30)
    client = client_as("anna")
    data = {"name": "Ole Olsen", "role": "medlem", "side": "", "title": "", "start": start}
    response = client.post(add_url(empty), data, follow=True)
    html = response.content.decode()
    assert re.search(r"Ole Olsen er tilføjet som medlem fra .* \(kommende\)\.", html)
    assert "Ingen medlemmer registreret" not in html
    assert "Ingen medlemmer endnu." in html
    kommende = html[html.index("<h3>Kommende</h3>") :]
    assert "Ole Olsen" in kommende


def test_ending_a_membership_is_confirmed(client_as, personas) -> None:
    membership = personas.memberships["mads"]
    url = reverse("web:organisation:end_membership", args=[membership.pk])
    end = timezone.localdate().isoformat()
    response = client_as("anna").post(url, {"end": end}, follow=True)
    assert "Medlemskabet for Mads Medlem slutter d." in response.content.decode()
    assert page_url(personas.committee) in response.redirect_chain[-1][0]


def test_an_administrator_edits_a_membership_and_the_change_is_recorded(
    client_as, personas
) -> None:
    from medref.organisation.models import MembershipChange

    membership = personas.memberships["mads"]
    url = reverse("web:organisation:edit_membership", args=[membership.pk])
    client = client_as("anna")
    committee_page = client.get(page_url(personas.committee)).content.decode()
    assert url in committee_page
    form = client.get(url).content.decode()
    assert "Ret medlemskabet for Mads Medlem" in form
    end = timezone.localdate() + dt.timedelta(days=100)
    data = {
        "role": "amr",
        "side": "medarbejder",
        "title": "Bogholder",
        "start": membership.start.isoformat(),
        "end": end.isoformat(),
    }
    response = client.post(url, data, follow=True)
    assert "Medlemskabet for Mads Medlem er gemt." in response.content.decode()
    membership.refresh_from_db()
    assert membership.role == "amr" and membership.end == end
    change = MembershipChange.objects.get(membership=membership, kind="edited")
    assert change.details["changes"] == {
        "role": ["medlem", "amr"],
        "end": [None, end.isoformat()],
    }
    assert change.actor == personas.anna


def test_editing_refuses_a_second_chair_and_an_end_before_the_start(client_as, personas) -> None:
    membership = personas.memberships["mads"]
    url = reverse("web:organisation:edit_membership", args=[membership.pk])
    client = client_as("anna")
    base = {"side": "medarbejder", "title": "", "start": membership.start.isoformat(), "end": ""}
    chair = client.post(url, {**base, "role": "formand"}).content.decode()
    assert "Frank Formand er formand" in chair
    early = (membership.start - dt.timedelta(days=1)).isoformat()
    backwards = client.post(url, {**base, "role": "medlem", "end": early}).content.decode()
    assert "kan ikke slutte, før" in backwards
    membership.refresh_from_db()
    assert membership.role == "medlem" and membership.end is None


def test_only_administrators_edit_memberships(client_as, personas) -> None:
    url = reverse("web:organisation:edit_membership", args=[personas.memberships["mads"].pk])
    assert client_as("sofie").get(url).status_code == 403
    assert client_as("anonymous").get(url).status_code == 302


def test_the_edit_form_marks_optional_fields_in_danish(client_as, personas) -> None:
    url = reverse("web:organisation:edit_membership", args=[personas.memberships["mads"].pk])
    html = client_as("anna").get(url).content.decode()
    assert '<span class="optional">(valgfri)</span>' in html
    assert "()" not in html
