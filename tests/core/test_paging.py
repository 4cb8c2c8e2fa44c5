"""Paging long lists: counts that stop at a cap, the paginator built on them, and Chain
(several querysets paged as one list, each in its own order)."""

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import given
from hypothesis import strategies as st

from vanphong.core import paging
from vanphong.core.paging import CappedPaginator, Chain, Counted, count_capped, page_cap
from vanphong.org.models import User

pytestmark = pytest.mark.django_db


class _Part(list):
    """A stand-in queryset: counts (all, or up to a LIMIT) and slices like one, and says what
    it was asked."""

    def __init__(self, items):
        super().__init__(items)
        self.slices = []
        self.limits = []  # of the counts made up to a LIMIT

    def count(self):
        return len(self)

    def order_by(self):
        return _Limited(self)

    def all(self):
        return self

    def __getitem__(self, index):
        if isinstance(index, slice) and index.start is None:  # ``part[:n]``, to be counted
            return _Limited(self)[index]
        if isinstance(index, slice):
            self.slices.append((index.start, index.stop))
        return super().__getitem__(index)


class _Limited:
    """``part[:n]`` or ``part.order_by()[:n]``, to be counted."""

    def __init__(self, part):
        self.part, self.limit = part, None

    def __getitem__(self, index):
        assert (index.start, index.step) == (None, None)
        self.limit = index.stop
        return self

    def count(self):
        self.part.limits.append(self.limit)
        return min(len(self.part), self.limit)


def _chained(sizes):
    """Parts of ``sizes`` rows numbered end to end, their Chain, and all the rows."""
    parts, n = [], 0
    for size in sizes:
        parts.append(_Part(range(n, n + size)))
        n += size
    return parts, Chain(*parts), [x for part in parts for x in part]


@given(
    sizes=st.lists(st.integers(min_value=0, max_value=7), min_size=1, max_size=4),
    start=st.integers(min_value=0, max_value=30),
    length=st.integers(min_value=0, max_value=30),
)
def test_a_slice_of_the_chain_is_the_same_slice_of_the_parts_end_to_end(sizes, start, length):
    parts, chain, whole = _chained(sizes)
    assert chain.count() == len(whole)
    assert chain[start : start + length] == whole[start : start + length]
    # Only the parts the slice covers are read, each with its own bounds.
    for part in parts:
        for lo, hi in part.slices:
            assert 0 <= lo < hi <= len(part)


@given(
    sizes=st.lists(st.integers(min_value=0, max_value=7), min_size=1, max_size=4),
    limit=st.integers(min_value=1, max_value=30),
    start=st.integers(min_value=0, max_value=30),
    length=st.integers(min_value=0, max_value=30),
)
def test_a_capped_count_stops_at_its_limit_and_slices_stay_right(sizes, limit, start, length):
    parts, chain, whole = _chained(sizes)
    assert chain.count(limit=limit) == min(len(whole), limit)
    # Each part is counted up to what remains of the limit; once it is reached, no more.
    left = limit
    for part in parts:
        assert part.limits == ([left] if left > 0 else [])
        left -= min(len(part), max(left, 0))
    # A slice after a capped count, even one past the limit, reads the right rows.
    assert chain[start : start + length] == whole[start : start + length]
    assert chain.count() == len(whole)


def test_a_capped_count_is_exact_below_the_cap_and_a_lower_bound_above(network):
    users = User.objects.filter(username__startswith="vanthu")
    n = users.count()
    assert n >= 3
    assert count_capped(users, n + 1) == Counted(n, is_lower_bound=False)
    assert count_capped(users, n) == Counted(n, is_lower_bound=False)
    with CaptureQueriesContext(connection) as captured:
        assert count_capped(users, n - 1) == Counted(n - 1, is_lower_bound=True)
    # One query, which stops after cap + 1 rows however many there are.
    (query,) = captured.captured_queries
    assert f"LIMIT {n}" in query["sql"].upper()
    assert count_capped(users.none(), 5) == Counted(0, is_lower_bound=False)


def test_capped_counts_read_as_statements_are_those_counted_one_by_one(network):
    from vanphong.core.paging import capped_count_sql, read_capped_counts

    users = User.objects.filter(username__startswith="vanthu")
    n = users.count()
    lists = [users, User.objects.filter(username__startswith="lanhdao"), users.none(), users]
    for cap in (n + 1, n, n - 1, 1):
        statements = [capped_count_sql(items, cap) for items in lists]
        assert statements[2] is None  # matches nothing: not asked
        with CaptureQueriesContext(connection) as captured:
            counts = read_capped_counts(statements, cap)
        assert counts == [count_capped(items, cap) for items in lists]
        assert len(captured) == 1  # however many lists
    assert read_capped_counts([None, None], 3) == [Counted(0, False)] * 2
    with CaptureQueriesContext(connection) as captured:
        assert read_capped_counts([]) == []
    assert not captured


