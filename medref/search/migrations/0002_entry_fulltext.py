"""The database's own full-text index over SearchEntry.

SQLite: an external-content FTS5 table ``search_fts`` over the stemmed
columns, kept up by triggers, so every write to search_searchentry updates
it in the same transaction. PostgreSQL: a generated tsvector column
``document`` ('simple' configuration over the already stemmed words; heading
weight A, text B, compound parts D) with a GIN index, computed by the server
on every insert and update.
"""

import django.db.models.deletion
from django.db import migrations, models

SQLITE_FORWARD = [
    # "ascii" splits on ASCII punctuation and spaces only: the stored words are
    # already casefolded and stemmed, and non-ASCII letters stay in the token.
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        stemmed_heading, stemmed, parts,
        content='search_searchentry', content_rowid='id',
        tokenize='ascii', detail=full
    )""",
    """CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchentry BEGIN
        INSERT INTO search_fts(rowid, stemmed_heading, stemmed, parts)
        VALUES (new.id, new.stemmed_heading, new.stemmed, new.parts);
    END""",
    """CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, stemmed_heading, stemmed, parts)
        VALUES ('delete', old.id, old.stemmed_heading, old.stemmed, old.parts);
    END""",
    """CREATE TRIGGER search_fts_update AFTER UPDATE ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, stemmed_heading, stemmed, parts)
        VALUES ('delete', old.id, old.stemmed_heading, old.stemmed, old.parts);
        INSERT INTO search_fts(rowid, stemmed_heading, stemmed, parts)
        VALUES (new.id, new.stemmed_heading, new.stemmed, new.parts);
    END""",
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER search_fts_update",
    "DROP TRIGGER search_fts_delete",
    "DROP TRIGGER search_fts_insert",
    "DROP TABLE search_fts",
]
POSTGRES_FORWARD = [
    """ALTER TABLE search_searchentry ADD COLUMN document tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, stemmed_heading), 'A')
        || setweight(to_tsvector('simple'::regconfig, stemmed), 'B')
        || setweight(to_tsvector('simple'::regconfig, parts), 'D')
    ) STORED""",
    "CREATE INDEX search_entry_document ON search_searchentry USING GIN (document)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX search_entry_document",
    "ALTER TABLE search_searchentry DROP COLUMN document",
]


def _run(statements: dict[str, list[str]]):  # type: ignore[no-untyped-def]
    def run(apps, schema_editor):
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0001_initial"),
        ("organisation", "0001_initial"),
        ("search", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="municipality",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="organisation.municipality",
            ),
        ),
        migrations.AddField(
            model_name="searchentry",
            name="parts",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.AddField(
            model_name="searchentry",
            name="stemmed_heading",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        ),
    ]
