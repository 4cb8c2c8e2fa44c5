"""API of the outgoing register book (sổ đăng ký văn bản đi) as a file."""

from __future__ import annotations

from typing import Any, cast

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema, Status

from vanphong.org.acting import current_acting
from vanphong.org.models import User
from vanphong.outgoing.books import outgoing_book
from vanphong.outgoing.tasks import print_outgoing_book
from vanphong.registers.api import (
    FILE,
    NOW_DESCRIPTION,
    PRINT_DESCRIPTION,
    PrintOut,
    print_out,
)
from vanphong.registers.books import (
    BookKind,
    book_period,
    book_register,
    check_may_print,
)
from vanphong.registers.models import RegisterKind
from vanphong.registers.prints import print_request
from vanphong.registers.render import book_format, book_response

router = Router(tags=["registers"])

_DESCRIPTION = (
    "The outgoing register of the unit the caller acts for (header `X-Vanphong-Acting`, else "
    "their primary role), for clerks, office leaders and leaders. `start`/`end` (or `from`/`to`, "
    "as for the incoming books): days of issue, inclusive, `YYYY-MM-DD` (default: the current "
    "month; at most 366 days); `format`: `pdf` (default) or `xlsx`; `register`: the id of one "
    "outgoing register of the unit (default: all of them). Lines are in the order of issue; "
    "recalled or replaced documents keep their line with a note; secret documents appear only "
    "up to the caller's clearance. Bad input answers 400 with a `code`: `invalid_date`, "
    "`range_reversed`, `range_too_long`, `date_out_of_range`, `invalid_format`, "
    "`unknown_register`; a caller without such a role gets 403."
)


class OutgoingBookParams(Schema):
    start: str | None = None
    end: str | None = None
    from_: str | None = Field(None, alias="from")
    to: str | None = None
    format: str | None = None
    register_id: str | None = Field(None, alias="register")


def _asked(request: HttpRequest, params: OutgoingBookParams) -> dict[str, Any]:
    """The book ``params`` ask for, of the unit the caller acts for (``outgoing_book``'s
    arguments and its format); InvalidInput for bad ones, Forbidden for a caller who does
    not print the unit's books."""
    user = cast(User, request.user)
    unit = check_may_print(current_acting(request))
    start, end = book_period(
        params.start or params.from_, params.end or params.to, names=("start", "end")
    )
    fmt = book_format(params.format)
    register = book_register(user, unit, params.register_id, RegisterKind.OUTGOING)
    return {
        "user": user,
        "unit": unit,
        "start": start,
        "end": end,
        "register": register,
        "fmt": fmt,
    }


@router.get(
    "/outgoing/registers/book",
    summary="The outgoing register book (sổ đăng ký văn bản đi) as PDF or xlsx",
    description=f"{_DESCRIPTION} {NOW_DESCRIPTION}",
    openapi_extra=FILE,
)
def outgoing_register_book(request: HttpRequest, params: Query[OutgoingBookParams]) -> HttpResponse:
    asked = _asked(request, params)
    fmt = asked.pop("fmt")
    rows, meta = outgoing_book(**asked)
    return book_response(rows, meta, fmt)


@router.post(
    "/outgoing/registers/book/print",
    response={202: PrintOut},
    summary="The outgoing register book, made in the background",
    description=f"{_DESCRIPTION} {PRINT_DESCRIPTION}",
)
def outgoing_register_book_print(
    request: HttpRequest, params: Query[OutgoingBookParams]
) -> Status[dict[str, Any]]:
    asked = _asked(request, params)
    made = print_request(
        by=asked.pop("user"), kind=BookKind.OUTGOING, **asked, task=print_outgoing_book
    )
    return Status(202, print_out(made))
