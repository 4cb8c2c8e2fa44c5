"""API of incoming documents: receive, list, read, register, return, cancel."""

from __future__ import annotations

import datetime as dt
from contextlib import ExitStack
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile

from vanphong.core.errors import Forbidden, InvalidInput, NotFound
from vanphong.core.paging import (
    COUNT_DESCRIPTION,
    LOWER_BOUND_DESCRIPTION,
    Counted,
    check_paging,
    page_cap,
)
from vanphong.documents.models import Document
from vanphong.documents.storage import spool_upload
from vanphong.incoming.api_work import AssignmentOut, assignment_out
from vanphong.incoming.models import IncomingDocument, IncomingStatus, ReceivedVia
from vanphong.incoming.selectors import (
    incoming_duplicates,
    incoming_visible_page,
    incoming_visible_to,
    incoming_words,
)
from vanphong.incoming.services import (
    incoming_cancel,
    incoming_receive,
    incoming_register,
    incoming_return,
)
from vanphong.org.acting import current_acting, request_actings
from vanphong.org.models import Unit, User
from vanphong.org.roles import Capability, Secrecy
from vanphong.org.selectors import actings_for
from vanphong.search.lists import WORDS_DESCRIPTION

router = Router(tags=["incoming"])

MAX_PAGE_SIZE = 100
METADATA = (
    "document_type",
    "number",
    "notation",
    "symbol",
    "issuer",
    "place",
    "issued_date",
    "subject",
    "signer",
    "signer_position",
    "authority",
    "secrecy",
    "urgency",
    "due_date",
)


class IncomingOut(Schema):
    id: int
    unit: str
    status: str
    status_label: str
    arrival_number: int | None
    arrival_year: int | None
    arrived_at: dt.datetime | None
    received_at: dt.datetime
    received_via: str
    document_type: str
    symbol: str
    issuer: str
    issued_date: dt.date | None
    subject: str
    secrecy: str
    urgency: str
    deadline: dt.date | None


class FileOut(Schema):
    id: int
    name: str
    is_main: bool
    kind: str
    size: int
    sha256: str
    pages: int | None
    text_status: str
    ocr_pages: int
    text_error: str
    searchable: bool


class EventOut(Schema):
    kind: str
    at: dt.datetime
    actor: str | None
    data: dict[str, Any]


class DirectionOut(Schema):
    text: str
    by: str
    at: dt.datetime
    deadline: dt.date | None


class IncomingDetailOut(IncomingOut):
    number: str
    notation: str
    place: str
    signer: str
    signer_position: str
    authority: str
    due_date: dt.date | None
    pages: int | None
    proposal: dict[str, Any]
    closed_reason: str
    duplicate_of: int | None
    possible_duplicates: list[int]
    files: list[FileOut]
    history: list[EventOut]
    directions: list[DirectionOut]
    assignments: list[AssignmentOut]


class IncomingPage(Schema):
    count: int = Field(description=COUNT_DESCRIPTION)
    count_is_lower_bound: bool = Field(description=LOWER_BOUND_DESCRIPTION)
    page: int
    page_size: int
    results: list[IncomingOut]


class IncomingFilter(Schema):
    status: IncomingStatus | None = None
    q: str | None = Field(None, description=WORDS_DESCRIPTION)
    arrived_from: dt.date | None = None
    arrived_to: dt.date | None = None
    unit: str | None = None
    page: int = 1
    page_size: int = 20


class IncomingForm(Schema):
    document_type: str | None = None
    number: str | None = None
    notation: str | None = None
    symbol: str | None = None
    issuer: str | None = None
    place: str | None = None
    issued_date: str | None = None
    subject: str | None = None
    signer: str | None = None
    signer_position: str | None = None
    authority: str | None = None
    secrecy: str | None = None
    urgency: str | None = None
    due_date: str | None = None
    main: int = 0
    received_via: ReceivedVia = ReceivedVia.API
    # "register" would shadow a method of the schema class; the API name stays "register".
    register_now: bool = Field(False, alias="register")


class MetadataIn(Schema):
    document_type: str | None = None
    number: str | None = None
    notation: str | None = None
    symbol: str | None = None
    issuer: str | None = None
    place: str | None = None
    issued_date: str | None = None
    subject: str | None = None
    signer: str | None = None
    signer_position: str | None = None
    authority: str | None = None
    secrecy: str | None = None
    urgency: str | None = None
    due_date: str | None = None


