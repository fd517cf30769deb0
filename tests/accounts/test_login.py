"""Logging in and out, in Danish, with CSRF protection."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

LOGIN = "/konto/log-ind/"
LOGOUT = "/konto/log-ud/"


@pytest.fixture
def mads(personas):
    personas.mads.set_password("hemmelig-kode-42")
    personas.mads.save()
    return personas.mads


def test_the_urls_are_danish():
    assert reverse("accounts:login") == LOGIN
    assert reverse("accounts:logout") == LOGOUT


def test_the_login_page_is_danish(client, db):
    html = client.get(LOGIN).content.decode()
    assert '<html lang="da">' in html
    assert "<h1>Log ind</h1>" in html
    assert "Brugernavn" in html
    assert "Adgangskode" in html


def test_it_logs_in_and_goes_where_it_was_asked(client, mads):
    response = client.post(
        LOGIN, {"username": "mads", "password": "hemmelig-kode-42", "next": "/udvalg/x/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/udvalg/x/"
    assert client.session["_auth_user_id"] == str(mads.pk)


def test_it_goes_home_without_a_next(client, mads):
    response = client.post(LOGIN, {"username": "mads", "password": "hemmelig-kode-42"})
    assert response["Location"] == reverse("web:home")


def test_it_never_redirects_off_site(client, mads):
    response = client.post(
        LOGIN,
        {"username": "mads", "password": "hemmelig-kode-42", "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("web:home")


def test_a_wrong_password_says_so_in_danish(client, mads):
    response = client.post(LOGIN, {"username": "mads", "password": "forkert"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html
    assert "korrekt brugernavn" in html
    assert "_auth_user_id" not in client.session


def test_an_empty_field_is_named_next_to_the_field(client, db):
    html = client.post(LOGIN, {"username": "mads", "password": ""}).content.decode()
    password_field = html.index('id="id_password"')
    error = html.index('id="id_password-fejl"')
    assert 0 < error - password_field < 200
    assert "Dette felt er påkrævet." in html[error : error + 100]


def test_login_needs_the_csrf_token(mads):
    client = Client(enforce_csrf_checks=True)
    response = client.post(LOGIN, {"username": "mads", "password": "hemmelig-kode-42"})
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


def test_logout_is_post_only(client_as):
    client = client_as("mads")
    assert client.get(LOGOUT).status_code == 405
    assert "_auth_user_id" in client.session
    response = client.post(LOGOUT)
    assert response.status_code == 302
    assert response["Location"] == reverse("web:home")
    assert "_auth_user_id" not in client.session


def test_logout_needs_the_csrf_token(personas):
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.mads)
    assert client.post(LOGOUT).status_code == 403
    assert "_auth_user_id" in client.session


def test_the_menu_offers_log_in_to_anonymous_readers(client, db):
    html = client.get(reverse("web:home")).content.decode()
    assert f'href="{LOGIN}?next=/"' in html
    assert ">Log ind</a>" in html
    assert "Log ud" not in html


def test_the_menu_names_the_signed_in_user_and_offers_log_out(client_as):
    html = client_as("mads").get(reverse("web:home")).content.decode()
    assert "Logget ind som <strong>Mads Medlem</strong>" in html
    assert f'action="{LOGOUT}"' in html
    assert ">Log ud</button>" in html
    assert ">Log ind</a>" not in html


def test_the_login_page_does_not_ask_to_come_back_to_itself(client, db):
    html = client.get(LOGIN).content.decode()
    assert f'href="{LOGIN}"' in html
    assert "?next=/konto" not in html


def test_a_signed_in_user_is_sent_on_from_the_login_page(client_as):
    response = client_as("mads").get(LOGIN)
    assert response.status_code == 302
