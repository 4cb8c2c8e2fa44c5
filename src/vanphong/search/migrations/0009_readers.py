"""Who may read each entry, as words (``search.sources.unit_reader``…), in a column
``readers``; on SQLite also in the full-text table, a third column beside the title and the
text, so that FTS5 finds a person's matches among the documents they may read (words AND
readers), newest first, instead of walking the archive's matches and testing each against a
list of the person's documents.

The column is added with the word ``any_reader`` (``sources.ANY_READER``), which every
person's search also looks for: entries indexed before this migration are found by anyone as
before (the scope's rule decides on each), until ``vanphong reindex`` writes their readers. SQLite's
full-text table is made again with the column and rebuilt from the entries (minutes at a
million documents), taking "_" as part of a word: the readers' words hold one, which folded
text never does, so that words searched for never find readers' words. PostgreSQL only adds
the column (a constant default: no rewrite).

Careful: these triggers replace 0002's; a later migration that rebuilds search_searchentry on
SQLite must create them again (``SQLITE_TRIGGERS``).
"""

import importlib

from django.db import migrations, models

# 0002's table and triggers, which this migration replaces and its reverse puts back.
FULLTEXT = importlib.import_module("vanphong.search.migrations.0002_fulltext")

ADD_COLUMN = (
    "ALTER TABLE search_searchentry ADD COLUMN readers text NOT NULL DEFAULT 'any_reader'"
)
DROP_COLUMN = "ALTER TABLE search_searchentry DROP COLUMN readers"

SQLITE_TABLE = """
CREATE VIRTUAL TABLE search_fts USING fts5(
    title, body_folded, readers,
    content='search_searchentry', content_rowid='document_id',
    tokenize="unicode61 remove_diacritics 2 tokenchars '_'", prefix='2 3'
)
"""
SQLITE_TRIGGERS = [
    """
    CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchentry BEGIN
        INSERT INTO search_fts(rowid, title, body_folded, readers)
        VALUES (new.document_id, new.title, new.body_folded, new.readers);
    END
    """,
    """
    CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, body_folded, readers)
        VALUES ('delete', old.document_id, old.title, old.body_folded, old.readers);
    END
    """,
    """
    CREATE TRIGGER search_fts_update AFTER UPDATE OF title, body_folded, readers
    ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, body_folded, readers)
        VALUES ('delete', old.document_id, old.title, old.body_folded, old.readers);
        INSERT INTO search_fts(rowid, title, body_folded, readers)
        VALUES (new.document_id, new.title, new.body_folded, new.readers);
    END
    """,
]
REBUILD = "INSERT INTO search_fts(search_fts) VALUES ('rebuild')"


def _sqlite(schema_editor, column, table, triggers):
    """The full-text table made again after the entries' ``column`` statement, and filled."""
    FULLTEXT._run(schema_editor, [*FULLTEXT.SQLITE_DROP, column, table, *triggers, REBUILD])


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _sqlite(schema_editor, ADD_COLUMN, SQLITE_TABLE, SQLITE_TRIGGERS)
    elif vendor == "postgresql":
        schema_editor.execute(ADD_COLUMN)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _sqlite(schema_editor, DROP_COLUMN, FULLTEXT.SQLITE_TABLE, FULLTEXT.SQLITE_TRIGGERS)
    elif vendor == "postgresql":
        schema_editor.execute(DROP_COLUMN)


class Migration(migrations.Migration):
    dependencies = [("search", "0008_title_scoped")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(forwards, backwards, elidable=False)],
            state_operations=[
                migrations.AddField(
                    model_name="searchentry",
                    name="readers",
                    field=models.TextField(db_default="any_reader"),
                ),
            ],
        )
    ]
