"""API of outgoing documents: draft, review, sign, issue, follow each recipient, recall,
update, replace (DESIGN.md §6, "API outgoing")."""

from __future__ import annotations

import datetime as dt
from contextlib import ExitStack
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import FileResponse, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile

from vanphong.core.errors import Forbidden, InvalidInput, NotFound
from vanphong.core.paging import (
    COUNT_DESCRIPTION,
    LOWER_BOUND_DESCRIPTION,
    check_paging,
    count_capped,
    page_cap,
)
from vanphong.documents.storage import file_response, spool_upload
from vanphong.incoming.selectors import incoming_visible_to
from vanphong.org.acting import current_acting, request_actings
from vanphong.org.models import Unit, User
from vanphong.org.roles import Capability, Role, Secrecy
from vanphong.org.selectors import Acting, actings_for
from vanphong.outgoing.access import access_outgoing, outgoing_actions
from vanphong.outgoing.models import (
    OutgoingDocument,
    OutgoingStatus,
    RecipientGroup,
    ReviewMode,
)
from vanphong.outgoing.recipients import recipients_from_text
from vanphong.outgoing.selectors import (
    RECENT,
    OutgoingList,
    deliveries_board,
    outgoing_deliveries,
    outgoing_todo,
    outgoing_visible_to,
    outgoing_words,
)
from vanphong.outgoing.services import (
    outgoing_add_version,
    outgoing_cancel,
    outgoing_comment,
    outgoing_create,
    outgoing_issue,
    outgoing_recall,
    outgoing_replace,
    outgoing_review,
    outgoing_sign,
    outgoing_signer_return,
    outgoing_submit,
    outgoing_update,
)
from vanphong.search.lists import WORDS_DESCRIPTION

router = Router(tags=["outgoing"])

MAX_PAGE_SIZE = 100
_PDF = {
    "responses": {
        200: {
            "description": "The file.",
            "content": {
                "application/pdf": {"schema": {"type": "string", "format": "binary"}},
            },
        }
    }
}


class OutgoingOut(Schema):
    id: int
    unit: str
    status: str
    status_label: str
    document_type: str
    subject: str
    secrecy: str
    urgency: str
    due_date: dt.date | None
    author: str
    signer: str
    number: int | None
    symbol: str
    issued_date: dt.date | None
    reply_to: int | None
    replaces: int | None
    created_at: dt.datetime
    updated_at: dt.datetime


class CommentOut(Schema):
    author: str
    text: str
    at: dt.datetime


class VersionOut(Schema):
    number: int
    name: str
    kind: str
    size: int
    sha256: str
    pages: int | None
    note: str
    created_by: str
    created_at: dt.datetime
    comments: list[CommentOut]


class StepOut(Schema):
    round: int
    order: int
    reviewer: str
    status: str
    status_label: str
    comment: str
    acted_at: dt.datetime | None
    forwarded_to: str | None


class RecipientOut(Schema):
    unit: str | None
    name: str
    organ_id: str
    email: str


class RequestOut(Schema):
    kind: str
    status: str
    status_label: str
    reason: str
    answer: str
    at: dt.datetime


class DeliveryOut(Schema):
    unit: str
    name: str
    status: str
    status_label: str
    arrival_number: int | None
    arrival_year: int | None
    reason: str
    status_at: dt.datetime | None
    transport: str
    channel: str
    sent_at: dt.datetime | None
    addressed_to: str
    replacement: bool
    error: str
    requests: list[RequestOut]


class EventOut(Schema):
    kind: str
    at: dt.datetime
    actor: str | None
    data: dict[str, Any]


class OutgoingDetailOut(OutgoingOut):
    drafting_unit: str
    notation: str
    place: str
    signer_position: str
    authority: str
    review_mode: str
    review_round: int
    planned_reviewers: list[str]
    signed_by: str | None
    signed_at: dt.datetime | None
    issued_by: str | None
    issued_at: dt.datetime | None
    register_name: str | None
    recipients: list[RecipientOut]
    versions: list[VersionOut]
    steps: list[StepOut]
    deliveries: list[DeliveryOut]
    history: list[EventOut]
    actions: list[str]


class OutgoingPage(Schema):
    count: int = Field(description=COUNT_DESCRIPTION)
    count_is_lower_bound: bool = Field(description=LOWER_BOUND_DESCRIPTION)
    page: int
    page_size: int
    results: list[OutgoingOut]


