"""Inclusion tags that put the planning proposals into the meeting editor's pages:

  {% load planning %}{% agenda_proposals meeting %}     in meetings/editor.html
  {% load planning %}{% minutes_followups meeting %}    in meetings/minutes.html

Each reads what it shows itself, so the editor's views need no change.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.contrib.messages import get_messages

from medref.accounts.permissions import Action, actions
from medref.meetings.models import Meeting

from .. import selectors

register = template.Library()


@register.inclusion_tag("planning/_agenda_proposals.html", takes_context=True)
def agenda_proposals(context: dict[str, Any], meeting: Meeting) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    allowed = actions(user, meeting.committee)
    show = Action.EDIT_AGENDA in allowed and meeting.status == Meeting.Status.PLANNED
    return {
        "show": show,
        "meeting": meeting,
        "proposals": selectors.agenda_proposals(meeting) if show else None,
        "messages": list(get_messages(request)) if request is not None and show else [],
        "csrf_token": context.get("csrf_token"),
        "request": request,
    }


@register.inclusion_tag("planning/_minutes_followups.html", takes_context=True)
def minutes_followups(context: dict[str, Any], meeting: Meeting) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    show = Action.WRITE_MINUTES in actions(user, meeting.committee)
    return {
        "show": show,
        "meeting": meeting,
        "rows": selectors.minutes_proposals(meeting) if show else [],
        "messages": list(get_messages(request)) if request is not None and show else [],
        "csrf_token": context.get("csrf_token"),
        "request": request,
    }
