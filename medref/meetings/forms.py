"""The editor's forms: they check the shape of the input; the services decide the rest."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from medref.documents.model import SectionKind
from medref.organisation.models import Membership

from .models import AgendaItem, Attendance, Section
from .workflow.errors import WorkflowError
from .workflow.standard import DECISION_PHRASES, decision_sentence


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%H:%M", **kwargs)


def show_error(form: forms.Form, error: WorkflowError) -> None:
    """Put a service's refusal next to its field (or above the form)."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, str(error.message))


class IdForm(forms.Form):
    """A form whose ids start with ``ids`` (several forms share one page; ids must not)."""

    ids = "id_%s"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", self.ids)
        super().__init__(*args, **kwargs)


class VersionedForm(IdForm):
    # The item's version when the editor was opened (conflict detection).
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)


class MeetingForm(forms.Form):
    meeting_date = forms.DateField(label=_("Meeting date"), widget=DateInput())
    start_time = forms.TimeField(label=_("Start time"), required=False, widget=TimeInput())
    location = forms.CharField(label=_("Venue"), required=False, max_length=500)


class MeetingEditForm(MeetingForm):
    end_time = forms.TimeField(label=_("End time"), required=False, widget=TimeInput())
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)


class AddItemForm(IdForm):
    ids = "nyt_punkt_%s"
    title = forms.CharField(label=_("Title of the new item"), max_length=1000)
    case_number = forms.CharField(
        label=_("Case number"),
        required=False,
        max_length=100,
        help_text=_("Empty: the committee's case number."),
    )
    closed = forms.BooleanField(label=_("Closed item"), required=False)


class ItemForm(VersionedForm):
    ids = "punkt_%s"
    title = forms.CharField(label=_("Title"), max_length=1000)
    case_number = forms.CharField(label=_("Case number"), required=False, max_length=100)
    closed = forms.BooleanField(
        label=_("Closed item"),
        required=False,
        help_text=_("Closed items are never part of the public agenda or minutes."),
    )

    @classmethod
    def for_item(cls, item: AgendaItem, **kwargs: Any) -> ItemForm:
        initial = {
            "title": item.title,
            "case_number": item.case_number or "",
            "closed": item.closed,
            "version": item.version,
        }
        return cls(initial=initial, **kwargs)


_SECTION_KINDS = [(k.value, k.label) for k in Section.Kind if k.value != SectionKind.DECISION]
MARKDOWN_HELP = _(
    "Markdown: a blank line between paragraphs, **bold**, *italic*, “- ” for a list, "
    "“1. ” for a numbered list, “#### ” for a sub-heading, [text](https://…) for a link."
)


class SectionForm(VersionedForm):
    heading = forms.CharField(label=_("Heading"), required=False, max_length=500)
    text = forms.CharField(
        label=_("Text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=MARKDOWN_HELP,
    )


class AddSectionForm(SectionForm):
    ids = "nyt_afsnit_%s"
    kind = forms.ChoiceField(label=_("Kind of section"), choices=_SECTION_KINDS)


class RecommendationForm(VersionedForm):
    ids = "indstilling_%s"
    proposer = forms.CharField(
        label=_("Recommended by"),
        required=False,
        max_length=500,
        help_text=_("Who recommends, e.g. “Stabschef for Strategi og Udbud”."),
    )
    clauses = forms.CharField(
        label=_("Clauses (one per line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Each line is one “at …” clause; “at” is added when missing."),
    )
    numbered = forms.BooleanField(label=_("Numbered clauses"), required=False)

    def clause_list(self) -> list[str]:
        return [line for line in self.cleaned_data["clauses"].splitlines() if line.strip()]


class AttachmentForm(VersionedForm):
    ids = "bilag_%s"
    file = forms.FileField(label=_("File"))
    title = forms.CharField(
        label=_("Title of the attachment"),
        required=False,
        max_length=500,
        help_text=_("Empty: the file name."),
    )


class DecisionForm(VersionedForm):
    phrase = forms.ChoiceField(
        label=_("Standard phrasing"),
        required=False,
        help_text=_("Put in front of the text below."),
    )
    text = forms.CharField(
        label=_("Decision"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=MARKDOWN_HELP,
    )

    def __init__(self, *args: Any, subject: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.subject = subject
        field = self.fields["phrase"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("(none)"))] + [
            (phrase, f"{subject} {phrase}") for phrase in DECISION_PHRASES
        ]

    def decision_text(self) -> str:
        """The text, with the chosen phrasing as its first paragraph."""
        text: str = self.cleaned_data["text"].strip()
        phrase = self.cleaned_data.get("phrase")
        if not phrase:
            return text
        sentence = decision_sentence(self.subject, phrase)
        return f"{sentence}\n\n{text}" if text else sentence


class AttendanceForm(forms.Form):
    """One choice per member (``status_<person id>``) and, per item, its
    substitutes (``substitutes_<item id>``)."""

    # How many times attendance had been recorded when the page was opened (conflict detection).
    recordings = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(
        self,
        *args: Any,
        members: list[Membership],
        substitutes: list[Membership],
        items: list[AgendaItem],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.members = members
        self.items = items
        for membership in members:
            self.fields[f"status_{membership.person_id}"] = forms.ChoiceField(
                label=membership.person.name,
                choices=Attendance.Status.choices,
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose present, afbud or absent.")},
            )
        choices = [(str(m.person_id), m.person.name) for m in substitutes]
        for item in items:
            self.fields[f"substitutes_{item.pk}"] = forms.MultipleChoiceField(
                label=_("Item %(number)s: %(title)s")
                % {"number": item.number, "title": item.title},
                choices=choices,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )

    def status_fields(self) -> list[forms.BoundField]:
        return [self[f"status_{m.person_id}"] for m in self.members]

    def substitute_fields(self) -> list[forms.BoundField]:
        return [self[f"substitutes_{i.pk}"] for i in self.items]

    def statuses(self) -> dict[int, str]:
        return {m.person_id: self.cleaned_data[f"status_{m.person_id}"] for m in self.members}

    def item_substitutes(self) -> dict[int, list[int]]:
        return {
            item.pk: [int(p) for p in self.cleaned_data[f"substitutes_{item.pk}"]]
            for item in self.items
        }
