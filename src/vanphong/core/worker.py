"""``vanphong worker``: runs queued jobs, with retries, heartbeats and recovery of lost jobs.

Builds on django-tasks-db's worker, which claims one READY job at a time with
``SELECT … FOR UPDATE SKIP LOCKED`` on PostgreSQL and an exclusive transaction on SQLite, so
any number of workers on any number of machines can share one queue. What this adds:

* a failed job runs again after an exponential backoff until its task's retry policy gives up
  (``vanphong.core.tasks.job``); only then is it FAILED, and it shows on the administrators'
  list of failed jobs with its last traceback;
* each worker beats a heartbeat row; jobs RUNNING under a worker that stopped beating go back to
  the queue (or fail, when out of attempts);
* on SQLite, each worker keeps the database's statistics up as the tables grow
  (``core.statistics``): when it starts, then every hour.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import socket
import threading
from traceback import format_exception
from typing import Any

from django.conf import settings
from django.db import DatabaseError, close_old_connections, connection, transaction
from django.utils import timezone
from django_tasks_db.compat import TaskContext, TaskResultStatus, task_finished, task_started
from django_tasks_db.management.commands.db_worker import Worker as DBWorker
from django_tasks_db.models import DBTaskResult

from vanphong.core import statistics
from vanphong.core.models import WorkerHeartbeat
from vanphong.core.tasks import PermanentError, policy_for

logger = logging.getLogger("vanphong.worker")


def _error_fields(exc: BaseException) -> dict[str, str]:
    return {
        "exception_class_path": f"{type(exc).__module__}.{type(exc).__qualname__}",
        "traceback": "".join(format_exception(exc)),
    }


def reschedule_or_fail(result: DBTaskResult[Any, Any], exc: BaseException) -> bool:
    """Record a failed attempt of ``result``; return True when it was scheduled to run again."""
    attempts = len(result.worker_ids)
    policy = policy_for(result.task_path)
    fields = _error_fields(exc)
    now = timezone.now()
    if not isinstance(exc, PermanentError) and policy.should_retry(attempts):
        delay = policy.delay(attempts)
        DBTaskResult.objects.filter(pk=result.pk).update(
            status=TaskResultStatus.READY,
            run_after=now + dt.timedelta(seconds=delay),
            started_at=None,
            **fields,
        )
        logger.warning(
            "job %s (%s) failed on attempt %d/%d, retrying in %.0fs: %s",
            result.pk,
            result.task_path,
            attempts,
            policy.max_attempts,
            delay,
            exc,
        )
        return True
    DBTaskResult.objects.filter(pk=result.pk).update(
        status=TaskResultStatus.FAILED, finished_at=now, return_value=None, **fields
    )
    logger.error(
        "job %s (%s) failed for good after %d attempt(s): %s",
        result.pk,
        result.task_path,
        attempts,
        exc,
    )
    return False


def recover_lost_jobs(*, dead_after: float | None = None) -> int:
    """Give back to the queue the jobs RUNNING under workers no longer heard of."""
    dead_after = dead_after if dead_after is not None else settings.WORKER_DEAD_AFTER_SECONDS
    cutoff = timezone.now() - dt.timedelta(seconds=dead_after)
    alive = set(
        WorkerHeartbeat.objects.filter(last_seen__gte=cutoff).values_list("worker_id", flat=True)
    )
    recovered = 0
    # RUNNING jobs are few (one per live worker), so deciding in Python is cheap.
    for result in DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING):
        owner = result.worker_ids[-1] if result.worker_ids else None
        if owner in alive:
            continue
        with transaction.atomic():
            locked = (
                DBTaskResult.objects.select_for_update()
                .filter(pk=result.pk, status=TaskResultStatus.RUNNING)
                .first()
            )
            if locked is None or (locked.worker_ids and locked.worker_ids[-1] != owner):
                continue
            reschedule_or_fail(
                locked, RuntimeError(f"worker {owner} stopped while running the job")
            )
            recovered += 1
    WorkerHeartbeat.objects.filter(last_seen__lt=cutoff).delete()
    return recovered


class Worker(DBWorker):
    """django-tasks-db's worker with retries, heartbeats and lost-job recovery."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._stopping = threading.Event()
        self._beat_thread: threading.Thread | None = None

    def beat(self) -> None:
        now = timezone.now()
        WorkerHeartbeat.objects.update_or_create(
            worker_id=self.worker_id,
            defaults={"last_seen": now, "hostname": socket.gethostname(), "pid": os.getpid()},
            create_defaults={
                "last_seen": now,
                "started_at": now,
                "hostname": socket.gethostname(),
                "pid": os.getpid(),
            },
        )

    def _beat_loop(self) -> None:
        interval = settings.WORKER_HEARTBEAT_SECONDS
        try:
            while not self._stopping.wait(interval):
                try:
                    self.beat()
                    recover_lost_jobs()
                except Exception:
                    logger.exception("heartbeat failed")
                finally:
                    close_old_connections()
        finally:
            connection.close()

    def _statistics_loop(self) -> None:
        """SQLite: the statistics kept up (``core.statistics``), beside the jobs, which wait
        on the write lock while a table is analysed (a second at most at a million
        documents), as they wait on any writer."""
        try:
            while True:
                try:
                    statistics.refresh_statistics()
                except Exception:
                    logger.exception("refreshing the database's statistics failed")
                finally:
                    close_old_connections()
                if self._stopping.wait(statistics.EVERY_SECONDS):
                    return
        finally:
            connection.close()

    def run(self) -> None:
        self.beat()
        recover_lost_jobs()
        self._beat_thread = threading.Thread(target=self._beat_loop, name="heartbeat", daemon=True)
        self._beat_thread.start()
        if connection.vendor == "sqlite" and not self.batch:  # a worker that stays
            threading.Thread(target=self._statistics_loop, name="statistics", daemon=True).start()
        try:
            super().run()
        finally:
            self._stopping.set()
            # Let a beat in progress finish first, or it could write the row back after we
            # removed it and the worker would linger in the list for a minute.
            if self._beat_thread is not None:
                self._beat_thread.join(timeout=5)
            # A stop signal may land in the middle of a query (its handler raises SystemExit)
            # and leave the connection inside a transaction the database never saw end: say
            # goodbye after rolling that back, on a fresh connection where there can be one.
            if not connection.in_atomic_block:
                # Stopped while a query was being sent, the rollback fails: closing discards it.
                with contextlib.suppress(DatabaseError):
                    connection.rollback()
                connection.close()
            WorkerHeartbeat.objects.filter(worker_id=self.worker_id).delete()

    def run_task(self, db_task_result: DBTaskResult[Any, Any]) -> None:
        """Run one claimed job; on failure retry it later or mark it failed for good."""
        try:
            self.running_task = True
            task = db_task_result.task
            task_result = db_task_result.task_result
            backend_type = type(task.get_backend())
            task_started.send(sender=backend_type, task_result=task_result)
            if task.takes_context:
                value = task.call(
                    TaskContext(task_result=task_result), *task_result.args, **task_result.kwargs
                )
            else:
                value = task.call(*task_result.args, **task_result.kwargs)
            db_task_result.set_successful(value)
            task_finished.send(sender=backend_type, task_result=db_task_result.task_result)
        except (KeyboardInterrupt, SystemExit) as exc:
            # Stopped from outside: give the job back without counting it against its attempts.
            DBTaskResult.objects.filter(pk=db_task_result.pk).update(
                status=TaskResultStatus.READY,
                started_at=None,
                worker_ids=db_task_result.worker_ids[:-1],
            )
            raise exc
        except Exception as exc:
            try:
                reschedule_or_fail(db_task_result, exc)
            except Exception:
                logger.exception("could not record the failure of job %s", db_task_result.pk)
        finally:
            self.running_task = False
            self._run_tasks += 1
