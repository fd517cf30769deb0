"""The search and case-history pages: box, results, facets, filters, permissions."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from django.test import Client

from medref.meetings.models import AgendaItem
from medref.search.services import reindex_all
from tests.personas import MUNICIPALITY, Personas

from .helpers import import_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(examples_dir: Path, personas: Personas) -> None:
    """The demo minutes in the personas' municipality (FagMED Økonomi is theirs)."""
    import_demo(examples_dir, MUNICIPALITY)


def test_every_page_has_a_search_box(demo: None, client: Client) -> None:
    """The header's search form points at the search page."""
    assert 'role="search"' in client.get("/").content.decode()


def test_a_hit_says_where_it_is(demo: None, client: Client) -> None:
    """ "i Beslutning, Punkt 24, FagMED Økonomi, 8. oktober 2025"."""
    page = client.get("/soeg/", {"q": "sygefravær", "afsnit": "beslutning"}).content.decode()
    assert "i Beslutning, Punkt 24, FagMED Økonomi, 8. oktober 2025" in page
    assert "<mark>" in page


def test_facets_link_to_narrower_searches(demo: None, client: Client) -> None:
    """Committee, year and section-kind counts are links that add a filter."""
    page = client.get("/soeg/", {"q": "sygefravær"}).content.decode()
    assert "FagMED Økonomi</a> (" in page
    assert "fra=2025-01-01&amp;til=2025-12-31" in page
    assert "afsnit=beslutning" in page


def test_filters_and_date_sort_from_the_query_string(demo: None, client: Client) -> None:
    """?afsnit= keeps one section kind; ?sorter=dato puts the newest first."""
    decisions = client.get("/soeg/", {"q": "sygefravær", "afsnit": "beslutning"}).content.decode()
    assert "i Sagsfremstilling" not in decisions
    newest = client.get("/soeg/", {"q": "sygefravær", "sorter": "dato"}).content.decode()
    assert newest.index("20. november 2025") < newest.index("8. oktober 2025")


def test_a_case_number_opens_its_history(demo: None, client: Client) -> None:
    """The search page offers the timeline; the timeline lists the case's items."""
    page = client.get("/soeg/", {"q": "81.38.05-G01-4-24"}).content.decode()
    assert "/soeg/historik/?q=81.38.05-G01-4-24" in page
    history = client.get("/soeg/historik/", {"q": "81.38.05-G01-4-24"}).content.decode()
    assert "AfdelingsMED" in history and "Punkt " in history


def _close_item_24() -> None:
    AgendaItem.objects.filter(meeting__committee__name="FagMED Økonomi", number=24).update(
        closed=True
    )
    reindex_all()


@pytest.mark.parametrize(
    ("persona", "finds"),
    [
        ("anonymous", False),
        ("otto", False),  # signed in, no membership
        ("finn", False),  # former member
        ("hanne", False),  # member of the parent HovedMED only
        ("ib", False),  # administrator of another municipality
        ("mads", True),
        ("sara", True),  # a substitute may be called in: sees closed items
        ("anna", True),  # the municipality's administrator
        ("root", True),
    ],
)
def test_a_closed_item_is_found_only_by_those_who_may_see_it(
    demo: None, client_as: Callable[[str], Client], persona: str, finds: bool
) -> None:
    """Closed items follow medref.accounts.permissions (Action.VIEW_CLOSED)."""
    _close_item_24()
    page = client_as(persona).get("/soeg/", {"q": "sygefravær"}).content.decode()
    assert ("Punkt 24," in page) is finds


def _queries_for(client: Client, url: str, params: dict[str, str]) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params).status_code == 200
    return len(queries)


def test_the_pages_cost_a_fixed_number_of_queries(personas: Personas, client: Client) -> None:
    """One hit or many, the search page and the case history cost the same queries."""
    import datetime

    from .helpers import meeting_with

    case = "81.38.00-P35-58-23"
    meeting_with([("beslutning", "Budget vedtaget.")], where=personas.committee, case_number=case)
    one = (
        _queries_for(client, "/soeg/", {"q": "budget"}),
        _queries_for(client, "/soeg/historik/", {"q": case}),
        _queries_for(client, "/soeg/historik/", {"q": "budget"}),
    )
    for day in range(1, 6):
        meeting_with(
            [("beslutning", "Budget igen.")],
            where=personas.committee,
            case_number=case,
            on=datetime.date(2024, 1, day),
        )
    many = (
        _queries_for(client, "/soeg/", {"q": "budget"}),
        _queries_for(client, "/soeg/historik/", {"q": case}),
        _queries_for(client, "/soeg/historik/", {"q": "budget"}),
    )
    assert one == many
    assert "Budget igen." in client.get("/soeg/historik/", {"q": case}).content.decode()
