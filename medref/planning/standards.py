"""The municipality's standards: its standard MED årshjul and its klippekort rules.

A municipality administrator edits them on medref's own pages (and still in
the Django admin). One function per action: the ``actor`` is checked with
``medref.accounts.permissions`` — managing the municipality's committees
(``Action.MANAGE_MEMBERS`` in a committee nobody sits in yet, i.e. the
municipality's administrators and superusers) — the write is atomic and
leaves one ``PlanningEvent`` naming the municipality.

What a change reaches: the standard årshjul is copied when a committee
creates a year's plan (``services.create_plan``), so a change applies to
plans created after it, never to existing ones. The klippekort rules are
read whenever an entitlement is computed (nothing is stored per year), so
a change applies to every entitlement computed after it, past function
years included.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from medref.accounts.permissions import Action, can, raise_unless
from medref.meetings.workflow.errors import InvalidInput
from medref.meetings.workflow.history import actor_id
from medref.organisation.committees import new_committee_of
from medref.organisation.models import Municipality

from .models import KlippekortRuleSet, PlanningEvent, StandardTheme
from .rules.klippekort import DEFAULT_RULES, KlippekortRules
from .services import _rule_from
from .standard import STANDARD_THEMES

if TYPE_CHECKING:
    from medref.accounts.permissions import AnyUser


def may_edit(actor: AnyUser | None, municipality: Municipality) -> bool:
    """Whether ``actor`` may edit the municipality's standards (no rule of its own)."""
    return can(actor, Action.MANAGE_MEMBERS, new_committee_of(municipality))


def _require(actor: AnyUser | None, municipality: Municipality) -> None:
    raise_unless(actor, Action.MANAGE_MEMBERS, new_committee_of(municipality))


def _record(
    municipality: Municipality, action: PlanningEvent.Action, actor: AnyUser | None, **details: Any
) -> PlanningEvent:
    return PlanningEvent.objects.create(
        municipality=municipality, actor_id=actor_id(actor), action=action, details=details
    )


# --- the standard årshjul -------------------------------------------------------------


def standard_themes(municipality: Municipality) -> list[StandardTheme]:
    """The municipality's own standard themes; empty when it uses medref's."""
    return list(StandardTheme.objects.filter(municipality=municipality))


def medref_standard() -> list[StandardTheme]:
    """medref's standard årshjul as unsaved rows (to show; a new plan copies it)."""
    return [StandardTheme(**dict(fields)) for fields in STANDARD_THEMES]


@transaction.atomic
def adopt_medref_standard(municipality: Municipality, *, actor: AnyUser | None) -> int:
    """Copy medref's standard årshjul into the municipality's own, to edit it there."""
    _require(actor, municipality)
    if StandardTheme.objects.filter(municipality=municipality).exists():
        raise InvalidInput(_("Kommunen har allerede sit eget standardårshjul."))
    rows = StandardTheme.objects.bulk_create(
        StandardTheme(municipality=municipality, **dict(fields)) for fields in STANDARD_THEMES
    )
    _record(
        municipality,
        PlanningEvent.Action.STANDARD_THEME_SAVED,
        actor,
        adopted=[t.title for t in rows],
    )
    return len(rows)


@transaction.atomic
def save_standard_theme(
    municipality: Municipality,
    *,
    actor: AnyUser | None,
    title: str,
    recurrence: str,
    text: str = "",
    quarters: Sequence[int] = (),
    month: int = 1,
    every_years: int = 1,
    first_year: int,
    note: str = "",
    theme: StandardTheme | None = None,
) -> StandardTheme:
    """A new theme of the standard årshjul, or ``theme`` changed. Plans created
    from now on start with it; existing plans keep their own themes."""
    _require(actor, municipality)
    title = " ".join(title.split())
    if not title:
        raise InvalidInput(_("Temaet skal have en titel."), field="title")
    if not 2000 <= first_year <= 2100:
        raise InvalidInput(_("Første år skal ligge mellem 2000 og 2100."), field="first_year")
    rule = _rule_from(recurrence, quarters, month, every_years, first_year)
    before: dict[str, Any] | None = None
    if theme is None:
        position = StandardTheme.objects.filter(municipality=municipality).count()
        theme = StandardTheme(municipality=municipality, position=position)
    elif theme.municipality_id != municipality.pk:
        raise InvalidInput(_("Temaet hører til en anden kommunes standardårshjul."))
    else:
        before = {"title": theme.title, "rule": theme.rule.describe()}
    theme.title, theme.text, theme.note = title, text.strip(), note.strip()
    theme.recurrence = str(rule.recurrence)
    theme.quarters = sorted(rule.quarters)
    theme.month, theme.every_years, theme.first_year = month, every_years, first_year
    theme.save()
    _record(
        municipality,
        PlanningEvent.Action.STANDARD_THEME_SAVED,
        actor,
        theme=theme.pk,
        title=title,
        rule=rule.describe(),
        before=before,
    )
    return theme


@transaction.atomic
def remove_standard_theme(theme: StandardTheme, *, actor: AnyUser | None) -> None:
    """Delete a theme of the standard årshjul; existing plans keep their copy.

    When the last one goes, new plans start from medref's standard again.
    """
    municipality = theme.municipality
    _require(actor, municipality)
    _record(
        municipality,
        PlanningEvent.Action.STANDARD_THEME_REMOVED,
        actor,
        theme=theme.pk,
        title=theme.title,
        rule=theme.rule.describe(),
    )
    theme.delete()
    rest = StandardTheme.objects.filter(municipality=municipality).order_by("position", "pk")
    for position, other in enumerate(rest):
        if other.position != position:
            other.position = position
            other.save(update_fields=["position"])


# --- klippekort rules -------------------------------------------------------------------


def klippekort_rules(municipality: Municipality) -> tuple[KlippekortRules, bool]:
    """The municipality's rules, and whether they are its own (False: medref's default)."""
    row = KlippekortRuleSet.objects.filter(municipality=municipality).first()
    if row is None:
        return DEFAULT_RULES, False
    return KlippekortRules.from_data(row.rules), True


@transaction.atomic
def save_klippekort_rules(
    municipality: Municipality, rules: KlippekortRules, *, actor: AnyUser | None
) -> KlippekortRuleSet:
    """The municipality's klippekort rules; every entitlement computed from now on
    (every function year, past ones too) follows them."""
    _require(actor, municipality)
    if not rules.bands and not rules.statutory:
        raise InvalidInput(_("Reglerne skal have mindst én linje."), field="bands")
    row = KlippekortRuleSet.objects.select_for_update().filter(municipality=municipality).first()
    before = None if row is None else row.rules
    data = rules.to_data()
    if row is None:
        row = KlippekortRuleSet.objects.create(municipality=municipality, rules=data)
    else:
        row.rules = data
        row.save(update_fields=["rules"])
    _record(
        municipality,
        PlanningEvent.Action.KLIPPEKORT_RULES_SAVED,
        actor,
        before=before,
        after=data,
    )
    return row


@transaction.atomic
def reset_klippekort_rules(municipality: Municipality, *, actor: AnyUser | None) -> None:
    """Back to medref's rules (those of FagMED Økonomi's item 29)."""
    _require(actor, municipality)
    row = KlippekortRuleSet.objects.filter(municipality=municipality).first()
    if row is None:
        raise InvalidInput(_("Kommunen bruger allerede medrefs standardregler."))
    before = row.rules
    row.delete()
    _record(
        municipality,
        PlanningEvent.Action.KLIPPEKORT_RULES_SAVED,
        actor,
        before=before,
        after=None,
        reset=True,
    )
