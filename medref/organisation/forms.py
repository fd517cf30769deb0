"""Forms for the administrator's membership pages and the committee page's date."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Membership

# <input type="date"> sends ISO dates; people typing by hand write 08-10-2025 or 08.10.2025.
DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"]


def date_field(label: str, *, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )


class DescribedErrorsForm(forms.Form):
    """Points each field with an error at its message (``id_<name>-fejl`` in the
    templates), so a screen reader reads the error with the field."""

    def add_error(self, field: str | None, error: Any) -> None:
        super().add_error(field, error)
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["aria-describedby"] = f"{self.auto_id % name}-fejl"


class MembershipForm(DescribedErrorsForm):
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        widget=forms.TextInput(attrs={"list": "personer", "autocomplete": "off"}),
    )
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)
    side = forms.ChoiceField(label=_("Side"), choices=Membership.Side.choices, required=False)
    title = forms.CharField(label=_("Job title"), max_length=200, required=False)
    start = date_field(_("From"))
    end = date_field(_("To (last day)"), required=False)


class EndMembershipForm(DescribedErrorsForm):
    end = date_field(_("Last day"))


class SeatsDateForm(DescribedErrorsForm):
    """``?dato=2025-10-08`` on the committee page: who sat on the committee that day."""

    dato = date_field(_("Members on"), required=False)
