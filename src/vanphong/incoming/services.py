"""Receiving, registering, returning and cancelling incoming documents (DOMAIN.md §3)."""

from __future__ import annotations

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
from vanphong.documents.services import (
    check_metadata,
    document_copy,
    document_create,
    document_update_metadata,
)
from vanphong.documents.storage import Spooled
from vanphong.incoming.events import (
    IncomingCancelled,
    IncomingRegistered,
    IncomingReturned,
    SenderRequestAnswered,
)
from vanphong.incoming.models import IncomingDocument, IncomingStatus, ReceivedVia, SenderRequest
from vanphong.incoming.selectors import incoming_duplicates
from vanphong.org.models import SecrecyChoices, Unit, User
from vanphong.registers.models import RegisterKind
from vanphong.registers.services import counter_take, register_for
from vanphong.work.models import AssignmentKind
from vanphong.work.services import assignments_withdraw_open


def _event(incoming: IncomingDocument, kind: str, *, by: User | None, **data: Any) -> None:
    publish(DocumentChanged(document_id=incoming.document_id))  # the search index follows
    DocumentEvent.objects.create(
        document_id=incoming.document_id, kind=kind, actor=by, unit=incoming.unit, data=data
    )


def _state(incoming: IncomingDocument) -> dict[str, Any]:
    return {
        "status": incoming.status,
        "register": incoming.register_id,
        "arrival_year": incoming.arrival_year,
        "arrival_number": incoming.arrival_number,
        "symbol": incoming.document.symbol,
        "issuer": incoming.document.issuer,
        "subject": incoming.document.subject[:300],
        "secrecy": incoming.document.secrecy,
    }


@transaction.atomic
def incoming_receive(
    *,
    by: User,
    unit: Unit,
    files: Sequence[Spooled],
    main: int = 0,
    metadata: dict[str, Any] | None = None,
    via: ReceivedVia | str = ReceivedVia.UPLOAD,
) -> IncomingDocument:
    """Take in a document that reached ``unit``: store its files, queue their text extraction
    and the metadata proposal. Registration is a separate step: an unregistered document
    creates no obligation (DOMAIN.md §3.2)."""
    cleaned = check_metadata(metadata or {}, today=timezone.localdate())
    document = document_create(
        by=by,
        unit=unit,
        direction=DocumentDirection.INCOMING,
        files=files,
        main=main,
        metadata=cleaned,
    )
    incoming = IncomingDocument.objects.create(
        document=document,
        unit=unit,
        received_via=ReceivedVia(via),
        received_at=timezone.now(),
        received_by=by,
    )
    _event(incoming, "received", by=by, via=incoming.received_via, files=[f.name for f in files])
    audit_append(
        action="incoming.receive", actor=by, unit=unit, obj=incoming, after=_state(incoming)
    )
    return incoming


REQUIRED_TO_REGISTER = ("issuer", "subject")


@transaction.atomic
def incoming_register(
    *, by: User, incoming: IncomingDocument, metadata: dict[str, Any] | None = None
) -> IncomingDocument:
    """Register a received document: the next số đến of the unit's register for the year.

    Numbers run consecutively in order of registration within the register and the year,
    shared by paper and electronic documents; a secret document goes to the unit's secret
    register when it keeps one. The counter is locked until commit, so concurrent clerks get
    consecutive numbers and a failed registration leaves no gap.
    """
    incoming = (
        IncomingDocument.objects.select_for_update()
        .select_related("document", "unit")
        .get(pk=incoming.pk)
    )
    if incoming.status != IncomingStatus.RECEIVED:
        raise Conflict(
            _("This document is already %(status)s.") % {"status": incoming.get_status_display()},
            code="not_received",
        )
    document: Document = incoming.document
    if metadata:
        # Corrections made while registering are kept in the history like any other.
        document = document_update_metadata(
            by=by, document=document, values=metadata, unit=incoming.unit
        )
        incoming.document = document
    else:
        check_metadata(
            {"issued_date": document.issued_date, "due_date": document.due_date},
            today=timezone.localdate(),
        )
    if document.secrecy > by.clearance:
        raise Forbidden(
            _("You are not cleared for documents marked %(level)s: hand it to a clerk who is.")
            % {"level": SecrecyChoices(document.secrecy).label},
            code="not_cleared",
        )
    missing = [name for name in REQUIRED_TO_REGISTER if not clean(str(getattr(document, name)))]
    if missing:
        raise InvalidInput(
            _("Fill in the issuing body and the subject before registering."),
            code="metadata_required",
            errors={m: _("Required.") for m in missing},
        )
    duplicate = incoming_duplicates(incoming).exclude(status=IncomingStatus.RECEIVED).first()
    now = timezone.now()
    register = register_for(
        unit=incoming.unit, kind=RegisterKind.INCOMING, secrecy=document.secrecy
    )
    year = timezone.localdate(now).year
    incoming.register = register
    incoming.arrival_year = year
    incoming.arrival_number = counter_take(register=register, period=str(year))
    incoming.arrived_at = now
    incoming.registered_by = by
    incoming.status = IncomingStatus.REGISTERED
    incoming.duplicate_of = duplicate
    if document.due_date and incoming.deadline is None:
        incoming.deadline = document.due_date
    incoming.save()
    _event(
        incoming,
        "registered",
        by=by,
        number=incoming.arrival_number,
        year=year,
        register=register.name,
        duplicate_of=duplicate.pk if duplicate else None,
    )
    publish(IncomingRegistered(incoming_id=incoming.pk))
    audit_append(
        action="incoming.register",
        actor=by,
        unit=incoming.unit,
        obj=incoming,
        before={"status": IncomingStatus.RECEIVED},
        after=_state(incoming),
    )
    return incoming


