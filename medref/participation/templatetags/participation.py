"""The meeting page's "Deltagelse" box: afbud, and the way to notes and comments."""

from __future__ import annotations

from typing import Any

from django import template

from medref.meetings.models import Meeting
from medref.meetings.statuses import MINUTES_STATUSES

from ..models import MemberAfbud
from ..services import afbud_open, member_person

register = template.Library()


@register.inclusion_tag("participation/_meeting_box.html", takes_context=True)
def participation_box(context: dict[str, Any], meeting: Meeting, access: Any) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"show": False}
    person = member_person(user, meeting)
    afbud = (
        MemberAfbud.objects.filter(meeting=meeting, person=person).first()
        if person is not None
        else None
    )
    return {
        "show": True,
        "meeting": meeting,
        "member": person is not None,
        "afbud_open": person is not None and afbud_open(meeting),
        "afbud": afbud,
        "csrf_token": context.get("csrf_token"),
        "show_approval": meeting.status in MINUTES_STATUSES
        and access.decisions
        and person is not None,
    }


@register.inclusion_tag("participation/_reported_afbud.html")
def reported_afbud_list(meeting: Meeting) -> dict[str, Any]:
    """The secretary's attendance page: who gave afbud themselves, and who wants a substitute."""
    from ..selectors import reported_afbud

    return {"afbud": sorted(reported_afbud(meeting).values(), key=lambda a: a.person.name)}
