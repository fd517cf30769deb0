"""What the editor views share: who may open a page, the workflow buttons (``steps.STEPS``)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_htmx.middleware import HtmxDetails

from medref.accounts.permissions import Action, MeetingAccess, meeting_access
from medref.meetings.models import Meeting
from medref.meetings.workflow.steps import STEPS, Step

Status = Meeting.Status


def is_htmx(request: HttpRequest) -> bool:
    """Whether htmx sent the request (its HX-Request header, read as django-htmx reads it)."""
    return bool(HtmxDetails(request))


# Which editor pages a meeting in a status has, and the right each needs.
AGENDA_STATUSES = frozenset({Status.PLANNED})
MINUTES_STATUSES = frozenset({Status.AGENDA_SENT, Status.HELD, Status.MINUTES_DRAFT})


def editor_links(meeting: Meeting, access: MeetingAccess) -> list[tuple[object, str]]:
    """(label, url) of the editor pages this user may open for this meeting."""
    links: list[tuple[object, str]] = []
    if meeting.status in AGENDA_STATUSES and access.can(Action.EDIT_AGENDA):
        links.append((_("Edit agenda"), reverse("web:meetings:editor", args=[meeting.pk])))
    if meeting.status in MINUTES_STATUSES:
        if access.can(Action.RECORD_ATTENDANCE):
            links.append((_("Attendance"), reverse("web:meetings:attendance", args=[meeting.pk])))
        if access.can(Action.WRITE_MINUTES):
            links.append((_("Write minutes"), reverse("web:meetings:minutes", args=[meeting.pk])))
    if meeting.status == Status.AGENDA_SENT and access.can(Action.SEND_AGENDA):
        links.append(
            (_("Change time and place"), reverse("web:meetings:time_and_place", args=[meeting.pk]))
        )
    if meeting.status == Status.AGENDA_SENT and access.can(Action.EDIT_AGENDA):
        # Tillægsdagsorden (views/supplement.py): add or change items after sending.
        links.append(("Tillægsdagsorden", reverse("web:meetings:supplement", args=[meeting.pk])))
    reopenable = {Status.MINUTES_APPROVED, Status.PUBLISHED}
    if meeting.status in reopenable and access.can(Action.APPROVE_MINUTES):
        links.append((_("Reopen minutes"), reverse("web:meetings:reopen", args=[meeting.pk])))
    if access.can(Action.VIEW_UNPUBLISHED):
        links.append((_("History"), reverse("web:meetings:history", args=[meeting.pk])))
    return links


def next_steps(meeting: Meeting, access: MeetingAccess) -> list[Step]:
    """The workflow buttons this user may press for the meeting now (``steps.STEPS``)."""
    return [
        s
        for s in STEPS
        if s.source == meeting.status and access.can(s.right) and s.offered(meeting)
    ]


def visible(request: HttpRequest, meeting: Meeting) -> MeetingAccess:
    """The user's access to ``meeting``; 404 if they may not see it.

    A view that writes checks only this before it calls the action: the action
    checks the right itself (``PermissionDenied``, a 403); the view checks the
    right again (``require``) only before it shows a page of its own.
    """
    access = meeting_access(request.user, meeting)
    if not access.view:
        raise Http404
    return access


def may(access: MeetingAccess, action: Action) -> None:
    """403 unless the access allows ``action``: before a page of the view's own."""
    if not access.can(action):
        raise PermissionDenied


def require(request: HttpRequest, meeting: Meeting, action: Action) -> MeetingAccess:
    """The user's access to ``meeting``; 404 if they may not see it, 403 without ``action``:
    for pages (an editor, a form), not before an action, which checks it itself."""
    access = visible(request, meeting)
    may(access, action)
    return access


def back_to(url: str, anchor: str = "") -> HttpResponse:
    return redirect(f"{url}#{anchor}" if anchor else url)
