"""PostgreSQL: each entry's readers' words (``SearchEntry.readers``) as rows of
``search_reader`` (word, document id), whose key hands a word's documents newest first, so
that search lists a person's newest documents from one index per word of theirs
(``search.selectors._listing_sql``), as SQLite's full-text table walks them (migration 0009).

The rows are written by triggers on ``search_searchentry`` (as SQLite's full-text table is),
whoever writes the entries, and filled here from the entries there are. No foreign key: a
table Django does not know of would stop its flush of the entries; a row left by a flush is
one more document listed, which the scope's rule then refuses, and a new row for it is
written over it (``ON CONFLICT``). SQLite: nothing to do.
"""

import importlib

from django.db import migrations

# 0002's helper, which runs statements in order.
FULLTEXT = importlib.import_module("vanphong.search.migrations.0002_fulltext")

POSTGRES = [
    "CREATE TABLE search_reader (word text COLLATE \"C\" NOT NULL, document_id bigint NOT NULL)",
    "INSERT INTO search_reader (word, document_id) "
    "SELECT DISTINCT w, document_id FROM search_searchentry, "
    "unnest(string_to_array(readers, ' ')) AS w WHERE w <> ''",
    "ALTER TABLE search_reader ADD PRIMARY KEY (word, document_id)",
    """
    CREATE FUNCTION search_reader_write() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
            DELETE FROM search_reader
            WHERE word = ANY(string_to_array(OLD.readers, ' '))
            AND document_id = OLD.document_id;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            INSERT INTO search_reader (word, document_id)
            SELECT DISTINCT w, NEW.document_id FROM unnest(string_to_array(NEW.readers, ' ')) AS w
            WHERE w <> '' ON CONFLICT DO NOTHING;
        END IF;
        RETURN NULL;
    END
    $$
    """,
    "CREATE TRIGGER search_reader_insert AFTER INSERT OR DELETE ON search_searchentry "
    "FOR EACH ROW EXECUTE FUNCTION search_reader_write()",
    "CREATE TRIGGER search_reader_update AFTER UPDATE OF readers ON search_searchentry "
    "FOR EACH ROW WHEN (OLD.readers IS DISTINCT FROM NEW.readers) "
    "EXECUTE FUNCTION search_reader_write()",
]
POSTGRES_DROP = [
    "DROP TRIGGER IF EXISTS search_reader_update ON search_searchentry",
    "DROP TRIGGER IF EXISTS search_reader_insert ON search_searchentry",
    "DROP FUNCTION IF EXISTS search_reader_write()",
    "DROP TABLE IF EXISTS search_reader",
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        FULLTEXT._run(schema_editor, POSTGRES)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        FULLTEXT._run(schema_editor, POSTGRES_DROP)


class Migration(migrations.Migration):
    dependencies = [("search", "0009_readers")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
