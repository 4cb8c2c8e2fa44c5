"""Sending documents to recipients and recording what they answer (DESIGN.md §4 Exchange).

A delivery row is written in the transaction that issues (or recalls, updates, replaces) a
document, together with the job that will carry it: the outbox commits with the issuance or
not at all. Recipients in this system get the document in their intake through the same steps
as a package from another system would take; their clerks register or return it, and each
step comes back as an edXML status code on the sender's delivery.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vanphong.audit.chain import normalise
from vanphong.audit.services import audit_append
from vanphong.core.errors import Conflict, InvalidInput
from vanphong.core.text import clean
from vanphong.documents.models import Document
from vanphong.exchange.models import (
    STATUS_RANK,
    Business,
    Channel,
    Delivery,
    DeliveryStatus,
    StatusCode,
)
from vanphong.org.models import Unit, User
from vanphong.org.selectors import today, unit_route


@dataclass(frozen=True)
class Recipient:
    """Who a document goes to: a unit of this system, or an outside body by its organisation
    identifier (edXML) or its official e-mail address."""

    unit: Unit | None = None
    organ_id: str = ""
    name: str = ""
    email: str = ""


def package_id(document: Document, sender: Unit) -> str:
    """The edXML DocumentId: ``{sender OrganId},{yyyy/MM/dd},{CodeNumber}/{CodeNotation}``.

    A state agency numbers its secret documents in a series of their own, so a secret
    ``01/QĐ-UBND`` and an ordinary one may be issued the same day. Secret documents never
    leave this system (DOMAIN.md §5): their id also carries the local document id."""
    day = document.issued_date or timezone.localdate()
    organ = sender.organ_id or sender.slug
    identifier = f"{organ},{day:%Y/%m/%d},{document.number}/{document.notation}"
    return f"{identifier},{document.pk}" if document.secrecy else identifier


def _routed(unit: Unit) -> tuple[Unit, Unit | None]:
    """The unit that receives what is addressed to ``unit`` today, and the one addressed when
    a reorganisation closed it (its successor receives instead)."""
    target = unit_route(unit, on=today())
    if not target.is_active_on(today()):
        raise Conflict(
            _("%(unit)s was dissolved without a successor: choose another recipient.")
            % {"unit": unit},
            code="recipient_closed",
        )
    return target, (unit if target.pk != unit.pk else None)


def deliveries_create(
    *,
    by: User | None,
    document: Document,
    sender: Unit,
    recipients: Sequence[Recipient],
    business: Business = Business.NEW,
    originals: dict[int, Delivery] | None = None,
    note: str = "",
    values: dict[str, Any] | None = None,
) -> list[Delivery]:
    """Write one delivery per recipient, and queue its sending, in the caller's transaction.

    Units closed by a reorganisation are replaced by their successors; two recipients that
    lead to the same unit get one delivery. Secret documents do not leave the system
    (DOMAIN.md §5). ``originals`` maps a recipient unit's id to the delivery a recall, update
    or replacement concerns.
    """
    from vanphong.exchange.tasks import deliver

    if not connection.in_atomic_block:
        raise RuntimeError("deliveries_create must run inside the issuing transaction")
    if not recipients:
        raise InvalidInput(_("Name at least one recipient."), code="no_recipients")
    identifier = package_id(document, sender)
    values_update = normalise(values or {})
    seen: set[tuple[str, str]] = set()
    created: list[Delivery] = []
    for recipient in recipients:
        addressed_to = None
        if recipient.unit is not None:
            unit, addressed_to = _routed(recipient.unit)
            key = ("unit", str(unit.pk))
            recipient_values: dict[str, Any] = {
                "channel": Channel.LOCAL,
                "recipient_unit": unit,
                "recipient_name": unit.full_name,
                "recipient_organ_id": unit.organ_id,
            }
        elif recipient.organ_id or recipient.email:
            if document.secrecy:
                raise Conflict(
                    _("A secret document is not sent electronically outside the system."),
                    code="secret_outside",
                )
            channel = Channel.EDXML if recipient.organ_id else Channel.EMAIL
            key = (channel, recipient.organ_id or recipient.email.lower())
            recipient_values = {
                "channel": channel,
                "recipient_name": clean(recipient.name) or recipient.organ_id or recipient.email,
                "recipient_organ_id": recipient.organ_id,
                "recipient_email": recipient.email.lower(),
            }
        else:
            raise InvalidInput(
                _("A recipient needs a unit, an organisation identifier or an e-mail address."),
                code="bad_recipient",
            )
        if key in seen:
            continue
        seen.add(key)
        original = None
        if originals is not None and recipient_values.get("recipient_unit") is not None:
            original = originals.get(recipient_values["recipient_unit"].pk)
        delivery = Delivery.objects.create(
            document=document,
            sender=sender,
            package_id=identifier,
            business=business,
            addressed_to=addressed_to,
            original=original,
            note=clean(note),
            values=values_update,
            **recipient_values,
        )
        deliver.enqueue(delivery_id=delivery.pk)
        created.append(delivery)
    audit_append(
        action="exchange.send",
        actor=by,
        unit=sender,
        obj=document,
        after={
            "business": int(business),
            "package_id": identifier,
            "recipients": [d.recipient_name for d in created],
        },
    )
    return created


def delivery_status_record(
    *,
    delivery: Delivery,
    code: StatusCode | str,
    description: str = "",
    staff: str = "",
    arrival_number: int | None = None,
    arrival_year: int | None = None,
) -> Delivery:
    """Record a status the recipient sent back. Statuses can arrive late or twice: the trail
    keeps every one, the delivery shows the furthest step (a return, 02, always shows)."""
    code = StatusCode(code)
    with transaction.atomic():
        delivery = Delivery.objects.select_for_update().get(pk=delivery.pk)
        last = DeliveryStatus.objects.filter(delivery=delivery).order_by("-pk").first()
        if last is not None and last.code == code and last.description == description:
            return delivery  # the same status again: nothing new
        DeliveryStatus.objects.create(
            delivery=delivery, code=code, description=description, staff=staff
        )
        current = STATUS_RANK.get(delivery.status_code, 0)
        if code == StatusCode.REFUSED or STATUS_RANK[code] >= current:
            delivery.status_code = code
            delivery.status_description = description
            delivery.status_at = timezone.now()
        if arrival_number is not None:
            delivery.arrival_number = arrival_number
            delivery.arrival_year = arrival_year
        delivery.save()
    return delivery
