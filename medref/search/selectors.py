"""Reads of the search index: results, facets and case histories, in fixed queries.

``search`` costs at most five queries for a page inside the ranking window
(the newest matches up to ``count_cap() + 1``, which on PostgreSQL is a
count and then the newest; with more than ``count_cap()`` matches the
heading hits; the scores, on SQLite the words' row counts and the
candidates' words; and the page's entries), ``facets`` one,
and ``case_history`` three, whatever the number of hits. Totals are exact
up to ``count_cap()`` (1,000); beyond it a page says "over 1.000" and
facets count the first 1,000 matches found (on SQLite the newest).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.db.models import F, Prefetch

from medref.meetings.models import AgendaItem, Section
from medref.search.access import visibility_for
from medref.search.backends import Filters, Visibility, backend, count_cap
from medref.search.compounds import Lexicon, text_lexicon
from medref.search.models import UNDATED, SearchEntry
from medref.search.query import Query, parse
from medref.search.services import base_lexicon
from medref.search.snippets import excerpt, matched_words, positions_for_query, snippet

PAGE_SIZE = 20
HISTORY_PAGE_SIZE = 50
# Oldest meeting first, undated ones last on both databases; the id keeps pages
# apart when all else ties.
_TIMELINE_ORDER = (
    F("meeting__meeting_date").asc(nulls_last=True),
    "meeting__committee__name",
    "number",
    "pk",
)
# A KLE-style journal number: 81.38.00-P35-58-23.
CASE_NUMBER = re.compile(r"^\d{2}\.\d{2}\.\d{2}-[A-ZÆØÅ]\d{2}-\d+-\d{2}$")


def page_count(total: int, page_size: int) -> int:
    """Pages of ``page_size`` for ``total`` results; one, empty, when there are none."""
    return max(1, -(-total // page_size))


# What a results page shows of an entry (the rest of its item and committee stays behind).
_ENTRY_FIELDS = (
    *("meeting_id", "meeting_date", "closed", "kind", "section_kind", "heading", "text"),
    *("stemmed_heading", "stemmed", "parts", "item__number", "item__title", "committee__name"),
)


@dataclass(frozen=True)
class Hit:
    entry: SearchEntry
    snippet: str
    score: float


@dataclass(frozen=True)
class SearchPage:
    query: str
    total: int
    page: int
    page_size: int
    hits: list[Hit] = field(default_factory=list)
    capped: bool = False  # more than ``total`` hits

    @property
    def pages(self) -> int:
        return page_count(self.total, self.page_size)


def _filters(
    committee_id: int | None,
    municipality_slug: str | None,
    date_from: datetime.date | None,
    date_to: datetime.date | None,
    section_kind: str | None,
) -> Filters:
    return Filters(
        committee_id, municipality_slug or None, date_from, date_to, section_kind or None
    )


def _part_stems(query: Query, entry: SearchEntry) -> tuple[str, ...]:
    parts = set(entry.parts.split())
    wanted = [*query.terms, *(w for p in query.phrases for w in p)]
    return tuple(w for w in wanted if w in parts)


def _hit(query: Query, entry: SearchEntry, score: float) -> Hit:
    # An item's text is its case number: its title is the better snippet.
    if entry.text and entry.kind != SearchEntry.Kind.ITEM:
        source, stems = entry.text, entry.stemmed
    else:
        source, stems = entry.heading, entry.stemmed_heading
    positions = positions_for_query(stems.split(), query)
    return Hit(entry, snippet(source, positions, _part_stems(query, entry)), score)


def search(
    text: str,
    *,
    visibility: Visibility | None = None,
    committee_id: int | None = None,
    municipality_slug: str | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    section_kind: str | None = None,
    sort: str = "relevance",
    page: int = 1,
    page_size: int = PAGE_SIZE,
) -> SearchPage:
    """Entries matching the query text, filtered, ranked or dated, and paged, in SQL.

    ``visibility`` defaults to what an anonymous reader may find
    (``medref.search.access.visibility_for``).
    """
    query = parse(text)
    page = max(1, page)
    if query.empty:
        return SearchPage(text, 0, page, page_size)
    engine = backend()
    ranked = engine.rank(
        query,
        visibility or visibility_for(None),
        _filters(committee_id, municipality_slug, date_from, date_to, section_kind),
        sort="date" if sort == "date" else "relevance",
        limit=page_size,
        offset=(page - 1) * page_size,
    )
    entries = (
        SearchEntry.objects.select_related("item", "committee")
        .only(*_ENTRY_FIELDS)
        .in_bulk(ranked.ids)
    )
    hits = [_hit(query, entries[pk], ranked.scores[pk]) for pk in ranked.ids if pk in entries]
    return SearchPage(text, ranked.total, page, page_size, hits, ranked.capped)


@dataclass(frozen=True)
class Facets:
    committees: list[tuple[int, str, int]]  # id, name, count: most hits first
    years: list[tuple[int, int]]  # year, count: newest first
    section_kinds: list[tuple[str, str, int]]  # kind, label, count: most hits first
    capped: bool = False  # counted over the first ``count_cap()`` hits only


def facets(
    text: str,
    *,
    visibility: Visibility | None = None,
    committee_id: int | None = None,
    municipality_slug: str | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    section_kind: str | None = None,
) -> Facets:
    """Hit counts per committee, year and section kind, in one query, over at most
    ``count_cap()`` hits."""
    query = parse(text)
    if query.empty:
        return Facets([], [], [])
    rows = backend().facet_rows(
        query,
        visibility or visibility_for(None),
        _filters(committee_id, municipality_slug, date_from, date_to, section_kind),
    )
    committees: dict[int, list[object]] = {}
    years: dict[int, int] = {}
    kinds: dict[str, int] = {}
    for committee, name, year, kind, count in rows:
        committees.setdefault(committee, [name, 0])[1] += count  # type: ignore[operator]
        if year != UNDATED.year:  # undated meetings have no year to filter by
            years[year] = years.get(year, 0) + count
        if kind:
            kinds[kind] = kinds.get(kind, 0) + count
    labels = dict(Section.Kind.choices)
    counted = sum(row[4] for row in rows)
    return Facets(
        sorted(
            ((pk, str(v[0]), int(v[1])) for pk, v in committees.items()),  # type: ignore[call-overload]
            key=lambda c: (-c[2], c[1]),
        ),
        sorted(years.items(), reverse=True),
        sorted(((k, str(labels.get(k, k)), n) for k, n in kinds.items()), key=lambda k: -k[2]),
        capped=counted >= count_cap(),
    )


@dataclass(frozen=True)
class TimelineEntry:
    item: AgendaItem
    decision: str | None  # the Beslutning text, when there is one the reader may see
    # HTML: the decision around its first matched word (else its beginning), hits in <mark>.
    decision_excerpt: str = ""
    # When the decision shows no matched word: the first other section that has one.
    match_heading: str = ""
    match_excerpt: str = ""  # HTML, hits in <mark>


@dataclass(frozen=True)
class Timeline:
    query: str
    case_number: bool  # found by journal number, else by topic
    entries: list[TimelineEntry]  # this page's, oldest meeting first
    total: int = 0  # items on every page
    page: int = 1
    page_size: int = HISTORY_PAGE_SIZE
    capped: bool = False  # a topic with more items: the oldest ``count_cap()`` only

    @property
    def pages(self) -> int:
        return page_count(self.total, self.page_size)

    @property
    def start(self) -> int:
        """The number of the page's first item in the whole timeline (from 1)."""
        return (self.page - 1) * self.page_size + 1


