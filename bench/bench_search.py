"""Full-text search on a generated archive: SQLite FTS5, PostgreSQL and tantivy.

The corpus (1,000,000 sections in 100,000 items of 10,000 meetings; 20,000
sections with ``--quick``) is Danish minutes text generated from the words
of medref/demo: a bigram walk over the demo minutes' sentences, analysed
exactly as ``medref.search.services`` analyses real minutes (stems aligned
with the words, compound parts from hunspell-da plus the demo vocabulary).
Every engine gets the same rows; tantivy indexes the same stemmed words
(its default tokenizer splits them the same way) with the same weights.

Measured, per engine: index build time (bulk load with the full-text index:
FTS5 triggers + optimize; COPY into the tsvector/GIN table + ANALYZE;
tantivy writer + commit, one thread), and the latency of a fixed set of
70 queries in classes (common, medium and rare words, pairs, phrases,
prefixes, exclusions, compounds with the six judged queries), each run once
after a warm-up round, as the anonymous reader sees them (closed items,
drafts' decisions and planned meetings filtered out, the same filter in
tantivy). ``search()`` is the whole page (ranked ids with the capped total,
rows, snippets); "rank" is only the ranked, counted id list, which is what
tantivy's number measures; "date sort" the newest-first id list. Totals are
counted up to ``count_cap()`` (1,000), relevance beyond it ranks the window
of ``medref.search.backends`` (see there).

recall@10: six judged queries, each with three planted items that must be
among the first ten hits (the share found, averaged).

SQLite and tantivy run in one child process, PostgreSQL in another under
scripts/pg-test-server (a throw-away server); each prints JSON.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from .common import Table
from .search_corpus import ITEMS_PER_MEETING, JUDGED, ROOT, Corpus

# --- loading -------------------------------------------------------------------

ENTRY_COLUMNS = (
    "id, meeting_id, item_id, committee_id, municipality_id, meeting_date, closed, kind, "
    "section_kind, heading, text, stemmed_heading, stemmed, parts"
)


def _load_structure(corpus: Corpus) -> tuple[list[int], list[int], list[int], int]:
    """Committees, meetings and items through the ORM: (meeting ids, item ids, committee per
    meeting, municipality id)."""
    from medref.meetings.models import AgendaItem, Meeting
    from medref.organisation.services import ensure_committee, ensure_municipality

    municipality = ensure_municipality("Benchby Kommune")
    top = ensure_committee(municipality, "HovedMED")
    fag = [ensure_committee(municipality, f"FagMED {i}", parent=top) for i in range(8)]
    local = [ensure_committee(municipality, f"LokalMED {i}", parent=fag[i % 8]) for i in range(40)]
    committees = [top.pk, *(c.pk for c in fag), *(c.pk for c in local)]
    owner = [committees[m % len(committees)] for m in range(corpus.n_meetings)]
    # A committee meets once a day: spread each committee's meetings over distinct days.
    meetings = Meeting.objects.bulk_create(
        [
            Meeting(
                committee_id=owner[m],
                meeting_date=corpus.meeting_date(m) + dt.timedelta(days=m // 7),
                status=corpus.meeting_status(m),
            )
            for m in range(corpus.n_meetings)
        ],
        batch_size=2000,
    )
    items = AgendaItem.objects.bulk_create(
        [
            AgendaItem(
                meeting_id=meetings[i // ITEMS_PER_MEETING].pk,
                position=i % ITEMS_PER_MEETING + 1,
                number=i % ITEMS_PER_MEETING + 1,
                title=f"Punkt {i}",
                closed=corpus.closed(i),
                case_number=f"81.38.00-P35-{i % 997}-24",
            )
            for i in range(corpus.n_items)
        ],
        batch_size=2000,
    )
    return [m.pk for m in meetings], [i.pk for i in items], owner, municipality.pk


def _db_rows(
    corpus: Corpus, meetings: list[int], items: list[int], owner: list[int], municipality: int
) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """(rows for search_searchentry, the corpus rows) in entry-id order."""
    from medref.meetings.models import Meeting

    by_id = Meeting.objects.only("meeting_date").in_bulk(meetings)
    dates = [by_id[pk].meeting_date for pk in meetings]
    db_rows, rows = [], []
    for row in corpus.rows():
        entry_id, meeting, item, kind, section_kind, heading, text, sh, stemmed, parts = row[:10]
        rows.append(row)
        item_id = None if item is None else items[item]
        db_rows.append(
            (
                *(entry_id, meetings[meeting], item_id, owner[meeting], municipality),
                *(dates[meeting], row[10], kind, section_kind, heading, text, sh, stemmed, parts),
            )
        )
    return db_rows, rows


def load_database(corpus: Corpus) -> tuple[dict[str, float], list[tuple[Any, ...]]]:
    """Bulk-load every entry, the full-text index built as the rows go in (timed)."""
    from django.db import connection, transaction

    start = time.perf_counter()
    db_rows, rows = _db_rows(corpus, *_load_structure(corpus))
    generate_s = time.perf_counter() - start
    start = time.perf_counter()
    if connection.vendor == "postgresql":
        copy_sql = f"COPY search_searchentry ({ENTRY_COLUMNS}) FROM STDIN"
        with (
            transaction.atomic(),
            connection.cursor() as cursor,
            cursor.cursor.copy(copy_sql) as copy,
        ):
            for row in db_rows:
                copy.write_row(row)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE search_searchentry")
            # The meetings and committees too (SQLite's ANALYZE below covers every
            # table): without statistics the planner joins them as if nearly empty.
            cursor.execute("ANALYZE")
    else:
        marks = ", ".join(["%s"] * len(ENTRY_COLUMNS.split(",")))
        statement = f"INSERT INTO search_searchentry ({ENTRY_COLUMNS}) VALUES ({marks})"
        with transaction.atomic(), connection.cursor() as cursor:
            for at in range(0, len(db_rows), 5000):
                cursor.executemany(statement, db_rows[at : at + 5000])
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
            cursor.execute(
                "INSERT INTO search_heading_fts(search_heading_fts) VALUES ('optimize')"
            )
            cursor.execute("ANALYZE")
    seconds = time.perf_counter() - start
    return {"rows": len(db_rows), "build_s": seconds, "generate_s": generate_s}, rows


def build_tantivy(rows: list[tuple[Any, ...]], directory: Path) -> tuple[Any, dict[str, float]]:
    import tantivy

    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("id", stored=True, indexed=True, fast=True)
    for name in ("heading", "body", "parts"):
        builder.add_text_field(name, stored=False, tokenizer_name="default")
    builder.add_integer_field("hidden", indexed=True)
    schema = builder.build()
    index = tantivy.Index(schema, path=str(directory))
    start = time.perf_counter()
    writer = index.writer(heap_size=512_000_000, num_threads=1)
    for row in rows:
        writer.add_document(
            tantivy.Document(
                id=row[0], heading=row[7], body=row[8], parts=row[9], hidden=int(row[11])
            )
        )
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    seconds = time.perf_counter() - start
    return index, {"rows": len(rows), "build_s": seconds}


# --- querying ------------------------------------------------------------------


def tantivy_query(index: Any, text: str) -> Any:
    """Our parsed query as a tantivy query: the same words, weights and filter."""
    import tantivy

    from medref.search.query import parse, stem

    schema, Occur, Query = index.schema, tantivy.Occur, tantivy.Query
    boosts = {"heading": 4.0, "body": 1.0, "parts": 0.2}

    def across(make: Any, fields: tuple[str, ...] = ("heading", "body", "parts")) -> Any:
        return Query.boolean_query(
            [(Occur.Should, Query.boost_query(make(f), boosts[f])) for f in fields]
        )

    query = parse(text)
    clauses = [
        (Occur.Must, across(lambda f, t=t: Query.term_query(schema, f, t))) for t in query.terms
    ]
    for phrase in query.phrases:
        clauses.append(
            (
                Occur.Must,
                across(lambda f, p=phrase: Query.phrase_query(schema, f, p), ("heading", "body")),
            )
        )
    for prefix in query.prefixes:
        pattern = re.escape(stem(prefix)) + ".*"
        clauses.append((Occur.Must, across(lambda f, p=pattern: Query.regex_query(schema, f, p))))
    for word in query.excluded:
        for field in ("heading", "body"):
            clauses.append((Occur.MustNot, Query.term_query(schema, field, word)))
    clauses.append((Occur.MustNot, Query.term_query(schema, "hidden", 1)))
    return Query.boolean_query(clauses)


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _timed(work: Any, queries: list[str], rounds: int = 1) -> dict[str, Any]:
    """p50/p95/max in ms over ``rounds`` timed rounds after a warm-up round, and
    every query's samples (``per_query``)."""
    for text in queries:  # warm-up: caches, lazy imports, the lexicon
        work(text)
    samples, per_query = [], {}
    for _ in range(rounds):
        for text in queries:
            start = time.perf_counter()
            work(text)
            ms = (time.perf_counter() - start) * 1000
            samples.append(ms)
            per_query.setdefault(text, []).append(ms)
    return {
        "p50_ms": _percentile(samples, 0.5),
        "p95_ms": _percentile(samples, 0.95),
        "max_ms": max(samples),
        "per_query": per_query,
    }


