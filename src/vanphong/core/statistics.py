"""The statistics SQLite plans its queries by, kept up as the tables grow.

PostgreSQL keeps its own: autovacuum analyses a table as its rows change. SQLite has none
until ``ANALYZE`` runs, and then keeps what it found until it runs again. A database never
analysed is planned without knowing how rows spread over an index's values. At a million
documents (``bench/RESULTS.md``, eighteenth session), such a database:
- registered 22.7 documents a second where the analysed one registered 77.4;
- listed the city leader's documents narrowed by "thuong vu" in 72 ms where the analysed one
  took 21.

Workers keep the statistics (``core.worker``). A table is analysed once it holds rows and has
no statistics, and again each time it has grown to ``GROWTH`` times the rows it had when last
analysed: some twenty times on its way to a million rows. Each table is analysed in a
transaction of its own, which holds the write lock while it lasts: 0.2–1.2 s for the largest
tables of a million documents, where analysing the whole database at once took 25 s.
"""

from __future__ import annotations

import logging
import time

from django.db import connection

logger = logging.getLogger("vanphong.statistics")

# A table is analysed again once it holds this many times the rows it had when last analysed.
GROWTH = 2
# How often a worker looks for tables to analyse.
EVERY_SECONDS = 3600


def _analysed_rows() -> dict[str, int]:
    """The rows of each analysed table when it was last analysed: the largest first number of
    its lines in ``sqlite_stat1`` (an index's entries, or the table's rows where it has no
    index; a partial index holds fewer)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'sqlite_stat1'")
        if cursor.fetchone() is None:
            return {}  # nothing was ever analysed
        cursor.execute("SELECT tbl, stat FROM sqlite_stat1")
        analysed: dict[str, int] = {}
        for table, stat in cursor.fetchall():
            analysed[table] = max(analysed.get(table, 0), int(str(stat).split()[0]))
        return analysed


def stale_tables() -> list[str]:
    """The tables of the models whose statistics are missing (and which hold rows) or were
    taken when they held less than 1/``GROWTH`` of their rows; none on PostgreSQL."""
    if connection.vendor != "sqlite":
        return []
    analysed = _analysed_rows()
    stale = []
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.django_table_names(only_existing=True)):
            quoted = connection.ops.quote_name(table)
            before = analysed.get(table, 0)
            # The highest rowid bounds the rows from above at the cost of one lookup: only a
            # table that may have grown enough is counted.
            cursor.execute(f"SELECT max(rowid) FROM {quoted}")  # noqa: S608 (a model's table)
            if (cursor.fetchone()[0] or 0) <= before * GROWTH:
                continue
            cursor.execute(f"SELECT count(*) FROM {quoted}")  # noqa: S608 (a model's table)
            if cursor.fetchone()[0] > before * GROWTH:
                stale.append(table)
    return stale


def refresh_statistics() -> list[str]:
    """``ANALYZE`` each of ``stale_tables()``, one at a time; the tables analysed. Logged
    once a pass (INFO), each table at DEBUG."""
    tables = stale_tables()
    started = time.perf_counter()
    for table in tables:
        began = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
        logger.debug("analysed %s in %.2f s", table, time.perf_counter() - began)
    if tables:
        logger.info("analysed %d tables in %.2f s", len(tables), time.perf_counter() - started)
    return tables
