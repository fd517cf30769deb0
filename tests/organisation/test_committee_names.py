"""One rule for when two committee names are the same committee (organisation/names.py).

The administrators' form and the imports ask the same function, so an import
never creates a committee the form would refuse, and the form never refuses a
name an import would have created anew.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import replace
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from medref.importers import parse_file
from medref.meetings.services import ImportConflict, import_document
from medref.organisation.committees import create_committee
from medref.organisation.models import Committee
from medref.organisation.names import (
    clean_committee_name,
    committee_name_key,
    committee_named,
    same_committee_name,
)
from medref.organisation.services import ensure_committee
from tests.personas import COMMITTEE, Personas

FAGMED = Path(__file__).resolve().parents[2] / "medref" / "demo"
FAGMED_FILE = FAGMED / "referat-fagmed-oekonomi-2025-10-08.txt"

# The ways an import may spell "FagMED Økonomi" that the form counts as the same name.
SPELLINGS = [
    "fagmed økonomi",
    "FAGMED ØKONOMI",
    "  FagMED   Økonomi ",
    "FagMED\tØkonomi",
    unicodedata.normalize("NFD", "FagMED Økonomi"),  # "Ø" is one code point either way
]
names = st.text(alphabet="abcæøåABCÆØÅ ß", min_size=1, max_size=12).filter(
    lambda name: name.strip()
)


def form_refuses(personas: Personas, name: str) -> bool:
    """Whether the committee form refuses ``name`` as taken (nothing is kept)."""
    try:
        with transaction.atomic():
            create_committee(
                personas.municipality, actor=personas.anna, name=name, level="lokalmed"
            )
            transaction.set_rollback(True)
    except ValidationError as refused:
        return "name" in refused.message_dict
    return False


@given(names, names)
def test_same_name_is_the_same_key(a: str, b: str) -> None:
    assert same_committee_name(a, b) == (committee_name_key(a) == committee_name_key(b))
    assert same_committee_name(a, a.upper()) or a.upper().casefold() != a.casefold()
    assert same_committee_name(a, f"  {a}  ")
    assert clean_committee_name(clean_committee_name(a)) == clean_committee_name(a)


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_an_import_finds_the_committee_the_form_would_not_create_again(
    personas: Personas, spelling: str
) -> None:
    before = Committee.objects.count()
    assert form_refuses(personas, spelling)
    assert ensure_committee(personas.municipality, spelling) == personas.committee
    assert Committee.objects.count() == before


def test_a_new_name_is_stored_cleaned_so_the_form_refuses_it_afterwards(
    personas: Personas,
) -> None:
    created = ensure_committee(personas.municipality, "  LokalMED   Løn ")
    assert created.name == "LokalMED Løn"
    assert form_refuses(personas, "lokalmed løn")
    assert ensure_committee(personas.municipality, "LOKALMED LØN") == created


def test_names_match_only_within_one_municipality(personas: Personas) -> None:
    """Andeby Kommune may have its own "FagMED Økonomi"."""
    other = ensure_committee(personas.other_municipality, "fagmed økonomi")
    assert other != personas.committee
    assert other.municipality == personas.other_municipality


def test_the_exact_spelling_wins_among_committees_from_before_the_rule(
    personas: Personas,
) -> None:
    """Two committees stored before names were matched whatever their case: the exact one."""
    older = Committee.objects.create(
        municipality=personas.municipality, name="LokalMED Øst", slug="lokalmed-oest"
    )
    newer = Committee.objects.create(
        municipality=personas.municipality, name="LOKALMED ØST", slug="lokalmed-oest-2"
    )
    committees = Committee.objects.filter(municipality=personas.municipality)
    assert committee_named(committees, "LOKALMED ØST") == newer
    assert committee_named(committees, "lokalmed øst") == older
    assert committee_named(committees, "LokalMED Vest") is None


@pytest.mark.django_db
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(first=names, second=names)
def test_the_import_and_the_form_agree_on_every_pair_of_names(
    personas: Personas, first: str, second: str
) -> None:
    """After ``first`` exists, ``second`` is refused by the form exactly when an import
    of ``second`` finds ``first`` instead of creating a committee."""
    with transaction.atomic():
        existing = ensure_committee(personas.municipality, f"LokalMED {first}")
        refused = form_refuses(personas, f"LokalMED {second}")
        found = ensure_committee(personas.municipality, f"LokalMED {second}")
        assert refused == (found == existing)
        transaction.set_rollback(True)


def test_importing_minutes_with_the_committee_in_other_case_adds_no_committee(
    personas: Personas,
) -> None:
    """The import path itself (import_document → ensure_committee)."""
    doc = replace(
        parse_file(FAGMED_FILE),
        committee="FAGMED  ØKONOMI",
        meeting_date=dt.date(2025, 11, 12),
    )
    before = Committee.objects.count()
    result = import_document(
        doc, municipality_name=personas.municipality.name, source_name="x.txt", source_sha256="a"
    )
    assert result.meeting.committee == personas.committee
    assert Committee.objects.count() == before
    assert personas.committee.name == COMMITTEE


def test_the_same_meeting_in_other_case_is_a_conflict_not_a_second_meeting(
    personas: Personas,
) -> None:
    """A second file for the same committee and day, its name in other case, is recognised."""
    doc = replace(parse_file(FAGMED_FILE), meeting_date=dt.date(2025, 11, 12))
    import_document(
        doc, municipality_name=personas.municipality.name, source_name="a.txt", source_sha256="a"
    )
    with pytest.raises(ImportConflict):
        import_document(
            replace(doc, committee="fagmed økonomi"),
            municipality_name=personas.municipality.name,
            source_name="b.txt",
            source_sha256="b",
        )
