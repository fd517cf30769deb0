"""Calendar feeds, the personal calendar page, afbud, notes and comments."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from medref.accounts.permissions import meeting_access
from medref.meetings import statuses
from medref.meetings.models import Meeting, MeetingEvent
from medref.meetings.workflow.errors import WorkflowError
from medref.organisation.models import Committee

from . import feeds, services
from .ical import calendar
from .models import ItemComment, MinutesRound, PersonalFeed, PrivateNote


def _site(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _host() -> str:
    return urlsplit(settings.MEDREF_SITE_URL).hostname or "medref"


def _ics(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_GET
def committee_feed(request: HttpRequest, municipality: str, slug: str) -> HttpResponse:
    """The committee's meetings that anyone may see, as iCal."""
    committee = get_object_or_404(
        Committee.objects.select_related("municipality"),
        municipality__slug=municipality,
        slug=slug,
    )
    events = feeds.committee_feed(committee, _site(request), _host())
    return _ics(calendar(f"{committee.name}: møder", events), f"{committee.slug}-moeder.ics")


@require_GET
def personal_feed(request: HttpRequest, token: str) -> HttpResponse:
    """A person's meetings, at the secret address of their calendar page."""
    feed = PersonalFeed.objects.select_related("user").filter(token=token).first()
    if feed is None or not feed.user.is_active:
        raise Http404
    events = feeds.personal_feed(feed.user, _site(request), _host())
    response = _ics(calendar("Mine MED-møder", events), "mine-moeder.ics")
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def my_calendar(request: HttpRequest) -> HttpResponse:
    """The personal calendar address; POST makes it (or a new one)."""
    user = request.user
    assert isinstance(user, User)  # @login_required
    if request.method == "POST":
        existed = PersonalFeed.objects.filter(user=user).exists()
        services.feed_for(request.user, renew=True)
        if existed:
            messages.success(request, "Du har fået en ny adresse. Den gamle virker ikke længere.")
        return redirect("web:participation:calendar")
    feed = PersonalFeed.objects.filter(user=user).first()
    url = (
        request.build_absolute_uri(reverse("web:participation:personal_feed", args=[feed.token]))
        if feed
        else None
    )
    committees = Committee.objects.filter(pk__in=feeds.user_committees(user)).order_by("name")
    return render(
        request,
        "participation/calendar.html",
        {"feed_url": url, "committees": committees},
    )


@require_POST
def afbud(request: HttpRequest, pk: int) -> HttpResponse:
    """Afbud ("Jeg kommer ikke") (or "Jeg kommer alligevel") from the meeting page."""
    if not request.user.is_authenticated:
        return redirect(f"{reverse('accounts:login')}?next={reverse('web:meeting', args=[pk])}")
    meeting = get_object_or_404(Meeting.objects.select_related("committee"), pk=pk)
    if not meeting_access(request.user, meeting).view:
        raise Http404
    try:
        if request.POST.get("withdraw"):
            services.withdraw_afbud(meeting, actor=request.user)
            messages.success(request, "Dit afbud er trukket tilbage.")
        else:
            services.report_afbud(
                meeting,
                actor=request.user,
                substitute_wanted=bool(request.POST.get("substitute_wanted")),
                reason=request.POST.get("reason", ""),
            )
            messages.success(request, "Dit afbud er meldt. Sekretæren kan se det.")
    except WorkflowError as error:
        messages.error(request, str(error.message))
    return redirect(reverse("web:meeting", args=[pk]) + "#deltagelse")


def notes(request: HttpRequest, pk: int) -> HttpResponse:
    """Mine noter og kommentarer: per visible item, my private note and the shared comments."""
    if not request.user.is_authenticated:
        return redirect(f"{reverse('accounts:login')}?next={request.path}")
    meeting = get_object_or_404(Meeting.objects.select_related("committee__municipality"), pk=pk)
    access = meeting_access(request.user, meeting)
    if not access.view:
        raise Http404
    if request.method == "POST":
        return _save(request, meeting)
    items = [i for i in meeting.items.order_by("position") if access.sees_item(i.closed)]
    ids = [i.pk for i in items]
    mine = dict(
        PrivateNote.objects.filter(item_id__in=ids, author=request.user).values_list(
            "item_id", "text"
        )
    )
    shared = services.may_comment(access)
    comments: dict[int, list[ItemComment]] = {}
    if shared:
        for comment in ItemComment.objects.filter(item_id__in=ids).order_by("at", "pk"):
            comments.setdefault(comment.item_id, []).append(comment)
    rows = [(item, mine.get(item.pk, ""), comments.get(item.pk, [])) for item in items]
    return render(
        request,
        "participation/notes.html",
        {"meeting": meeting, "committee": meeting.committee, "rows": rows, "shared": shared},
    )


