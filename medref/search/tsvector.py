"""The PostgreSQL backend: a GIN-indexed tsvector over the stemmed words.

``document @@ to_tsquery('simple', …)`` on the generated column of
migration 0002, ``ts_rank_cd`` with weights A (heading) 1.0, B (text) 0.4,
D (parts) 0.1. The configuration is 'simple' because the words are stemmed
(and ae/oe/aa folded, compounds split) in Python before they reach either
database: 'danish' would stem them a second time and drop stopwords, so
phrases and results would drift from SQLite's.
"""

from __future__ import annotations

from django.db import connection

from medref.search.backends import Backend, Sql
from medref.search.query import Query, stem


def _lexeme(word: str) -> str:
    return "'" + word.replace("'", "''").replace("\\", "\\\\") + "'"


def tsquery(query: Query) -> str:
    """The to_tsquery('simple', …) text for ``query``; phrases and excluded words only
    in heading and text (weights A and B), as in ``fts5_match``."""
    parts = [_lexeme(t) for t in query.terms]
    parts += ["(" + " <-> ".join(_lexeme(w) + ":AB" for w in p) + ")" for p in query.phrases]
    parts += [_lexeme(stem(p)) + ":*" for p in query.prefixes]
    parts += ["!" + _lexeme(w) + ":AB" for w in query.excluded]
    return " & ".join(parts)


class PostgresBackend(Backend):
    source = (
        "search_searchentry e JOIN meetings_meeting m ON m.id = e.meeting_id "
        "CROSS JOIN to_tsquery('simple', %s) q"
    )
    year = "CAST(EXTRACT(YEAR FROM e.meeting_date) AS INTEGER)"

    def match(self, query: Query) -> tuple[str, list[object]]:
        # The tsquery text is the first parameter: it sits in ``source``.
        return "e.document @@ q", [tsquery(query)]

    def score(self) -> str:
        return "ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', e.document, q, 1)"

    def heading_match(self, query: Query) -> tuple[str, list[object]]:
        # The expression of the GIN index search_entry_heading (migration 0003).
        words = [*query.terms, *(w for p in query.phrases for w in p)]
        any_word = [_lexeme(w) for w in words] + [_lexeme(stem(p)) + ":*" for p in query.prefixes]
        return (
            "e.document @@ q AND to_tsvector('simple'::regconfig, e.stemmed_heading) "
            "@@ to_tsquery('simple', %s)",
            [tsquery(query), " | ".join(any_word)],
        )

    def newest(self, query: Query, restrict: Sql, *, limit: int, offset: int = 0) -> list[int]:
        # The planner walks the (meeting_date, id) index backwards with the match as a
        # filter when matches are many, and the GIN index when they are few.
        statement = (
            f"SELECT e.id FROM {self.source} WHERE e.document @@ q AND "
            f"{' AND '.join(['TRUE', *restrict.where])} "
            "ORDER BY e.meeting_date DESC, e.id DESC LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(statement, [tsquery(query), *restrict.params, limit, offset])
            return [r[0] for r in cursor.fetchall()]

    def windowed(
        self, query: Query, restrict: Sql, *, window: int, limit: int, offset: int
    ) -> list[tuple[int, float]]:
        candidates = dict.fromkeys(self.newest(query, restrict, limit=window))
        heading, params = self.heading_match(query)
        statement = (
            f"SELECT e.id FROM {self.source} WHERE {heading} AND "
            f"{' AND '.join(['TRUE', *restrict.where])} LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(statement, [*params, *restrict.params, window])
            candidates.update(dict.fromkeys(r[0] for r in cursor.fetchall()))
        statement = (
            f"SELECT e.id, {self.score()} AS score FROM search_searchentry e "
            "CROSS JOIN to_tsquery('simple', %s) q WHERE e.id = ANY(%s) "
            "ORDER BY score DESC, e.meeting_date DESC, e.id DESC LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(statement, [tsquery(query), list(candidates), limit, offset])
            return [(r[0], float(r[1])) for r in cursor.fetchall()]
