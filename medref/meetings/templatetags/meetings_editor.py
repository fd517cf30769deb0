"""Filters for the editor templates."""

from __future__ import annotations

from typing import Any

from django import template

from medref.documents.model import Block
from medref.documents.serialize import blocks_from_data
from medref.meetings.text import blocks_to_markdown

register = template.Library()


@register.filter
def body_blocks(body: list[dict[str, Any]]) -> tuple[Block, ...]:
    """A stored section body as document blocks (for web/_blocks.html)."""
    return blocks_from_data(body)


@register.filter
def body_markdown(body: list[dict[str, Any]]) -> str:
    """A stored section body as the Markdown the editor shows."""
    return blocks_to_markdown(blocks_from_data(body))


@register.filter
def item_names(item: Any, kind: str) -> list[str]:
    """Names of the item's ItemAttendance rows of ``kind`` ("absent"/"substitute"), in order."""
    return [a.name for a in item.item_attendances.all() if a.kind == kind]


@register.filter
def status_label(value: str) -> str:
    """A Meeting.Status value as its (translated) label; unknown values as they are."""
    from medref.meetings.models import Meeting

    try:
        return str(Meeting.Status(value).label)
    except ValueError:
        return value


@register.inclusion_tag("meetings/_meeting_links.html", takes_context=True)
def meeting_editor_links(context: template.Context, meeting: Any, access: Any) -> dict[str, Any]:
    """Links to the editor pages and the workflow buttons, for the meeting page."""
    from medref.meetings.views.common import editor_links, next_steps

    return {
        "meeting": meeting,
        "links": editor_links(meeting, access),
        "steps": next_steps(meeting, access),
        "csrf_token": context.get("csrf_token"),
        "request": context.get("request"),
    }
