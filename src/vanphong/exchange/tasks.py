"""Carrying deliveries to their recipients (a background job per delivery)."""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone

from vanphong.core.tasks import PermanentError, job
from vanphong.exchange.models import Business, Channel, Delivery, StatusCode, Transport
from vanphong.exchange.services import delivery_status_record
from vanphong.incoming.models import SenderRequest
from vanphong.incoming.services import incoming_receive_delivered, incoming_sender_request

logger = logging.getLogger(__name__)

METADATA = (
    "document_type",
    "number",
    "notation",
    "symbol",
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


@job(max_attempts=10, base_delay=30.0, max_delay=3600.0)
def deliver(*, delivery_id: int) -> str:
    """Deliver one document (or a recall, update or replacement) to one recipient. Safe to
    run again: a delivery that went out is not sent twice."""
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update(of=("self",))
            .select_related("document", "sender", "recipient_unit", "original__incoming")
            .filter(pk=delivery_id)
            .first()
        )
        if delivery is None:
            raise PermanentError(f"delivery {delivery_id} does not exist")
        if delivery.transport == Transport.SENT:
            return "already sent"
        delivery.attempts += 1
        if delivery.channel != Channel.LOCAL:
            # Sending to other systems (edXML over HTTPS, official e-mail) is configured per
            # installation; until it is, the board shows these deliveries as failed.
            delivery.transport = Transport.FAILED
            delivery.last_error = "no connection configured for this channel"
            delivery.save(update_fields=["attempts", "transport", "last_error"])
            return "failed"
        if delivery.business in (Business.NEW, Business.REPLACE):
            document = delivery.document
            metadata = {name: getattr(document, name) for name in METADATA}
            metadata["issuer"] = delivery.sender.full_name
            recipient = delivery.recipient_unit
            if recipient is None:
                raise PermanentError(f"local delivery {delivery_id} has no recipient unit")
            delivery.incoming = incoming_receive_delivered(
                unit=recipient, source=document, sender=delivery.sender, metadata=metadata
            )
            code = StatusCode.ARRIVED
        else:
            target = delivery.original.incoming if delivery.original else None
            if target is None:
                raise PermanentError(f"delivery {delivery_id} concerns no delivered copy")
            kind = (
                SenderRequest.Kind.RECALL
                if delivery.business == Business.RECALL
                else SenderRequest.Kind.UPDATE
            )
            incoming_sender_request(
                incoming=target, kind=kind, reason=delivery.note, values=delivery.values
            )
            delivery.incoming = target
            code = StatusCode.RECALL_REQUESTED
        delivery.transport = Transport.SENT
        delivery.sent_at = timezone.now()
        delivery.last_error = ""
        delivery.save()
        delivery_status_record(delivery=delivery, code=code)
    return "sent"
