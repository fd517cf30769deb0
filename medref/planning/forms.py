"""The planning forms (Danish labels, as the pages are Danish)."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from medref.organisation.models import Membership

from .models import KlippekortUsage
from .rules.months import MONTH_NAMES
from .rules.themes import RECURRENCE_LABELS, Recurrence

MONTH_CHOICES = [(n, name.capitalize()) for n, name in enumerate(MONTH_NAMES, start=1)]
QUARTER_CHOICES = [(q, _("%(q)s. kvartal") % {"q": q}) for q in range(1, 5)]


class ThemeForm(forms.Form):
    title = forms.CharField(label=_("Tema"), max_length=300)
    recurrence = forms.ChoiceField(
        label=_("Hvornår"), choices=[(r.value, RECURRENCE_LABELS[r]) for r in Recurrence]
    )
    quarters = forms.TypedMultipleChoiceField(
        label=_("Kvartaler"),
        choices=QUARTER_CHOICES,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    month = forms.TypedChoiceField(label=_("Måned"), choices=MONTH_CHOICES, coerce=int, initial=1)
    every_years = forms.IntegerField(label=_("Hvert N. år"), min_value=1, max_value=10, initial=1)
    first_year = forms.IntegerField(
        label=_("Første år"), min_value=2000, max_value=2100, required=False
    )
    text = forms.CharField(label=_("Tekst til punktet"), widget=forms.Textarea, required=False)


class PlannedMeetingForm(forms.Form):
    date = forms.DateField(label=_("Dato"), widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(
        label=_("Starttidspunkt"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    end_time = forms.TimeField(
        label=_("Sluttidspunkt"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    location = forms.CharField(label=_("Mødested"), max_length=300, required=False)


class UsageForm(forms.Form):
    day = forms.DateField(label=_("Dato"), widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(label=_("Slags"), choices=KlippekortUsage.Kind.choices)
    days = forms.DecimalField(
        label=_("Dage pr. medlem"),
        min_value=Decimal("0.5"),
        max_value=10,
        decimal_places=1,
        initial=1,
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)
    memberships = forms.ModelMultipleChoiceField(
        label=_("Deltagere"),
        queryset=Membership.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: object, memberships: object = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if memberships is not None:
            field = self.fields["memberships"]
            field.queryset = memberships  # type: ignore[attr-defined]
            field.label_from_instance = lambda m: m.person.name  # type: ignore[attr-defined]


class TrainingForm(forms.Form):
    elected = forms.DateField(
        label=_("Valgt/udpeget"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    grunduddannelse = forms.DateField(
        label=_("MED-grunduddannelse afsluttet"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    functions = forms.MultipleChoiceField(
        label=_("Funktioner"),
        choices=[
            ("arbejdsmiljø", _("Arbejdsmiljøfunktion")),
            ("samarbejde", _("Samarbejdsfunktion")),
        ],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
