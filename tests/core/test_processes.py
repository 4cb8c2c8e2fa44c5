"""Real ``vanphong worker`` and ``vanphong serve`` processes on a database of their own.

In the SQLite pass the instance is a SQLite file in WAL mode, in the PostgreSQL pass a fresh
PostgreSQL database (see ``instance`` in tests/core/support.py): the same code must share one
queue safely on both.
"""

import json
import signal
import urllib.request

import pytest

from tests.core.support import Instance, free_port

pytestmark = pytest.mark.slow

JOBS = 200


def statuses(instance: Instance) -> dict[str, int]:
    rows = instance.sql(
        "SELECT status, COUNT(*) FROM django_tasks_database_dbtaskresult GROUP BY status"
    )
    return dict(rows)


def as_json(value):
    return json.loads(value) if isinstance(value, str) else value


def traces(instance: Instance) -> list[dict]:
    rows = instance.sql(
        "SELECT after FROM audit_auditevent WHERE action = 'test.job_ran' ORDER BY seq"
    )
    return [as_json(after) for (after,) in rows]


def enqueue(instance: Instance, code: str) -> None:
    instance.python(f"from tests.core import jobs\n{code}")


def test_three_workers_share_the_queue_and_run_every_job_exactly_once(instance):
    # Each job "works" 10 ms, so that the three workers overlap and compete for the queue.
    enqueue(instance, f"for n in range({JOBS}):\n    jobs.record_run.enqueue(n=n, pause=0.01)")
    assert statuses(instance) == {"READY": JOBS}

    workers = [
        instance.start("worker", "--batch", "--verbosity", "0", f"--worker-id=w{i}")
        for i in range(3)
    ]
    for worker in workers:
        assert worker.wait(timeout=120) == 0, instance.output(worker)

    assert statuses(instance) == {"SUCCESSFUL": JOBS}
    assert sorted(t["n"] for t in traces(instance)) == list(range(JOBS)), "each job ran once"
    claims = [
        as_json(ids)
        for (ids,) in instance.sql("SELECT worker_ids FROM django_tasks_database_dbtaskresult")
    ]
    assert all(len(ids) == 1 for ids in claims), "no job was claimed twice"
    assert len({ids[0] for ids in claims}) >= 2, "the workers were meant to share the work"
    assert instance.sql("SELECT COUNT(*) FROM core_workerheartbeat") == [(0,)]

    # Three processes appended to the audit journal at once: it is still one unbroken chain.
    verified = instance.run("audit_verify")
    assert verified.returncode == 0, verified.stderr
    assert f"{JOBS} event(s) verified" in verified.stdout


def test_the_job_of_a_killed_worker_is_finished_by_another_worker(instance):
    enqueue(instance, "jobs.hangs_on_first_attempt.enqueue(n=1)")
    doomed = instance.start("worker", "--verbosity", "0", "--worker-id=doomed")
    instance.wait_for(lambda: statuses(instance) == {"RUNNING": 1}, what="the job to start")
    doomed.send_signal(signal.SIGKILL)  # the machine was lost: no goodbye, no clean-up
    doomed.wait(timeout=10)
    assert statuses(instance) == {"RUNNING": 1}

    # A worker started later finds the dead worker's job and runs it again.
    rescuer = instance.start(
        "worker",
        "--batch",
        "--verbosity",
        "0",
        "--worker-id=rescuer",
        VANPHONG_WORKER_DEAD_AFTER_SECONDS="0",
    )
    assert rescuer.wait(timeout=60) == 0, instance.output(rescuer)
    assert statuses(instance) == {"SUCCESSFUL": 1}
    [(ids, value)] = instance.sql(
        "SELECT worker_ids, return_value FROM django_tasks_database_dbtaskresult"
    )
    assert (as_json(ids), as_json(value)) == (["doomed", "rescuer"], 2)
    assert traces(instance) == [{"n": 1}]
    assert instance.sql("SELECT COUNT(*) FROM core_workerheartbeat") == [(0,)]


def get_json(url: str) -> tuple[int, object]:
    with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - our own server
        return response.status, json.loads(response.read())


def test_serve_answers_runs_jobs_with_its_worker_and_stops_cleanly_on_sigterm(instance):
    port = free_port()
    server = instance.start("serve", f"127.0.0.1:{port}")

    def healthy():
        try:
            return get_json(f"http://127.0.0.1:{port}/healthz")
        except OSError:
            assert server.poll() is None, instance.output(server)
            return None

    assert instance.wait_for(healthy, timeout=30, what="/healthz") == (200, {"status": "ok"})
    # A page with the layout's CSS and scripts: served in production mode (DEBUG off, hashed
    # static names), it needs the manifest serve collects before it starts.
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=5) as page:
        assert page.status == 200
        html = page.read().decode()
    css = html.split('href="/static/vanphong/vendor/pico.red.min', 1)[1].split('"', 1)[0]
    with urllib.request.urlopen(
        f"http://127.0.0.1:{port}/static/vanphong/vendor/pico.red.min{css}",
        timeout=5,
    ) as stylesheet:
        assert stylesheet.status == 200

    enqueue(instance, "jobs.record_run.enqueue(n=11)")
    instance.wait_for(
        lambda: statuses(instance) == {"SUCCESSFUL": 1}, timeout=30, what="serve's worker"
    )
    assert traces(instance) == [{"n": 11}]
    [(worker_pid,)] = instance.sql("SELECT pid FROM core_workerheartbeat")

    server.send_signal(signal.SIGTERM)
    assert server.wait(timeout=30) == 0, instance.output(server)
    log = instance.output(server)
    assert "restarting" not in log, log
    assert instance.sql("SELECT COUNT(*) FROM core_workerheartbeat") == [(0,)], (
        "the worker must have stopped cleanly and signed off"
    )
    with pytest.raises(ProcessLookupError):
        __import__("os").kill(worker_pid, 0)


def test_a_worker_that_stays_keeps_sqlites_statistics(instance):
    # Started, a worker analyses the tables that hold rows (core.statistics): the migrated
    # instance's content types and permissions at least. One that runs a batch and exits
    # leaves that to the workers that stay.
    if instance.vendor != "sqlite":
        pytest.skip("PostgreSQL analyses its tables itself (autovacuum)")

    def analysed() -> set[str]:
        if not instance.sql("SELECT 1 FROM sqlite_schema WHERE name = 'sqlite_stat1'"):
            return set()
        return {table for (table,) in instance.sql("SELECT DISTINCT tbl FROM sqlite_stat1")}

    batch = instance.start("worker", "--batch", "--verbosity", "0")
    assert batch.wait(timeout=60) == 0, instance.output(batch)
    assert analysed() == set()
    worker = instance.start("worker", "--verbosity", "0")
    tables = instance.wait_for(analysed, timeout=30, what="the worker's ANALYZE")
    assert {"django_content_type", "auth_permission"} <= tables, tables
    worker.send_signal(signal.SIGTERM)
    assert worker.wait(timeout=30) == 0, instance.output(worker)
