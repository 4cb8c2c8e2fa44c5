"""The full-text part of the index, in each database's own machinery.

SQLite: an FTS5 table over the folded columns, its content read from search_searchentry
(external content) and kept in step by triggers, so that no write can leave it stale.
PostgreSQL: a generated tsvector column ('simple' configuration: the text is folded already)
with a GIN index.

Careful: on SQLite a later migration that rebuilds search_searchentry (most AlterField) drops
these triggers with the old table; such a migration must create them again (``SQLITE_TRIGGERS``).
"""

from django.db import migrations

SQLITE_TABLE = """
CREATE VIRTUAL TABLE search_fts USING fts5(
    title, body_folded,
    content='search_searchentry', content_rowid='document_id',
    tokenize='unicode61 remove_diacritics 2', prefix='2 3'
)
"""
SQLITE_TRIGGERS = [
    """
    CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchentry BEGIN
        INSERT INTO search_fts(rowid, title, body_folded)
        VALUES (new.document_id, new.title, new.body_folded);
    END
    """,
    """
    CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, body_folded)
        VALUES ('delete', old.document_id, old.title, old.body_folded);
    END
    """,
    """
    CREATE TRIGGER search_fts_update AFTER UPDATE OF title, body_folded ON search_searchentry
    BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, body_folded)
        VALUES ('delete', old.document_id, old.title, old.body_folded);
        INSERT INTO search_fts(rowid, title, body_folded)
        VALUES (new.document_id, new.title, new.body_folded);
    END
    """,
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS search_fts_update",
    "DROP TRIGGER IF EXISTS search_fts_delete",
    "DROP TRIGGER IF EXISTS search_fts_insert",
    "DROP TABLE IF EXISTS search_fts",
]
POSTGRES = [
    """
    ALTER TABLE search_searchentry ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, title), 'A')
        || setweight(to_tsvector('simple'::regconfig, body_folded), 'D')
    ) STORED
    """,
    "CREATE INDEX search_entry_vector ON search_searchentry USING gin (search_vector)",
]
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS search_entry_vector",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS search_vector",
]


def _run(schema_editor, statements):
    for statement in statements:
        schema_editor.execute(statement)


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, [SQLITE_TABLE, *SQLITE_TRIGGERS])
        # Rows written before this migration (none in practice) join the index.
        schema_editor.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")
    elif vendor == "postgresql":
        _run(schema_editor, POSTGRES)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, SQLITE_DROP)
    elif vendor == "postgresql":
        _run(schema_editor, POSTGRES_DROP)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
