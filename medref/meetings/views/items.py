"""The item editor: title and case number, sections, the recommendation, bilag.

Each form carries the item's version; htmx requests get the editor part of
the page back (all forms with the new version), others a redirect or the
whole page with the errors.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from medref.accounts.permissions import Action
from medref.documents.serialize import blocks_from_data
from medref.meetings import selectors
from medref.meetings.forms import (
    AddSectionForm,
    AttachmentForm,
    ItemForm,
    RecommendationForm,
    SectionForm,
    show_error,
)
from medref.meetings.models import AgendaItem
from medref.meetings.text import blocks_to_markdown
from medref.meetings.workflow import agenda, sections
from medref.meetings.workflow.errors import WorkflowError

from .common import back_to, editor_links, is_htmx, require, visible


def _item_or_404(pk: int, item_pk: int) -> AgendaItem:
    try:
        return selectors.item_for_editing(pk, item_pk)
    except AgendaItem.DoesNotExist:
        raise Http404 from None


def _item_url(item: AgendaItem, anchor: str = "") -> str:
    url = reverse("web:meetings:item", args=[item.meeting_id, item.pk])
    return f"{url}#{anchor}" if anchor else url


def _recommendation_form(item: AgendaItem) -> RecommendationForm:
    return RecommendationForm(
        initial={
            "proposer": item.recommendation_proposer or "",
            "clauses": "\n".join(item.recommendation_clauses),
            "numbered": item.recommendation_numbered,
            "version": item.version,
        }
    )


def _context(request: HttpRequest, item: AgendaItem, **bound: Any) -> dict[str, Any]:
    access = require(request, item.meeting, Action.EDIT_AGENDA)
    version = {"version": item.version}
    return {
        "meeting": item.meeting,
        "committee": item.meeting.committee,
        "item": item,
        "sections": list(item.sections.all()),
        "attachments": list(item.attachments.all()),
        "links": editor_links(item.meeting, access),
        "item_form": bound.get("item_form") or ItemForm.for_item(item),
        "section_form": bound.get("section_form") or AddSectionForm(initial=version),
        "recommendation_form": bound.get("recommendation_form") or _recommendation_form(item),
        "attachment_form": bound.get("attachment_form") or AttachmentForm(initial=version),
        "editing_section": bound.get("editing_section"),
        "edit_form": bound.get("edit_form"),
        "error": bound.get("error") or _errors(bound.get("error_form")),
        "oob_sections": bound.get("oob_sections", False),
    }


def _errors(form: forms.Form | None) -> str | None:
    """A one-button form's refusal (a conflict), shown above the editor."""
    if form is None:
        return None
    return " ".join(str(e) for errors in form.errors.values() for e in errors) or None


# The page part (item.html#part-…) each form's anchor belongs to: htmx swaps only
# that part, so what is typed in the other forms stays.
_PARTS = {"punkt-felter": "fields", "afsnit": "sections", "indstilling": "recommendation"}


def _part(anchor: str) -> str:
    if anchor.startswith("afsnit"):
        return "sections"
    return _PARTS.get(anchor, "attachments" if anchor == "bilag" else "")


def _page(request: HttpRequest, item: AgendaItem, part: str = "", **bound: Any) -> HttpResponse:
    context = _context(request, item, **bound)
    if is_htmx(request) and part:
        # Only the saved form's part; the other forms carry the new version
        # through editor.js (data-item-version), and keep what is typed in them.
        return render(request, f"meetings/item.html#part-{part}", {**context, "part": part})
    if is_htmx(request):
        return render(request, "meetings/item.html#editor", context)
    return render(request, "meetings/item.html", context)


def _fresh(pk: int, item_pk: int) -> AgendaItem:
    return _item_or_404(pk, item_pk)


def _save(
    request: HttpRequest,
    pk: int,
    item_pk: int,
    form_class: type[forms.Form],
    form_name: str,
    run: Callable[[AgendaItem, forms.Form], object],
    anchor: str,
    *,
    item: AgendaItem | None = None,
    shown: Mapping[str, Any] | None = None,
    **form_kwargs: Any,
) -> HttpResponse:
    """Validate ``form_class``, call ``run``; errors go next to the form's fields.

    ``item``: the item when the view has loaded it already; ``shown``: more of
    the page to show again with the errors (the section being edited).
    """
    if item is None:
        item = _item_or_404(pk, item_pk)
    visible(request, item.meeting)  # the right: the action's, and the page's (_context)
    form = form_class(request.POST, request.FILES, **form_kwargs)
    if form.is_valid():
        try:
            run(item, form)
        except WorkflowError as refused:
            show_error(form, refused)
        else:
            if is_htmx(request):
                fresh = _fresh(pk, item_pk)
                # A recommendation or bilag that adds its section shows it in the list too
                # (out of band: the list only, so a half-typed new section stays).
                before = [s.pk for s in item.sections.all()]
                changed = before != [s.pk for s in fresh.sections.all()]
                return _page(request, fresh, _part(anchor), oob_sections=changed)
            return back_to(_item_url(item), anchor)
    return _page(request, item, _part(anchor), **{**(shown or {}), form_name: form})