def case_history(
    text: str,
    *,
    visibility: Visibility | None = None,
    page: int = 1,
    page_size: int = HISTORY_PAGE_SIZE,
) -> Timeline:
    """Every item on a case (a journal number) or a topic, oldest meeting first, a
    page at a time. Three queries whatever the page: the total (for a topic the
    matching items' ids, at most ``count_cap()``), the page's items, their decisions."""
    text = text.strip()
    visibility = visibility or visibility_for(None)
    page = max(1, page)
    by_number = CASE_NUMBER.match(text) is not None
    items = AgendaItem.objects.select_related("meeting__committee")
    capped = False
    if by_number:
        items = items.filter(case_number=text).filter(visibility.items_q())
        total = items.count()
    else:
        query = parse(text)
        if query.empty:
            return Timeline(text, False, [], page=page, page_size=page_size)
        cap = count_cap()
        ids = backend().items(query, visibility, Filters(kinds=("item", "section")), limit=cap + 1)
        capped, ids = len(ids) > cap, ids[:cap]
        total = len(ids)
        items = items.filter(pk__in=ids)
    start = (page - 1) * page_size
    if start >= total:
        return Timeline(text, by_number, [], total, page, page_size, capped)
    sections = Section.objects.only("item_id", "kind", "heading", "text").order_by("position")
    items = items.prefetch_related(Prefetch("sections", sections, to_attr="shown_sections"))
    ordered = list(items.order_by(*_TIMELINE_ORDER)[start : start + page_size])
    found = None if by_number else parse(text)
    entries = [_timeline_entry(item, visibility, found) for item in ordered]
    return Timeline(text, by_number, entries, total, page, page_size, capped)