class ReasonIn(Schema):
    reason: str


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _summary(item: IncomingDocument) -> dict[str, Any]:
    document = item.document
    return {
        "id": item.pk,
        "unit": item.unit.slug,
        "status": item.status,
        "status_label": str(item.get_status_display()),
        "arrival_number": item.arrival_number,
        "arrival_year": item.arrival_year,
        "arrived_at": item.arrived_at,
        "received_at": item.received_at,
        "received_via": item.received_via,
        "document_type": document.document_type,
        "symbol": document.symbol,
        "issuer": document.issuer,
        "issued_date": document.issued_date,
        "subject": document.subject,
        "secrecy": Secrecy(document.secrecy).code,
        "urgency": document.urgency,
        "deadline": item.deadline,
    }


def _visible(request: HttpRequest) -> QuerySet[IncomingDocument]:
    actings = request_actings(request)
    return incoming_visible_to(_user(request), actings=actings).select_related("document", "unit")


def _get(request: HttpRequest, pk: int) -> IncomingDocument:
    item = _visible(request).filter(pk=pk).first()
    if item is None:
        raise NotFound(_("No such incoming document."), code="incoming_not_found")
    return item


def _as_clerk_of(request: HttpRequest, item: IncomingDocument) -> None:
    """Only a clerk (văn thư) of the receiving unit registers, returns or cancels."""
    if not any(
        a.unit.pk == item.unit_id and a.can(Capability.REGISTER_INCOMING)
        for a in actings_for(_user(request))
    ):
        raise Forbidden(_("Only a clerk of %(unit)s may do this.") % {"unit": item.unit})


def _metadata(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if k in METADATA and v not in (None, "")}


@router.post("/incoming", response={201: IncomingDetailOut}, summary="Receive a document")
def receive(
    request: HttpRequest, data: Form[IncomingForm], file: File[list[UploadedFile]]
) -> Status[dict[str, Any]]:
    """Receive a document into the caller's unit (as văn thư): ``file`` once per file, the
    ``main``-th (from 0) being the document itself, optional metadata fields named as in
    /extract, and ``register=true`` to register it at once. Text extraction and OCR run in the
    background; their result fills the fields not given here."""
    acting = current_acting(request)
    if acting is None or not acting.can(Capability.REGISTER_INCOMING):
        raise Forbidden(_("Only a clerk (văn thư) may receive documents."))
    values = data.dict()
    # Receiving and registering at once is one step: if registration is refused (missing
    # issuer or subject), nothing is kept.
    with ExitStack() as stack, transaction.atomic():
        spooled = [stack.enter_context(spool_upload(upload)) for upload in file]
        item = incoming_receive(
            by=_user(request),
            unit=acting.unit,
            files=spooled,
            main=values["main"],
            metadata=_metadata(values),
            via=values["received_via"],
        )
        if data.register_now:
            item = incoming_register(by=_user(request), incoming=item)
    return Status(201, _detail(_get(request, item.pk), _user(request)))


@router.get("/incoming", response=IncomingPage, summary="Incoming documents the caller may see")
def list_incoming(request: HttpRequest, filters: Query[IncomingFilter]) -> dict[str, Any]:
    """Newest first; ``q`` narrows to the documents whose title holds its words; at most 100
    per page. ``count`` stops at 1,000 or at the end of the next page (``count_is_lower_bound``:
    more)."""
    check_paging(filters.page, filters.page_size, max_size=MAX_PAGE_SIZE)
    if filters.arrived_from and filters.arrived_to and filters.arrived_from > filters.arrived_to:
        raise InvalidInput(_("arrived_from is after arrived_to."), code="invalid_range")
    where = Q()
    if filters.status:
        where &= Q(status=filters.status)
    # Blank: no filter.
    words = incoming_words(filters.q) if filters.q and filters.q.strip() else None
    tz = timezone.get_current_timezone()
    if filters.arrived_from:
        where &= Q(
            arrived_at__gte=dt.datetime.combine(filters.arrived_from, dt.time.min, tzinfo=tz)
        )
    if filters.arrived_to:
        where &= Q(
            arrived_at__lt=dt.datetime.combine(
                filters.arrived_to + dt.timedelta(days=1), dt.time.min, tzinfo=tz
            )
        )
    start = (filters.page - 1) * filters.page_size
    unit = Unit.objects.filter(slug=filters.unit).first() if filters.unit else None
    if filters.unit and unit is None:  # no unit of that name: nothing in it
        page, counted = [], Counted(0, False)
    else:
        listed = incoming_visible_page(
            _user(request),
            actings=request_actings(request),
            where=where,
            words=words,
            unit=unit,
            start=start,
            stop=start + filters.page_size,
            count_to=page_cap(filters.page, filters.page_size),
        )
        page, counted = listed.items, listed.counted
    return {
        "count": counted.count,
        "count_is_lower_bound": counted.is_lower_bound,
        "page": filters.page,
        "page_size": filters.page_size,
        "results": [_summary(item) for item in page],
    }


