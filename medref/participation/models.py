"""What members do themselves: calendar feeds, their own afbud, notes and comments.

Privacy (docs/participation.md): a ``PrivateNote`` is read by its author
only — never in a page of anyone else, an export, the search index or an
e-mail. An ``ItemComment`` is read by those who may see drafts in the
committee (``Action.VIEW_UNPUBLISHED``), never by the public.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

from medref.meetings.models import AgendaItem, Meeting
from medref.organisation.models import Person


def new_token() -> str:
    return secrets.token_urlsafe(24)


class PersonalFeed(models.Model):
    """The secret address of one user's calendar feed; a new token revokes the old."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="personal_feed",
        verbose_name="bruger",
    )
    token = models.CharField("nøgle", max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField("oprettet", default=timezone.now)

    class Meta:
        verbose_name = "personlig kalender"
        verbose_name_plural = "personlige kalendere"

    def __str__(self) -> str:
        return f"kalender for {self.user}"


class MemberAfbud(models.Model):
    """A member's own "Jeg kommer ikke" before the meeting (withdrawn: the row goes)."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="member_afbud", verbose_name="møde"
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="afbud", verbose_name="person"
    )
    substitute_wanted = models.BooleanField("ønsker suppleant indkaldt", default=False)
    reason = models.CharField("bemærkning", max_length=300, blank=True)
    at = models.DateTimeField("meldt", default=timezone.now)

    class Meta:
        ordering = ["meeting", "at"]
        verbose_name = "afbud"
        verbose_name_plural = "afbud"
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="member_afbud_once"),
        ]

    def __str__(self) -> str:
        return f"afbud fra {self.person} ({self.meeting})"


class PrivateNote(models.Model):
    """One person's own note on one item: nobody else ever reads it."""

    item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="private_notes", verbose_name="punkt"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="private_notes",
        verbose_name="forfatter",
    )
    text = models.TextField("note", blank=True)
    updated_at = models.DateTimeField("ændret", default=timezone.now)

    class Meta:
        verbose_name = "privat note"
        verbose_name_plural = "private noter"
        constraints = [
            models.UniqueConstraint(fields=["item", "author"], name="private_note_one_per_item"),
        ]

    def __str__(self) -> str:
        return f"note ({self.item_id}, {self.author_id})"


class ItemComment(models.Model):
    """A comment on an item, shared with the committee (never public)."""

    item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="comments", verbose_name="punkt"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="item_comments",
        verbose_name="forfatter",
    )
    author_name = models.CharField("forfatterens navn", max_length=200)
    text = models.TextField("kommentar")
    at = models.DateTimeField("skrevet", default=timezone.now)

    class Meta:
        ordering = ["item", "at", "pk"]
        verbose_name = "kommentar"
        verbose_name_plural = "kommentarer"

    def __str__(self) -> str:
        return f"kommentar fra {self.author_name} ({self.item_id})"


class ApprovalRule(models.Model):
    """How a committee approves its minutes (no row: the chair alone)."""

    class Rule(models.TextChoices):
        CHAIR = "chair", "Formanden alene"
        ALL = "all", "Alle mødedeltagere"
        MAJORITY = "majority", "Et flertal af mødedeltagerne"
        NEXT_MEETING = "next_meeting", "Næste møde (punktet Godkendelse af referat)"

    committee = models.OneToOneField(
        "organisation.Committee",
        on_delete=models.CASCADE,
        related_name="approval_rule",
        verbose_name="udvalg",
    )
    rule = models.CharField("godkendelse", max_length=20, choices=Rule.choices, default=Rule.CHAIR)

    class Meta:
        verbose_name = "godkendelsesregel"
        verbose_name_plural = "godkendelsesregler"

    def __str__(self) -> str:
        return f"{self.committee}: {self.get_rule_display()}"


class AttendeeApproval(models.Model):
    """One attendee's Godkend of a meeting's draft minutes, time-stamped."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendee_approvals", verbose_name="møde"
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="approvals", verbose_name="person"
    )
    name = models.CharField("navn", max_length=200)  # kept as it was on the day
    at = models.DateTimeField("godkendt", default=timezone.now)

    class Meta:
        ordering = ["meeting", "at", "pk"]
        verbose_name = "godkendelse"
        verbose_name_plural = "godkendelser"
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="attendee_approval_once"),
        ]

    def __str__(self) -> str:
        return f"{self.name} godkendte {self.meeting}"


class MinutesRound(models.Model):
    """The draft minutes' round: read first ("til gennemlæsning") or approve; a deadline."""

    meeting = models.OneToOneField(
        Meeting, on_delete=models.CASCADE, related_name="minutes_round", verbose_name="møde"
    )
    review = models.BooleanField("til gennemlæsning", default=False)
    deadline = models.DateField("frist", null=True, blank=True)
    reminded_on = models.DateField("påmindet", null=True, blank=True)

    class Meta:
        verbose_name = "referatrunde"
        verbose_name_plural = "referatrunder"

    def __str__(self) -> str:
        return f"{self.meeting}: {'gennemlæsning' if self.review else 'godkendelse'}"
