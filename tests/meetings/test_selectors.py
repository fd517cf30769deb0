"""Selectors cost a fixed number of queries, whatever the size of the meeting."""

from __future__ import annotations

import pytest

from medref.meetings.mapping import from_document
from medref.meetings.selectors import committee_with_meetings, meeting_detail
from medref.organisation.models import Committee

from .documents import agenda, with_items

DETAIL_QUERIES = 6


def touch_everything(meeting_id: int) -> None:
    meeting = meeting_detail(meeting_id)
    str(meeting.committee.municipality)
    str(meeting.minute_taker)
    for attendance in meeting.attendances.all():
        str(attendance.person)
    for item in meeting.items.all():
        list(item.sections.all())
        list(item.attachments.all())
        for item_attendance in item.item_attendances.all():
            str(item_attendance.person)


@pytest.mark.django_db
@pytest.mark.parametrize("item_count", [3, 30])
def test_meeting_detail_costs_the_same_for_3_and_30_items(
    committee: Committee, django_assert_num_queries, item_count: int
) -> None:
    """Six queries load a meeting with everything its page shows."""
    meeting = from_document(with_items(item_count), committee=committee)
    with django_assert_num_queries(DETAIL_QUERIES):
        touch_everything(meeting.pk)


@pytest.mark.django_db
def test_meeting_detail_returns_items_in_document_order(committee: Committee) -> None:
    """Items come back by position, not by number or id."""
    meeting = from_document(with_items(3, first_number=7), committee=committee)
    assert [i.number for i in meeting_detail(meeting.pk).items.all()] == [7, 8, 9]


@pytest.mark.django_db
def test_committee_with_meetings_lists_meetings_newest_first(
    committee: Committee, django_assert_num_queries
) -> None:
    """The committee page gets its meetings in two queries, newest first."""
    from_document(with_items(1), committee=committee)
    from_document(agenda(), committee=committee)
    with django_assert_num_queries(2):
        found = committee_with_meetings("vejle-kommune", "fagmed-oekonomi")
        dates = [m.meeting_date.isoformat() for m in found.meeting_list]
        assert found.municipality.name == "Vejle Kommune"
    assert dates == ["2025-12-03", "2025-10-08"]


@pytest.mark.django_db
def test_committee_with_meetings_raises_for_an_unknown_slug(committee: Committee) -> None:
    """An unknown committee is Committee.DoesNotExist (a 404 for views)."""
    with pytest.raises(Committee.DoesNotExist):
        committee_with_meetings("vejle-kommune", "findes-ikke")
