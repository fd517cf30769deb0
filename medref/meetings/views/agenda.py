"""Creating a meeting and building its agenda; the workflow buttons; history."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from medref.accounts.permissions import Action, actions, meeting_access
from medref.meetings import selectors
from medref.meetings.forms import AddItemForm, MeetingEditForm, MeetingForm, show_error
from medref.meetings.history_text import history_entries
from medref.meetings.models import AgendaItem, Meeting
from medref.meetings.text import markdown_to_blocks
from medref.meetings.workflow import agenda, minutes
from medref.meetings.workflow.errors import NeedsConfirmation, WorkflowError
from medref.meetings.workflow.steps import STEP_BY_SLUG
from medref.organisation.models import Committee

from .common import back_to, editor_links, is_htmx, may, next_steps, require, visible


@login_required
@require_http_methods(["GET", "POST"])
def new_meeting(request: HttpRequest, committee_pk: int) -> HttpResponse:
    """Nyt møde: date, time and place; the agenda starts with the standard items."""
    committee = get_object_or_404(Committee.objects.select_related("municipality"), pk=committee_pk)
    form = MeetingForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = agenda.schedule_meeting(
                committee,
                form.cleaned_data["meeting_date"],
                form.cleaned_data["start_time"],
                form.cleaned_data["location"],
                actor=request.user,
                site=request.build_absolute_uri("/"),
            )
        except WorkflowError as refused:
            show_error(form, refused)
        else:
            return back_to(reverse("web:meetings:editor", args=[meeting.pk]))
    if Action.EDIT_AGENDA not in actions(request.user, committee):
        raise PermissionDenied  # the form page itself (scheduling checks the right too)
    return render(request, "meetings/new_meeting.html", {"committee": committee, "form": form})


def _editor_context(request: HttpRequest, meeting: Meeting, **forms: object) -> dict[str, object]:
    """The agenda editor's context; 404/403 for those who may not edit the agenda."""
    access = require(request, meeting, Action.EDIT_AGENDA)
    return {
        "meeting": meeting,
        "committee": meeting.committee,
        "items": list(meeting.items.all()),
        "access": access,
        "steps": next_steps(meeting, access),
        "links": editor_links(meeting, access),
        "add_form": forms.get("add_form") or AddItemForm(),
        "meeting_form": forms.get("meeting_form")
        or MeetingEditForm(
            initial={
                "meeting_date": meeting.meeting_date,
                "start_time": meeting.start_time,
                "end_time": meeting.end_time,
                "location": meeting.location or "",
                "version": meeting.version,
            }
        ),
        "error": forms.get("error"),
    }


def _agenda_response(request: HttpRequest, pk: int, **forms: object) -> HttpResponse:
    """The agenda editor, whole or (htmx) just its items part."""
    meeting = selectors.meeting_detail(pk)
    context = _editor_context(request, meeting, **forms)
    if is_htmx(request):
        return render(request, "meetings/editor.html#agenda", context)
    return render(request, "meetings/editor.html", context)


def _meeting_or_404(pk: int) -> Meeting:
    try:
        return selectors.meeting_detail(pk)
    except Meeting.DoesNotExist:
        raise Http404 from None


@login_required
@require_GET
def editor(request: HttpRequest, pk: int) -> HttpResponse:
    """The agenda editor: meeting details, items in order, add/move/close, workflow buttons."""
    meeting = _meeting_or_404(pk)
    return render(request, "meetings/editor.html", _editor_context(request, meeting))


