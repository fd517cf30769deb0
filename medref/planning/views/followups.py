"""Opfølgning: the committee's list, and the proposal forms of the minutes and agenda pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from medref.accounts.permissions import Action
from medref.meetings.models import AgendaItem, Meeting
from medref.organisation.models import Committee

from .. import selectors, services
from ..models import FollowUp, Theme
from .common import back, committee_or_404, refuse_unless, run


def _list_url(committee: Committee) -> str:
    c = committee
    return reverse("web:planning:followups", args=[c.municipality.slug, c.slug])


@require_GET
def followup_list(request: HttpRequest, municipality: str, slug: str) -> HttpResponse:
    committee = committee_or_404(municipality, slug)
    allowed, refusal = refuse_unless(request, committee, Action.VIEW_UNPUBLISHED)
    if refusal is not None:
        return refusal
    today = timezone.localdate()
    rows = selectors.committee_followups(committee)
    last_meeting = selectors.last_meeting_before(committee, today)
    context = {
        "committee": committee,
        "proposed": [f for f in rows if f.status == FollowUp.Status.PROPOSED],
        "accepted": [
            (f, f.overdue(today, last_meeting))
            for f in rows
            if f.status != FollowUp.Status.PROPOSED
        ],
        "may_edit": Action.EDIT_AGENDA in allowed,
        "may_write": Action.WRITE_MINUTES in allowed,
    }
    return render(request, "planning/followups.html", context)


@require_POST
def find_in_archive(request: HttpRequest, municipality: str, slug: str) -> HttpResponse:
    committee = committee_or_404(municipality, slug)
    found: list[FollowUp] = []

    def action() -> None:
        found.extend(services.propose_archive_followups(committee, actor=request.user))

    if run(request, action):
        from django.contrib import messages

        messages.success(request, _("%(count)s nye forslag fra arkivet.") % {"count": len(found)})
    return back(request, _list_url(committee))


@require_POST
def followup_status(request: HttpRequest, pk: int) -> HttpResponse:
    followup = get_object_or_404(FollowUp.objects.select_related("committee__municipality"), pk=pk)
    answer = request.POST.get("svar", "")
    if answer in ("accepter", "afvis"):
        run(
            request,
            lambda: services.decide_archive_followup(
                followup, actor=request.user, accept=answer == "accepter"
            ),
        )
    else:
        run(request, lambda: services.set_followup_status(followup, answer, actor=request.user))
    return back(request, _list_url(followup.committee))


def _proposals_page(
    request: HttpRequest, meeting: Meeting, fragment: str, context: dict[str, object]
) -> HttpResponse:
    """The fragment alone for htmx (loaded into the editor), else a page around it."""
    context = {**context, "meeting": meeting, "committee": meeting.committee}
    if getattr(request, "htmx", False):
        return render(request, fragment, context)
    return render(request, "planning/proposals_page.html", {**context, "fragment": fragment})


@require_http_methods(["GET", "POST"])
def minutes_answer(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: what the decisions promise; POST: accept or dismiss one of them."""
    meeting = get_object_or_404(Meeting.objects.select_related("committee__municipality"), pk=pk)
    if request.method == "GET":
        _allowed, refusal = refuse_unless(request, meeting.committee, Action.WRITE_MINUTES)
        if refusal is not None:
            return refusal
        return _proposals_page(
            request,
            meeting,
            "planning/_minutes_followups.html",
            {
                "rows": selectors.minutes_proposals(meeting),
                "heading": _("Opfølgninger i beslutningerne"),
                "back_url": reverse("web:meetings:minutes", args=[meeting.pk]),
                "back_text": _("Tilbage til referatet"),
            },
        )
    item = get_object_or_404(AgendaItem, pk=request.POST.get("punkt", "0"), meeting=meeting)
    run(
        request,
        lambda: services.decide_followup(
            meeting,
            actor=request.user,
            item=item,
            text=request.POST.get("tekst", ""),
            accept=request.POST.get("svar") == "accepter",
        ),
    )
    return back(request, reverse("web:meetings:minutes", args=[meeting.pk]))


@require_http_methods(["GET", "POST"])
def agenda_answer(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the themes and follow-ups proposed for the agenda; POST: accept one (as an
    item) or dismiss it."""
    meeting = get_object_or_404(Meeting.objects.select_related("committee__municipality"), pk=pk)
    if request.method == "GET":
        _allowed, refusal = refuse_unless(request, meeting.committee, Action.EDIT_AGENDA)
        if refusal is not None:
            return refusal
        planned = meeting.status == Meeting.Status.PLANNED
        return _proposals_page(
            request,
            meeting,
            "planning/_agenda_proposals.html",
            {
                "proposals": selectors.agenda_proposals(meeting) if planned else None,
                "heading": _("Forslag til dagsordenen"),
                "back_url": reverse("web:meetings:editor", args=[meeting.pk]),
                "back_text": _("Tilbage til dagsordenen"),
            },
        )
    theme = followup = None
    if request.POST.get("tema"):
        theme = get_object_or_404(
            Theme, pk=request.POST["tema"], plan__committee_id=meeting.committee_id
        )
    elif request.POST.get("opfoelgning"):
        followup = get_object_or_404(
            FollowUp.objects.select_related("meeting"),
            pk=request.POST["opfoelgning"],
            committee_id=meeting.committee_id,
        )
    site = request.build_absolute_uri("/").rstrip("/")
    if request.POST.get("svar") == "accepter":
        run(
            request,
            lambda: services.accept_proposal(
                meeting, actor=request.user, theme=theme, followup=followup, site=site
            ),
            _("Punktet er sat på dagsordenen."),
        )
    else:
        run(
            request,
            lambda: services.dismiss_proposal(
                meeting, actor=request.user, theme=theme, followup=followup
            ),
        )
    return back(request, reverse("web:meetings:editor", args=[meeting.pk]))
