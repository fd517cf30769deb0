"""Attendance and the minutes editor (a Beslutning per item)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from medref.accounts.permissions import Action
from medref.documents.model import SectionKind
from medref.documents.serialize import blocks_from_data
from medref.meetings import selectors
from medref.meetings.forms import AttendanceForm, DecisionForm, show_error
from medref.meetings.models import AgendaItem, Attendance, ItemAttendance, Meeting
from medref.meetings.text import blocks_to_markdown
from medref.meetings.workflow import minutes
from medref.meetings.workflow.common import attendance_recordings
from medref.meetings.workflow.errors import WorkflowError
from medref.meetings.workflow.standard import standard_decision
from medref.participation.selectors import reported_afbud

from .common import back_to, editor_links, is_htmx, may, next_steps, require, visible


def _meeting_or_404(pk: int) -> Meeting:
    try:
        return selectors.meeting_detail(pk)
    except Meeting.DoesNotExist:
        raise Http404 from None


def _attendance_initial(meeting: Meeting) -> dict[str, Any]:
    """What the form shows: the attendance recorded, or everyone present."""
    initial: dict[str, Any] = {"recordings": attendance_recordings(meeting)}
    for row in meeting.attendances.all():
        if row.substitute_position is None:
            # Imported rows have no status: their lists say it (Afbud unless
            # the minutes listed the name as Fraværende, which sets the status).
            initial[f"status_{row.person_id}"] = row.status or (
                Attendance.Status.PRESENT
                if row.present_position is not None
                else Attendance.Status.SENT_APOLOGIES
                if row.absent_position is not None
                else Attendance.Status.ABSENT
            )
    for item in meeting.items.all():
        initial[f"substitutes_{item.pk}"] = [
            str(a.person_id)
            for a in item.item_attendances.all()
            if a.kind == ItemAttendance.Kind.SUBSTITUTE
        ]
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    """Fremmøde: present / afbud / fraværende per member, substitutes per item."""
    meeting = _meeting_or_404(pk)
    access = visible(request, meeting)  # the right: the action's, and the page's below
    members, substitutes = minutes.members_on(meeting)
    items = list(meeting.items.all())
    form = AttendanceForm(
        request.POST if request.method == "POST" else None,
        members=members,
        substitutes=substitutes,
        items=items,
        initial=_attendance_initial(meeting) if request.method == "GET" else None,
    )
    if request.method == "GET":
        reported = reported_afbud(meeting)  # members' own "Jeg kommer ikke"
        for membership in members:
            key = f"status_{membership.person_id}"
            if membership.person_id in reported:
                form.initial.setdefault(key, Attendance.Status.SENT_APOLOGIES)
            form.initial.setdefault(key, Attendance.Status.PRESENT)
    if request.method == "POST" and form.is_valid():
        try:
            minutes.record_attendance(
                meeting,
                form.statuses(),
                actor=request.user,
                item_substitutes=form.item_substitutes(),
                expected=form.cleaned_data["recordings"],
            )
        except WorkflowError as refused:
            show_error(form, refused)
        else:
            return back_to(reverse("web:meetings:minutes", args=[pk]))
    may(access, Action.RECORD_ATTENDANCE)  # the form page itself
    context = {
        "meeting": meeting,
        "committee": meeting.committee,
        "form": form,
        "substitutes": substitutes,
        "links": editor_links(meeting, access),
        "steps": next_steps(meeting, access),
    }
    return render(request, "meetings/attendance.html", context)


def _decision(item: AgendaItem) -> Any:
    return next((s for s in item.sections.all() if s.kind == SectionKind.DECISION), None)


def _decision_form(item: AgendaItem, subject: str, data: Any = None) -> DecisionForm:
    section = _decision(item)
    text = blocks_to_markdown(blocks_from_data(section.body)) if section is not None else ""
    phrase = standard_decision(item.title) if section is None else None
    return DecisionForm(
        data,
        subject=subject,
        prefix=f"punkt-{item.number}",
        initial={"text": text, "version": item.version, "phrase": phrase or ""},
    )


def _subject(meeting: Meeting) -> str:
    """Who decides, as the minutes say it: the committee's level ("FagMED")."""
    return meeting.committee.get_level_display()


