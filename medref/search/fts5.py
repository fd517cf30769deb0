"""The SQLite backend: FTS5 tables whose rowid is a date key, scored in Python.

``search_fts`` (migration 0003) holds every entry's stemmed heading, text
and compound parts; its rowid is ``(julian day of the meeting << 32) |
entry id``, so FTS5's own rowid order is newest-meeting order.
``search_heading_fts`` (migration 0004) holds the headings alone, under the
same rowid: the ranking window's heading hits are found there instead of by
a column filter that walks every match of a common word.

Scores are FTS5's bm25 with column weights (heading 4, text 1, parts 0.2),
computed in Python for the candidates only (``medref.search.scoring``): the
built-in ``bm25()`` counts every row holding each query word first.
"""

from __future__ import annotations

import datetime
import json

from django.db import connection

from medref.search.backends import Backend, Filters, Sql, SqlParam, Visibility
from medref.search.query import Query, stem
from medref.search.scoring import (
    Match,
    Scorer,
    TableStats,
    Word,
    estimated_hits,
    fts5_totals,
    idf,
    query_words,
    spaced,
)

WEIGHTS = (4.0, 1.0, 0.2)  # stemmed_heading, stemmed, parts
# Rows of a word counted exactly; beyond this many its count is estimated
# from the share of the archive's days they span (``_hits``).
EXACT_HITS = 2000
ENTRY_ID = 4294967295  # the low 32 bits of a date key