class OutgoingFilter(Schema):
    status: OutgoingStatus | None = None
    q: str | None = Field(None, description=WORDS_DESCRIPTION)
    unit: str | None = None
    todo: bool = False
    mine: bool = False
    page: int = 1
    page_size: int = 20


class OutgoingForm(Schema):
    document_type: str
    subject: str
    signer: str
    recipients: str
    reviewers: str = ""
    review_mode: ReviewMode = ReviewMode.SEQUENTIAL
    secrecy: str | None = None
    urgency: str | None = None
    due_date: str | None = None
    reply_to: int | None = None
    unit: str | None = None
    signer_position: str | None = None
    authority: str = ""
    note: str = ""


class VersionForm(Schema):
    note: str = ""


class ReplaceForm(Schema):
    reason: str
    subject: str | None = None
    signer: str | None = None
    reviewers: str | None = None


class SubmitIn(Schema):
    reviewers: list[str] | str | None = None
    review_mode: ReviewMode | None = None
    note: str = ""


class CommentIn(Schema):
    text: str
    version: int | None = None


class ReviewIn(Schema):
    comment: str = ""


class ReturnIn(Schema):
    comment: str


class ForwardIn(Schema):
    to: str
    comment: str = ""


class PassphraseIn(Schema):
    passphrase: str


class ReasonIn(Schema):
    reason: str


class UpdateIn(Schema):
    reason: str
    subject: str | None = None
    urgency: str | None = None
    due_date: str | None = None


class BoardRowOut(Schema):
    problem: str
    problem_label: str
    delivery_id: int
    outgoing_id: int | None
    symbol: str
    subject: str
    business: int
    recipient: str
    unit: str
    status: str
    since: dt.datetime
    detail: str


class BoardOut(Schema):
    unit: str
    counts: dict[str, int]
    results: list[BoardRowOut]


class GroupOut(Schema):
    id: int
    name: str
    units: list[str]


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _people(names: str | list[str] | None) -> list[User]:
    """Active people by user name, in the order given (comma-separated or a list)."""
    if names is None:
        return []
    wanted = [n.strip() for n in (names.split(",") if isinstance(names, str) else names)]
    wanted = [n for n in wanted if n]
    found = {u.username: u for u in User.objects.filter(username__in=wanted, is_active=True)}
    unknown = [n for n in wanted if n not in found]
    if unknown:
        raise InvalidInput(
            _("No such person: %(names)s.") % {"names": ", ".join(unknown)},
            code="unknown_person",
        )
    return [found[n] for n in wanted]


def _person(name: str) -> User:
    return _people([name])[0]


def _drafting(request: HttpRequest) -> Acting:
    """The role the caller drafts in: the one chosen for this request, else their first role
    that drafts."""
    acting = current_acting(request)
    if acting is not None and acting.can(Capability.DRAFT):
        return acting
    for option in actings_for(_user(request)):
        if option.can(Capability.DRAFT):
            return option
    raise Forbidden(
        _("Only a specialist or an office leader drafts outgoing documents."), code="not_drafter"
    )


def _summary(item: OutgoingDocument) -> dict[str, Any]:
    document = item.document
    return {
        "id": item.pk,
        "unit": item.unit.slug,
        "status": item.status,
        "status_label": str(item.get_status_display()),
        "document_type": document.document_type,
        "subject": document.subject,
        "secrecy": Secrecy(document.secrecy).code,
        "urgency": document.urgency,
        "due_date": document.due_date,
        "author": item.author.username,
        "signer": item.signer.username,
        "number": item.number,
        "symbol": document.symbol,
        "issued_date": document.issued_date,
        "reply_to": item.reply_to_id,
        "replaces": item.replaces_id,
        "created_at": item.created_at,
        "updated_at": item.updated_at,
    }


