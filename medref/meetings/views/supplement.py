"""Tillægsdagsorden pages: add or change items after sending, send them as their own version.

  /moeder/<id>/tillaegsdagsorden/                      the page: items with their marks,
                                                       "Tilføj tillægspunkt", "Ret punkt <n>",
                                                       what waits, the supplements sent
  /moeder/<id>/tillaegsdagsorden/punkter/<item id>/    Ret punkt efter udsendelse
  /moeder/<id>/tillaegsdagsorden/punkter/<item id>/bilag/   (POST) "Vedhæft bilag"
  /moeder/<id>/tillaegsdagsorden/<nr>/                 the supplement's file (full or public)

"Send tillægsdagsorden" is a step of the workflow table (``workflow.steps.SUPPLEMENT``):
its confirmation page is /moeder/<id>/status/send-tillaegsdagsorden/, listing the items.
Every form works without JavaScript; the services decide (``workflow.supplement``).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from medref.accounts.permissions import Action, MeetingAccess, meeting_access
from medref.documents.public import CLOSED_TITLE
from medref.documents.serialize import blocks_from_data
from medref.documents.supplement import number_ranges, supplement_title
from medref.meetings.forms import MARKDOWN_HELP, AttachmentForm, show_error
from medref.meetings.models import AgendaItem, AgendaSupplement, Meeting, Section
from medref.meetings.text import blocks_to_markdown
from medref.meetings.workflow import supplement
from medref.meetings.workflow.errors import WorkflowError

from .common import back_to, editor_links, require


class SupplementItemForm(forms.Form):
    """A tillægspunkt, or a sent item's new wording (Danish labels: this page is Danish)."""

    title = forms.CharField(label="Titel", max_length=1000)
    case_number = forms.CharField(
        label="Sagsnummer",
        required=False,
        max_length=100,
        help_text="Tomt: udvalgets sagsnummer.",
    )
    closed = forms.BooleanField(
        label=CLOSED_TITLE,
        required=False,
        help_text="Lukkede punkter kommer aldrig med i den offentlige dagsorden.",
    )
    case_text = forms.CharField(
        label="Sagsfremstilling",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=MARKDOWN_HELP,
    )
    proposer = forms.CharField(label="Indstillet af", required=False, max_length=500)
    clauses = forms.CharField(
        label="At-sætninger (én pr. linje)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Hver linje er én “at …”-sætning; “at” sættes på, hvis det mangler.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def clause_list(self) -> list[str]:
        return [line for line in self.cleaned_data["clauses"].splitlines() if line.strip()]


def _item_form(item: AgendaItem, data: Any = None) -> SupplementItemForm:
    case = item.sections.filter(kind="sagsfremstilling").order_by("position").first()
    initial = {
        "title": item.title,
        "case_number": item.case_number or "",
        "closed": item.closed,
        "case_text": _markdown(case) if case is not None else "",
        "proposer": item.recommendation_proposer or "",
        "clauses": "\n".join(item.recommendation_clauses),
        "version": item.version,
    }
    return SupplementItemForm(data, initial=initial, auto_id="ret_%s")


def _markdown(section: Section) -> str:
    return blocks_to_markdown(blocks_from_data(section.body))


def _meeting(pk: int) -> Meeting:
    return get_object_or_404(Meeting.objects.select_related("committee__municipality"), pk=pk)


def _context(request: HttpRequest, meeting: Meeting, **extra: object) -> dict[str, object]:
    access = require(request, meeting, Action.EDIT_AGENDA)
    marks = supplement.marks(meeting)
    items = list(meeting.items.order_by("position"))
    waiting = [a.item.number for a in supplement.pending(meeting)]
    sent = list(meeting.supplements.select_related("sent_by").order_by("number"))
    return {
        "meeting": meeting,
        "committee": meeting.committee,
        "links": editor_links(meeting, access),
        "items": [(item, marks.get(item.number, "")) for item in items],
        "waiting": number_ranges(waiting) if waiting else "",
        "sent": [(s, supplement_title(s.number), number_ranges(s.item_numbers)) for s in sent],
        "open": meeting.status == Meeting.Status.AGENDA_SENT,
        "may_send": access.can(Action.SEND_AGENDA),
        "form": extra.get("form") or SupplementItemForm(auto_id="nyt_%s"),
    }


@login_required
@require_http_methods(["GET", "POST"])
def overview(request: HttpRequest, pk: int) -> HttpResponse:
    """The page, and (POST) "Tilføj tillægspunkt"."""
    meeting = _meeting(pk)
    require(request, meeting, Action.EDIT_AGENDA)
    form = SupplementItemForm(request.POST or None, auto_id="nyt_%s")
    if request.method == "POST" and form.is_valid():
        try:
            item = supplement.add_supplement_item(
                meeting,
                actor=request.user,
                title=form.cleaned_data["title"],
                case_number=form.cleaned_data["case_number"],
                closed=form.cleaned_data["closed"],
                case_text=form.cleaned_data["case_text"],
                proposer=form.cleaned_data["proposer"],
                clauses=form.clause_list(),
            )
        except WorkflowError as refused:
            show_error(form, refused)
        else:
            messages.success(
                request,
                f"Punkt {item.number} er tilføjet som tillægspunkt. Det udsendes, når du "
                "trykker Send tillægsdagsorden.",
            )
            return back_to(reverse("web:meetings:supplement", args=[pk]))
    status = 400 if request.method == "POST" else 200
    return render(
        request, "meetings/supplement.html", _context(request, meeting, form=form), status=status
    )


@login_required
@require_http_methods(["GET", "POST"])
def change_item(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    """Ret punkt efter udsendelse: title, case number, closed, Sagsfremstilling, Indstilling."""
    meeting = _meeting(pk)
    access = require(request, meeting, Action.EDIT_AGENDA)
    item = get_object_or_404(AgendaItem, pk=item_pk, meeting=meeting)
    form = _item_form(item, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            changed = supplement.change_sent_item(
                item,
                actor=request.user,
                expected_version=form.cleaned_data["version"],
                title=form.cleaned_data["title"],
                case_number=form.cleaned_data["case_number"],
                closed=form.cleaned_data["closed"],
                case_text=form.cleaned_data["case_text"],
                proposer=form.cleaned_data["proposer"],
                clauses=form.clause_list(),
            )
        except WorkflowError as refused:
            show_error(form, refused)
        else:
            if changed.version != item.version:
                mark = supplement.marks(meeting).get(item.number, "")
                messages.success(
                    request,
                    f"Punkt {item.number} er ændret og markeret “{mark}”. Det udsendes med "
                    "næste tillægsdagsorden.",
                )
            else:
                messages.info(request, f"Intet er ændret i punkt {item.number}.")
            return back_to(reverse("web:meetings:supplement", args=[pk]))
    status = 400 if request.method == "POST" else 200
    return _item_page(request, meeting, access, item, form=form, status=status)


def _item_page(
    request: HttpRequest,
    meeting: Meeting,
    access: MeetingAccess,
    item: AgendaItem,
    *,
    form: SupplementItemForm | None = None,
    attach_form: AttachmentForm | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "meeting": meeting,
        "committee": meeting.committee,
        "links": editor_links(meeting, access),
        "item": item,
        "attachments": list(item.attachments.order_by("position")),
        "mark": supplement.marks(meeting).get(item.number, ""),
        "form": form or _item_form(item),
        "attach_form": attach_form or AttachmentForm(initial={"version": item.version}),
        "open": meeting.status == Meeting.Status.AGENDA_SENT,
    }
    return render(request, "meetings/supplement_item.html", context, status=status)


@login_required
@require_POST
def attach(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    """Vedhæft bilag to a sent item (or a tillægspunkt): marked, sent with the next one."""
    meeting = _meeting(pk)
    access = require(request, meeting, Action.EDIT_AGENDA)
    item = get_object_or_404(AgendaItem, pk=item_pk, meeting=meeting)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            attachment = supplement.attach_to_sent_item(
                item,
                form.cleaned_data["file"],
                actor=request.user,
                title=form.cleaned_data["title"],
                expected_version=form.cleaned_data["version"],
            )
        except WorkflowError as refused:
            show_error(form, refused)
        else:
            messages.success(
                request,
                f"Bilaget “{attachment.title}” er vedhæftet punkt {item.number}. Det udsendes "
                "med næste tillægsdagsorden.",
            )
            return back_to(reverse("web:meetings:supplement_item", args=[pk, item_pk]))
    return _item_page(request, meeting, access, item, attach_form=form, status=400)


@require_GET
def download(request: HttpRequest, pk: int, number: int) -> FileResponse:
    """A tillægsdagsorden as sent: in full for those who see closed items, else public."""
    meeting = _meeting(pk)
    access = meeting_access(request.user, meeting)
    if not access.view:
        raise Http404
    found = get_object_or_404(AgendaSupplement, meeting=meeting, number=number)
    stored = found.file if access.closed else found.public_file
    if not stored or not stored.name:
        raise Http404
    extension = stored.name.rsplit(".", 1)[-1].lower()
    suffix = "" if access.closed else "-offentlig"
    day = f"{meeting.meeting_date:%Y-%m-%d}" if meeting.meeting_date else "uden-dato"
    name = f"tillaegsdagsorden-{number}-{meeting.committee.slug}-{day}{suffix}.{extension}"
    response = FileResponse(stored.open("rb"), as_attachment=False, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private"
    return response
