"""SQLite: the full-text table of titles also holds each title's kind and unit (a column
``scope`` of two words, ``incoming u12``), so that the lists find the titles of their own kind
and unit in it, as PostgreSQL does with the entry's columns (``search.lists``): "tham mưu" is
in 12,560 titles of 300,000 documents, too many to list, where the city's incoming documents
hold 1,377 of them. The table is made again with the column and filled from the entries (13 s
at 300,000 documents); its triggers follow the entry's kind and unit as well as its title.

Careful: these triggers replace 0005's; a later migration that rebuilds search_searchentry on
SQLite must create them again (``TRIGGERS``), as it would 0002's."""

import importlib

from django.db import migrations

# 0005's table, fill and triggers, which this migration replaces and its reverse puts back.
TITLE_WORDS = importlib.import_module("vanphong.search.migrations.0005_title_words")

TABLE = """
CREATE VIRTUAL TABLE search_titles USING fts5(
    title, scope, tokenize='unicode61 remove_diacritics 2', prefix='2 3'
)
"""
SCOPE = "{row}.kind || ' u' || {row}.unit_id"
TRIGGERS = [
    f"""
    CREATE TRIGGER search_titles_insert AFTER INSERT ON search_searchentry BEGIN
        INSERT INTO search_titles(rowid, title, scope)
        VALUES (new.document_id, new.title, {SCOPE.format(row="new")});
    END
    """,
    """
    CREATE TRIGGER search_titles_delete AFTER DELETE ON search_searchentry BEGIN
        DELETE FROM search_titles WHERE rowid = old.document_id;
    END
    """,
    f"""
    CREATE TRIGGER search_titles_update AFTER UPDATE OF title, kind, unit_id
    ON search_searchentry BEGIN
        UPDATE search_titles SET title = new.title, scope = {SCOPE.format(row="new")}
        WHERE rowid = old.document_id;
    END
    """,
]


def _rebuild(schema_editor, table, fill, triggers):
    if schema_editor.connection.vendor != "sqlite":
        return
    for statement in [*TITLE_WORDS.SQLITE_DROP, table, fill, *triggers]:
        schema_editor.execute(statement)


def forwards(apps, schema_editor):
    fill = (
        "INSERT INTO search_titles(rowid, title, scope) SELECT document_id, title, "
        f"{SCOPE.format(row='search_searchentry')} FROM search_searchentry"
    )
    _rebuild(schema_editor, TABLE, fill, TRIGGERS)


def backwards(apps, schema_editor):
    _rebuild(
        schema_editor,
        TITLE_WORDS.SQLITE_TABLE,
        TITLE_WORDS.SQLITE_FILL,
        TITLE_WORDS.SQLITE_TRIGGERS,
    )


class Migration(migrations.Migration):
    dependencies = [("search", "0006_title_vocabulary")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
