"""Typed readers for environment variables.

Settings are read in one place (``medref/settings.py``) through these helpers.
A value that cannot be understood stops startup with ``ImproperlyConfigured``
naming the variable and the offending value, instead of being guessed at.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from django.core.exceptions import ImproperlyConfigured

_TRUE = frozenset({"True", "true", "1"})
_FALSE = frozenset({"False", "false", "0"})


def _raw(name: str, environ: Mapping[str, str] | None) -> str | None:
    source = os.environ if environ is None else environ
    return source.get(name)


def env_str(name: str, default: str, environ: Mapping[str, str] | None = None) -> str:
    """Return the variable as a string, or ``default`` when unset or empty."""
    value = _raw(name, environ)
    return default if value is None or value == "" else value


def env_bool(name: str, default: bool, environ: Mapping[str, str] | None = None) -> bool:
    """Return the variable as a bool.

    Only ``True``/``False``/``true``/``false``/``1``/``0`` are accepted; an
    unset or empty variable gives ``default``.
    """
    value = _raw(name, environ)
    if value is None or value.strip() == "":
        return default
    value = value.strip()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name} must be one of True, False, true, false, 1, 0; got {value!r}"
    )


def env_int(name: str, default: int, environ: Mapping[str, str] | None = None) -> int:
    """Return the variable as an int; an unset or empty variable gives ``default``."""
    value = _raw(name, environ)
    if value is None or value.strip() == "":
        return default
    try:
        return int(value.strip())
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer; got {value!r}") from None


def env_list(name: str, default: list[str], environ: Mapping[str, str] | None = None) -> list[str]:
    """Return the variable as a list split on commas, blanks dropped.

    An unset variable gives a copy of ``default``; a set but empty one gives ``[]``.
    """
    value = _raw(name, environ)
    if value is None:
        return list(default)
    return [part.strip() for part in value.split(",") if part.strip()]


# Engines medref supports: SQLite (embedded default) and PostgreSQL (production).
SUPPORTED_DATABASE_ENGINES = frozenset(
    {"django.db.backends.sqlite3", "django.db.backends.postgresql"}
)


def _mask_password(url: str) -> str:
    """Hide the password of ``scheme://user:password@host`` for error messages."""
    scheme, sep, rest = url.partition("://")
    if not sep or "@" not in rest:
        return url
    credentials, _, location = rest.rpartition("@")
    if ":" in credentials:
        user = credentials.split(":", 1)[0]
        credentials = f"{user}:***"
    return f"{scheme}://{credentials}@{location}"


def parse_database_url(url: str, name: str = "DATABASE_URL") -> dict[str, object]:
    """Turn a database URL into a Django ``DATABASES`` entry.

    Accepts ``sqlite:///path`` and ``postgres://user:password@host:port/name``
    (also ``postgresql://``). Anything else raises ``ImproperlyConfigured``
    naming the variable, with the password hidden.
    """
    import dj_database_url

    shown = _mask_password(url)
    if not url.strip():
        raise ImproperlyConfigured(f"{name} is set but empty")
    try:
        config = dict(dj_database_url.parse(url.strip()))
    except ValueError as exc:  # ParseError and UnknownSchemeError are ValueErrors
        raise ImproperlyConfigured(
            f"{name} is not a valid database URL ({shown!r}): {exc}. "
            "Use sqlite:///path/to/file.sqlite3 or postgres://user:password@host:port/name"
        ) from None
    engine = config.get("ENGINE")
    if engine not in SUPPORTED_DATABASE_ENGINES:
        raise ImproperlyConfigured(
            f"{name} uses an unsupported database ({shown!r}); "
            "medref supports sqlite:// and postgres:// URLs only"
        )
    if not config.get("NAME"):
        raise ImproperlyConfigured(f"{name} names no database ({shown!r})")
    return config


def env_database(
    name: str, default: str, environ: Mapping[str, str] | None = None
) -> dict[str, object]:
    """Read a database URL from the environment (``default`` when unset or empty)."""
    return parse_database_url(env_str(name, default, environ), name)
