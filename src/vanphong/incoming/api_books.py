"""API of the registers on paper: the incoming register book and the tracking sheet as files."""

from __future__ import annotations

from typing import cast

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from vanphong.core.errors import InvalidInput
from vanphong.incoming.books import incoming_book
from vanphong.org.acting import current_acting
from vanphong.org.models import User
from vanphong.registers.books import (
    BookKind,
    book_register,
    check_may_print,
    parse_day,
    this_month,
)
from vanphong.registers.render import CONTENT_TYPES, FORMATS, PDF, book_response

router = Router(tags=["registers"])

_FILE = {
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


def _book(request: HttpRequest, kind: BookKind, params: BookParams) -> HttpResponse:
    user = cast(User, request.user)
    unit = check_may_print(current_acting(request))
    default_start, default_end = this_month()
    start = parse_day(params.from_, name="from") if params.from_ else default_start
    end = parse_day(params.to, name="to") if params.to else default_end
    fmt = (params.format or PDF).strip().lower()
    if fmt not in FORMATS:
        raise InvalidInput(
            _("Unknown format %(format)s; ask for pdf or xlsx.") % {"format": fmt[:20]},
            code="invalid_format",
        )
    register = book_register(user, unit, params.register_id)
    rows, meta = incoming_book(
        kind=kind, user=user, unit=unit, start=start, end=end, register=register
    )
    return book_response(rows, meta, fmt)


@router.get(
    "/registers/incoming/book",
    summary="The incoming register book (sổ đăng ký văn bản đến) as PDF or xlsx",
    description=_DESCRIPTION,
    openapi_extra=_FILE,
)
def incoming_register_book(request: HttpRequest, params: Query[BookParams]) -> HttpResponse:
    return _book(request, BookKind.REGISTER, params)


@router.get(
    "/registers/incoming/tracking",
    summary="The tracking sheet (sổ theo dõi giải quyết văn bản đến) as PDF or xlsx",
    description=_DESCRIPTION,
    openapi_extra=_FILE,
)
def incoming_tracking_sheet(request: HttpRequest, params: Query[BookParams]) -> HttpResponse:
    return _book(request, BookKind.TRACKING, params)
