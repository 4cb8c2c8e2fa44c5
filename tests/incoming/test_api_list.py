"""The API list of incoming documents, read branch by branch and merged: the same documents, in
the same order, as the plain visible set sorted newest first, for each way of seeing them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.models import Q
from django.utils import timezone

from tests.api.helpers import API, assert_json_error, bearer
from tests.incoming.test_views import client_for, get
from tests.work.helpers import person, receive, register, sub_unit
from vanphong.core import paging
from vanphong.incoming import views
from vanphong.incoming.models import IncomingDocument, IncomingStatus
from vanphong.incoming.processing import incoming_direct
from vanphong.incoming.selectors import (
    VisibleList,
    _Walk,
    incoming_visible_branches,
    incoming_visible_in,
    incoming_visible_joined,
    incoming_visible_to,
)
from vanphong.incoming.services import incoming_return
from vanphong.org.roles import Role
from vanphong.org.services import delegation_grant, membership_grant
from vanphong.work.models import Assignment

PEOPLE = (
    "vanthu.badinh",  # intake of Ba Đình, clearance 0: waiting documents, some secret
    "lanhdao.thanhuy",  # unit-wide in the city committee only
    "chuyenvien.badinh",  # only assigned work
    "chuyenvien.badinh-btg",  # work given to their board (a unit), none by name
    "lanhdao.badinh",  # unit-wide in Ba Đình and given work there: branches overlap
    "chuyenvien.hoankiem",  # a leader of Hoàn Kiếm by delegation, and of Ba Đình by membership
    "vanthu2.badinh",  # cleared for every secret
    # unit-wide in a board without documents of its own, given work there on Ba Đình's: the
    # work is done in a unit seen whole, on documents of a unit not seen whole
    "lanhdao.badinh-btg",
)


@pytest.fixture
def archive(network):
    """Documents of three units received one after the other, so the units' lists interleave;
    secret ones, waiting and returned ones, work given to people and to a board."""
    net = network
    person(net, "vanthu2.badinh", net.badinh, role="vanthu", clearance=3)
    board = sub_unit(net, "badinh-btg", net.badinh, "Ban Tuyên giáo")
    person(net, "chuyenvien.badinh-btg", board)
    board_leader = person(net, "lanhdao.badinh-btg", board, role="lanhdao")
    both = net.user("chuyenvien.hoankiem")
    membership_grant(by=None, user=both, unit=net.badinh, role=Role.LANHDAO)
    now = timezone.now()
    delegation_grant(
        by=net.user("lanhdao.hoankiem"),
        grantor=net.user("lanhdao.hoankiem"),
        grantee=both,
        unit=net.hoankiem,
        role=Role.LANHDAO,
        valid_from=now - dt.timedelta(hours=1),
        valid_to=now + dt.timedelta(days=7),
        reason="Đi công tác",
    )
    badinh = []
    for i in range(12):
        secrecy = "mat" if i % 4 == 1 else "thuong"
        badinh.append(
            register(net, clerk="vanthu2.badinh", secrecy=secrecy, subject=f"Ba Đình số {i}")
        )
        register(net, unit=net.hoankiem, clerk="vanthu.hoankiem", subject=f"Hoàn Kiếm số {i}")
        if i % 3 == 0:
            register(net, unit=net.city, clerk="vanthu.thanhuy", subject=f"Thành ủy số {i}")
    leader = net.user("lanhdao.badinh")
    for i, incoming in enumerate(badinh):
        if i % 2 == 0 and incoming.document.secrecy == 0:
            lead = net.user("chuyenvien.badinh") if i % 4 == 0 else board
            inform = [leader, board_leader] if i % 4 == 2 else [leader]
            incoming_direct(by=leader, incoming=incoming, text="x", lead=lead, inform=inform)
    # Waiting: received by the clerk (one marked secret, kept in view for her), one by another
    # clerk, one returned to its sender.
    receive(net, metadata={"subject": "Chờ vào sổ"})
    receive(net, metadata={"subject": "Chờ vào sổ, mật", "secrecy": "mat"})
    receive(
        net,
        clerk="vanthu2.badinh",
        metadata={"subject": "Chờ, người khác nhận, mật", "secrecy": "toi_mat"},
    )
    for secrecy in ("thuong", "mat"):
        returned = receive(net, metadata={"subject": "Gửi nhầm", "secrecy": secrecy})
        incoming_return(by=net.user("vanthu.badinh"), incoming=returned, reason="Gửi nhầm")
    return net


# How a person's work is read (incoming.selectors._Walk): (work sorted up to, walk down to).
WAYS = {"sorted": (2000, 5000), "walked": (0, 5000), "walked too short, then sorted": (0, 2)}


@pytest.fixture(params=WAYS)
def way(request, monkeypatch):
    short, walk = WAYS[request.param]
    monkeypatch.setattr("vanphong.incoming.selectors.SHORT_WORK", short)
    monkeypatch.setattr("vanphong.incoming.selectors.WALK", walk)
    monkeypatch.setattr("vanphong.incoming.selectors.WALK_ACROSS_UNITS", walk)
    return request.param


def expected(user, **narrow):
    items = incoming_visible_to(user).filter(**narrow).order_by("-received_at", "-pk")
    return list(items.values_list("pk", flat=True))


def read_all(client, auth, page_size, **params):
    """Every page, and the count each page gave."""
    ids, counts, page = [], [], 1
    while True:
        body = client.get(
            f"{API}/incoming",
            {"page": page, "page_size": page_size, **params},
            HTTP_AUTHORIZATION=auth,
        ).json()
        ids += [r["id"] for r in body["results"]]
        counts.append((body["count"], body["count_is_lower_bound"]))
        if not body["results"]:
            return ids, counts
        page += 1


@pytest.mark.parametrize("username", PEOPLE)
def test_every_page_is_the_visible_set_newest_first(archive, client, username, way):
    user = archive.user(username)
    auth = bearer(user)["Authorization"]
    visible = expected(user)
    assert visible  # each person sees something: the comparison below is not between nothings
    for page_size in (1, 3, 100):
        ids, counts = read_all(client, auth, page_size)
        assert ids == visible, page_size
        assert counts[0] == (len(visible), False)


def test_each_way_of_seeing_is_there(archive):
    """The people above each see through the branch they stand for (else the merge tests
    would not test it)."""

    clerk = archive.user("vanthu.badinh")
    mine = incoming_visible_to(clerk)
    assert mine.filter(status=IncomingStatus.RECEIVED, document__secrecy__gt=0).exists()
    assert not mine.filter(status=IncomingStatus.REGISTERED, document__secrecy__gt=0).exists()
    assert mine.filter(status=IncomingStatus.RETURNED, document__secrecy__gt=0).exists()
    specialist = incoming_visible_to(archive.user("chuyenvien.badinh"))
    assert 0 < specialist.count() < len(expected(archive.user("lanhdao.badinh")))
    assert incoming_visible_to(archive.user("chuyenvien.badinh-btg")).exists()
    units = set(
        incoming_visible_to(archive.user("chuyenvien.hoankiem")).values_list(
            "unit__slug", flat=True
        )
    )
    assert units == {"badinh", "hoankiem"}
    board_leader = archive.user("lanhdao.badinh-btg")
    given = Assignment.objects.filter(assignee_user=board_leader)
    assert set(given.values_list("unit__slug", "document_unit__slug")) == {("badinh-btg", "badinh")}
    assert set(incoming_visible_to(board_leader).values_list("document_id", flat=True)) == set(
        given.values_list("document_id", flat=True)
    )


@pytest.mark.parametrize("username", PEOPLE)
def test_the_list_of_ones_work_holds_every_document_of_its_branch(archive, username):
    # A list walking a person's work tests each document against the work's list of ids
    # (``VisibleBranch.among``, read from the assignee indexes alone), then the branch's rule:
    # what the rule lets them see through their work must all be in that list.
    user = archive.user(username)
    *_, work = incoming_visible_branches(user)  # the last branch
    among = {row["document_id"] for row in work.among}
    seen = IncomingDocument.objects.filter(work.q).values_list("document_id", flat=True)
    assert set(seen) <= among
    if username in ("chuyenvien.badinh", "chuyenvien.badinh-btg"):
        # Only their work: nothing of the unit they were not given.
        assert among == set(
            Assignment.objects.filter(
                Q(assignee_user=user) | Q(assignee_unit__memberships__user=user)
            ).values_list("document_id", flat=True)
        )


def test_a_units_documents_a_person_may_see_are_the_rule_read_for_that_unit(archive):
    """``incoming_visible_in``: the rule without the branches that hold none of the unit's
    documents, for everyone and every unit the same documents as the whole rule's."""
    from vanphong.org.models import Unit

    units = [archive.badinh, archive.hoankiem, archive.city, Unit.objects.get(slug="badinh-btg")]
    for name in PEOPLE:
        user = archive.user(name)
        for unit in units:
            whole = set(incoming_visible_to(user).filter(unit=unit).values_list("pk", flat=True))
            assert set(incoming_visible_in(user, unit).values_list("pk", flat=True)) == whole
    # A leader of Ba Đình given work there: Ba Đình's documents are his whole, his work is
    # not looked up for them (it is for Hoàn Kiếm's).
    leader = archive.user("lanhdao.badinh")
    assert "work_assignment" not in str(incoming_visible_in(leader, archive.badinh).query)
    assert "work_assignment" in str(incoming_visible_in(leader, archive.hoankiem).query)


