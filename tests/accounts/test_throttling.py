"""Login throttling (django-axes): too many failures lock an account and an address.

Issue 14 found 40 wrong passwords in 20 seconds followed by the right one
accepted. Now, after ``AXES_FAILURE_LIMIT`` failures for one user name, or
from one address, logging in is refused — the right password too — with a
Danish page in the site's layout, until the cool-off has passed.
"""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client, RequestFactory, override_settings
from django.utils import timezone

from medref.accounts.throttle import client_ip

LOGIN = "/konto/log-ind/"
PASSWORD = "hemmelig-kode-42"


@pytest.fixture
def mads(personas):
    personas.mads.set_password(PASSWORD)
    personas.mads.save()
    return personas.mads


@pytest.fixture
def frank(personas):
    personas.frank.set_password(PASSWORD)
    personas.frank.save()
    return personas.frank


def _post(client: Client, username: str, password: str, address: str = "10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def _fail(client: Client, username: str, times: int, address: str = "10.0.0.1") -> None:
    for _ in range(times):
        response = _post(client, username, "forkert", address)
        assert response.status_code in (200, 429)


def test_the_limit_and_cool_off_are_the_documented_defaults():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60
    assert settings.AXES_LOCKOUT_PARAMETERS == ["username", "ip_address"]


def test_fewer_failures_than_the_limit_still_let_the_right_password_in(client, mads):
    _fail(client, "mads", settings.AXES_FAILURE_LIMIT - 1)
    response = _post(client, "mads", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(mads.pk)


def test_an_account_is_locked_after_the_limit_even_with_the_right_password(client, mads):
    _fail(client, "mads", settings.AXES_FAILURE_LIMIT)
    # From another address too: the account itself is locked.
    response = _post(Client(), "mads", PASSWORD, address="10.9.9.9")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    html = response.content.decode()
    assert '<html lang="da">' in html
    assert "<h1>For mange mislykkede forsøg på at logge ind</h1>" in html
    assert "Prøv igen om 15 minutter" in html
    assert 'role="alert"' in html


def test_an_address_is_locked_after_the_limit_whatever_the_account(client, mads, frank):
    for n in range(settings.AXES_FAILURE_LIMIT):
        # A different (unknown) user name each time: only the address repeats.
        _post(client, f"gaet{n}", "forkert", address="10.0.0.7")
    response = _post(Client(), "frank", PASSWORD, address="10.0.0.7")
    assert response.status_code == 429
    # Another address logs in as frank without trouble.
    assert _post(Client(), "frank", PASSWORD, address="10.0.0.8").status_code == 302


def test_the_lock_lifts_after_the_cool_off(client, mads):
    _fail(client, "mads", settings.AXES_FAILURE_LIMIT)
    assert _post(client, "mads", PASSWORD).status_code == 429
    # The failures are older than the cool-off now.
    AccessAttempt.objects.update(attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME * 2)
    assert _post(client, "mads", PASSWORD).status_code == 302


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "6.6.6.6", "10.0.0.1"),  # no proxy: X-Forwarded-For is the client's word
        (1, "6.6.6.6, 192.0.2.5", "192.0.2.5"),  # one proxy appended the real client
        (2, "6.6.6.6, 192.0.2.5, 10.1.1.1", "192.0.2.5"),
        (1, "", "10.0.0.1"),
    ],
)
def test_the_client_address_is_read_from_trusted_proxies_only(proxies, forwarded, expected):
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1")
    if forwarded:
        request.META["HTTP_X_FORWARDED_FOR"] = forwarded
    with override_settings(MEDREF_TRUSTED_PROXIES=proxies):
        assert client_ip(request) == expected
