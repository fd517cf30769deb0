"""Named personas in one committee tree, for permission and view tests.

Use from a conftest.py: ``from tests.personas import client_as, personas  # noqa: F401``.

The tree (Vejle Kommune): HovedMED → FagMED Økonomi → LokalMED Borgerservice,
and Andeby Kommune with its own HovedMED. The same names as
tests/meetings/documents.py, so ``ensure_committee`` finds the same committee.

Personas and their place in FagMED Økonomi (``personas.committee``):

=========  ===============================  ==========================================
attribute  name                             role
=========  ===============================  ==========================================
sofie      Sofie Sekretær                   referent (secretary)
frank      Frank Formand                    formand, ledelse
nanna      Nanna Næstformand                næstformand, medarbejder
mads       Mads Medlem                      medlem, medarbejder
lene       Lene Leder                       leder, ledelse
alma       Alma Arbejdsmiljørepræsentant    AMR, medarbejder
tage       Tage Tillidsrepræsentant         TR, medarbejder
sara       Sara Suppleant                   suppleant, medarbejder
finn       Finn Fhv. Medlem                 medlem until yesterday (former member)
hanne      Hanne HovedMED                   medlem of HovedMED only (parent committee)
anna       Anna Admin                       administrator of Vejle Kommune
ib         Ib Andeby                        administrator of Andeby Kommune only
otto       Otto Udenfor                     signed in, no membership
root       Rolf Superbruger                 superuser
anonymous  (not signed in)                  AnonymousUser
=========  ===============================  ==========================================

Users have no usable password (tests sign in with ``client_as``, which
uses ``force_login``); usernames are the attribute names.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.test import Client
from django.utils import timezone

from medref.accounts.models import MunicipalityAdministrator
from medref.organisation.models import Committee, Membership, Municipality, Person
from medref.organisation.services import ensure_committee, ensure_municipality

Role = Membership.Role
Side = Membership.Side

MUNICIPALITY = "Vejle Kommune"
OTHER_MUNICIPALITY = "Andeby Kommune"
COMMITTEE = "FagMED Økonomi"

# attribute -> (full name, role in FagMED Økonomi, side, job title)
MEMBERS: dict[str, tuple[str, Membership.Role, Membership.Side, str]] = {
    "sofie": ("Sofie Sekretær", Role.SECRETARY, Side.UNSPECIFIED, "HR-konsulent"),
    "frank": ("Frank Formand", Role.CHAIR, Side.MANAGEMENT, "Økonomichef"),
    "nanna": ("Nanna Næstformand", Role.VICE_CHAIR, Side.EMPLOYEES, "Fællestillidsrepræsentant"),
    "mads": ("Mads Medlem", Role.MEMBER, Side.EMPLOYEES, "Bogholder"),
    "lene": ("Lene Leder", Role.MANAGER, Side.MANAGEMENT, "Afdelingsleder"),
    "alma": ("Alma Arbejdsmiljørepræsentant", Role.SAFETY_REPRESENTATIVE, Side.EMPLOYEES, ""),
    "tage": ("Tage Tillidsrepræsentant", Role.UNION_REPRESENTATIVE, Side.EMPLOYEES, ""),
    "sara": ("Sara Suppleant", Role.SUBSTITUTE, Side.EMPLOYEES, "Lønkonsulent"),
}
# Every persona attribute, in the order of the table above.
NAMES: tuple[str, ...] = (
    *MEMBERS,
    "finn",
    "hanne",
    "anna",
    "ib",
    "otto",
    "root",
    "anonymous",
)


@dataclass
class Personas:
    municipality: Municipality
    other_municipality: Municipality
    hovedmed: Committee
    committee: Committee  # FagMED Økonomi, where the personas sit
    lokalmed: Committee
    other_hovedmed: Committee  # Andeby Kommune's
    users: dict[str, User | AnonymousUser] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    memberships: dict[str, Membership] = field(default_factory=dict)

    def __getattr__(self, name: str) -> User | AnonymousUser:
        # Only called for names that are not fields: personas.sofie etc.
        users = self.__dict__.get("users", {})
        if name in users:
            return users[name]
        raise AttributeError(name)


def _user(username: str, full_name: str, **flags: bool) -> User:
    first, _sep, last = full_name.partition(" ")
    user = User(username=username, first_name=first, last_name=last, **flags)
    user.set_unusable_password()
    user.save()
    return user


def make_personas(today: dt.date | None = None) -> Personas:
    """Create the tree and every persona; memberships run from a year before ``today``."""
    today = today or timezone.localdate()
    term_start = today - dt.timedelta(days=365)
    vejle = ensure_municipality(MUNICIPALITY)
    andeby = ensure_municipality(OTHER_MUNICIPALITY)
    hovedmed = ensure_committee(vejle, "HovedMED")
    fagmed = ensure_committee(vejle, COMMITTEE, parent=hovedmed)
    lokalmed = ensure_committee(vejle, "LokalMED Borgerservice", parent=fagmed)
    found = Personas(
        vejle, andeby, hovedmed, fagmed, lokalmed, ensure_committee(andeby, "HovedMED")
    )

    def seat(key: str, name: str, committee: Committee, role: Membership.Role, **extra) -> None:
        user = _user(key, name)
        person = Person.objects.create(municipality=vejle, name=name, user=user)
        found.users[key], found.people[key] = user, person
        found.memberships[key] = Membership.objects.create(
            person=person, committee=committee, role=role, start=term_start, **extra
        )

    for key, (name, role, side, title) in MEMBERS.items():
        seat(key, name, fagmed, role, side=side, title=title)
    seat("finn", "Finn Fhv. Medlem", fagmed, Role.MEMBER, end=today - dt.timedelta(days=1))
    seat("hanne", "Hanne HovedMED", hovedmed, Role.MEMBER)
    found.users["anna"] = _user("anna", "Anna Admin")
    MunicipalityAdministrator.objects.create(user=found.users["anna"], municipality=vejle)
    found.users["ib"] = _user("ib", "Ib Andeby")
    MunicipalityAdministrator.objects.create(user=found.users["ib"], municipality=andeby)
    found.users["otto"] = _user("otto", "Otto Udenfor")
    found.users["root"] = _user("root", "Rolf Superbruger", is_superuser=True, is_staff=True)
    found.users["anonymous"] = AnonymousUser()
    return found


@pytest.fixture
def personas(db: None) -> Personas:
    """Every persona of this module's table, in a fresh committee tree."""
    return make_personas()


@pytest.fixture
def client_as(personas: Personas) -> Callable[[str], Client]:
    """``client_as("sofie")``: a test client signed in as that persona (anonymous: not)."""

    def make(name: str) -> Client:
        client = Client()
        user = personas.users[name]
        if user.is_authenticated:
            client.force_login(user)
        return client

    return make
