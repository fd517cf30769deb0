"""The administrator's pages: add a member, end a membership."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from medref.organisation.models import Membership

MANAGERS = ("anna", "root")
OTHERS = ("sofie", "frank", "mads", "sara", "otto", "ib")
GOOD = {
    "name": "Ole Olsen",
    "role": "amr",
    "side": "medarbejder",
    "title": "Pædagog",
    "start": "2026-01-01",
    "end": "",
}


def add_url(personas) -> str:
    return reverse(
        "web:organisation:add_membership",
        args=[personas.municipality.slug, personas.committee.slug],
    )


def end_url(membership) -> str:
    return reverse("web:organisation:end_membership", args=[membership.pk])


def committee_url(personas) -> str:
    return reverse(
        "web:committee_in_municipality", args=[personas.municipality.slug, personas.committee.slug]
    )


def test_the_urls_are_danish(personas):
    assert add_url(personas) == "/udvalg/vejle-kommune/fagmed-oekonomi/medlemmer/ny/"
    assert end_url(personas.memberships["mads"]).startswith("/medlemskaber/")


@pytest.mark.parametrize("name", MANAGERS)
def test_an_administrator_adds_a_member(client_as, personas, name):
    client = client_as(name)
    html = client.get(add_url(personas)).content.decode()
    assert "<h1>Nyt medlem af FagMED Økonomi</h1>" in html
    assert '<option value="Mads Medlem">' in html  # suggestions from the municipality

    response = client.post(add_url(personas), GOOD)
    assert response.status_code == 302
    assert response["Location"] == committee_url(personas) + "#medlemmer"
    membership = Membership.objects.get(person__name="Ole Olsen")
    assert (membership.role, membership.side, membership.title) == ("amr", "medarbejder", "Pædagog")
    assert membership.start == dt.date(2026, 1, 1) and membership.end is None


@pytest.mark.parametrize("name", OTHERS)
def test_others_are_refused(client_as, personas, name):
    client = client_as(name)
    assert client.get(add_url(personas)).status_code == 403
    assert client.post(add_url(personas), GOOD).status_code == 403
    mads = personas.memberships["mads"]
    assert client.post(end_url(mads), {"end": "2026-01-01"}).status_code == 403
    assert not Membership.objects.filter(person__name="Ole Olsen").exists()
    mads.refresh_from_db()
    assert mads.end is None


def test_anonymous_readers_are_asked_to_log_in(client_as, personas):
    response = client_as("anonymous").get(add_url(personas))
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/log-ind/?next=/udvalg/")


def test_errors_stand_next_to_their_fields_in_danish(client_as, personas):
    client = client_as("anna")
    html = client.post(
        add_url(personas), {**GOOD, "name": "", "start": "2026-13-45", "end": ""}
    ).content.decode()
    name_error = html.index('id="id_name-fejl"')
    assert "Dette felt er påkrævet." in html[name_error : name_error + 80]
    assert 0 < name_error - html.index('id="id_name"') < 200
    assert 'aria-describedby="id_name-fejl"' in html
    start_error = html.index('id="id_start-fejl"')
    assert "Indtast en gyldig dato." in html[start_error : start_error + 80]


def test_service_errors_stand_next_to_their_fields(client_as, personas):
    client = client_as("anna")
    html = client.post(
        add_url(personas), {**GOOD, "name": "Ny Formand", "role": "formand"}
    ).content.decode()
    role_error = html.index('id="id_role-fejl"')
    assert "Frank Formand er formand for udvalget i den periode" in html[role_error:]
    html = client.post(add_url(personas), {**GOOD, "end": "2025-12-31"}).content.decode()
    end_error = html.index('id="id_end-fejl"')
    assert "Perioden kan ikke slutte, før den begynder." in html[end_error : end_error + 100]
    assert not Membership.objects.filter(person__name__in=["Ny Formand", "Ole Olsen"]).exists()


def test_the_forms_need_the_csrf_token(personas):
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.anna)
    assert client.post(add_url(personas), GOOD).status_code == 403
    mads = personas.memberships["mads"]
    assert client.post(end_url(mads), {"end": "2026-01-01"}).status_code == 403
    mads.refresh_from_db()
    assert mads.end is None


def test_an_administrator_ends_a_membership(client_as, personas):
    client = client_as("anna")
    mads = personas.memberships["mads"]
    html = client.get(end_url(mads)).content.decode()
    assert "<h1>Afslut medlemskabet for Mads Medlem</h1>" in html
    response = client.post(end_url(mads), {"end": "2026-01-31"})
    assert response.status_code == 302
    mads.refresh_from_db()
    assert mads.end == dt.date(2026, 1, 31)


def test_ending_an_ended_membership_says_why(client_as, personas):
    finn = personas.memberships["finn"]
    html = client_as("anna").post(end_url(finn), {"end": "2026-01-31"}).content.decode()
    error = html.index('id="id_end-fejl"')
    assert "Dette medlemskab sluttede allerede" in html[error : error + 100]


@pytest.mark.parametrize("method", ["put", "delete"])
def test_other_methods_are_refused(client_as, personas, method):
    assert getattr(client_as("anna"), method)(add_url(personas)).status_code == 405
