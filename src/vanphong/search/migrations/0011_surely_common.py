"""PostgreSQL: ``search_surely_common``, whether words are so common by the statistics of the
last ANALYZE that documents holding them all surely number more than a bound
(``search.selectors.surely_common_sql``). A PL/pgSQL function plans its statement once for a
connection and keeps the plan, where the statistics' view written out in each search's
statement was planned with it every time: a search's first statement plans in 1.5–2.1 ms
where it took 2.1–2.8, at a million documents. It runs as the caller: the view shows it the
statistics of the columns it may read, as before. SQLite: nothing to do.
"""

from django.db import migrations

POSTGRES_FUNCTION = """
    CREATE FUNCTION search_surely_common(
        searched text[], relation regclass, attribute name, over double precision
    ) RETURNS boolean LANGUAGE plpgsql STABLE AS $$
    BEGIN
        RETURN coalesce((
            SELECT CASE WHEN bool_and(f.share IS NOT NULL)
            THEN max(c.reltuples) * exp(sum(ln(f.share))) END
            FROM pg_class c JOIN pg_stats s ON s.schemaname = current_schema()
            AND s.tablename = c.relname AND s.attname = attribute
            CROSS JOIN LATERAL (SELECT s.most_common_elems::text::text[]) AS known(elements)
            CROSS JOIN LATERAL unnest(searched) AS w(word)
            CROSS JOIN LATERAL (
                SELECT s.most_common_elem_freqs[array_position(known.elements, w.word)]
            ) AS f(share)
            WHERE c.oid = relation
        ) > over, false);
    END
    $$
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_FUNCTION)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "DROP FUNCTION search_surely_common(text[], regclass, name, double precision)"
        )


class Migration(migrations.Migration):
    dependencies = [("search", "0010_reader_lists")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
