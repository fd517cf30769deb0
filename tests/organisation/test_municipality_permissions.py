"""municipalities_where: the municipalities where a user may act municipality-wide,
the same answer as asking ``can`` about a new committee there."""

from __future__ import annotations

import pytest

from medref.accounts.permissions import Action, can, municipalities_where
from medref.organisation.committees import new_committee_of
from medref.organisation.models import Municipality
from medref.organisation.services import ensure_municipality
from tests.personas import NAMES, Personas


@pytest.mark.parametrize("action", list(Action))
@pytest.mark.parametrize("name", NAMES)
def test_it_agrees_with_can_on_a_new_committee(personas: Personas, name: str, action: Action):
    """For every persona, action and municipality (one without committees included)."""
    ensure_municipality("Kolding Kommune")
    user = personas.users[name]

    where = municipalities_where(user, action)

    for municipality in Municipality.objects.all():
        allowed = can(user, action, new_committee_of(municipality))
        assert (municipality.pk in where) == allowed, (name, action, municipality.name)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("root", {"Vejle Kommune", "Andeby Kommune", "Kolding Kommune"}),
        ("anna", {"Vejle Kommune"}),
        ("ib", {"Andeby Kommune"}),
        ("frank", set()),  # the chair manages nothing: committee roles give nothing here
        ("sofie", set()),
        ("otto", set()),
        ("anonymous", set()),
    ],
)
def test_superusers_manage_every_municipality_and_administrators_their_own(
    personas: Personas, name: str, expected: set[str]
):
    ensure_municipality("Kolding Kommune")
    where = municipalities_where(personas.users[name], Action.MANAGE_MEMBERS)
    names = set(Municipality.objects.filter(pk__in=where).values_list("name", flat=True))
    assert names == expected


@pytest.mark.parametrize("name", ["anna", "root"])
def test_a_deactivated_user_manages_nothing(personas: Personas, name: str):
    user = personas.users[name]
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert municipalities_where(user, Action.MANAGE_MEMBERS) == set()
    assert not can(user, Action.MANAGE_MEMBERS, new_committee_of(personas.municipality))


@pytest.mark.parametrize(
    ("name", "queries"), [("anonymous", 0), ("otto", 1), ("anna", 1), ("root", 1)]
)
def test_it_costs_at_most_one_query(
    personas: Personas, name: str, queries: int, django_assert_num_queries
):
    with django_assert_num_queries(queries):
        municipalities_where(personas.users[name], Action.MANAGE_MEMBERS)


def test_an_unknown_action_is_an_error(personas: Personas):
    with pytest.raises(ValueError):
        municipalities_where(personas.root, "rule_the_world")  # type: ignore[arg-type]
