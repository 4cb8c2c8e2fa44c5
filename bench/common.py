"""Helpers for benchmarks: set Django up against the database named by the environment."""

from __future__ import annotations

import os
import platform
import statistics
import time
from collections.abc import Callable


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vanphong.config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    return (
        f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"10^7 additions in {speed():.2f} s"
    )


def speed() -> float:
    """Seconds this machine takes for a fixed piece of Python (10⁷ additions, the best of
    three): figures of two runs compare only as far as this does (the machines of two sessions
    have differed by more than two times)."""
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        total = 0
        for i in range(10**7):
            total += i
        best = min(best, time.perf_counter() - started)
    return best


def database_speed() -> str:
    """The time the database takes for a fixed statement that reads no table (the sum of the
    first 3·10⁶ integers on PostgreSQL, of 10⁶ on SQLite; the best of three): the machine's
    Python (``speed``) did not tell how fast its database runs (one session's machine was the
    faster at the first and the slower at the second, pages 1.3–1.7 times slower)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        statement = "SELECT sum(i) FROM generate_series(1, 3000000) AS i"
    else:
        statement = (
            "WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < 1000000) "
            "SELECT sum(i) FROM r"
        )
    best = float("inf")
    with connection.cursor() as cursor:
        for _ in range(3):
            started = time.perf_counter()
            cursor.execute(statement)
            cursor.fetchone()
            best = min(best, time.perf_counter() - started)
    return f"a fixed statement of the database in {best * 1000:.0f} ms"


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    """Milliseconds per call of ``fn``, ``repeat`` times."""
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def percentiles(samples: list[float]) -> str:
    q = statistics.quantiles(samples, n=100)
    return f"p50 {statistics.median(samples):.1f} ms, p95 {q[94]:.1f} ms"