def test_a_chain_counts_its_parts_only_up_to_what_remains_of_the_cap(network):
    first = User.objects.filter(username__startswith="vanthu").order_by("username")
    rest = User.objects.exclude(username__startswith="vanthu").order_by("username")
    k, total = first.count(), User.objects.count()
    with CaptureQueriesContext(connection) as captured:
        assert count_capped(Chain(first, rest), k - 1) == Counted(k - 1, is_lower_bound=True)
    assert len(captured) == 1  # the first part reached the cap: the rest is not counted
    # In the part's own order, which its index holds: the database stops at the cap there.
    assert 'ORDER BY "org_user"."username" ASC LIMIT' in captured[0]["sql"]
    assert count_capped(Chain(first, rest), k + 1) == Counted(k + 1, is_lower_bound=True)
    assert count_capped(Chain(first, rest), total) == Counted(total, is_lower_bound=False)
    # The rows past a capped count are still read right, the parts recounted as needed.
    chain = Chain(first, rest)
    count_capped(chain, 1)
    everyone = [u.pk for u in first] + [u.pk for u in rest]
    assert [u.pk for u in chain[k - 1 : k + 2]] == everyone[k - 1 : k + 2]


@pytest.mark.parametrize(
    ("page", "per_page", "cap"),
    [(1, 50, 1000), (19, 50, 1000), (20, 50, 1050), (30, 50, 1550), (1, 30, 1020), (0, 7, 1001)],
)
def test_the_count_reaches_the_page_after_the_one_asked_for_in_whole_pages(page, per_page, cap):
    assert page_cap(page, per_page) == cap


def _walk(paginator_for):
    """The pages (number, pages counted, whether more) and rows read by following "Older"
    from the first page, each paginator made anew, as each request does."""
    seen, rows, number = [], [], 1
    while True:
        page = paginator_for().get_page(number)
        paginator = page.paginator
        seen.append((page.number, paginator.num_pages, paginator.count_is_lower_bound))
        rows += [user.pk for user in page]
        if paginator.count_is_lower_bound:
            assert page.has_next()  # more than counted: there is always an older page
        if not page.has_next():
            return seen, rows
        number = page.next_page_number()


