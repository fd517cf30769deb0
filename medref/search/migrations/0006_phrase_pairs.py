"""PostgreSQL: the adjacent word pairs of every entry, for phrase queries.

GIN keeps no word positions, so ``document @@ ('af' <-> 'og' <-> 'til')``
can only be checked row by row: a rare phrase of common words ("af og
til") walked every row, 2-4 s on a million entries. ``search_phrase_pair``
holds each entry's adjacent pairs ("af og", "og til"), within the heading
or within the text as the phrase operator sees them, as one lexeme each in
a GIN-indexed tsvector; a phrase query first finds the entries that have
all its pairs (``tsvector.PostgresBackend``). Triggers keep the table in
step with ``search_searchentry`` in the same transaction, deletes and
truncation included. SQLite's FTS5 index keeps positions and needs none of
this.
"""

from django.db import migrations

FORWARD = [
    """
    CREATE TABLE search_phrase_pair (
        entry_id bigint PRIMARY KEY,
        pairs tsvector NOT NULL
    )
    """,
    # The pairs out of line (TOAST): the heap rows stay a few dozen bytes, so
    # reading the entry ids of thousands of GIN hits touches few pages.
    "ALTER TABLE search_phrase_pair ALTER COLUMN pairs SET STORAGE EXTERNAL",
    "ALTER TABLE search_phrase_pair SET (toast_tuple_target = 128)",
    # "a b" for every two words at neighbouring positions with the same weight,
    # heading (A) or text (B): exactly the pairs the <-> operator can match.
    """
    CREATE FUNCTION search_phrase_pairs(document tsvector) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        WITH words AS (
            SELECT w.lexeme, p.position, p.weight
            FROM unnest(document) w, unnest(w.positions, w.weights) p(position, weight)
            WHERE p.weight IN ('A', 'B')
        )
        SELECT array_to_tsvector(coalesce(array_agg(DISTINCT a.lexeme || ' ' || b.lexeme), '{}'))
        FROM words a JOIN words b ON b.position = a.position + 1 AND b.weight = a.weight
    $$
    """,
    # Once per statement, for all the rows it wrote (a COPY, a bulk_create batch):
    # a third cheaper than a trigger for each row. Entries are written by insert;
    # an update (of any column: a transition table allows no column list) also
    # writes the pairs anew.
    """
    CREATE FUNCTION search_phrase_pair_sync() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO search_phrase_pair (entry_id, pairs)
        SELECT id, search_phrase_pairs(document) FROM written
        ON CONFLICT (entry_id) DO UPDATE SET pairs = EXCLUDED.pairs;
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER search_phrase_pair_sync
    AFTER INSERT ON search_searchentry REFERENCING NEW TABLE AS written
    FOR EACH STATEMENT EXECUTE FUNCTION search_phrase_pair_sync()
    """,
    """
    CREATE TRIGGER search_phrase_pair_resync
    AFTER UPDATE ON search_searchentry REFERENCING NEW TABLE AS written
    FOR EACH STATEMENT EXECUTE FUNCTION search_phrase_pair_sync()
    """,
    # Deleted entries take their pairs along: one statement for all the rows a
    # DELETE removed, and TRUNCATE (Django's test flush) empties the pairs too.
    # No foreign key: TRUNCATE of the entries alone would then be refused.
    """
    CREATE FUNCTION search_phrase_pair_forget() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'TRUNCATE' THEN
            TRUNCATE search_phrase_pair;
        ELSE
            DELETE FROM search_phrase_pair p USING gone WHERE p.entry_id = gone.id;
        END IF;
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER search_phrase_pair_forget
    AFTER DELETE ON search_searchentry REFERENCING OLD TABLE AS gone
    FOR EACH STATEMENT EXECUTE FUNCTION search_phrase_pair_forget()
    """,
    """
    CREATE TRIGGER search_phrase_pair_truncate
    AFTER TRUNCATE ON search_searchentry
    FOR EACH STATEMENT EXECUTE FUNCTION search_phrase_pair_forget()
    """,
    """
    INSERT INTO search_phrase_pair (entry_id, pairs)
    SELECT id, search_phrase_pairs(document) FROM search_searchentry
    """,
    "CREATE INDEX search_phrase_pair_pairs ON search_phrase_pair USING gin (pairs)",
]

BACKWARD = [
    "DROP TRIGGER IF EXISTS search_phrase_pair_truncate ON search_searchentry",
    "DROP TRIGGER IF EXISTS search_phrase_pair_forget ON search_searchentry",
    "DROP TRIGGER IF EXISTS search_phrase_pair_resync ON search_searchentry",
    "DROP TRIGGER IF EXISTS search_phrase_pair_sync ON search_searchentry",
    "DROP FUNCTION IF EXISTS search_phrase_pair_forget()",
    "DROP FUNCTION IF EXISTS search_phrase_pair_sync()",
    "DROP TABLE IF EXISTS search_phrase_pair",
    "DROP FUNCTION IF EXISTS search_phrase_pairs(tsvector)",
]


def _run(statements: list[str]):  # type: ignore[no-untyped-def]
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0005_document_statistics")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
