"""Domain events: how a lower layer makes a higher one act without importing it.

A service publishes an event (a frozen dataclass of ids and plain values) inside its
transaction. ``publish`` enqueues one background job per handler listed for the event's type in
``vanphong.config.handlers.HANDLERS``, the single table where "what happens next" is wired.
The jobs commit or roll back with the service's transaction, so a handler never sees an event
that did not happen and never misses one that did (in the manner of Cosmic Python's message
bus, with the database queue as the outbox).
"""

from __future__ import annotations

import dataclasses
import logging
from typing import Any

from django.utils.module_loading import import_string

from vanphong.core.tasks import job

logger = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True)
class Event:
    """Base of all domain events. Fields must be JSON values (ids, strings, numbers)."""


def _path(obj: Any) -> str:
    return f"{obj.__module__}.{obj.__qualname__}"


def handler_paths(event_type: type[Event]) -> list[str]:
    """Dotted paths of the handlers wired to ``event_type`` (and to its base classes)."""
    from vanphong.config.handlers import HANDLERS  # the wiring table sits at the top layer

    paths: list[str] = []
    for klass in event_type.__mro__:
        for handler in HANDLERS.get(klass, ()):
            path = handler if isinstance(handler, str) else _path(handler)
            if path not in paths:
                paths.append(path)
    return paths


def publish(event: Event) -> int:
    """Schedule every handler of ``event``; returns how many were scheduled."""
    payload = dataclasses.asdict(event)
    paths = handler_paths(type(event))
    for path in paths:
        deliver_event.enqueue(handler=path, event_type=_path(type(event)), payload=payload)
    return len(paths)


@job(max_attempts=8, base_delay=5.0)
def deliver_event(*, handler: str, event_type: str, payload: dict[str, Any]) -> None:
    """Run one handler for one event (a job, so it retries with backoff on failure)."""
    event_class = import_string(event_type)
    event = event_class(**payload)
    import_string(handler)(event)
