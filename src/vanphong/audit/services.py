"""Writing to the audit journal."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import connection
from django.db.models import Model
from django.utils import timezone

from vanphong.audit.chain import GENESIS, link_hash, normalise
from vanphong.audit.models import AuditEvent, AuditHead

if TYPE_CHECKING:
    from vanphong.org.models import Unit, User


def audit_append(
    *,
    action: str,
    actor: User | None,
    unit: Unit | None = None,
    obj: Model | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the journal, in the caller's transaction.

    Must run inside ``transaction.atomic`` so the event commits or rolls back with the change it
    records. Locks the chain head: appends are serialised, which is what keeps the chain a chain.
    Call it last in a service to hold that lock as briefly as possible.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("audit_append must be called inside transaction.atomic")
    head = _locked_head()
    event = AuditEvent(
        seq=head.seq + 1,
        # Whole microseconds in UTC survive the round trip through every database unchanged.
        occurred_at=timezone.now().astimezone(dt.UTC),
        actor=actor,
        actor_name=(actor.get_username() if actor is not None else "")[:150],
        unit=unit,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:255] if obj is not None else "",
        before=normalise(before) if before is not None else None,
        after=normalise(after) if after is not None else None,
        prev_hash=head.hash,
    )
    event.hash = link_hash(head.hash, event.hashed_fields())
    event.save(force_insert=True)
    AuditHead.objects.filter(pk=1).update(seq=event.seq, hash=event.hash)
    return event


def _locked_head() -> AuditHead:
    """The chain's head row, locked until the caller's transaction ends.

    The row comes with the migrations, but ``vanphong flush`` (and a test database reset)
    empties every table: an empty journal then simply starts again from the genesis. A journal
    that has events but no head has been tampered with, and recording more would hide that
    (the head inserted here then rolls back with the caller's transaction).
    """
    head = AuditHead.objects.select_for_update().filter(pk=1).first()
    if head is not None:
        return head
    # Concurrent first writers all get here: one insert wins, the others' are ignored once it
    # commits, and every writer then queues on the row lock as usual.
    AuditHead.objects.bulk_create([AuditHead(pk=1, seq=0, hash=GENESIS)], ignore_conflicts=True)
    head = AuditHead.objects.select_for_update().get(pk=1)
    if head.seq == 0 and AuditEvent.objects.exists():
        raise RuntimeError(
            "the audit journal has events but no head record; run `vanphong audit_verify`"
        )
    return head