def _detail(item: IncomingDocument, user: User) -> dict[str, Any]:
    document: Document = item.document
    body = _summary(item)
    # Only duplicates the caller may see: a secret one's mere existence is not theirs to know.
    visible = incoming_visible_to(user).values("pk")
    body.update(
        number=document.number,
        notation=document.notation,
        place=document.place,
        signer=document.signer,
        signer_position=document.signer_position,
        authority=document.authority,
        due_date=document.due_date,
        pages=document.pages,
        proposal=document.proposal,
        closed_reason=item.closed_reason,
        duplicate_of=(
            item.duplicate_of_id
            if item.duplicate_of_id
            and incoming_visible_to(user).filter(pk=item.duplicate_of_id).exists()
            else None
        ),
        possible_duplicates=list(
            incoming_duplicates(item).filter(pk__in=visible).values_list("pk", flat=True)[:20]
        ),
        files=[
            {
                "id": f.pk,
                "name": f.name,
                "is_main": f.is_main,
                "kind": f.file.kind,
                "size": f.file.size,
                "sha256": f.file.sha256,
                "pages": f.file.pages,
                "text_status": f.file.text_status,
                "ocr_pages": f.file.ocr_pages,
                "text_error": f.file.text_error,
                "searchable": f.file.searchable_id is not None,
            }
            for f in document.files.select_related("file")
        ],
        directions=[
            {"text": d.text, "by": d.by.username, "at": d.at, "deadline": d.deadline}
            for d in document.directions.select_related("by")
        ],
        assignments=[
            assignment_out(a)
            for a in document.assignments.select_related(
                "document", "document__incoming", "assignee_user", "assignee_unit"
            ).order_by("pk")
        ],
        history=[
            {
                "kind": e.kind,
                "at": e.at,
                "actor": e.actor.username if e.actor else None,
                "data": e.data,
            }
            for e in document.events.select_related("actor")
        ],
    )
    return body


@router.get(
    "/incoming/{int:incoming_id}",
    response=IncomingDetailOut,
    summary="One incoming document with its files and history",
)
def get_incoming(request: HttpRequest, incoming_id: int) -> dict[str, Any]:
    return _detail(_get(request, incoming_id), _user(request))


@router.post(
    "/incoming/{int:incoming_id}/register",
    response=IncomingDetailOut,
    summary="Register: give the next số đến",
)
def register(
    request: HttpRequest, incoming_id: int, metadata: MetadataIn | None = None
) -> dict[str, Any]:
    """Optional metadata (JSON) corrects the proposal before registering; issuer and subject
    must be known. 409 when already registered."""
    item = _get(request, incoming_id)
    _as_clerk_of(request, item)
    values = _metadata(metadata.dict()) if metadata is not None else None
    incoming_register(by=_user(request), incoming=item, metadata=values)
    return _detail(_get(request, incoming_id), _user(request))


@router.post(
    "/incoming/{int:incoming_id}/return",
    response=IncomingDetailOut,
    summary="Return an unregistered document to its sender",
)
def return_to_sender(request: HttpRequest, incoming_id: int, body: ReasonIn) -> dict[str, Any]:
    item = _get(request, incoming_id)
    _as_clerk_of(request, item)
    incoming_return(by=_user(request), incoming=item, reason=body.reason)
    return _detail(_get(request, incoming_id), _user(request))


@router.post(
    "/incoming/{int:incoming_id}/cancel",
    response=IncomingDetailOut,
    summary="Cancel a registration (the number stays used)",
)
def cancel(request: HttpRequest, incoming_id: int, body: ReasonIn) -> dict[str, Any]:
    item = _get(request, incoming_id)
    _as_clerk_of(request, item)
    incoming_cancel(by=_user(request), incoming=item, reason=body.reason)
    return _detail(_get(request, incoming_id), _user(request))
