"""The municipality administrator's pages: the standard årshjul and the klippekort rules.

Only those who may manage the municipality's committees (its administrators,
superusers) see them; the permission lives in ``medref.accounts.permissions``
and is checked again by each action in ``medref.planning.standards``.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from medref.meetings.workflow.errors import WorkflowError
from medref.organisation.models import Municipality

from .. import standards
from ..forms import BandFormSet, KlippekortSettingsForm, StandardThemeForm
from ..models import StandardTheme
from ..rules.klippekort import Band, KlippekortRules, RulesError


def _municipality(request: HttpRequest, slug: str) -> tuple[Municipality, HttpResponse | None]:
    """The municipality, and a login redirect (anonymous) or a 403 for those who may
    not edit its standards."""
    municipality = get_object_or_404(Municipality, slug=slug)
    if not request.user.is_authenticated:
        return municipality, redirect_to_login(request.get_full_path())
    if not standards.may_edit(request.user, municipality):
        raise PermissionDenied
    return municipality, None


def _themes_url(municipality: Municipality) -> str:
    return reverse("web:planning:standard_themes", args=[municipality.slug])


def _rules_url(municipality: Municipality) -> str:
    return reverse("web:planning:klippekort_rules", args=[municipality.slug])


def _refused(form: BaseForm, error: WorkflowError) -> None:
    """The action's refusal, next to its field when the form has it."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, str(error.message))


def _theme_fields(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "title": data["title"],
        "recurrence": data["recurrence"],
        "text": data["text"],
        "quarters": data["quarters"],
        "month": data["month"],
        "every_years": data["every_years"],
        "first_year": data["first_year"] or timezone.localdate().year,
        "note": data["note"],
    }


@require_http_methods(["GET", "POST"])
def standard_themes(request: HttpRequest, municipality: str) -> HttpResponse:
    """Standardårshjul: the list, and "Tilføj tema"."""
    place, refusal = _municipality(request, municipality)
    if refusal is not None:
        return refusal
    own = standards.standard_themes(place)
    form = StandardThemeForm(
        request.POST or None, initial={"first_year": timezone.localdate().year}
    )
    if request.method == "POST" and form.is_valid():
        try:
            theme = standards.save_standard_theme(
                place, actor=request.user, **_theme_fields(form.cleaned_data)
            )
        except WorkflowError as error:
            _refused(form, error)
        else:
            messages.success(
                request,
                _("Temaet “%(title)s” er tilføjet standardårshjulet.") % {"title": theme.title},
            )
            return HttpResponseRedirect(_themes_url(place))
    context = {
        "municipality": place,
        "own": own,
        "themes": own or standards.medref_standard(),
        "form": form,
    }
    return render(request, "planning/standard_themes.html", context)


