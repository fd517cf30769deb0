"""create_committee and update_committee: permission-checked, validated, atomic, logged."""

from __future__ import annotations

import pytest
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from medref.organisation.committees import create_committee, update_committee
from medref.organisation.models import Committee
from tests.personas import NAMES, Personas

Level = Committee.Level
MANAGERS = ("anna", "root")


def errors(raised: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return raised.value.message_dict


def as_fields(committee: Committee, **changes: object) -> dict[str, object]:
    """The committee's editable fields, with ``changes`` applied: update_committee's arguments."""
    fields: dict[str, object] = {
        "name": committee.name,
        "level": committee.level,
        "parent": committee.parent,
        "case_number": committee.case_number,
    }
    return fields | changes


# Creating.


@pytest.mark.parametrize("name", NAMES)
def test_only_the_municipalitys_administrators_create_committees(personas: Personas, name: str):
    before = Committee.objects.count()
    user = personas.users[name]
    if name in MANAGERS:
        created = create_committee(
            personas.municipality, actor=user, name="LokalMED Løn", level="lokalmed"
        )
        assert created.municipality == personas.municipality
    else:
        with pytest.raises(PermissionDenied):
            create_committee(
                personas.municipality, actor=user, name="LokalMED Løn", level="lokalmed"
            )
        assert Committee.objects.count() == before


def test_an_administrator_of_another_municipality_creates_only_in_their_own(personas: Personas):
    with pytest.raises(PermissionDenied, match="Vejle Kommune"):
        create_committee(
            personas.municipality, actor=personas.ib, name="FagMED Skole", level="fagmed"
        )
    created = create_committee(
        personas.other_municipality, actor=personas.ib, name="FagMED Skole", level="fagmed"
    )
    assert created.municipality == personas.other_municipality


def test_it_creates_the_committee_below_its_parent_and_logs_who_did(personas: Personas):
    created = create_committee(
        personas.municipality,
        actor=personas.anna,
        name="  AfdelingsMED   Løn & Personale ",
        level="afdelingsmed",
        parent=personas.lokalmed,
        case_number=" 81.38.05-G01-4-24 ",
    )
    created.refresh_from_db()
    assert created.name == "AfdelingsMED Løn & Personale"
    assert created.slug == "afdelingsmed-loen-personale"
    assert (created.level, created.parent) == (Level.AFDELINGSMED, personas.lokalmed)
    assert created.case_number == "81.38.05-G01-4-24"
    entry = LogEntry.objects.get(object_id=str(created.pk))
    assert (entry.action_flag, entry.user) == (ADDITION, personas.anna)


def test_a_name_that_slugs_like_another_gets_a_free_slug(personas: Personas):
    created = create_committee(
        personas.municipality, actor=personas.anna, name="FagMED: Økonomi!", level="fagmed"
    )
    assert created.slug == "fagmed-oekonomi-2"  # "FagMED Økonomi" has fagmed-oekonomi


@pytest.mark.parametrize("name", ["FagMED Økonomi", "fagmed ØKONOMI", " FagMED  Økonomi "])
def test_a_name_the_municipality_already_has_is_refused(personas: Personas, name: str):
    before = Committee.objects.count()
    with pytest.raises(ValidationError) as raised:
        create_committee(personas.municipality, actor=personas.anna, name=name, level="fagmed")
    assert errors(raised) == {
        "name": ["Vejle Kommune har allerede et udvalg, der hedder " + " ".join(name.split()) + "."]
    }
    assert Committee.objects.count() == before


def test_another_municipality_may_use_the_same_name(personas: Personas):
    created = create_committee(
        personas.other_municipality, actor=personas.root, name="FagMED Økonomi", level="fagmed"
    )
    assert created.slug == "fagmed-oekonomi"


def test_the_parent_must_be_in_the_same_municipality(personas: Personas):
    with pytest.raises(ValidationError) as raised:
        create_committee(
            personas.municipality,
            actor=personas.root,
            name="FagMED Skole",
            level="fagmed",
            parent=personas.other_hovedmed,
        )
    assert errors(raised) == {"parent": ["Det overordnede udvalg skal høre til Vejle Kommune."]}
    assert not Committee.objects.filter(name="FagMED Skole").exists()


def test_each_bad_field_gets_its_own_message(personas: Personas):
    with pytest.raises(ValidationError) as raised:
        create_committee(
            personas.municipality,
            actor=personas.anna,
            name="  ",
            level="udvalg",
            case_number="1" * 101,
        )
    assert errors(raised) == {
        "name": ["Skriv udvalgets navn."],
        "level": ["Vælg et af niveauerne."],
        "case_number": ["Sagsnummeret kan højst være 100 tegn langt."],
    }
    with pytest.raises(ValidationError) as raised:
        create_committee(personas.municipality, actor=personas.anna, name="x" * 201, level="fagmed")
    assert errors(raised) == {"name": ["Navnet kan højst være 200 tegn langt."]}


def test_a_long_name_gets_a_slug_that_fits(personas: Personas):
    first = create_committee(
        personas.municipality, actor=personas.anna, name="ø" * 200, level="fagmed"
    )
    second = create_committee(
        personas.municipality, actor=personas.anna, name="ø" * 199 + "!", level="fagmed"
    )
    assert len(first.slug) <= 200 and len(second.slug) <= 200
    assert second.slug == first.slug + "-2"


# Updating.


@pytest.mark.parametrize("name", NAMES)
def test_only_the_municipalitys_administrators_edit_committees(personas: Personas, name: str):
    user = personas.users[name]
    fields = as_fields(personas.committee, name="FagMED Økonomi og Digitalisering")
    if name in MANAGERS:
        assert update_committee(personas.committee, actor=user, **fields).name == fields["name"]
    else:
        with pytest.raises(PermissionDenied):
            update_committee(personas.committee, actor=user, **fields)
        personas.committee.refresh_from_db()
        assert personas.committee.name == "FagMED Økonomi"


def test_a_rename_keeps_the_slug_and_is_logged(personas: Personas):
    fagmed = personas.committee
    updated = update_committee(
        fagmed,
        actor=personas.anna,
        **as_fields(fagmed, name="FagMED Økonomi og IT", case_number="81.16.00-G01-2-25"),
    )
    updated.refresh_from_db()
    assert (updated.name, updated.slug) == ("FagMED Økonomi og IT", "fagmed-oekonomi")
    assert updated.case_number == "81.16.00-G01-2-25"
    entry = LogEntry.objects.get(object_id=str(fagmed.pk))
    assert (entry.action_flag, entry.user) == (CHANGE, personas.anna)
    assert entry.get_change_message() == "Ændrede navn og sagsnummer."


def test_saving_unchanged_fields_writes_nothing(personas: Personas):
    update_committee(personas.committee, actor=personas.anna, **as_fields(personas.committee))
    assert not LogEntry.objects.exists()


def test_a_committee_may_change_the_case_of_its_own_name(personas: Personas):
    fields = as_fields(personas.hovedmed, name="HovedMed")
    assert update_committee(personas.hovedmed, actor=personas.anna, **fields).name == "HovedMed"


def test_a_rename_to_another_committees_name_is_refused(personas: Personas):
    with pytest.raises(ValidationError) as raised:
        update_committee(
            personas.lokalmed, actor=personas.anna, **as_fields(personas.lokalmed, name="hovedmed")
        )
    assert errors(raised) == {
        "name": ["Vejle Kommune har allerede et udvalg, der hedder hovedmed."]
    }


def test_a_committee_cannot_be_its_own_parent(personas: Personas):
    fagmed = personas.committee
    with pytest.raises(ValidationError) as raised:
        update_committee(fagmed, actor=personas.anna, **as_fields(fagmed, parent=fagmed))
    assert errors(raised) == {"parent": ["Et udvalg kan ikke være sit eget overordnede udvalg."]}


def test_a_committee_cannot_move_below_its_own_sub_committee(personas: Personas):
    with pytest.raises(ValidationError) as raised:
        update_committee(
            personas.hovedmed,
            actor=personas.anna,
            **as_fields(personas.hovedmed, parent=personas.lokalmed),
        )
    assert errors(raised) == {
        "parent": [
            "LokalMED Borgerservice ligger under dette udvalg og kan derfor ikke være dets "
            "overordnede udvalg."
        ]
    }
    personas.hovedmed.refresh_from_db()
    assert personas.hovedmed.parent is None


def test_a_parent_in_another_municipality_is_refused_on_edit(personas: Personas):
    with pytest.raises(ValidationError) as raised:
        update_committee(
            personas.hovedmed,
            actor=personas.root,
            **as_fields(personas.hovedmed, parent=personas.other_hovedmed),
        )
    assert list(errors(raised)) == ["parent"]


def test_a_sub_committee_moves_up_to_the_top(personas: Personas):
    updated = update_committee(
        personas.lokalmed, actor=personas.anna, **as_fields(personas.lokalmed, parent=None)
    )
    assert updated.parent is None


# No sequence of edits makes a cycle.


def below(parents: dict[int, int | None], node: int | None, top: int) -> bool:
    """The model's answer: ``node`` is ``top`` or lies below it."""
    steps = 0
    while node is not None:
        if node == top:
            return True
        node = parents[node]
        steps += 1
        assert steps <= len(parents), "the stored tree has a cycle"
    return False


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    moves=st.lists(
        st.tuples(st.integers(0, 4), st.none() | st.integers(0, 4)), min_size=1, max_size=12
    )
)
def test_no_sequence_of_edits_makes_a_cycle(
    personas: Personas, moves: list[tuple[int, int | None]]
) -> None:
    """Each move (committee, new parent) goes through exactly when the new parent is not
    the committee or below it, and the stored tree never holds a cycle."""
    with transaction.atomic():  # each example rolled back, so they never see each other
        committees = [
            create_committee(
                personas.other_municipality, actor=personas.ib, name=f"Udvalg {n}", level="lokalmed"
            )
            for n in range(5)
        ]
        for child, parent in moves:
            committee = Committee.objects.get(pk=committees[child].pk)
            new_parent = committees[parent] if parent is not None else None
            stored = dict(
                Committee.objects.filter(municipality=personas.other_municipality).values_list(
                    "pk", "parent_id"
                )
            )
            allowed = new_parent is None or not below(stored, new_parent.pk, committee.pk)
            try:
                update_committee(
                    committee, actor=personas.ib, **as_fields(committee, parent=new_parent)
                )
            except ValidationError as error:
                assert not allowed and list(error.message_dict) == ["parent"]
            else:
                assert allowed
            stored = dict(
                Committee.objects.filter(municipality=personas.other_municipality).values_list(
                    "pk", "parent_id"
                )
            )
            for pk in stored:
                below(stored, pk, -1)  # walks to the top; fails on a cycle
        transaction.set_rollback(True)
