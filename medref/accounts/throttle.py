"""Login throttling (django-axes): which address a login attempt comes from.

Failed logins are counted per user name and per client address
(``AXES_LOCKOUT_PARAMETERS`` in settings). Behind ``MEDREF_TRUSTED_PROXIES``
reverse proxies, each of which appends the address it got the request from
to ``X-Forwarded-For``, the client is the entry that many places from the
right; the entries left of it are whatever the client chose to send and are
never trusted. Without proxies the client is ``REMOTE_ADDR``.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def client_ip(request: HttpRequest) -> str | None:
    """The client's address as the nearest trusted proxy saw it."""
    proxies = settings.MEDREF_TRUSTED_PROXIES
    remote: str | None = request.META.get("REMOTE_ADDR") or None
    if proxies <= 0:
        return remote
    forwarded_for: str = request.META.get("HTTP_X_FORWARDED_FOR", "")
    forwarded = [part.strip() for part in forwarded_for.split(",") if part.strip()]
    if len(forwarded) < proxies:
        # Fewer entries than proxies: the request did not come through all of
        # them, so the address the innermost one saw is the best there is.
        return forwarded[0] if forwarded else remote
    return forwarded[-proxies]


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: object
) -> HttpResponse:
    """The Danish page a locked-out login gets, in the site's layout (status 429)."""
    minutes = max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "lockout_minutes": minutes}
    return render(request, "accounts/locked_out.html", context, status=429)
