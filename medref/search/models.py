"""One row per searchable piece of a meeting, rebuilt whenever the meeting is.

The full-text index over these rows is the database's own: an FTS5 table
(``search_fts``) kept up by triggers on SQLite, a generated tsvector column
(``document``) with a GIN index on PostgreSQL. Both are created by
migration 0002 and unknown to the ORM; ``medref.search.backends`` queries them.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from medref.meetings.models import AgendaItem, Meeting
from medref.organisation.models import Committee, Municipality


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
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="+", null=True
    )
    meeting_date = models.DateField()
    closed = models.BooleanField(default=False)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    section_kind = models.CharField(max_length=20, blank=True)
    heading = models.TextField(blank=True)
    # The original text for snippets. The stemmed, folded words of heading
    # and text, one per original word (so a hit's position is the word's),
    # and the stems of the parts of their compound words, each once.
    text = models.TextField(blank=True)
    stemmed_heading = models.TextField(blank=True, default="")
    stemmed = models.TextField(blank=True)
    parts = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["-meeting_date", "id"]
        indexes = [
            models.Index(fields=["committee", "meeting_date"]),
            models.Index(fields=["meeting_date", "id"], name="search_entry_by_date"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.heading}"
