"""What the exchange does when a recipient's clerk or assignee acts on a delivered document:
the status code travels back to the sender's delivery (edXML statuses 02–06, 15, 16)."""

from __future__ import annotations

from vanphong.exchange.models import Business, Delivery, StatusCode
from vanphong.exchange.services import delivery_status_record
from vanphong.incoming.events import (
    IncomingDirected,
    IncomingDone,
    IncomingInProgress,
    IncomingRegistered,
    IncomingReturned,
    SenderRequestAnswered,
)
from vanphong.incoming.models import IncomingDocument, SenderRequest

_DOCUMENT = (Business.NEW, Business.REPLACE)


def _deliveries(incoming_id: int, businesses: tuple[int, ...] = _DOCUMENT) -> list[Delivery]:
    return list(Delivery.objects.filter(incoming_id=incoming_id, business__in=businesses))


def _staff(incoming: IncomingDocument) -> str:
    return incoming.registered_by.get_full_name() if incoming.registered_by else ""


def on_registered(event: IncomingRegistered) -> None:
    incoming = IncomingDocument.objects.select_related("registered_by").get(pk=event.incoming_id)
    for delivery in _deliveries(event.incoming_id):
        delivery_status_record(
            delivery=delivery,
            code=StatusCode.ACCEPTED,
            staff=_staff(incoming),
            arrival_number=incoming.arrival_number,
            arrival_year=incoming.arrival_year,
        )


def on_returned(event: IncomingReturned) -> None:
    incoming = IncomingDocument.objects.get(pk=event.incoming_id)
    for delivery in _deliveries(event.incoming_id):
        delivery_status_record(
            delivery=delivery, code=StatusCode.REFUSED, description=incoming.closed_reason
        )


def on_directed(event: IncomingDirected) -> None:
    for delivery in _deliveries(event.incoming_id):
        delivery_status_record(delivery=delivery, code=StatusCode.ASSIGNED)


def on_in_progress(event: IncomingInProgress) -> None:
    for delivery in _deliveries(event.incoming_id):
        delivery_status_record(
            delivery=delivery, code=StatusCode.IN_PROGRESS, description=f"{event.percent}%"
        )


def on_done(event: IncomingDone) -> None:
    for delivery in _deliveries(event.incoming_id):
        delivery_status_record(delivery=delivery, code=StatusCode.DONE)


def on_sender_request_answered(event: SenderRequestAnswered) -> None:
    code = StatusCode.AGREED if event.accepted else StatusCode.DECLINED
    request = SenderRequest.objects.filter(pk=event.request_id).first()
    if request is None:
        return
    # Only the delivery that asked this (a recall, or an update), with the clerk's reason: an
    # answer to an update must not overwrite the answer to an earlier recall, or the reverse.
    business = Business.RECALL if request.kind == SenderRequest.Kind.RECALL else Business.UPDATE
    for delivery in _deliveries(event.incoming_id, (business,)):
        delivery_status_record(delivery=delivery, code=code, description=request.answer_reason)
