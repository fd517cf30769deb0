"""Klippekort: the committee's overview, a member's own balance, recording days used."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from medref.accounts.permissions import Action, actions
from medref.organisation.models import Committee, Membership

from .. import selectors, services
from ..forms import TrainingForm, UsageForm
from ..rules.klippekort import FUNCTION_LABELS
from .common import back, committee_or_404, refuse_unless, run


def _url(committee: Committee) -> str:
    c = committee
    return reverse("web:planning:klippekort", args=[c.municipality.slug, c.slug])


def _running(committee: Committee, today: dt.date) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(Q(end__isnull=True) | Q(end__gte=today), committee=committee)
        .filter(start__lte=today)
        .exclude(role=Membership.Role.SECRETARY)
        .select_related("person")
        .order_by("person__name")
    )


@require_http_methods(["GET"])
def overview(request: HttpRequest, municipality: str, slug: str) -> HttpResponse:
    """Everyone's klippekort for those who plan the agenda or manage members; for other
    members their own."""
    committee = committee_or_404(municipality, slug)
    allowed = actions(request.user, committee)
    today = timezone.localdate()
    everyone = Action.EDIT_AGENDA in allowed or Action.MANAGE_MEMBERS in allowed
    person_id = None
    if not everyone:
        person = getattr(request.user, "person", None) if request.user.is_authenticated else None
        if person is None:
            _allowed, refusal = refuse_unless(request, committee, Action.EDIT_AGENDA)
            assert refusal is not None  # not "everyone", so without EDIT_AGENDA
            return refusal
        person_id = person.pk
    cards = selectors.klippekort_cards(committee, today, person_id=person_id)
    if not everyone and not cards:
        refuse_unless(request, committee, Action.EDIT_AGENDA)
    context = {
        "committee": committee,
        "cards": cards,
        "everyone": everyone,
        "today": today,
        "labels": FUNCTION_LABELS,
        "may_record": Action.RECORD_ATTENDANCE in allowed,
        "may_manage": Action.MANAGE_MEMBERS in allowed,
        "usage_form": UsageForm(memberships=_running(committee, today), initial={"day": today})
        if Action.RECORD_ATTENDANCE in allowed
        else None,
    }
    return render(request, "planning/klippekort.html", context)


@require_POST
def record_use(request: HttpRequest, municipality: str, slug: str) -> HttpResponse:
    committee = committee_or_404(municipality, slug)
    today = timezone.localdate()
    form = UsageForm(request.POST, memberships=_running(committee, today))
    if not form.is_valid():
        for field, errors in form.errors.items():
            messages.error(
                request, f"{form.fields[field].label}: {' '.join(str(e) for e in errors)}"
            )
        return back(request, _url(committee))
    data = form.cleaned_data
    run(
        request,
        lambda: services.record_klippekort_use(
            committee,
            list(data["memberships"]),
            actor=request.user,
            day=data["day"],
            kind=data["kind"],
            days=data["days"],
            note=data["note"],
        ),
        _("Dagene er registreret."),
    )
    return back(request, _url(committee))


@require_http_methods(["GET", "POST"])
def training(request: HttpRequest, pk: int) -> HttpResponse:
    """A membership's election day, grunduddannelse and functions."""
    membership = get_object_or_404(
        Membership.objects.select_related("person", "committee__municipality"), pk=pk
    )
    committee = membership.committee
    _allowed, refusal = refuse_unless(request, committee, Action.MANAGE_MEMBERS)
    if refusal is not None:
        return refusal
    form = TrainingForm(
        request.POST or None,
        initial={
            "elected": membership.elected or membership.start,
            "grunduddannelse": membership.grunduddannelse,
            "functions": membership.functions,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if run(
            request,
            lambda: services.set_membership_training(
                membership,
                actor=request.user,
                elected=data["elected"],
                grunduddannelse=data["grunduddannelse"],
                functions=data["functions"],
            ),
            _("Oplysningerne er gemt."),
        ):
            return back(request, _url(committee))
    context = {"committee": committee, "membership": membership, "form": form}
    return render(request, "planning/training.html", context)
