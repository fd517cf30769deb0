from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import override_settings

from tests.participation.conftest import planned, schedule, sent  # noqa: F401
from tests.personas import Personas, client_as, personas  # noqa: F401

from .smtp import smtp  # noqa: F401


@pytest.fixture(autouse=True)
def media(tmp_path):
    with override_settings(MEDIA_ROOT=tmp_path):
        yield tmp_path


@pytest.fixture
def emails(personas: Personas) -> dict[str, str]:  # noqa: F811
    """Everyone in FagMED Økonomi gets an address: <name>@vejle.test."""
    found = {}
    for key, person in personas.people.items():
        person.email = f"{key}@vejle.test"
        person.save(update_fields=["email"])
        found[key] = person.email
    return found


def run_worker() -> None:
    """The real worker, as `make run` starts it, until the queue is empty."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", "--queue-name", "*")
