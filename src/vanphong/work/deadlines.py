"""Working days and default deadlines. Pure Python, no Django.

A working day is Monday to Friday, except public holidays, plus the Saturdays the government
turns into working days in exchange for a bridge day off (ngày làm bù). The calendar's data
(``Holiday`` rows) and a unit's rules (``WorkRules`` rows) live in the database; this module
only computes with them, so the arithmetic is tested directly (tests/work/test_deadlines.py).

Default deadlines (thời hạn giải quyết) follow the document's urgency (độ khẩn) under the
unit's working regulations (quy chế làm việc, DOMAIN.md §3.4). No national text fixes the
number of days: the defaults below are typical of such regulations and every unit can set
its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

SATURDAY = 5

# Working days allowed per urgency when the unit has no rules of its own (unverified: typical of
# units' working regulations, not of a national text). 0 = the same working day.
DEFAULT_DAYS: Mapping[str, int] = MappingProxyType(
    {"hoa_toc": 0, "thuong_khan": 1, "khan": 2, "thuong": 7}
)
DEFAULT_NEAR_DUE_DAYS = 2
# Work given after this hour starts counting on the next working day: a "hỏa tốc" document
# directed at 17:30 is due the next working day, not within the half hour left.
DEFAULT_SAME_DAY_UNTIL = dt.time(16, 0)
# How far ahead a calendar needs to be loaded to answer questions about the next weeks.
HORIZON_DAYS = 120


@dataclass(frozen=True)
class Calendar:
    """Which days are worked: weekdays minus ``holidays``, plus ``working_weekends``."""

    holidays: frozenset[dt.date] = frozenset()
    working_weekends: frozenset[dt.date] = frozenset()

    @classmethod
    def of(
        cls, holidays: Iterable[dt.date] = (), working_weekends: Iterable[dt.date] = ()
    ) -> Calendar:
        return cls(frozenset(holidays), frozenset(working_weekends))

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.working_weekends:
            return True
        return day.weekday() < SATURDAY and day not in self.holidays

    def working_day_on_or_after(self, day: dt.date) -> dt.date:
        while not self.is_working_day(day):
            day += dt.timedelta(days=1)
        return day

    def add_working_days(self, day: dt.date, days: int) -> dt.date:
        """The working day ``days`` working days after ``day``.

        ``days == 0`` gives ``day`` itself when it is worked, else the next working day; so
        "within N working days" from a Saturday counts from the Monday.
        """
        if days < 0:
            raise ValueError("days must not be negative")
        return self.nth_working_day_after(self.working_day_on_or_after(day), days)

    def nth_working_day_after(self, day: dt.date, days: int) -> dt.date:
        """The ``days``-th working day after ``day`` (``day`` itself for 0, worked or not)."""
        if days < 0:
            raise ValueError("days must not be negative")
        current = day
        for _ in range(days):
            current = self.working_day_on_or_after(current + dt.timedelta(days=1))
        return current

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days in ``(start, end]``; negative (``-`` those in ``(end, start]``) when
        ``end`` comes first. ``add_working_days(d, n)`` is ``n`` days after a working ``d``."""
        if end < start:
            return -self.working_days_between(end, start)
        count = 0
        day = start + dt.timedelta(days=1)
        while day <= end:
            count += self.is_working_day(day)
            day += dt.timedelta(days=1)
        return count


@dataclass(frozen=True)
class Rules:
    """A unit's deadline rules: working days per urgency, when work counts as near due."""

    days: Mapping[str, int] = field(default_factory=lambda: DEFAULT_DAYS)
    near_due_days: int = DEFAULT_NEAR_DUE_DAYS
    same_day_until: dt.time = DEFAULT_SAME_DAY_UNTIL

    def days_for(self, urgency: str) -> int:
        """Working days for ``urgency``; an unknown urgency is treated as ordinary."""
        return self.days.get(urgency, self.days.get("thuong", DEFAULT_DAYS["thuong"]))


def start_day(at: dt.datetime, rules: Rules, calendar: Calendar) -> dt.date:
    """The working day from which work given at ``at`` is counted (``at`` in Vietnam time,
    aware or naive: its own date and clock time are what count).

    The same day when it is worked and the work came before ``rules.same_day_until``;
    otherwise the next working day.
    """
    day = at.date()
    if calendar.is_working_day(day) and at.time() < rules.same_day_until:
        return day
    return calendar.working_day_on_or_after(day + dt.timedelta(days=1))


def default_deadline(
    *,
    urgency: str,
    at: dt.datetime,
    rules: Rules,
    calendar: Calendar,
    stated: dt.date | None = None,
) -> dt.date:
    """The deadline to propose for work on a document of ``urgency`` given at ``at``.

    A deadline stated in the document itself wins when it is still ahead (the document's
    author set it); otherwise the unit's number of working days for the urgency, counted from
    the start day: a "hỏa tốc" document is due the same working day (the next one when it
    came late in the day), the others N working days later.
    """
    begin = start_day(at, rules, calendar)
    if stated is not None and stated >= at.date():
        return stated
    return calendar.add_working_days(begin, rules.days_for(urgency))


def near_due_limit(today: dt.date, rules: Rules, calendar: Calendar) -> dt.date:
    """The last deadline that counts as near due on ``today``: ``near_due_days`` working days
    ahead (0: only work due today)."""
    return calendar.nth_working_day_after(today, rules.near_due_days)
