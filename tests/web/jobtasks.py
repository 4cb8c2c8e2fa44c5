"""Background tasks that fail, for the job pages' tests (importable by the worker by path)."""

from __future__ import annotations

from vanphong.core.tasks import job


@job(max_attempts=1)
def deliver_once(*, note: str) -> None:
    """Fails at its only attempt, so it is FAILED for good straight away."""
    raise RuntimeError(f"cannot deliver {note}")


@job(max_attempts=3, base_delay=600, max_delay=600)
def deliver_with_retries(*, note: str) -> None:
    """Fails, then waits ten minutes for its next attempt."""
    raise ConnectionError(f"mail server down for {note}")
