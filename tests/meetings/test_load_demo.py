"""manage.py load_demo: the demo organisation and minutes, idempotently."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from medref.meetings.models import Meeting
from medref.organisation.models import Committee, Membership, Person


def load() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def snapshot() -> dict[str, int]:
    models = (Committee, Person, Membership, Meeting)
    return {m.__name__: m.objects.count() for m in models}


@pytest.mark.django_db
def test_it_builds_both_committee_trees() -> None:
    """Vejle's and Albertslund's committees hang under their HovedMED."""
    load()
    lokal = Committee.objects.get(name="LokalMED Borgerservice")
    assert lokal.parent.name == "FagMED Kultur & Sundhed"
    assert lokal.parent.parent.name == "HovedMED"
    afdeling = Committee.objects.get(name="AfdelingsMED Økonomi & Stab")
    assert afdeling.municipality.name == "Albertslund Kommune"
    assert afdeling.parent.level == Committee.Level.HOVEDMED
    assert Meeting.objects.filter(committee=afdeling).count() == 1
    assert Meeting.objects.filter(committee__municipality__name="Vejle Kommune").count() == 2


@pytest.mark.django_db
def test_it_makes_memberships_from_the_afdelingsmed_participants() -> None:
    """Participants become members with their job titles; the minute taker is referent."""
    load()
    referent = Membership.objects.get(role=Membership.Role.SECRETARY)
    assert referent.person.name == "Pernille Løvendahl Carlsen"
    assert referent.title == "Personaleadministrativ konsulent"
    assert Membership.objects.filter(role=Membership.Role.MEMBER).count() == 8


@pytest.mark.django_db
def test_running_it_twice_changes_nothing() -> None:
    """The second run reports every file unchanged and adds no rows."""
    load()
    before = snapshot()
    assert load().count("uændret") == 3
    assert snapshot() == before


@pytest.mark.django_db
def test_every_demo_meeting_reads_back_as_its_parsed_file(examples_dir) -> None:
    """The real minutes survive the database exactly, like the generated documents."""
    from medref.importers import parse_file
    from medref.meetings.mapping import to_document

    load()
    for path in sorted(examples_dir.glob("referat-*")):
        meeting = Meeting.objects.get(source_name=path.name)
        assert to_document(meeting) == parse_file(path)
