"""Bounded search on both databases: totals and facets capped, relevance ranked over
a window (the newest hits and the heading hits), date order exact beyond the cap."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.formats import number_format

from medref.search.fts5 import _date_key
from medref.search.selectors import facets, search

from .helpers import meeting_with

pytestmark = pytest.mark.django_db
CASE = "sagsfremstilling"


@pytest.fixture
def small_caps(settings):  # type: ignore[no-untyped-def]
    settings.MEDREF_SEARCH_COUNT_CAP = 4
    settings.MEDREF_SEARCH_RANK_WINDOW = 3
    return settings


def budget_meetings(days: int, **options: object) -> None:
    for day in range(1, days + 1):
        meeting_with([(CASE, f"Budget nummer {day}.")], on=datetime.date(2025, 3, day), **options)  # type: ignore[arg-type]


def days(**options: object) -> list[int]:
    return [h.entry.meeting_date.day for h in search("budget", page_size=3, **options).hits]  # type: ignore[arg-type]


def test_totals_beyond_the_cap_say_over(small_caps) -> None:  # type: ignore[no-untyped-def]
    """Seven hits with a cap of four: "over 4", and pages still full."""
    budget_meetings(7)
    page = search("budget", page_size=3)
    assert (page.total, page.capped, len(page.hits)) == (4, True, 3)
    small_caps.MEDREF_SEARCH_COUNT_CAP = 7
    assert (search("budget").total, search("budget").capped) == (7, False)


def test_date_order_beyond_the_cap_is_the_exact_order(small_caps) -> None:  # type: ignore[no-untyped-def]
    """The index scan gives the same pages as sorting every hit."""
    budget_meetings(7)
    capped = days(sort="date") + days(sort="date", page=2)
    small_caps.MEDREF_SEARCH_COUNT_CAP = 1000
    assert capped == days(sort="date") + days(sort="date", page=2) == [7, 6, 5, 4, 3, 2]


def test_an_old_heading_hit_outside_the_newest_window_still_ranks_first(small_caps) -> None:  # type: ignore[no-untyped-def]
    """An item titled "Budget" from 2020 is older than the window's newest three hits."""
    budget_meetings(7)
    meeting_with(
        [(CASE, "Budgettet for budget og budgetopfølgning.")],
        on=datetime.date(2020, 1, 6),
        title="Budget",
    )
    first = search("budget").hits[0].entry
    assert (first.meeting_date.year, first.kind) == (2020, "item")
    small_caps.MEDREF_SEARCH_COUNT_CAP = 1000
    assert search("budget").hits[0].entry == first


def test_hidden_hits_stay_hidden_beyond_the_cap(small_caps) -> None:  # type: ignore[no-untyped-def]
    """Closed items, newest and titled "Budget", are in neither window nor date order."""
    budget_meetings(5)
    for day in (20, 21, 22):
        meeting_with(
            [(CASE, "Budget lukket.")],
            on=datetime.date(2025, 3, day),
            closed=True,
            title="Budget",
        )
    for sort in ("relevance", "date"):
        page = search("budget", sort=sort, page_size=10)
        assert page.capped and len(page.hits) == 5
        assert not any(h.entry.closed for h in page.hits)


def test_facets_count_the_first_hits_only(small_caps) -> None:  # type: ignore[no-untyped-def]
    budget_meetings(7)
    counts = facets("budget")
    assert counts.capped and sum(n for _y, n in counts.years) == 4
    small_caps.MEDREF_SEARCH_COUNT_CAP = 1000
    counts = facets("budget")
    assert not counts.capped and sum(n for _y, n in counts.years) == 7


def test_a_capped_search_costs_a_fixed_number_of_queries(small_caps) -> None:  # type: ignore[no-untyped-def]
    """Count, window (newest, heading hits, scores) and entries: at most five, for a
    page inside the ranking window (a page beyond it costs one query more)."""
    budget_meetings(7)
    for sort in ("relevance", "date"):
        for page in (1, 2):
            with CaptureQueriesContext(connection) as queries:
                search("budget", sort=sort, page_size=2, page=page)
            assert len(queries) <= 5


