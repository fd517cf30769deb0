"""Every response carries a strict Content-Security-Policy and a Permissions-Policy."""

from __future__ import annotations

import pytest
from django.conf import settings

from medref.accounts.middleware import permissions_policy_header

PAGES = ("/", "/konto/log-ind/", "/soeg/?q=budget", "/findes-ikke/")


@pytest.mark.django_db
@pytest.mark.parametrize("url", PAGES)
def test_pages_forbid_inline_script_and_style(client, url):
    policy = client.get(url)["Content-Security-Policy"]
    directives = dict(
        (part.split()[0], part.split()[1:]) for part in policy.split(";") if part.strip()
    )
    assert directives["default-src"] == ["'none'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["form-action"] == ["'self'"]
    assert "'unsafe-inline'" not in policy
    assert "'unsafe-eval'" not in policy


@pytest.mark.django_db
@pytest.mark.parametrize("url", PAGES)
def test_pages_switch_unused_browser_features_off(client, url):
    header = client.get(url)["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in header


def test_the_permissions_policy_header_is_written_from_the_setting():
    assert permissions_policy_header({"camera": [], "fullscreen": ["self"]}) == (
        "camera=(), fullscreen=(self)"
    )
    assert permissions_policy_header(settings.MEDREF_PERMISSIONS_POLICY).count("=()") == len(
        settings.MEDREF_PERMISSIONS_POLICY
    )
