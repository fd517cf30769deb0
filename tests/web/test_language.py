"""The interface is Danish unless the reader chooses English in the footer."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_it_is_danish_whatever_the_browser_asks_for(client: Client) -> None:
    response = client.get(reverse("web:home"), headers={"accept-language": "en-US,en;q=0.9"})
    assert response.status_code == 200
    assert '<html lang="da">' in response.text
    assert "Søg" in response.text
    assert response.headers["Content-Language"] == "da"


def test_the_language_switch_changes_the_language_for_that_reader(client: Client) -> None:
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("web:home")})
    assert response.status_code == 302
    page = client.get(reverse("web:home"))
    assert '<html lang="en">' in page.text
    assert ">Search<" in page.text
    assert 'value="da"' in page.text  # the way back to Danish


def test_an_unknown_language_cookie_falls_back_to_danish(client: Client) -> None:
    client.cookies["django_language"] = "xx"
    page = client.get(reverse("web:home"))
    assert '<html lang="da">' in page.text
