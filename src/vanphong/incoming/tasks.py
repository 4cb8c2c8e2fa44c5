"""Background work on incoming documents: register books too long to make in the request."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from vanphong.core.tasks import job
from vanphong.incoming.books import incoming_book
from vanphong.registers.books import BookMeta, BookRow
from vanphong.registers.models import BookPrint
from vanphong.registers.prints import print_run

ATTEMPTS = 3


def _lines(book: BookPrint) -> tuple[Sequence[BookRow], BookMeta]:
    return incoming_book(
        kind=book.kind,
        user=book.requested_by,
        unit=book.unit,
        start=book.start,
        end=book.end,
        register=book.register,
    )


@job(max_attempts=ATTEMPTS, base_delay=30.0, max_delay=600.0, takes_context=True)
def print_incoming_book(context: Any, *, print_id: int) -> str:
    """Make the incoming register book or tracking sheet of print ``print_id``
    (``registers.prints``). Safe to run twice."""
    return print_run(print_id, _lines, last_attempt=context.attempt >= ATTEMPTS)
