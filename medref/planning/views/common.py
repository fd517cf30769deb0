"""What the planning views share: finding the committee, asking the permission table."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from medref.accounts.permissions import Action, actions
from medref.meetings.workflow.errors import WorkflowError
from medref.organisation.models import Committee


def committee_or_404(municipality: str, slug: str) -> Committee:
    return get_object_or_404(
        Committee.objects.select_related("municipality"), municipality__slug=municipality, slug=slug
    )


def refuse_unless(
    request: HttpRequest, committee: Committee, action: Action
) -> tuple[frozenset[Action], HttpResponse | None]:
    """The user's actions in the committee, and a login redirect (anonymous) or a 403
    (PermissionDenied) when ``action`` is not among them."""
    allowed = actions(request.user, committee)
    if action in allowed:
        return allowed, None
    if not request.user.is_authenticated:
        return allowed, redirect_to_login(request.get_full_path())
    raise PermissionDenied


def back(request: HttpRequest, default: str) -> HttpResponseRedirect:
    """To the form's ``next`` when it is on this site, else to ``default``."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return HttpResponseRedirect(target)
    return HttpResponseRedirect(default)


def run(request: HttpRequest, action: Callable[[], object], done: str | None = None) -> bool:
    """Run a service; its refusal becomes an error message on the next page."""
    try:
        action()
    except WorkflowError as exc:
        messages.error(request, str(exc.message))
        return False
    if done:
        messages.success(request, done)
    return True


def year_url(committee: Committee, year: int | None = None) -> str:
    url = reverse("web:planning:year", args=[committee.municipality.slug, committee.slug])
    return f"{url}?aar={year}" if year else url
