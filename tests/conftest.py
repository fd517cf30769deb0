"""Shared test configuration.

Markers (see pyproject.toml):

- ``database`` is added here to every test that touches the database: tests
  that use the ``db``/``transactional_db`` fixtures (directly or through
  another fixture such as ``admin_client``), carry ``@pytest.mark.django_db``,
  or are Django ``TestCase``/``TransactionTestCase`` classes. `make test`
  runs all tests on SQLite, then ``-m "database or postgres"`` on PostgreSQL.
- ``postgres`` / ``sqlite``: the test is about that database and is skipped
  on the other one.
- ``needs("pandoc", ...)``: the test uses an external program or dictionary
  (tests/tools.py lists them and their Debian packages); skipped with a reason
  naming the package when it is missing. ``make test`` installs them all.

Nothing here mocks the database: tests run against the real one that
DATABASE_URL names.
"""

from __future__ import annotations

from pathlib import Path

import pytest

DB_FIXTURES = frozenset(
    {"db", "transactional_db", "django_db_reset_sequences", "django_db_serialized_rollback"}
)


def _touches_database(item: pytest.Item) -> bool:
    if item.get_closest_marker("django_db") is not None:
        return True
    if DB_FIXTURES.intersection(getattr(item, "fixturenames", ())):
        return True
    cls = getattr(item, "cls", None)
    if cls is not None:
        from django.test import TransactionTestCase

        return issubclass(cls, TransactionTestCase)
    return False


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if _touches_database(item):
            item.add_marker(pytest.mark.database)


def _vendor() -> str:
    from django.db import connection

    return connection.vendor


def pytest_runtest_setup(item: pytest.Item) -> None:
    from tests.tools import missing

    for marker in item.iter_markers("needs"):
        for name in marker.args:
            reason = missing(name)
            if reason is not None:
                pytest.skip(reason)
    if item.get_closest_marker("postgres") is not None and _vendor() != "postgresql":
        pytest.skip("PostgreSQL only (make test runs it on PostgreSQL)")
    if item.get_closest_marker("sqlite") is not None and _vendor() != "sqlite":
        pytest.skip("SQLite only")


@pytest.fixture
def examples_dir() -> Path:
    """The directory of real minutes shipped as demo data (medref/demo)."""
    return Path(__file__).resolve().parent.parent / "medref" / "demo"
