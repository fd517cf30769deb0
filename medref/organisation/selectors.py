"""Reads of the organisation, each in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field

from .models import Committee, Municipality


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
