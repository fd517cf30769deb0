"""Two full-text backends behind one interface: SQLite FTS5 and PostgreSQL.

Both match, filter, rank, count, sort and page in SQL over the same
stemmed words (``medref.search.query``), so they find the same entries;
only the scores differ in scale. Filters and visibility rules are plain
SQL shared by both; the work per query is bounded (``Backend``).

- SQLite: ``search_fts MATCH`` on a contentless FTS5 table whose rowid is
  a date key (migration 0003), ``bm25()`` with column weights (heading 4,
  text 1, compound parts 0.2); snippets are marked in Python.
- PostgreSQL: ``document @@ to_tsquery('simple', …)`` on a GIN-indexed
  tsvector, ``ts_rank_cd`` with weights A (heading) 1.0, B (text) 0.4,
  D (parts) 0.1. The configuration is 'simple' because the words are
  stemmed (and ae/oe/aa folded, compounds split) in Python before they
  reach either database: 'danish' would stem them a second time and drop
  stopwords, so phrases and results would drift from SQLite's.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection

from medref.documents.model import SectionKind
from medref.search.query import Query, stem

ALL: frozenset[int] | None = None  # "every committee" in Visibility


@dataclass(frozen=True)
class Visibility:
    """What a reader may find: committee ids per kind of restricted content.

    ``None`` means every committee. Closed items need ``closed``; decisions
    of minutes not yet published need ``unpublished``; planned meetings need
    ``planned`` (those who build the agenda).
    """

    closed: frozenset[int] | None = frozenset()
    unpublished: frozenset[int] | None = frozenset()
    planned: frozenset[int] | None = frozenset()
    published_statuses: frozenset[str] = frozenset({"minutes_approved"})

    @classmethod
    def everything(cls) -> Visibility:
        return cls(ALL, ALL, ALL)


@dataclass(frozen=True)
class Filters:
    committee_id: int | None = None  # and its sub-committees
    municipality_slug: str | None = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    section_kind: str | None = None
    kinds: tuple[str, ...] = ()  # entry kinds, e.g. ("item", "section")


@dataclass
class Sql:
    """A WHERE clause under construction: fragments and their parameters."""

    where: list[str] = field(default_factory=list)
    params: list[object] = field(default_factory=list)

    def add(self, fragment: str, *params: object) -> None:
        self.where.append(fragment)
        self.params.extend(params)

    def add_in(self, fragment: str, column: str, ids: frozenset[int] | None) -> None:
        """``fragment OR column IN ids``; nothing when ids is every committee."""
        if ids is None:
            return
        if ids:
            marks = ", ".join(["%s"] * len(ids))
            self.add(f"({fragment} OR {column} IN ({marks}))", *sorted(ids))
        else:
            self.add(f"({fragment})")


def _restrict(sql: Sql, visibility: Visibility, filters: Filters) -> None:
    sql.add_in("m.status <> 'planned'", "e.committee_id", visibility.planned)
    sql.add_in("NOT e.closed", "e.committee_id", visibility.closed)
    statuses = sorted(visibility.published_statuses)
    published = ", ".join(["%s"] * len(statuses))
    if visibility.unpublished is not None:
        ids = sorted(visibility.unpublished)
        allowed = f" OR e.committee_id IN ({', '.join(['%s'] * len(ids))})" if ids else ""
        sql.add(
            f"(e.section_kind <> %s OR m.status IN ({published}){allowed})",
            SectionKind.DECISION.value,
            *statuses,
            *ids,
        )
    if filters.committee_id is not None:
        sql.add(
            "e.committee_id IN (WITH RECURSIVE tree(id) AS ("
            "SELECT id FROM organisation_committee WHERE id = %s UNION "
            "SELECT c.id FROM organisation_committee c JOIN tree ON c.parent_id = tree.id) "
            "SELECT id FROM tree)",
            filters.committee_id,
        )
    if filters.municipality_slug:
        sql.add(
            "e.municipality_id IN (SELECT id FROM organisation_municipality WHERE slug = %s)",
            filters.municipality_slug,
        )
    if filters.date_from is not None:
        sql.add("e.meeting_date >= %s", filters.date_from)
    if filters.date_to is not None:
        sql.add("e.meeting_date <= %s", filters.date_to)
    if filters.section_kind:
        sql.add("e.section_kind = %s", filters.section_kind)
    if filters.kinds:
        sql.add(f"e.kind IN ({', '.join(['%s'] * len(filters.kinds))})", *filters.kinds)


def count_cap() -> int:
    """Hits counted exactly at most; beyond it a page says "over N" (MEDREF_SEARCH_COUNT_CAP)."""
    return int(getattr(settings, "MEDREF_SEARCH_COUNT_CAP", 1000))


def rank_window() -> int:
    """Matches ranked at most when there are more than ``count_cap()`` of them
    (MEDREF_SEARCH_RANK_WINDOW): the heading hits and the newest hits, each up to this many."""
    return int(getattr(settings, "MEDREF_SEARCH_RANK_WINDOW", 500))


@dataclass(frozen=True)
class Ranked:
    ids: list[int]
    scores: dict[int, float]
    total: int  # exact, or count_cap() when capped
    capped: bool = False  # more than ``total`` matches


class Backend:
    """Builds and runs the SQL; subclasses say how to match, score and highlight.

    Cost is bounded whatever the number of matches: the count stops at
    ``count_cap() + 1`` rows; up to the cap every match is ranked; beyond it
    only a window of candidates is (``rank_window()`` heading hits plus as
    many newest hits), and date order is an index scan that stops at the page.
    """

    source = ""  # FROM … with e (search_searchentry) and m (meetings_meeting)
    year = ""
    first_found = ""  # ORDER BY of the matches facets count when capped

    def match(self, query: Query) -> tuple[str, list[object]]:
        raise NotImplementedError

    def score(self) -> str:
        raise NotImplementedError

    def heading_match(self, query: Query) -> tuple[str, list[object]]:
        """The matches with a query word in their heading (item titles above all)."""
        raise NotImplementedError

    def newest(self, query: Query, restrict: Sql, *, limit: int, offset: int = 0) -> list[int]:
        """Matching ids, newest meeting (then highest id) first, without visiting every match."""
        raise NotImplementedError

    def windowed(
        self, query: Query, restrict: Sql, *, window: int, limit: int, offset: int
    ) -> list[tuple[int, float]]:
        """(id, score), best first, of one page of the ranking window: the ``window``
        newest matches and up to ``window`` older ones with a query word in the heading."""
        raise NotImplementedError

    def _where(
        self, query: Query, visibility: Visibility, filters: Filters
    ) -> tuple[str, list[object]]:
        match, params = self.match(query)
        sql = Sql([match], list(params))
        self.restrict(sql, visibility, filters)
        return " AND ".join(sql.where), sql.params

    def restrict(self, sql: Sql, visibility: Visibility, filters: Filters) -> None:
        """Add the visibility rules and filters to ``sql``."""
        _restrict(sql, visibility, filters)

    def count(self, where: str, params: list[object], cap: int) -> int:
        """The number of matches, counted up to ``cap + 1``."""
        statement = f"SELECT COUNT(*) FROM (SELECT 1 FROM {self.source} WHERE {where} LIMIT %s) n"
        with connection.cursor() as cursor:
            cursor.execute(statement, [*params, cap + 1])
            return int(cursor.fetchone()[0])

    def rank_all(
        self,
        where: str,
        params: list[object],
        query: Query,
        found: int,
        *,
        sort: str,
        limit: int,
        offset: int,
    ) -> Ranked:
        """One page of all ``found`` (at most ``count_cap()``) matches, every one ranked."""
        order = "day DESC, id DESC" if sort == "date" else "score DESC, day DESC, id DESC"
        statement = (
            "SELECT id, score FROM ("
            f"SELECT e.id AS id, e.meeting_date AS day, {self.score()} AS score "
            f"FROM {self.source} WHERE {where}) hits ORDER BY {order} LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(statement, [*params, limit, offset])
            rows = cursor.fetchall()
        return Ranked([r[0] for r in rows], {r[0]: float(r[1]) for r in rows}, found)

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
        """One page of entry ids with their scores, and the (capped) number of matches."""
        where, params = self._where(query, visibility, filters)
        cap = count_cap()
        found = self.count(where, params, cap)
        if found == 0:
            return Ranked([], {}, 0)
        if found <= cap:  # few enough to rank them all
            return self.rank_all(where, params, query, found, sort=sort, limit=limit, offset=offset)
        restrict = Sql()
        self.restrict(restrict, visibility, filters)
        if sort == "date":
            ids = self.newest(query, restrict, limit=limit, offset=offset)
            return Ranked(ids, dict.fromkeys(ids, 0.0), cap, capped=True)
        window = max(rank_window(), offset + limit)
        scored = self.windowed(query, restrict, window=window, limit=limit, offset=offset)
        return Ranked([r[0] for r in scored], dict(scored), cap, capped=True)

    def facet_rows(
        self, query: Query, visibility: Visibility, filters: Filters
    ) -> list[tuple[int, str, int, str, int]]:
        """(committee id, committee name, year, section kind, count) of the first
        ``count_cap()`` matches found."""
        where, params = self._where(query, visibility, filters)
        statement = (
            f"SELECT f.committee_id, c.name, f.year, f.section_kind, COUNT(*) FROM ("
            f"SELECT e.committee_id, {self.year} AS year, e.section_kind "
            f"FROM {self.source} WHERE {where} {self.first_found} LIMIT %s) f "
            "JOIN organisation_committee c ON c.id = f.committee_id "
            "GROUP BY f.committee_id, c.name, f.year, f.section_kind"
        )
        with connection.cursor() as cursor:
            cursor.execute(statement, [*params, count_cap()])
            return [(r[0], r[1], int(r[2]), r[3], int(r[4])) for r in cursor.fetchall()]

    def items(
        self, query: Query, visibility: Visibility, filters: Filters, *, limit: int
    ) -> list[int]:
        """The ids of the items with matching titles or sections, oldest meeting first."""
        where, params = self._where(query, visibility, filters)
        statement = (
            f"SELECT e.item_id FROM {self.source} WHERE {where} AND e.item_id IS NOT NULL "
            "GROUP BY e.item_id ORDER BY MIN(e.meeting_date), e.item_id LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(statement, [*params, limit])
            return [r[0] for r in cursor.fetchall()]


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


def fts5_words(query: Query) -> str:
    """The positive words of ``query`` AND-ed, phrases as loose words, exclusions left out:
    every match of ``fts5_match(query)`` matches it too."""
    words = dict.fromkeys([*query.terms, *(w for p in query.phrases for w in p)])
    parts = [_fts_string(w) for w in words] + [_fts_string(stem(p)) + " *" for p in query.prefixes]
    return " AND ".join(parts)


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


def _date_key(day: datetime.date) -> int:
    """The smallest FTS5 rowid of an entry of a meeting on ``day`` (migration 0003)."""
    julian_day = day.toordinal() + 1_721_424  # SQLite's CAST(julianday(day) AS INTEGER)
    return julian_day << 32


class SqliteBackend(Backend):
    # search_fts's rowid is the date key (migration 0003): julian day << 32 | entry id.
    source = (
        "search_fts JOIN search_searchentry e ON e.id = (search_fts.rowid & 4294967295) "
        "JOIN meetings_meeting m ON m.id = e.meeting_id"
    )
    year = "CAST(strftime('%%Y', e.meeting_date) AS INTEGER)"
    first_found = "ORDER BY search_fts.rowid DESC"  # the newest: free in FTS5

    def match(self, query: Query) -> tuple[str, list[object]]:
        return "search_fts MATCH %s", [fts5_match(query)]

    def restrict(self, sql: Sql, visibility: Visibility, filters: Filters) -> None:
        super().restrict(sql, visibility, filters)
        # A date range is a rowid range of the date key, which FTS5 seeks to.
        if filters.date_from is not None:
            sql.add("search_fts.rowid >= %s", _date_key(filters.date_from))
        if filters.date_to is not None:
            sql.add("search_fts.rowid < %s", _date_key(filters.date_to + datetime.timedelta(1)))

    def score(self) -> str:
        return "-bm25(search_fts, 4.0, 1.0, 0.2)"

    def heading_match(self, query: Query) -> tuple[str, list[object]]:
        words = [*query.terms, *(w for p in query.phrases for w in p)]
        any_word = [_fts_string(w) for w in words]
        any_word += [_fts_string(stem(p)) + " *" for p in query.prefixes]
        heading = f"({fts5_match(query)}) AND {{stemmed_heading}} : ({' OR '.join(any_word)})"
        return "search_fts MATCH %s", [heading]

    def _keys(
        self, match: list[object], restrict: Sql, limit: int, offset: int = 0, below: int = 0
    ) -> list[int]:
        """Date keys of visible matches, newest first: FTS5 walks its rowids backwards."""
        older = "AND search_fts.rowid < %s " if below else ""
        statement = (
            f"SELECT search_fts.rowid FROM {self.source} WHERE search_fts MATCH %s "
            f"{older}AND {' AND '.join(['1 = 1', *restrict.where])} "
            "ORDER BY search_fts.rowid DESC LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(
                statement, [*match, *([below] if below else []), *restrict.params, limit, offset]
            )
            return [r[0] for r in cursor.fetchall()]

    def newest(self, query: Query, restrict: Sql, *, limit: int, offset: int = 0) -> list[int]:
        return [k & 0xFFFFFFFF for k in self._keys([fts5_match(query)], restrict, limit, offset)]

    def rank_all(
        self,
        where: str,
        params: list[object],
        query: Query,
        found: int,
        *,
        sort: str,
        limit: int,
        offset: int,
    ) -> Ranked:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT search_fts.rowid FROM {self.source} WHERE {where}", params)
            keys = sorted((r[0] for r in cursor.fetchall()), reverse=True)
        if sort == "date":  # the date key's order
            ids = [k & 0xFFFFFFFF for k in keys[offset : offset + limit]]
            return Ranked(ids, dict.fromkeys(ids, 0.0), found)
        scored = self._scores(query, keys, limit=limit, offset=offset)
        return Ranked([r[0] for r in scored], dict(scored), found)

    def windowed(
        self, query: Query, restrict: Sql, *, window: int, limit: int, offset: int
    ) -> list[tuple[int, float]]:
        newest = self._keys([fts5_match(query)], restrict, window)
        heading = self._keys(self.heading_match(query)[1], restrict, window, below=newest[-1])
        return self._scores(query, newest + heading, limit=limit, offset=offset)

    def _scores(
        self, query: Query, keys: list[int], *, limit: int, offset: int
    ) -> list[tuple[int, float]]:
        """(entry id, bm25) of one page of the given matches' date keys, best first.

        bm25 counts, once per query, the rows holding each of its phrases: for
        a quoted phrase of common words that means checking the positions in
        every row with all its words, and excluded words are counted too. So
        the score is of the query's words alone (``fts5_words``); which rows
        match was settled by the full query that found ``keys``. One FTS5 scan
        from the oldest key (FTS5 seeks to it), bm25 only for the keys.
        """
        statement = (
            f"SELECT rowid, {self.score()} AS score FROM search_fts WHERE search_fts MATCH %s "
            "AND rowid >= %s AND +rowid IN (SELECT value FROM json_each(%s)) "
            "ORDER BY score DESC, rowid DESC LIMIT %s OFFSET %s"
        )
        params = [fts5_words(query), min(keys), json.dumps(keys), limit, offset]
        with connection.cursor() as cursor:
            cursor.execute(statement, params)
            return [(r[0] & 0xFFFFFFFF, float(r[1])) for r in cursor.fetchall()]


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


def backend() -> Backend:
    """The backend of the default database."""
    if connection.vendor == "postgresql":
        return PostgresBackend()
    if connection.vendor == "sqlite":
        return SqliteBackend()
    raise NotImplementedError(f"no full-text search backend for {connection.vendor}")
