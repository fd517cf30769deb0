"""The search backends' common part: filters, visibility rules and bounded ranking.

Both backends match, filter, rank, count, sort and page in SQL over the same
stemmed words (``medref.search.query``), so they find the same entries;
only the scores differ in scale. Filters and visibility rules are plain
SQL shared by both; the work per query is bounded (``Backend``).

- SQLite: FTS5 with a date-key rowid, scored in Python (``medref.search.fts5``).
- PostgreSQL: a GIN-indexed tsvector, ``ts_rank_cd`` (``medref.search.tsvector``).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection

from medref.accounts.scope import ReaderScope
from medref.search.models import UNDATED
from medref.search.query import Query

# What a reader may find is their ReaderScope (medref.accounts.scope), which
# also writes the SQL that restricts the entries; "Visibility" is its old name here.
Visibility = ReaderScope


@dataclass(frozen=True)
class Filters:
    committee_id: int | None = None  # and its sub-committees
    municipality_slug: str | None = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    section_kind: str | None = None
    kinds: tuple[str, ...] = ()  # entry kinds, e.g. ("item", "section")


# A value the database driver adapts as a query parameter.
type SqlParam = (
    bool
    | int
    | float
    | str
    | bytes
    | datetime.date
    | tuple[object, ...]
    | list[int]
    | list[str]
    | None
)


@dataclass
class Sql:
    """A WHERE clause under construction: fragments and their parameters."""

    where: list[str] = field(default_factory=list)
    params: list[SqlParam] = field(default_factory=list)

    def add(self, fragment: str, *params: SqlParam) -> None:
        self.where.append(fragment)
        self.params.extend(params)


def _restrict(sql: Sql, visibility: Visibility, filters: Filters) -> None:
    for fragment, params in visibility.sql(
        committee="e.committee_id",
        status="m.status",
        closed="e.closed",
        section_kind="e.section_kind",
    ):
        sql.add(fragment, *params)
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
        sql.add("e.meeting_date > %s", UNDATED)  # an undated meeting is in no date range
    if filters.section_kind:
        sql.add("e.section_kind = %s", filters.section_kind)
    if filters.kinds:
        sql.add(f"e.kind IN ({', '.join(['%s'] * len(filters.kinds))})", *filters.kinds)


def count_cap() -> int:
    """Hits counted exactly at most; beyond it a page says "over N" (MEDREF_SEARCH_COUNT_CAP)."""
    return int(settings.MEDREF_SEARCH_COUNT_CAP)


def rank_window() -> int:
    """Matches ranked at most when there are more than ``count_cap()`` of them
    (MEDREF_SEARCH_RANK_WINDOW): the heading hits and the newest hits, each up to this many."""
    return int(settings.MEDREF_SEARCH_RANK_WINDOW)


@dataclass(frozen=True)
class Ranked:
    ids: list[int]
    scores: dict[int, float]
    total: int  # exact, or count_cap() when capped
    capped: bool = False  # more than ``total`` matches


class Backend:
    """Builds and runs the SQL; subclasses say how to match, find and score.

    Cost is bounded whatever the number of matches. One scan in date order
    stops at the newest ``count_cap() + 1`` matches: it is the total (exact
    up to the cap, else "over" it), the date order, and the candidates to
    rank. Up to the cap every match is ranked; beyond it only a window is:
    the ``rank_window()`` newest matches plus as many older ones with a query
    word in their heading (item titles above all).

    A match is named by a *key*: the entry id, or on SQLite its date key.
    """

    source = ""  # FROM … with e (search_searchentry) and m (meetings_meeting)
    year = ""
    key = ""  # what names a match in ``source``
    newest_first = ""  # ORDER BY of keys, newest meeting (then highest id) first
    first_found = ""  # ORDER BY of the matches facets count when capped

    def match(self, query: Query) -> tuple[str, list[SqlParam]]:
        raise NotImplementedError

    def newest(self, query: Query, restrict: Sql, *, limit: int) -> list[int]:
        """Keys of visible matches, newest meeting (then highest id) first, without
        visiting every match (``newest_first`` is an index order)."""
        match, params = self.match(query)
        statement = (
            f"SELECT {self.key} FROM {self.source} WHERE {' AND '.join([match, *restrict.where])} "
            f"ORDER BY {self.newest_first} LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(statement, [*params, *restrict.params, limit])
            return [r[0] for r in cursor.fetchall()]

    def entry_id(self, key: int) -> int:
        return key

    def heading_hits(self, query: Query, restrict: Sql, *, limit: int, below: int) -> list[int]:
        """Keys of visible entries older than the key ``below`` with a query word in the
        heading; ``scores`` drops those that do not match the whole query."""
        raise NotImplementedError

    def scores(
        self,
        query: Query,
        keys: list[int],
        *,
        limit: int,
        offset: int,
        heading_hits: list[int] | None = None,
    ) -> list[tuple[int, float]]:
        """(entry id, score) of one page of the matches ``keys`` and the matching
        ``heading_hits``, best first (ties: newest first)."""
        raise NotImplementedError

    def _where(
        self, query: Query, visibility: Visibility, filters: Filters
    ) -> tuple[str, list[SqlParam]]:
        match, params = self.match(query)
        sql = Sql([match], list(params))
        self.restrict(sql, visibility, filters)
        return " AND ".join(sql.where), sql.params

    def restrict(self, sql: Sql, visibility: Visibility, filters: Filters) -> None:
        """Add the visibility rules and filters to ``sql``."""
        _restrict(sql, visibility, filters)

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
        restrict = Sql()
        self.restrict(restrict, visibility, filters)
        cap = count_cap()
        keys = self.newest(query, restrict, limit=cap + 1)
        if not keys:
            return Ranked([], {}, 0)
        capped = len(keys) > cap
        found = cap if capped else len(keys)
        if sort == "date":
            return self.by_date(query, restrict, keys, found, capped, limit=limit, offset=offset)
        if not capped:  # few enough to rank them all
            scored = self.scores(query, keys, limit=limit, offset=offset)
            return Ranked([r[0] for r in scored], dict(scored), found)
        return self.ranked_window(query, restrict, keys, limit=limit, offset=offset)

    def by_date(
        self,
        query: Query,
        restrict: Sql,
        keys: list[int],
        found: int,
        capped: bool,
        *,
        limit: int,
        offset: int,
    ) -> Ranked:
        """One page in date order, from the newest ``keys`` if they reach that far."""
        if offset + limit > len(keys):
            keys = self.newest(query, restrict, limit=offset + limit)
        ids = [self.entry_id(k) for k in keys[offset : offset + limit]]
        return Ranked(ids, dict.fromkeys(ids, 0.0), found, capped)

    def ranked_window(
        self, query: Query, restrict: Sql, keys: list[int], *, limit: int, offset: int
    ) -> Ranked:
        """One page of the ranking window of more than ``count_cap()`` matches, from
        the newest ``keys`` if there are enough of them."""
        window = max(rank_window(), offset + limit)
        if window > len(keys):
            keys = self.newest(query, restrict, limit=window)
        newest = keys[:window]
        older = self.heading_hits(query, restrict, limit=window, below=newest[-1])
        scored = self.scores(query, newest, limit=limit, offset=offset, heading_hits=older)
        return Ranked([r[0] for r in scored], dict(scored), count_cap(), capped=True)

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
        """The ids of the items with matching titles or sections in the case history's
        order: oldest meeting first, then committee name, item number. The same order as
        the timeline's, so a cut at ``limit`` never splits a day's items out of order."""
        where, params = self._where(query, visibility, filters)
        statement = (
            f"SELECT e.item_id FROM {self.source} "
            "JOIN meetings_agendaitem i ON i.id = e.item_id "
            "JOIN organisation_committee c ON c.id = e.committee_id "
            f"WHERE {where} GROUP BY e.item_id, c.name, i.number "
            "ORDER BY MIN(e.meeting_date), c.name, i.number, e.item_id LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(statement, [*params, limit])
            return [r[0] for r in cursor.fetchall()]


def backend() -> Backend:
    """The backend of the default database."""
    if connection.vendor == "postgresql":
        from medref.search.tsvector import PostgresBackend

        return PostgresBackend()
    if connection.vendor == "sqlite":
        from medref.search.fts5 import SqliteBackend

        return SqliteBackend()
    raise NotImplementedError(f"no full-text search backend for {connection.vendor}")
