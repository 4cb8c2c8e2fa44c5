"""The background-task queue (core/tasks.py ``job``, core/worker.py): retries, failures,
recovery of jobs lost with their worker, and domain events delivered as jobs.

Jobs run here in the test's process through the ``run_jobs`` fixture, which claims them the way
``vanphong worker`` does; tests/core/test_processes.py runs real worker processes.
"""

import datetime as dt

import pytest
from django.db import transaction
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from tests.core import jobs
from vanphong.audit.models import AuditEvent
from vanphong.config import handlers
from vanphong.core.events import deliver_event, publish
from vanphong.core.worker import Worker, recover_lost_jobs
from vanphong.org.services import unit_create, user_create

pytestmark = pytest.mark.django_db

READY, RUNNING = TaskResultStatus.READY, TaskResultStatus.RUNNING
SUCCESSFUL, FAILED = TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED


def job_row(result) -> DBTaskResult:
    return DBTaskResult.objects.get(pk=result.id)


def traces(action: str = jobs.RAN) -> list[dict]:
    return [e.after for e in AuditEvent.objects.filter(action=action).order_by("seq")]


def seconds_from_now(moment: dt.datetime) -> float:
    return (moment - timezone.now()).total_seconds()


# Running, retrying, failing -------------------------------------------------------------------


def test_a_job_that_works_is_successful_with_its_return_value(run_jobs):
    result = jobs.record_run.enqueue(n=7)
    assert job_row(result).status == READY
    assert run_jobs() == 1
    row = job_row(result)
    assert (row.status, row.return_value, row.worker_ids) == (SUCCESSFUL, 7, ["pytest"])
    assert row.finished_at is not None
    assert traces() == [{"n": 7}]


def test_a_failed_job_waits_its_backoff_keeping_the_traceback_then_fails_for_good(run_jobs, clock):
    result = jobs.send_mail.enqueue(n=1)

    run_jobs()
    row = job_row(result)
    assert row.status == READY
    assert 48 <= seconds_from_now(row.run_after) <= 72  # 60 s ± 20 % jitter
    assert row.exception_class_path == "builtins.ConnectionRefusedError"
    assert "smtp.example.test refused message 1" in row.traceback
    assert run_jobs() == 0, "a job waiting for its retry must not run before its time"

    clock.advance(seconds=73)
    assert run_jobs() == 1
    row = job_row(result)
    assert row.status == READY
    assert 96 <= seconds_from_now(row.run_after) <= 144  # the wait doubles

    clock.advance(seconds=145)
    assert run_jobs() == 1
    row = job_row(result)
    assert row.status == FAILED, "three attempts is all send_mail may have"
    assert len(row.worker_ids) == 3
    assert row.finished_at is not None
    assert "ConnectionRefusedError" in row.traceback
    clock.advance(hours=2)
    assert run_jobs() == 0


def test_a_permanent_error_fails_the_job_at_once(run_jobs):
    result = jobs.extract_text.enqueue(n=4)
    assert run_jobs() == 1
    row = job_row(result)
    assert (row.status, len(row.worker_ids)) == (FAILED, 1)
    assert row.exception_class_path == "vanphong.core.tasks.PermanentError"
    assert "document 4 is not a PDF" in row.traceback


def test_a_job_that_gets_through_on_a_later_attempt_ends_successful(run_jobs):
    result = jobs.flaky_delivery.enqueue(n=3)
    assert run_jobs() == 3  # no backoff for this task: the retries are ready at once
    row = job_row(result)
    assert (row.status, row.return_value, len(row.worker_ids)) == (SUCCESSFUL, 3, 3)
    assert row.traceback == "", "a job that succeeded shows no stale error"
    assert traces() == [{"n": 3}]


def test_an_administrator_sees_a_failed_job_and_puts_it_back_once_the_cause_is_fixed(
    client, run_jobs
):
    admin = user_create(by=None, username="quantri", full_name="Quản trị", is_superuser=True)
    result = jobs.greet_unit.enqueue(slug="tayho")
    run_jobs()
    assert job_row(result).status == FAILED

    client.force_login(admin)
    page = client.get("/admin/django_tasks_database/dbtaskresult/", {"status__exact": "FAILED"})
    assert page.status_code == 200
    assert "greet_unit" in page.content.decode()
    assert "PermanentError" in page.content.decode()

    unit_create(by=admin, slug="tayho", kind="quan_uy", full_name="Quận ủy Tây Hồ")
    done = client.post(
        "/admin/django_tasks_database/dbtaskresult/",
        {"action": "retry_jobs", "_selected_action": [str(result.id)]},
    )
    assert done.status_code == 302
    assert job_row(result).status == READY
    assert AuditEvent.objects.filter(action="job.retry", actor=admin).count() == 1
    assert run_jobs() == 1
    assert (job_row(result).status, job_row(result).return_value) == (SUCCESSFUL, "Quận ủy Tây Hồ")


# Jobs lost with their worker ------------------------------------------------------------------


def start_job_on_worker(result, worker_id: str) -> Worker:
    """A worker that announced itself (heartbeat) and claimed the job, as ``run`` does."""
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    )
    worker.beat()
    with transaction.atomic():
        DBTaskResult.objects.select_for_update().get(pk=result.id).claim(worker_id)
    return worker


def test_the_job_of_a_worker_still_beating_is_left_alone(clock):
    result = jobs.record_run.enqueue(n=1)
    worker = start_job_on_worker(result, "alive")
    clock.advance(seconds=50)
    worker.beat()
    clock.advance(seconds=50)
    assert recover_lost_jobs() == 0
    assert job_row(result).status == RUNNING


