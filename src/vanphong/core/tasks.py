"""The product's one background-task mechanism.

Tasks are Django's tasks API (the ``django-tasks`` backport; ``django.tasks`` from Django 6)
stored in the database by ``django-tasks-db``, so a job enqueued inside a transaction becomes
visible to workers exactly when that transaction commits, and vanishes with it on rollback:
the queue is its own transactional outbox. On top of that this module adds what the backport
lacks: a retry policy per task (exponential backoff), applied by ``vanphong worker``.

Rules for task functions: take ids and plain JSON values, never model instances or pickles;
be safe to run twice.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any, TypeVar

from django.utils.module_loading import import_string
from django_tasks import task
from django_tasks.base import Task

from vanphong.core.retry import DEFAULT_POLICY, RetryPolicy

F = TypeVar("F", bound=Callable[..., Any])

_POLICIES: dict[str, RetryPolicy] = {}


class PermanentError(Exception):
    """Raised by a task when trying again cannot help (the input itself is wrong)."""


def job(
    *,
    max_attempts: int = DEFAULT_POLICY.max_attempts,
    base_delay: float = DEFAULT_POLICY.base_delay,
    max_delay: float = DEFAULT_POLICY.max_delay,
    queue_name: str = "default",
    priority: int = 0,
    takes_context: bool = False,
) -> Callable[[Callable[..., Any]], Task[Any, Any]]:
    """Declare a background task with its retry policy.

    With ``takes_context`` the function receives a ``TaskContext`` first, whose ``attempt``
    (1 for the first run) lets a task tell a retry from a first run.

    >>> @job(max_attempts=3)
    ... def index_document(*, document_id: int) -> None: ...
    >>> index_document.enqueue(document_id=7)  # doctest: +SKIP
    """
    policy = RetryPolicy(max_attempts=max_attempts, base_delay=base_delay, max_delay=max_delay)

    def decorate(func: Callable[..., Any]) -> Task[Any, Any]:
        declared: Task[Any, Any] = task(  # type: ignore[call-overload]
            priority=priority, queue_name=queue_name, takes_context=takes_context
        )(func)
        _POLICIES[declared.module_path] = policy
        return declared

    return decorate


def policy_for(task_path: str) -> RetryPolicy:
    """The retry policy of the task stored under ``task_path``.

    A policy is registered when its task's module is imported. A worker that recovers the job
    of a dead worker may never have imported that module, so import it here: otherwise the job
    would be retried under the default policy instead of its own.
    """
    if task_path not in _POLICIES:
        # When the task is gone, the job is judged by the default policy.
        with contextlib.suppress(ImportError):
            import_string(task_path)
    return _POLICIES.get(task_path, DEFAULT_POLICY)
