"""Background jobs and event handlers used by the tests.

A worker finds a task by its dotted path, so these live in an importable module (the worker
processes get the repository root on PYTHONPATH), not in a test file. Each run of a job that
gets through leaves one audit event (``audit_append``, the journal's own service), which is how
the tests count runs: a job that ran twice leaves two.
"""

from __future__ import annotations

import dataclasses
import time

from django.db import transaction
from django_tasks.base import TaskContext

from vanphong.audit.services import audit_append
from vanphong.core.events import Event
from vanphong.core.tasks import PermanentError, job
from vanphong.org.models import Unit

RAN = "test.job_ran"
HANDLED = "test.event_handled"


def _leave_trace(action: str, **after: object) -> None:
    with transaction.atomic():
        audit_append(action=action, actor=None, after=after)


@job(max_attempts=3, base_delay=0.0, max_delay=0.0)
def record_run(*, n: int, pause: float = 0.0) -> int:
    """Leave one trace naming ``n`` (after ``pause`` seconds of "work")."""
    if pause:
        time.sleep(pause)
    _leave_trace(RAN, n=n)
    return n


@job(max_attempts=3, base_delay=60.0, max_delay=600.0)
def send_mail(*, n: int) -> None:
    """A job whose mail server keeps refusing the connection."""
    raise ConnectionRefusedError(f"smtp.example.test refused message {n}")


@job(max_attempts=5)
def extract_text(*, n: int) -> None:
    """A job given input that no retry can fix."""
    raise PermanentError(f"document {n} is not a PDF")


@job(max_attempts=4, base_delay=0.0, max_delay=0.0, takes_context=True)
def flaky_delivery(context: TaskContext, *, n: int) -> int:
    """Fails on its first two attempts (the remote end was down), then gets through."""
    if context.attempt < 3:
        raise TimeoutError(f"recipient did not answer (attempt {context.attempt})")
    _leave_trace(RAN, n=n)
    return context.attempt


@job(max_attempts=1)
def record_once(*, n: int) -> int:
    """A job allowed a single attempt."""
    _leave_trace(RAN, n=n)
    return n


@job(max_attempts=3, base_delay=0.0, max_delay=0.0, takes_context=True)
def hangs_on_first_attempt(context: TaskContext, *, n: int) -> int:
    """The first attempt never finishes (its worker will be killed); later ones do."""
    if context.attempt == 1:
        time.sleep(600)
    _leave_trace(RAN, n=n)
    return context.attempt


@job(max_attempts=3)
def greet_unit(*, slug: str) -> str:
    """Needs the unit ``slug`` to exist; without it the job cannot succeed."""
    unit = Unit.objects.filter(slug=slug).first()
    if unit is None:
        raise PermanentError(f"no unit {slug}")
    _leave_trace(RAN, slug=slug)
    return unit.full_name


# Domain events and handlers -------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class DocumentArrived(Event):
    document_id: int
    unit: str


@dataclasses.dataclass(frozen=True)
class UrgentDocumentArrived(DocumentArrived):
    deadline: str


def notify_clerk(event: DocumentArrived) -> None:
    _leave_trace(HANDLED, handler="notify_clerk", **dataclasses.asdict(event))


def index_document(event: DocumentArrived) -> None:
    _leave_trace(HANDLED, handler="index_document", **dataclasses.asdict(event))


def send_sms(event: UrgentDocumentArrived) -> None:
    _leave_trace(HANDLED, handler="send_sms", **dataclasses.asdict(event))


def broken_handler(event: DocumentArrived) -> None:
    raise ConnectionError("search index unreachable")
