"""Background jobs as administrators see them: what failed, what waits to retry, run it again.

Reads and the one write the administration pages need on ``django_tasks_db``'s queue table. The
worker (``vanphong.core.worker``) leaves a job READY with its last error while it waits for its
next attempt, and FAILED once its retry policy gives up; the lists below follow that rule.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from vanphong.audit.services import audit_append
from vanphong.core.errors import Conflict, NotFound
from vanphong.org.models import User

_RETRYING = Q(status=TaskResultStatus.READY) & ~Q(exception_class_path="")

# django-tasks names its statuses for developers ("Ready") and ships no Vietnamese; these are
# the words an administrator reads in a sentence ("this one is waiting in the queue").
STATUS_LABELS = {
    TaskResultStatus.READY: gettext_lazy("waiting in the queue"),
    TaskResultStatus.RUNNING: gettext_lazy("running"),
    TaskResultStatus.SUCCESSFUL: gettext_lazy("done"),
    TaskResultStatus.FAILED: gettext_lazy("failed"),
}


def jobs_failed() -> QuerySet[DBTaskResult[..., Any]]:
    """Jobs that failed for good, the latest first."""
    return DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).order_by(
        "-finished_at", "-enqueued_at"
    )


def jobs_retrying() -> QuerySet[DBTaskResult[..., Any]]:
    """Jobs that failed at least once and wait for their next attempt, the soonest first."""
    return DBTaskResult.objects.filter(_RETRYING).order_by("run_after", "enqueued_at")


@dataclass(frozen=True)
class JobCounts:
    failed: int
    retrying: int


def job_counts() -> JobCounts:
    """How many jobs failed and how many wait to retry, in one query."""
    counts = DBTaskResult.objects.aggregate(
        failed=Count("pk", filter=Q(status=TaskResultStatus.FAILED)),
        retrying=Count("pk", filter=_RETRYING),
    )
    return JobCounts(failed=counts["failed"], retrying=counts["retrying"])


@transaction.atomic
def job_retry(*, by: User, job_id: uuid.UUID) -> DBTaskResult[..., Any]:
    """Put a failed job back in the queue to run now, with its attempts counted afresh.

    Only a FAILED job can be retried: one still waiting or running is already in the queue, and
    sending it twice would run it twice. The last error stays on the job until the next attempt
    replaces it, so the list of waiting jobs still says why it is there.
    """
    job = DBTaskResult.objects.select_for_update().filter(pk=job_id).first()
    if job is None:
        raise NotFound(_("No such job."), code="job_not_found")
    if job.status != TaskResultStatus.FAILED:
        raise Conflict(
            _("Only a failed job can be run again; this one is %(status)s.")
            % {"status": STATUS_LABELS[TaskResultStatus(job.status)]},
            code="job_not_failed",
        )
    before = {
        "task": job.task_path,
        "status": job.status,
        "attempts": len(job.worker_ids),
        "error": job.exception_class_path,
    }
    DBTaskResult.objects.filter(pk=job.pk).update(
        status=TaskResultStatus.READY,
        run_after=timezone.now(),
        worker_ids=[],
        started_at=None,
        finished_at=None,
    )
    job.refresh_from_db()
    audit_append(
        action="job.retry",
        actor=by,
        obj=job,
        before=before,
        after={"task": job.task_path, "status": job.status, "attempts": 0},
    )
    return job
