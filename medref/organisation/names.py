"""When two committee names are the same committee: one rule for the form and the imports.

A municipality has one committee per name, whatever its case or spacing:
"FagMED Økonomi", "fagmed  økonomi" and "FAGMED ØKONOMI" are one committee.
The administrators' form (``committees.create_committee``/``update_committee``)
refuses a second one, and an import (``services.ensure_committee``) finds the
existing one instead of creating it. Both ask this module, so an import cannot
create a committee the form would refuse.

Names are compared in Python (``medref.lib.names.normalise_name``: NFC,
casefolded, whitespace collapsed): the databases disagree on the case of
"Ø" and "ø", so ``iexact`` would give different answers on SQLite and
PostgreSQL.
"""

from __future__ import annotations

from django.db.models import QuerySet

from medref.lib.names import normalise_name

from .models import Committee


def clean_committee_name(name: str) -> str:
    """The name as stored: surrounding space gone, inner runs of space one space."""
    return " ".join(name.split())


def committee_name_key(name: str) -> str:
    """What two names of the same committee have in common ("fagmed økonomi")."""
    return normalise_name(name)


def same_committee_name(a: str, b: str) -> bool:
    return committee_name_key(a) == committee_name_key(b)


def committee_named(committees: QuerySet[Committee], name: str) -> Committee | None:
    """The committee among ``committees`` (one municipality's) called ``name``.

    The exact spelling wins when committees created before this rule differ
    only in case; otherwise the oldest. One query.
    """
    wanted = committee_name_key(name)
    matches = [c for c in committees.order_by("pk") if committee_name_key(c.name) == wanted]
    exact = [c for c in matches if c.name == name]
    return next(iter(exact or matches), None)
