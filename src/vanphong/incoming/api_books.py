"""API of the registers on paper: the incoming register book and the tracking sheet as files."""

from __future__ import annotations

from typing import Any, cast

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema, Status

from vanphong.incoming.books import incoming_book
from vanphong.incoming.tasks import print_incoming_book
from vanphong.org.acting import current_acting
from vanphong.org.models import User
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
from vanphong.registers.prints import print_request
from vanphong.registers.render import book_format, book_response

router = Router(tags=["registers"])

_DESCRIPTION = (
    "Books of the unit the caller acts for (header `X-Vanphong-Acting`, else their primary "
    "role), for clerks, office leaders and leaders. `from`/`to`: arrival dates, inclusive, "
    "`YYYY-MM-DD` (default: the current month; at most 366 days); `format`: `pdf` (default) or "
    "`xlsx`; `register`: the id of one incoming register of the unit (default: all of them). "
    "Lines are in number order; cancelled registrations keep their line; secret documents "
    "appear only up to the caller's clearance. Bad input answers 400 with a `code`: "
    "`invalid_date`, `range_reversed`, `range_too_long`, `date_out_of_range`, "
    "`invalid_format`, `unknown_register`; a caller without such a role gets 403."
)


class BookParams(Schema):
    from_: str | None = Field(None, alias="from")
    to: str | None = None
    format: str | None = None
    register_id: str | None = Field(None, alias="register")


def _asked(request: HttpRequest, kind: BookKind, params: BookParams) -> dict[str, Any]:
    """The book ``params`` ask for, of the unit the caller acts for (``incoming_book``'s
    arguments and its format); InvalidInput for bad ones, Forbidden for a caller who does
    not print the unit's books."""
    user = cast(User, request.user)
    unit = check_may_print(current_acting(request))
    start, end = book_period(params.from_, params.to, names=("from", "to"))
    fmt = book_format(params.format)
    register = book_register(user, unit, params.register_id)
    return {
        "kind": kind,
        "user": user,
        "unit": unit,
        "start": start,
        "end": end,
        "register": register,
        "fmt": fmt,
    }


def _book(request: HttpRequest, kind: BookKind, params: BookParams) -> HttpResponse:
    asked = _asked(request, kind, params)
    fmt = asked.pop("fmt")
    rows, meta = incoming_book(**asked)
    return book_response(rows, meta, fmt)


def _print(request: HttpRequest, kind: BookKind, params: BookParams) -> Status[dict[str, Any]]:
    asked = _asked(request, kind, params)
    made = print_request(by=asked.pop("user"), **asked, task=print_incoming_book)
    return Status(202, print_out(made))


@router.get(
    "/registers/incoming/book",
    summary="The incoming register book (sổ đăng ký văn bản đến) as PDF or xlsx",
    description=f"{_DESCRIPTION} {NOW_DESCRIPTION}",
    openapi_extra=FILE,
)
def incoming_register_book(request: HttpRequest, params: Query[BookParams]) -> HttpResponse:
    return _book(request, BookKind.REGISTER, params)


@router.get(
    "/registers/incoming/tracking",
    summary="The tracking sheet (sổ theo dõi giải quyết văn bản đến) as PDF or xlsx",
    description=f"{_DESCRIPTION} {NOW_DESCRIPTION}",
    openapi_extra=FILE,
)
def incoming_tracking_sheet(request: HttpRequest, params: Query[BookParams]) -> HttpResponse:
    return _book(request, BookKind.TRACKING, params)


@router.post(
    "/registers/incoming/book/print",
    response={202: PrintOut},
    summary="The incoming register book, made in the background",
    description=f"{_DESCRIPTION} {PRINT_DESCRIPTION}",
)
def incoming_register_book_print(
    request: HttpRequest, params: Query[BookParams]
) -> Status[dict[str, Any]]:
    return _print(request, BookKind.REGISTER, params)


@router.post(
    "/registers/incoming/tracking/print",
    response={202: PrintOut},
    summary="The tracking sheet, made in the background",
    description=f"{_DESCRIPTION} {PRINT_DESCRIPTION}",
)
def incoming_tracking_sheet_print(
    request: HttpRequest, params: Query[BookParams]
) -> Status[dict[str, Any]]:
    return _print(request, BookKind.TRACKING, params)