def _recall(found_ids: Any, corpus: Corpus) -> float:
    shares = []
    for query_index, (text, _title, _body) in enumerate(JUDGED):
        relevant = {i for i, q in corpus.needles.items() if q == query_index}
        top = {corpus.item_of(pk) for pk in found_ids(text)[:10]}
        shares.append(len(relevant & top) / len(relevant))
    return sum(shares) / len(shares)


def measure_child(n_sections: int, with_tantivy: bool) -> dict[str, Any]:
    """Runs in the child: migrate the throw-away database, load, index, query."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "medref.settings")
    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import override_settings

    from medref.search.access import visibility_for
    from medref.search.backends import Filters, backend, count_cap
    from medref.search.query import parse
    from medref.search.selectors import search

    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    corpus = Corpus(n_sections)
    generate_s = time.perf_counter() - start
    vendor = connection.vendor
    results: dict[str, Any] = {"generate_s": generate_s, "n_items": corpus.n_items}
    results[vendor], rows = load_database(corpus)
    public = visibility_for(None)
    engine = backend()
    queries = corpus.queries()
    results["queries"] = len(queries)
    results["classes"] = corpus.query_classes()
    results["cap"] = cap = count_cap()
    totals: dict[str, int] = {}  # cap + 1 for "over cap"

    def ranked(text: str) -> list[int]:
        page = engine.rank(parse(text), public, Filters(), sort="relevance", limit=20, offset=0)
        totals[text] = page.total + page.capped
        return page.ids

    def dated(text: str) -> list[int]:
        return engine.rank(parse(text), public, Filters(), sort="date", limit=20, offset=0).ids

    results[f"{vendor}_rank"] = _timed(ranked, queries)
    results[vendor] |= _timed(lambda q: search(q, visibility=public), queries)
    results[f"{vendor}_date"] = _timed(dated, queries)
    results[vendor]["recall"] = _recall(ranked, corpus)

    def ranked_exactly(text: str) -> list[int]:
        return engine.rank(parse(text), public, Filters(), sort="relevance", limit=20, offset=0).ids

    # The same judged queries with every match ranked (no cap, no window).
    with override_settings(MEDREF_SEARCH_COUNT_CAP=10**9):
        results[vendor]["recall_exact"] = _recall(ranked_exactly, corpus)
    results["totals"] = totals
    if with_tantivy:
        with tempfile.TemporaryDirectory(prefix="medref-bench-tantivy-") as tmp:
            index, built = build_tantivy(rows, Path(tmp))
            rows.clear()
            searcher = index.searcher()
            tantivy_totals: dict[str, int] = {}

            def found(text: str) -> list[int]:
                result = searcher.search(tantivy_query(index, text), 20, count=True)
                tantivy_totals[text] = min(result.count, cap + 1)
                return [searcher.doc(address)["id"][0] for _score, address in result.hits]

            results["tantivy"] = built | _timed(found, queries) | {"recall": _recall(found, corpus)}
            results["tantivy_totals"] = tantivy_totals
    return results


# --- the parent ------------------------------------------------------------------


def _child(n_sections: int, *, postgres: bool) -> dict[str, Any]:
    env = dict(os.environ)
    # As in production: without DEBUG, Django does not record every query's SQL.
    env["MEDREF_DEBUG"] = "False"
    env.setdefault("MEDREF_SECRET_KEY", "bench-search-throw-away-database")
    command = [sys.executable, "-m", "bench.bench_search", "--child", str(n_sections)]
    with tempfile.TemporaryDirectory(prefix="medref-bench-search-") as tmp:
        if postgres:
            command = [str(ROOT / "scripts" / "pg-test-server"), *command]
            env.pop("DATABASE_URL", None)
        else:
            env["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
            command.append("--tantivy")
        done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"bench_search child failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(quick: bool = False) -> list[Table]:
    n_sections = 20_000 if quick else 1_000_000
    lite = _child(n_sections, postgres=False)
    pg = _child(n_sections, postgres=True)
    n_rows = lite["sqlite"]["rows"]
    same = sum(
        1
        for q, n in lite["totals"].items()
        if lite["tantivy_totals"].get(q) == n == pg["totals"].get(q)
    )
    build = Table(
        f"Search index build: {n_rows:,} entries "
        f"({n_sections:,} sections, {lite['n_items']:,} items)",
        ["engine", "what", "s", "entries/s"],
        note="corpus generation and analysis (stems, compound parts), not included: "
        f"{lite['generate_s'] + lite['sqlite']['generate_s']:.1f} s",
    )
    for name, what, m in (
        ("SQLite FTS5", "INSERT + triggers + optimize", lite["sqlite"]),
        ("PostgreSQL 15", "COPY + tsvector + GIN + ANALYZE", pg["postgresql"]),
        ("tantivy", "writer, 1 thread, commit", lite["tantivy"]),
    ):
        build.rows.append([name, what, f"{m['build_s']:.1f}", f"{m['rows'] / m['build_s']:,.0f}"])
    peer = lite["tantivy"]["p95_ms"]
    latency = Table(
        f"Search latency over {lite['queries']} fixed queries (public reader, 20 hits + total)",
        ["engine", "measured", "p50 ms", "p95 ms", "max ms", "p95 / tantivy", "recall@10"],
        note=f"same hit totals on all three engines for {same} of {lite['queries']} queries; "
        "goal p95 <= 30 ms and <= 2x tantivy; recall@10 with every match ranked (no window): "
        f"SQLite {lite['sqlite']['recall_exact']:.2f}, "
        f"PostgreSQL {pg['postgresql']['recall_exact']:.2f}",
    )
    for name, what, m, recall in (
        ("SQLite FTS5", "search() page", lite["sqlite"], lite["sqlite"]["recall"]),
        ("SQLite FTS5", "rank + count", lite["sqlite_rank"], None),
        ("SQLite FTS5", "date sort + count", lite["sqlite_date"], None),
        ("PostgreSQL 15", "search() page", pg["postgresql"], pg["postgresql"]["recall"]),
        ("PostgreSQL 15", "rank + count", pg["postgresql_rank"], None),
        ("PostgreSQL 15", "date sort + count", pg["postgresql_date"], None),
        ("tantivy", "top 20 + count", lite["tantivy"], lite["tantivy"]["recall"]),
    ):
        latency.rows.append(
            [name, what, f"{m['p50_ms']:.1f}", f"{m['p95_ms']:.1f}", f"{m['max_ms']:.0f}",
             f"{m['p95_ms'] / peer:.1f}x", "" if recall is None else f"{recall:.2f}"]
        )  # fmt: skip
    by_class = Table(
        "Latency per query class: p50 / p95 ms (search() page; tantivy top 20 + count)",
        ["class", "queries", "SQLite FTS5", "PostgreSQL 15", "tantivy", "hits (median)"],
        note=f"hits counted up to {lite['cap']:,} (tantivy's exact count capped the same way)",
    )
    classes: dict[str, list[str]] = {}
    for name, text in lite["classes"]:
        classes.setdefault(name, []).append(text)
    for name, texts in classes.items():
        cells = []
        for m in (lite["sqlite"], pg["postgresql"], lite["tantivy"]):
            samples = [ms for t in texts for ms in m["per_query"][t]]
            cells.append(f"{_percentile(samples, 0.5):.1f} / {_percentile(samples, 0.95):.1f}")
        hits = sorted(lite["totals"][t] for t in texts)[len(texts) // 2]
        shown = f"over {lite['cap']:,}" if hits > lite["cap"] else f"{hits:,}"
        by_class.rows.append([name, str(len(texts)), *cells, shown])
    return [build, latency, by_class]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_search")
    parser.add_argument("--child", type=int, metavar="SECTIONS", help=argparse.SUPPRESS)
    parser.add_argument("--tantivy", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(measure_child(args.child, args.tantivy)))
        return 0
    from rich.console import Console

    from .__main__ import show

    for table in run(args.quick):
        show(Console(width=140), table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