@transaction.atomic
def incoming_return(*, by: User, incoming: IncomingDocument, reason: str) -> IncomingDocument:
    """Refuse a received document back to its sender, with the reason (edXML status 02).

    Only before registration: a registered document is cancelled instead, keeping its number.
    """
    reason = clean(reason)
    if not reason:
        raise InvalidInput(_("Give the reason for returning the document."), code="reason_required")
    incoming = IncomingDocument.objects.select_for_update().get(pk=incoming.pk)
    if incoming.status != IncomingStatus.RECEIVED:
        raise Conflict(
            _(
                "Only a document not yet registered can be returned; cancel the "
                "registration instead."
            ),
            code="not_received",
        )
    incoming.status = IncomingStatus.RETURNED
    incoming.closed_reason = reason
    incoming.closed_at = timezone.now()
    incoming.closed_by = by
    incoming.save()
    _event(incoming, "returned", by=by, reason=reason)
    publish(IncomingReturned(incoming_id=incoming.pk))
    audit_append(
        action="incoming.return",
        actor=by,
        unit=incoming.unit,
        obj=incoming,
        before={"status": IncomingStatus.RECEIVED},
        after={"status": incoming.status, "reason": reason},
    )
    return incoming


@transaction.atomic
def incoming_cancel(*, by: User, incoming: IncomingDocument, reason: str) -> IncomingDocument:
    """Cancel a registration by a recorded decision; the số đến stays used, never reused."""
    reason = clean(reason)
    if not reason:
        raise InvalidInput(
            _("Give the reason for cancelling the registration."), code="reason_required"
        )
    incoming = IncomingDocument.objects.select_for_update().get(pk=incoming.pk)
    if incoming.status in (
        IncomingStatus.RECEIVED,
        IncomingStatus.RETURNED,
        IncomingStatus.CANCELLED,
    ):
        raise Conflict(
            _("Only a registered document can have its registration cancelled."),
            code="not_registered",
        )
    before = incoming.status
    # A cancelled registration creates no obligation: its open work leaves people's inboxes.
    assignments_withdraw_open(
        by=by,
        document=incoming.document,
        reason=reason,
        kinds=[AssignmentKind.LEAD, AssignmentKind.COOPERATE, AssignmentKind.INFORM],
    )
    incoming.status = IncomingStatus.CANCELLED
    incoming.closed_reason = reason
    incoming.closed_at = timezone.now()
    incoming.closed_by = by
    incoming.save()
    _event(incoming, "cancelled", by=by, reason=reason, number=incoming.arrival_number)
    publish(IncomingCancelled(incoming_id=incoming.pk))
    audit_append(
        action="incoming.cancel",
        actor=by,
        unit=incoming.unit,
        obj=incoming,
        before={"status": before},
        after={"status": incoming.status, "reason": reason},
    )
    return incoming


