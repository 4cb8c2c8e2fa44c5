"""SQLite's statistics kept up as the tables grow (``core.statistics``): a table with rows and
no statistics is analysed, and again once it has doubled; PostgreSQL keeps its own."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import connection
from django.utils import timezone

from tests.plans import forget_statistics, query_plan
from vanphong.core import statistics
from vanphong.core.models import WorkerHeartbeat

pytestmark = pytest.mark.django_db


@pytest.fixture
def sqlite() -> Iterator[None]:
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL analyses its tables itself (autovacuum)")
    yield
    forget_statistics()


def heartbeats(first: int, last: int) -> None:
    now = timezone.now()
    WorkerHeartbeat.objects.bulk_create(
        WorkerHeartbeat(worker_id=f"w{n}", hostname="h", pid=n, started_at=now, last_seen=now)
        for n in range(first, last)
    )


def analysed_rows(table: str) -> int | None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = %s", [table])
        stats = [int(stat.split()[0]) for (stat,) in cursor.fetchall()]
    return max(stats) if stats else None


def test_a_table_is_analysed_once_it_holds_rows_and_again_once_it_has_doubled(sqlite):
    table = WorkerHeartbeat._meta.db_table
    assert table not in statistics.refresh_statistics()  # empty: nothing to learn
    heartbeats(0, 10)
    analysed = statistics.refresh_statistics()
    assert table in analysed
    assert analysed_rows(table) == 10
    assert statistics.stale_tables() == []  # every table with rows has its statistics
    heartbeats(10, 20)  # twice the rows: not yet more than twice
    assert statistics.refresh_statistics() == []
    heartbeats(20, 21)
    assert statistics.refresh_statistics() == [table]
    assert analysed_rows(table) == 21


def test_a_table_whose_rows_were_deleted_is_counted_not_analysed_again(sqlite):
    # The highest rowid only tells that a table may have grown: its rows are counted then.
    heartbeats(0, 10)
    statistics.refresh_statistics()
    WorkerHeartbeat.objects.filter(pid__lt=9).delete()
    heartbeats(30, 45)  # rowids up to 25, past twice the 10 analysed, where 16 rows are left
    assert statistics.stale_tables() == []


def test_the_statistics_change_the_plan(sqlite):
    # What they are for: without them SQLite takes an index on an equality for more selective
    # than one on a range; with them it knows that every worker runs on one host.
    heartbeats(0, 200)
    query = "SELECT * FROM core_workerheartbeat WHERE pid > 150 AND hostname = 'h'"
    with connection.cursor() as cursor:
        cursor.execute("CREATE INDEX test_heartbeat_host ON core_workerheartbeat (hostname)")
        cursor.execute("CREATE INDEX test_heartbeat_pid ON core_workerheartbeat (pid)")
    before = " ".join(query_plan(query))
    statistics.refresh_statistics()
    after = " ".join(query_plan(query))
    assert "USING INDEX test_heartbeat_host" in before, before
    assert "USING INDEX test_heartbeat_pid" in after, after


def test_postgresql_keeps_its_own():
    if connection.vendor == "sqlite":
        pytest.skip("a PostgreSQL behaviour (the suite's second pass)")
    heartbeats(0, 10)
    assert statistics.stale_tables() == []
    assert statistics.refresh_statistics() == []
