"""The inbox and follow-up lists: buckets by date, filters, sorting, scope, query counts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.work.helpers import calendar, person, register, sub_unit
from vanphong.core import paging
from vanphong.core.errors import Forbidden, InvalidInput
from vanphong.incoming.inbox import (
    BUCKETS,
    MAX_PAGE_SIZE,
    InboxFilters,
    inbox_counts,
    inbox_for_person,
    inbox_for_unit,
    inbox_page,
    with_buckets,
)
from vanphong.incoming.models import IncomingDocument, IncomingStatus
from vanphong.incoming.processing import incoming_complete, incoming_direct
from vanphong.incoming.selectors import incoming_visible_to
from vanphong.incoming.services import incoming_cancel
from vanphong.org.roles import Capability, Role
from vanphong.org.selectors import actings_for
from vanphong.org.services import delegation_grant, delegation_revoke
from vanphong.registers.services import register_create
from vanphong.work.models import Assignment
from vanphong.work.selectors import rules_for
from vanphong.work.services import assignment_accept, assignment_hand_over, work_rules_set


@pytest.fixture
def net(network):
    person(network, "chuyenvien2.badinh", network.badinh)
    network.board_badinh = sub_unit(network, "badinh-btg", network.badinh, "Ban Tuyên giáo")
    person(network, "chuyenvien.badinh-btg", network.board_badinh)
    return network


def direct(net, incoming, lead, *, deadline=None, by="lanhdaovp.badinh", **kwargs):
    return incoming_direct(
        by=net.user(by), incoming=incoming, text="x", lead=lead, deadline=deadline, **kwargs
    )


def bucket(user, assignment, day, **kwargs):
    return inbox_for_person(user, today=day, **kwargs).get(pk=assignment.pk).bucket


def test_buckets_follow_the_days_to_the_deadline(net):
    cal = calendar()
    today = timezone.localdate()
    deadline = cal.add_working_days(today, 6)
    specialist = net.user("chuyenvien.badinh")
    lead = direct(net, register(net), specialist, deadline=deadline).assignments.get()
    assert bucket(specialist, lead, today) == "new"
    assignment_accept(by=specialist, assignment=lead)
    for offset in range((deadline - today).days + 4):
        day = today + dt.timedelta(days=offset)
        if deadline < day:
            expected = "overdue"
        elif deadline <= cal.nth_working_day_after(day, 2):
            expected = "near_due"
        else:
            expected = "in_progress"
        assert bucket(specialist, lead, day) == expected, day
    three_before = next(
        today + dt.timedelta(days=i)
        for i in range(30)
        if cal.is_working_day(today + dt.timedelta(days=i))
        and cal.working_days_between(today + dt.timedelta(days=i), deadline) == 3
    )
    two_before = cal.working_day_on_or_after(three_before + dt.timedelta(days=1))
    assert bucket(specialist, lead, three_before) == "in_progress"
    assert bucket(specialist, lead, two_before) == "near_due"
    assert bucket(specialist, lead, deadline) == "near_due"  # due today is not late yet
    assert bucket(specialist, lead, deadline + dt.timedelta(days=1)) == "overdue"
    incoming_complete(by=specialist, assignment=lead, result="Xong")
    assert bucket(specialist, lead, deadline + dt.timedelta(days=30)) == "done"


def test_a_units_rules_set_its_near_due_threshold_and_units_below_follow_them(net):
    cal = calendar()
    today = timezone.localdate()
    deadline = cal.add_working_days(today, 4)
    day_before = today + dt.timedelta(days=1)
    while cal.nth_working_day_after(day_before, 1) != deadline:
        day_before += dt.timedelta(days=1)
    specialist = net.user("chuyenvien.badinh")
    direction = direct(
        net, register(net), specialist, deadline=deadline, cooperate=[net.board_badinh]
    )
    lead, coop = direction.assignments.order_by("pk")
    board_member = net.user("chuyenvien.badinh-btg")
    assert bucket(specialist, lead, day_before) == "near_due"  # default: 2 working days
    with pytest.raises(Forbidden):
        work_rules_set(by=specialist, unit=net.badinh, near_due_days=0)
    work_rules_set(by=net.user("quantri.badinh"), unit=net.badinh, near_due_days=0)
    assert rules_for(net.board_badinh).near_due_days == 0  # inherited by the board
    assert bucket(specialist, lead, day_before) == "new"
    assert bucket(board_member, coop, day_before) == "new"
    assert bucket(specialist, lead, deadline) == "near_due"
    assert bucket(board_member, coop, deadline) == "near_due"
    work_rules_set(by=None, unit=net.board_badinh, near_due_days=1)
    assert bucket(board_member, coop, day_before) == "near_due"
    assert bucket(specialist, lead, day_before) == "new"
    with pytest.raises(InvalidInput):
        work_rules_set(by=None, unit=net.badinh, near_due_days=-1)


def test_counts_per_bucket_come_from_one_query(net):
    cal = calendar()
    today = timezone.localdate()
    specialist = net.user("chuyenvien.badinh")
    near = direct(net, register(net), specialist, deadline=today).assignments.get()
    far = direct(
        net, register(net), specialist, deadline=cal.add_working_days(today, 10)
    ).assignments.get()
    started = direct(
        net, register(net), specialist, deadline=cal.add_working_days(today, 10)
    ).assignments.get()
    assignment_accept(by=specialist, assignment=started)
    done = direct(net, register(net), specialist).assignments.get()
    incoming_complete(by=specialist, assignment=done, result="Xong")
    qs = inbox_for_person(specialist)
    with CaptureQueriesContext(connection) as queries:
        counts = inbox_counts(qs)
    assert len(queries) == 1
    assert counts.by_bucket == {
        "total": 4,
        "new": 1,
        "in_progress": 1,
        "near_due": 1,
        "overdue": 0,
        "done": 1,
    }
    assert not counts.done_is_lower_bound
    later = inbox_counts(inbox_for_person(specialist, today=today + dt.timedelta(days=1)))
    assert later.by_bucket["overdue"] == 1
    assert {a.pk for a in inbox_for_person(specialist).filter(bucket="new")} == {far.pk}
    assert near.pk in {a.pk for a in inbox_page(qs, bucket="near_due").items}


def _page_queries(fetch):
    with CaptureQueriesContext(connection) as queries:
        page = inbox_page(fetch(), page_size=50)
        for item in page.items:
            # What the lists show of each item: the document, its arrival number, who has it.
            incoming = item.document.incoming
            shown = [incoming.arrival_number, incoming.arrival_year, item.document.subject]
            shown += [item.document.symbol, item.document.get_urgency_display(), item.bucket]
            shown.append(str(item.assignee_user or item.assignee_unit))
    return len(queries), len(page.items)


def test_the_number_of_queries_does_not_grow_with_the_items(net):
    specialist = net.user("chuyenvien.badinh")
    leader = net.user("lanhdaovp.badinh")
    for _ in range(2):
        direct(net, register(net), specialist, cooperate=[net.board_badinh])

    def mine():
        return inbox_for_person(specialist)

    def units():
        return inbox_for_unit(net.badinh, user=leader, include_subunits=True)

    small = (_page_queries(mine), _page_queries(units))
    for _ in range(5):
        direct(net, register(net), specialist, cooperate=[net.board_badinh])
    large = (_page_queries(mine), _page_queries(units))
    # The acting roles (1), the deadline rules and calendar (2), the counts, the page (its
    # ids, its rows).
    assert [n for n, _ in small] == [n for n, _ in large] == [6, 6]
    assert [items for _, items in small] == [2, 4]
    assert [items for _, items in large] == [7, 14]


def test_filters(net):
    specialist = net.user("chuyenvien.badinh")
    clerk = person(net, "vanthumat.badinh", net.badinh, role="vanthu", clearance=1)
    cleared = person(net, "chuyenvienmat.badinh", net.badinh, clearance=1)
    leader = person(net, "lanhdaomat.badinh", net.badinh, role="lanhdao", clearance=1)
    secret_book = register_create(
        by=None, unit=net.badinh, kind="incoming", name="Sổ văn bản mật đến", min_secrecy=1
    )
    urgent = register(net, urgency="hoa_toc", issuer="Thành ủy Hà Nội")
    ordinary = register(
        net, issuer="Ủy ban nhân dân quận Ba Đình", document_type="BC", symbol="12/BC-UBND"
    )
    secret = register(net, clerk=clerk.username, secrecy="mat")
    a_urgent = direct(net, urgent, specialist).assignments.get()
    a_ordinary = direct(net, ordinary, net.board_badinh).assignments.get()
    a_secret = direct(net, secret, cleared, by=leader.username).assignments.get()
    today = timezone.localdate()

    def ids(**kwargs):
        return {
            a.pk
            for a in inbox_for_unit(
                net.badinh, user=leader, include_subunits=True, filters=InboxFilters(**kwargs)
            )
        }

    assert ids() == {a_urgent.pk, a_ordinary.pk, a_secret.pk}
    assert ids(register=secret_book) == {a_secret.pk}
    assert ids(register=urgent.register_id) == {a_urgent.pk, a_ordinary.pk}
    assert ids(document_type="BC") == {a_ordinary.pk}
    assert ids(issuer="nhân dân quận") == {a_ordinary.pk}
    if connection.vendor == "postgresql":  # SQLite's LIKE folds the case of ASCII only
        assert ids(issuer="THÀNH ủy") == {a_urgent.pk, a_secret.pk}
    assert ids(urgency="hoa_toc") == {a_urgent.pk}
    assert ids(arrived_from=today, arrived_to=today) == ids()
    assert ids(arrived_to=today - dt.timedelta(days=1)) == set()
    assert ids(arrived_from=today + dt.timedelta(days=1)) == set()
    assert ids(assignee_unit=net.board_badinh.pk) == {a_ordinary.pk}
    assert ids(assignee_user=specialist.pk) == {a_urgent.pk}
    assert ids(kind="lead") == ids()
    assignment_accept(by=specialist, assignment=a_urgent)
    assert ids(status=["accepted"]) == {a_urgent.pk}


def test_sorting(net):
    cal = calendar()
    today = timezone.localdate()
    specialist = net.user("chuyenvien.badinh")
    first = direct(
        net, register(net), specialist, deadline=cal.add_working_days(today, 9)
    ).assignments.get()
    second = direct(
        net, register(net, urgency="hoa_toc"), specialist, deadline=cal.add_working_days(today, 3)
    ).assignments.get()
    third = direct(
        net,
        register(net),
        net.user("chuyenvien2.badinh"),
        inform=[specialist],
        deadline=cal.add_working_days(today, 5),
    ).assignments.get(kind="inform")  # for information: no deadline

    def order(sort):
        return [a.pk for a in inbox_for_person(specialist, sort=sort)]

    assert order("deadline") == [second.pk, first.pk, third.pk]  # no deadline last
    assert order("-deadline") == [third.pk, first.pk, second.pk]
    assert order("urgency")[0] == second.pk
    assert order("arrival") == [first.pk, second.pk, third.pk]
    assert order("-arrival") == [third.pk, second.pk, first.pk]
    assert order("received") == [third.pk, second.pk, first.pk]  # newest first
    with pytest.raises(InvalidInput):
        order("subject")


def test_secret_work_is_seen_only_with_clearance(net):
    board = net.board_badinh
    cleared = person(net, "chuyenvienmat.badinh-btg", board, clearance=1)
    leader = person(net, "lanhdaomat.badinh", net.badinh, role="lanhdao", clearance=1)
    secret = register(net, clerk="vanthu.badinh", secrecy="mat")
    ordinary = register(net)
    a_secret = direct(net, secret, board, by=leader.username).assignments.get()
    a_ordinary = direct(net, ordinary, board).assignments.get()
    member = net.user("chuyenvien.badinh-btg")
    assert {a.pk for a in inbox_for_person(member)} == {a_ordinary.pk}
    assert {a.pk for a in inbox_for_person(cleared)} == {a_ordinary.pk, a_secret.pk}
    office_leader = net.user("lanhdaovp.badinh")
    seen = {a.pk for a in inbox_for_unit(board, user=office_leader)}
    assert seen == {a_ordinary.pk}
    assert {a.pk for a in inbox_for_unit(board, user=leader)} == {a_ordinary.pk, a_secret.pk}


def test_who_follows_a_units_work(net):
    specialist = net.user("chuyenvien.badinh")
    here = direct(net, register(net), specialist).assignments.get()
    there = direct(net, register(net), net.board_badinh).assignments.get()
    leader = net.user("lanhdaovp.badinh")
    assert {a.pk for a in inbox_for_unit(net.badinh, user=leader)} == {here.pk}
    assert {a.pk for a in inbox_for_unit(net.badinh, user=leader, include_subunits=True)} == {
        here.pk,
        there.pk,
    }
    for who in ("chuyenvien.badinh", "vanthu.badinh", "lanhdao.hoankiem"):
        with pytest.raises(Forbidden):
            inbox_for_unit(net.badinh, user=net.user(who))
    # The city's leader follows the units below, but sees only documents open to them.
    assert list(inbox_for_unit(net.badinh, user=net.user("lanhdao.thanhuy"))) == []
    # Specialists see their own work and their unit's, nobody else's.
    assert {a.pk for a in inbox_for_person(specialist)} == {here.pk}
    assert {a.pk for a in inbox_for_person(net.user("chuyenvien.badinh-btg"))} == {there.pk}
    assert list(inbox_for_person(net.user("chuyenvien.hoankiem"))) == []


def test_acting_narrows_the_inbox_to_that_units_work(net):
    both = person(net, "chuyenvienkep.badinh", net.badinh)
    from vanphong.org.services import membership_grant

    membership_grant(
        by=None, user=both, unit=net.board_badinh, role="chuyenvien", valid_from=dt.date(2015, 1, 1)
    )
    personal = direct(net, register(net), both).assignments.get()
    board_work = direct(net, register(net), net.board_badinh).assignments.get()
    assert {a.pk for a in inbox_for_person(both)} == {personal.pk, board_work.pk}
    as_board = next(a for a in actings_for(both) if a.unit == net.board_badinh)
    assert {a.pk for a in inbox_for_person(both, acting=as_board)} == {board_work.pk}


def test_pages_are_bounded(net):
    specialist = net.user("chuyenvien.badinh")
    for _ in range(3):
        direct(net, register(net), specialist)
    qs = inbox_for_person(specialist)
    first = inbox_page(qs, page_size=2)
    second = inbox_page(qs, page=2, page_size=2)
    assert (len(first.items), first.has_next, first.count) == (2, True, 3)
    assert (len(second.items), second.has_next, second.has_previous) == (1, False, True)
    assert not {a.pk for a in first.items} & {a.pk for a in second.items}
    assert inbox_page(qs, page_size=10_000).page_size == MAX_PAGE_SIZE
    assert inbox_page(qs, page=0).page == 1
    assert inbox_page(qs, bucket="overdue").items == []
    with pytest.raises(InvalidInput):
        inbox_page(qs, bucket="later")


# --- what a person sees of their own work ---------------------------------------------------


def _my_work_by_the_rule(user, acting=None):
    """The person's work as the visibility rule itself sees it: each assignment given to them
    (in the acting role's unit) or to a unit where they work on assignments, whose document
    ``incoming_visible_to`` lets them open."""
    actings = actings_for(user)
    units = {
        a.unit.pk for a in ([acting] if acting else actings) if a.can(Capability.WORK_ASSIGNMENTS)
    }
    visible = set(incoming_visible_to(user, actings=actings).values_list("document", flat=True))
    return {
        a.pk
        for a in Assignment.objects.all()
        if a.document_id in visible
        and (
            (a.assignee_user_id == user.pk and (acting is None or a.unit_id == acting.unit.pk))
            or a.assignee_unit_id in units
        )
    }


def test_my_inbox_shows_exactly_what_the_visibility_rule_lets_me_open(net):
    specialist = net.user("chuyenvien.badinh")
    board, board_member = net.board_badinh, net.user("chuyenvien.badinh-btg")
    board_clerk = person(net, "vanthu.badinh-btg", board, role="vanthu")
    board_leader = person(net, "lanhdao.badinh-btg", board, role="lanhdao")
    leader = person(net, "lanhdaomat.badinh", net.badinh, role="lanhdao", clearance=1)
    cleared = person(net, "chuyenvienmat.badinh", net.badinh, clearance=1)
    mine = direct(net, register(net), specialist).assignments.get()
    board_work = direct(net, register(net), board).assignments.get()
    secret = direct(
        net, register(net, secrecy="mat"), cleared, by=leader.username, cooperate=[board]
    )
    secret_mine = secret.assignments.get(kind="lead")
    secret_board = secret.assignments.get(kind="cooperate")
    cancelled = direct(net, register(net), specialist).assignments.get()
    incoming_cancel(
        by=net.user("vanthu.badinh"),
        incoming=cancelled.document.incoming,
        reason="Vào sổ trùng, hủy theo quyết định",
    )
    people = [specialist, board_member, board_clerk, board_leader, leader, cleared]

    def inbox_of(user, acting=None):
        return {a.pk for a in inbox_for_person(user, acting=acting)}

    for user in [*people, net.user("vanthu.badinh")]:
        assert inbox_of(user) == _my_work_by_the_rule(user), user.username
    assert inbox_of(specialist) == {mine.pk, cancelled.pk}  # the withdrawn work is done work
    assert inbox_of(cleared) == {secret_mine.pk}
    assert inbox_of(board_member) == {board_work.pk}  # the board's secret part: not cleared
    assert inbox_of(board_clerk) == set()  # a clerk does not work on assignments
    # Cleared no more: the secret work given by name leaves the inbox with the clearance.
    cleared.clearance = 0
    cleared.save(update_fields=["clearance"])
    assert inbox_of(cleared) == _my_work_by_the_rule(cleared) == set()
    board_member.clearance = 1
    board_member.save(update_fields=["clearance"])
    assert inbox_of(board_member) == _my_work_by_the_rule(board_member)
    assert inbox_of(board_member) == {board_work.pk, secret_board.pk}
    # A role held by delegation brings the unit's work while it lasts, and only then.
    now = timezone.now()
    delegation = delegation_grant(
        by=board_leader,
        grantor=board_leader,
        grantee=board_clerk,
        unit=board,
        role=Role.LANHDAO,
        valid_from=now - dt.timedelta(hours=1),
        valid_to=now + dt.timedelta(days=7),
        reason="Đi công tác",
    )
    assert inbox_of(board_clerk) == _my_work_by_the_rule(board_clerk) == {board_work.pk}
    as_clerk = next(a for a in actings_for(board_clerk) if a.delegated_by is None)
    as_leader = next(a for a in actings_for(board_clerk) if a.delegated_by)
    assert inbox_of(board_clerk, as_clerk) == _my_work_by_the_rule(board_clerk, as_clerk)
    assert inbox_of(board_clerk, as_clerk) == set()
    assert inbox_of(board_clerk, as_leader) == _my_work_by_the_rule(board_clerk, as_leader)
    assert inbox_of(board_clerk, as_leader) == {board_work.pk}
    delegation_revoke(by=board_leader, delegation=delegation)
    assert inbox_of(board_clerk) == _my_work_by_the_rule(board_clerk) == set()
    # Work on a document that is not registered (which the services never let happen) would
    # be hidden, as the rule hides an unregistered document from all but the intake.
    IncomingDocument.objects.filter(pk=mine.document.incoming.pk).update(
        status=IncomingStatus.RECEIVED
    )
    assert inbox_of(specialist) == _my_work_by_the_rule(specialist) == {cancelled.pk}


# --- open work first, done work counted only so far -------------------------------------------


def work(net, user, working_days, *, done=False):
    """Work given to ``user`` due in ``working_days``; completed at once when ``done``."""
    deadline = calendar().add_working_days(timezone.localdate(), working_days)
    given = direct(net, register(net), user, deadline=deadline).assignments.get()
    if done:
        incoming_complete(by=user, assignment=given, result="Xong")
    return given


def test_all_lists_the_open_work_first_then_the_done_work_newest_first(net):
    specialist = net.user("chuyenvien.badinh")
    # The done work was due sooner: sorted by deadline alone, it would fill the first page.
    done = [work(net, specialist, days, done=True) for days in (3, 1, 2)]
    open_ = [work(net, specialist, days) for days in (12, 10, 11)]
    qs = inbox_for_person(specialist)
    pages = [inbox_page(qs, page=number, page_size=2) for number in (1, 2, 3)]
    assert [[a.pk for a in page.items] for page in pages] == [
        [open_[1].pk, open_[2].pk],
        [open_[0].pk, done[2].pk],  # the page where the open work ends and the done begins
        [done[1].pk, done[0].pk],
    ]
    assert [page.has_next for page in pages] == [True, True, False]
    assert [page.count for page in pages] == [6, 6, 6]
    # The open work fills the page exactly: there is still a next page, the done work.
    assert inbox_page(qs, page_size=3).has_next
    assert [a.pk for a in inbox_page(qs, page=2, page_size=3).items] == [
        a.pk for a in (done[2], done[1], done[0])
    ]
    # The open work in the chosen order, still first; the done work newest first whatever
    # the order (the latest done, not the oldest deadline).
    by_newest_deadline = inbox_for_person(specialist, sort="-deadline")
    assert [a.pk for a in inbox_page(by_newest_deadline).items] == [
        a.pk for a in (open_[0], open_[2], open_[1], done[2], done[1], done[0])
    ]
    # The "done" tab lists the done work in the chosen order, with pages of its own.
    done_tab = [inbox_page(qs, bucket="done", page=n, page_size=2) for n in (1, 2)]
    assert [[a.pk for a in page.items] for page in done_tab] == [
        [done[1].pk, done[2].pk],
        [done[0].pk],
    ]
    assert [page.has_next for page in done_tab] == [True, False]
    assert [a.pk for a in inbox_page(qs, bucket="new").items] == [
        a.pk for a in (open_[1], open_[2], open_[0])
    ]


def test_the_done_work_walked_by_id_is_the_done_work_sorted(net):
    specialist = net.user("chuyenvien.badinh")
    board_member = net.user("chuyenvien.badinh-btg")
    leader = net.user("lanhdaovp.badinh")
    for days in (3, 1, 2, 5):
        deadline = calendar().add_working_days(timezone.localdate(), days)
        given = direct(
            net, register(net), specialist, deadline=deadline, cooperate=[net.board_badinh]
        )
        # The board's member takes the board's part on: it is closed (handed over), theirs opens.
        mine = assignment_hand_over(
            by=board_member, assignment=given.assignments.get(kind="cooperate"), to=board_member
        )
        if days != 5:
            incoming_complete(by=board_member, assignment=mine, result="Xong")
            incoming_complete(
                by=specialist, assignment=given.assignments.get(kind="lead"), result="Xong"
            )
    inboxes = [
        inbox_for_person(specialist),
        inbox_for_person(board_member),
        inbox_for_unit(net.badinh, user=leader, include_subunits=True),
        inbox_for_unit(net.badinh, user=leader, filters=InboxFilters(kind="lead")),
    ]
    for qs in inboxes:
        assert qs.done_newest is not None
        # A queryset derived from the inbox has no walk: its done work is sorted instead.
        derived = qs.all()
        assert derived.done_newest is None
        for size in (1, 2, 3):
            walked = [
                [a.pk for a in inbox_page(qs, page=n, page_size=size).items]
                for n in (1, 2, 3, 4, 5)
            ]
            sorted_ = [
                [a.pk for a in inbox_page(derived, page=n, page_size=size).items]
                for n in (1, 2, 3, 4, 5)
            ]
            assert walked == sorted_
        listed = [a.pk for a in inbox_page(qs, page_size=100).items]
        done = sorted((a.pk for a in qs if a.bucket == "done"), reverse=True)
        assert listed[len(listed) - len(done) :] == done
        assert done  # each inbox has done work to walk


def test_done_work_is_counted_up_to_a_limit_and_then_said_to_be_more(net, monkeypatch):
    monkeypatch.setattr(paging, "COUNT_CAP", 2)
    specialist = net.user("chuyenvien.badinh")
    open_ = work(net, specialist, 10)
    done = [work(net, specialist, days, done=True) for days in (1, 2)]
    qs = inbox_for_person(specialist)
    exact = inbox_page(qs)
    assert (exact.counts["done"], exact.counts["total"]) == (2, 3)
    assert not exact.done_is_lower_bound
    assert not exact.count_is_lower_bound
    done.append(work(net, specialist, 3, done=True))
    capped = inbox_page(qs)
    assert capped.counts == {
        "total": 3,
        "new": 1,
        "in_progress": 0,
        "near_due": 0,
        "overdue": 0,
        "done": 2,
    }
    assert capped.done_is_lower_bound
    assert capped.count_is_lower_bound  # all: more than 3
    assert [a.pk for a in capped.items] == [open_.pk, *(a.pk for a in reversed(done))]
    done_tab = inbox_page(qs, bucket="done")
    assert (done_tab.count, done_tab.count_is_lower_bound, len(done_tab.items)) == (2, True, 3)
    new_tab = inbox_page(qs, bucket="new")
    assert (new_tab.count, new_tab.count_is_lower_bound) == (1, False)
    assert inbox_counts(qs, exact=True).by_bucket["done"] == 3
    # A page past the end comes with the exact count, for the caller to find the last page.
    past = inbox_page(qs, bucket="done", page=9, page_size=2)
    assert (past.items, past.count, past.count_is_lower_bound) == ([], 3, False)
    past = inbox_page(qs, page=9, page_size=2)
    assert (past.items, past.count, past.count_is_lower_bound) == ([], 4, False)


def test_done_work_is_counted_under_the_filters(net):
    specialist = net.user("chuyenvien.badinh")
    leader = net.user("lanhdaovp.badinh")
    for document_type, urgency in (("BC", "thuong"), ("BC", "khan"), ("CV", "khan")):
        given = direct(net, register(net, document_type=document_type, urgency=urgency), specialist)
        incoming_complete(by=specialist, assignment=given.assignments.get(), result="Xong")
    work(net, specialist, 5)  # open, of another type
    cases = [
        (inbox_for_person(specialist, filters=InboxFilters(document_type="BC")), 2),
        (inbox_for_person(specialist, filters=InboxFilters(urgency="khan")), 2),
        (inbox_for_unit(net.badinh, user=leader, filters=InboxFilters(document_type="CV")), 1),
        (inbox_for_unit(net.badinh, user=leader, filters=InboxFilters(kind="cooperate")), 0),
    ]
    for qs, done in cases:
        counts = inbox_counts(qs).by_bucket
        assert counts["done"] == done
        # The same as the rows say, and as a queryset derived from the inbox counts them.
        assert done == sum(a.bucket == "done" for a in qs)
        assert inbox_counts(qs.all()).by_bucket == counts


def test_an_inbox_that_can_hold_nothing_counts_nothing_without_asking(
    db, django_assert_num_queries
):
    nothing = with_buckets(Assignment.objects.none())
    with django_assert_num_queries(0):
        counts = inbox_counts(nothing)
    assert counts.by_bucket == dict.fromkeys(("total", *BUCKETS), 0)
    assert not counts.done_is_lower_bound


def test_work_in_a_unit_since_closed_into_ones_own_is_in_ones_work_there(network):
    # A reorganisation closes Ba Đình into Hoàn Kiếm, where its specialist carries on: the work
    # given to them in Ba Đình is in their work as they act in Hoàn Kiếm, and still after
    # Hoàn Kiếm in turn merges into a new unit; not in the work of another unit of theirs.
    from vanphong.org.services import membership_grant, unit_create, unit_merge

    user = network.user("chuyenvien.badinh")
    old = direct(network, register(network), user).assignments.get(assignee_user=user)
    day = timezone.localdate()
    elsewhere = unit_create(
        by=None, slug="tayho-moi", kind="quan_uy", full_name="Quận ủy khác", valid_from=day
    )
    membership_grant(by=None, user=user, unit=elsewhere, role=Role.CHUYENVIEN)

    def in_work_of(unit):
        acting = next(a for a in actings_for(user) if a.unit == unit)
        return set(inbox_for_person(user, acting=acting).values_list("pk", flat=True))

    unit_merge(by=None, sources=[network.badinh], target=network.hoankiem, effective=day)
    membership_grant(by=None, user=user, unit=network.hoankiem, role=Role.CHUYENVIEN)
    assert old.pk in in_work_of(network.hoankiem)
    assert old.pk not in in_work_of(elsewhere)
    merged = unit_create(
        by=None, slug="badinh-hoankiem", kind="quan_uy", full_name="Quận ủy mới", valid_from=day
    )
    unit_merge(by=None, sources=[network.hoankiem], target=merged, effective=day)
    membership_grant(by=None, user=user, unit=merged, role=Role.CHUYENVIEN)
    assert old.pk in in_work_of(merged)
    assert old.pk not in in_work_of(elsewhere)
