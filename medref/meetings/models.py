"""Meetings and what their agendas and minutes say.

The tables mirror ``medref.documents.model.MeetingDocument`` closely enough
that ``mapping.to_document(mapping.from_document(doc)) == doc`` holds
exactly; that is why names are stored as written next to the matched person,
and why a few text fields are nullable (None and "" are different values in
a document).
"""

from __future__ import annotations

import uuid
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from medref.documents.model import SectionKind
from medref.organisation.models import Committee, Person

from . import statuses


@deconstructible
class RandomName:
    """``upload_to`` that stores a file as ``<folder>/<year>/<random hex>.<ext>``.

    Never the uploaded name: a web server or proxy that served the media
    folder by mistake would otherwise hand out closed bilag and full agendas
    under names anyone can guess. Downloads go through medref's views, which
    name the file for the reader. ``str()`` gives ``"<folder>/%Y/"`` like a
    plain ``upload_to`` (``files.py`` reads the folder from it).
    """

    def __init__(self, folder: str) -> None:
        self.folder = folder

    def __call__(self, instance: Any, filename: str) -> str:
        extension = PurePath(filename).suffix.lower()
        if not extension[1:].isalnum():
            extension = ""
        return f"{self.folder}/{timezone.now():%Y}/{uuid.uuid4().hex}{extension}"

    def __str__(self) -> str:
        return f"{self.folder}/%Y/"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RandomName) and other.folder == self.folder

    def __hash__(self) -> int:
        return hash(self.folder)


class Meeting(models.Model):
    """One meeting of a committee.

    A committee meets at most once a day: (committee, meeting_date) is the
    identity imports use to recognise a meeting they have seen before. A key
    on the start time too would not work, since it is often unknown and
    NULLs never collide in a unique constraint.

    ``meeting_date`` is None for a meeting imported from a file whose date
    could not be read (never a guessed date): it is marked ``needs_review``,
    is not sent or published until the secretary dates it on the gennemsyn
    page, and comes after every dated meeting in any list (``nulls_last``).
    Several undated meetings of one committee may exist (NULLs never collide).
    """

    class Status(models.TextChoices):
        # The values are spelled once, in statuses.py; these are their labels.
        PLANNED = statuses.PLANNED, _("Planned")
        AGENDA_SENT = statuses.AGENDA_SENT, _("Agenda sent")
        HELD = statuses.HELD, _("Held")
        MINUTES_DRAFT = statuses.MINUTES_DRAFT, _("Minutes draft")
        MINUTES_APPROVED = statuses.MINUTES_APPROVED, _("Minutes approved")
        PUBLISHED = statuses.PUBLISHED, _("Published")

    committee = models.ForeignKey(
        Committee, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("committee")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    meeting_date = models.DateField(_("meeting date"), null=True, blank=True)
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    # Nullable: "no place given" and an empty place are different documents.
    location = models.TextField(_("location"), null=True, blank=True)  # noqa: DJ001
    # Whether the source names its municipality (the name is the committee's).
    municipality_stated = models.BooleanField(_("municipality stated"), default=False)
    minute_taker = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings_minuted",
        verbose_name=_("minute taker"),
    )
    minute_taker_name = models.CharField(  # noqa: DJ001
        _("minute taker as written"), max_length=200, null=True, blank=True
    )
    # False when the minutes do not say who attended (document.present is None).
    attendance_recorded = models.BooleanField(_("attendance recorded"), default=False)
    toc = models.JSONField(_("table of contents"), default=list, blank=True)
    source_name = models.CharField(_("source file"), max_length=500, blank=True)
    source_sha256 = models.CharField(_("source SHA-256"), max_length=64, blank=True, db_index=True)
    imported_at = models.DateTimeField(
        _("imported at"), null=True, blank=True, default=timezone.now
    )
    # "Til gennemsyn": imported from a file with fields medref could not read
    # (medref parse's warnings); a secretary checks date, committee and time.
    needs_review = models.BooleanField(_("needs review"), default=False)
    # The agenda as sent ("Send dagsorden"), frozen: in full for members and
    # without closed items for everyone else. PDF, or HTML if PDF failed.
    agenda_file = models.FileField(
        _("agenda as sent"), upload_to=RandomName("agendas"), max_length=500, blank=True
    )
    public_agenda_file = models.FileField(
        _("public agenda as sent"),
        upload_to=RandomName("agendas"),
        max_length=500,
        blank=True,
    )
    # Bumped by every edit of the meeting's own fields (conflict detection).
    version = models.PositiveIntegerField(_("version"), default=0)

    class Meta:
        # Undated meetings last on both databases (PostgreSQL would put NULLs first).
        ordering = [
            models.F("meeting_date").desc(nulls_last=True),
            models.F("start_time").desc(nulls_last=True),
        ]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "meeting_date"], name="meeting_one_per_committee_and_day"
            ),
        ]

    def __str__(self) -> str:
        day = f"{self.meeting_date:%Y-%m-%d}" if self.meeting_date else "uden dato"
        return f"{self.committee} {day}"


