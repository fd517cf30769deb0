"""Folding units with too few employees into their parent's row.

A unit with fewer than ``threshold`` distinct employees employed in the period
is never shown alone: it is folded into its parent's row, deepest units first,
so a parent that is still too small after taking its children in is folded on
up. Units whose parent lies outside the scope fold into the scope's root row
(the root unit, or for a committee a row of its own). If the root row ends up
between 1 and ``threshold`` - 1 employees, the smallest other rows are folded
into it until it is large enough. The rows always partition the scope, so no
subtraction of shown figures isolates a folded unit.
"""

from __future__ import annotations

from collections.abc import Mapping, Set
from dataclasses import dataclass

ROOT = ""  # the root row of a committee scope that has no single root unit


@dataclass(frozen=True)
class Row:
    head: str  # the unit the row is named after; ROOT for a committee's own row
    units: tuple[str, ...]  # head first, then the folded units, sorted
    employees: int

    @property
    def folded(self) -> tuple[str, ...]:
        return tuple(u for u in self.units if u != self.head)


def fold(
    parents: Mapping[str, str],
    members: Mapping[str, Set[int]],
    threshold: int,
    root: str = ROOT,
) -> list[Row]:
    """The rows for the units in ``parents`` (unit -> parent unit, any id outside
    the scope or empty meaning the root). ``members`` gives each unit's employees.
    ``root`` is a unit of the scope or ROOT. Rows come sorted by head.
    """
    scope = set(parents)
    if root != ROOT and root not in scope:
        raise ValueError(f"root {root!r} is not in the scope")

    def parent_of(unit: str) -> str:
        if unit == root:
            return unit
        parent = parents[unit]
        return parent if parent in scope else root

    def depth_of(unit: str) -> int:
        steps, seen = 0, set[str]()
        while unit != root:
            if unit in seen:
                raise ValueError(f"the units {sorted(seen)} form a cycle")
            seen.add(unit)
            unit = parent_of(unit)
            steps += 1
        return steps

    depth = {unit: depth_of(unit) for unit in scope}
    head_of: dict[str, str] = {u: u for u in scope}
    head_of[root] = root
    row_units: dict[str, set[str]] = {u: {u} for u in scope}
    row_units.setdefault(root, set())
    row_members: dict[str, set[int]] = {u: set(members.get(u, ())) for u in scope}
    row_members.setdefault(root, set())

    def merge(into: str, head: str) -> None:
        for unit in row_units.pop(head):
            head_of[unit] = into
            row_units[into].add(unit)
        row_members[into] |= row_members.pop(head)

    for unit in sorted((u for u in scope if u != root), key=lambda u: (-depth[u], u)):
        if head_of[unit] == unit and len(row_members[unit]) < threshold:
            merge(head_of[parent_of(unit)], unit)
    while 0 < len(row_members[root]) < threshold and len(row_units) > 1:
        smallest = min((h for h in row_units if h != root), key=lambda h: (len(row_members[h]), h))
        merge(root, smallest)
    if not row_units[root] and root == ROOT:
        del row_units[root]
    rows = [
        Row(head, (head, *sorted(u for u in row_units[head] if u != head)), len(row_members[head]))
        if head in scope
        else Row(head, tuple(sorted(row_units[head])), len(row_members[head]))
        for head in sorted(row_units)
    ]
    return rows


def shown(rows: list[Row], threshold: int) -> bool:
    """Whether the rows may be shown at all: every row with people has ``threshold`` of them."""
    return all(row.employees == 0 or row.employees >= threshold for row in rows)
