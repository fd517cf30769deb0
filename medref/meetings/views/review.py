"""Gennemsyn (/moeder/<id>/gennemsyn/): correct an imported meeting marked "til gennemsyn"."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from medref.accounts.permissions import Action
from medref.meetings.forms import DateInput, TimeInput, show_error
from medref.meetings.models import Meeting
from medref.meetings.workflow.errors import WorkflowError
from medref.meetings.workflow.review import review_import

from .common import back_to, may, visible


class ReviewForm(forms.Form):
    meeting_date = forms.DateField(label="Mødedato", widget=DateInput())
    committee_name = forms.CharField(label="Udvalg", max_length=200)
    start_time = forms.TimeField(label="Starttidspunkt", required=False, widget=TimeInput())
    end_time = forms.TimeField(label="Sluttidspunkt", required=False, widget=TimeInput())


@login_required
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting.objects.select_related("committee__municipality"), pk=pk)
    access = visible(request, meeting)  # the right: the action's, and the page's below
    if not meeting.needs_review:
        raise Http404
    initial = {
        "meeting_date": meeting.meeting_date,
        "committee_name": meeting.committee.name,
        "start_time": meeting.start_time,
        "end_time": meeting.end_time,
    }
    form = ReviewForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            review_import(meeting, actor=request.user, **form.cleaned_data)
        except WorkflowError as refused:
            show_error(form, refused)
        else:
            messages.success(request, "Mødet er gennemset; ændringerne står i historikken.")
            return back_to(reverse("web:meeting", args=[pk]))
    may(access, Action.SEND_AGENDA)  # the form page itself
    return render(request, "meetings/review.html", {"meeting": meeting, "form": form})
