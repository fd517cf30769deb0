"""Who administers which municipality. Committee roles live in
``organisation.Membership``; a user finds theirs through ``Person.user``."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from medref.organisation.models import Municipality


class MunicipalityAdministrator(models.Model):
    """A user who may do everything in one municipality's committees."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="administered_municipalities",
        verbose_name=_("user"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="administrators",
        verbose_name=_("municipality"),
    )

    class Meta:
        ordering = ["municipality__name", "user__username"]
        verbose_name = _("municipality administrator")
        verbose_name_plural = _("municipality administrators")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "municipality"], name="administrator_unique_per_municipality"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.municipality})"