@login_required
@require_http_methods(["GET", "POST"])
def item(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    """Rediger punkt: GET the editor; POST its title, case number and closed flag."""
    if request.method == "GET":
        return _page(request, _item_or_404(pk, item_pk))

    def run(item: AgendaItem, form: forms.Form) -> None:
        agenda.edit_item(
            item,
            actor=request.user,
            expected_version=form.cleaned_data["version"],
            title=form.cleaned_data["title"],
            case_number=form.cleaned_data["case_number"],
            closed=form.cleaned_data["closed"],
        )

    return _save(request, pk, item_pk, ItemForm, "item_form", run, "punkt-felter")


@login_required
@require_POST
def add_section(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    def run(item: AgendaItem, form: forms.Form) -> None:
        sections.add_section(
            item,
            form.cleaned_data["kind"],
            actor=request.user,
            heading=form.cleaned_data["heading"],
            markdown=form.cleaned_data["text"],
            expected_version=form.cleaned_data["version"],
        )

    return _save(request, pk, item_pk, AddSectionForm, "section_form", run, "afsnit")


@login_required
@require_http_methods(["GET", "POST"])
def section(request: HttpRequest, pk: int, item_pk: int, section_pk: int) -> HttpResponse:
    """Rediger afsnit: GET its form (htmx: in place of the section), POST saves it."""
    item = _item_or_404(pk, item_pk)
    found = next((s for s in item.sections.all() if s.pk == section_pk), None)
    if found is None:
        raise Http404
    if request.method == "GET":
        form = SectionForm(
            initial={
                "heading": found.heading,
                "text": blocks_to_markdown(blocks_from_data(found.body)),
                "version": item.version,
            },
            prefix=f"afsnit-{found.pk}",
        )
        context = _context(request, item, editing_section=found, edit_form=form)
        if is_htmx(request):
            return render(request, "meetings/item.html#section-form", {**context, "section": found})
        return render(request, "meetings/item.html", context)

    def run(item: AgendaItem, form: forms.Form) -> None:
        sections.edit_section(
            found,
            actor=request.user,
            expected_version=form.cleaned_data["version"],
            heading=form.cleaned_data["heading"],
            markdown=form.cleaned_data["text"],
        )

    anchor = f"afsnit-{found.pk}"
    return _save(
        request,
        pk,
        item_pk,
        SectionForm,
        "edit_form",
        run,
        anchor,
        item=item,
        shown={"editing_section": found},
        prefix=anchor,
    )


@login_required
@require_POST
def remove_section(request: HttpRequest, pk: int, item_pk: int, section_pk: int) -> HttpResponse:
    def run(item: AgendaItem, form: forms.Form) -> None:
        if not any(s.pk == section_pk for s in item.sections.all()):
            raise Http404
        sections.remove_section(
            section_pk, actor=request.user, expected_version=form.cleaned_data["version"]
        )

    return _save(request, pk, item_pk, _VersionOnly, "error_form", run, "afsnit")


class _VersionOnly(forms.Form):
    version = forms.IntegerField(required=False, min_value=0)


@login_required
@require_POST
def recommendation(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    def run(item: AgendaItem, form: forms.Form) -> None:
        assert isinstance(form, RecommendationForm)
        sections.set_recommendation(
            item,
            actor=request.user,
            expected_version=form.cleaned_data["version"],
            proposer=form.cleaned_data["proposer"],
            clauses=form.clause_list(),
            numbered=form.cleaned_data["numbered"],
        )

    return _save(
        request, pk, item_pk, RecommendationForm, "recommendation_form", run, "indstilling"
    )


@login_required
@require_POST
def add_attachment(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    def run(item: AgendaItem, form: forms.Form) -> None:
        sections.add_attachment(
            item,
            form.cleaned_data["file"],
            actor=request.user,
            title=form.cleaned_data["title"],
            expected_version=form.cleaned_data["version"],
        )

    return _save(request, pk, item_pk, AttachmentForm, "attachment_form", run, "bilag")


@login_required
@require_POST
def remove_attachment(
    request: HttpRequest, pk: int, item_pk: int, attachment_pk: int
) -> HttpResponse:
    def run(item: AgendaItem, form: forms.Form) -> None:
        if not any(a.pk == attachment_pk for a in item.attachments.all()):
            raise Http404
        sections.remove_attachment(
            attachment_pk, actor=request.user, expected_version=form.cleaned_data["version"]
        )

    return _save(request, pk, item_pk, _VersionOnly, "error_form", run, "bilag")
