"""BM25 and matching in Python agree with SQLite's FTS5 on the same rows.

The SQLite backend scores its candidates in Python (``medref.search.scoring``)
instead of FTS5's ``bm25()``, and checks the ranking window's heading hits
against the query in Python instead of FTS5's MATCH. These tests build a
small FTS5 table like ``search_fts`` (stdlib sqlite3, no Django) from
generated rows and compare, row by row, with exact word counts.
"""

from __future__ import annotations

import math
import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from medref.search.fts5 import WEIGHTS, fts5_match
from medref.search.query import Query
from medref.search.scoring import (
    Match,
    Scorer,
    TableStats,
    Word,
    estimated_hits,
    fts5_totals,
    idf,
    query_words,
    read_varint,
    spaced,
)

VOCABULARY = ["og", "i", "budget", "budg", "fravær", "sygefravær", "aftal", "lokal", "tid"]
words = st.sampled_from(VOCABULARY)
column = st.lists(words, max_size=12).map(" ".join)
row = st.tuples(column, column, column)
rows = st.lists(row, min_size=1, max_size=25)


def fts5_table(table_rows: list[tuple[str, str, str]]) -> sqlite3.Connection:
    connection = sqlite3.connect(":memory:")
    connection.execute(
        "CREATE VIRTUAL TABLE t USING fts5(stemmed_heading, stemmed, parts, "
        "content='', tokenize='ascii', detail=full, prefix='3 4 5')"
    )
    connection.executemany(
        "INSERT INTO t(rowid, stemmed_heading, stemmed, parts) VALUES (?, ?, ?, ?)",
        [(i + 1, *r) for i, r in enumerate(table_rows)],
    )
    connection.commit()  # FTS5 writes its totals at the end of the transaction
    return connection


def table_stats(connection: sqlite3.Connection) -> TableStats:
    record = connection.execute("SELECT block FROM t_data WHERE id = 1").fetchone()[0]
    return fts5_totals(bytes(record), len(WEIGHTS))


def exact_hits(table_rows: list[tuple[str, str, str]], word: Word) -> int:
    return sum(1 for r in table_rows if any(word.count(spaced(c)) for c in r))


@settings(max_examples=150, deadline=None)
@given(rows, st.lists(words, min_size=1, max_size=3, unique=True), st.booleans())
def test_scores_are_fts5_bm25(table_rows, query_terms, prefix) -> None:  # type: ignore[no-untyped-def]
    query = Query(terms=query_terms[1:] if prefix else query_terms)
    if prefix:
        query.prefixes.append(query_terms[0][:3])
    connection = fts5_table(table_rows)
    stats = table_stats(connection)
    assert stats == TableStats(len(table_rows), sum(len(c.split()) for r in table_rows for c in r))
    expected = dict(
        connection.execute(
            "SELECT rowid, -bm25(t, 4.0, 1.0, 0.2) FROM t WHERE t MATCH ?",
            [" AND ".join(f'"{w.text}"' + (" *" if w.prefix else "") for w in query_words(query))],
        ).fetchall()
    )
    found = query_words(query)
    score = Scorer(
        found,
        [idf(stats.rows, exact_hits(table_rows, w)) for w in found],
        WEIGHTS,
        stats.average_length,
    )
    for rowid, fts5_score in expected.items():
        assert math.isclose(score(table_rows[rowid - 1]), fts5_score, rel_tol=1e-9, abs_tol=1e-12)


queries = st.builds(
    Query,
    terms=st.lists(words, max_size=2),
    phrases=st.lists(st.lists(words, min_size=2, max_size=3), max_size=1),
    excluded=st.lists(words, max_size=1),
    prefixes=st.lists(st.sampled_from(["bud", "fra", "syge", "lok"]), max_size=1),
)


@settings(max_examples=200, deadline=None)
@given(rows, queries)
def test_the_python_match_is_fts5_match(table_rows, query) -> None:  # type: ignore[no-untyped-def]
    """The check of the window's heading hits keeps exactly the rows FTS5 finds."""
    if query.empty:
        return
    connection = fts5_table(table_rows)
    expected = {
        r[0] for r in connection.execute("SELECT rowid FROM t WHERE t MATCH ?", [fts5_match(query)])
    }
    check = Match(
        tuple(query_words(query)), tuple(map(tuple, query.phrases)), tuple(query.excluded)
    )
    found = {i + 1 for i, r in enumerate(table_rows) if check(*(spaced(c) for c in r))}
    assert found == expected


@given(st.lists(words, max_size=30), words)
def test_counting_a_word_counts_repeats(tokens, word) -> None:  # type: ignore[no-untyped-def]
    text = " ".join(tokens)
    assert Word(word).count(spaced(text)) == tokens.count(word)
    assert Word(word[:2], prefix=True).count(spaced(text)) == sum(
        t.startswith(word[:2]) for t in tokens
    )


@given(st.integers(min_value=0, max_value=2**64 - 1))
def test_varints_read_back(value: int) -> None:
    """SQLite's varint: 7 bits a byte, big-endian, the ninth byte whole."""
    if value < 2**56:
        groups = []
        rest = value
        while True:
            groups.append(rest & 0x7F)
            rest >>= 7
            if not rest:
                break
        encoded = bytes([g | 0x80 for g in reversed(groups[1:])] + [groups[0]])
    else:
        high = value >> 8
        encoded = bytes(((high >> (7 * (7 - i))) & 0x7F) | 0x80 for i in range(8)) + bytes(
            [value & 0xFF]
        )
    assert read_varint(encoded + b"\x05", 0) == (value, len(encoded))


def test_common_words_are_estimated_from_their_share() -> None:
    assert estimated_hits(2000, 1.0) == 2000
    assert estimated_hits(2000, 0.25) == 8000
    assert estimated_hits(2000, 0.0) == 2000  # no span: no scaling
    assert idf(1000, 999) == pytest.approx(1e-6)  # a word in almost every row
    assert idf(1000, 1) > idf(1000, 10) > idf(1000, 100)
