"""The PostgreSQL backend: a GIN-indexed tsvector over the stemmed words.

``document @@ to_tsquery('simple', …)`` on the generated column of
migration 0002, ``ts_rank_cd`` with weights A (heading) 1.0, B (text) 0.4,
D (parts) 0.1. The configuration is 'simple' because the words are stemmed
(and ae/oe/aa folded, compounds split) in Python before they reach either
database: 'danish' would stem them a second time and drop stopwords, so
phrases and results would drift from SQLite's.

GIN keeps no word positions, so a phrase is checked row by row. A phrase
whose word pairs are in few entries (migration 0006: ``search_phrase_pair``)
is first narrowed to the entries that match it, found through the pairs'
GIN index, once per search: "af og til" took 2-4 s on a million entries
walking every row, and takes milliseconds this way.
"""

from __future__ import annotations

import math
from itertools import pairwise

from django.db import connection

from medref.search.backends import (
    Backend,
    Filters,
    Ranked,
    Sql,
    SqlParam,
    Visibility,
    count_cap,
)
from medref.search.query import Query, stem
from medref.search.scoring import query_words

# Weights D (parts) 0.1, C 0.2, B (text) 0.4, A (heading) 1.0; normalised by length.
SCORE = "ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', e.document, q, 1)"
# A phrase query is narrowed through its word pairs when at most this many entries
# are estimated to hold them all (and then do): the matches of a commoner phrase are
# dense enough that the row-by-row walk finds a page of them sooner.
PAIR_CANDIDATES = 2_000
# The planner's statistics of the pair table: its row count, the frequency of its
# least common "most common pair", and the frequencies of the pairs asked about
# that are among the most common (every other pair is rarer than the least of them).
_PAIR_STATISTICS = """
SELECT c.reltuples,
       s.most_common_elem_freqs[array_length(s.most_common_elem_freqs, 1) - 2],
       (SELECT array_agg(f.freq) FROM unnest(s.most_common_elems::text::text[],
            s.most_common_elem_freqs) f(pair, freq) WHERE f.pair = ANY(%s))
FROM pg_class c
LEFT JOIN pg_stats s ON s.tablename = c.relname AND s.attname = 'pairs'
WHERE c.relname = 'search_phrase_pair'
"""


def _lexeme(word: str) -> str:
    return "'" + word.replace("'", "''").replace("\\", "\\\\") + "'"


def _phrase(words: list[str], weight: str) -> str:
    return "(" + " <-> ".join(f"{_lexeme(w)}:{weight}" for w in words) + ")"


def tsquery(query: Query) -> str:
    """The to_tsquery('simple', …) text for ``query``; phrases and excluded words only
    in heading and text (weights A and B), as in ``fts5_match``.

    A phrase is all in the heading or all in the text: the tsvector numbers the
    text's words on from the heading's, so "Sagsfremstilling" + "En lokal …"
    would otherwise read as the phrase "sagsfremstilling en", which FTS5,
    keeping its columns apart, does not find.
    """
    parts = [_lexeme(t) for t in query.terms]
    parts += [f"({_phrase(p, 'A')} | {_phrase(p, 'B')})" for p in query.phrases]
    parts += [_lexeme(stem(p)) + ":*" for p in query.prefixes]
    parts += ["!" + _lexeme(w) + ":AB" for w in query.excluded]
    return " & ".join(parts)


def phrase_pairs(query: Query) -> list[str]:
    """The adjacent word pairs of the query's phrases, as migration 0006 stores them."""
    return sorted({f"{a} {b}" for words in query.phrases for a, b in pairwise(words)})


def _few_hold(pairs: list[str]) -> bool:
    """Whether the planner's statistics put the entries holding all ``pairs`` at
    ``PAIR_CANDIDATES`` or fewer (pairs taken as independent); True without statistics."""
    with connection.cursor() as cursor:
        cursor.execute(_PAIR_STATISTICS, [pairs])
        row = cursor.fetchone()
    if row is None or row[1] is None or row[0] < 0:
        return True
    rows, rarest, common = float(row[0]), float(row[1]), [float(f) for f in row[2] or ()]
    # As the planner does, a pair not among the commonest is taken at half the least of them.
    estimate = rows * math.prod(common) * (rarest / 2) ** (len(pairs) - len(common))
    return estimate <= PAIR_CANDIDATES


