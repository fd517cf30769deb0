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
