"""The public version of a document: what anyone may read.

Closed items (lukkede punkter) keep their number, so the numbering stays
honest, but nothing else: no title, case number, sections, recommendation,
bilag or attendance. Every renderer writes a public version from this one
function, so there is one place that decides what is withheld.
"""

from __future__ import annotations

from dataclasses import replace

from .model import AgendaItem, MeetingDocument

CLOSED_TITLE = "Lukket punkt"


def public_item(item: AgendaItem) -> AgendaItem:
    if not item.closed:
        return item
    return AgendaItem(number=item.number, title=CLOSED_TITLE, closed=True)


def public_version(doc: MeetingDocument) -> MeetingDocument:
    items = tuple(public_item(item) for item in doc.items)
    # Contents lines follow the items in order; a closed item's line loses its title too.
    toc = tuple(
        replace(entry, title=CLOSED_TITLE) if index < len(items) and items[index].closed else entry
        for index, entry in enumerate(doc.toc)
    )
    return replace(doc, items=items, toc=toc)
