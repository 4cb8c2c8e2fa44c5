"""Directing and working on registered incoming documents (DOMAIN.md §3.3–§3.4).

The leader's direction (bút phê) and the assignments it orders are the work app's; this module
applies them to incoming documents and keeps the document's status in step with its lead:

- registered → in progress when a leader directs it (edXML status 04);
- in progress → done when the lead (chủ trì) completes the work (status 06);
- in progress → registered when the lead gives the work back to the leader, who must direct
  it again; a lead who got the work by a hand-over gives it back to whoever handed it over,
  and the document stays in progress.

Default deadline (thời hạn giải quyết): a deadline stated in the document when it is still
ahead, otherwise the receiving unit's number of working days for the document's urgency,
counted from the moment of the direction (``vanphong.work.deadlines``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vanphong.audit.services import audit_append
from vanphong.core.errors import Conflict, Forbidden, InvalidInput
from vanphong.core.events import publish
from vanphong.core.text import clean
from vanphong.documents.events import DocumentChanged
from vanphong.documents.models import Direction as DocumentDirection
from vanphong.documents.models import Document, DocumentEvent
from vanphong.documents.services import document_create
from vanphong.documents.storage import Spooled
from vanphong.incoming.events import IncomingDirected, IncomingDone, IncomingInProgress
from vanphong.incoming.models import IncomingDocument, IncomingStatus
from vanphong.org.models import User
from vanphong.org.roles import cleared_for
from vanphong.work.access import check_can_act, check_can_direct
from vanphong.work.deadlines import default_deadline
from vanphong.work.models import (
    OPEN_ASSIGNMENT,
    Assignment,
    AssignmentKind,
    Direction,
)
from vanphong.work.selectors import calendar_from, rules_for
from vanphong.work.services import (
    TargetLike,
    assignment_complete,
    assignment_report_progress,
    assignment_return,
    assignments_withdraw_open,
    check_step,
    direction_give,
)


def incoming_default_deadline(
    incoming: IncomingDocument, *, at: dt.datetime | None = None
) -> dt.date:
    """The deadline to propose for work on ``incoming`` directed at ``at`` (now by default)."""
    moment = timezone.localtime(at or timezone.now())
    return default_deadline(
        urgency=incoming.document.urgency,
        at=moment,
        rules=rules_for(incoming.unit),
        calendar=calendar_from(moment.date()),
        stated=incoming.document.due_date,
    )


def _locked(incoming: IncomingDocument) -> IncomingDocument:
    locked = IncomingDocument.objects.select_for_update().get(pk=incoming.pk)
    return IncomingDocument.objects.select_related("document", "unit").get(pk=locked.pk)


def _registered_on(incoming: IncomingDocument) -> dt.date:
    # Every status past "received" has its registration time; fall back on the receipt.
    return timezone.localdate(incoming.arrived_at or incoming.received_at)


def _lead_deadline(direction: Direction) -> dt.date | None:
    lead = direction.assignments.filter(kind=AssignmentKind.LEAD).first()
    return lead.deadline if lead is not None else direction.deadline


def _event(incoming: IncomingDocument, kind: str, *, by: User, **data: Any) -> None:
    publish(DocumentChanged(document_id=incoming.document_id))  # the search index follows
    DocumentEvent.objects.create(
        document_id=incoming.document_id, kind=kind, actor=by, unit=incoming.unit, data=data
    )


def _check_directable(by: User, incoming: IncomingDocument) -> None:
    check_can_direct(by, incoming.unit_id)
    if not cleared_for(by.clearance, incoming.document.secrecy):
        raise Forbidden(
            _("Your secrecy clearance does not cover this document."), code="not_cleared"
        )


def _give(
    *,
    by: User,
    incoming: IncomingDocument,
    text: str,
    lead: TargetLike,
    cooperate: Sequence[TargetLike],
    inform: Sequence[TargetLike],
    deadline: dt.date | None,
    kind: str,
) -> Direction:
    if lead is None:
        raise InvalidInput(_("Name the lead (chủ trì) of the work."), code="lead_required")
    direction = direction_give(
        by=by,
        document=incoming.document,
        text=text,
        lead=lead,
        cooperate=cooperate,
        inform=inform,
        deadline=deadline if deadline is not None else incoming_default_deadline(incoming),
        earliest=_registered_on(incoming),
        kind=kind,
    )
    incoming.deadline = _lead_deadline(direction)
    incoming.status = IncomingStatus.IN_PROGRESS
    incoming.save(update_fields=["deadline", "status"])
    publish(IncomingDirected(incoming_id=incoming.pk))
    publish(DocumentChanged(document_id=incoming.document_id))
    return direction


@transaction.atomic
def incoming_direct(
    *,
    by: User,
    incoming: IncomingDocument,
    text: str,
    lead: TargetLike,
    cooperate: Sequence[TargetLike] = (),
    inform: Sequence[TargetLike] = (),
    deadline: dt.date | None = None,
) -> Direction:
    """Direct a registered document (bút phê): one lead (chủ trì), co-operators (phối hợp),
    readers (để biết), people or units, with a deadline (by default from the document and the
    unit's rules); the document is then in progress with the lead's deadline.

    Only the office leader or a leader of the receiving unit, cleared for the document, and
    only a registered document not yet directed (an unregistered document creates no
    obligation, DOMAIN.md §3.2); the deadline may not precede the registration.
    """
    _check_directable(by, incoming)
    incoming = _locked(incoming)
    if incoming.status == IncomingStatus.REGISTERED and incoming.document.directions.exists():
        # Given back by its lead: the work that stands (co-operators, readers) must be seen
        # to, which is what changing the direction does.
        raise Conflict(
            _("This document has been directed before; change the direction instead."),
            code="already_directed",
        )
    if incoming.status != IncomingStatus.REGISTERED:
        if incoming.status == IncomingStatus.IN_PROGRESS:
            raise Conflict(
                _("This document is already being worked on; change the direction instead."),
                code="already_directed",
            )
        raise Conflict(
            _("Only a registered document can be directed; this one is %(status)s.")
            % {"status": incoming.get_status_display()},
            code="not_registered",
        )
    direction = _give(
        by=by,
        incoming=incoming,
        text=text,
        lead=lead,
        cooperate=cooperate,
        inform=inform,
        deadline=deadline,
        kind="directed",
    )
    audit_append(
        action="incoming.direct",
        actor=by,
        unit=incoming.unit,
        obj=incoming,
        before={"status": IncomingStatus.REGISTERED},
        after={
            "status": incoming.status,
            "direction": direction.pk,
            "deadline": incoming.deadline.isoformat() if incoming.deadline else None,
        },
    )
    return direction


@transaction.atomic
def incoming_reassign(
    *,
    by: User,
    incoming: IncomingDocument,
    text: str,
    lead: TargetLike,
    cooperate: Sequence[TargetLike] = (),
    inform: Sequence[TargetLike] = (),
    deadline: dt.date | None = None,
    reason: str = "",
) -> Direction:
    """Change the direction (chỉ đạo lại): the open lead and co-operating work is withdrawn
    and the new direction's work given. Work for information already given stays.

    For the same leaders as ``incoming_direct``, on a document registered or in progress.
    """
    _check_directable(by, incoming)
    incoming = _locked(incoming)
    if incoming.status not in (IncomingStatus.REGISTERED, IncomingStatus.IN_PROGRESS):
        raise Conflict(
            _("Only a registered document in work can be directed again; this one is %(status)s.")
            % {"status": incoming.get_status_display()},
            code="not_registered",
        )
    before = {"status": incoming.status, "deadline": incoming.deadline}
    withdrawn = assignments_withdraw_open(by=by, document=incoming.document, reason=reason)
    direction = _give(
        by=by,
        incoming=incoming,
        text=text,
        lead=lead,
        cooperate=cooperate,
        inform=inform,
        deadline=deadline,
        kind="redirected",
    )
    audit_append(
        action="incoming.reassign",
        actor=by,
        unit=incoming.unit,
        obj=incoming,
        before=before,
        after={
            "status": incoming.status,
            "direction": direction.pk,
            "deadline": incoming.deadline.isoformat() if incoming.deadline else None,
            "withdrawn": [a.pk for a in withdrawn],
        },
    )
    return direction


def _incoming_in_work(assignment: Assignment) -> IncomingDocument:
    incoming = (
        IncomingDocument.objects.select_for_update()
        .filter(document_id=assignment.document_id)
        .first()
    )
    if incoming is None:
        raise InvalidInput(_("This work is not on an incoming document."), code="not_incoming")
    if incoming.status != IncomingStatus.IN_PROGRESS:
        raise Conflict(
            _("The document is %(status)s: its work can no longer change.")
            % {"status": incoming.get_status_display()},
            code="document_closed",
        )
    return IncomingDocument.objects.select_related("document", "unit").get(pk=incoming.pk)


@transaction.atomic
def incoming_progress(
    *, by: User, assignment: Assignment, percent: int, note: str = ""
) -> Assignment:
    """Report progress on work on an incoming document in progress (the lead's progress is
    the document's: edXML status 05)."""
    incoming = _incoming_in_work(assignment)
    assignment = assignment_report_progress(
        by=by, assignment=assignment, percent=percent, note=note
    )
    if assignment.kind == AssignmentKind.LEAD:
        publish(IncomingInProgress(incoming_id=incoming.pk, percent=percent))
    return assignment


@transaction.atomic
def incoming_complete(
    *, by: User, assignment: Assignment, result: str = "", reply: Document | None = None
) -> Assignment:
    """Complete work on an incoming document with a result and/or a reply document; when the
    lead completes, the document is done (edXML status 06)."""
    incoming = _incoming_in_work(assignment)
    assignment = assignment_complete(by=by, assignment=assignment, result=result, reply=reply)
    if assignment.kind == AssignmentKind.LEAD:
        incoming.status = IncomingStatus.DONE
        incoming.done_at = assignment.done_at
        incoming.save(update_fields=["status", "done_at"])
        _event(
            incoming,
            "done",
            by=by,
            assignment=assignment.pk,
            reply_document=reply.pk if reply else None,
            late=bool(incoming.deadline and timezone.localdate() > incoming.deadline),
        )
        publish(IncomingDone(incoming_id=incoming.pk))
        audit_append(
            action="incoming.done",
            actor=by,
            unit=incoming.unit,
            obj=incoming,
            before={"status": IncomingStatus.IN_PROGRESS},
            after={"status": incoming.status, "assignment": assignment.pk},
        )
    return assignment


@transaction.atomic
def incoming_complete_with_reply(
    *,
    by: User,
    assignment: Assignment,
    files: Sequence[Spooled],
    result: str = "",
    subject: str = "",
) -> Assignment:
    """Complete work on an incoming document with a reply written for it: the reply's file
    becomes a new outgoing document (văn bản đi, owned by the unit where the work is done,
    its symbol given when it is issued) linked as the reply, in the same transaction."""
    _incoming_in_work(assignment)
    # Refuse before any file is stored; incoming_complete checks again under the lock.
    check_can_act(by, assignment)
    check_step(assignment, "complete")
    metadata = {"subject": clean(subject)} if clean(subject) else None
    reply = document_create(
        by=by,
        unit=assignment.unit,
        direction=DocumentDirection.OUTGOING,
        files=files,
        metadata=metadata,
    )
    return incoming_complete(by=by, assignment=assignment, result=result, reply=reply)


@transaction.atomic
def incoming_give_back(*, by: User, assignment: Assignment, reason: str) -> Assignment:
    """Give work on an incoming document back with a reason (trả lại). When the lead gives it
    back to the leader who directed it, the document is registered again, waiting for a new
    direction; given back after a hand-over, it goes to whoever handed it over."""
    incoming = _incoming_in_work(assignment)
    assignment = assignment_return(by=by, assignment=assignment, reason=reason)
    lead_open = Assignment.objects.filter(
        document_id=incoming.document_id,
        kind=AssignmentKind.LEAD,
        status__in=OPEN_ASSIGNMENT,
    ).exists()
    if assignment.kind == AssignmentKind.LEAD and not lead_open:
        incoming.status = IncomingStatus.REGISTERED
        incoming.save(update_fields=["status"])
        publish(DocumentChanged(document_id=incoming.document_id))
        audit_append(
            action="incoming.lead_returned",
            actor=by,
            unit=incoming.unit,
            obj=incoming,
            before={"status": IncomingStatus.IN_PROGRESS},
            after={"status": incoming.status, "assignment": assignment.pk},
        )
    return assignment
