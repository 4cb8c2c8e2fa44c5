"""API of the register books made by a worker (``registers.prints``): how far each has got,
and its file. Each app asks for its own books to be made (``incoming.api_books``,
``outgoing.api_books``)."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.http import HttpRequest
from django.http.response import HttpResponseBase
from ninja import Router, Schema

from vanphong.org.models import User
from vanphong.registers.models import BookPrint, PrintStatus
from vanphong.registers.prints import KEEP, print_of, print_response, prints_of
from vanphong.registers.render import CONTENT_TYPES

router = Router(tags=["registers"])

# The schema of an answer that is a book's file, PDF or xlsx.
FILE = {
    "responses": {
        200: {
            "description": "The book as a file (Content-Disposition: attachment).",
            "content": {
                ct: {"schema": {"type": "string", "format": "binary"}}
                for ct in CONTENT_TYPES.values()
            },
        }
    }
}

NOW_DESCRIPTION = (
    "Made while the caller waits, however long the book: a PDF takes 20–30 ms a line, so a "
    "year of a busy office (thousands of lines) takes minutes; ask for such a book with the "
    "POST of the same path ending in `/print`, made in the background."
)
PRINT_DESCRIPTION = (
    f"A book asked for with POST is made by a worker (a year of a busy office's register takes "
    f"minutes as PDF) and kept {KEEP.days} days for the caller alone: answered 202 with its "
    "`url`, which tells how far it has got (`status`: `queued`, `done` with `file` to download, "
    "`failed` with `error`). The same book asked for again while it is made is that one."
)


class PrintOut(Schema):
    id: int
    book: str
    unit: str
    start: dt.date
    end: dt.date
    register_id: int | None
    format: str
    status: PrintStatus
    lines: int | None
    error: str
    requested_at: dt.datetime
    finished_at: dt.datetime | None
    url: str
    file: str | None


def print_out(book: BookPrint) -> dict[str, Any]:
    """A print as the API shows it (``PrintOut``)."""
    url = f"/api/v1/registers/prints/{book.pk}"
    return {
        "id": book.pk,
        "book": book.kind,
        "unit": book.unit.slug,
        "start": book.start,
        "end": book.end,
        "register_id": book.register_id,
        "format": book.fmt,
        "status": book.status,
        "lines": book.lines,
        "error": book.error,
        "requested_at": book.requested_at,
        "finished_at": book.finished_at,
        "url": url,
        "file": f"{url}/file" if book.status == PrintStatus.DONE else None,
    }


@router.get(
    "/registers/prints",
    response=list[PrintOut],
    summary="The caller's register books made in the background",
    description=PRINT_DESCRIPTION,
)
def prints_list(request: HttpRequest) -> list[dict[str, Any]]:
    user = cast(User, request.user)
    return [print_out(book) for book in prints_of(user)]


@router.get(
    "/registers/prints/{int:print_id}",
    response=PrintOut,
    summary="How far a register book made in the background has got",
    description=PRINT_DESCRIPTION,
)
def print_detail(request: HttpRequest, print_id: int) -> dict[str, Any]:
    return print_out(print_of(cast(User, request.user), print_id))


@router.get(
    "/registers/prints/{int:print_id}/file",
    summary="The file of a register book made in the background",
    description=(
        "The caller's book once made (`status` `done`), while they still print the unit's "
        "books and are cleared as far as it shows; 404 `print_not_found` otherwise, 403 "
        "`books_forbidden` once they no longer may."
    ),
    openapi_extra=FILE,
)
def print_download(request: HttpRequest, print_id: int) -> HttpResponseBase:
    return print_response(cast(User, request.user), print_id)