def _fts_string(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def fts5_match(query: Query) -> str:
    """The FTS5 query for ``query``: every positive part AND-ed, excluded words NOT-ed.

    Phrases and excluded words look at the words as written (heading and
    text), not at compound parts: "-tid" does not drop "arbejdstiden".
    """
    positive = [_fts_string(t) for t in query.terms]
    positive += ["{stemmed_heading stemmed} : " + _fts_string(" ".join(p)) for p in query.phrases]
    positive += [_fts_string(stem(p)) + " *" for p in query.prefixes]
    expression = " AND ".join(positive)
    if query.excluded:
        excluded = " OR ".join(_fts_string(w) for w in query.excluded)
        expression = f"({expression}) NOT {{stemmed_heading stemmed}} : ({excluded})"
    return expression


def _word_match(word: Word) -> str:
    return _fts_string(word.text) + (" *" if word.prefix else "")


def _date_key(day: datetime.date) -> int:
    """The smallest FTS5 rowid of an entry of a meeting on ``day`` (migration 0003)."""
    julian_day = day.toordinal() + 1_721_424  # SQLite's CAST(julianday(day) AS INTEGER)
    return julian_day << 32


class SqliteBackend(Backend):
    source = (
        f"search_fts JOIN search_searchentry e ON e.id = (search_fts.rowid & {ENTRY_ID}) "
        "JOIN meetings_meeting m ON m.id = e.meeting_id"
    )
    year = "CAST(strftime('%%Y', e.meeting_date) AS INTEGER)"
    key = "search_fts.rowid"  # the date key
    # FTS5 walks its rowids, the date keys, backwards and stops at the limit.
    newest_first = "search_fts.rowid DESC"
    first_found = f"ORDER BY {newest_first}"  # the newest: free in FTS5

    def match(self, query: Query) -> tuple[str, list[SqlParam]]:
        return "search_fts MATCH %s", [fts5_match(query)]

    def restrict(self, sql: Sql, visibility: Visibility, filters: Filters) -> None:
        super().restrict(sql, visibility, filters)
        # A date range is a rowid range of the date key, which FTS5 seeks to.
        if filters.date_from is not None:
            sql.add("search_fts.rowid >= %s", _date_key(filters.date_from))
        if filters.date_to is not None:
            sql.add("search_fts.rowid < %s", _date_key(filters.date_to + datetime.timedelta(1)))

    def entry_id(self, key: int) -> int:
        return key & ENTRY_ID

    def heading_hits(self, query: Query, restrict: Sql, *, limit: int, below: int) -> list[int]:
        """The newest first. Whether they match the whole query is checked on their
        words (``scores``): cheaper than FTS5 checking a phrase's positions row by row."""
        any_word = " OR ".join(_word_match(w) for w in query_words(query))
        # The heading table under the name the restrictions use for the date key.
        statement = (
            "SELECT search_fts.rowid FROM search_heading_fts AS search_fts "
            f"JOIN search_searchentry e ON e.id = (search_fts.rowid & {ENTRY_ID}) "
            "JOIN meetings_meeting m ON m.id = e.meeting_id "
            "WHERE search_fts.search_heading_fts MATCH %s AND search_fts.rowid < %s "
            f"AND {' AND '.join(['1 = 1', *restrict.where])} "
            "ORDER BY search_fts.rowid DESC LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(statement, [any_word, below, *restrict.params, limit])
            return [r[0] for r in cursor.fetchall()]

    def scores(
        self,
        query: Query,
        keys: list[int],
        *,
        limit: int,
        offset: int,
        heading_hits: list[int] | None = None,
    ) -> list[tuple[int, float]]:
        """FTS5's bm25 of the query's words (phrases as loose words), from the rows'
        stored words; ``heading_hits`` are checked against the whole query there too."""
        words = query_words(query)
        stats, hits = self._word_stats(words)
        idfs = [idf(stats.rows, n) for n in hits]
        check = Match(tuple(words), tuple(map(tuple, query.phrases)), tuple(query.excluded))
        by_id = {k & ENTRY_ID: k for k in keys}
        suspect = {k & ENTRY_ID: k for k in heading_hits or ()}
        statement = (
            "SELECT id, stemmed_heading, stemmed, parts FROM search_searchentry "
            "WHERE id IN (SELECT value FROM json_each(%s))"
        )
        with connection.cursor() as cursor:
            cursor.execute(statement, [json.dumps([*by_id, *suspect])])
            rows = cursor.fetchall()
        bm25 = Scorer(words, idfs, WEIGHTS, stats.average_length)
        scored = []
        for entry_id, *texts in rows:
            key = by_id.get(entry_id)
            if key is None:
                if not check(*(spaced(t) for t in texts)):
                    continue
                key = suspect[entry_id]
            scored.append((bm25(texts), key))
        scored.sort(reverse=True)
        return [(key & ENTRY_ID, score) for score, key in scored[offset : offset + limit]]

    def _word_stats(self, words: list[Word]) -> tuple[TableStats, list[int]]:
        """The table's size and the rows holding each word, in one statement.

        Rows are counted up to ``EXACT_HITS``; a more common word's count is
        estimated from the days between its newest row and its ``EXACT_HITS``-th
        newest, out of all the archive's days (entries spread about evenly over
        time): a common word's idf is small whatever the estimate.
        """
        newest = (
            "(SELECT COUNT(*) || ' ' || IFNULL(MIN(rowid), 0) FROM (SELECT rowid FROM search_fts "
            "WHERE search_fts MATCH %s ORDER BY rowid DESC LIMIT %s))"
        )
        # Separate subqueries: each is one seek, MIN and MAX together a scan.
        statement = (
            "SELECT (SELECT block FROM search_fts_data WHERE id = 1), "
            "(SELECT MIN(id) FROM search_fts_docsize), (SELECT MAX(id) FROM search_fts_docsize)"
            + "".join(f", {newest}" for _ in words)
        )
        params: list[SqlParam] = []
        for word in words:
            params += [_word_match(word), EXACT_HITS]
        with connection.cursor() as cursor:
            cursor.execute(statement, params)
            record, first_key, last_key, *counted = cursor.fetchone()
        if record is None or first_key is None:
            return TableStats(0, 0), [0] * len(words)
        stats = fts5_totals(bytes(record), len(WEIGHTS))
        span = (last_key >> 32) - (first_key >> 32) + 1
        hits = []
        for found in counted:
            count, oldest_key = map(int, found.split())
            if count >= EXACT_HITS:
                share = ((last_key >> 32) - (oldest_key >> 32) + 1) / span
                count = min(stats.rows, estimated_hits(count, share))
            hits.append(count)
        return stats, hits
