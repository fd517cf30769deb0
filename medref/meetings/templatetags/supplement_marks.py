"""The meeting page's tillægsdagsorden parts: ``{% supplement_info meeting as supplements %}``,
``{{ supplements|mark_of:item.number }}`` and ``{% supplement_box supplements %}``."""

from __future__ import annotations

from typing import Any

from django import template

from medref.meetings.models import Meeting
from medref.meetings.supplement_reads import SupplementInfo
from medref.meetings.supplement_reads import supplement_info as read_info

register = template.Library()


@register.simple_tag
def supplement_info(meeting: Meeting) -> SupplementInfo:
    return read_info(meeting)


@register.filter
def mark_of(info: SupplementInfo, number: Any) -> str:
    """The item's mark ("Tillægspunkt", "Ændret efter udsendelse") or ""."""
    if not isinstance(info, SupplementInfo) or not isinstance(number, int):
        return ""
    return info.marks.get(number, "")


@register.inclusion_tag("meetings/_supplement_box.html")
def supplement_box(info: SupplementInfo) -> dict[str, object]:
    return {"sent": info.sent if isinstance(info, SupplementInfo) else ()}
