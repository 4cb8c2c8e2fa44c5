"""PostgreSQL: a GIN index of each title's words scoped by the entry's kind and unit
(``incoming.12.tham``), for the lists of one unit narrowed by words (``search.lists``).

The index of titles (migration 0005) answers words for the whole archive: a list of one unit
intersected its bitmap of them with the unit's (41,695 titles holding "tham" and "muu",
117,773 of the city office's entries: 20 ms at a million documents) to find the 4,402 it
lists; this index holds the unit's words apart (1 ms). The words are the title's tsvector's,
each written with its kind and unit before it, at the same positions; the expression is
``search.lists.SCOPED_TITLE``'s, written again here (a migration does not import the app's
code; a test checks that the lists read this index). 90 s at a million documents. SQLite's
table of titles holds the kind and unit in a column of its own (migration 0007).
"""

from django.db import migrations

SCOPED_TITLE = (
    "(regexp_replace(to_tsvector('simple'::regconfig, title)::text, "
    "'''((?:[^'']|'''')*)''', '''' || kind || '.' || unit_id || '.\\1''', 'g')::tsvector)"
)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX search_entry_title_scoped ON search_searchentry USING gin ({SCOPED_TITLE})"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_entry_title_scoped")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0007_title_scope"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