def _timeline_entry(item: AgendaItem, visibility: Visibility, query: Query | None) -> TimelineEntry:
    """One item of the case history with excerpts that show the matched words: the
    decision's, and another section's when the decision has none of them."""
    shown = visibility.sees_decisions(item.meeting.committee_id, item.meeting.status)
    decisions, others = [], []
    for section in item.shown_sections:  # type: ignore[attr-defined]
        if section.kind == Section.Kind.DECISION:
            if shown:
                decisions.append(section.text)
        elif section.text:
            others.append(section)
    decision = "\n\n".join(decisions) if decisions else None
    if query is None:
        return TimelineEntry(item, decision, excerpt(decision, set()) if decision else "")
    lexicon: list[Lexicon] = []

    def parts_of(word: str) -> tuple[str, ...]:
        # Built only when a word may be a compound of a query word (most pages: never).
        if not lexicon:
            lexicon.append(text_lexicon(base_lexicon(), *decisions, *(s.text for s in others)))
        return lexicon[0].word_parts(word)

    hits = matched_words(decision, query, parts_of) if decision else set()
    decision_excerpt = excerpt(decision, hits) if decision else ""
    if hits:
        return TimelineEntry(item, decision, decision_excerpt)
    for section in others:
        hits = matched_words(section.text, query, parts_of)
        if hits:
            return TimelineEntry(
                item,
                decision,
                decision_excerpt,
                section.heading or section.get_kind_display(),
                excerpt(section.text, hits),
            )
    return TimelineEntry(item, decision, decision_excerpt)


def to_contract(page: SearchPage) -> dict[str, object]:
    """The JSON shape of ``medref search --json`` (README.md documents it)."""
    return {
        "query": page.query,
        "total": page.total,
        "total_capped": page.capped,
        "page": page.page,
        "results": [
            {
                "meeting_id": h.entry.meeting_id,
                "committee": h.entry.committee.name,
                "meeting_date": h.entry.day.isoformat() if h.entry.day else None,
                "item_number": h.entry.item.number if h.entry.item else None,
                "item_title": h.entry.item.title if h.entry.item else None,
                "section_kind": h.entry.section_kind or None,
                "section_heading": h.entry.heading if h.entry.section_kind else None,
                "snippet": h.snippet,
                "score": round(h.score, 4),
            }
            for h in page.hits
        ],
    }