@require_http_methods(["GET", "POST"])
def edit_standard_theme(request: HttpRequest, municipality: str, pk: int) -> HttpResponse:
    place, refusal = _municipality(request, municipality)
    if refusal is not None:
        return refusal
    theme = get_object_or_404(StandardTheme, pk=pk, municipality=place)
    form = StandardThemeForm(
        request.POST or None,
        initial={
            "title": theme.title,
            "recurrence": theme.recurrence,
            "quarters": theme.quarters,
            "month": theme.month,
            "every_years": theme.every_years,
            "first_year": theme.first_year,
            "text": theme.text,
            "note": theme.note,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = standards.save_standard_theme(
                place, actor=request.user, theme=theme, **_theme_fields(form.cleaned_data)
            )
        except WorkflowError as error:
            _refused(form, error)
        else:
            messages.success(request, _("Temaet “%(title)s” er gemt.") % {"title": saved.title})
            return HttpResponseRedirect(_themes_url(place))
    context = {"municipality": place, "theme": theme, "form": form}
    return render(request, "planning/standard_theme.html", context)


@require_http_methods(["GET", "POST"])
def remove_standard_theme(request: HttpRequest, municipality: str, pk: int) -> HttpResponse:
    """Slet tema: a page asking to confirm (without JavaScript too), then the deletion."""
    place, refusal = _municipality(request, municipality)
    if refusal is not None:
        return refusal
    theme = get_object_or_404(StandardTheme, pk=pk, municipality=place)
    if request.method == "POST":
        title = theme.title
        try:
            standards.remove_standard_theme(theme, actor=request.user)
        except WorkflowError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(
                request,
                _("Temaet “%(title)s” er slettet fra standardårshjulet.") % {"title": title},
            )
        return HttpResponseRedirect(_themes_url(place))
    context = {"municipality": place, "theme": theme}
    return render(request, "planning/standard_theme_delete.html", context)


@require_POST
def adopt_standard(request: HttpRequest, municipality: str) -> HttpResponse:
    place, refusal = _municipality(request, municipality)
    if refusal is not None:
        return refusal
    try:
        count = standards.adopt_medref_standard(place, actor=request.user)
    except WorkflowError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request,
            _("%(count)s temaer er kopieret til kommunens standardårshjul. Ret dem herunder.")
            % {"count": count},
        )
    return HttpResponseRedirect(_themes_url(place))


def _band_initial(bands: tuple[Band, ...]) -> list[dict[str, Any]]:
    return [
        {
            "first_year": b.first_year,
            "last_year": b.last_year,
            "days": Decimal(b.days.numerator) / Decimal(b.days.denominator),
            "functions": sorted(b.functions),
            "ORDER": n,
        }
        for n, b in enumerate(bands, start=1)
    ]


def _bands(formset: Any) -> tuple[Band, ...]:
    """The formset's lines in their order (deleted and untouched blank lines left out)."""
    return tuple(
        Band(
            first_year=form.cleaned_data["first_year"],
            last_year=form.cleaned_data["last_year"],
            days=Fraction(str(form.cleaned_data["days"])),
            functions=frozenset(form.cleaned_data["functions"]),
        )
        for form in formset.ordered_forms
    )


@require_http_methods(["GET", "POST"])
def klippekort_rules(request: HttpRequest, municipality: str) -> HttpResponse:
    """Klippekortregler: the waiting time, the grunduddannelse, and the two lists of lines."""
    place, refusal = _municipality(request, municipality)
    if refusal is not None:
        return refusal
    rules, own = standards.klippekort_rules(place)
    data = request.POST if request.method == "POST" else None
    settings_form = KlippekortSettingsForm(
        data,
        initial={
            "waiting_years": rules.waiting_years,
            "requires_grunduddannelse": rules.requires_grunduddannelse,
        },
    )
    bands = BandFormSet(data, prefix="bands", initial=_band_initial(rules.bands))
    statutory = BandFormSet(data, prefix="statutory", initial=_band_initial(rules.statutory))
    if (
        request.method == "POST"
        and settings_form.is_valid()
        and bands.is_valid()
        and statutory.is_valid()
    ):
        try:
            new = KlippekortRules(
                bands=_bands(bands),
                statutory=_bands(statutory),
                waiting_years=settings_form.cleaned_data["waiting_years"],
                requires_grunduddannelse=settings_form.cleaned_data["requires_grunduddannelse"],
            )
            standards.save_klippekort_rules(place, new, actor=request.user)
        except RulesError as error:
            settings_form.add_error(None, str(error))
        except WorkflowError as error:
            _refused(settings_form, error)
        else:
            messages.success(
                request,
                _(
                    "Klippekortreglerne er gemt. Alle klippekort beregnes fra nu af efter de nye "
                    "regler."
                ),
            )
            return HttpResponseRedirect(_rules_url(place))
    context = {
        "municipality": place,
        "own": own,
        "settings_form": settings_form,
        "bands": bands,
        "statutory": statutory,
    }
    return render(request, "planning/klippekort_rules.html", context)


@require_POST
def reset_klippekort_rules(request: HttpRequest, municipality: str) -> HttpResponse:
    place, refusal = _municipality(request, municipality)
    if refusal is not None:
        return refusal
    try:
        standards.reset_klippekort_rules(place, actor=request.user)
    except WorkflowError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Kommunen bruger nu medrefs standardregler for klippekort."))
    return HttpResponseRedirect(_rules_url(place))
