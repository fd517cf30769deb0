"""The meeting page's "Deltagelse" box: afbud, and the way to notes and comments."""

from __future__ import annotations

from typing import Any

from django import template

from medref.accounts.permissions import Action
from medref.meetings import statuses
from medref.meetings.models import Meeting

from ..models import MemberAfbud
from ..services import afbud_open, member_person

register = template.Library()

APPROVAL_STATUSES = frozenset({statuses.MINUTES_DRAFT, statuses.MINUTES_APPROVED})


@register.inclusion_tag("participation/_meeting_box.html", takes_context=True)
def participation_box(context: dict[str, Any], meeting: Meeting, access: Any) -> dict[str, Any]:
    """No query for a published meeting; before the meeting two (membership, own afbud)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"show": False}
    before = afbud_open(meeting)
    person = member_person(user, meeting) if before else None
    afbud = (
        MemberAfbud.objects.filter(meeting=meeting, person=person).first()
        if person is not None
        else None
    )
    shared = access.can(Action.VIEW_UNPUBLISHED)
    return {
        "show": True,
        "meeting": meeting,
        "member": shared,  # comments are theirs
        "afbud_open": person is not None,
        "afbud": afbud,
        "csrf_token": context.get("csrf_token"),
        "show_approval": shared and meeting.status in APPROVAL_STATUSES,
    }


@register.inclusion_tag("participation/_reported_afbud.html")
def reported_afbud_list(meeting: Meeting) -> dict[str, Any]:
    """The secretary's attendance page: who gave afbud themselves, and who wants a substitute."""
    from ..selectors import reported_afbud

    return {"afbud": sorted(reported_afbud(meeting).values(), key=lambda a: a.person.name)}
