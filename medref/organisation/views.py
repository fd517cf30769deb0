"""The administrator's pages: add a membership to a committee, end one.

Views parse the request and call one service; the service checks the
permission (MANAGE_MEMBERS) and validates, its errors land next to the fields.
"""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from medref.accounts.permissions import Action, raise_unless

from . import selectors, services
from .forms import EndMembershipForm, MembershipForm
from .models import Committee, Membership


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


@require_http_methods(["GET", "POST"])
def add_membership(request: HttpRequest, municipality: str, slug: str) -> HttpResponse:
    committee = get_object_or_404(
        Committee.objects.select_related("municipality"),
        municipality__slug=municipality,
        slug=slug,
    )
    if (refusal := _allowed(request, committee)) is not None:
        return refusal
    form = MembershipForm(request.POST or None, initial={"start": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.add_membership(
                request.user,
                committee,
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
            return HttpResponseRedirect(_committee_url(committee) + "#medlemmer")
    context = {
        "committee": committee,
        "form": form,
        "people": selectors.people_names(committee.municipality),
    }
    return render(request, "organisation/membership_add.html", context)


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
            services.end_membership(request.user, membership, form.cleaned_data["end"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return HttpResponseRedirect(_committee_url(committee) + "#medlemmer")
    context = {"committee": committee, "membership": membership, "form": form}
    return render(request, "organisation/membership_end.html", context)
