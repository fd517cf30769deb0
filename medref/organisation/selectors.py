"""Reads of the organisation, each in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, field
from itertools import groupby

from django.db.models import Q

from .models import Committee, Membership, Municipality, Person


@dataclass
class CommitteeNode:
    """One committee and the committees directly below it, in name order."""

    committee: Committee
    children: list[CommitteeNode] = field(default_factory=list)


def committee_tree(municipality: Municipality | None = None) -> list[CommitteeNode]:
    """The committee tree(s): the root nodes (committees without a parent).

    Roots are ordered by municipality name, then committee name; children by
    name. With ``municipality`` only its committees; otherwise every
    municipality's, each committee's ``municipality`` already loaded.
    One query.
    """
    committees = Committee.objects.select_related("municipality").order_by(
        "municipality__name", "name"
    )
    if municipality is not None:
        committees = committees.filter(municipality=municipality)
    nodes = {c.pk: CommitteeNode(c) for c in committees}
    roots: list[CommitteeNode] = []
    for node in nodes.values():
        parent = nodes.get(node.committee.parent_id) if node.committee.parent_id else None
        # A parent outside the selection (another municipality) makes this a root.
        (parent.children if parent else roots).append(node)
    return roots


@dataclass
class MunicipalityTree:
    """A municipality and its top committees (each with those below it)."""

    municipality: Municipality
    roots: list[CommitteeNode]


def trees_by_municipality(even_empty: Collection[int] = ()) -> list[MunicipalityTree]:
    """Every municipality that has committees, with its tree, in name order.

    The municipalities whose ids are in ``even_empty`` are listed too when
    they have no committee yet (with no roots), so an administrator finds
    where to create the first one. One query; two with ``even_empty``, as
    the list is then read in the database's name order, like the tree.
    """
    trees = {
        municipality.pk: MunicipalityTree(municipality, list(nodes))
        for municipality, nodes in groupby(
            committee_tree(), key=lambda node: node.committee.municipality
        )
    }
    if not even_empty:
        return list(trees.values())
    listed = Municipality.objects.filter(pk__in=set(even_empty) | trees.keys()).order_by("name")
    return [trees.get(m.pk) or MunicipalityTree(m, []) for m in listed]


# The order a committee's members are listed in: the chair first, the substitutes last.
ROLE_ORDER: dict[str, int] = {
    role: position
    for position, role in enumerate(
        (
            Membership.Role.CHAIR,
            Membership.Role.VICE_CHAIR,
            Membership.Role.SECRETARY,
            Membership.Role.MANAGER,
            Membership.Role.MEMBER,
            Membership.Role.SAFETY_REPRESENTATIVE,
            Membership.Role.UNION_REPRESENTATIVE,
            Membership.Role.SUBSTITUTE,
        )
    )
}


@dataclass
class Seats:
    """Who sat on a committee on one day: the members and the substitutes."""

    on: dt.date
    members: list[Membership]
    substitutes: list[Membership]
    upcoming: list[Membership] = field(default_factory=list)  # "kommende": from a later day


def _listing_order(membership: Membership) -> tuple[int, str, str, dt.date]:
    side_order: dict[str, str] = {Membership.Side.MANAGEMENT: "0", Membership.Side.EMPLOYEES: "1"}
    return (
        ROLE_ORDER.get(membership.role, len(ROLE_ORDER)),
        side_order.get(membership.side, "2"),
        membership.person.name,
        membership.start,
    )


def seats_on(committee: Committee, on: dt.date) -> Seats:
    """The memberships of ``committee`` running on ``on`` (end day included), each
    with ``.person`` loaded, chair first, then by role, side and name. One query."""
    current_or_later = (
        Membership.objects.filter(committee=committee)
        .filter(Q(end__isnull=True) | Q(end__gte=on))
        .select_related("person")
    )
    ordered = sorted(current_or_later, key=_listing_order)
    running = [m for m in ordered if m.start <= on]
    return Seats(
        on=on,
        members=[m for m in running if m.role != Membership.Role.SUBSTITUTE],
        substitutes=[m for m in running if m.role == Membership.Role.SUBSTITUTE],
        upcoming=sorted((m for m in ordered if m.start > on), key=lambda m: m.start),
    )


def memberships_of(committee: Committee) -> list[Membership]:
    """Every membership of ``committee``, past, running and future, newest term
    first within each person, each with ``.person`` loaded. One query."""
    return list(
        Membership.objects.filter(committee=committee)
        .select_related("person")
        .order_by("person__name", "-start")
    )


def people_names(municipality: Municipality) -> list[str]:
    """The names of the municipality's people, for a form's suggestions. One query."""
    return list(
        Person.objects.filter(municipality=municipality)
        .order_by("name")
        .values_list("name", flat=True)
        .distinct()
    )


def parent_choices(
    municipality: Municipality, editing: Committee | None = None
) -> list[tuple[Committee, int]]:
    """The committees of ``municipality`` that may be the parent of ``editing`` (of a
    new committee when None), in tree order, each with its depth: ``editing`` and
    the committees below it are left out, as choosing them would make a cycle.
    One query."""
    choices: list[tuple[Committee, int]] = []

    def walk(nodes: list[CommitteeNode], depth: int) -> None:
        for node in nodes:
            if editing is not None and node.committee.pk == editing.pk:
                continue
            choices.append((node.committee, depth))
            walk(node.children, depth + 1)

    walk(committee_tree(municipality), 0)
    return choices
