"""One row per searchable piece of a meeting, rebuilt whenever the meeting is."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from medref.meetings.models import AgendaItem, Meeting
from medref.organisation.models import Committee


class SearchEntry(models.Model):
    """A meeting header, an item title, one section or one bilag title."""

    class Kind(models.TextChoices):
        MEETING = "meeting", _("Meeting")
        ITEM = "item", _("Item")
        SECTION = "section", _("Section")
        ATTACHMENT = "attachment", _("Attachment")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="search_entries")
    item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, null=True, related_name="search_entries"
    )
    # Denormalised so filters need no joins.
    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="+")
    meeting_date = models.DateField()
    closed = models.BooleanField(default=False)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    section_kind = models.CharField(max_length=20, blank=True)
    heading = models.TextField(blank=True)
    # The original text for snippets; the stemmed, folded words (space padded
    # so " word " matches whole words) for matching.
    text = models.TextField(blank=True)
    stemmed = models.TextField(blank=True)

    class Meta:
        ordering = ["-meeting_date", "id"]
        indexes = [models.Index(fields=["committee", "meeting_date"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.heading}"