@pytest.mark.parametrize(
    ("username", "params", "narrow"),
    [
        ("lanhdao.badinh", {"status": "in_progress"}, {"status": "in_progress"}),
        ("vanthu.badinh", {"status": "received"}, {"status": "received"}),
        ("chuyenvien.hoankiem", {"unit": "hoankiem"}, {"unit__slug": "hoankiem"}),
        ("chuyenvien.hoankiem", {"unit": "badinh"}, {"unit__slug": "badinh"}),
        ("chuyenvien.badinh", {"unit": "badinh"}, {"unit__slug": "badinh"}),
        ("chuyenvien.badinh", {"unit": "hoankiem"}, {"unit__slug": "hoankiem"}),
        ("lanhdao.badinh", {"unit": "khong-co"}, {"unit__slug": "khong-co"}),  # no such unit
        # Words as typed in the search box, with or without diacritics (search.lists): "1"
        # a word (a prefix needs two letters), "cho" the beginning of "Chờ".
        ("chuyenvien.hoankiem", {"q": "so 1"}, {"document__subject__endswith": "số 1"}),
        ("vanthu.badinh", {"q": "cho"}, {"document__subject__startswith": "Chờ"}),
    ],
)
def test_each_filter_applies_to_every_branch(
    archive, client, username, params, narrow, way, index_all
):
    index_all()
    user = archive.user(username)
    ids, counts = read_all(client, bearer(user)["Authorization"], 2, **params)
    assert ids == expected(user, **narrow)
    assert counts[0] == (len(ids), False)


