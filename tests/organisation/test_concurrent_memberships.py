"""Two administrators at once: the committee still gets one chair (PostgreSQL locks)."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from medref.organisation.models import Membership
from medref.organisation.services import add_membership, end_membership
from tests.personas import make_personas

pytestmark = pytest.mark.postgres


def _race(personas, start: dt.date) -> list[str]:
    """Two threads add a chair for the year from ``start`` at the same moment."""
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def add(name: str) -> None:
        try:
            barrier.wait()
            add_membership(
                personas.committee,
                actor=personas.anna,
                name=name,
                role=Membership.Role.CHAIR,
                start=start,
                end=start + dt.timedelta(days=364),
            )
            outcomes.append("added")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=add, args=(n,)) for n in ("Ny Formand", "Anden Formand")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(outcomes)


def test_two_chairs_added_at_once_give_one_chair(transactional_db):
    """Several rounds, since an unlocked check loses the race only now and then."""
    personas = make_personas()
    first = dt.date(2030, 1, 1)
    end_membership(personas.memberships["frank"], first - dt.timedelta(days=1), actor=personas.anna)
    for year in range(2030, 2036):
        assert _race(personas, dt.date(year, 1, 1)) == ["added", "refused"], year
    chairs = Membership.objects.filter(
        committee=personas.committee, role=Membership.Role.CHAIR, start__gte=first
    )
    assert chairs.count() == 6