def test_the_job_of_a_worker_that_stopped_beating_goes_back_to_the_queue(clock, run_jobs):
    result = jobs.record_run.enqueue(n=1)
    start_job_on_worker(result, "lost")
    clock.advance(seconds=30)
    assert recover_lost_jobs() == 0, "not yet: a worker is presumed dead after a minute"

    clock.advance(seconds=31)
    assert recover_lost_jobs() == 1
    row = job_row(result)
    assert row.status == READY
    assert "worker lost stopped while running the job" in row.traceback
    assert run_jobs() == 1
    row = job_row(result)
    assert (row.status, row.worker_ids) == (SUCCESSFUL, ["lost", "pytest"])
    assert traces() == [{"n": 1}]


def test_a_lost_job_out_of_attempts_fails_instead_of_running_again(clock, run_jobs):
    result = jobs.record_once.enqueue(n=1)
    start_job_on_worker(result, "lost")
    clock.advance(minutes=2)
    assert recover_lost_jobs() == 1
    row = job_row(result)
    assert row.status == FAILED
    assert "worker lost stopped" in row.traceback
    assert run_jobs() == 0
    assert traces() == []


# Domain events --------------------------------------------------------------------------------

HANDLER = "tests.core.jobs."


@pytest.fixture
def wiring(monkeypatch):
    """The handlers table of config/handlers.py, as the tests wire it."""
    monkeypatch.setattr(handlers, "HANDLERS", {})
    return handlers.HANDLERS


def test_an_event_is_delivered_to_each_of_its_handlers_once(wiring, run_jobs):
    wiring[jobs.DocumentArrived] = [HANDLER + "notify_clerk", HANDLER + "index_document"]
    with transaction.atomic():
        assert publish(jobs.DocumentArrived(document_id=42, unit="badinh")) == 2

    queued = DBTaskResult.objects.filter(task_path=deliver_event.module_path)
    assert sorted(r.args_kwargs["kwargs"]["handler"] for r in queued) == [
        HANDLER + "index_document",
        HANDLER + "notify_clerk",
    ]
    assert run_jobs() == 2
    assert set(queued.values_list("status", flat=True)) == {SUCCESSFUL}
    assert sorted(traces(jobs.HANDLED), key=lambda t: t["handler"]) == [
        {"handler": "index_document", "document_id": 42, "unit": "badinh"},
        {"handler": "notify_clerk", "document_id": 42, "unit": "badinh"},
    ]


def test_handlers_of_a_general_event_also_receive_its_special_cases(wiring, run_jobs):
    wiring[jobs.DocumentArrived] = [HANDLER + "notify_clerk"]
    wiring[jobs.UrgentDocumentArrived] = [HANDLER + "send_sms", HANDLER + "notify_clerk"]
    event = jobs.UrgentDocumentArrived(document_id=5, unit="hoankiem", deadline="2026-12-01")
    assert publish(event) == 2, "notify_clerk is wired twice but must run once"
    run_jobs()
    assert sorted(t["handler"] for t in traces(jobs.HANDLED)) == ["notify_clerk", "send_sms"]
    assert all(t["deadline"] == "2026-12-01" for t in traces(jobs.HANDLED))


def test_an_event_nobody_listens_to_schedules_nothing(wiring):
    assert publish(jobs.DocumentArrived(document_id=1, unit="badinh")) == 0
    assert not DBTaskResult.objects.exists()


def test_an_event_of_a_rolled_back_transaction_is_never_delivered(wiring, run_jobs):
    wiring[jobs.DocumentArrived] = [HANDLER + "notify_clerk"]

    class Refused(Exception):
        pass

    @transaction.atomic
    def register_then_fail() -> None:
        publish(jobs.DocumentArrived(document_id=9, unit="badinh"))
        raise Refused

    with pytest.raises(Refused):
        register_then_fail()
    assert not DBTaskResult.objects.exists()
    assert run_jobs() == 0
    assert traces(jobs.HANDLED) == []


def test_a_failing_handler_is_retried_later_without_holding_up_the_others(wiring, run_jobs):
    wiring[jobs.DocumentArrived] = [HANDLER + "broken_handler", HANDLER + "notify_clerk"]
    publish(jobs.DocumentArrived(document_id=3, unit="badinh"))
    run_jobs()
    rows = {
        r.args_kwargs["kwargs"]["handler"]: r
        for r in DBTaskResult.objects.filter(task_path=deliver_event.module_path)
    }
    broken = rows[HANDLER + "broken_handler"]
    assert broken.status == READY
    assert 4 <= seconds_from_now(broken.run_after) <= 6  # deliver_event: 5 s backoff first
    assert "search index unreachable" in broken.traceback
    assert rows[HANDLER + "notify_clerk"].status == SUCCESSFUL


@pytest.mark.django_db(transaction=True)
def test_a_worker_stopped_in_the_middle_of_a_query_still_removes_its_heartbeat(monkeypatch):
    # SIGTERM while the worker polls: the handler's SystemExit can leave the connection inside
    # a transaction that the database began and Django never recorded.
    from django.db import connection
    from django_tasks_db.management.commands.db_worker import Worker as DBWorker

    from vanphong.core.models import WorkerHeartbeat

    def stopped_mid_query(self):
        connection.ensure_connection()
        connection.connection.cursor().execute("BEGIN")
        raise SystemExit(0)

    monkeypatch.setattr(DBWorker, "run", stopped_mid_query)
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="stopping",
        excluded_queue_names=[],
    )
    with pytest.raises(SystemExit):
        worker.run()
    assert not WorkerHeartbeat.objects.filter(worker_id="stopping").exists()