def test_registration_dates_filter_every_branch(archive, client):
    user = archive.user("chuyenvien.hoankiem")
    auth = bearer(user)["Authorization"]
    today = timezone.localdate()
    ids, _counts = read_all(client, auth, 4, arrived_from=today.isoformat())
    assert ids == expected(user, arrived_at__isnull=False)
    ids, _counts = read_all(client, auth, 4, arrived_to=(today - dt.timedelta(days=1)).isoformat())
    assert ids == []


def test_the_count_stops_at_the_cap_across_branches(archive, client, monkeypatch, way):
    monkeypatch.setattr(paging, "COUNT_CAP", 4)
    user = archive.user("chuyenvien.hoankiem")
    visible = expected(user)
    assert len(visible) > 8
    ids, counts = read_all(client, bearer(user)["Authorization"], 2)
    assert ids == visible
    # Up to the end of the next page, more than that while more remain; exact at the end.
    assert counts[0] == (4, True)
    assert counts[2] == (8, True)
    assert counts[-1] == (len(visible), False)


def test_bad_paging_is_refused(archive, client):
    auth = bearer(archive.user("lanhdao.badinh"))["Authorization"]
    for params in ({"page": 0}, {"page_size": 0}, {"page_size": 101}, {"page": 10**10}):
        assert_json_error(
            client.get(f"{API}/incoming", params, HTTP_AUTHORIZATION=auth), 400, "invalid_paging"
        )