def _matches_through_pairs(pairs: list[str], text: str) -> list[int] | None:
    """The ids of the entries holding all ``pairs`` that match the tsquery ``text``;
    None when more than ``PAIR_CANDIDATES`` entries hold the pairs."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT entry_id FROM search_phrase_pair WHERE pairs @@ %s::tsquery LIMIT %s",
            [" & ".join(_lexeme(pair) for pair in pairs), PAIR_CANDIDATES + 1],
        )
        candidates = [r[0] for r in cursor.fetchall()]
        if len(candidates) > PAIR_CANDIDATES:
            return None
        cursor.execute(
            "SELECT id FROM search_searchentry "
            "WHERE id = ANY(%s) AND document @@ to_tsquery('simple', %s)",
            [candidates, text],
        )
        return [r[0] for r in cursor.fetchall()]


class PostgresBackend(Backend):
    source = (
        "search_searchentry e JOIN meetings_meeting m ON m.id = e.meeting_id "
        "CROSS JOIN to_tsquery('simple', %s) q"
    )
    year = "CAST(EXTRACT(YEAR FROM e.meeting_date) AS INTEGER)"
    key = "e.id"
    # The planner walks the (meeting_date, id) index backwards with the match as a
    # filter when matches are many, and the GIN index when they are few.
    newest_first = "e.meeting_date DESC, e.id DESC"

    def __init__(self) -> None:
        # The entries matching a phrase query, found once per search (by tsquery text).
        self._phrase_matches: dict[str, list[int] | None] = {}

    def match(self, query: Query) -> tuple[str, list[SqlParam]]:
        # The tsquery text is the first parameter: it sits in ``source``.
        text = tsquery(query)
        matches = self.phrase_matches(query, text)
        if matches is not None:
            return "e.id = ANY(%s)", [text, matches]
        return "e.document @@ q", [text]

    def phrase_matches(self, query: Query, text: str) -> list[int] | None:
        """The ids of every entry matching a phrase query whose word pairs are in at most
        ``PAIR_CANDIDATES`` entries, visible or not (the callers restrict); None for
        other queries. Up to three queries, the first time for ``text``."""
        pairs = phrase_pairs(query)
        if not pairs:
            return None
        if text not in self._phrase_matches:
            few = _few_hold(pairs)
            self._phrase_matches[text] = _matches_through_pairs(pairs, text) if few else None
        return self._phrase_matches[text]

    def rank(
        self,
        query: Query,
        visibility: Visibility,
        filters: Filters,
        *,
        sort: str,
        limit: int,
        offset: int,
    ) -> Ranked:
        """As ``Backend.rank``, but counted first: the planner's fastest plan for "up to
        ``count_cap() + 1`` matches in any order" is far faster than the same in date
        order when the matches are few (it would walk the date index past every row).
        Up to the cap, the matches are read through the GIN index and sorted."""
        restrict = Sql()
        self.restrict(restrict, visibility, filters)
        match, match_params = self.match(query)
        where = " AND ".join([match, *restrict.where])
        params = [*match_params, *restrict.params]
        cap = count_cap()
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT COUNT(*) FROM (SELECT 1 FROM {self.source} WHERE {where} LIMIT %s) n",
                [*params, cap + 1],
            )
            found = int(cursor.fetchone()[0])
        if found == 0:
            return Ranked([], {}, 0)
        if found > cap and sort == "date":
            return self.by_date(query, restrict, [], cap, True, limit=limit, offset=offset)
        if found > cap:
            return self.ranked_window(query, restrict, [], limit=limit, offset=offset)
        order = "day DESC, id DESC" if sort == "date" else "score DESC, day DESC, id DESC"
        # MATERIALIZED: the matches first, through the GIN index, whatever the planner
        # guesses of their number; then the few of them sorted.
        statement = (
            f"WITH hits AS MATERIALIZED (SELECT e.id AS id, e.meeting_date AS day, {SCORE} "
            f"AS score FROM {self.source} WHERE {where}) "
            f"SELECT id, score FROM hits ORDER BY {order} LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(statement, [*params, limit, offset])
            rows = cursor.fetchall()
        scores = {r[0]: 0.0 if sort == "date" else float(r[1]) for r in rows}
        return Ranked([r[0] for r in rows], scores, found)

    def heading_hits(self, query: Query, restrict: Sql, *, limit: int, below: int) -> list[int]:
        """Any ``limit`` entries with a query word in the heading (the heading's GIN index,
        migration 0003), not only those older than ``below`` (``scores`` drops repeats),
        then those of them that match the whole query, checked row by row: ordering or
        checking every heading hit of a common word would visit thousands of rows."""
        words = query_words(query)
        any_word = [_lexeme(w.text) + (":*" if w.prefix else "") for w in words]
        statement = (
            "SELECT e.id FROM (SELECT id FROM search_searchentry WHERE "
            "to_tsvector('simple'::regconfig, stemmed_heading) @@ to_tsquery('simple', %s) "
            f"LIMIT %s) heading JOIN {self.source} ON e.id = heading.id "
            f"WHERE e.document @@ q AND {' AND '.join(['TRUE', *restrict.where])}"
        )
        params = [" | ".join(any_word), limit, tsquery(query), *restrict.params]
        with connection.cursor() as cursor:
            cursor.execute(statement, params)
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
        """``ts_rank_cd`` with weights A (heading) 1.0, B (text) 0.4, D (parts) 0.1."""
        statement = (
            f"SELECT e.id, {SCORE} AS score "
            "FROM search_searchentry e CROSS JOIN to_tsquery('simple', %s) q "
            "WHERE e.id = ANY(%s) "
            "ORDER BY score DESC, e.meeting_date DESC, e.id DESC LIMIT %s OFFSET %s"
        )
        ids = list(dict.fromkeys([*keys, *(heading_hits or ())]))
        with connection.cursor() as cursor:
            cursor.execute(statement, [tsquery(query), ids, limit, offset])
            return [(r[0], float(r[1])) for r in cursor.fetchall()]
