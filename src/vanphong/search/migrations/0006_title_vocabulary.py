"""PostgreSQL: the words the titles hold, each once (``search_titleword``), to complete a
prefix into the words it stands for (``search.lists``).

The GIN index of titles answers a prefix (``'vu':*``) by collecting every document holding any
word that begins with it before it can intersect the other words: "thuong vu" took 63 ms at a
million documents where the whole words ``'thuong' & 'vu'`` take 10. Completed into the
words it stands for, a prefix is answered as whole words are. The table is filled from the
titles here and kept by the indexing (``search.services``); a word no title holds any more is
left in it (a completion that finds nothing). SQLite's full-text table of titles has an index
of prefixes of its own (migration 0005): nothing to do there.
"""

from django.db import migrations

POSTGRES_TABLE = 'CREATE TABLE search_titleword (word text COLLATE "C" PRIMARY KEY)'
POSTGRES_FILL = (
    "INSERT INTO search_titleword (word) SELECT DISTINCT w FROM search_searchentry, "
    "unnest(tsvector_to_array(to_tsvector('simple'::regconfig, title))) AS w ORDER BY w "
    "ON CONFLICT DO NOTHING"
)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_TABLE)
        schema_editor.execute(POSTGRES_FILL)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP TABLE IF EXISTS search_titleword")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0005_title_words"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