@login_required
@require_GET
def minutes_editor(request: HttpRequest, pk: int) -> HttpResponse:
    """Referat: a Beslutning form per item, the attendance summary, workflow buttons."""
    meeting = _meeting_or_404(pk)
    access = require(request, meeting, Action.WRITE_MINUTES)
    return _minutes_page(request, meeting, access)


def _minutes_page(
    request: HttpRequest,
    meeting: Meeting,
    access: Any,
    shown: dict[int, DecisionForm] | None = None,
) -> HttpResponse:
    """The whole Referat page; ``shown`` gives the forms (with their errors) of some items."""
    subject = _subject(meeting)
    shown = shown or {}
    rows = [
        (item, _decision(item), shown.get(item.pk) or _decision_form(item, subject))
        for item in meeting.items.all()
    ]
    context = {
        "meeting": meeting,
        "committee": meeting.committee,
        "rows": rows,
        "links": editor_links(meeting, access),
        "steps": next_steps(meeting, access),
    }
    return render(request, "meetings/minutes.html", context)


@login_required
@require_POST
def save_all_decisions(request: HttpRequest, pk: int) -> HttpResponse:
    """Gem alle beslutninger: every item whose decision differs from the stored one is
    saved (each with its own version check); items with an error keep what was typed."""
    meeting = _meeting_or_404(pk)
    # Checked here too: the page may save nothing (no action to check it) and shows drafts.
    access = require(request, meeting, Action.WRITE_MINUTES)
    subject = _subject(meeting)
    shown: dict[int, DecisionForm] = {}
    saved = 0
    for item in meeting.items.all():
        form = _decision_form(item, subject, request.POST)
        if not form.is_valid():
            shown[item.pk] = form
            continue
        if not form.has_changed():
            continue  # untouched (a preselected standard phrasing is not saved unasked)
        current = _decision(item)
        stored = blocks_to_markdown(blocks_from_data(current.body)) if current else ""
        text = form.decision_text()
        if text.strip() == stored.strip():
            continue
        try:
            minutes.write_decision(
                item, text, actor=request.user, expected_version=form.cleaned_data["version"]
            )
        except WorkflowError as refused:
            show_error(form, refused)
            shown[item.pk] = form
        else:
            saved += 1
    if not shown:
        messages.success(
            request,
            ngettext("%(count)d decision saved.", "%(count)d decisions saved.", saved)
            % {"count": saved},
        )
        return back_to(reverse("web:meetings:minutes", args=[pk]))
    meeting = _meeting_or_404(pk)
    return _minutes_page(request, meeting, access, shown)


@login_required
@require_POST
def decision(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    """Save one item's Beslutning; htmx gets that item's part of the page back."""
    meeting = _meeting_or_404(pk)
    access = visible(request, meeting)  # the right: the action's, and the page's below
    item = next((i for i in meeting.items.all() if i.pk == item_pk), None)
    if item is None:
        raise Http404
    subject = _subject(meeting)
    form = _decision_form(item, subject, request.POST)
    if form.is_valid():
        try:
            minutes.write_decision(
                item,
                form.decision_text(),
                actor=request.user,
                expected_version=form.cleaned_data["version"],
            )
        except WorkflowError as refused:
            show_error(form, refused)
        else:
            if not is_htmx(request):
                return back_to(reverse("web:meetings:minutes", args=[pk]), f"beslutning-{item.pk}")
            meeting = _meeting_or_404(pk)
            item = next(i for i in meeting.items.all() if i.pk == item_pk)
            form = _decision_form(item, subject)
            saved = True
            context = {"meeting": meeting, "item": item, "form": form, "saved": saved}
            context["current"] = _decision(item)
            return render(request, "meetings/minutes.html#decision", context)
    may(access, Action.WRITE_MINUTES)  # the item's part with its decision
    context = {"meeting": meeting, "item": item, "form": form, "current": _decision(item)}
    if is_htmx(request):
        return render(request, "meetings/minutes.html#decision", context)
    access = require(request, meeting, Action.WRITE_MINUTES)
    return _minutes_page(request, meeting, access, {item.pk: form})
