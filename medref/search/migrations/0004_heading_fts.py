"""SQLite: the headings in an FTS5 table of their own, for the ranking window's heading hits.

``search_heading_fts`` holds each entry's stemmed heading under the same
date-key rowid as ``search_fts`` (migration 0003). Finding "matches with a
query word in the heading" through a column filter on ``search_fts`` walks
every match of the word and reads its positions: 50-200 ms for a word such
as "at" that is in 650,000 texts and no heading. Here the headings that hold
the word are named directly. Presence is all that is asked (detail=none).
PostgreSQL has its heading index since 0003.
"""

from django.db import migrations

KEY = "((CAST(julianday({0}.meeting_date) AS INTEGER) << 32) | {0}.id)"
SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE search_heading_fts USING fts5(
        stemmed_heading, content='', tokenize='ascii', detail=none, prefix='3 4 5'
    )""",
    f"""CREATE TRIGGER search_heading_fts_insert AFTER INSERT ON search_searchentry BEGIN
        INSERT INTO search_heading_fts(rowid, stemmed_heading)
        VALUES ({KEY.format("new")}, new.stemmed_heading);
    END""",
    f"""CREATE TRIGGER search_heading_fts_delete AFTER DELETE ON search_searchentry BEGIN
        INSERT INTO search_heading_fts(search_heading_fts, rowid, stemmed_heading)
        VALUES ('delete', {KEY.format("old")}, old.stemmed_heading);
    END""",
    f"""CREATE TRIGGER search_heading_fts_update AFTER UPDATE ON search_searchentry BEGIN
        INSERT INTO search_heading_fts(search_heading_fts, rowid, stemmed_heading)
        VALUES ('delete', {KEY.format("old")}, old.stemmed_heading);
        INSERT INTO search_heading_fts(rowid, stemmed_heading)
        VALUES ({KEY.format("new")}, new.stemmed_heading);
    END""",
    "INSERT INTO search_heading_fts(rowid, stemmed_heading) "
    f"SELECT {KEY.format('e')}, e.stemmed_heading FROM search_searchentry e",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER search_heading_fts_update",
    "DROP TRIGGER search_heading_fts_delete",
    "DROP TRIGGER search_heading_fts_insert",
    "DROP TABLE search_heading_fts",
]


def _run(statements: list[str]):  # type: ignore[no-untyped-def]
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0003_bounded_search")]

    operations = [migrations.RunPython(_run(SQLITE_FORWARD), _run(SQLITE_BACKWARD))]