@transaction.atomic
def incoming_correct(
    *, by: User, incoming: IncomingDocument, values: dict[str, Any]
) -> IncomingDocument:
    """Correct what was recorded about a received or registered document (kept in history).

    A registered document stays in the register that numbered it: a correction of its
    secrecy that would belong in another register (the secret one) is refused, since moving it
    would leave a gap in one book; cancel the registration and register it again instead.
    """
    incoming = (
        IncomingDocument.objects.select_for_update()
        .select_related("document", "unit")
        .get(pk=incoming.pk)
    )
    if incoming.status in (IncomingStatus.RETURNED, IncomingStatus.CANCELLED):
        raise Conflict(_("A returned or cancelled document is no longer corrected."), code="closed")
    cleaned = check_metadata(values, today=timezone.localdate())
    secrecy = cleaned.get("secrecy", incoming.document.secrecy)
    if secrecy > by.clearance:
        raise Forbidden(
            _("You are not cleared for documents marked %(level)s: hand it to a clerk who is.")
            % {"level": SecrecyChoices(secrecy).label},
            code="not_cleared",
        )
    if incoming.register_id is not None and secrecy != incoming.document.secrecy:
        target = register_for(unit=incoming.unit, kind=RegisterKind.INCOMING, secrecy=secrecy)
        if target.pk != incoming.register_id:
            raise Conflict(
                _(
                    "At this secrecy the document belongs in “%(register)s”: cancel its "
                    "registration and register it again there."
                )
                % {"register": target.name},
                code="other_register",
            )
    incoming.document = document_update_metadata(
        by=by, document=incoming.document, values=values, unit=incoming.unit
    )
    return incoming


# --- through the exchange -------------------------------------------------------------------


@transaction.atomic
def incoming_receive_delivered(
    *, unit: Unit, source: Document, sender: Unit, metadata: dict[str, Any]
) -> IncomingDocument:
    """A document delivered by the exchange to ``unit``: its metadata already filled from the
    sender's record, its files the sender's (stored once), waiting to be registered or
    returned by the unit's clerk like any document received (DOMAIN.md §3.1)."""
    document = document_copy(
        by=None,
        source=source,
        unit=unit,
        direction=DocumentDirection.INCOMING,
        metadata={**metadata, "issuer_unit": sender},
    )
    incoming = IncomingDocument.objects.create(
        document=document,
        unit=unit,
        received_via=ReceivedVia.EXCHANGE,
        received_at=timezone.now(),
        received_by=None,
    )
    _event(incoming, "received", by=None, via=ReceivedVia.EXCHANGE, sender=sender.full_name)
    audit_append(
        action="incoming.receive",
        actor=None,
        unit=unit,
        obj=incoming,
        after={**_state(incoming), "via": "exchange", "sender": sender.slug},
    )
    return incoming


@transaction.atomic
def incoming_sender_request(
    *,
    incoming: IncomingDocument,
    kind: str,
    reason: str = "",
    values: dict[str, Any] | None = None,
) -> SenderRequest:
    """Record the sender's request to recall the document or update its metadata, for the
    receiving clerk to answer (edXML status 13)."""
    request = SenderRequest.objects.create(
        incoming=incoming,
        kind=SenderRequest.Kind(kind),
        reason=clean(reason),
        values=values or {},
    )
    _event(
        incoming,
        f"sender_{request.kind}_requested",
        by=None,
        reason=request.reason,
        values=request.values,
    )
    return request


@transaction.atomic
def incoming_answer_sender_request(
    *, by: User, request: SenderRequest, accept: bool, reason: str = ""
) -> SenderRequest:
    """The clerk agrees (status 15: the copy is cancelled, or updated) or refuses (16)."""
    request = (
        SenderRequest.objects.select_for_update().select_related("incoming").get(pk=request.pk)
    )
    if request.answered_at is not None:
        raise Conflict(_("This request has already been answered."), code="already_answered")
    reason = clean(reason)
    if not accept and not reason:
        raise InvalidInput(_("Give the reason for refusing the request."), code="reason_required")
    incoming = request.incoming
    if accept and request.kind == SenderRequest.Kind.RECALL:
        note = reason or _("Recalled at the sender's request.")
        if incoming.status == IncomingStatus.RECEIVED:
            incoming_return(by=by, incoming=incoming, reason=note)
        elif incoming.status not in (IncomingStatus.RETURNED, IncomingStatus.CANCELLED):
            incoming_cancel(by=by, incoming=incoming, reason=note)
    elif accept and request.kind == SenderRequest.Kind.UPDATE:
        document_update_metadata(
            by=by, document=incoming.document, values=request.values, unit=incoming.unit
        )
    request.accepted = accept
    request.answered_at = timezone.now()
    request.answered_by = by
    request.answer_reason = reason
    request.save()
    _event(
        incoming,
        "sender_request_answered",
        by=by,
        request=request.kind,
        accepted=accept,
        reason=reason,
    )
    publish(SenderRequestAnswered(incoming_id=incoming.pk, request_id=request.pk, accepted=accept))
    audit_append(
        action="incoming.answer_sender",
        actor=by,
        unit=incoming.unit,
        obj=incoming,
        after={"request": request.kind, "accepted": accept, "reason": reason},
    )
    return request
