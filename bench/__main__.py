"""`make bench`: run the benchmarks on SQLite and, when reachable, PostgreSQL; print figures.

Each database run is a fresh process with its own data directory and database, so the figures
do not depend on what ran before. `python -m bench --only foundation --db sqlite`.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUITES = ["foundation", "incoming", "outgoing", "archive_bench"]
# Suites that need no database run once, outside the per-database loop.
PURE_SUITES = ["extraction", "signing", "books"]
PG_ADMIN = os.environ.get(
    "VANPHONG_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres"
)


def _pg_database() -> tuple[str, str] | None:
    try:
        import psycopg

        admin = PG_ADMIN.rsplit("/", 1)[0] + "/postgres"
        name = f"vp_bench_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(admin, autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return admin, name
    except Exception as exc:
        print(f"(PostgreSQL not reachable, skipped: {exc})")
        return None


def _drop(admin: str, name: str) -> None:
    import psycopg

    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", choices=SUITES + PURE_SUITES, action="append")
    parser.add_argument("--db", choices=["sqlite", "postgres"], action="append")
    args = parser.parse_args()
    chosen = args.only or SUITES + PURE_SUITES
    suites = [s for s in chosen if s in SUITES]
    dbs = args.db or ["sqlite", "postgres"]
    failed = 0
    for suite in (s for s in chosen if s in PURE_SUITES):
        print(f"\n## {suite}", flush=True)
        failed |= subprocess.call([sys.executable, "-m", f"bench.{suite}"], cwd=ROOT)
    for db in dbs:
        with tempfile.TemporaryDirectory(prefix="vanphong-bench-") as data_dir:
            env = {**os.environ, "VANPHONG_DATA_DIR": data_dir, "PYTHONPATH": str(ROOT)}
            pg = None
            if db == "postgres":
                pg = _pg_database()
                if pg is None:
                    continue
                env["VANPHONG_DATABASE_URL"] = pg[0].rsplit("/", 1)[0] + "/" + pg[1]
            else:
                env["VANPHONG_DATABASE_URL"] = f"sqlite:///{data_dir}/bench.sqlite3"
            try:
                for suite in suites:
                    print(f"\n## {suite} on {db}", flush=True)
                    failed |= subprocess.call(
                        [sys.executable, "-m", f"bench.{suite}"], cwd=ROOT, env=env
                    )
            finally:
                if pg is not None:
                    _drop(*pg)
    return failed


if __name__ == "__main__":
    sys.exit(main())
