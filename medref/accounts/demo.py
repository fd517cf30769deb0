"""Demo accounts for trying medref by hand (``manage.py load_demo_accounts``).

Fictional people with one role each in Vejle Kommune's FagMED Økonomi, the
committee of the demo minutes, and an administrator of the municipality.
Everyone's password is ``DEMO_PASSWORD``; README.md lists the accounts.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.db import transaction

from medref.organisation.models import Committee, Membership, Person
from medref.organisation.services import ensure_committee, ensure_membership, ensure_municipality

from .models import MunicipalityAdministrator

DEMO_PASSWORD = "medref-demo"
MUNICIPALITY = "Vejle Kommune"
COMMITTEE = "FagMED Økonomi"
TERM_START = dt.date(2025, 1, 1)

Role = Membership.Role
Side = Membership.Side

# username -> (full name, role in FagMED Økonomi, side, job title); role None: administrator.
DEMO_ACCOUNTS: dict[str, tuple[str, Membership.Role | None, Membership.Side, str]] = {
    "sekretaer": ("Sofie Sekretær", Role.SECRETARY, Side.UNSPECIFIED, "HR-konsulent"),
    "formand": ("Frank Formand", Role.CHAIR, Side.MANAGEMENT, "Økonomichef"),
    "naestformand": ("Nanna Næstformand", Role.VICE_CHAIR, Side.EMPLOYEES, "Tillidsrepræsentant"),
    "medlem": ("Mads Medlem", Role.MEMBER, Side.EMPLOYEES, "Bogholder"),
    "suppleant": ("Sara Suppleant", Role.SUBSTITUTE, Side.EMPLOYEES, "Lønkonsulent"),
    "admin": ("Anna Admin", None, Side.UNSPECIFIED, ""),
}


@transaction.atomic
def create_demo_accounts() -> list[str]:
    """Create the demo users, people and memberships that are missing; returns the
    usernames created. Idempotent: existing users keep their password."""
    municipality = ensure_municipality(MUNICIPALITY)
    hovedmed = ensure_committee(municipality, "HovedMED", level=Committee.Level.HOVEDMED)
    committee = ensure_committee(
        municipality, COMMITTEE, level=Committee.Level.FAGMED, parent=hovedmed
    )
    created: list[str] = []
    for username, (name, role, side, title) in DEMO_ACCOUNTS.items():
        first, _sep, last = name.partition(" ")
        user, is_new = User.objects.get_or_create(
            username=username, defaults={"first_name": first, "last_name": last}
        )
        if is_new:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
            created.append(username)
        if role is None:
            MunicipalityAdministrator.objects.get_or_create(user=user, municipality=municipality)
            continue
        person, _new = Person.objects.get_or_create(
            user=user, defaults={"municipality": municipality, "name": name}
        )
        ensure_membership(person, committee, role=role, start=TERM_START, title=title, side=side)
    return created
