"""Working-day arithmetic and default deadlines: pure functions, property-tested."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vanphong.work.deadlines import (
    DEFAULT_DAYS,
    Calendar,
    Rules,
    default_deadline,
    near_due_limit,
    start_day,
)

VN = dt.timezone(dt.timedelta(hours=7))  # Asia/Ho_Chi_Minh has no summer time
MON = dt.date(2026, 3, 2)  # a Monday without holidays around it
TET_2026 = Calendar.of(
    holidays=[dt.date(2026, 2, d) for d in (16, 17, 18, 19, 20)],
)
SWAP_2025 = Calendar.of(
    holidays=[dt.date(2025, 4, 30), dt.date(2025, 5, 1), dt.date(2025, 5, 2)],
    working_weekends=[dt.date(2025, 4, 26)],
)

days = st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2028, 12, 31))
counts = st.integers(min_value=0, max_value=60)
holiday_sets = st.frozensets(days, max_size=40)


@st.composite
def calendars(draw: st.DrawFn) -> Calendar:
    holidays = draw(holiday_sets)
    # Each day moved on to its Saturday (a Sunday stays): a filter rejecting five days in seven
    # failed Hypothesis's health check for slow data on a loaded machine.
    weekend_days = days.map(lambda d: d + dt.timedelta(days=max(5 - d.weekday(), 0)))
    weekends = draw(st.frozensets(weekend_days, max_size=5))
    return Calendar(holidays=frozenset(holidays - weekends), working_weekends=weekends)


@given(calendars(), days, counts)
def test_adding_working_days_lands_on_a_working_day_that_far_ahead(cal, day, n):
    result = cal.add_working_days(day, n)
    assert cal.is_working_day(result)
    assert result >= day
    start = cal.working_day_on_or_after(day)
    assert cal.working_days_between(start, result) == n


@given(calendars(), days, counts, counts)
def test_adding_working_days_composes(cal, day, a, b):
    assert cal.add_working_days(cal.add_working_days(day, a), b) == cal.add_working_days(day, a + b)


@given(calendars(), days, counts)
def test_more_days_never_give_an_earlier_date(cal, day, n):
    assert cal.add_working_days(day, n) <= cal.add_working_days(day, n + 1)
    assert cal.add_working_days(day, n) < cal.add_working_days(day, n + 1)


@given(calendars(), days, days)
def test_working_days_between_is_antisymmetric(cal, a, b):
    assert cal.working_days_between(a, b) == -cal.working_days_between(b, a)


@given(days, st.integers(min_value=0, max_value=200))
def test_without_holidays_five_working_days_are_a_week(day, weeks):
    plain = Calendar()
    start = plain.working_day_on_or_after(day)
    assert plain.add_working_days(start, 5 * weeks) == start + dt.timedelta(weeks=weeks)


@given(calendars(), days)
def test_holidays_and_weekends_are_skipped(cal, day):
    if day in cal.working_weekends:
        assert cal.is_working_day(day)
    elif day.weekday() >= 5 or day in cal.holidays:
        assert not cal.is_working_day(day)
    else:
        assert cal.is_working_day(day)


def test_negative_days_are_refused():
    with pytest.raises(ValueError, match="negative"):
        Calendar().add_working_days(MON, -1)


def test_tet_and_weekends_are_skipped():
    # Friday 13/02/2026 + 1 working day: the weekend and Tết (16–20/02) pass, Monday 23/02.
    assert TET_2026.add_working_days(dt.date(2026, 2, 13), 1) == dt.date(2026, 2, 23)
    assert TET_2026.working_days_between(dt.date(2026, 2, 13), dt.date(2026, 2, 23)) == 1


def test_a_make_up_saturday_is_worked():
    # Friday 25/04/2025 + 1 is the make-up Saturday 26/04; + 4 jumps the 30/4–4/5 break.
    assert SWAP_2025.add_working_days(dt.date(2025, 4, 25), 1) == dt.date(2025, 4, 26)
    assert SWAP_2025.add_working_days(dt.date(2025, 4, 25), 4) == dt.date(2025, 5, 5)


@pytest.mark.parametrize(
    ("at", "urgency", "expected"),
    [
        (dt.datetime(2026, 3, 2, 9, 0, tzinfo=VN), "hoa_toc", dt.date(2026, 3, 2)),  # same day
        (
            dt.datetime(2026, 3, 2, 17, 0, tzinfo=VN),
            "hoa_toc",
            dt.date(2026, 3, 3),
        ),  # late: next day
        (
            dt.datetime(2026, 3, 6, 17, 0, tzinfo=VN),
            "hoa_toc",
            dt.date(2026, 3, 9),
        ),  # Friday late: Monday
        (
            dt.datetime(2026, 3, 7, 9, 0, tzinfo=VN),
            "hoa_toc",
            dt.date(2026, 3, 9),
        ),  # Saturday: Monday
        (dt.datetime(2026, 3, 2, 9, 0, tzinfo=VN), "thuong_khan", dt.date(2026, 3, 3)),
        (dt.datetime(2026, 3, 2, 9, 0, tzinfo=VN), "khan", dt.date(2026, 3, 4)),
        (
            dt.datetime(2026, 3, 2, 9, 0, tzinfo=VN),
            "thuong",
            dt.date(2026, 3, 11),
        ),  # 7 working days
        (dt.datetime(2026, 3, 2, 9, 0, tzinfo=VN), "unknown", dt.date(2026, 3, 11)),  # as ordinary
        (dt.datetime(2026, 2, 13, 10, 0, tzinfo=VN), "hoa_toc", dt.date(2026, 2, 13)),
        (
            dt.datetime(2026, 2, 13, 10, 0, tzinfo=VN),
            "thuong_khan",
            dt.date(2026, 2, 23),
        ),  # after Tết
    ],
)
def test_default_deadline_by_urgency(at, urgency, expected):
    assert default_deadline(urgency=urgency, at=at, rules=Rules(), calendar=TET_2026) == expected


def test_a_units_rules_change_the_default():
    rules = Rules(days={**DEFAULT_DAYS, "thuong": 10}, same_day_until=dt.time(11, 0))
    at = dt.datetime(2026, 3, 2, 12, 0, tzinfo=VN)  # after 11:00: counting starts on Tuesday
    assert start_day(at, rules, Calendar()) == dt.date(2026, 3, 3)
    assert default_deadline(urgency="thuong", at=at, rules=rules, calendar=Calendar()) == (
        dt.date(2026, 3, 17)
    )


def test_a_deadline_stated_in_the_document_wins_while_ahead():
    at = dt.datetime(2026, 3, 2, 9, 0, tzinfo=VN)
    stated = dt.date(2026, 4, 1)
    assert (
        default_deadline(urgency="khan", at=at, rules=Rules(), calendar=Calendar(), stated=stated)
        == stated
    )
    past = dt.date(2026, 2, 1)
    assert default_deadline(
        urgency="khan", at=at, rules=Rules(), calendar=Calendar(), stated=past
    ) == dt.date(2026, 3, 4)


@given(calendars(), days, st.integers(min_value=0, max_value=10))
def test_near_due_limit_is_that_many_working_days_ahead(cal, today, n):
    limit = near_due_limit(today, Rules(near_due_days=n), cal)
    assert cal.working_days_between(today, limit) == n
    assert limit == today or cal.is_working_day(limit)


def test_near_due_from_a_saturday_counts_monday_and_tuesday():
    saturday = dt.date(2026, 3, 7)
    assert near_due_limit(saturday, Rules(near_due_days=2), Calendar()) == dt.date(2026, 3, 10)
