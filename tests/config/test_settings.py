"""Settings come from VANPHONG_* variables with safe defaults; the deploy check is clean."""

import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow


def _vanphong(tmp_path, *args, **env):
    # A clean environment: the test process's own settings (and the async escape hatch the
    # browser tests need) must not leak into the command under test.
    environ = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("VANPHONG_") and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    environ.update({"VANPHONG_DATA_DIR": str(tmp_path), **env})
    return subprocess.run(
        [sys.executable, "-m", "vanphong.cli", *args],
        capture_output=True,
        text=True,
        env=environ,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("base_url", ["https://vanphong.hanoi.example", "http://127.0.0.1:8000"])
def test_deploy_check_is_clean_without_debug(tmp_path, base_url):
    result = _vanphong(
        tmp_path, "check", "--deploy", "--fail-level", "WARNING", VANPHONG_BASE_URL=base_url
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_plain_http_on_a_network_address_is_reported(tmp_path):
    result = _vanphong(tmp_path, "check", "--deploy", VANPHONG_BASE_URL="http://10.0.0.5")
    assert "security.W012" in result.stderr + result.stdout  # session cookie not secure


def test_a_secret_key_is_generated_once_and_kept_private(tmp_path):
    assert _vanphong(tmp_path, "check").returncode == 0
    key_file = tmp_path / "secret_key"
    key = key_file.read_text()
    assert len(key) >= 50
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"
    assert _vanphong(tmp_path, "check").returncode == 0
    assert key_file.read_text() == key


def test_sqlite_runs_in_wal_mode(tmp_path):
    result = _vanphong(
        tmp_path,
        "shell",
        "-c",
        "from django.db import connection; c = connection.cursor(); "
        "print(c.execute('PRAGMA journal_mode').fetchone()[0])",
    )
    assert result.stdout.strip().splitlines()[-1] == "wal", result.stderr


@pytest.mark.django_db
def test_postgresql_connections_run_without_jit_or_parallel_workers_and_plan_for_cached_data():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL setting (the suite's second pass)")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
        cursor.execute("SHOW random_page_cost")
        assert cursor.fetchone()[0] == "1.1"
        cursor.execute("SHOW max_parallel_workers_per_gather")
        assert cursor.fetchone()[0] == "0"
