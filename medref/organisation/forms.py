"""Forms for the administrator's committee and membership pages and the committee page's date."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from .models import Committee, Membership

# <input type="date"> sends ISO dates; people typing by hand write 08-10-2025 or 08.10.2025.
DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"]


def date_field(label: StrOrPromise, *, required: bool = True) -> forms.DateField:
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
                widget.attrs["aria-describedby"] = f"{self[name].auto_id}-fejl"


class MembershipForm(DescribedErrorsForm):
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        widget=forms.TextInput(attrs={"list": "personer", "autocomplete": "off"}),
    )
    # No role preselected: a chair added by a forgotten choice is worse than a question.
    role = forms.ChoiceField(
        label=_("Role"), choices=[("", _("(choose a role)")), *Membership.Role.choices]
    )
    side = forms.ChoiceField(label=_("Side"), choices=Membership.Side.choices, required=False)
    title = forms.CharField(label=_("Job title"), max_length=200, required=False)
    start = date_field(_("From"))
    end = date_field(_("To (last day)"), required=False)


class EditMembershipForm(DescribedErrorsForm):
    """A membership's role, side, job title and term (the person stays)."""

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


class CommitteeForm(DescribedErrorsForm):
    """A committee's name, level, parent committee and case number.

    The parent committee is chosen among ``parents`` (the municipality's
    committees, in tree order, with their depth); the view maps the chosen
    pk back to the committee.
    """

    name = forms.CharField(label=_("Name"), max_length=200)
    level = forms.ChoiceField(label=_("Level"), choices=Committee.Level.choices)
    parent = forms.TypedChoiceField(
        label=_("Parent committee"), coerce=int, required=False, empty_value=None
    )
    case_number = forms.CharField(
        label=_("Case number"),
        max_length=100,
        required=False,
        help_text=_("The committee's standing case, e.g. 81.38.05-G01-4-24."),
    )

    def __init__(self, *args: Any, parents: list[tuple[Committee, int]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parent_field = self.fields["parent"]
        assert isinstance(parent_field, forms.TypedChoiceField)
        # Indented by depth, so the select reads as the tree.
        parent_field.choices = [("", _("None (a top committee)"))] + [
            (committee.pk, "\u2003" * depth + committee.name) for committee, depth in parents
        ]