class Attendance(models.Model):
    """One name the meeting's header lists mention, and where.

    Each ``*_position`` is the name's index in that list of the document
    (participants, present, absent, substitutes), None when it is not in
    the list. One row per name as written: the person is the matched
    identity, the name is what these minutes say.
    """

    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        SENT_APOLOGIES = "afbud", _("Sent apologies")
        ABSENT = "absent", _("Absent")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("meeting")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="attendances", verbose_name=_("person")
    )
    name = models.CharField(_("name as written"), max_length=200)
    title = models.CharField(  # noqa: DJ001
        _("title as written"), max_length=300, null=True, blank=True
    )
    participant_position = models.PositiveIntegerField(_("participant position"), null=True)
    present_position = models.PositiveIntegerField(_("present position"), null=True)
    absent_position = models.PositiveIntegerField(_("absent position"), null=True)
    substitute_position = models.PositiveIntegerField(_("substitute position"), null=True)
    # As recorded in medref (imports leave it empty; their lists say it).
    status = models.CharField(_("attendance"), max_length=20, choices=Status.choices, blank=True)

    class Meta:
        ordering = ["meeting", "participant_position", "name"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "name"], name="attendance_unique_name"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.meeting})"


class AgendaItem(models.Model):
    """A punkt. ``number`` runs on through the committee's year; ``position`` is its order."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="items", verbose_name=_("meeting")
    )
    position = models.PositiveIntegerField(_("position"))
    number = models.PositiveIntegerField(_("number"))
    title = models.TextField(_("title"))
    case_number = models.CharField(  # noqa: DJ001
        _("case number"), max_length=100, null=True, blank=True
    )
    closed = models.BooleanField(_("closed"), default=False)
    # The recommendation ("X indstiller, at …"); no proposer means none.
    recommendation_proposer = models.TextField(  # noqa: DJ001
        _("recommended by"), null=True, blank=True
    )
    recommendation_clauses = models.JSONField(_("recommendation clauses"), default=list, blank=True)
    recommendation_numbered = models.BooleanField(_("numbered clauses"), default=False)
    # Bumped by every edit of the item, its sections, recommendation and
    # bilag: an editor saving with an older version has missed someone's edit.
    version = models.PositiveIntegerField(_("version"), default=0)

    class Meta:
        ordering = ["meeting", "position"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="item_unique_number"),
            models.UniqueConstraint(fields=["meeting", "position"], name="item_unique_position"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Section(models.Model):
    """A headed part of an item (Resumé, Sagsfremstilling, Beslutning, …), in source order."""

    class Kind(models.TextChoices):
        SUMMARY = SectionKind.SUMMARY.value, _("Summary")
        CASE = SectionKind.CASE.value, _("Case presentation")
        RECOMMENDATION = SectionKind.RECOMMENDATION.value, _("Recommendation")
        DECISION = SectionKind.DECISION.value, _("Decision")
        ATTACHMENTS = SectionKind.ATTACHMENTS.value, _("Attachments")
        OTHER = SectionKind.OTHER.value, _("Other")

    item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="sections", verbose_name=_("item")
    )
    position = models.PositiveIntegerField(_("position"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    heading = models.TextField(_("heading"))
    # documents.serialize.blocks_to_data: lossless, the round trip reads it.
    body = models.JSONField(_("body"), default=list, blank=True)
    # documents.plain.blocks_text: derived, for search and previews only.
    text = models.TextField(_("text"), blank=True)

    class Meta:
        ordering = ["item", "position"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        constraints = [
            models.UniqueConstraint(fields=["item", "position"], name="section_unique_position"),
        ]

    def __str__(self) -> str:
        return self.heading


class ItemAttendance(models.Model):
    """A name the minutes give for one item only: absent, or a substitute who took part."""

    class Kind(models.TextChoices):
        ABSENT = "absent", _("Absent")
        SUBSTITUTE = "substitute", _("Substitute")

    item = models.ForeignKey(
        AgendaItem,
        on_delete=models.CASCADE,
        related_name="item_attendances",
        verbose_name=_("item"),
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="item_attendances", verbose_name=_("person")
    )
    name = models.CharField(_("name as written"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    position = models.PositiveIntegerField(_("position"))

    class Meta:
        ordering = ["item", "kind", "position"]
        verbose_name = _("item attendance")
        verbose_name_plural = _("item attendances")
        constraints = [
            models.UniqueConstraint(
                fields=["item", "kind", "position"], name="item_attendance_unique_position"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display()})"


class Attachment(models.Model):
    """A bilag; imported minutes usually name one without its file."""

    item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("item")
    )
    position = models.PositiveIntegerField(_("position"))
    title = models.TextField(_("title"))
    # Django stores a missing file as "", so the document's None maps to "".
    file = models.FileField(
        _("file"), upload_to=RandomName("attachments"), max_length=500, blank=True
    )

    class Meta:
        ordering = ["item", "position"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        constraints = [
            models.UniqueConstraint(fields=["item", "position"], name="attachment_unique_position"),
        ]

    def __str__(self) -> str:
        return self.title


class MeetingEvent(models.Model):
    """One thing someone did to a meeting: the history page lists these.

    ``details`` says what changed, e.g. ``{"title": ["old", "new"]}`` for an
    edit, or the new status for a transition.
    """

    class Action(models.TextChoices):
        SCHEDULED = "scheduled", _("Meeting scheduled")
        MEETING_EDITED = "meeting_edited", _("Meeting details changed")
        ITEM_ADDED = "item_added", _("Item added")
        ITEM_EDITED = "item_edited", _("Item changed")
        ITEM_MOVED = "item_moved", _("Item moved")
        ITEM_REMOVED = "item_removed", _("Item removed")
        SECTION_ADDED = "section_added", _("Section added")
        SECTION_EDITED = "section_edited", _("Section changed")
        SECTION_REMOVED = "section_removed", _("Section removed")
        RECOMMENDATION_SET = "recommendation_set", _("Recommendation changed")
        ATTACHMENT_ADDED = "attachment_added", _("Attachment added")
        ATTACHMENT_REMOVED = "attachment_removed", _("Attachment removed")
        AGENDA_SENT = "agenda_sent", _("Agenda sent")
        ATTENDANCE_RECORDED = "attendance_recorded", _("Attendance recorded")
        DECISION_WRITTEN = "decision_written", _("Decision written")
        HELD = "held", _("Meeting held")
        MINUTES_SUBMITTED = "minutes_submitted", _("Minutes draft submitted")
        MINUTES_APPROVED = "minutes_approved", _("Minutes approved")
        MINUTES_PUBLISHED = "minutes_published", _("Minutes published")
        # A member's own "Jeg kommer ikke" (medref.participation), or its withdrawal.
        AFBUD_REPORTED = "afbud_reported", "Afbud meldt af medlem"
        # Approval by the attendees (medref.participation.approval): one's Godkend, and
        # the approvals reset by a change of the draft.
        ATTENDEE_APPROVED = "attendee_approved", "Referat godkendt af deltager"
        APPROVALS_RESET = "approvals_reset", "Godkendelser nulstillet"
        # The chair reopened approved (or published) minutes, with a reason (details.reason).
        MINUTES_REOPENED = "minutes_reopened", _("Minutes reopened")
        # A tillægsdagsorden (medref.meetings.workflow.supplement): details.supplement, .items.
        SUPPLEMENT_SENT = "supplement_sent", "Tillægsdagsorden udsendt"
        # Stored from a file (``medref import``): details.file names it; actor None is the CLI.
        IMPORTED = "imported", "Importeret fra fil"

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="events", verbose_name=_("meeting")
    )
    # Kept when the item goes: the history still says something happened to it.
    item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("item"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meeting_events",
        verbose_name=_("done by"),
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    action = models.CharField(_("action"), max_length=30, choices=Action.choices)
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        ordering = ["meeting", "at", "pk"]
        verbose_name = _("meeting event")
        verbose_name_plural = _("meeting events")
        indexes = [models.Index(fields=["meeting", "at"], name="meeting_event_meeting_at")]

    def __str__(self) -> str:
        return f"{self.get_action_display()} ({self.meeting}, {self.at:%Y-%m-%d %H:%M})"


class AgendaSupplement(models.Model):
    """A tillægsdagsorden: the items added or changed after the agenda was sent,
    sent as their own version (nr. 1, 2, … per meeting). The agenda as sent
    stays as it was; these files hold only the supplement's items."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="supplements", verbose_name="møde"
    )
    number = models.PositiveIntegerField("nummer")
    sent_at = models.DateTimeField("udsendt", default=timezone.now)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="udsendt af",
    )
    # The item numbers it carries, as sent (numbers of sent items never change).
    item_numbers = models.JSONField("punkter", default=list)
    file = models.FileField(
        "tillægsdagsorden", upload_to=RandomName("agendas"), max_length=500, blank=True
    )
    public_file = models.FileField(
        "offentlig tillægsdagsorden", upload_to=RandomName("agendas"), max_length=500, blank=True
    )

    class Meta:
        ordering = ["meeting", "number"]
        verbose_name = "tillægsdagsorden"
        verbose_name_plural = "tillægsdagsordener"
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="supplement_unique_number"),
        ]

    def __str__(self) -> str:
        return f"Tillægsdagsorden nr. {self.number} ({self.meeting})"


class ItemAmendment(models.Model):
    """An item added ("Tillægspunkt") or changed ("Ændret efter udsendelse") after the
    agenda was sent; ``supplement`` is the tillægsdagsorden that sent it (None: not yet)."""

    class Kind(models.TextChoices):
        ADDED = "added", "Tillægspunkt"
        CHANGED = "changed", "Ændret efter udsendelse"

    item = models.OneToOneField(
        AgendaItem, on_delete=models.CASCADE, related_name="amendment", verbose_name="punkt"
    )
    kind = models.CharField("slags", max_length=10, choices=Kind.choices)
    supplement = models.ForeignKey(
        AgendaSupplement,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="amendments",
        verbose_name="tillægsdagsorden",
    )
    changed_at = models.DateTimeField("ændret", default=timezone.now)

    class Meta:
        verbose_name = "ændring efter udsendelse"
        verbose_name_plural = "ændringer efter udsendelse"

    def __str__(self) -> str:
        return f"{self.item}: {self.get_kind_display()}"
