"""services.import_document: idempotent, conflict-aware and all-or-nothing."""

from __future__ import annotations

from dataclasses import replace

import pytest
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext

from medref.documents.model import AgendaItem, MeetingDocument
from medref.meetings.mapping import to_document
from medref.meetings.models import AgendaItem as ItemRow
from medref.meetings.models import Attendance, ItemAttendance, Meeting, Section
from medref.meetings.services import ImportConflict, MunicipalityMismatch, import_document
from medref.organisation.models import Committee, Municipality, Person

from .documents import MUNICIPALITY, full_minutes

WRITES = {"INSERT", "UPDATE", "DELETE"}
MODELS = (Municipality, Committee, Person, Meeting, Attendance, ItemRow, Section, ItemAttendance)


def counts() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in MODELS}


def run(doc: MeetingDocument, sha: str = "a" * 64, **kwargs: object):
    return import_document(
        doc, municipality_name=MUNICIPALITY, source_name="referat.txt", source_sha256=sha, **kwargs
    )


@pytest.mark.django_db
def test_it_creates_the_municipality_committee_people_and_meeting() -> None:
    """A first import stores the document and records its source."""
    result = run(full_minutes())
    assert result.status == "imported"
    assert to_document(result.meeting) == full_minutes()
    meeting = Meeting.objects.get()
    assert (meeting.source_name, meeting.source_sha256) == ("referat.txt", "a" * 64)
    assert meeting.committee.level == Committee.Level.FAGMED
    assert meeting.committee.slug == "fagmed-oekonomi"


@pytest.mark.django_db
def test_importing_the_same_file_twice_changes_nothing() -> None:
    """The second import reports unchanged, adds no rows and issues no write."""
    first = run(full_minutes())
    before = counts()
    with CaptureQueriesContext(connection) as queries:
        second = run(full_minutes())
    assert second.status == "unchanged"
    assert second.meeting.pk == first.meeting.pk
    assert counts() == before
    assert before["Meeting"] == 1 and before["Person"] == 7
    writes = [q["sql"] for q in queries if q["sql"].split()[0].upper() in WRITES]
    assert writes == []


@pytest.mark.django_db
def test_a_different_file_for_the_same_meeting_is_a_conflict() -> None:
    """Without replace, another file for an existing meeting raises and changes nothing."""
    run(full_minutes())
    before = counts()
    changed = replace(full_minutes(), location="Rådhuset")
    with pytest.raises(ImportConflict, match=r"allerede importeret fra referat\.txt"):
        run(changed, sha="b" * 64)
    assert counts() == before
    assert Meeting.objects.get().location == "Mødelokale 2225"


@pytest.mark.django_db
def test_replace_overwrites_the_meeting_and_keeps_its_id() -> None:
    """With replace the content is the new document's, under the same meeting id."""
    first = run(full_minutes())
    changed = replace(full_minutes(), location="Rådhuset", items=full_minutes().items[:1])
    result = run(changed, sha="b" * 64, replace=True)
    assert result.status == "replaced"
    assert result.meeting.pk == first.meeting.pk
    assert to_document(result.meeting) == changed
    assert Meeting.objects.get().source_sha256 == "b" * 64
    assert ItemRow.objects.count() == 1


@pytest.mark.django_db
def test_a_failure_midway_leaves_the_database_unchanged() -> None:
    """Two items numbered alike violate a constraint after people and items were written."""
    run(full_minutes())
    before = counts()
    items = (*full_minutes().items, AgendaItem(number=21, title="Dublet"))
    broken = replace(full_minutes(), committee="HovedMED", absent=("Ny Person",), items=items)
    with pytest.raises(IntegrityError):
        run(broken, sha="c" * 64)
    assert counts() == before
    assert not Person.objects.filter(name="Ny Person").exists()
    assert not Committee.objects.filter(name="HovedMED").exists()


@pytest.mark.django_db
def test_a_misspelt_name_finds_the_existing_person() -> None:
    """ "Anderen" in one set of minutes is the "Andersen" of another: one Person."""
    doc = full_minutes()
    run(doc)
    later = replace(
        doc,
        meeting_date=doc.meeting_date.replace(month=11),
        absent=("Cathrin Borregaard Anderen",),
    )
    run(later, sha="d" * 64)
    cathrins = Person.objects.filter(name__startswith="Cathrin")
    assert [p.name for p in cathrins] == ["Cathrin Borregaard Andersen"]
    attendance = Attendance.objects.get(name="Cathrin Borregaard Anderen")
    assert attendance.person == cathrins.get()


@pytest.mark.django_db
def test_similar_first_names_stay_different_people() -> None:
    """Marie Aasøe and Maria Aasøe are two people."""
    run(full_minutes())
    assert Person.objects.filter(name__endswith="Aasøe").count() == 2


@pytest.mark.django_db
def test_a_document_naming_another_municipality_is_refused() -> None:
    """The file's own municipality must agree with the one it is imported into."""
    with pytest.raises(MunicipalityMismatch):
        run(replace(full_minutes(), municipality="Albertslund Kommune"))
    assert counts()["Meeting"] == 0