def test_older_leads_past_the_cap_to_the_end_and_the_page_count_is_honest(network, monkeypatch):
    monkeypatch.setattr(paging, "COUNT_CAP", 3)
    first = User.objects.filter(username__startswith="vanthu").order_by("username")
    rest = User.objects.exclude(username__startswith="vanthu").order_by("username")
    by_name = User.objects.order_by("username")
    chained = [u.pk for u in first] + [u.pk for u in rest]
    last = -(-len(chained) // 2)
    assert last > 4

    by_name_ids = [u.pk for u in by_name]
    for items, order in ((lambda: Chain(first, rest), chained), (lambda: by_name, by_name_ids)):
        seen, rows = _walk(lambda items=items: CappedPaginator(items(), 2))
        assert rows == order
        # "Page N of more than N + 1" while the count stops short, then the exact number.
        assert seen == [(n, n + 1, True) for n in range(1, last - 1)] + [
            (last - 1, last, False),
            (last, last, False),
        ]


class _ReadWithCount:
    """A list that reads a page with its count (``paging.PagedWithCount``), and says how it
    was read."""

    def __init__(self, items):
        self.items = list(items)
        self.reads = []

    def page_and_count(self, start, stop, count_to):
        self.reads.append(("page_and_count", start, stop, count_to))
        return self.items[start:stop], Counted(
            min(len(self.items), count_to), len(self.items) > count_to
        )

    def count(self, limit=None):
        self.reads.append(("count", limit))
        return len(self.items) if limit is None else min(len(self.items), limit)

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        self.reads.append(("slice", index.start, index.stop))
        return self.items[index]


@pytest.mark.parametrize(
    ("asked", "number", "reads"),
    [
        (None, 1, [("page_and_count", 0, 2, 4)]),
        ("2", 2, [("page_and_count", 2, 4, 6)]),
        ("4", 4, [("page_and_count", 6, 8, 10)]),  # the last page, one row
        ("9", 4, [("page_and_count", 16, 18, 20), ("slice", 6, 7)]),  # past the end
        (str(10**30), 4, [("count", None), ("slice", 6, 7)]),  # past what a LIMIT takes
    ],
)
def test_a_list_that_reads_a_page_with_its_count_is_read_once(monkeypatch, asked, number, reads):
    monkeypatch.setattr(paging, "COUNT_CAP", 3)
    items = _ReadWithCount(range(7))
    page = CappedPaginator(items, 2).get_page(asked)
    assert page.number == number
    assert list(page) == list(range(7))[(number - 1) * 2 : number * 2]
    assert items.reads == reads
    assert page.paginator.count_is_lower_bound is (number <= 2)  # 7 rows > 4, > 6


@pytest.mark.parametrize(
    ("asked", "shown"),
    [
        ("abc", 1),
        (None, 1),
        ("0", 1),
        ("-3", 1),
        ("2.5", 1),
        ("999", "last"),
        (str(10**30), "last"),
    ],
)
def test_a_bad_page_number_gives_the_first_or_the_last_page(network, monkeypatch, asked, shown):
    monkeypatch.setattr(paging, "COUNT_CAP", 3)
    users = User.objects.order_by("username")
    last = -(-users.count() // 2)
    page = CappedPaginator(users, 2).get_page(asked)
    assert page.number == (last if shown == "last" else shown)
    assert page.paginator.count_is_lower_bound is (shown != "last")
    assert len(page) == (2 if shown != "last" else users.count() - 2 * (last - 1))


def test_it_pages_real_querysets_with_the_paginator(network):
    users = User.objects.order_by("username")
    first = users.filter(username__startswith="vanthu")
    rest = users.exclude(username__startswith="vanthu")
    pages = Paginator(Chain(first, rest), 3)
    listed = [u.username for number in pages.page_range for u in pages.page(number)]
    assert listed == [u.username for u in first] + [u.username for u in rest]
    assert pages.count == users.count()


def test_single_items_and_bad_slices():
    chain = Chain(_Part([1, 2]), _Part([3]))
    assert chain[2] == 3
    assert list(chain) == [1, 2, 3]
    with pytest.raises(IndexError):
        chain[3]
    with pytest.raises(ValueError, match="forward slices"):
        chain[::2]


class _Read(paging.ReadWithCount):
    """A list read page and count at once, as ``VisibleList`` reads the database: here, a
    Python list, saying what it was asked."""

    def __init__(self, rows: list[int]) -> None:
        self.rows, self.asked = rows, []

    def page_and_count(self, start, stop, count_to):
        self.asked.append((start, stop, count_to))
        found = self.rows[: max(stop, count_to + 1)]
        return found[start:stop], Counted(min(len(found), count_to), len(found) > count_to)


def test_a_list_read_its_own_way_says_its_counts_statement_or_cannot_be_counted_so():
    from vanphong.core.paging import capped_count_sql

    with pytest.raises(NotImplementedError, match="_Read does not say its count's statement"):
        capped_count_sql(_Read([1, 2]), 1)


def test_a_list_read_with_its_count_counts_and_slices_through_it():
    read = _Read(list(range(10)))
    assert (read.count(), len(read), read.count(limit=4)) == (10, 10, 4)
    assert read[3:6] == [3, 4, 5]
    assert read.asked[-1] == (3, 6, 0)  # a slice counts nothing
    pages = CappedPaginator(read, 4)
    assert [list(pages.page(n)) for n in pages.page_range] == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]
    for bad in (slice(0, 4, 2), slice(-1, 2), slice(2, None), slice(5, 3)):
        with pytest.raises(ValueError, match="_Read is read by bounded forward slices"):
            read[bad]


def test_rows_are_read_in_the_order_of_their_ids_unsorted_by_the_database(network):
    people = User.objects.order_by("pk")
    first, second, third = people.values_list("pk", flat=True)[:3]
    gone = max(people.values_list("pk", flat=True)) + 1
    with CaptureQueriesContext(connection) as captured:
        rows = paging.in_order(people, [third, gone, first, second])
    assert [row.pk for row in rows] == [third, first, second]  # one that is gone is left out
    assert len(captured) == 1
    assert "ORDER BY" not in captured[0]["sql"]
    with CaptureQueriesContext(connection) as captured:
        assert paging.in_order(people, []) == []
    assert len(captured) == 0
