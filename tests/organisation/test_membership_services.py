"""add_membership and end_membership: permission-checked, validated, atomic, recorded."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from medref.organisation.models import Membership, MembershipChange, Person
from medref.organisation.selectors import seats_on
from medref.organisation.services import add_membership, end_membership
from tests.personas import NAMES

Role = Membership.Role
MANAGERS = ("anna", "root")
D = dt.date(2026, 1, 1)


def counts() -> tuple[int, int, int]:
    return Person.objects.count(), Membership.objects.count(), MembershipChange.objects.count()


def errors(raised: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return raised.value.message_dict


@pytest.mark.parametrize("name", NAMES)
def test_only_administrators_add_members(personas, name):
    before = counts()
    user = personas.users[name]
    if name in MANAGERS:
        membership = add_membership(
            personas.committee, actor=user, name="Ny Person", role=Role.MEMBER, start=D
        )
        assert membership.person.name == "Ny Person"
        change = membership.changes.get()
        assert change.kind == MembershipChange.Kind.ADDED
        assert change.actor == user
    else:
        with pytest.raises(PermissionDenied):
            add_membership(
                personas.committee, actor=user, name="Ny Person", role=Role.MEMBER, start=D
            )
        assert counts() == before


def test_the_name_finds_the_person_already_known(personas):
    membership = add_membership(
        personas.lokalmed,
        actor=personas.anna,
        name="  Mads   Medlem ",
        role=Role.UNION_REPRESENTATIVE,
        start=D,
    )
    assert membership.person == personas.people["mads"]


def test_it_keeps_side_title_and_term(personas):
    membership = add_membership(
        personas.committee,
        actor=personas.anna,
        name="Ole Olsen",
        role=Role.SAFETY_REPRESENTATIVE,
        side=Membership.Side.EMPLOYEES,
        title="Pædagog",
        start=D,
        end=dt.date(2027, 12, 31),
    )
    membership.refresh_from_db()
    assert (membership.side, membership.title, membership.start, membership.end) == (
        "medarbejder",
        "Pædagog",
        D,
        dt.date(2027, 12, 31),
    )


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"name": "   "}, "name", "Skriv personens navn."),
        ({"role": "kejser"}, "role", "Vælg en af rollerne."),
        ({"side": "midten"}, "side", "Vælg ledelse, medarbejder eller ikke angivet."),
        ({"end": dt.date(2025, 12, 31)}, "end", "Perioden kan ikke slutte, før den begynder."),
    ],
)
def test_bad_input_is_named_by_field_in_danish(personas, fields, field, message):
    before = counts()
    arguments = {"name": "Ny Person", "role": Role.MEMBER, "start": D, **fields}
    with pytest.raises(ValidationError) as raised:
        add_membership(personas.committee, actor=personas.anna, **arguments)
    assert errors(raised) == {field: [message]}
    assert counts() == before


def test_the_same_role_twice_at_once_is_refused(personas):
    with pytest.raises(ValidationError) as raised:
        add_membership(
            personas.committee, actor=personas.anna, name="Mads Medlem", role=Role.MEMBER, start=D
        )
    start = personas.memberships["mads"].start.strftime("%d-%m-%Y")
    assert errors(raised) == {
        "start": [
            f"Mads Medlem har allerede denne rolle i udvalget fra {start}; "
            "afslut det medlemskab først."
        ]
    }


def test_a_committee_has_one_chair_at_a_time(personas):
    """A second chair is refused while Frank's term runs, and nothing is left behind
    (the new person created on the way is rolled back)."""
    before = counts()
    with pytest.raises(ValidationError) as raised:
        add_membership(
            personas.committee, actor=personas.anna, name="Ny Formand", role=Role.CHAIR, start=D
        )
    assert errors(raised) == {
        "role": [
            "Frank Formand er formand for udvalget i den periode; afslut det medlemskab først."
        ]
    }
    assert counts() == before


def test_a_new_chair_may_follow_the_last_one(personas):
    frank = personas.memberships["frank"]
    end_membership(frank, D - dt.timedelta(days=1), actor=personas.anna)
    new = add_membership(
        personas.committee, actor=personas.anna, name="Ny Formand", role=Role.CHAIR, start=D
    )
    assert seats_on(personas.committee, D).members[0].person.name == "Ny Formand"
    assert new.role == Role.CHAIR


@pytest.mark.parametrize("name", NAMES)
def test_only_administrators_end_memberships(personas, name):
    mads = personas.memberships["mads"]
    user = personas.users[name]
    if name in MANAGERS:
        end_membership(mads, D, actor=user)
        mads.refresh_from_db()
        assert mads.end == D
        assert mads.changes.get().kind == MembershipChange.Kind.ENDED
    else:
        with pytest.raises(PermissionDenied):
            end_membership(mads, D, actor=user)
        mads.refresh_from_db()
        assert mads.end is None


def test_an_ended_membership_cannot_end_again(personas):
    finn = personas.memberships["finn"]
    with pytest.raises(ValidationError) as raised:
        end_membership(finn, D, actor=personas.anna)
    assert errors(raised) == {
        "end": [f"Dette medlemskab sluttede allerede {finn.end.strftime('%d-%m-%Y')}."]
    }


def test_a_membership_cannot_end_before_it_started(personas):
    mads = personas.memberships["mads"]
    with pytest.raises(ValidationError) as raised:
        end_membership(mads, mads.start - dt.timedelta(days=1), actor=personas.anna)
    assert "før den begynder" in errors(raised)["end"][0]
    mads.refresh_from_db()
    assert mads.end is None


def test_ending_a_membership_ends_the_roles_rights_the_next_day(personas):
    from medref.accounts.permissions import Action, can

    mads = personas.memberships["mads"]
    end_membership(mads, D, actor=personas.anna)
    assert can(personas.mads, Action.VIEW_CLOSED, personas.committee, on=D)
    assert not can(personas.mads, Action.VIEW_CLOSED, personas.committee, on=D + dt.timedelta(1))


def test_seats_on_a_day_in_one_query(personas):
    """Chair first, substitutes apart, former members only on days of their term."""
    finn_last_day = personas.memberships["finn"].end
    with CaptureQueriesContext(connection) as queries:
        seats = seats_on(personas.committee, finn_last_day)
        names = [m.person.name for m in seats.members]
        substitutes = [m.person.name for m in seats.substitutes]
    assert len(queries) == 1
    assert names[:3] == ["Frank Formand", "Nanna Næstformand", "Sofie Sekretær"]
    assert "Finn Fhv. Medlem" in names
    assert substitutes == ["Sara Suppleant"]
    today = seats_on(personas.committee, finn_last_day + dt.timedelta(days=1))
    assert "Finn Fhv. Medlem" not in [m.person.name for m in today.members]
    before_terms = seats_on(
        personas.committee, personas.memberships["mads"].start - dt.timedelta(1)
    )
    assert (before_terms.members, before_terms.substitutes) == ([], [])
