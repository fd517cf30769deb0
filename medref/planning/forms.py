"""The planning forms (Danish labels, as the pages are Danish)."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from medref.organisation.models import Membership

from .models import KlippekortUsage
from .rules.klippekort import FUNCTION_LABELS
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


class StandardThemeForm(ThemeForm):
    """A theme of the municipality's standard årshjul: a theme with its note."""

    note = forms.CharField(
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Til administratorerne; kommer ikke med på dagsordenen."),
    )


FUNCTION_CHOICES = [(name, label) for name, label in FUNCTION_LABELS.items()]


class KlippekortSettingsForm(forms.Form):
    waiting_years = forms.IntegerField(
        label=_("Ventetid efter valg/udpegning (år)"),
        min_value=0,
        max_value=10,
        help_text=_(
            "Klippekortdage tæller først fra dette antal år efter valget (1: fra 2. funktionsår)."
        ),
    )
    requires_grunduddannelse = forms.BooleanField(
        label=_("Kræver afsluttet MED-grunduddannelse"), required=False
    )


class BandForm(forms.Form):
    """One line of the rules: days a year in some function years for some functions."""

    first_year = forms.IntegerField(label=_("Fra funktionsår"), min_value=1, max_value=50)
    last_year = forms.IntegerField(
        label=_("Til og med funktionsår"),
        min_value=1,
        max_value=50,
        required=False,
        help_text=_("Tom: alle senere år."),
    )
    days = forms.DecimalField(
        label=_("Dage om året"),
        min_value=Decimal(0),
        max_value=10,
        decimal_places=1,
        localize=True,  # "1,5" as Danes write it
    )
    functions = forms.MultipleChoiceField(
        label=_("Kun medlemmer med funktionerne"),
        choices=FUNCTION_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def clean_days(self) -> Decimal:
        days: Decimal = self.cleaned_data["days"]
        if days * 2 != int(days * 2):
            raise forms.ValidationError(_("Dage skal være hele eller halve dage (fx 1,5)."))
        return days

    def clean(self) -> dict[str, object] | None:
        data = super().clean()
        first, last = self.cleaned_data.get("first_year"), self.cleaned_data.get("last_year")
        if first is not None and last is not None and last < first:
            self.add_error(
                "last_year",
                _("Til og med funktionsår (%(last)s) ligger før fra funktionsår (%(first)s).")
                % {"last": last, "first": first},
            )
        return data


BandFormSet = forms.formset_factory(BandForm, extra=1, can_delete=True, can_order=True)