def test_the_page_says_over_n_results(client: Client, small_caps) -> None:  # type: ignore[no-untyped-def]
    """ "over 4 resultater", and the facets say they count the first four."""
    budget_meetings(7)
    page = client.get("/soeg/", {"q": "budget"}).content.decode()
    assert "over 4 resultater" in page and "Optalt blandt de første 4 resultater." in page


def test_the_cap_is_written_with_a_danish_thousands_separator() -> None:
    with translation.override("da"):
        assert number_format(1000, force_grouping=True) == "1.000"


@pytest.mark.parametrize("sort", ["relevance", "date"])
def test_a_date_range_beyond_the_cap_keeps_its_ends(small_caps, sort: str) -> None:  # type: ignore[no-untyped-def]
    """From the 2nd to the 5th of March: the range's first and last day included."""
    budget_meetings(7)
    found = days(sort=sort, date_from=datetime.date(2025, 3, 2), date_to=datetime.date(2025, 3, 5))
    more = search(
        "budget",
        sort=sort,
        page_size=3,
        page=2,
        date_from=datetime.date(2025, 3, 2),
        date_to=datetime.date(2025, 3, 5),
    )
    assert sorted(found + [h.entry.meeting_date.day for h in more.hits]) == [2, 3, 4, 5]


@pytest.mark.sqlite
def test_the_date_key_is_sqlites_julian_day() -> None:
    """The FTS5 rowid range of a date filter starts where migration 0003's key does."""
    day = datetime.date(2025, 3, 7)
    with connection.cursor() as cursor:
        cursor.execute("SELECT CAST(julianday(%s) AS INTEGER) << 32", [day.isoformat()])
        assert cursor.fetchone()[0] == _date_key(day)


@pytest.mark.parametrize("text", ["budget overskud", '"budget overskud"'])
def test_a_heading_hit_must_match_the_whole_query(small_caps, text: str) -> None:  # type: ignore[no-untyped-def]
    """An old item titled "Budget" is a heading hit of the window, but says nothing of
    "overskud": it is not a result."""
    for day in range(1, 8):
        meeting_with([(CASE, f"Budget overskud {day}.")], on=datetime.date(2025, 3, day))
    meeting_with([(CASE, "Intet om det.")], on=datetime.date(2020, 1, 6), title="Budget")
    page = search(text, page_size=3)
    assert page.capped and len(page.hits) == 3
    assert {h.entry.meeting_date.year for h in page.hits} == {2025}


@pytest.mark.sqlite
def test_the_heading_index_follows_the_entries() -> None:
    """search_heading_fts (migration 0004) has a row for every entry's heading, through
    inserts, updates and deletes."""
    from medref.meetings.models import AgendaItem
    from medref.search.models import SearchEntry
    from medref.search.services import index_meeting

    def headings_with(word: str) -> tuple[int, int]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT COUNT(*) FROM search_heading_fts WHERE search_heading_fts MATCH %s",
                [f'"{word}"'],
            )
            indexed = cursor.fetchone()[0]
        stored = sum(
            word in h.split() for h in SearchEntry.objects.values_list("stemmed_heading", flat=True)
        )
        return indexed, stored

    meetings = [
        meeting_with([(CASE, "Tekst.")], on=datetime.date(2025, 3, d), title="Budget")
        for d in (1, 2)
    ]
    assert headings_with("budg") == (2, 2)
    AgendaItem.objects.filter(meeting=meetings[0]).update(title="Overskud")
    index_meeting(meetings[0])
    assert headings_with("budg") == (1, 1) and headings_with("overskud") == (1, 1)
    SearchEntry.objects.filter(kind="item").update(stemmed_heading="kantin")
    assert headings_with("budg") == (0, 0) and headings_with("kantin") == (2, 2)
    meetings[1].delete()
    assert headings_with("kantin") == (1, 1)
