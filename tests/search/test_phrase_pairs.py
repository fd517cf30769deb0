"""PostgreSQL: phrase queries narrowed through the word pairs of migration 0006.

The narrowing must never change a result, only how it is found, and the pair
table must follow every write to the index in the same transaction.
"""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from medref.meetings.models import Meeting, Section
from medref.search import tsvector
from medref.search.backends import Filters, Visibility
from medref.search.query import parse
from medref.search.services import index_meeting
from medref.search.tsvector import PostgresBackend, phrase_pairs, tsquery

from .helpers import meeting_with

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

CASE = Section.Kind.CASE.value
DECISION = Section.Kind.DECISION.value
WORDS = ["af", "og", "til", "i", "at", "det", "sygefravær", "budget"]
EVERYTHING = Visibility.everything()


def stored_pairs() -> dict[int, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT entry_id, pairs::text FROM search_phrase_pair")
        return dict(cursor.fetchall())


def expected_pairs() -> dict[int, str]:
    """Every entry's pairs as the migration's function computes them from its document."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, search_phrase_pairs(document)::text FROM search_searchentry")
        return dict(cursor.fetchall())


def ranked(query_text: str, *, narrowed: bool) -> tuple[list[int], int]:
    query = parse(query_text)
    engine = PostgresBackend()
    if not narrowed:
        engine._phrase_matches[tsquery(query)] = None
    result = engine.rank(query, EVERYTHING, Filters(), sort="date", limit=100, offset=0)
    return result.ids, result.total


def test_the_pairs_are_the_neighbouring_words_of_heading_and_text_apart() -> None:
    meeting_with([(CASE, "Sådan går det af og til.")], title="Af og til")
    texts = set(stored_pairs().values())
    assert any("'af og'" in t and "'og til'" in t and "'til sådan'" not in t for t in texts)
    assert phrase_pairs(parse('"af og til" budget')) == ["af og", "og til"]
    assert phrase_pairs(parse('"budget" af og til')) == []


def test_the_pair_table_follows_every_write() -> None:
    meeting = meeting_with(
        [(CASE, "Af og til kommer sygefravær op."), (DECISION, "Taget til efterretning.")]
    )
    assert stored_pairs() == expected_pairs() and stored_pairs()
    section = meeting.items.get().sections.get(kind=CASE)
    section.text = "Nu og da kommer budget op."
    section.save()
    index_meeting(meeting)
    assert stored_pairs() == expected_pairs()
    assert not any("'af og'" in t for t in stored_pairs().values())
    with connection.cursor() as cursor:  # an entry changed in place (no code does this yet)
        cursor.execute("UPDATE search_searchentry SET stemmed = 'til og med'")
    assert stored_pairs() == expected_pairs()
    assert all("'og med'" in t for t in stored_pairs().values())
    meeting.delete()
    assert stored_pairs() == {}
    meeting_with([(CASE, "Af og til igen.")], on=datetime.date(2025, 12, 1))
    assert stored_pairs()
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the deferred foreign key checks
        cursor.execute("TRUNCATE search_searchentry")  # as Django's test flush does
    assert stored_pairs() == {}


def test_a_rare_phrase_of_common_words_is_narrowed_to_its_matches() -> None:
    hit = meeting_with([(CASE, "Det sker af og til at budget skrider.")])
    meeting_with(
        [(CASE, "Af hensyn til budget og til sygefravær og af og i det.")],
        on=datetime.date(2025, 11, 5),
    )
    query = parse('"af og til"')
    matches = PostgresBackend().phrase_matches(query, tsquery(query))
    assert matches is not None
    assert set(matches) == set(
        hit.search_entries.filter(section_kind=CASE).values_list("id", flat=True)
    )
    assert ranked('"af og til"', narrowed=True) == ranked('"af og til"', narrowed=False)


def test_too_many_pair_candidates_fall_back_to_the_row_by_row_check(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    meeting_with([(CASE, "Af og til. Af og til igen.")])
    monkeypatch.setattr(tsvector, "PAIR_CANDIDATES", 0)
    query = parse('"af og til"')
    assert PostgresBackend().phrase_matches(query, tsquery(query)) is None
    assert ranked('"af og til"', narrowed=True)[1] == 1


def test_the_statistics_tell_a_common_pair_from_a_rare_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With the planner's statistics, a pair in every entry is no reason to narrow."""
    for day in range(1, 41):
        words = " ".join(f"ord{day}x{n}" for n in range(6))
        meeting_with(
            [(CASE, f"Af og til {words}.")],
            on=datetime.date(2025, 1, 1) + datetime.timedelta(days=day),
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE search_phrase_pair")
    monkeypatch.setattr(tsvector, "PAIR_CANDIDATES", 5)
    assert not tsvector._few_hold(["af og"])
    assert tsvector._few_hold(["ord3x1 ord3x2"])
    assert tsvector._few_hold(["findes ikke"])


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    texts=st.lists(
        st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(" ".join),
        min_size=1,
        max_size=6,
    ),
    phrase=st.lists(st.sampled_from(WORDS), min_size=2, max_size=3).map(" ".join),
    extra=st.sampled_from(["", " budget", " -sygefravær", " ti*"]),
)
def test_narrowing_never_changes_a_result(texts: list[str], phrase: str, extra: str) -> None:
    Meeting.objects.all().delete()
    for day, text in enumerate(texts, start=1):
        meeting_with(
            [(CASE, text), (DECISION, text[::-1])], title=text[:20], on=datetime.date(2025, 3, day)
        )
    query = f'"{phrase}"{extra}'
    assert ranked(query, narrowed=True) == ranked(query, narrowed=False)
