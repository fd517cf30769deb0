"""What the editor views share: who may open a page, the workflow buttons."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_htmx.middleware import HtmxDetails

from medref.accounts.permissions import Action, MeetingAccess, meeting_access
from medref.meetings.models import Meeting

Status = Meeting.Status


def is_htmx(request: HttpRequest) -> bool:
    """Whether htmx sent the request (its HX-Request header, read as django-htmx reads it)."""
    return bool(HtmxDetails(request))


@dataclass(frozen=True)
class Step:
    """One workflow button: from which status, by which right, to which service."""

    slug: str
    label: object
    source: str
    action: Action
    service: str  # function name in medref.meetings.workflow.minutes
    then: str  # the page to go on to afterwards (URL name)
    explanation: object = ""  # the confirmation page: what happens, who will see what
    done: object = ""  # the message after it went through
    reversible: bool = True


# The buttons, in workflow order; their slugs are the URLs' last part.
STEPS: tuple[Step, ...] = (
    Step(
        "send-dagsorden",
        _("Send agenda"),
        Status.PLANNED,
        Action.SEND_AGENDA,
        "send_agenda",
        "web:meetings:attendance",
        _(
            "The agenda is frozen and stored as sent (PDF). The committee's members and "
            "substitutes can read all of it, closed items included; everyone else, also those "
            "not signed in, can read the open items on the meeting page and the agenda file "
            "without the closed items. The agenda can no longer be edited afterwards."
        ),
        _("The agenda has been sent. Record the attendance at the meeting here."),
        False,
    ),
    Step(
        "afholdt",
        _("Mark as held"),
        Status.AGENDA_SENT,
        Action.WRITE_MINUTES,
        "mark_held",
        "web:meetings:minutes",
        _(
            "The meeting is marked as held, and you go on to write the decisions. Nothing new "
            "is shown to anyone: members read the minutes as they are being written, everyone "
            "else still the agenda."
        ),
        _("The meeting is marked as held. Write the decisions here."),
    ),
    Step(
        "referat-udkast",
        _("Submit minutes draft"),
        Status.HELD,
        Action.WRITE_MINUTES,
        "submit_minutes",
        "web:meeting",
        _(
            "The minutes become a draft marked UDKAST. The committee's members can read it; "
            "substitutes and the public cannot (the public still reads the agenda). The chair "
            "approves it next."
        ),
        _("The minutes are now a draft. The chair can approve them."),
    ),
    Step(
        "godkend",
        _("Approve minutes"),
        Status.MINUTES_DRAFT,
        Action.APPROVE_MINUTES,
        "approve_minutes",
        "web:meeting",
        _(
            "The minutes are approved: decisions and attendance can no longer be changed. "
            "Nothing is published yet; only the committee's members read them until then."
        ),
        _("The minutes are approved. They can now be published."),
    ),
    Step(
        "offentliggoer",
        _("Publish minutes"),
        Status.MINUTES_APPROVED,
        Action.PUBLISH_MINUTES,
        "publish_minutes",
        "web:meeting",
        _(
            "Everyone, also those not signed in, can then read the open items with their "
            "decisions on the meeting page and in its files, and find them by search. Closed "
            "items show only their number and “Lukket punkt”. Publishing cannot be undone."
        ),
        _("The minutes are published. Everyone can read the open items and their decisions."),
        False,
    ),
)
STEP_BY_SLUG = {step.slug: step for step in STEPS}

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
    reopenable = {Status.MINUTES_APPROVED, Status.PUBLISHED}
    if meeting.status in reopenable and access.can(Action.APPROVE_MINUTES):
        links.append((_("Reopen minutes"), reverse("web:meetings:reopen", args=[meeting.pk])))
    if access.can(Action.VIEW_UNPUBLISHED):
        links.append((_("History"), reverse("web:meetings:history", args=[meeting.pk])))
    return links


def next_steps(meeting: Meeting, access: MeetingAccess) -> list[Step]:
    """The workflow buttons this user may press for the meeting now."""
    return [s for s in STEPS if s.source == meeting.status and access.can(s.action)]


def require(request: HttpRequest, meeting: Meeting, action: Action) -> MeetingAccess:
    """The user's access to ``meeting``; 404 if they may not see it, 403 without ``action``."""
    access = meeting_access(request.user, meeting)
    if not access.view:
        raise Http404
    if not access.can(action):
        raise PermissionDenied
    return access


def back_to(url: str, anchor: str = "") -> HttpResponse:
    return redirect(f"{url}#{anchor}" if anchor else url)
