"""`make test`: ruff, then the whole pytest suite on SQLite, then again on PostgreSQL.

PostgreSQL comes from VANPHONG_TEST_POSTGRES_URL, else a local server on 127.0.0.1:5432 (user
postgres). Without one the second pass is skipped with a notice, unless CI=true, where it is a
failure. Extra arguments go to pytest: `python tests/run_suite.py -k units`.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/vanphong"
CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def postgres_url() -> str | None:
    url = os.environ.get("VANPHONG_TEST_POSTGRES_URL", DEFAULT_PG)
    try:
        import psycopg

        conninfo = url.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(conninfo, connect_timeout=3):
            return url
    except Exception as exc:
        print(f"PostgreSQL not reachable at {url}: {exc}", file=sys.stderr)
        return None


def run(title: str, cmd: list[str], env: dict[str, str] | None = None) -> int:
    print(f"\n=== {title} ===", flush=True)
    started = time.monotonic()
    code = subprocess.call(cmd, cwd=ROOT, env={**os.environ, **(env or {})})
    outcome = "ok" if code == 0 else f"FAILED ({code})"
    print(f"=== {title}: {outcome} in {time.monotonic() - started:.0f}s", flush=True)
    return code


def main(argv: list[str]) -> int:
    if run("ruff", [str(BIN / "ruff"), "check", "."]):
        return 1
    # One pytest process per core (pytest-xdist) unless the caller chose otherwise.
    parallel = [] if any(a == "-n" or a.startswith("-n") for a in argv) else ["-n", "auto"]
    pytest = [str(BIN / "python"), "-m", "pytest", *parallel, *argv]
    failed = run("tests on SQLite", pytest, {"VANPHONG_DATABASE_URL": ""})
    url = postgres_url()
    if url is None:
        if CI:
            print("CI=true: PostgreSQL is required", file=sys.stderr)
            return 1
        print("\nPostgreSQL pass skipped (set VANPHONG_TEST_POSTGRES_URL to run it)")
    else:
        failed |= run("tests on PostgreSQL", pytest, {"VANPHONG_DATABASE_URL": url})
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
