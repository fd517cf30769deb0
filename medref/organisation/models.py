"""Municipalities, their MED committees, the people in them and their memberships."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Municipality(models.Model):
    """A kommune; several may share one installation."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return self.name


class Committee(models.Model):
    """A MED committee. Committees form a tree per municipality (``parent``)."""

    class Level(models.TextChoices):
        # Proper names, the same in every language, hence untranslated.
        HOVEDMED = "hovedmed", "HovedMED"
        FAGMED = "fagmed", "FagMED"
        LOKALMED = "lokalmed", "LokalMED"
        AFDELINGSMED = "afdelingsmed", "AfdelingsMED"

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="committees",
        verbose_name=_("municipality"),
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200)
    level = models.CharField(
        _("level"), max_length=20, choices=Level.choices, default=Level.LOKALMED
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent committee"),
    )
    # The committee's standing case ("81.38.05-G01-4-24"), when it has one.
    case_number = models.CharField(_("case number"), max_length=100, blank=True)

    class Meta:
        ordering = ["municipality__name", "name"]
        verbose_name = _("committee")
        verbose_name_plural = _("committees")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="committee_unique_name_per_municipality"
            ),
            # URLs are /<municipality>/<committee>/, so slugs are unique per municipality.
            models.UniqueConstraint(
                fields=["municipality", "slug"], name="committee_unique_slug_per_municipality"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    """Someone named in a municipality's minutes or committees.

    Names are not unique: imports match spellings (``medref.lib.names``)
    instead of relying on a constraint.
    """

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="people",
        verbose_name=_("municipality"),
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"), blank=True)
    # The login of this person, when they have one: their memberships are
    # their roles (``medref.accounts.permissions``).
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name=_("user"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        indexes = [models.Index(fields=["municipality", "name"], name="person_municipality_name")]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A person's seat in a committee for a term (``start`` to ``end``)."""

    class Role(models.TextChoices):
        CHAIR = "formand", _("Chair")
        VICE_CHAIR = "naestformand", _("Vice chair")
        MEMBER = "medlem", _("Member")
        SUBSTITUTE = "suppleant", _("Substitute")
        SECRETARY = "referent", _("Secretary/minute taker")
        SAFETY_REPRESENTATIVE = "amr", _("Health and safety representative")
        UNION_REPRESENTATIVE = "tr", _("Union representative")
        MANAGER = "leder", _("Manager")

    class Side(models.TextChoices):
        MANAGEMENT = "ledelse", _("Management")
        EMPLOYEES = "medarbejder", _("Employees")
        UNSPECIFIED = "", _("Not specified")

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("person")
    )
    committee = models.ForeignKey(
        Committee, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("committee")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    side = models.CharField(_("side"), max_length=20, choices=Side.choices, blank=True)
    title = models.CharField(_("job title"), max_length=200, blank=True)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), null=True, blank=True)
    # What the klippekort rules need (medref.planning.rules.klippekort): the
    # election or appointment day (the start when empty), the day the
    # MED-grunduddannelse was completed, and the functions held
    # ("arbejdsmiljø", "samarbejde"; an AMR's role gives "amr").
    elected = models.DateField(_("elected or appointed"), null=True, blank=True)
    grunduddannelse = models.DateField(_("MED-grunduddannelse completed"), null=True, blank=True)
    functions = models.JSONField(_("functions"), default=list, blank=True)

    class Meta:
        ordering = ["committee", "person__name", "start"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "committee", "role", "start"], name="membership_unique_term"
            ),
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
                name="membership_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()}, {self.committee})"


class MembershipChange(models.Model):
    """Who added or ended a membership, and when (the organisation's history)."""

    class Kind(models.TextChoices):
        ADDED = "added", _("Membership added")
        ENDED = "ended", _("Membership ended")
        EDITED = "edited", _("Membership changed")

    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="changes", verbose_name=_("membership")
    )
    kind = models.CharField(_("change"), max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="membership_changes",
        verbose_name=_("changed by"),
    )
    at = models.DateTimeField(_("changed at"), default=timezone.now)
    # An edit's changes: {"role": ["medlem", "amr"], "end": [None, "2026-06-30"], …}.
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("membership change")
        verbose_name_plural = _("membership changes")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.membership}"
