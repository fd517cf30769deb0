"""Preferences, one-click unsubscribe, citizens' subscriptions with double opt-in."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from medref.organisation.models import Committee, Person

from . import tokens
from .dispatch import subscription_made
from .kinds import KINDS, Kind
from .models import Preference, Subscription


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    """Per kind on or off, for the signed-in person."""
    user = request.user
    assert isinstance(user, User)  # @login_required
    person = Person.objects.filter(user=user).first()
    if person is not None and request.method == "POST":
        with transaction.atomic():
            for kind in KINDS:
                enabled = request.POST.get(kind.value) == "1"
                Preference.objects.update_or_create(
                    person=person, kind=kind.value, defaults={"enabled": enabled}
                )
        messages.success(request, "Dine valg er gemt.")
        return redirect("web:notifications:preferences")
    choices = (
        dict(Preference.objects.filter(person=person).values_list("kind", "enabled"))
        if person is not None
        else {}
    )
    rows = [
        (kind.value, info, choices.get(kind.value, info.default)) for kind, info in KINDS.items()
    ]
    email = ""
    if person is not None:
        email = person.email or user.email
    return render(
        request,
        "notifications/preferences.html",
        {"person": person, "rows": rows, "email": email},
    )


@csrf_exempt  # RFC 8058: the mail program POSTs "List-Unsubscribe=One-Click" without a form
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET: one button; POST: done. The token is the authority, no login needed."""
    key = tokens.read(token, "unsub")
    if key is None:
        raise Http404
    what, _sep, rest = key.partition(":")
    if what == "person":
        person_id, _sep, kind = rest.partition(":")
        person = get_object_or_404(Person, pk=int(person_id))
        label = KINDS[Kind(kind)].label
        if request.method == "POST":
            Preference.objects.update_or_create(
                person=person, kind=kind, defaults={"enabled": False}
            )
    elif what == "sub":
        sub = Subscription.objects.select_related("committee").filter(pk=int(rest)).first()
        label = f"Referater fra {sub.committee.name}" if sub else "Referater"
        if request.method == "POST" and sub is not None:
            sub.delete()
    else:
        raise Http404
    return render(
        request,
        "notifications/unsubscribe.html",
        {"label": label, "done": request.method == "POST"},
    )


RESEND_AFTER = dt.timedelta(hours=1)


class SubscribeForm(forms.Form):
    email = forms.EmailField(label="Din e-mailadresse", max_length=254)


def subscribe(request: HttpRequest, municipality: str, slug: str) -> HttpResponse:
    """A citizen asks for the committee's published minutes; a mail asks them to confirm."""
    committee = get_object_or_404(
        Committee.objects.select_related("municipality"), municipality__slug=municipality, slug=slug
    )
    form = SubscribeForm(request.POST or None)
    sent = False
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].strip().lower()
        try:
            with transaction.atomic():
                sub, created = Subscription.objects.get_or_create(committee=committee, email=email)
        except IntegrityError:
            sub, created = Subscription.objects.get(committee=committee, email=email), False
        # One confirmation mail an hour at most: the form cannot be used to flood an address.
        quiet = timezone.now() - sub.created_at < RESEND_AFTER
        if sub.confirmed_at is None and (created or not quiet):
            if not created:
                sub.created_at = timezone.now()
                sub.save(update_fields=["created_at"])
            subscription_made(sub.pk)
        # The same answer whether the address was known or not.
        sent = True
    return render(
        request,
        "notifications/subscribe.html",
        {"committee": committee, "form": form, "sent": sent},
    )


def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the confirmation mail: GET shows a button, POST confirms."""
    key = tokens.read(token, "confirm", max_age=tokens.CONFIRM_MAX_AGE)
    what, _sep, pk = (key or "").partition(":")
    if what != "sub" or not pk.isdigit():
        raise Http404
    sub = get_object_or_404(Subscription.objects.select_related("committee"), pk=int(pk))
    if request.method == "POST" and sub.confirmed_at is None:
        sub.confirmed_at = timezone.now()
        sub.save(update_fields=["confirmed_at"])
    return render(
        request,
        "notifications/confirm.html",
        {"subscription": sub, "done": sub.confirmed_at is not None},
    )
