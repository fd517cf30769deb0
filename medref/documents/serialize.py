"""Documents to and from plain data.

``to_contract`` is the shape ``medref parse FILE --json`` prints: a contract
other tools rely on, so change it only by adding keys. ``blocks_to_data`` and
``blocks_from_data`` store section bodies losslessly (the database keeps them
as JSON).
"""

from __future__ import annotations

from typing import Any

from .model import (
    AgendaItem,
    Block,
    BulletList,
    Heading,
    ListItem,
    MeetingDocument,
    Paragraph,
    Table,
)
from .plain import section_text

Data = dict[str, Any]


def _list_item_to_data(item: ListItem) -> Data:
    data: Data = {"text": item.text}
    if item.children:
        data["children"] = [_list_item_to_data(c) for c in item.children]
    return data


def _list_item_from_data(data: Data) -> ListItem:
    children = tuple(_list_item_from_data(c) for c in data.get("children", ()))
    return ListItem(text=data["text"], children=children)


def block_to_data(block: Block) -> Data:
    match block:
        case Paragraph(text=text):
            return {"type": "paragraph", "text": text}
        case Heading(text=text):
            return {"type": "heading", "text": text}
        case BulletList(items=items, ordered=ordered):
            return {
                "type": "list",
                "ordered": ordered,
                "items": [_list_item_to_data(i) for i in items],
            }
        case Table(rows=rows):
            return {"type": "table", "rows": [list(r) for r in rows]}
    raise TypeError(f"not a block: {block!r}")


def block_from_data(data: Data) -> Block:
    kind = data.get("type")
    if kind == "paragraph":
        return Paragraph(data["text"])
    if kind == "heading":
        return Heading(data["text"])
    if kind == "list":
        items = tuple(_list_item_from_data(i) for i in data["items"])
        return BulletList(items=items, ordered=bool(data.get("ordered")))
    if kind == "table":
        return Table(rows=tuple(tuple(r) for r in data["rows"]))
    raise ValueError(f"unknown block type {kind!r}")


def blocks_to_data(blocks: tuple[Block, ...]) -> list[Data]:
    return [block_to_data(b) for b in blocks]


def blocks_from_data(data: list[Data]) -> tuple[Block, ...]:
    return tuple(block_from_data(d) for d in data)


def _item_to_contract(item: AgendaItem) -> Data:
    rec = item.recommendation
    return {
        "number": item.number,
        "title": item.title,
        "case_number": item.case_number,
        "closed": item.closed,
        "sections": [
            {"kind": str(s.kind), "heading": s.heading, "text": section_text(item, s)}
            for s in item.sections
        ],
        "recommendation": (
            {"proposer": rec.proposer, "clauses": list(rec.clauses)} if rec else None
        ),
        "attachments": [a.title for a in item.attachments],
        "absent": list(item.absent),
        "substitutes": list(item.substitutes),
    }


def to_contract(doc: MeetingDocument) -> Data:
    """The JSON object ``medref parse FILE --json`` prints."""
    return {
        "kind": str(doc.kind),
        "committee": doc.committee,
        "municipality": doc.municipality,
        "meeting_date": doc.meeting_date.isoformat() if doc.meeting_date else None,
        "start_time": doc.start_time.strftime("%H:%M") if doc.start_time else None,
        "end_time": doc.end_time.strftime("%H:%M") if doc.end_time else None,
        "location": doc.location,
        "participants": [{"name": p.name, "title": p.title} for p in doc.participants],
        "present": list(doc.present) if doc.present is not None else None,
        "absent": list(doc.absent),
        "substitutes": list(doc.substitutes),
        "minute_taker": doc.minute_taker,
        "toc": [{"title": t.title, "page": t.page} for t in doc.toc],
        "items": [_item_to_contract(i) for i in doc.items],
        # Added later (the contract only grows): "absent" is Afbud, this is Fraværende.
        "absent_without_notice": list(doc.absent_without_notice),
    }
