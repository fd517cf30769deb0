"""The administrator's pages: create and edit a committee, add a membership
to a committee, end one.

Views parse the request and call one service; the service checks the
permission (MANAGE_MEMBERS) and validates, its errors land next to the fields.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from medref.accounts.permissions import Action, raise_unless
from medref.lib.danish import format_short_date

from . import committees, selectors, services
from .forms import CommitteeForm, EditMembershipForm, EndMembershipForm, MembershipForm
from .models import Committee, Membership, Municipality


def _committee_url(committee: Committee) -> str:
    return reverse(
        "web:committee_in_municipality", args=[committee.municipality.slug, committee.slug]
    )


def _allowed(request: HttpRequest, committee: Committee) -> HttpResponse | None:
    """A login redirect for anonymous users; 403 (PermissionDenied) for others without
    the right; None when the user may manage the committee's members."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise_unless(request.user, Action.MANAGE_MEMBERS, committee)
    return None


def _committee_or_404(municipality: str, slug: str) -> Committee:
    return get_object_or_404(
        Committee.objects.select_related("municipality"), municipality__slug=municipality, slug=slug
    )


@require_http_methods(["GET", "POST"])
def add_membership(request: HttpRequest, municipality: str, slug: str) -> HttpResponse:
    committee = _committee_or_404(municipality, slug)
    if (refusal := _allowed(request, committee)) is not None:
        return refusal
    form = MembershipForm(request.POST or None, initial={"start": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.add_membership(
                committee,
                actor=request.user,
                name=data["name"],
                role=data["role"],
                side=data["side"],
                title=data["title"],
                start=data["start"],
                end=data["end"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if data["start"] > timezone.localdate():
                message = _("%(name)s is added as %(role)s from %(start)s (upcoming).")
            else:
                message = _("%(name)s is added as %(role)s from %(start)s.")
            messages.success(
                request,
                message
                % {
                    "name": " ".join(data["name"].split()),
                    "role": dict(Membership.Role.choices)[data["role"]].lower(),
                    "start": format_short_date(data["start"]),
                },
            )
            return HttpResponseRedirect(_committee_url(committee) + "#medlemmer")
    context = {
        "committee": committee,
        "form": form,
        "people": selectors.people_names(committee.municipality),
    }
    return render(request, "organisation/membership_add.html", context)


@require_http_methods(["GET", "POST"])
def edit_membership(request: HttpRequest, pk: int) -> HttpResponse:
    """Ret medlemskab: role, side, job title and term; recorded in the membership's history."""
    membership = get_object_or_404(
        Membership.objects.select_related("person", "committee__municipality"), pk=pk
    )
    committee = membership.committee
    if (refusal := _allowed(request, committee)) is not None:
        return refusal
    initial = {
        "role": membership.role,
        "side": membership.side,
        "title": membership.title,
        "start": membership.start,
        "end": membership.end,
    }
    form = EditMembershipForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.edit_membership(
                membership,
                actor=request.user,
                role=data["role"],
                side=data["side"] or Membership.Side.UNSPECIFIED,
                title=data["title"],
                start=data["start"],
                end=data["end"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The membership of %(name)s is saved.") % {"name": membership.person.name},
            )
            return HttpResponseRedirect(_committee_url(committee) + "#medlemmer")
    context = {"committee": committee, "membership": membership, "form": form}
    return render(request, "organisation/membership_edit.html", context)


@require_http_methods(["GET", "POST"])
def end_membership(request: HttpRequest, pk: int) -> HttpResponse:
    membership = get_object_or_404(
        Membership.objects.select_related("person", "committee__municipality"), pk=pk
    )
    committee = membership.committee
    if (refusal := _allowed(request, committee)) is not None:
        return refusal
    form = EndMembershipForm(request.POST or None, initial={"end": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.end_membership(membership, form.cleaned_data["end"], actor=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The membership of %(name)s ends on %(end)s.")
                % {
                    "name": membership.person.name,
                    "end": format_short_date(form.cleaned_data["end"]),
                },
            )
            return HttpResponseRedirect(_committee_url(committee) + "#medlemmer")
    context = {"committee": committee, "membership": membership, "form": form}
    return render(request, "organisation/membership_end.html", context)


def _committee_form(
    request: HttpRequest, municipality: Municipality, committee: Committee | None
) -> HttpResponse:
    """The page that creates a committee (``committee`` None) or edits ``committee``."""
    parents = selectors.parent_choices(municipality, editing=committee)
    by_pk = {choice.pk: choice for choice, _depth in parents}
    if committee is not None:
        initial = {
            "name": committee.name,
            "level": committee.level,
            "parent": committee.parent_id,
            "case_number": committee.case_number,
        }
        cancel_url = _committee_url(committee)
    else:
        # "Nyt underudvalg" links here with ?parent=<slug>: that committee, one level down.
        below = next((c for c in by_pk.values() if c.slug == request.GET.get("parent")), None)
        initial = {
            "parent": below.pk if below else None,
            "level": committees.LEVEL_BELOW[below.level] if below else Committee.Level.HOVEDMED,
        }
        # Cancelling goes back to where the user came from.
        cancel_url = _committee_url(below) if below else reverse("web:home")
    form = CommitteeForm(request.POST or None, initial=initial, parents=parents)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {
            "name": data["name"],
            "level": data["level"],
            "parent": by_pk.get(data["parent"]),  # None: a top committee
            "case_number": data["case_number"],
        }
        try:
            if committee is None:
                saved = committees.create_committee(municipality, actor=request.user, **fields)
            else:
                saved = committees.update_committee(committee, actor=request.user, **fields)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return HttpResponseRedirect(_committee_url(saved))
    context = {
        "municipality": municipality,
        "committee": committee,
        "form": form,
        "cancel_url": cancel_url,
    }
    return render(request, "organisation/committee_form.html", context)


@require_http_methods(["GET", "POST"])
def create_committee(request: HttpRequest, municipality: str) -> HttpResponse:
    place = get_object_or_404(Municipality, slug=municipality)
    if (refusal := _allowed(request, committees.new_committee_of(place))) is not None:
        return refusal
    return _committee_form(request, place, None)


@require_http_methods(["GET", "POST"])
def edit_committee(request: HttpRequest, municipality: str, slug: str) -> HttpResponse:
    committee = _committee_or_404(municipality, slug)
    if (refusal := _allowed(request, committee)) is not None:
        return refusal
    return _committee_form(request, committee.municipality, committee)
