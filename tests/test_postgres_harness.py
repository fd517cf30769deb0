"""The test databases are real: SQLite in one run, PostgreSQL 15 in the other."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "pg-test-server"


@pytest.mark.django_db
def test_the_database_round_trips_a_row() -> None:
    """A row written through the ORM reads back, on whichever database is configured."""
    user_model = get_user_model()
    user_model.objects.create_user(username="sekretaer", password="x")
    assert user_model.objects.get(username="sekretaer").username == "sekretaer"


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgres_run_uses_postgresql_15_or_newer() -> None:
    assert connection.vendor == "postgresql"
    assert connection.pg_version >= 150000  # type: ignore[attr-defined]


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgres_has_danish_text_search() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector('danish', 'sygefraværet blev drøftet')::text")
        (vector,) = cursor.fetchone()
    assert "sygefravær" in vector


@pytest.mark.sqlite
@pytest.mark.django_db
def test_sqlite_run_uses_sqlite() -> None:
    assert connection.vendor == "sqlite"


def test_pg_test_server_fails_loudly_without_postgresql(tmp_path: Path) -> None:
    """Missing PostgreSQL binaries are an error, never a silent skip."""
    result = subprocess.run(
        ["bash", str(SCRIPT), "true"],
        env={**os.environ, "PG_BIN": str(tmp_path / "missing")},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "PostgreSQL 15 is not installed" in result.stderr
