"""A full-text index of the titles alone, for the lists' text filter (``search.lists``).

The index of migration 0002 holds the title and the text of the files together; a word of a
title is found there among every document whose text holds it (a title column filter still
reads all of them). The lists are narrowed by titles only, and get an index of their own:
SQLite an FTS5 table of the titles, which keeps its own copy of them (``SearchTitle``: the
lists test a row's title there, in a narrow table, rather than in the entry's wide one), kept
in step by triggers; PostgreSQL a GIN index of the title's tsvector, and the titles by
document in a B-tree the lists read them from without visiting the entries' wide rows.

Titles are kept with their words one space apart (a phrase is then found in them as typed,
``" tham muu "``): the titles written before are collapsed here first.

Careful: on SQLite a later migration that rebuilds search_searchentry drops these triggers with
the old table, as it would 0002's; such a migration must create them again (``SQLITE_TRIGGERS``).
"""

from django.db import migrations, models

SQLITE_TABLE = """
CREATE VIRTUAL TABLE search_titles USING fts5(
    title, tokenize='unicode61 remove_diacritics 2', prefix='2 3'
)
"""
SQLITE_FILL = (
    "INSERT INTO search_titles(rowid, title) SELECT document_id, title FROM search_searchentry"
)
SQLITE_TRIGGERS = [
    """
    CREATE TRIGGER search_titles_insert AFTER INSERT ON search_searchentry BEGIN
        INSERT INTO search_titles(rowid, title) VALUES (new.document_id, new.title);
    END
    """,
    """
    CREATE TRIGGER search_titles_delete AFTER DELETE ON search_searchentry BEGIN
        DELETE FROM search_titles WHERE rowid = old.document_id;
    END
    """,
    """
    CREATE TRIGGER search_titles_update AFTER UPDATE OF title ON search_searchentry BEGIN
        UPDATE search_titles SET title = new.title WHERE rowid = old.document_id;
    END
    """,
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS search_titles_update",
    "DROP TRIGGER IF EXISTS search_titles_delete",
    "DROP TRIGGER IF EXISTS search_titles_insert",
    "DROP TABLE IF EXISTS search_titles",
]
# SQLite has no regexp_replace: doubled spaces halved until none is left (a run of n spaces
# takes log2(n) rounds; 0002's triggers keep its full-text table in step).
SQLITE_COLLAPSE = (
    "UPDATE search_searchentry SET title = trim(replace(title, '  ', ' ')) "
    "WHERE title LIKE '%  %' OR title LIKE ' %' OR title LIKE '% '"
)
POSTGRES_COLLAPSE = (
    "UPDATE search_searchentry SET title = btrim(regexp_replace(title, ' {2,}', ' ', 'g')) "
    "WHERE title ~ '(^ | {2}| $)'"
)
POSTGRES_INDEXES = [
    "CREATE INDEX search_entry_title_words ON search_searchentry "
    "USING gin (to_tsvector('simple'::regconfig, title))",
    # A row's title read from the index alone (the entry's heap rows hold the files' text): a
    # list testing each row it reads on its title, 91 → 78 ms for the city's at a million.
    "CREATE INDEX search_entry_title_by_document ON search_searchentry (document_id) "
    "INCLUDE (title)",
]


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for statement in [POSTGRES_COLLAPSE, *POSTGRES_INDEXES]:
            schema_editor.execute(statement)
    elif vendor == "sqlite":
        with schema_editor.connection.cursor() as cursor:
            while True:
                cursor.execute(SQLITE_COLLAPSE)
                if cursor.rowcount <= 0:
                    break
        for statement in [SQLITE_TABLE, SQLITE_FILL, *SQLITE_TRIGGERS]:
            schema_editor.execute(statement)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_entry_title_by_document")
        schema_editor.execute("DROP INDEX IF EXISTS search_entry_title_words")
    elif vendor == "sqlite":
        for statement in SQLITE_DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0004_year_newest")]

    operations = [
        migrations.RunPython(forwards, backwards, elidable=False),
        migrations.CreateModel(
            name="SearchTitle",
            fields=[
                ("rowid", models.BigIntegerField(primary_key=True, serialize=False)),
                ("title", models.TextField()),
            ],
            options={"db_table": "search_titles", "managed": False},
        ),
    ]
