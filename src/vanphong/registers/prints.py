"""Register books too long to make while the person waits: made by a worker, then downloaded.

WeasyPrint lays a book out at 20–30 ms a line (``bench.books``): a month of a district's
incoming register (200–250 lines) prints in five seconds, a month of the city office's (860)
in twenty, a year of it (ten thousand lines) in minutes, longer than a proxy waits for an
answer. A book asked for with more lines than ``PRINT_NOW`` allows for its format is
therefore offered to be recorded (``BookPrint``) and made by a worker (the task of the app
whose documents it lists: ``incoming.tasks.print_incoming_book``,
``outgoing.tasks.print_outgoing_book``, each calling ``print_run`` with its reader of the
lines); the books page lists it, asking every few seconds how far it has got, until the
person downloads it (``print_response``). The API asks for it the same way (``registers.api``).

A print is made as its requester may see the unit's documents when it is made, and only they
get it, while they still print the unit's books and are cleared as far. Prints are kept
``KEEP`` and then deleted with their files, when the next one is asked for.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from collections.abc import Callable, Sequence
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import FileResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from vanphong.core.errors import DomainError, Forbidden, NotFound
from vanphong.core.tasks import PermanentError
from vanphong.documents.storage import file_response
from vanphong.org.models import Unit, User
from vanphong.org.selectors import actings_for
from vanphong.registers.books import BOOK_ROLES, BookKind, BookMeta, BookRow, check_book_range
from vanphong.registers.models import BookPrint, PrintStatus, Register
from vanphong.registers.render import (
    CONTENT_TYPES,
    PDF,
    XLSX,
    book_filename,
    book_render,
    content_disposition,
)

logger = logging.getLogger(__name__)

# The most lines a book is made with in the request, by format (``bench.books``): a PDF at
# 20–30 ms a line (three to five seconds), a spreadsheet at 0.6 ms. Longer books are made by a
# worker.
PRINT_NOW = {PDF: 150, XLSX: 4000}
# How long a print is kept for its requester to download.
KEEP = dt.timedelta(days=7)
# The prints a books page lists, newest first.
LISTED = 10
# A print's lines and cover, read as its requester may see them (the app's reader).
Reader = Callable[[BookPrint], tuple[Sequence[BookRow], BookMeta]]


def print_now(fmt: str, lines: int) -> bool:
    """Whether a book of ``lines`` lines in format ``fmt`` is made in the request."""
    return lines <= PRINT_NOW[fmt]


def _may_print(user: User, unit: Unit) -> bool:
    """Whether ``user`` acts now in a role that prints ``unit``'s books (``check_may_print``
    for any of their roles, not only the one of a request)."""
    return user.is_active and any(
        a.unit.pk == unit.pk and a.role in BOOK_ROLES for a in actings_for(user)
    )


def print_request(
    *,
    by: User,
    unit: Unit,
    kind: BookKind | str,
    start: dt.date,
    end: dt.date,
    register: Register | None,
    fmt: str,
    task: Any,
) -> BookPrint:
    """Record a book for a worker to make and queue ``task`` (the app's, called with the
    print's id) in the same transaction. The same book asked for again while it is being
    prepared is that one, not a second; prints older than ``KEEP`` are deleted first."""
    kind = BookKind(kind)
    check_book_range(start, end)
    if fmt not in PRINT_NOW:
        raise ValueError(f"unknown format {fmt!r}")
    prints_purge()
    asked = {
        "requested_by": by,
        "unit": unit,
        "kind": kind,
        "register": register,
        "start": start,
        "end": end,
        "fmt": fmt,
    }
    with transaction.atomic():
        pending = BookPrint.objects.filter(**asked, status=PrintStatus.QUEUED).first()
        if pending is not None:
            return pending
        made = BookPrint.objects.create(**asked)
        task.enqueue(print_id=made.pk)
    return made


def print_run(print_id: int, read: Reader, *, last_attempt: bool) -> str:
    """Make the book of print ``print_id`` with ``read`` and store it (a worker's task). Safe
    to run twice: a print made or failed is left alone. A requester who no longer prints the
    unit's books gets nothing; a book that cannot be made says why on the page once the
    worker has given up (``last_attempt``), or at once when trying again cannot help."""
    made = BookPrint.objects.select_related("requested_by", "unit", "register").filter(pk=print_id)
    book = made.first()
    if book is None:
        raise PermanentError(f"book print {print_id} does not exist")
    if book.status != PrintStatus.QUEUED:
        return str(book.status)
    try:
        if not _may_print(book.requested_by, book.unit):
            raise Forbidden(
                _("You no longer print the registers of %(unit)s.")
                % {"unit": book.unit.short_name or book.unit.full_name},
                code="books_forbidden",
            )
        rows, meta = read(book)
        content = book_render(rows, meta, book.fmt)
    except DomainError as exc:
        _failed(made, str(exc.detail))
        raise PermanentError(str(exc.detail)) from exc
    except Exception:
        if last_attempt:
            message = _("The book could not be made: ask for it again or tell the administrator.")
            _failed(made, message)
        raise
    name = default_storage.save(
        f"prints/{book.pk}-{secrets.token_hex(8)}.{book.fmt}", ContentFile(content)
    )
    updated = made.filter(status=PrintStatus.QUEUED).update(
        status=PrintStatus.DONE,
        lines=len(rows),
        clearance=book.requested_by.clearance,
        storage_name=name,
        filename=book_filename(meta, book.fmt),
        finished_at=timezone.now(),
    )
    if not updated:  # made twice at once (a worker presumed dead came back): keep one file
        default_storage.delete(name)
    return PrintStatus.DONE


def _failed(made: Any, message: str) -> None:
    made.filter(status=PrintStatus.QUEUED).update(
        status=PrintStatus.FAILED, error=message, finished_at=timezone.now()
    )


def prints_of(
    user: User, unit: Unit | None = None, kinds: Sequence[BookKind] | None = None
) -> list[BookPrint]:
    """``user``'s prints still kept (of ``unit``'s books of ``kinds``), newest first."""
    kept = BookPrint.objects.filter(requested_by=user, requested_at__gte=timezone.now() - KEEP)
    if unit is not None:
        kept = kept.filter(unit=unit)
    if kinds is not None:
        kept = kept.filter(kind__in=[str(k) for k in kinds])
    return list(kept.select_related("register", "unit").order_by("-requested_at", "-pk")[:LISTED])


def print_of(user: User, print_id: int) -> BookPrint:
    """``user``'s print ``print_id``, whatever its state, while it is kept; NotFound for
    anyone else's."""
    book = (
        BookPrint.objects.select_related("unit")
        .filter(pk=print_id, requested_by=user, requested_at__gte=timezone.now() - KEEP)
        .first()
    )
    if book is None:
        raise NotFound(_("There is no such book for you."), code="print_not_found")
    return book


def print_response(user: User, print_id: int) -> FileResponse:
    """The file of ``user``'s print ``print_id``, made and still kept, as a download no cache
    keeps; NotFound for anyone else's, or one not made (or whose bytes are gone); Forbidden
    when they no longer print the unit's books or are no longer cleared as far as the book
    shows."""
    book = (
        BookPrint.objects.select_related("unit")
        .filter(
            pk=print_id,
            requested_by=user,
            status=PrintStatus.DONE,
            requested_at__gte=timezone.now() - KEEP,
        )
        .first()
    )
    if book is None:
        raise NotFound(_("There is no such book ready for you."), code="print_not_found")
    if not _may_print(user, book.unit) or user.clearance < (book.clearance or 0):
        raise Forbidden(
            _("You may no longer have this book: ask for it again."), code="books_forbidden"
        )
    response = file_response(
        book.storage_name,
        content_type=CONTENT_TYPES[book.fmt],
        filename=book.filename,
        inline=False,
    )
    response["Content-Disposition"] = content_disposition(book.filename)
    return response


def prints_purge(now: dt.datetime | None = None) -> int:
    """Delete the prints older than ``KEEP`` with their files; how many."""
    expired = BookPrint.objects.filter(requested_at__lt=(now or timezone.now()) - KEEP)
    names = [n for n in expired.values_list("storage_name", flat=True) if n]
    count, _deleted = expired.delete()
    for name in names:
        try:
            default_storage.delete(name)
        except OSError:
            logger.warning("could not delete the expired book print %s", name)
    return count
