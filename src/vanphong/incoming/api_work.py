"""API of the work on incoming documents: direct and assign, the inbox, act on an assignment."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from vanphong.core.errors import InvalidInput, NotFound
from vanphong.core.paging import COUNT_CAP, check_paging
from vanphong.documents.models import Document
from vanphong.incoming.inbox import (
    BUCKETS,
    SORTS,
    InboxFilters,
    inbox_for_person,
    inbox_page,
)
from vanphong.incoming.processing import (
    incoming_complete,
    incoming_direct,
    incoming_give_back,
    incoming_progress,
    incoming_reassign,
)
from vanphong.incoming.selectors import incoming_visible_to
from vanphong.org.acting import current_acting, request_actings
from vanphong.org.models import Unit, User
from vanphong.work.models import Assignment
from vanphong.work.services import (
    Target,
    assignee_label,
    assignment_accept,
    assignment_comment,
    assignment_mark_read,
)

router = Router(tags=["work"])


class TargetIn(Schema):
    """A person (``user``: user name) or a unit (``unit``: slug), with its own deadline."""

    user: str | None = None
    unit: str | None = None
    deadline: dt.date | None = None


class DirectIn(Schema):
    text: str
    lead: TargetIn
    cooperate: list[TargetIn] = []
    inform: list[TargetIn] = []
    deadline: dt.date | None = None


class RedirectIn(DirectIn):
    reason: str = ""


class AssignmentOut(Schema):
    id: int
    incoming_id: int | None
    document_id: int
    symbol: str
    subject: str
    kind: str
    assignee: str
    assignee_user: str | None
    assignee_unit: str | None
    deadline: dt.date | None
    status: str
    progress: int
    result: str
    reply_document_id: int | None
    bucket: str | None


class InboxOut(Schema):
    counts: dict[str, int] = Field(
        description="Items per bucket (new, in_progress, near_due, overdue, done) and in all "
        "(total). Open work is counted exactly; done work up to "
        f"{COUNT_CAP:,}: when done_is_lower_bound, `done` and `total` are lower bounds."
    )
    done_is_lower_bound: bool = Field(
        description="True when there are more done items than `counts.done` (and so more "
        "items in all than `counts.total`)."
    )
    count: int = Field(
        description="Items in the list asked for (`bucket`, or all of them without one); when "
        "count_is_lower_bound, more than this many."
    )
    count_is_lower_bound: bool = Field(
        description="True when the list asked for holds more than `count` items (the done "
        "work, or all of it, past the counting limit); page on while `has_next`."
    )
    bucket: str
    page: int
    page_size: int
    has_next: bool
    results: list[AssignmentOut]


class InboxQuery(Schema):
    bucket: str = ""
    kind: str = ""
    urgency: str = ""
    issuer: str = ""
    document_type: str = ""
    arrived_from: dt.date | None = None
    arrived_to: dt.date | None = None
    sort: str = "deadline"
    page: int = 1
    page_size: int = 25


class ProgressIn(Schema):
    percent: int
    note: str = ""


class CompleteIn(Schema):
    result: str = ""
    reply_document: int | None = None


class ReasonIn(Schema):
    reason: str


class CommentIn(Schema):
    text: str


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _target(value: TargetIn) -> Target:
    if bool(value.user) == bool(value.unit):
        raise InvalidInput(_("Name either a person (user) or a unit (unit)."), code="bad_target")
    who: User | Unit | None
    if value.user:
        who = User.objects.filter(username=value.user, is_active=True).first()
    else:
        who = Unit.objects.filter(slug=value.unit).first()
    if who is None:
        raise InvalidInput(
            _("No such person or unit: %(name)s.") % {"name": value.user or value.unit},
            code="unknown_target",
        )
    return Target(who, value.deadline)


def _assignments(user: User) -> QuerySet[Assignment]:
    """Assignments on documents the person may see (the rest do not exist for them)."""
    visible = incoming_visible_to(user).values("document_id")
    return Assignment.objects.filter(document_id__in=visible).select_related(
        "document", "document__incoming", "assignee_user", "assignee_unit"
    )


def _assignment(request: HttpRequest, pk: int) -> Assignment:
    item = _assignments(_user(request)).filter(pk=pk).first()
    if item is None:
        raise NotFound(_("No such assignment."), code="assignment_not_found")
    return item


def assignment_out(item: Assignment) -> dict[str, Any]:
    document: Document = item.document
    incoming = getattr(document, "incoming", None)
    return {
        "id": item.pk,
        "incoming_id": incoming.pk if incoming is not None else None,
        "document_id": document.pk,
        "symbol": document.symbol,
        "subject": document.subject,
        "kind": item.kind,
        "assignee": assignee_label(item),
        "assignee_user": item.assignee_user.username if item.assignee_user else None,
        "assignee_unit": item.assignee_unit.slug if item.assignee_unit else None,
        "deadline": item.deadline,
        "status": item.status,
        "progress": item.progress,
        "result": item.result,
        "reply_document_id": item.reply_document_id,
        "bucket": getattr(item, "bucket", None),
    }


@router.post(
    "/incoming/{int:incoming_id}/direct",
    response=list[AssignmentOut],
    summary="Direct and assign (bút phê)",
)
def direct(request: HttpRequest, incoming_id: int, body: DirectIn) -> list[dict[str, Any]]:
    """The leader's direction: ``text``, one ``lead`` (chủ trì), any ``cooperate`` (phối hợp)
    and ``inform`` (để biết), each a person or a unit; the deadline defaults from the
    document's urgency under the unit's rules. Answers the assignments given."""
    incoming = incoming_visible_to(_user(request)).filter(pk=incoming_id).first()
    if incoming is None:
        raise NotFound(_("No such incoming document."), code="incoming_not_found")
    direction = incoming_direct(
        by=_user(request),
        incoming=incoming,
        text=body.text,
        lead=_target(body.lead),
        cooperate=[_target(t) for t in body.cooperate],
        inform=[_target(t) for t in body.inform],
        deadline=body.deadline,
    )
    return [assignment_out(a) for a in _assignments(_user(request)).filter(direction=direction)]


@router.post(
    "/incoming/{int:incoming_id}/redirect",
    response=list[AssignmentOut],
    summary="Change the direction (chỉ đạo lại)",
)
def redirect(request: HttpRequest, incoming_id: int, body: RedirectIn) -> list[dict[str, Any]]:
    """Replace the open work with a new direction: the open lead and co-operating work is
    withdrawn, the new assignments given; readers already informed stay informed."""
    incoming = incoming_visible_to(_user(request)).filter(pk=incoming_id).first()
    if incoming is None:
        raise NotFound(_("No such incoming document."), code="incoming_not_found")
    direction = incoming_reassign(
        by=_user(request),
        incoming=incoming,
        text=body.text,
        lead=_target(body.lead),
        cooperate=[_target(t) for t in body.cooperate],
        inform=[_target(t) for t in body.inform],
        deadline=body.deadline,
        reason=body.reason,
    )
    return [assignment_out(a) for a in _assignments(_user(request)).filter(direction=direction)]


@router.get("/assignments", response=InboxOut, summary="My work (the caller's inbox)")
def inbox(request: HttpRequest, query: Query[InboxQuery]) -> dict[str, Any]:
    """Work given to the caller (in the acting role's unit), with counts per bucket (new,
    in_progress, near_due, overdue, done); ``bucket`` narrows the list to one of them.
    Without one, the open work comes first (in ``sort``), then the done work, newest first;
    ``bucket=done`` lists the done work in ``sort``. Done work is counted up to 1,000
    (``done_is_lower_bound``: more)."""
    if query.sort not in SORTS:
        raise InvalidInput(
            _("Unknown sort order %(sort)s.") % {"sort": query.sort}, code="bad_sort"
        )
    if query.bucket and query.bucket not in BUCKETS:
        raise InvalidInput(
            _("Unknown list %(bucket)s.") % {"bucket": query.bucket}, code="bad_bucket"
        )
    check_paging(query.page, query.page_size, max_size=100)
    filters = InboxFilters(
        kind=query.kind,
        urgency=query.urgency,
        issuer=query.issuer,
        document_type=query.document_type,
        arrived_from=query.arrived_from,
        arrived_to=query.arrived_to,
    )
    items = inbox_for_person(
        _user(request),
        acting=current_acting(request),
        filters=filters,
        sort=query.sort,
        actings=request_actings(request),
    )
    page = inbox_page(items, bucket=query.bucket, page=query.page, page_size=query.page_size)
    return {
        "counts": page.counts,
        "done_is_lower_bound": page.done_is_lower_bound,
        "count": page.count,
        "count_is_lower_bound": page.count_is_lower_bound,
        "bucket": page.bucket,
        "page": page.page,
        "page_size": page.page_size,
        "has_next": page.has_next,
        "results": [assignment_out(a) for a in page.items],
    }


@router.get("/assignments/{int:assignment_id}", response=AssignmentOut)
def get_assignment(request: HttpRequest, assignment_id: int) -> dict[str, Any]:
    return assignment_out(_assignment(request, assignment_id))


def _fresh(request: HttpRequest, pk: int) -> dict[str, Any]:
    return assignment_out(_assignment(request, pk))


@router.post("/assignments/{int:assignment_id}/accept", response=AssignmentOut)
def accept(request: HttpRequest, assignment_id: int) -> dict[str, Any]:
    assignment_accept(by=_user(request), assignment=_assignment(request, assignment_id))
    return _fresh(request, assignment_id)


@router.post(
    "/assignments/{int:assignment_id}/progress",
    response=AssignmentOut,
    summary="Report progress (0–100)",
)
def progress(request: HttpRequest, assignment_id: int, body: ProgressIn) -> dict[str, Any]:
    incoming_progress(
        by=_user(request),
        assignment=_assignment(request, assignment_id),
        percent=body.percent,
        note=body.note,
    )
    return _fresh(request, assignment_id)


@router.post(
    "/assignments/{int:assignment_id}/complete",
    response=AssignmentOut,
    summary="Complete with a result and/or a reply document",
)
def complete(request: HttpRequest, assignment_id: int, body: CompleteIn) -> dict[str, Any]:
    """Completing the lead's work closes the incoming document."""
    reply = None
    if body.reply_document is not None:
        reply = (
            Document.objects.filter(pk=body.reply_document, created_by=_user(request)).first()
            or Document.objects.filter(
                pk=body.reply_document, incoming__in=incoming_visible_to(_user(request))
            ).first()
        )
        if reply is None:
            raise InvalidInput(_("No such reply document."), code="unknown_reply")
    incoming_complete(
        by=_user(request),
        assignment=_assignment(request, assignment_id),
        result=body.result,
        reply=reply,
    )
    return _fresh(request, assignment_id)


@router.post(
    "/assignments/{int:assignment_id}/return",
    response=AssignmentOut,
    summary="Give the work back with a reason",
)
def give_back(request: HttpRequest, assignment_id: int, body: ReasonIn) -> dict[str, Any]:
    incoming_give_back(
        by=_user(request), assignment=_assignment(request, assignment_id), reason=body.reason
    )
    return _fresh(request, assignment_id)


@router.post("/assignments/{int:assignment_id}/comment", response=AssignmentOut)
def comment(request: HttpRequest, assignment_id: int, body: CommentIn) -> dict[str, Any]:
    assignment_comment(
        by=_user(request), assignment=_assignment(request, assignment_id), text=body.text
    )
    return _fresh(request, assignment_id)


@router.post(
    "/assignments/{int:assignment_id}/read",
    response=AssignmentOut,
    summary="Mark work for information as read",
)
def mark_read(request: HttpRequest, assignment_id: int) -> dict[str, Any]:
    assignment_mark_read(by=_user(request), assignment=_assignment(request, assignment_id))
    return _fresh(request, assignment_id)
