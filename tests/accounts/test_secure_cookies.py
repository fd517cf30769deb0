"""The session and CSRF cookies are Secure whenever debug is off (issue 14).

Plain HTTP with debug off is allowed only when asked for by name
(``MEDREF_ALLOW_PLAIN_HTTP=True``) and only for local hosts.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
PRINT = "import medref.settings as s; print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)"


def _settings(**env: str) -> subprocess.CompletedProcess[str]:
    environ = {
        k: v for k, v in os.environ.items() if not k.startswith("MEDREF_") and k != "DATABASE_URL"
    }
    environ.update(env)
    return subprocess.run(
        [sys.executable, "-c", PRINT],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
    )


PRODUCTION = {"MEDREF_DEBUG": "False", "MEDREF_SECRET_KEY": "x"}


def test_cookies_are_secure_with_debug_off() -> None:
    result = _settings(**PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True"]


def test_the_running_tests_have_secure_cookies_too() -> None:
    """The suite runs with MEDREF_DEBUG=False: what production gets."""
    if settings.DEBUG:
        pytest.skip("run with MEDREF_DEBUG=False")
    assert settings.SESSION_COOKIE_SECURE
    assert settings.CSRF_COOKIE_SECURE


def test_debug_serves_plain_http() -> None:
    result = _settings(MEDREF_DEBUG="True")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False"]


def test_plain_http_on_localhost_is_allowed_by_name() -> None:
    result = _settings(**PRODUCTION, MEDREF_ALLOW_PLAIN_HTTP="True")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False"]


def test_plain_http_is_refused_for_a_public_host() -> None:
    result = _settings(
        **PRODUCTION, MEDREF_ALLOW_PLAIN_HTTP="True", MEDREF_ALLOWED_HOSTS="med.vejle.dk"
    )
    assert result.returncode != 0
    assert "MEDREF_ALLOW_PLAIN_HTTP=True is for this machine only" in result.stderr


def test_the_old_switch_cannot_turn_secure_cookies_off() -> None:
    result = _settings(**PRODUCTION, MEDREF_SECURE_COOKIES="False")
    assert result.returncode != 0
    assert "MEDREF_SECURE_COOKIES is gone" in result.stderr
    assert _settings(**PRODUCTION, MEDREF_SECURE_COOKIES="True").returncode == 0
