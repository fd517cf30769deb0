"""One row per searchable piece of a meeting, rebuilt whenever the meeting is.

The full-text index over these rows is the database's own: an FTS5 table
(``search_fts``) kept up by triggers on SQLite, a generated tsvector column
(``document``) with a GIN index on PostgreSQL. Both are created by
migration 0002 and unknown to the ORM; ``medref.search.backends`` queries them.
"""

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _

from medref.meetings.models import AgendaItem, Meeting
from medref.organisation.models import Committee, Municipality

# The ``meeting_date`` of an undated meeting's entries (imported from a file
# whose date could not be read, "til gennemsyn"): the full-text key and the
# date order need a date. It sorts after every real date newest first, no date
# filter's "from" reaches it, and ``SearchEntry.day`` turns it back into None
# for everything shown (a page says "Dato ikke angivet", the JSON null).
UNDATED = dt.date(1, 1, 1)


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

    @property
    def day(self) -> dt.date | None:
        """The meeting's date; None for an undated meeting (``UNDATED``)."""
        return None if self.meeting_date == UNDATED else self.meeting_date


class AttachmentText(models.Model):
    """What the index knows of a bilag's file: its text, or why it has none.

    Written after the upload's transaction has committed
    (``search.extraction``), within the importers' limits; ``file_name`` is
    the stored file it describes, so a replaced file is read again.
    """

    class Status(models.TextChoices):
        INDEXED = "indexed", _("Searchable")
        REFUSED = "refused", _("Not searchable: over a limit")
        UNREADABLE = "unreadable", _("Not searchable: cannot be read")
        UNSUPPORTED = "unsupported", _("Not searchable: file type")

    class Reason(models.TextChoices):
        NONE = "", _("—")
        SIZE = "size", _("the file is too large to read")
        UNPACKED = "unpacked", _("the file unpacks to far too much, like a zip bomb")
        PAGES = "pages", _("the file has too many pages")
        TIME = "time", _("reading the file took too long")
        DAMAGED = "damaged", _("the file is damaged, encrypted or not what its name says")
        TYPE = "type", _("medref reads no text from this type of file")

    attachment = models.OneToOneField(
        "meetings.Attachment",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="index_text",
    )
    file_name = models.CharField(max_length=500)
    status = models.CharField(max_length=12, choices=Status.choices)
    reason = models.CharField(max_length=10, choices=Reason.choices, blank=True)
    detail = models.TextField(blank=True)
    text = models.TextField(blank=True)
    seconds = models.FloatField(default=0)
    read_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.file_name}: {self.status}"

    @property
    def searchable(self) -> bool:
        return self.status == self.Status.INDEXED