def _detail(item: OutgoingDocument, user: User, actings: list[Acting]) -> dict[str, Any]:
    document = item.document
    body = _summary(item)
    planned = dict(User.objects.filter(pk__in=item.planned_reviewers).values_list("pk", "username"))
    body.update(
        drafting_unit=item.drafting_unit.slug,
        notation=document.notation,
        place=document.place,
        signer_position=item.signer_position,
        authority=item.authority,
        review_mode=item.review_mode,
        review_round=item.review_round,
        planned_reviewers=[planned[pk] for pk in item.planned_reviewers if pk in planned],
        signed_by=item.signed_by.username if item.signed_by else None,
        signed_at=item.signed_at,
        issued_by=item.issued_by.username if item.issued_by else None,
        issued_at=item.issued_at,
        register_name=item.register.name if item.register else None,
        recipients=[
            {
                "unit": r.unit.slug if r.unit else None,
                "name": r.unit.full_name if r.unit else r.name,
                "organ_id": r.organ_id or (r.unit.organ_id if r.unit else ""),
                "email": r.email,
            }
            for r in item.recipients.select_related("unit")
        ],
        versions=[
            {
                "number": v.number,
                "name": v.name,
                "kind": v.file.kind,
                "size": v.file.size,
                "sha256": v.file.sha256,
                "pages": v.file.pages,
                "note": v.note,
                "created_by": v.created_by.username,
                "created_at": v.created_at,
                "comments": [
                    {"author": c.author.username, "text": c.text, "at": c.at}
                    for c in v.comments.all()
                ],
            }
            for v in item.versions.select_related("file", "created_by").prefetch_related(
                "comments__author"
            )
        ],
        steps=[
            {
                "round": s.round,
                "order": s.order,
                "reviewer": s.reviewer.username,
                "status": s.status,
                "status_label": str(s.get_status_display()),
                "comment": s.comment,
                "acted_at": s.acted_at,
                "forwarded_to": s.forwarded_to.reviewer.username if s.forwarded_to else None,
            }
            for s in item.steps.select_related("reviewer", "forwarded_to__reviewer")
        ],
        deliveries=[
            {
                "unit": d.unit or d.organ_id or d.email,
                "name": d.name,
                "status": d.status,
                "status_label": d.status_label,
                "arrival_number": d.arrival_number,
                "arrival_year": d.arrival_year,
                "reason": d.reason,
                "status_at": d.status_at,
                "transport": d.transport,
                "channel": d.channel,
                "sent_at": d.sent_at,
                "addressed_to": d.addressed_to,
                "replacement": d.replacement,
                "error": d.error,
                "requests": [vars(r) for r in d.requests],
            }
            for d in outgoing_deliveries(item)
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
        actions=outgoing_actions(user, item, actings=actings),
    )
    return body


def _get(request: HttpRequest, pk: int) -> OutgoingDocument:
    return access_outgoing(_user(request), pk, actings=request_actings(request))


def _answer(request: HttpRequest, pk: int) -> dict[str, Any]:
    return _detail(_get(request, pk), _user(request), request_actings(request))


@router.post("/outgoing", response={201: OutgoingDetailOut}, summary="Create a draft")
def create(
    request: HttpRequest, data: Form[OutgoingForm], file: File[list[UploadedFile]]
) -> Status[dict[str, Any]]:
    """A new draft (dự thảo) in the caller's unit: ``file`` the content (DOCX or PDF; repeat
    it for attachments), ``document_type`` (code: CT, QD, CV…), ``subject``, ``signer`` (user
    name of a leader of the issuing unit), ``recipients`` (comma-separated: unit short ids,
    ``group:ID``, ``organ:000.00.00.H26=Name``, ``email:address``), optional ``reviewers``
    (user names, comma-separated, in order) and ``review_mode`` (sequential, parallel),
    ``secrecy``, ``urgency``, ``due_date``, ``reply_to`` (an incoming document's id),
    ``unit`` (the issuing unit when drafting for the unit above one's own)."""
    user = _user(request)
    acting = _drafting(request)
    unit = acting.unit
    if data.unit and data.unit != unit.slug:
        chosen = Unit.objects.filter(slug=data.unit).first()
        if chosen is None or not acting.unit.path.startswith(chosen.path):
            raise InvalidInput(
                _("%(unit)s is not your unit or one above it.") % {"unit": data.unit},
                code="unknown_unit",
            )
        unit = chosen
    reply_to = None
    if data.reply_to is not None:
        reply_to = incoming_visible_to(user).filter(pk=data.reply_to).first()
        if reply_to is None:
            raise InvalidInput(_("No such incoming document to reply to."), code="unknown_reply_to")
    with ExitStack() as stack, transaction.atomic():
        spooled = [stack.enter_context(spool_upload(upload)) for upload in file]
        item = outgoing_create(
            by=user,
            unit=unit,
            drafting_unit=acting.unit,
            files=spooled,
            document_type=data.document_type,
            subject=data.subject,
            signer=_person(data.signer),
            recipients=recipients_from_text(owner=unit, text=data.recipients),
            reviewers=_people(data.reviewers),
            review_mode=data.review_mode,
            secrecy=data.secrecy,
            urgency=data.urgency,
            due_date=data.due_date,
            reply_to=reply_to,
            signer_position=data.signer_position,
            authority=data.authority,
            note=data.note,
        )
    return Status(201, _answer(request, item.pk))


def _visible(request: HttpRequest) -> QuerySet[OutgoingDocument]:
    return outgoing_visible_to(_user(request), actings=request_actings(request)).select_related(
        "document", "unit", "author", "signer"
    )


@router.get("/outgoing", response=OutgoingPage, summary="Outgoing documents the caller may see")
def list_outgoing(request: HttpRequest, filters: Query[OutgoingFilter]) -> dict[str, Any]:
    """Newest first; ``q`` narrows to the documents whose title holds its words; ``todo`` keeps
    what waits for the caller (to review, sign, revise or issue); ``mine`` what they drafted; at
    most 100 per page. ``count`` stops at 1,000 or at the end of the next page
    (``count_is_lower_bound``: more)."""
    check_paging(filters.page, filters.page_size, max_size=MAX_PAGE_SIZE)
    user = _user(request)
    actings = request_actings(request)
    where = Q()
    if filters.status:
        where &= Q(status=filters.status)
    # Blank: no filter.
    words = outgoing_words(filters.q) if filters.q and filters.q.strip() else None
    start = (filters.page - 1) * filters.page_size
    stop, count_to = start + filters.page_size, page_cap(filters.page, filters.page_size)
    if filters.todo:  # a few documents: sorted
        items = _visible(request).filter(
            where, pk__in=outgoing_todo(user, actings=actings).values("pk")
        )
        if filters.unit:
            items = items.filter(unit__slug=filters.unit)
        if words is not None:
            items = items.filter(words.q(filters.unit))
        if filters.mine:
            items = items.filter(author=user)
        page = list(items.order_by(*RECENT)[start:stop])
        counted = count_capped(items, count_to)
    else:  # read branch by branch of who sees what
        listed = OutgoingList(
            user, actings=actings, where=where, words=words, unit=filters.unit, mine=filters.mine
        )
        page, counted = listed.page_and_count(start, stop, count_to)
    return {
        "count": counted.count,
        "count_is_lower_bound": counted.is_lower_bound,
        "page": filters.page,
        "page_size": filters.page_size,
        "results": [_summary(item) for item in page],
    }


BOARD_ROLES = (Role.VANTHU, Role.LANHDAOVP, Role.LANHDAO)


@router.get("/outgoing/board", response=BoardOut, summary="Deliveries needing attention")
def board(request: HttpRequest, unit: str | None = None) -> dict[str, Any]:
    """What the caller's unit sent that is not sent yet, failed, was returned, or was not
    acknowledged within a day: for its clerks, office leaders and leaders."""
    user = _user(request)
    actings = [a for a in actings_for(user) if a.role in BOARD_ROLES]
    current = current_acting(request)
    chosen = None
    if unit:
        chosen = next((a.unit for a in actings if a.unit.slug == unit), None)
    elif current is not None and current.role in BOARD_ROLES:
        chosen = current.unit
    elif actings:
        chosen = actings[0].unit
    if chosen is None:
        raise Forbidden(
            _("Only the clerks, office leaders and leaders of a unit see its deliveries."),
            code="board_forbidden",
        )
    result = deliveries_board(chosen, user=user)
    return {
        "unit": chosen.slug,
        "counts": result.counts,
        "results": [vars(row) for row in result.rows],
    }


@router.get("/outgoing/groups", response=list[GroupOut], summary="Saved groups of recipients")
def groups(request: HttpRequest) -> list[dict[str, Any]]:
    """The recipient groups of the units the caller drafts or issues in (use ``group:ID`` in
    ``recipients``)."""
    units = {
        a.unit.pk
        for a in actings_for(_user(request))
        if a.can(Capability.DRAFT) or a.can(Capability.ISSUE_OUTGOING)
    }
    return [
        {"id": g.pk, "name": g.name, "units": [u.slug for u in g.units.all()]}
        for g in RecipientGroup.objects.filter(owner__in=units)
        .prefetch_related("units")
        .order_by("owner", "name")
    ]


@router.get(
    "/outgoing/{int:outgoing_id}",
    response=OutgoingDetailOut,
    summary="One outgoing document: versions, review, recipients' statuses, history",
)
def get_outgoing(request: HttpRequest, outgoing_id: int) -> dict[str, Any]:
    return _answer(request, outgoing_id)


@router.get(
    "/outgoing/{int:outgoing_id}/file",
    summary="The signed PDF (the issued one once issued)",
    openapi_extra=_PDF,
)
def signed_file(request: HttpRequest, outgoing_id: int) -> FileResponse:
    item = _get(request, outgoing_id)
    stored = item.issued_file or item.signed_file
    if stored is None:
        raise NotFound(_("This document has not been signed yet."), code="not_signed")
    name = item.document.symbol.replace("/", "-") if item.document.symbol else f"du-thao-{item.pk}"
    return file_response(
        stored.storage_name, content_type=stored.content_type, filename=f"{name}.pdf", inline=True
    )


@router.get(
    "/outgoing/{int:outgoing_id}/versions/{int:number}/file",
    summary="The file of one version of the draft",
    openapi_extra=_PDF,
)
def version_file(request: HttpRequest, outgoing_id: int, number: int) -> FileResponse:
    item = _get(request, outgoing_id)
    version = item.versions.select_related("file").filter(number=number).first()
    if version is None:
        raise NotFound(_("No such version of this draft."), code="version_not_found")
    stored = version.file
    return file_response(
        stored.storage_name, content_type=stored.content_type, filename=version.name, inline=True
    )


@router.post(
    "/outgoing/{int:outgoing_id}/versions",
    response={201: OutgoingDetailOut},
    summary="Add a version of the draft",
)
def add_version(
    request: HttpRequest, outgoing_id: int, data: Form[VersionForm], file: File[UploadedFile]
) -> Status[dict[str, Any]]:
    item = _get(request, outgoing_id)
    with spool_upload(file) as spooled:
        outgoing_add_version(by=_user(request), outgoing=item, file=spooled, note=data.note)
    return Status(201, _answer(request, outgoing_id))


@router.post(
    "/outgoing/{int:outgoing_id}/comments",
    response={201: OutgoingDetailOut},
    summary="Comment on a version of the draft",
)
def comment(request: HttpRequest, outgoing_id: int, body: CommentIn) -> Status[dict[str, Any]]:
    item = _get(request, outgoing_id)
    version = None
    if body.version is not None:
        version = item.versions.filter(number=body.version).first()
        if version is None:
            raise NotFound(_("No such version of this draft."), code="version_not_found")
    outgoing_comment(by=_user(request), outgoing=item, text=body.text, version=version)
    return Status(201, _answer(request, outgoing_id))


@router.post(
    "/outgoing/{int:outgoing_id}/submit",
    response=OutgoingDetailOut,
    summary="Submit for review (or straight to the signer)",
)
def submit(request: HttpRequest, outgoing_id: int, body: SubmitIn | None = None) -> dict[str, Any]:
    """``reviewers`` (user names, in order) and ``review_mode`` for this round; without them,
    those given with the draft; none at all: straight to the signer."""
    item = _get(request, outgoing_id)
    reviewers = _people(body.reviewers) if body is not None and body.reviewers is not None else None
    outgoing_submit(
        by=_user(request),
        outgoing=item,
        reviewers=reviewers,
        mode=body.review_mode if body is not None else None,
        note=body.note if body is not None else "",
    )
    return _answer(request, outgoing_id)


@router.post(
    "/outgoing/{int:outgoing_id}/approve",
    response=OutgoingDetailOut,
    summary="A reviewer approves",
)
def approve(request: HttpRequest, outgoing_id: int, body: ReviewIn | None = None) -> dict[str, Any]:
    item = _get(request, outgoing_id)
    outgoing_review(
        by=_user(request),
        outgoing=item,
        action="approve",
        comment=body.comment if body is not None else "",
    )
    return _answer(request, outgoing_id)


@router.post(
    "/outgoing/{int:outgoing_id}/return",
    response=OutgoingDetailOut,
    summary="Return the draft to its author with comments",
)
def return_to_author(request: HttpRequest, outgoing_id: int, body: ReturnIn) -> dict[str, Any]:
    """By the reviewer whose turn it is, or by the signer instead of signing."""
    user = _user(request)
    item = _get(request, outgoing_id)
    actions = outgoing_actions(user, item, actings=request_actings(request))
    if "approve" not in actions and "sign" in actions:
        outgoing_signer_return(by=user, outgoing=item, comment=body.comment)
    else:
        outgoing_review(by=user, outgoing=item, action="return", comment=body.comment)
    return _answer(request, outgoing_id)


@router.post(
    "/outgoing/{int:outgoing_id}/forward",
    response=OutgoingDetailOut,
    summary="Forward the review to someone else",
)
def forward(request: HttpRequest, outgoing_id: int, body: ForwardIn) -> dict[str, Any]:
    item = _get(request, outgoing_id)
    outgoing_review(
        by=_user(request),
        outgoing=item,
        action="forward",
        comment=body.comment,
        to=_person(body.to),
    )
    return _answer(request, outgoing_id)


@router.post(
    "/outgoing/{int:outgoing_id}/sign",
    response=OutgoingDetailOut,
    summary="The signer signs the final PDF",
)
def sign(request: HttpRequest, outgoing_id: int, body: PassphraseIn) -> dict[str, Any]:
    """``passphrase`` opens the signer's key (demo keys: ``vanphong-demo``)."""
    item = _get(request, outgoing_id)
    outgoing_sign(by=_user(request), outgoing=item, passphrase=body.passphrase)
    return _answer(request, outgoing_id)


@router.post(
    "/outgoing/{int:outgoing_id}/issue",
    response=OutgoingDetailOut,
    summary="Issue: number, symbol, agency signature, register, distribution",
)
def issue(request: HttpRequest, outgoing_id: int, body: PassphraseIn) -> dict[str, Any]:
    """By a clerk of the issuing unit; ``passphrase`` opens the agency's key. Answers the
    document with its ``number``, ``symbol`` and ``issued_date``; 409 when it was already
    issued or is not signed."""
    item = _get(request, outgoing_id)
    outgoing_issue(by=_user(request), outgoing=item, passphrase=body.passphrase)
    return _answer(request, outgoing_id)


@router.post(
    "/outgoing/{int:outgoing_id}/cancel",
    response=OutgoingDetailOut,
    summary="Cancel a document not issued yet",
)
def cancel(request: HttpRequest, outgoing_id: int, body: ReasonIn) -> dict[str, Any]:
    item = _get(request, outgoing_id)
    outgoing_cancel(by=_user(request), outgoing=item, reason=body.reason)
    return _answer(request, outgoing_id)


@router.post(
    "/outgoing/{int:outgoing_id}/recall",
    response=OutgoingDetailOut,
    summary="Ask the recipients to give the document back",
)
def recall(request: HttpRequest, outgoing_id: int, body: ReasonIn) -> dict[str, Any]:
    item = _get(request, outgoing_id)
    outgoing_recall(by=_user(request), outgoing=item, reason=body.reason)
    return _answer(request, outgoing_id)


@router.post(
    "/outgoing/{int:outgoing_id}/update",
    response=OutgoingDetailOut,
    summary="Correct the subject, urgency or deadline and ask the recipients to update",
)
def update(request: HttpRequest, outgoing_id: int, body: UpdateIn) -> dict[str, Any]:
    item = _get(request, outgoing_id)
    values = {
        k: v
        for k, v in body.dict().items()
        if k in ("subject", "urgency", "due_date") and v is not None
    }
    outgoing_update(by=_user(request), outgoing=item, values=values, reason=body.reason)
    return _answer(request, outgoing_id)


@router.post(
    "/outgoing/{int:outgoing_id}/replace",
    response={201: OutgoingDetailOut},
    summary="Start the document that replaces this one",
)
def replace(
    request: HttpRequest,
    outgoing_id: int,
    data: Form[ReplaceForm],
    file: File[list[UploadedFile]],
) -> Status[dict[str, Any]]:
    """A new draft with ``file`` and the original's type, recipients and signer (``subject``,
    ``signer`` and ``reviewers`` may change); once issued it replaces this one at every
    recipient. Answers the new draft."""
    item = _get(request, outgoing_id)
    with ExitStack() as stack, transaction.atomic():
        spooled = [stack.enter_context(spool_upload(upload)) for upload in file]
        replacement = outgoing_replace(
            by=_user(request),
            outgoing=item,
            files=spooled,
            reason=data.reason,
            subject=data.subject,
            signer=_person(data.signer) if data.signer else None,
            reviewers=_people(data.reviewers) if data.reviewers is not None else None,
        )
    return Status(201, _answer(request, replacement.pk))
