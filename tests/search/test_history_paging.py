"""The case history a page at a time: every item once, in order, in a fixed number of queries."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from medref.meetings.models import AgendaItem, Meeting
from medref.search.selectors import case_history
from medref.search.services import index_meeting

from .helpers import committee

pytestmark = pytest.mark.django_db
CASE = "81.38.00-P35-58-23"
ITEMS_PER_MEETING = 16


@pytest.fixture
def case_items() -> list[int]:
    """64 items on one case in four meetings of two committees, two on the same day;
    returns their ids oldest meeting first (then committee name, item number)."""
    economy, staff = committee("FagMED Økonomi"), committee("AMED Personale")
    plan = [
        (economy, datetime.date(2025, 6, 1)),
        (staff, datetime.date(2025, 3, 1)),
        (economy, datetime.date(2025, 3, 1)),
        (staff, datetime.date(2024, 11, 1)),
    ]
    for where, day in plan:
        meeting = Meeting.objects.create(
            committee=where, meeting_date=day, status=Meeting.Status.PUBLISHED
        )
        for number in range(ITEMS_PER_MEETING, 0, -1):  # created out of order on purpose
            AgendaItem.objects.create(
                meeting=meeting,
                position=number,
                number=number,
                title=f"Klippekort {number}",
                case_number=CASE,
            )
        index_meeting(meeting)
    AgendaItem.objects.create(
        meeting=meeting, position=99, number=99, title="Anden sag", case_number="81.38.00-P35-1-23"
    )
    index_meeting(meeting)
    order = ("meeting__meeting_date", "meeting__committee__name", "number")
    return list(
        AgendaItem.objects.filter(case_number=CASE).order_by(*order).values_list("pk", flat=True)
    )


@pytest.mark.parametrize("text", [CASE, "klippekort"], ids=["journal number", "topic"])
@pytest.mark.parametrize("page_size", [1, 7, 50, 64, 100])
def test_the_pages_together_show_every_item_once_in_order(
    case_items: list[int], text: str, page_size: int
) -> None:
    """Paging by journal number or topic: the pages joined are the whole timeline."""
    first = case_history(text, page_size=page_size)
    assert first.total == len(case_items) == 64
    assert first.pages == -(-64 // page_size)
    shown: list[int] = []
    for page in range(1, first.pages + 1):
        timeline = case_history(text, page=page, page_size=page_size)
        assert timeline.total == 64 and timeline.start == len(shown) + 1
        shown += [entry.item.pk for entry in timeline.entries]
    assert shown == case_items
    assert case_history(text, page=first.pages + 1, page_size=page_size).entries == []


@pytest.mark.parametrize("text", [CASE, "klippekort"], ids=["journal number", "topic"])
def test_every_page_costs_the_same_three_queries(case_items: list[int], text: str) -> None:
    """The count (or the topic's ids), the page's items, their decisions: first page or last."""
    counts = []
    for page in (1, 3, 7):
        with CaptureQueriesContext(connection) as queries:
            timeline = case_history(text, page=page, page_size=10)
            assert timeline.entries
            for entry in timeline.entries:  # nothing more is loaded to show an entry
                assert entry.item.meeting.committee.name
        counts.append(len(queries))
    assert counts == [3, 3, 3]


def test_a_topic_beyond_the_count_cap_says_so(
    case_items: list[int], settings: pytest.FixtureRequest, client: Client
) -> None:
    """More items than MEDREF_SEARCH_COUNT_CAP: the oldest are shown, in order; "over 20"."""
    settings.MEDREF_SEARCH_COUNT_CAP = 20  # type: ignore[attr-defined]
    timeline = case_history("klippekort", page_size=50)
    assert timeline.capped and timeline.total == 20
    shown = [e.item.pk for e in timeline.entries]
    # The oldest meeting's 16, then the first 4 of the next day's two meetings in the
    # timeline's order (committee name, item number), though created in the reverse order.
    assert shown == case_items[:20]
    assert {e.item.meeting.meeting_date for e in timeline.entries[16:]} == {
        datetime.date(2025, 3, 1)
    }
    page = client.get("/soeg/historik/", {"q": "klippekort"}).content.decode()
    assert "over 20 punkter om “klippekort”: de ældste" in page


def test_the_history_page_links_to_the_next_and_previous_pages(
    case_items: list[int], client: Client
) -> None:
    """50 items a page; "Næste side" and "Forrige side" keep the query; numbering goes on."""
    first = client.get("/soeg/historik/", {"q": CASE}).content.decode()
    assert "64 punkter på sag 81.38.00-P35-58-23" in first
    assert "Side 1 af 2" in first and "Forrige side" not in first
    assert f'href="?q={CASE}&amp;side=2" rel="next">Næste side' in first
    assert first.count("<li>") >= 50 and 'start="1"' in first
    second = client.get("/soeg/historik/", {"q": CASE, "side": "2"}).content.decode()
    assert "Side 2 af 2" in second and "Næste side" not in second
    assert f'href="?q={CASE}&amp;side=1" rel="prev">Forrige side' in second
    assert 'start="51"' in second and "Klippekort 16" in second
    assert "Anden sag" not in first + second
    junk = client.get("/soeg/historik/", {"q": CASE, "side": "x"}).content.decode()
    assert "Side 1 af 2" in junk


def test_a_short_history_has_no_pager(case_items: list[int], client: Client) -> None:
    """One page: no page links."""
    page = client.get("/soeg/historik/", {"q": "81.38.00-P35-1-23"}).content.decode()
    assert "1 punkt på sag" in page and "Side 1" not in page