@login_required
@require_POST
def edit_meeting(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_or_404(pk)
    visible(request, meeting)  # the right: the action's (and the editor page's) to check
    form = MeetingEditForm(request.POST)
    if form.is_valid():
        try:
            agenda.edit_meeting(
                meeting,
                actor=request.user,
                expected_version=form.cleaned_data["version"],
                meeting_date=form.cleaned_data["meeting_date"],
                start_time=form.cleaned_data["start_time"],
                end_time=form.cleaned_data["end_time"],
                location=form.cleaned_data["location"],
            )
        except WorkflowError as refused:
            show_error(form, refused)
        else:
            return back_to(reverse("web:meetings:editor", args=[pk]))
    return render(
        request, "meetings/editor.html", _editor_context(request, meeting, meeting_form=form)
    )


@login_required
@require_POST
def add_item(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_or_404(pk)
    visible(request, meeting)
    form = AddItemForm(request.POST)
    if form.is_valid():
        try:
            agenda.add_item(
                meeting,
                form.cleaned_data["title"],
                actor=request.user,
                case_number=form.cleaned_data["case_number"],
                closed=form.cleaned_data["closed"],
            )
        except WorkflowError as refused:
            show_error(form, refused)
        else:
            if is_htmx(request):
                return _agenda_response(request, pk)
            return back_to(reverse("web:meetings:editor", args=[pk]), "punkter")
    return _agenda_response(request, pk, add_form=form)


def _item_action(
    request: HttpRequest, pk: int, item_pk: int, run: Callable[[AgendaItem], object]
) -> HttpResponse:
    """Run a one-button item action (move, close, remove) and show the agenda again."""
    meeting = _meeting_or_404(pk)
    visible(request, meeting)
    item = next((i for i in meeting.items.all() if i.pk == item_pk), None)
    if item is None:
        raise Http404
    try:
        run(item)
    except WorkflowError as refused:
        return _agenda_response(request, pk, error=refused.message)
    if is_htmx(request):
        return _agenda_response(request, pk)
    return back_to(reverse("web:meetings:editor", args=[pk]), "punkter")


@login_required
@require_POST
def move_item(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    """Flyt op / Flyt ned (``retning`` = op | ned), or to ``position`` (1-based)."""
    direction = request.POST.get("retning")

    def run(item: AgendaItem) -> None:
        if direction in ("op", "ned"):
            target = item.position + (-1 if direction == "op" else 1)
        else:
            try:
                target = int(request.POST.get("position", "")) - 1
            except ValueError:
                raise Http404 from None
        agenda.move_item(item, target, actor=request.user)

    return _item_action(request, pk, item_pk, run)


@login_required
@require_POST
def close_item(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    """Luk punkt / Åbn punkt (``lukket`` = 1 | 0)."""
    closed = request.POST.get("lukket") == "1"
    return _item_action(
        request, pk, item_pk, lambda item: agenda.set_item_closed(item, closed, actor=request.user)
    )


@login_required
@require_POST
def remove_item(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    return _item_action(
        request, pk, item_pk, lambda item: agenda.remove_item(item, actor=request.user)
    )


@login_required
@require_http_methods(["GET", "POST"])
def transition(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """A workflow button: Send dagsorden, Marker som afholdt, … (``workflow.steps.STEPS``).

    GET (the button) shows what the step does and who will see what, and asks
    for confirmation; POST with ``bekraeft`` runs the step's action, which
    checks the right itself (a refusal is a 403). A step with doubts (a
    meeting in the future, no attendance, items without a decision) lists them
    and needs ``bekraeft_tvivl`` ticked too. Works without JavaScript.
    """
    found = STEP_BY_SLUG.get(step)
    if found is None:
        raise Http404
    meeting = _meeting_or_404(pk)
    access = meeting_access(request.user, meeting)
    if not access.view:
        raise Http404
    doubts: list[object] = []
    if request.method == "POST" and request.POST.get("bekraeft"):
        confirmed = bool(request.POST.get("bekraeft_tvivl"))
        try:
            found.run(
                meeting,
                actor=request.user,
                confirmed=confirmed,
                site=request.build_absolute_uri("/"),
            )
        except NeedsConfirmation as unsure:
            doubts = list(unsure.reasons)
        except WorkflowError as refused:
            context = {"meeting": meeting, "committee": meeting.committee, "error": refused.message}
            return render(request, "meetings/refused.html", context, status=409)
        else:
            messages.success(request, str(found.done))
            return back_to(reverse(found.then, args=[pk]))
    elif not access.can(found.right):
        raise PermissionDenied  # the confirmation page is for those who may take the step
    elif found.source != meeting.status:
        message = _("This step is not possible now: the meeting's status is “%(status)s”.") % {
            "status": meeting.get_status_display()
        }
        context = {"meeting": meeting, "committee": meeting.committee, "error": message}
        return render(request, "meetings/refused.html", context, status=409)
    else:
        doubts = list(found.warnings(meeting))
    context = {
        "meeting": meeting,
        "committee": meeting.committee,
        "step": found,
        "doubts": doubts,
        "links": editor_links(meeting, access),
        "public_preview": found.public_preview,
        "summary": found.lines(meeting),
    }
    return render(request, "meetings/confirm.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def time_and_place(request: HttpRequest, pk: int) -> HttpResponse:
    """Tid og sted after sending: move the meeting or change its room (recorded)."""
    meeting = _meeting_or_404(pk)
    access = visible(request, meeting)
    initial = {
        "meeting_date": meeting.meeting_date,
        "start_time": meeting.start_time,
        "end_time": meeting.end_time,
        "location": meeting.location or "",
        "version": meeting.version,
    }
    form = MeetingEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            minutes.change_time_and_place(
                meeting,
                actor=request.user,
                expected_version=form.cleaned_data["version"],
                meeting_date=form.cleaned_data["meeting_date"],
                start_time=form.cleaned_data["start_time"],
                end_time=form.cleaned_data["end_time"],
                location=form.cleaned_data["location"],
                site=request.build_absolute_uri("/"),
            )
        except WorkflowError as refused:
            show_error(form, refused)
        else:
            messages.success(
                request,
                _(
                    "Time and place are changed and recorded in the history; the agenda as "
                    "sent says the new time and place. Tell the participants."
                ),
            )
            return back_to(reverse("web:meeting", args=[pk]))
    may(access, Action.SEND_AGENDA)  # the form page itself
    context = {
        "meeting": meeting,
        "committee": meeting.committee,
        "form": form,
        "links": editor_links(meeting, access),
    }
    return render(request, "meetings/time_and_place.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def reopen(request: HttpRequest, pk: int) -> HttpResponse:
    """Genåbn referat: the chair reopens approved minutes with a reason (a real form)."""
    meeting = _meeting_or_404(pk)
    access = visible(request, meeting)
    error = None
    reason = request.POST.get("begrundelse", "")
    if request.method == "POST":
        try:
            minutes.reopen_minutes(meeting, actor=request.user, reason=reason)
        except WorkflowError as refused:
            error = refused.message
        else:
            messages.success(
                request, _("The minutes are a draft again. Correct them and approve them anew.")
            )
            return back_to(reverse("web:meetings:minutes", args=[pk]))
    may(access, Action.APPROVE_MINUTES)  # the form page itself
    context = {
        "meeting": meeting,
        "committee": meeting.committee,
        "links": editor_links(meeting, access),
        "error": error,
        "reason": reason,
    }
    return render(request, "meetings/reopen.html", context)


@login_required
@require_GET
def public_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """Exactly what everyone will read once the minutes are published (for those who publish)."""
    meeting = _meeting_or_404(pk)
    require(request, meeting, Action.PUBLISH_MINUTES)
    from medref.web.views import meeting_page_for

    return meeting_page_for(request, meeting, as_public=True)


@login_required
@require_GET
def history(request: HttpRequest, pk: int) -> HttpResponse:
    """Historik: every status change and edit, who and when, oldest first."""
    try:
        meeting = selectors.meeting_history(pk)
    except Meeting.DoesNotExist:
        raise Http404 from None
    access = require(request, meeting, Action.VIEW_UNPUBLISHED)
    context = {
        "meeting": meeting,
        "committee": meeting.committee,
        "entries": history_entries(meeting),
        "links": editor_links(meeting, access),
    }
    return render(request, "meetings/history.html", context)


@require_GET
def sent_agenda(request: HttpRequest, pk: int) -> FileResponse:
    """The agenda as it was sent: in full for members, the public version for others."""
    meeting = get_object_or_404(Meeting.objects.select_related("committee__municipality"), pk=pk)
    access = meeting_access(request.user, meeting)
    if not access.view:
        raise Http404
    stored = meeting.agenda_file if access.closed else meeting.public_agenda_file
    if not stored or not stored.name:
        raise Http404
    extension = stored.name.rsplit(".", 1)[-1].lower()
    suffix = "" if access.closed else "-offentlig"
    name = f"dagsorden-{meeting.committee.slug}-{meeting.meeting_date:%Y-%m-%d}{suffix}.{extension}"
    response = FileResponse(stored.open("rb"), as_attachment=False, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private"
    return response


@login_required
@require_POST
def preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The Markdown of the form's text field as it will read (htmx, while typing)."""
    meeting = get_object_or_404(Meeting.objects.select_related("committee__municipality"), pk=pk)
    access = meeting_access(request.user, meeting)
    if not (access.can(Action.EDIT_AGENDA) or access.can(Action.WRITE_MINUTES)):
        raise PermissionDenied
    text = next((request.POST[k] for k in request.POST if k == "text" or k.endswith("-text")), "")
    blocks = markdown_to_blocks(text)
    # Bold and italic are kept (documents.inline), so the preview shows them as saved.
    return render(request, "meetings/_preview.html", {"blocks": blocks})
