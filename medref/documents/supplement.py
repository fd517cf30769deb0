"""A tillægsdagsorden in document terms: items marked as added or changed after
the agenda was sent, and the supplement that carries only those items.

Pure: no Django. ``medref.meetings.workflow.supplement`` records the marks;
the meeting page, the downloads and the supplement's own file use these.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from typing import Final

from .model import MeetingDocument

# The marks as the reader sees them (document text, hence Danish).
ADDED: Final = "Tillægspunkt"
CHANGED: Final = "Ændret efter udsendelse"
MARKS: Final[dict[str, str]] = {"added": ADDED, "changed": CHANGED}


def marked_title(title: str, mark: str) -> str:
    """ "Budgetopfølgning – Tillægspunkt": the item's title with its mark after it."""
    return f"{title} – {mark}" if mark else title


def mark_items(doc: MeetingDocument, marks: Mapping[int, str]) -> MeetingDocument:
    """``doc`` with each item whose number is in ``marks`` titled with its mark."""
    if not marks:
        return doc
    items = tuple(
        dataclasses.replace(item, title=marked_title(item.title, marks[item.number]))
        if item.number in marks
        else item
        for item in doc.items
    )
    return dataclasses.replace(doc, items=items)


def only_items(doc: MeetingDocument, numbers: Iterable[int]) -> MeetingDocument:
    """``doc`` with only the items numbered ``numbers`` (in the document's order), no TOC."""
    wanted = set(numbers)
    missing = wanted - {item.number for item in doc.items}
    if missing:
        raise ValueError(f"no item numbered {', '.join(map(str, sorted(missing)))} in the document")
    items = tuple(item for item in doc.items if item.number in wanted)
    return dataclasses.replace(doc, items=items, toc=())


def number_ranges(numbers: Iterable[int]) -> str:
    """ "9–10", "3, 9–11", "4": item numbers as a reader writes them (en dash for runs)."""
    ordered = sorted(set(numbers))
    runs: list[tuple[int, int]] = []
    for number in ordered:
        if runs and number == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], number)
        else:
            runs.append((number, number))
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in runs)


def supplement_title(number: int) -> str:
    """ "Tillægsdagsorden nr. 2" (the first is plain "Tillægsdagsorden")."""
    return "Tillægsdagsorden" if number == 1 else f"Tillægsdagsorden nr. {number}"
