"""Two full-text backends behind one interface: SQLite FTS5 and PostgreSQL.

Both match, filter, rank, count, sort and page in one SQL statement over
the same stemmed words (``medref.search.query``), so they find the same
entries; only the scores differ in scale. Filters and visibility rules are
plain SQL shared by both.

- SQLite: ``search_fts MATCH`` on an FTS5 table, ``bm25()`` with column
  weights (heading 4, text 1, compound parts 0.2), ``highlight()`` to find
  the matched words.
- PostgreSQL: ``document @@ to_tsquery('simple', …)`` on a GIN-indexed
  tsvector, ``ts_rank_cd`` with weights A (heading) 1.0, B (text) 0.4,
  D (parts) 0.1. The configuration is 'simple' because the words are
  stemmed (and ae/oe/aa folded, compounds split) in Python before they
  reach either database: 'danish' would stem them a second time and drop
  stopwords, so phrases and results would drift from SQLite's.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

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


@dataclass(frozen=True)
class Ranked:
    ids: list[int]
    scores: dict[int, float]
    total: int


class Backend:
    """Builds and runs the SQL; subclasses say how to match, score and highlight."""

    source = ""  # FROM … with e (search_searchentry) and m (meetings_meeting)
    year = ""

    def match(self, query: Query) -> tuple[str, list[object]]:
        raise NotImplementedError

    def score(self) -> str:
        raise NotImplementedError

    def highlights(self, query: Query, ids: list[int]) -> dict[int, tuple[str, str]]:
        """Per entry id: the stemmed heading and text with matched words in \\x02…\\x03.

        Empty when the backend leaves highlighting to ``medref.search.snippets``.
        """
        return {}

    def _where(
        self, query: Query, visibility: Visibility, filters: Filters
    ) -> tuple[str, list[object]]:
        match, params = self.match(query)
        sql = Sql([match], list(params))
        _restrict(sql, visibility, filters)
        return " AND ".join(sql.where), sql.params

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
        """One page of entry ids with their scores, and the number of all matches."""
        where, params = self._where(query, visibility, filters)
        order = "day DESC, id" if sort == "date" else "score DESC, day DESC, id"
        # The window count runs over the matches (FTS5's ranking functions
        # cannot be called in a windowed SELECT itself, hence the subquery).
        statement = (
            "SELECT id, score, COUNT(*) OVER () FROM ("
            f"SELECT e.id AS id, e.meeting_date AS day, {self.score()} AS score "
            f"FROM {self.source} WHERE {where}) hits ORDER BY {order} LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(statement, [*params, limit, offset])
            rows = cursor.fetchall()
            if rows:
                total = int(rows[0][2])
            elif offset:
                cursor.execute(f"SELECT COUNT(*) FROM {self.source} WHERE {where}", params)
                total = int(cursor.fetchone()[0])
            else:
                total = 0
        return Ranked([r[0] for r in rows], {r[0]: float(r[1]) for r in rows}, total)

    def facet_rows(
        self, query: Query, visibility: Visibility, filters: Filters
    ) -> list[tuple[int, str, int, str, int]]:
        """(committee id, committee name, year, section kind, count) of all matches."""
        where, params = self._where(query, visibility, filters)
        statement = (
            f"SELECT e.committee_id, c.name, {self.year} AS year, e.section_kind, COUNT(*) "
            f"FROM {self.source} JOIN organisation_committee c ON c.id = e.committee_id "
            f"WHERE {where} GROUP BY e.committee_id, c.name, {self.year}, e.section_kind"
        )
        with connection.cursor() as cursor:
            cursor.execute(statement, params)
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


class SqliteBackend(Backend):
    source = (
        "search_fts JOIN search_searchentry e ON e.id = search_fts.rowid "
        "JOIN meetings_meeting m ON m.id = e.meeting_id"
    )
    year = "CAST(strftime('%%Y', e.meeting_date) AS INTEGER)"

    def match(self, query: Query) -> tuple[str, list[object]]:
        return "search_fts MATCH %s", [fts5_match(query)]

    def score(self) -> str:
        return "-bm25(search_fts, 4.0, 1.0, 0.2)"

    def highlights(self, query: Query, ids: list[int]) -> dict[int, tuple[str, str]]:
        if not ids:
            return {}
        marks = ", ".join(["%s"] * len(ids))
        statement = (
            "SELECT rowid, highlight(search_fts, 0, char(2), char(3)), "
            "highlight(search_fts, 1, char(2), char(3)) FROM search_fts "
            f"WHERE search_fts MATCH %s AND rowid IN ({marks})"
        )
        with connection.cursor() as cursor:
            cursor.execute(statement, [fts5_match(query), *ids])
            return {r[0]: (r[1] or "", r[2] or "") for r in cursor.fetchall()}


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


def backend() -> Backend:
    """The backend of the default database."""
    if connection.vendor == "postgresql":
        return PostgresBackend()
    if connection.vendor == "sqlite":
        return SqliteBackend()
    raise NotImplementedError(f"no full-text search backend for {connection.vendor}")
