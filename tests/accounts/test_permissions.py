"""The permission matrix: every persona × every action, written out by hand
(not derived from ``ROLE_ACTIONS``), so a change to the table shows here."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext

from medref.accounts.permissions import (
    Action,
    actions,
    can,
    committees_where,
    raise_unless,
)
from medref.organisation.models import Membership
from tests.personas import NAMES

A = Action
COLUMNS = (
    A.VIEW_CLOSED,
    A.VIEW_UNPUBLISHED,
    A.EDIT_AGENDA,
    A.SEND_AGENDA,
    A.RECORD_ATTENDANCE,
    A.WRITE_MINUTES,
    A.APPROVE_MINUTES,
    A.PUBLISH_MINUTES,
    A.MANAGE_MEMBERS,
)
# In FagMED Økonomi, today. Columns as COLUMNS: x = allowed, . = not.
MATRIX = """
           closed unpub edit send attend write approve publish members
sofie        x      x     x    x     x      x     .       x       .
frank        x      x     x    x     x      x     x       x       .
nanna        x      x     x    .     .      .     .       .       .
mads         x      x     .    .     .      .     .       .       .
lene         x      x     .    .     .      .     .       .       .
alma         x      x     .    .     .      .     .       .       .
tage         x      x     .    .     .      .     .       .       .
sara         x      .     .    .     .      .     .       .       .
finn         .      .     .    .     .      .     .       .       .
hanne        .      .     .    .     .      .     .       .       .
anna         x      x     x    x     x      x     x       x       x
ib           .      .     .    .     .      .     .       .       .
otto         .      .     .    .     .      .     .       .       .
root         x      x     x    x     x      x     x       x       x
anonymous    .      .     .    .     .      .     .       .       .
"""


def _expected() -> dict[str, frozenset[Action]]:
    rows = [line.split() for line in MATRIX.strip().splitlines()[1:]]
    return {
        row[0]: frozenset(a for a, mark in zip(COLUMNS, row[1:], strict=True) if mark == "x")
        for row in rows
    }


EXPECTED = _expected()
CASES = [(name, action) for name in NAMES for action in COLUMNS]


def test_the_matrix_covers_every_persona_and_action():
    assert list(EXPECTED) == list(NAMES)
    assert set(COLUMNS) == set(Action)


@pytest.mark.parametrize(("name", "action"), CASES, ids=[f"{n}-{a}" for n, a in CASES])
def test_the_matrix(personas, name, action):
    """can(persona, action, FagMED Økonomi) is exactly the table's cell."""
    user = personas.users[name]
    assert can(user, action, personas.committee) is (action in EXPECTED[name])


@pytest.mark.parametrize("name", NAMES)
def test_actions_and_raise_unless_agree_with_can(personas, name):
    user = personas.users[name]
    assert actions(user, personas.committee) == EXPECTED[name]
    for action in Action:
        if action in EXPECTED[name]:
            raise_unless(user, action, personas.committee)
        else:
            with pytest.raises(PermissionDenied):
                raise_unless(user, action, personas.committee)


def test_a_role_counts_only_in_its_own_committee(personas):
    """The chair of FagMED Økonomi has no say in the committees above or below it."""
    for committee in (personas.hovedmed, personas.lokalmed, personas.other_hovedmed):
        assert actions(personas.frank, committee) == frozenset()
    assert actions(personas.hanne, personas.hovedmed) == EXPECTED["mads"]


def test_an_administrator_rules_only_their_municipality(personas):
    assert actions(personas.anna, personas.lokalmed) == frozenset(Action)
    assert actions(personas.anna, personas.other_hovedmed) == frozenset()
    assert actions(personas.ib, personas.other_hovedmed) == frozenset(Action)


def test_roles_follow_the_term(personas):
    """Access starts on the first day and ends after the last day of the term."""
    finn = personas.memberships["finn"]
    assert can(personas.finn, A.VIEW_CLOSED, personas.committee, on=finn.end)
    assert not can(personas.finn, A.VIEW_CLOSED, personas.committee, on=finn.end + dt.timedelta(1))
    mads = personas.memberships["mads"]
    assert can(personas.mads, A.VIEW_CLOSED, personas.committee, on=mads.start)
    assert not can(
        personas.mads, A.VIEW_CLOSED, personas.committee, on=mads.start - dt.timedelta(1)
    )


def test_two_roles_add_up(personas):
    """A member who is also the committee's secretary gets both rows."""
    Membership.objects.create(
        person=personas.people["mads"],
        committee=personas.committee,
        role=Membership.Role.SECRETARY,
        start=personas.memberships["mads"].start,
    )
    assert actions(personas.mads, personas.committee) == EXPECTED["sofie"]


def test_an_inactive_user_may_do_nothing(personas):
    personas.root.is_active = False
    personas.frank.is_active = False
    assert actions(personas.root, personas.committee) == frozenset()
    assert actions(personas.frank, personas.committee) == frozenset()


@pytest.mark.parametrize("name", NAMES)
def test_committees_where_agrees_with_can(personas, name):
    user = personas.users[name]
    committees = [
        personas.hovedmed,
        personas.committee,
        personas.lokalmed,
        personas.other_hovedmed,
    ]
    for action in Action:
        expected = {c.pk for c in committees if can(user, action, c)}
        assert committees_where(user, action) == expected, action


@pytest.mark.parametrize("name", ["anonymous", "otto", "mads", "anna", "root"])
def test_checks_cost_a_fixed_number_of_queries(personas, name):
    user = personas.users[name]
    with CaptureQueriesContext(connection) as queries:
        actions(user, personas.committee)
    assert len(queries) <= 2
    with CaptureQueriesContext(connection) as queries:
        committees_where(user, A.VIEW_CLOSED)
    assert len(queries) <= 1


def test_raise_unless_says_what_and_where_in_danish(personas):
    with pytest.raises(PermissionDenied) as raised:
        raise_unless(personas.mads, A.SEND_AGENDA, personas.committee)
    assert "FagMED Økonomi" in str(raised.value)
    assert str(raised.value) == "Det har du ikke ret til i FagMED Økonomi: Udsende dagsorden."
