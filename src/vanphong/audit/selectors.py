"""Reading the audit journal."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import QuerySet

from vanphong.audit.chain import Link, Verdict, verify
from vanphong.audit.models import AuditEvent, AuditHead


def _links(batch: int) -> Iterator[Link]:
    for event in AuditEvent.objects.order_by("seq").iterator(chunk_size=batch):
        yield Link(
            seq=event.seq, prev_hash=event.prev_hash, hash=event.hash, fields=event.hashed_fields()
        )


def audit_verify_chain(*, batch: int = 2000) -> Verdict:
    """Recompute the whole chain; the verdict names the first event that does not hold."""
    head = AuditHead.objects.filter(pk=1).first()
    if head is not None:
        return verify(_links(batch), head=(head.seq, head.hash))
    verdict = verify(_links(batch))
    if verdict.ok and verdict.checked:
        # Without its head nothing shows whether events were cut off the end.
        return Verdict(False, verdict.checked, None, "the journal's head record is missing")
    return verdict


def audit_events_for(*, obj_type: str, obj_id: str) -> QuerySet[AuditEvent]:
    """The journal of one object, oldest first."""
    return AuditEvent.objects.filter(object_type=obj_type, object_id=obj_id).order_by("seq")
