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
