"""Settings come from the environment; a bad value stops startup clearly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from medref.lib.env import env_bool, env_database, env_int, env_list, env_str, parse_database_url

ROOT = Path(__file__).resolve().parent.parent


# --- env_bool -----------------------------------------------------------------


@pytest.mark.parametrize("value", ["True", "true", "1"])
def test_env_bool_accepts_true_spellings(value: str) -> None:
    assert env_bool("MEDREF_X", False, {"MEDREF_X": value}) is True


@pytest.mark.parametrize("value", ["False", "false", "0"])
def test_env_bool_accepts_false_spellings(value: str) -> None:
    assert env_bool("MEDREF_X", True, {"MEDREF_X": value}) is False


@pytest.mark.parametrize("default", [True, False])
def test_env_bool_uses_default_when_unset_or_empty(default: bool) -> None:
    assert env_bool("MEDREF_X", default, {}) is default
    assert env_bool("MEDREF_X", default, {"MEDREF_X": ""}) is default


@pytest.mark.parametrize("value", ["yes", "no", "TRUE", "on", "2", "sandt"])
def test_env_bool_rejects_anything_else_naming_variable_and_value(value: str) -> None:
    with pytest.raises(ImproperlyConfigured) as excinfo:
        env_bool("MEDREF_DEBUG", False, {"MEDREF_DEBUG": value})
    message = str(excinfo.value)
    assert "MEDREF_DEBUG" in message
    assert repr(value) in message


# --- env_int, env_list, env_str -------------------------------------------------


def test_env_int_parses_and_defaults() -> None:
    assert env_int("MEDREF_N", 7, {"MEDREF_N": " 42 "}) == 42
    assert env_int("MEDREF_N", 7, {}) == 7
    assert env_int("MEDREF_N", 7, {"MEDREF_N": ""}) == 7


def test_env_int_rejects_non_numbers_naming_variable_and_value() -> None:
    with pytest.raises(ImproperlyConfigured, match=r"MEDREF_N must be an integer; got '50MB'"):
        env_int("MEDREF_N", 7, {"MEDREF_N": "50MB"})


def test_env_list_splits_on_commas_and_drops_blanks() -> None:
    assert env_list("MEDREF_L", ["a"], {"MEDREF_L": " x.dk, ,y.dk ,"}) == ["x.dk", "y.dk"]
    assert env_list("MEDREF_L", ["a"], {}) == ["a"]
    assert env_list("MEDREF_L", ["a"], {"MEDREF_L": ""}) == []


def test_env_list_default_is_copied() -> None:
    default = ["a"]
    env_list("MEDREF_L", default, {}).append("b")
    assert default == ["a"]


def test_env_str_treats_empty_as_unset() -> None:
    assert env_str("MEDREF_S", "d", {"MEDREF_S": ""}) == "d"
    assert env_str("MEDREF_S", "d", {"MEDREF_S": "Aarhus Kommune"}) == "Aarhus Kommune"


# --- DATABASE_URL ----------------------------------------------------------------


def test_database_url_sqlite() -> None:
    config = parse_database_url("sqlite:////srv/medref/medref.sqlite3")
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == "/srv/medref/medref.sqlite3"


@pytest.mark.parametrize("scheme", ["postgres", "postgresql"])
def test_database_url_postgres(scheme: str) -> None:
    config = parse_database_url(f"{scheme}://medref:hemmelig@db.example.dk:5433/medref")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["NAME"] == "medref"
    assert config["USER"] == "medref"
    assert config["PASSWORD"] == "hemmelig"
    assert config["HOST"] == "db.example.dk"
    assert config["PORT"] == 5433


def test_database_url_defaults_when_unset_or_empty() -> None:
    for environ in ({}, {"DATABASE_URL": ""}):
        config = env_database("DATABASE_URL", "sqlite:////tmp/default.sqlite3", environ)
        assert config["NAME"] == "/tmp/default.sqlite3"


@pytest.mark.parametrize(
    "url",
    ["mysql://u:p@localhost/medref", "redis://localhost/0", "not a url", "postgres//x"],
)
def test_database_url_unsupported_or_malformed_names_the_variable(url: str) -> None:
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        env_database("DATABASE_URL", "sqlite:///x.sqlite3", {"DATABASE_URL": url})


def test_database_url_with_bad_port_is_refused() -> None:
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL is not a valid database URL"):
        parse_database_url("postgres://u@localhost:notaport/medref")


def test_database_url_error_hides_the_password() -> None:
    with pytest.raises(ImproperlyConfigured) as excinfo:
        parse_database_url("mysql://medref:topsecret@localhost/medref")
    assert "topsecret" not in str(excinfo.value)
    assert "medref:***@localhost" in str(excinfo.value)


# --- The settings module itself ------------------------------------------------------


def test_settings_are_danish_and_copenhagen() -> None:
    assert settings.LANGUAGE_CODE == "da"
    assert ("da", "Dansk") in settings.LANGUAGES
    assert ("en", "English") in settings.LANGUAGES
    assert settings.TIME_ZONE == "Europe/Copenhagen"
    assert settings.USE_TZ is True
    assert settings.LOCALE_PATHS == [ROOT / "medref" / "locale"]


def test_medref_settings_have_defaults() -> None:
    assert isinstance(settings.MEDREF_DEFAULT_MUNICIPALITY, str)
    assert settings.MEDREF_DEFAULT_MUNICIPALITY
    assert settings.MEDREF_MAX_IMPORT_BYTES > 0


def _import_settings(**env: str) -> subprocess.CompletedProcess[str]:
    """Import medref.settings in a fresh interpreter with the given environment."""
    environ = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("MEDREF_") and key != "DATABASE_URL"
    }
    environ.update(env)
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import medref.settings as s; print(s.DATABASES['default']['ENGINE'], s.DEBUG)",
        ],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_settings_start_with_debug_and_no_secret_key() -> None:
    result = _import_settings(MEDREF_DEBUG="True")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.sqlite3", "True"]


def test_settings_refuse_to_start_without_secret_key_in_production() -> None:
    result = _import_settings(MEDREF_DEBUG="False")
    assert result.returncode != 0
    assert "ImproperlyConfigured: MEDREF_SECRET_KEY must be set" in result.stderr


def test_settings_refuse_a_bad_boolean() -> None:
    result = _import_settings(MEDREF_DEBUG="yes")
    assert result.returncode != 0
    assert "MEDREF_DEBUG must be one of True, False" in result.stderr
    assert "'yes'" in result.stderr


def test_settings_refuse_an_unsupported_database() -> None:
    result = _import_settings(MEDREF_DEBUG="True", DATABASE_URL="mysql://u@localhost/medref")
    assert result.returncode != 0
    assert "ImproperlyConfigured: DATABASE_URL uses an unsupported database" in result.stderr


def test_settings_pick_postgres_from_database_url() -> None:
    result = _import_settings(MEDREF_DEBUG="True", DATABASE_URL="postgres://u@localhost/medref")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "django.db.backends.postgresql"


def test_settings_refuse_a_non_positive_import_limit() -> None:
    result = _import_settings(MEDREF_DEBUG="True", MEDREF_MAX_IMPORT_BYTES="0")
    assert result.returncode != 0
    assert "MEDREF_MAX_IMPORT_BYTES must be a positive number of bytes" in result.stderr
