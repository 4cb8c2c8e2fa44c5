"""Reading work: the rules and calendar deadlines follow, and the inboxes (hộp việc) of people
and units with their follow-up buckets, scoped to what the reader may see."""

from __future__ import annotations

import datetime as dt

from vanphong.org.models import Unit
from vanphong.work.deadlines import HORIZON_DAYS, Calendar, Rules
from vanphong.work.models import (
    Holiday,
    WorkRules,
)

# --- rules and calendar --------------------------------------------------------------------


def rules_of(row: WorkRules | None) -> Rules:
    """The pure rules a ``WorkRules`` row holds (the defaults for None)."""
    if row is None:
        return Rules()
    return Rules(
        days={
            "hoa_toc": row.days_hoa_toc,
            "thuong_khan": row.days_thuong_khan,
            "khan": row.days_khan,
            "thuong": row.days_thuong,
        },
        near_due_days=row.near_due_days,
        same_day_until=row.same_day_until,
    )


def rules_for(unit: Unit) -> Rules:
    """The deadline rules of ``unit``: its own, else those of the nearest unit above it that
    has some, else the defaults. One query."""
    row = (
        WorkRules.objects.filter(unit_id__in=[*unit.ancestor_ids(), unit.pk])
        .order_by("-unit__depth")
        .first()
    )
    return rules_of(row)


def calendar_for(start: dt.date, end: dt.date) -> Calendar:
    """The working calendar between ``start`` and ``end`` (inclusive), from the holiday table.
    One query."""
    rows = Holiday.objects.filter(date__gte=start, date__lte=end).values_list("date", "working")
    return Calendar.of(
        holidays=[d for d, working in rows if not working],
        working_weekends=[d for d, working in rows if working],
    )


def calendar_from(day: dt.date, *, days: int = HORIZON_DAYS) -> Calendar:
    """The calendar for ``days`` days from ``day`` on: enough for any deadline computed now."""
    return calendar_for(day - dt.timedelta(days=7), day + dt.timedelta(days=days))
