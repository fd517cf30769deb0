"""Indexes for bounded search: date order as an index scan, not a sort of every match.

SQLite: ``search_fts`` becomes a contentless FTS5 table whose rowid is the
*date key* ``(julian day of the meeting << 32) | entry id``, so FTS5's own
rowid order is newest-meeting order: date sort and "the newest N matches"
are an FTS5 scan in descending rowid order that stops at the LIMIT. The
entry id is ``rowid & 0xFFFFFFFF``. Triggers keep it up as before.

PostgreSQL: a btree on (meeting_date, id) for date order with the match as
a filter, and a GIN index over the stemmed headings (the heading hits of
the ranking window).
"""

from importlib import import_module

from django.db import migrations, models

# Backwards, SQLite gets 0002's external-content table and triggers again.
_0002 = import_module("medref.search.migrations.0002_entry_fulltext")

KEY = "((CAST(julianday({0}.meeting_date) AS INTEGER) << 32) | {0}.id)"
SQLITE_FORWARD = [
    "DROP TRIGGER search_fts_update",
    "DROP TRIGGER search_fts_delete",
    "DROP TRIGGER search_fts_insert",
    "DROP TABLE search_fts",
    # Contentless: the words live in search_searchentry; snippets are made in Python.
    # Prefix indexes for "word*" of 3-5 letters (longer prefixes are selective).
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        stemmed_heading, stemmed, parts,
        content='', tokenize='ascii', detail=full, prefix='3 4 5'
    )""",
    f"""CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchentry BEGIN
        INSERT INTO search_fts(rowid, stemmed_heading, stemmed, parts)
        VALUES ({KEY.format("new")}, new.stemmed_heading, new.stemmed, new.parts);
    END""",
    f"""CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, stemmed_heading, stemmed, parts)
        VALUES ('delete', {KEY.format("old")}, old.stemmed_heading, old.stemmed, old.parts);
    END""",
    f"""CREATE TRIGGER search_fts_update AFTER UPDATE ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, stemmed_heading, stemmed, parts)
        VALUES ('delete', {KEY.format("old")}, old.stemmed_heading, old.stemmed, old.parts);
        INSERT INTO search_fts(rowid, stemmed_heading, stemmed, parts)
        VALUES ({KEY.format("new")}, new.stemmed_heading, new.stemmed, new.parts);
    END""",
    "INSERT INTO search_fts(rowid, stemmed_heading, stemmed, parts) "
    f"SELECT {KEY.format('e')}, e.stemmed_heading, e.stemmed, e.parts FROM search_searchentry e",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER search_fts_update",
    "DROP TRIGGER search_fts_delete",
    "DROP TRIGGER search_fts_insert",
    "DROP TABLE search_fts",
    *_0002.SQLITE_FORWARD,
]
POSTGRES_FORWARD = [
    "CREATE INDEX search_entry_heading ON search_searchentry "
    "USING GIN (to_tsvector('simple'::regconfig, stemmed_heading))",
]
POSTGRES_BACKWARD = ["DROP INDEX search_entry_heading"]


def _run(statements: dict[str, list[str]]):  # type: ignore[no-untyped-def]
    def run(apps, schema_editor):
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0002_entry_fulltext")]

    operations = [
        migrations.AddIndex(
            model_name="searchentry",
            index=models.Index(fields=["meeting_date", "id"], name="search_entry_by_date"),
        ),
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        ),
    ]
