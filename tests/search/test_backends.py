"""The database's full-text backend (FTS5 or tsvector): the same answers on both."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from medref.search.backends import Visibility, backend
from medref.search.fts5 import fts5_match
from medref.search.query import parse
from medref.search.selectors import case_history, facets, search
from medref.search.tsvector import tsquery

from .helpers import committee, import_demo, meeting_with

pytestmark = pytest.mark.django_db
CASE = "sagsfremstilling"
DECISION = "beslutning"


def texts(query: str, **options: object) -> list[str]:
    return [h.entry.text for h in search(query, page_size=100, **options).hits]  # type: ignore[arg-type]


# Splitting "sygefravær" needs the dictionary: "fravær" is no word of these texts alone.
@pytest.mark.needs("hunspell-da")
def test_exact_hits_rank_above_compound_hits() -> None:
    """ "fravær" finds the compounds too, but below the sections that say "fravær"."""
    meeting_with(
        [
            (CASE, "Kvartalets sygefraværsrapporter blev gennemgået af udvalget i dag."),
            (CASE, "Udvalget drøftede fravær og trivsel i afdelingen i dag kort."),
            (CASE, "Langtidssygefraværet steg, og sygefraværssamtaler holdes nu oftere."),
        ]
    )
    found = texts("fravær")
    assert len(found) == 3
    assert found[0].startswith("Udvalget drøftede fravær")


# Splitting "sygefravær" needs the dictionary: "fravær" is no word of these texts alone.
@pytest.mark.needs("hunspell-da")
@pytest.mark.parametrize("query", ["sygefravær", "fravær", "Sygefraværet"])
def test_compound_words_are_found_by_their_parts(query: str) -> None:
    """The three compounds of the issue are found by "sygefravær" and by "fravær"."""
    meeting_with(
        [
            (CASE, "Sygefraværsrapporter for tredje kvartal."),
            (CASE, "Langtidssygefraværet er faldet."),
            (CASE, "Sygefraværssamtaler er afholdt."),
        ]
    )
    assert len(texts(query)) == 3


def test_the_query_compilers_quote_every_word() -> None:
    """Stemmed words reach FTS5 and to_tsquery quoted; phrases stay in heading and text."""
    query = parse('budget "lokal aftale" øko* -tillæg')
    assert fts5_match(query) == (
        '("budg" AND {stemmed_heading stemmed} : "lokal aftal" AND "øko" *) '
        'NOT {stemmed_heading stemmed} : ("tillæg")'
    )
    phrase = "(('lokal':A <-> 'aftal':A) | ('lokal':B <-> 'aftal':B))"
    assert tsquery(query) == f"'budg' & {phrase} & 'øko':* & !'tillæg':AB"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ('"lokal aftale"', ["En lokal aftale om arbejdstid.", "Lokal aftale."]),
        ('"en lokal aftale"', ["En lokal aftale om arbejdstid."]),
        ('"aftale om"', ["En lokal aftale om arbejdstid."]),
        ('"om aftale"', []),
        ('"arbejdstid lokal"', []),  # across two sections
        ('"sagsfremstilling en"', []),  # across the heading and the text
        ('"sagsfremstilling en lokal"', []),
    ],
)
def test_phrases_are_words_in_order_within_one_text(text: str, found: list[str]) -> None:
    """FTS5's columns and the tsvector's weights give the same phrase hits."""
    meeting_with(
        [
            (CASE, "En lokal aftale om arbejdstid."),
            (CASE, "Lokal aftale."),
            (CASE, "Aftale er lokal, om noget."),
        ]
    )
    assert sorted(texts(text)) == sorted(found)


def test_a_phrase_must_be_in_order() -> None:
    """ "lokal aftale" in quotes does not find "aftale … lokal"."""
    meeting_with([(CASE, "En lokal aftale om arbejdstid."), (CASE, "En aftale er lokal.")])
    assert texts('"lokal aftale"') == ["En lokal aftale om arbejdstid."]
    assert len(texts("lokal aftale")) == 2


def test_prefix_and_excluded_words() -> None:
    """ "arbejds*" widens, "-tid" removes the word, not the compounds with it."""
    meeting_with([(CASE, "Arbejdstiden drøftes."), (CASE, "Arbejdsmiljøet og tid.")])
    assert len(texts("arbejds*")) == 2
    assert texts("arbejds* -tid") == ["Arbejdstiden drøftes."]


def test_date_sort_is_newest_first_and_pages_do_not_overlap() -> None:
    """Sorting by date and paging happen in SQL, identically on both databases."""
    for day in range(1, 8):
        meeting_with([(CASE, f"Budget nummer {day}.")], on=datetime.date(2025, 3, day))
    dated = search("budget", sort="date", page_size=3)
    assert dated.total == 7 and dated.pages == 3
    assert [h.entry.meeting_date.day for h in dated.hits] == [7, 6, 5]
    third = search("budget", sort="date", page_size=3, page=3)
    assert [h.entry.meeting_date.day for h in third.hits] == [1]
    assert search("budget", page=9, page_size=3).total == 7


def test_committee_filter_includes_sub_committees() -> None:
    """FagMED finds its LokalMED's items; the LokalMED does not find FagMED's."""
    fagmed = committee("FagMED Filter")
    lokalmed = committee("LokalMED Filter", parent=fagmed)
    meeting_with([(CASE, "Trivsel hos FagMED.")], where=fagmed)
    meeting_with([(CASE, "Trivsel hos LokalMED.")], where=lokalmed)
    assert len(texts("trivsel", committee_id=fagmed.pk)) == 2
    assert texts("trivsel", committee_id=lokalmed.pk) == ["Trivsel hos LokalMED."]
    assert len(texts("trivsel", municipality_slug=fagmed.municipality.slug)) == 2
    assert texts("trivsel", municipality_slug="ingen-kommune") == []


def test_facets_count_per_committee_year_and_section_kind() -> None:
    """One query gives the counts the results page shows beside the hits."""
    meeting_with([(CASE, "Budget."), (DECISION, "Budget godkendt.")], on=datetime.date(2024, 5, 1))
    meeting_with([(DECISION, "Budget igen.")], on=datetime.date(2025, 5, 1))
    with CaptureQueriesContext(connection) as queries:
        counts = facets("budget")
    assert len(queries) == 1
    assert counts.years == [(2025, 1), (2024, 2)]
    assert [(kind, n) for kind, _label, n in counts.section_kinds] == [(DECISION, 2), (CASE, 1)]
    assert [n for _pk, _name, n in counts.committees] == [3]


def test_search_costs_a_fixed_number_of_queries(examples_dir: Path) -> None:
    """Capped count, ranked page and entries: at most four queries however many hits."""
    import_demo(examples_dir)
    with CaptureQueriesContext(connection) as few:
        search("sygefravær", page_size=2)
    with CaptureQueriesContext(connection) as many:
        search("sygefravær", page_size=50)
    assert len(few) == len(many) <= 4


# Splitting "sygefravær" needs the dictionary: "fravær" is no word of these texts alone.
@pytest.mark.needs("hunspell-da")
def test_snippets_mark_exact_and_compound_hits() -> None:
    """The original words are marked, compounds by the part they contain."""
    meeting_with([(CASE, "Om fravær: sygefraværsrapporter viser mere fravær end før.")])
    snippet = search("fravær").hits[0].snippet
    assert snippet.count("<mark>fravær</mark>") == 2
    assert "<mark>sygefraværsrapporter</mark>" in snippet


def test_case_history_by_journal_number_is_oldest_first() -> None:
    """A journal number opens every item on the case across meetings, with its decision."""
    for month in (9, 3, 6):
        meeting_with(
            [(DECISION, f"Besluttet i måned {month}.")],
            on=datetime.date(2025, month, 1),
            case_number="81.38.00-P35-58-23",
        )
    meeting_with([(DECISION, "Anden sag.")], case_number="81.38.00-P35-99-23")
    with CaptureQueriesContext(connection) as queries:
        timeline = case_history("81.38.00-P35-58-23")
    assert timeline.case_number
    assert [e.item.meeting.meeting_date.month for e in timeline.entries] == [3, 6, 9]
    assert timeline.entries[0].decision == "Besluttet i måned 3."
    assert len(queries) <= 3


def test_case_history_by_topic_finds_items_once_each() -> None:
    """A topic gives each matching item once, however many of its sections match."""
    meeting_with([(CASE, "Klippekort."), (DECISION, "Klippekort godkendt.")], title="Klippekort")
    meeting_with([(CASE, "Klippekort igen.")], on=datetime.date(2025, 12, 1))
    timeline = case_history("klippekort")
    assert not timeline.case_number
    assert len(timeline.entries) == 2


def test_the_backend_matches_the_database() -> None:
    """SQLite uses FTS5, PostgreSQL the tsvector column."""
    name = type(backend()).__name__
    assert name == {"sqlite": "SqliteBackend", "postgresql": "PostgresBackend"}[connection.vendor]


def test_everything_visibility_needs_no_committee_list() -> None:
    """The operator's view (medref search --closed) adds no IN lists."""
    meeting_with([(CASE, "Lukket budget.")], closed=True)
    assert texts("budget") == []
    assert texts("budget", visibility=Visibility.everything()) == ["Lukket budget."]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.text(alphabet=st.sampled_from(list("aæøå Oe-*\"():^~.,_'\\/$12İß")), min_size=1, max_size=25)
)
def test_any_typed_query_runs_on_the_database(text: str) -> None:
    """Whatever is typed reaches FTS5/to_tsquery as valid syntax: no database error."""
    page = search(text)
    assert page.total >= 0
    facets(text)
