"""E-mail settings from the environment: console by default, SMTP when a host is given."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHOW = (
    "import json, medref.settings as s; "
    "print(json.dumps([s.MAILERS, s.DEFAULT_FROM_EMAIL, s.MEDREF_SITE_URL, s.TASKS]))"
)


def _settings(**env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("MEDREF_")}
    environ.update({"MEDREF_DEBUG": "True", "DATABASE_URL": "", **env})
    return subprocess.run(
        [sys.executable, "-c", SHOW],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_console_by_default_and_the_database_queue() -> None:
    result = _settings()
    assert result.returncode == 0, result.stderr
    mailers, sender, site, tasks = json.loads(result.stdout)
    assert mailers == {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
    assert sender == "medref <medref@localhost>" and site == "http://127.0.0.1:8000"
    assert tasks["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"


def test_smtp_from_the_environment() -> None:
    result = _settings(
        MEDREF_EMAIL_HOST="smtp.vejle.dk",
        MEDREF_EMAIL_PORT="465",
        MEDREF_EMAIL_USE_TLS="False",
        MEDREF_EMAIL_USE_SSL="True",
        MEDREF_EMAIL_USER="medref",
        MEDREF_EMAIL_PASSWORD="hemmeligt",
        MEDREF_EMAIL_FROM="MED <med@vejle.dk>",
        MEDREF_SITE_URL="https://med.vejle.dk/",
    )
    assert result.returncode == 0, result.stderr
    mailers, sender, site, _tasks = json.loads(result.stdout)
    options = mailers["default"]["OPTIONS"]
    assert mailers["default"]["BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert options["host"] == "smtp.vejle.dk" and options["port"] == 465
    assert options["use_ssl"] is True and options["use_tls"] is False
    assert options["username"] == "medref" and options["password"] == "hemmeligt"
    assert sender == "MED <med@vejle.dk>" and site == "https://med.vejle.dk"


def test_tls_and_ssl_together_stop_startup() -> None:
    result = _settings(MEDREF_EMAIL_USE_TLS="True", MEDREF_EMAIL_USE_SSL="True")
    assert result.returncode != 0
    assert "MEDREF_EMAIL_USE_TLS and MEDREF_EMAIL_USE_SSL" in result.stderr


def test_a_bad_port_names_the_variable() -> None:
    result = _settings(MEDREF_EMAIL_HOST="smtp.vejle.dk", MEDREF_EMAIL_PORT="femogtyve")
    assert result.returncode != 0 and "MEDREF_EMAIL_PORT" in result.stderr
