"""The part of the audit journal an administrator may read."""

from __future__ import annotations

from django.db.models import QuerySet

from vanphong.audit.models import AuditEvent
from vanphong.org.models import User
from vanphong.org.selectors import units_administered_by


def audit_events_visible_to(user: User) -> QuerySet[AuditEvent]:
    """Events ``user`` may read, newest first.

    An instance administrator reads the whole journal. A unit's administrator reads the events
    recorded against the units they administer; events tied to no unit (people, jobs) concern
    the whole instance and stay with instance administrators.
    """
    events = AuditEvent.objects.select_related("unit").order_by("-seq")
    if user.is_superuser:
        return events
    return events.filter(unit__in=units_administered_by(user))
