"""Sickness-absence facts from the HR export, stored pseudonymised.

Employee keys are a keyed hash (``keys.pseudonym``) of the export's employee
number: never the number itself, never shown. Units and employments refer to
units by their HR id (``unit_id``), so files can be imported in any order
after the units. Each row has a natural key; importing a corrected row
replaces the earlier version.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from medref.organisation.models import Municipality


class Unit(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    unit_id = models.CharField(_("unit id"), max_length=50)
    name = models.CharField(_("name"), max_length=200)
    parent_id = models.CharField(_("parent unit id"), max_length=50, blank=True)
    committee = models.CharField(_("committee"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("organisational unit")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "unit_id"], name="absence_unit_key")
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.name}"


class Employment(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    employee = models.CharField(_("employee key"), max_length=64)  # pseudonym, hex
    unit_id = models.CharField(_("unit id"), max_length=50)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), null=True, blank=True)
    weekly_hours = models.FloatField(_("weekly hours"))

    class Meta:
        verbose_name = _("employment")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "employee", "start"], name="absence_employment_key"
            )
        ]
        indexes = [models.Index(fields=["municipality", "unit_id"])]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.start}"


class Spell(models.Model):
    """One absence spell of any type; only the sickness types count."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    employee = models.CharField(_("employee key"), max_length=64)
    first_day = models.DateField(_("first day"))
    last_day = models.DateField(_("last day"))
    type = models.CharField(_("type"), max_length=100)
    hours_per_day = models.FloatField(_("hours per day"), null=True, blank=True)

    class Meta:
        verbose_name = _("absence spell")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "employee", "first_day", "type"], name="absence_spell_key"
            )
        ]
        indexes = [models.Index(fields=["municipality", "employee"])]

    def __str__(self) -> str:
        return f"{self.type} {self.first_day}..{self.last_day}"


class Target(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    scope = models.CharField(_("committee or unit"), max_length=200)
    year = models.PositiveIntegerField(_("year"))
    days_per_fte = models.FloatField(_("days per FTE"))

    class Meta:
        verbose_name = _("target")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "scope", "year"], name="absence_target_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.year}: {self.days_per_fte}"


class Event(models.Model):
    """One recorded action on the absence data: an import, a purge, a report attached."""

    class Kind(models.TextChoices):
        IMPORTED = "imported", _("importeret")
        PURGED = "purged", _("slettet")
        ATTACHED = "attached", _("indsat som bilag")

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    details = models.JSONField(_("details"), default=dict)  # counts and names, never a key

    class Meta:
        verbose_name = _("absence event")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.kind} {self.at:%Y-%m-%d %H:%M}"
