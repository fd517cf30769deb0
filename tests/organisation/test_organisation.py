"""Organisation services and selectors: committees, levels, people, the tree."""

from __future__ import annotations

import pytest

from medref.organisation.models import Committee, Person
from medref.organisation.selectors import committee_tree
from medref.organisation.services import (
    ensure_committee,
    ensure_municipality,
    infer_level,
    resolve_people,
)


@pytest.mark.parametrize(
    ("name", "level"),
    [
        ("HovedMED", Committee.Level.HOVEDMED),
        ("KommuneMED", Committee.Level.HOVEDMED),
        ("FagMED Økonomi", Committee.Level.FAGMED),
        ("LokalMED Borgerservice", Committee.Level.LOKALMED),
        ("AfdelingsMED Økonomi & Stab", Committee.Level.AFDELINGSMED),
        ("Personaleudvalget", Committee.Level.LOKALMED),
    ],
)
def test_the_level_is_read_from_the_committee_name(name: str, level: Committee.Level) -> None:
    """The name's prefix gives the level; anything else is a LokalMED."""
    assert infer_level(name) == level


def test_levels_are_labelled_with_their_danish_names() -> None:
    """The labels are the proper names committees use."""
    assert Committee.Level.HOVEDMED.label == "HovedMED"
    assert Committee.Level.AFDELINGSMED.label == "AfdelingsMED"


@pytest.mark.django_db
def test_ensure_committee_is_idempotent_and_places_it_in_the_tree() -> None:
    """Asking again returns the same committee; a parent given later is set."""
    vejle = ensure_municipality("Vejle Kommune")
    fagmed = ensure_committee(vejle, "FagMED Økonomi")
    hoved = ensure_committee(vejle, "HovedMED")
    again = ensure_committee(vejle, "FagMED Økonomi", parent=hoved)
    assert again.pk == fagmed.pk
    assert Committee.objects.get(pk=fagmed.pk).parent == hoved
    assert ensure_municipality("Vejle Kommune").pk == vejle.pk


@pytest.mark.django_db
def test_committee_slugs_are_unique_within_a_municipality() -> None:
    """Names that slugify alike get numbered slugs."""
    vejle = ensure_municipality("Vejle Kommune")
    a = ensure_committee(vejle, "LokalMED Øst")
    b = ensure_committee(vejle, "LokalMED Øst!")
    assert (a.slug, b.slug) == ("lokalmed-oest", "lokalmed-oest-2")


@pytest.mark.django_db
def test_resolve_people_matches_spellings_and_keeps_municipalities_apart() -> None:
    """A typo finds the existing person; another municipality's person is not reused."""
    vejle = ensure_municipality("Vejle Kommune")
    albertslund = ensure_municipality("Albertslund Kommune")
    first = resolve_people(vejle, ["Cathrin Borregaard Andersen"])
    second = resolve_people(vejle, ["Cathrin Borregaard Anderen", "Marie Aasøe", "Maria Aasøe"])
    assert second["Cathrin Borregaard Anderen"] == first["Cathrin Borregaard Andersen"]
    assert second["Marie Aasøe"] != second["Maria Aasøe"]
    resolve_people(albertslund, ["Cathrin Borregaard Andersen"])
    assert Person.objects.filter(municipality=vejle).count() == 3
    assert Person.objects.filter(municipality=albertslund).count() == 1


@pytest.mark.django_db
def test_committee_tree_nests_children_under_parents(django_assert_num_queries) -> None:
    """One query gives each municipality's roots with their children, by name."""
    vejle = ensure_municipality("Vejle Kommune")
    hoved = ensure_committee(vejle, "HovedMED")
    kultur = ensure_committee(vejle, "FagMED Kultur & Sundhed", parent=hoved)
    ensure_committee(vejle, "FagMED Økonomi", parent=hoved)
    ensure_committee(vejle, "LokalMED Borgerservice", parent=kultur)
    ensure_committee(ensure_municipality("Albertslund Kommune"), "KommuneMED")
    with django_assert_num_queries(1):
        roots = committee_tree()
        shape = [
            (
                r.committee.municipality.name,
                r.committee.name,
                [c.committee.name for c in r.children],
            )
            for r in roots
        ]
    assert shape == [
        ("Albertslund Kommune", "KommuneMED", []),
        ("Vejle Kommune", "HovedMED", ["FagMED Kultur & Sundhed", "FagMED Økonomi"]),
    ]
    assert [c.committee.name for c in roots[1].children[0].children] == ["LokalMED Borgerservice"]
    assert [r.committee.name for r in committee_tree(vejle)] == ["HovedMED"]
