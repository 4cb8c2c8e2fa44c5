"""Test support shared by tests/core, tests/audit and tests/api.

* ``clock``: moves Django's clock forward, so that "a minute later" needs no sleeping.
* ``instance``: a vanphong installation of its own for tests that start real processes
  (``vanphong worker``, ``vanphong serve``): a data directory and a migrated database matching
  the pass (a SQLite file in the SQLite pass, a fresh PostgreSQL database in the PostgreSQL
  pass), reached by the ``vanphong`` command with the repository root on PYTHONPATH so that
  the worker can import the test jobs in ``tests.core.jobs``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SQLITE_NAME = "vanphong.sqlite3"

# What a subprocess runs before the test's own code: Django set up on the instance's settings.
_PROLOGUE = (
    "import json, os, django\n"
    "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'vanphong.config.settings')\n"
    "django.setup()\n"
    "result = None\n"
)


class Clock:
    """Django's ``timezone.now`` running ``offset`` ahead of the real clock."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from django.utils import timezone

        self.offset = dt.timedelta()
        real_now = timezone.now
        monkeypatch.setattr(timezone, "now", lambda: real_now() + self.offset)

    def advance(self, **delta: float) -> None:
        self.offset += dt.timedelta(**delta)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    return Clock(monkeypatch)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _postgres_server() -> tuple[str, str] | None:
    """(server URL without database, configured database name) in the PostgreSQL pass."""
    url = os.environ.get("VANPHONG_DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return None
    server, _, name = url.rpartition("/")
    return server, name.split("?")[0] or "vanphong"


def _admin_sql(server: str, statement: str) -> None:
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(statement)


@dataclass
class Instance:
    """One vanphong installation: its data directory and its database."""

    data_dir: Path
    database_url: str = ""  # empty: SQLite in the data directory, as `vanphong serve` does
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)
    _logs: dict[int, str] = field(default_factory=dict)

    @property
    def vendor(self) -> str:
        return "postgresql" if self.database_url else "sqlite"

    def env(self, **extra: str) -> dict[str, str]:
        env = {
            **os.environ,
            "VANPHONG_DATA_DIR": str(self.data_dir),
            "VANPHONG_DATABASE_URL": self.database_url,
            "VANPHONG_LOG_LEVEL": "WARNING",
            "PYTHONPATH": os.pathsep.join(
                p for p in (str(ROOT), str(ROOT / "src"), os.environ.get("PYTHONPATH")) if p
            ),
        }
        env.update(extra)
        return env

    def command(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "vanphong.cli", *args]

    def run(self, *args: str, timeout: float = 60, **env: str) -> subprocess.CompletedProcess[str]:
        """Run ``vanphong ARGS`` to the end; the caller looks at the exit code and output."""
        return subprocess.run(
            self.command(*args),
            env=self.env(**env),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )

    def start(self, *args: str, **env: str) -> subprocess.Popen[bytes]:
        """Start ``vanphong ARGS`` in the background; output goes to files in the data dir."""
        name = f"{args[0]}-{len(self.processes)}"
        proc = subprocess.Popen(
            self.command(*args),
            env=self.env(**env),
            stdout=(self.data_dir / f"{name}.out").open("wb"),
            stderr=(self.data_dir / f"{name}.err").open("wb"),
        )
        self.processes.append(proc)
        self._logs[proc.pid] = name
        return proc

    def output(self, proc: subprocess.Popen[bytes]) -> str:
        """What a process started by ``start`` has printed so far."""
        name = self._logs[proc.pid]
        return "".join(
            (self.data_dir / f"{name}.{kind}").read_text(errors="replace")
            for kind in ("out", "err")
        )

    def python(self, code: str) -> Any:
        """Run ``code`` in a new process set up like the instance; return its ``result``."""
        script = _PROLOGUE + textwrap.dedent(code) + "\nprint(json.dumps(result))\n"
        done = subprocess.run(
            [sys.executable, "-c", script],
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout.strip().splitlines()[-1])

    def sql(self, query: str) -> list[tuple[Any, ...]]:
        """Rows of ``query`` read straight from the instance's database (no Django here)."""
        if self.vendor == "sqlite":
            conn = sqlite3.connect(self.data_dir / SQLITE_NAME, timeout=30)
            try:
                with conn:
                    return conn.execute(query).fetchall()
            finally:
                conn.close()
        import psycopg

        with psycopg.connect(self.database_url, autocommit=True) as conn:
            cursor = conn.execute(query)
            return cursor.fetchall() if cursor.description else []

    def wait_for(self, condition: Callable[[], Any], *, timeout: float = 30, what: str = "") -> Any:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = condition()
            if value:
                return value
            time.sleep(0.1)
        raise AssertionError(f"timed out after {timeout}s waiting for {what or condition}")

    def stop_all(self) -> None:
        """End the processes this instance started that are still running (by their own id)."""
        for proc in self.processes:
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                proc.wait(timeout=10)


@dataclass
class _Template:
    data_dir: Path
    database_url: str
    server: str | None
    name: str


_TEMPLATES: list[_Template] = []


@pytest.fixture(scope="session")
def instance_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[_Template]:
    """A database migrated once per run, copied for every instance (a migration takes seconds).

    Each test directory's conftest brings its own copy of this fixture; they share one template.
    """
    if _TEMPLATES:
        yield _TEMPLATES[0]
        return
    data_dir = tmp_path_factory.mktemp("instance-template")
    pg = _postgres_server()
    if pg is None:
        template = _Template(data_dir, "", None, "")
    else:
        server, configured = pg
        name = f"{configured}_tpl_{secrets.token_hex(4)}"
        _admin_sql(server, f'CREATE DATABASE "{name}"')
        template = _Template(data_dir, f"{server}/{name}", server, name)
    try:
        migrated = Instance(data_dir, template.database_url).run("migrate", "--verbosity", "0")
        assert migrated.returncode == 0, migrated.stderr
        _TEMPLATES.append(template)
        yield template
    finally:
        _TEMPLATES.clear()
        if template.server:
            _admin_sql(template.server, f'DROP DATABASE IF EXISTS "{template.name}" WITH (FORCE)')


@pytest.fixture
def instance(instance_template: _Template, tmp_path: Path) -> Iterator[Instance]:
    """A fresh, migrated installation of its own, removed afterwards."""
    data_dir = tmp_path / "instance"
    data_dir.mkdir()
    if instance_template.server is None:
        for suffix in ("", "-wal", "-shm"):
            source = instance_template.data_dir / f"{SQLITE_NAME}{suffix}"
            if source.exists():
                shutil.copy(source, data_dir / source.name)
        inst = Instance(data_dir)
        name = ""
    else:
        name = f"{instance_template.name.rsplit('_tpl_', 1)[0]}_i_{secrets.token_hex(4)}"
        _admin_sql(
            instance_template.server,
            f'CREATE DATABASE "{name}" TEMPLATE "{instance_template.name}"',
        )
        inst = Instance(data_dir, f"{instance_template.server}/{name}")
    try:
        yield inst
    finally:
        inst.stop_all()
        if instance_template.server:
            _admin_sql(instance_template.server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
