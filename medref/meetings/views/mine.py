"""Mine møder: a signed-in person's start page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import F, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from medref.accounts.permissions import Action, committees_where, visible_meetings_filter
from medref.meetings.models import Meeting

Status = Meeting.Status

# What awaits whom: (status, the right that acts on it, what to do) in workflow order.
_TODO = (
    (Status.PLANNED, Action.EDIT_AGENDA, "agenda"),
    (Status.AGENDA_SENT, Action.WRITE_MINUTES, "minutes"),
    (Status.HELD, Action.WRITE_MINUTES, "minutes"),
    (Status.MINUTES_DRAFT, Action.APPROVE_MINUTES, "approve"),
    (Status.MINUTES_APPROVED, Action.PUBLISH_MINUTES, "publish"),
)


@login_required
@require_GET
def my_meetings(request: HttpRequest) -> HttpResponse:
    """Upcoming meetings of the user's committees and what awaits their action.

    Who may do what is asked of ``medref.accounts.permissions`` (committees_where,
    visible_meetings_filter); no rule is written here.
    """
    user = request.user
    mine = committees_where(user, Action.VIEW_CLOSED)
    visible = Meeting.objects.filter(visible_meetings_filter(user)).select_related(
        "committee__municipality"
    )
    today = timezone.localdate()
    upcoming = list(
        visible.filter(committee_id__in=mine, meeting_date__gte=today).order_by(
            "meeting_date", "start_time"
        )[:20]
    )
    todo_filter = Q(pk__in=[])
    for status, action, _kind in _TODO:
        committees = committees_where(user, action)
        if committees:
            todo_filter |= Q(status=status, committee_id__in=committees)
    kinds: dict[str, str] = {status: kind for status, _action, kind in _TODO}
    todo = [
        (meeting, kinds[meeting.status])
        for meeting in visible.filter(todo_filter).order_by(F("meeting_date").asc(nulls_last=True))[
            :50
        ]
    ]
    context = {"upcoming": upcoming, "todo": todo}
    return render(request, "meetings/my_meetings.html", context)
