"""Two administrators at once: no cycle, no duplicate name, no IntegrityError (PostgreSQL locks)."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from medref.organisation.committees import create_committee, update_committee
from medref.organisation.models import Committee
from tests.personas import Personas, make_personas

pytestmark = pytest.mark.postgres


def _race(*writes: Callable[[], object]) -> list[str]:
    """Run ``writes`` in threads that start at the same moment; each one's outcome."""
    barrier = threading.Barrier(len(writes))
    outcomes: list[str] = []

    def run(write: Callable[[], object]) -> None:
        try:
            barrier.wait()
            write()
            outcomes.append("saved")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(write,)) for write in writes]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(outcomes)


def _move(personas: Personas, child: Committee, parent: Committee) -> Callable[[], object]:
    return lambda: update_committee(
        child,
        actor=personas.anna,
        name=child.name,
        level=child.level,
        parent=parent,
        case_number="",
    )


def test_two_committees_moved_below_each_other_at_once_make_no_cycle(transactional_db):
    """Several rounds, since an unlocked check loses the race only now and then."""
    personas = make_personas()
    for round_ in range(6):
        a, b = (
            create_committee(
                personas.municipality, actor=personas.anna, name=f"{n} {round_}", level="fagmed"
            )
            for n in ("Udvalg A", "Udvalg B")
        )
        assert _race(_move(personas, a, b), _move(personas, b, a)) == ["refused", "saved"]
        a.refresh_from_db()
        b.refresh_from_db()
        assert (a.parent_id, b.parent_id) in {(b.pk, None), (None, a.pk)}


def test_two_committees_created_with_one_name_at_once_give_one(transactional_db):
    personas = make_personas()
    for round_ in range(6):
        name = f"LokalMED Runde {round_}"

        def create(name: str = name) -> object:
            return create_committee(
                personas.municipality, actor=personas.anna, name=name, level="lokalmed"
            )

        assert _race(create, create) == ["refused", "saved"]
        assert Committee.objects.filter(name=name).count() == 1
