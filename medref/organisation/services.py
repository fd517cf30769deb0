"""Writes to the organisation: one function per action.

Each is atomic on its own and safe inside a caller's transaction (imports
call them from ``medref.meetings.services``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction

from medref.lib.names import match_name, slugify

from .models import Committee, Membership, Municipality, Person

# Longest prefix first is not needed: the prefixes do not overlap.
_LEVEL_PREFIXES: tuple[tuple[str, Committee.Level], ...] = (
    ("hovedmed", Committee.Level.HOVEDMED),
    ("kommunemed", Committee.Level.HOVEDMED),
    ("fagmed", Committee.Level.FAGMED),
    ("lokalmed", Committee.Level.LOKALMED),
    ("afdelingsmed", Committee.Level.AFDELINGSMED),
)


def infer_level(name: str) -> Committee.Level:
    """The level a committee's name implies ("FagMED Økonomi" -> FAGMED); LOKALMED otherwise."""
    lowered = name.strip().casefold()
    for prefix, level in _LEVEL_PREFIXES:
        if lowered.startswith(prefix):
            return level
    return Committee.Level.LOKALMED


def _free_slug(base: str, taken: Iterable[str]) -> str:
    """``base``, or ``base-2``, ``base-3``… when names differ only in punctuation."""
    taken_set = set(taken)
    base = base or "x"
    slug, n = base, 1
    while slug in taken_set:
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def ensure_municipality(name: str) -> Municipality:
    """The municipality called ``name``, created if it does not exist yet."""
    existing = Municipality.objects.filter(name=name).first()
    if existing is not None:
        return existing
    base = slugify(name)
    taken = Municipality.objects.filter(slug__startswith=base).values_list("slug", flat=True)
    return Municipality.objects.create(name=name, slug=_free_slug(base, taken))


@transaction.atomic
def ensure_committee(
    municipality: Municipality,
    name: str,
    *,
    level: Committee.Level | None = None,
    parent: Committee | None = None,
) -> Committee:
    """The committee called ``name`` in ``municipality``, created if missing.

    A new committee's level is ``level`` or inferred from its name. For an
    existing one, a given ``level`` or ``parent`` that differs is updated,
    so placing an imported committee in the tree later works.
    """
    committee = Committee.objects.filter(municipality=municipality, name=name).first()
    if committee is None:
        base = slugify(name)
        taken = Committee.objects.filter(
            municipality=municipality, slug__startswith=base
        ).values_list("slug", flat=True)
        return Committee.objects.create(
            municipality=municipality,
            name=name,
            slug=_free_slug(base, taken),
            level=level or infer_level(name),
            parent=parent,
        )
    changed: list[str] = []
    if level is not None and committee.level != level:
        committee.level = level
        changed.append("level")
    if parent is not None and committee.parent_id != parent.pk:
        committee.parent = parent
        changed.append("parent")
    if changed:
        committee.save(update_fields=changed)
    return committee


@transaction.atomic
def resolve_people(municipality: Municipality, names: Iterable[str]) -> dict[str, Person]:
    """Map each name to a person of ``municipality``, creating only the truly new ones.

    Spellings are matched with ``medref.lib.names.match_name``, so a typo in
    one set of minutes finds the existing person instead of duplicating them.
    Two queries plus one insert per new person, whatever the number of names.
    """
    people = list(Person.objects.filter(municipality=municipality).order_by("pk"))
    by_name: dict[str, Person] = {}
    for person in people:
        by_name.setdefault(person.name, person)  # the oldest person wins a tie
    resolved: dict[str, Person] = {}
    for name in names:
        if name in resolved:
            continue
        known = match_name(name, by_name)
        if known is None:
            by_name[name] = Person.objects.create(municipality=municipality, name=name)
            known = name
        resolved[name] = by_name[known]
    return resolved


@transaction.atomic
def ensure_membership(
    person: Person,
    committee: Committee,
    *,
    role: Membership.Role,
    start: dt.date,
    title: str = "",
    side: Membership.Side = Membership.Side.UNSPECIFIED,
) -> Membership:
    """The membership of ``person`` in ``committee`` (role, start); created if missing."""
    membership, _created = Membership.objects.get_or_create(
        person=person,
        committee=committee,
        role=role,
        start=start,
        defaults={"title": title, "side": side},
    )
    return membership