@pytest.mark.parametrize("username", ["chuyenvien.badinh", "lanhdao.badinh"])
def test_the_units_list_in_the_web_is_read_the_same_way(
    archive, username, way, monkeypatch, index_all
):
    # /incoming/ (the acting unit's documents) goes through the same reading of the rule as
    # the API (incoming.selectors.VisibleList), a few rows to a page here.
    monkeypatch.setattr(views, "PER_PAGE", 2)
    user = archive.user(username)
    visible = expected(user, unit__slug="badinh")
    assert len(visible) > 2
    client = client_for(user)
    pages = -(-len(visible) // 2)
    ids = []
    for page in range(1, pages + 1):
        ids += [int(row.attrs["data-id"]) for row in _rows(get(client, f"/incoming/?page={page}"))]
    assert ids == visible
    # Past the end, the last page; a number past the databases' integers too.
    last = [int(row.attrs["data-id"]) for row in _rows(get(client, f"/incoming/?page={pages + 5}"))]
    assert last == visible[(pages - 1) * 2 :]
    absurd = [int(row.attrs["data-id"]) for row in _rows(get(client, f"/incoming/?page={10**25}"))]
    assert absurd == last
    # Filtered: the same rows as the filter on the visible set.
    index_all()
    narrowed = [int(row.attrs["data-id"]) for row in _rows(get(client, "/incoming/?q=số 4"))]
    assert narrowed
    assert narrowed == expected(user, unit__slug="badinh", document__subject__icontains="số 4")[:2]
    # Counted whole, or up to a limit, as a paginator asks.
    listed = VisibleList(user, unit=archive.badinh)
    assert (listed.count(), len(listed)) == (len(visible), len(visible))
    assert (listed.count(limit=2), listed.count(limit=len(visible) + 5)) == (2, len(visible))


def _rows(node):
    return node.find_all("tr", data_id=True)


def test_counts_read_from_the_persons_work_take_each_document_once(archive, way, monkeypatch):
    # PostgreSQL counts a long list across units from the person's work (its two assignee
    # indexes, where a document given by name and to their board is listed twice): each
    # document once, however far the count goes. (SQLite counts the rows themselves: the same
    # answers.)
    from vanphong.incoming.selectors import incoming_visible_page

    monkeypatch.setattr("vanphong.incoming.selectors.COUNT_FROM_WORK", 0)
    board = sub_unit(archive, "badinh-bdv", archive.badinh, "Ban Dân vận")
    user = person(archive, "chuyenvien.badinh-bdv", board)
    leader = archive.user("lanhdao.badinh")
    # The first document is given to the board and, to read, to the person: listed twice,
    # and first, ahead of the second.
    for i, inform in enumerate(([user], [])):
        incoming = register(archive, clerk="vanthu2.badinh", subject=f"Giao Ban Dân vận {i}")
        incoming_direct(by=leader, incoming=incoming, text="x", lead=board, inform=inform)
    assert Assignment.objects.filter(Q(assignee_user=user) | Q(assignee_unit=board)).count() == 3
    total = len(expected(user))
    assert total == 2
    for count_to in range(total + 1):
        counted = incoming_visible_page(user, start=0, stop=0, count_to=count_to).counted
        assert (counted.count, counted.is_lower_bound) == (
            min(total, count_to),
            total > count_to,
        ), count_to


@pytest.mark.parametrize(
    "username", ["chuyenvien.badinh", "chuyenvien.badinh-btg", "lanhdao.badinh-btg"]
)
def test_a_walk_alone_finds_the_persons_work_newest_first(archive, username):
    # The walk of a person's work (``_Walk.walk``, without the LIMIT the list puts on it) is,
    # down to its bound, the branch's rows newest first: tested without the sorted fallback,
    # which would mend a walk that missed rows.
    user = archive.user(username)
    work = incoming_visible_branches(user)[-1]  # the branch of their work, which has no parts
    everything = IncomingDocument.objects.all()
    walk = _Walk.of(everything, everything, work.q, work.among, 0, across_units=True)
    assert walk is not None
    with connection.cursor() as cursor:
        cursor.execute(*walk.walk)
        walked = [pk for _received, pk in cursor.fetchall()]
    rows = everything.filter(work.q).order_by("-received_at", "-pk")
    assert walked == list(rows.values_list("pk", flat=True))
    assert walked


def test_the_rule_read_through_a_pieces_documents_is_the_rule(archive):
    """``incoming_visible_joined`` (the follow-up list's scope): for everyone, the work on
    exactly the documents of the whole rule, tested on each piece's own document and its
    incoming row (no EXISTS per piece, which PostgreSQL answered by reading every document)."""
    work = Assignment.objects.all()
    partial = 0
    for name in PEOPLE:
        user = archive.user(name)
        visible = incoming_visible_to(user).values("document_id")
        expected = set(work.filter(document_id__in=visible).values_list("pk", flat=True))
        scoped = work.filter(incoming_visible_joined(user))
        assert set(scoped.values_list("pk", flat=True)) == expected, name
        assert "EXISTS" not in str(scoped.query)
        partial += 0 < len(expected) < work.count()
    assert partial >= 3  # people who see some of the work and not all of it
