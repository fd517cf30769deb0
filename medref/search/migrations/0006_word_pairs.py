"""PostgreSQL: each pair of neighbouring words in the tsvector, for phrases.

A GIN index over a tsvector holds no word positions, so a phrase such as
"og fokus" (two words in most texts) is checked row by row on every row
holding both: 50-350 ms on a million sections. The document now also holds
each pair of neighbouring words of the heading and of the text, as one
lexeme "og_fokus" (weight C, no position; "_" is never part of a stemmed
word). A two-word phrase is then one GIN lookup, and a longer one is checked
only on the rows holding all its pairs (``medref.search.tsvector.tsquery``).
Compound parts (weight D) get no pairs: phrases are of the words as written.
"""

from django.db import migrations

DOCUMENT = """ALTER TABLE search_searchentry ADD COLUMN document tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple'::regconfig, stemmed_heading), 'A')
    || setweight(to_tsvector('simple'::regconfig, stemmed), 'B')
    {pairs}|| setweight(to_tsvector('simple'::regconfig, parts), 'D')
) STORED"""
PAIRS = (
    "|| setweight(array_to_tsvector("
    "search_word_pairs(stemmed_heading) || search_word_pairs(stemmed)), 'C')\n    "
)
FORWARD = [
    """CREATE FUNCTION search_word_pairs(words text) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT coalesce(array_agg(w[i] || '_' || w[i + 1] ORDER BY i), '{}')
        FROM (SELECT string_to_array(words, ' ') AS w) AS split,
             generate_series(1, coalesce(array_length(w, 1), 0) - 1) AS i
    $$""",
    "DROP INDEX search_entry_document",
    "ALTER TABLE search_searchentry DROP COLUMN document",
    DOCUMENT.format(pairs=PAIRS),
    "CREATE INDEX search_entry_document ON search_searchentry USING GIN (document)",
    "ALTER TABLE search_searchentry ALTER COLUMN document SET STATISTICS 1000",
]
BACKWARD = [
    "DROP INDEX search_entry_document",
    "ALTER TABLE search_searchentry DROP COLUMN document",
    DOCUMENT.format(pairs=""),
    "CREATE INDEX search_entry_document ON search_searchentry USING GIN (document)",
    "ALTER TABLE search_searchentry ALTER COLUMN document SET STATISTICS 1000",
    "DROP FUNCTION search_word_pairs(text)",
]


def _run(statements: list[str]):  # type: ignore[no-untyped-def]
    def run(apps, schema_editor):  # type: ignore[no-untyped-def]
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0005_document_statistics")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