def _save(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    item_id = request.POST.get("item", "")
    if not item_id.isdigit() or not meeting.items.filter(pk=int(item_id)).exists():
        raise Http404
    try:
        if request.POST.get("kind") == "comment":
            services.add_comment(
                int(item_id), actor=request.user, text=request.POST.get("text", "")
            )
            messages.success(request, "Din kommentar er delt med udvalget.")
        else:
            services.save_note(int(item_id), actor=request.user, text=request.POST.get("text", ""))
            messages.success(request, "Din note er gemt. Kun du kan se den.")
    except PermissionDenied:
        raise Http404 from None
    except WorkflowError as error:
        messages.error(request, str(error.message))
    return redirect(reverse("web:participation:notes", args=[meeting.pk]) + f"#punkt-{item_id}")


def approval_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Godkendelse af referatet: the rule, who approved (when), commented, or not yet."""
    from medref.accounts.permissions import Action

    from . import approval

    if not request.user.is_authenticated:
        return redirect(f"{reverse('accounts:login')}?next={request.path}")
    meeting = get_object_or_404(Meeting.objects.select_related("committee__municipality"), pk=pk)
    access = meeting_access(request.user, meeting)
    if not access.view or not access.can(Action.VIEW_UNPUBLISHED):
        raise Http404
    if request.method == "POST":
        what = request.POST.get("action", "")
        try:
            if what == "approve":
                approval.approve(meeting, actor=request.user)
                meeting.refresh_from_db()
                messages.success(
                    request,
                    "Du har godkendt referatet."
                    + (
                        " Referatet er nu godkendt."
                        if meeting.status != statuses.MINUTES_DRAFT
                        else ""
                    ),
                )
            elif what == "remind":
                count = approval.remind(meeting, actor=request.user)
                messages.success(request, f"Påmindelse sendt til {count}.")
            elif what in ("review", "open"):
                deadline = _date(request.POST.get("deadline", ""))
                if what == "review":
                    approval.start_review(meeting, actor=request.user, deadline=deadline)
                    messages.success(request, "Referatet er sendt til gennemlæsning.")
                else:
                    approval.end_review(meeting, actor=request.user, deadline=deadline)
                    messages.success(request, "Referatet er sendt til godkendelse.")
            elif what == "rule":
                approval.set_rule(
                    meeting.committee, request.POST.get("rule", ""), actor=request.user
                )
                messages.success(request, "Udvalgets godkendelsesregel er gemt.")
        except PermissionDenied:
            messages.error(request, "Det må du ikke.")
        except WorkflowError as error:
            messages.error(request, str(error.message))
        return redirect("web:participation:approval", pk=pk)
    rows = approval.overview(meeting)
    rule = approval.rule_of(meeting.committee_id)
    approved_event = (
        meeting.events.filter(action=MeetingEvent.Action.MINUTES_APPROVED)
        .order_by("-at", "-pk")
        .first()
    )
    return render(
        request,
        "participation/approval.html",
        {
            "meeting": meeting,
            "committee": meeting.committee,
            "rows": rows,
            "rule": approval.Rule(rule),
            "rules": approval.Rule.choices,
            "needed": approval.needed(rule, len(rows)),
            "approved_count": sum(1 for r in rows if r.approval is not None),
            "may_approve": approval.may_approve(meeting, request.user, rows),
            "may_remind": access.can(Action.WRITE_MINUTES)
            and meeting.status == statuses.MINUTES_DRAFT,
            "may_manage": approval.may_manage(meeting, request.user),
            "by_attendees": rule in approval.BY_ATTENDEES,
            "signatures": _signatures(approved_event),
            "round": MinutesRound.objects.filter(meeting=meeting).first(),
        },
    )


def _signatures(event: object) -> list[tuple[str, object]]:
    """(name, time) of each approval the approving event recorded, oldest first."""
    details = getattr(event, "details", None) or {}
    return [
        (a["name"], dt.datetime.fromisoformat(a["at"]))
        for a in details.get("approvals", [])
        if isinstance(a, dict) and "name" in a and "at" in a
    ]


def _date(text: str) -> dt.date | None:
    """An <input type=date> value; empty or malformed: no deadline."""
    try:
        return dt.date.fromisoformat(text.strip()) if text.strip() else None
    except ValueError:
        return None
