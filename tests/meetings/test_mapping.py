"""The round trip document -> database -> document is exact."""

from __future__ import annotations

from dataclasses import replace

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings

from medref.documents.model import DocumentKind, MeetingDocument
from medref.meetings.mapping import InvalidDocument, from_document, to_document
from medref.meetings.models import Attendance, Meeting, Section
from medref.organisation.models import Committee, Person
from medref.organisation.services import ensure_committee, ensure_municipality

from . import strategies
from .documents import agenda, full_minutes


def round_trip(doc: MeetingDocument, committee: Committee) -> MeetingDocument:
    return to_document(from_document(doc, committee=committee))


@pytest.mark.django_db
def test_full_minutes_survive_the_round_trip(committee: Committee) -> None:
    """Every field, nested lists, tables, headings, closed items and attachments come back."""
    doc = full_minutes()
    assert round_trip(doc, committee) == doc


@pytest.mark.django_db
def test_an_agenda_survives_the_round_trip(committee: Committee) -> None:
    """An agenda keeps present None, no minute taker and no municipality."""
    doc = agenda()
    assert round_trip(doc, committee) == doc
    assert Meeting.objects.get().status == Meeting.Status.AGENDA_SENT


@pytest.mark.django_db
def test_an_empty_present_list_differs_from_an_unknown_one(committee: Committee) -> None:
    """present=() is stored as recorded attendance with nobody present, not as unknown."""
    doc = replace(agenda(), present=())
    assert round_trip(doc, committee).present == ()


@pytest.mark.django_db
def test_minutes_are_stored_as_published_minutes(committee: Committee) -> None:
    """A referat becomes a meeting with published minutes; a draft still reads as a referat."""
    meeting = from_document(full_minutes(), committee=committee)
    assert meeting.status == Meeting.Status.PUBLISHED
    for status in (Meeting.Status.MINUTES_APPROVED, Meeting.Status.MINUTES_DRAFT):
        Meeting.objects.filter(pk=meeting.pk).update(status=status)
        assert to_document(meeting).kind == DocumentKind.MINUTES
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.HELD)
    assert to_document(meeting).kind == DocumentKind.AGENDA


@pytest.mark.django_db
def test_each_name_in_the_header_lists_is_one_attendance_row(committee: Committee) -> None:
    """A participant who was absent is one row with both positions set."""
    from_document(full_minutes(), committee=committee)
    lars = Attendance.objects.get(name="Lars Kragh Hansen")
    assert (lars.participant_position, lars.present_position, lars.absent_position) == (2, None, 0)
    assert Attendance.objects.count() == 6


@pytest.mark.django_db
def test_sections_store_their_plain_text_for_search(committee: Committee) -> None:
    """Section.text is documents.plain.blocks_text of the body."""
    from_document(full_minutes(), committee=committee)
    case = Section.objects.get(heading="Sagsfremstilling")
    assert "Status fra IT" in case.text
    assert "ØS\t8,1" in case.text


@pytest.mark.django_db
def test_a_document_of_another_committee_is_refused(committee: Committee) -> None:
    """The document's committee must be the one it is stored under."""
    with pytest.raises(InvalidDocument):
        from_document(replace(agenda(), committee="HovedMED"), committee=committee)


@pytest.mark.django_db
def test_a_name_twice_in_one_list_is_refused(committee: Committee) -> None:
    """Positions are per name, so a list naming someone twice cannot be stored exactly."""
    with pytest.raises(InvalidDocument):
        from_document(replace(agenda(), absent=("A B", "A B")), committee=committee)


@pytest.mark.django_db
def test_misspelled_names_keep_their_spelling_but_share_a_person(committee: Committee) -> None:
    """The document says what it says; the person behind both spellings is one."""
    doc = replace(
        agenda(),
        absent=("Cathrin Borregaard Andersen",),
        substitutes=("Cathrin Borregaard Anderen",),
    )
    assert round_trip(doc, committee) == doc
    assert Person.objects.filter(name__startswith="Cathrin").count() == 1


@pytest.mark.django_db
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(doc=strategies.documents())
def test_any_valid_document_survives_the_round_trip(doc: MeetingDocument) -> None:
    """to_document(from_document(doc)) == doc for generated documents."""
    # Each example in its own savepoint, rolled back, so examples never collide.
    with transaction.atomic():
        committee = ensure_committee(ensure_municipality(strategies.MUNICIPALITY), doc.committee)
        assert round_trip(doc, committee) == doc
        transaction.set_rollback(True)
