"""search(...) -> SearchPage: one interface, the same shape on every database.

This foundation matches whole stemmed words portably (``LIKE '% word %'`` on
the padded ``stemmed`` column), so SQLite and PostgreSQL give identical
results; FTS5/tsvector backends plug in behind the same function later.
"""

from __future__ import annotations

import datetime
import html
import re
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from medref.organisation.models import Committee
from medref.search.models import SearchEntry
from medref.search.query import Query, fold, parse, stem

PAGE_SIZE = 20
_WORD = re.compile(r"\w+")


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

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))


def _committee_ids(committee: Committee) -> list[int]:
    """The committee and all its sub-committees."""
    ids, frontier = [committee.pk], [committee.pk]
    while frontier:
        frontier = list(
            Committee.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)
        )
        ids.extend(frontier)
    return ids


def _matching(query: Query) -> Q:
    condition = Q()
    for term in query.terms:
        condition &= Q(stemmed__contains=f" {term} ")
    for phrase in query.phrases:
        condition &= Q(stemmed__contains=f" {' '.join(phrase)} ")
    for prefix in query.prefixes:
        condition &= Q(stemmed__contains=f" {stem(prefix)}")
    for word in query.excluded:
        condition &= ~Q(stemmed__contains=f" {word} ")
    return condition


def _wanted(query: Query) -> tuple[set[str], list[str]]:
    words = set(query.terms) | {w for phrase in query.phrases for w in phrase}
    return words, [stem(p) for p in query.prefixes]


def _is_hit(word: str, words: set[str], prefixes: list[str]) -> bool:
    folded = stem(fold(word))
    return folded in words or any(folded.startswith(p) for p in prefixes)


def _snippet(text: str, words: set[str], prefixes: list[str], width: int = 12) -> tuple[str, int]:
    """An HTML-escaped window of ``text`` with hits in <mark>, and the hit count."""
    tokens = re.split(r"(\w+)", text)
    hits = [i for i, t in enumerate(tokens) if i % 2 and _is_hit(t, words, prefixes)]
    start = max(0, (hits[0] if hits else 0) - width)
    end = min(len(tokens), start + 4 * width)
    out = ["…" if start else ""]
    for i in range(start, end):
        part = html.escape(tokens[i])
        out.append(f"<mark>{part}</mark>" if i in hits else part)
    out.append("…" if end < len(tokens) else "")
    return "".join(out).strip(), len(hits)


def search(
    text: str,
    *,
    include_closed: bool = False,
    committee: Committee | None = None,
    municipality_slug: str | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    section_kind: str | None = None,
    sort: str = "relevance",
    page: int = 1,
    page_size: int = PAGE_SIZE,
) -> SearchPage:
    """Find entries matching the query text, filtered, sorted and paged."""
    query = parse(text)
    if query.empty:
        return SearchPage(text, 0, 1, page_size)
    entries: QuerySet[SearchEntry] = SearchEntry.objects.filter(_matching(query))
    if not include_closed:
        entries = entries.filter(closed=False)
    if committee is not None:
        entries = entries.filter(committee_id__in=_committee_ids(committee))
    if municipality_slug:
        entries = entries.filter(committee__municipality__slug=municipality_slug)
    if date_from is not None:
        entries = entries.filter(meeting_date__gte=date_from)
    if date_to is not None:
        entries = entries.filter(meeting_date__lte=date_to)
    if section_kind:
        entries = entries.filter(section_kind=section_kind)
    entries = entries.select_related("meeting", "item", "committee")
    words, prefixes = _wanted(query)
    hits = []
    for entry in entries:
        snippet, count = _snippet(
            f"{entry.heading}: {entry.text}" if entry.text else entry.heading, words, prefixes
        )
        hits.append(Hit(entry, snippet, float(count) / (1 + len(entry.stemmed) / 500)))
    if sort == "date":
        hits.sort(key=lambda h: (h.entry.meeting_date, -h.entry.pk), reverse=True)
    else:
        hits.sort(key=lambda h: (-h.score, -h.entry.meeting_date.toordinal(), h.entry.pk))
    page = max(1, page)
    chosen = hits[(page - 1) * page_size : page * page_size]
    return SearchPage(text, len(hits), page, page_size, chosen)


def to_contract(page: SearchPage) -> dict[str, object]:
    """The JSON shape of ``medref search --json`` (README.md documents it)."""
    return {
        "query": page.query,
        "total": page.total,
        "page": page.page,
        "results": [
            {
                "meeting_id": h.entry.meeting_id,
                "committee": h.entry.committee.name,
                "meeting_date": h.entry.meeting_date.isoformat(),
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
