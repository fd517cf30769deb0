"""Who wants which mails: members' choices and citizens' subscriptions."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from medref.organisation.models import Committee, Person

from .kinds import KINDS, Kind


class Preference(models.Model):
    """One person's choice for one kind (no row: the kind's default)."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(
        "slags", max_length=40, choices=[(k.value, i.label) for k, i in KINDS.items()]
    )
    enabled = models.BooleanField("til", default=True)

    class Meta:
        verbose_name = "notifikationsvalg"
        verbose_name_plural = "notifikationsvalg"
        constraints = [
            models.UniqueConstraint(fields=["person", "kind"], name="preference_once_per_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.kind} {'til' if self.enabled else 'fra'}"


def wants(person: Person, kind: Kind, choices: dict[str, bool] | None = None) -> bool:
    """Whether ``person`` gets ``kind``: their choice, else the default."""
    if choices is None:
        choices = dict(Preference.objects.filter(person=person).values_list("kind", "enabled"))
    return choices.get(kind.value, KINDS[kind].default)


class Subscription(models.Model):
    """A citizen's subscription to a committee's published minutes (double opt-in)."""

    committee = models.ForeignKey(
        Committee, on_delete=models.CASCADE, related_name="subscriptions", verbose_name="udvalg"
    )
    email = models.EmailField("e-mail")
    created_at = models.DateTimeField("tilmeldt", default=timezone.now)
    confirmed_at = models.DateTimeField("bekræftet", null=True, blank=True)

    class Meta:
        verbose_name = "abonnement"
        verbose_name_plural = "abonnementer"
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "email"], name="subscription_once_per_address"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.committee}"
