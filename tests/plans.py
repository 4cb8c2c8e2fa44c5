"""SQLite's plans in tests: a statement's plan, and the statistics ANALYZE writes taken away
again (``core.statistics``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connection


def query_plan(sql: str, params: Sequence[Any] = ()) -> list[str]:
    """The steps of SQLite's plan of ``sql`` (``EXPLAIN QUERY PLAN``), in order."""
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return [row[-1] for row in cursor.fetchall()]


def forget_statistics() -> None:
    """The statistics ANALYZE wrote in a test taken away, and read again (so that the tests
    after it plan as on a database never analysed)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_schema WHERE name = 'sqlite_stat1'")
        if cursor.fetchone() is not None:
            cursor.execute("DELETE FROM sqlite_stat1")
            cursor.execute("ANALYZE sqlite_schema")
