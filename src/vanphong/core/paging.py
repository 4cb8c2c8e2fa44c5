"""Paging long lists: counting only as far as a page needs, and several querysets as one list.

A list counts what the person may see to say how many pages there are. For a city leader that
is a good part of the archive, and an exact COUNT costs more than the page itself; so lists
count at most ``COUNT_CAP`` rows (more when a page further on is asked for) and say "more than"
past it. Counting N rows at most is a COUNT over a LIMITed subquery: the database stops there,
whatever the archive holds.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Protocol, TypeVar, cast, overload

from django.core.exceptions import EmptyResultSet
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db import connection
from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _

from vanphong.core.errors import InvalidInput

COUNT_CAP = 1000
"""Lists count this many rows at most, or to the end of the page after the one asked for when
that is further; read at each call, so that a test can lower it."""

MAX_PAGE = 10**9
"""The furthest page an API list answers: past any archive, short of the databases' 64-bit
OFFSET (a larger number is refused as bad input, where it would fail in the database)."""


def check_paging(page: int, page_size: int, *, max_size: int, max_page: int = MAX_PAGE) -> None:
    """Refuse (400 ``invalid_paging``) a page or a page size an API list does not answer."""
    if not 1 <= page <= max_page or not 1 <= page_size <= max_size:
        raise InvalidInput(
            _("page is between 1 and %(pages)d and page_size between 1 and %(max)d.")
            % {"pages": max_page, "max": max_size},
            code="invalid_paging",
        )


WHOLE = 2**62
"""A count "up to" this is the whole count, and a LIMIT the databases accept; one beyond it
overflows their 64-bit integers: count everything instead (only an absurd page number asks
for it, and then the page is the last one, as Django answers)."""


SQL = tuple[str, list[Any]]
"""A statement, or part of one, and its parameters."""


def sql_of(items: QuerySet[Any]) -> SQL | None:
    """The SQL of ``items`` and its parameters, for a list read its own way (a union of
    branches, each through its index); None when the query can match nothing."""
    try:
        sql, params = items.query.sql_with_params()
    except EmptyResultSet:
        return None
    return sql, list(params)


def any_ids(items: QuerySet[Any], limit: int, name: str) -> SQL | None:
    """Any ``limit`` of the ids of ``items``, in no order: a member of ``union_page``'s
    ``counted``, in a subquery called ``name`` (unique in the statement); None when ``items``
    can match nothing."""
    if (query := sql_of(items.order_by().values_list("id"))) is None:
        return None
    return f"SELECT * FROM ({query[0]} LIMIT %s) AS {name}", [*query[1], limit]  # noqa: S608


def _union(
    branches: Sequence[SQL], ctes: Sequence[SQL], more: Sequence[SQL], counted: Sequence[SQL]
) -> SQL:
    """The WITH clause of ``union_page`` and ``union_count``: the union ``v`` of the branches
    and ``more``, the ids ``c`` it counts with ``counted``."""
    members = [f"SELECT * FROM ({sql}) AS b{i}" for i, (sql, _p) in enumerate(branches)]  # noqa: S608
    members += [sql for sql, _p in more]
    counts = ["SELECT id FROM v", *(sql for sql, _p in counted)]
    sql = (
        f"WITH {''.join(sql for sql, _p in ctes)}"
        f"v(k, id) AS MATERIALIZED ({' UNION '.join(members)}), "
        f"c(id) AS MATERIALIZED ({' UNION '.join(counts)}) "
    )
    return sql, [p for _sql, part in (*ctes, *branches, *more, *counted) for p in part]


def union_page(
    branches: Sequence[SQL],
    start: int,
    stop: int,
    *,
    ctes: Sequence[SQL] = (),
    more: Sequence[SQL] = (),
    counted: Sequence[SQL] = (),
) -> tuple[int, list[int]]:
    """Rows ``start:stop`` of the union of ``branches`` and ``more`` (statements of (key, id)
    rows; the list's order is the key, then the id, both descending), and how many rows that
    union holds with ``counted`` (statements of ids, counted, not listed): in one statement,
    which answers (the count, the page's ids in order).

    UNION, not UNION ALL: branches overlap, and a row is listed once. Each branch is wrapped in
    a subquery, where SQLite allows its ORDER BY and LIMIT (``more`` are written so already);
    ``ctes`` (each ``name AS (...), ``) come first. The count comes with the page even when the
    page is empty (past the end)."""
    union, params = _union(branches, ctes, more, counted)
    page = (
        "SELECT (SELECT count(*) FROM c), p.id FROM (SELECT 1) AS one LEFT JOIN ("
        "SELECT k, id FROM v ORDER BY k DESC, id DESC LIMIT %s OFFSET %s"
        ") AS p ON 1 = 1 ORDER BY p.k DESC, p.id DESC"
    )
    with connection.cursor() as cursor:
        cursor.execute(union + page, [*params, stop - start, start])
        rows = cursor.fetchall()
    return rows[0][0], [pk for _n, pk in rows if pk is not None]


_M = TypeVar("_M", bound=Model)


def in_order(rows: QuerySet[_M], ids: Sequence[int]) -> list[_M]:
    """The rows of ``rows`` whose ids are ``ids``, in the order of ``ids`` (a page's, which a
    statement sorted), one query. Not sorted again by the database: ordered, a query that
    selects many tables' columns made Django hash each of them (1–2 ms of a page)."""
    if not ids:
        return []
    found = {row.pk: row for row in rows.filter(pk__in=ids).order_by()}
    return [found[pk] for pk in ids if pk in found]


def union_count(
    branches: Sequence[SQL],
    *,
    ctes: Sequence[SQL] = (),
    more: Sequence[SQL] = (),
    counted: Sequence[SQL] = (),
) -> SQL:
    """The statement of ``union_page``'s count alone: one row, one column."""
    union, params = _union(branches, ctes, more, counted)
    return union + "SELECT count(*) FROM c", params  # noqa: S608


@dataclass(frozen=True)
class Counted:
    """A count that stopped at a cap: when ``is_lower_bound``, there are more than ``count``."""

    count: int
    is_lower_bound: bool


class Listed(Protocol):
    """A list that is not a queryset, for a ``CappedPaginator`` (``Chain``, or a list read
    its own way): counted up to a limit, read by forward slices. One that can read a page and
    the count in one go also has ``page_and_count`` (``PagedWithCount``)."""

    def count(self, limit: int | None = None) -> int: ...
    def __len__(self) -> int: ...
    def __getitem__(self, index: slice) -> list[Any]: ...


class PagedWithCount(Listed, Protocol):
    """A ``Listed`` that reads rows ``start:stop`` and its count up to ``count_to``
    (``count_capped``'s rule) in one go: a ``CappedPaginator`` then reads the page asked for
    with the count, one query where it would make two."""

    def page_and_count(self, start: int, stop: int, count_to: int) -> tuple[list[Any], Counted]: ...


class ReadWithCount:
    """A ``PagedWithCount`` made from its ``page_and_count`` alone (a list read its own way:
    ``incoming.selectors.VisibleList``, ``outgoing.selectors.OutgoingList``): a count is a
    reading of no row, counted that far; a slice is a reading counted to nothing."""

    def page_and_count(self, start: int, stop: int, count_to: int) -> tuple[list[Any], Counted]:
        raise NotImplementedError

    def counting(self, limit: int) -> SQL | None:
        """The statement of ``count(limit)`` (one row, one column; ``capped_count_sql``), for a
        list that can say it; None when the list can match nothing."""
        raise NotImplementedError(f"{type(self).__name__} does not say its count's statement")

    def count(self, limit: int | None = None) -> int:
        """How many rows; with ``limit``, at most ``limit`` (then perhaps more)."""
        counted = self.page_and_count(0, 0, (WHOLE if limit is None else limit) - 1)[1]
        return counted.count + counted.is_lower_bound

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: slice) -> list[Any]:
        start, stop = index.start or 0, index.stop
        if index.step not in (None, 1) or start < 0 or stop is None or stop < start:
            raise ValueError(
                f"{type(self).__name__} is read by bounded forward slices, as pages are"
            )
        return self.page_and_count(start, stop, 0)[0]


def _count_up_to(items: QuerySet[Any] | Listed, limit: int, *, in_order: bool = False) -> int:
    """How many rows ``items`` has, counting ``limit`` of them at most (order is irrelevant
    to a count, and without one the database may stop at the first rows it finds).
    ``in_order``: counted in the query's own order, which an index gives (``Chain``'s parts):
    the database then reads that index and stops at ``limit``, where without an order
    PostgreSQL collected every row of a clerk's unit in a bitmap first (10 → 2.5 ms)."""
    if not isinstance(items, QuerySet) and not hasattr(items, "order_by"):  # Listed, not a query
        return items.count(limit=None if limit > WHOLE else limit)
    if limit > WHOLE:
        return items.count()
    query = cast(QuerySet[Any], items)
    return (query.all() if in_order else query.order_by())[:limit].count()


def count_capped(items: QuerySet[Any] | Listed, cap: int | None = None) -> Counted:
    """How many rows ``items`` has, exact up to ``cap`` (default ``COUNT_CAP``); above it,
    ``cap`` as a lower bound.

    At most ``cap + 1`` rows are counted, so the cost is bounded by the cap, not the archive.
    """
    if cap is None:
        cap = COUNT_CAP
    found = _count_up_to(items, cap + 1)
    return Counted(min(found, cap), found > cap)


def capped_count_sql(items: QuerySet[Any] | ReadWithCount, cap: int | None = None) -> SQL | None:
    """``count_capped(items, cap)``'s reading as a statement of one row and one column (how many
    rows, ``cap + 1`` at most), to be read with others (``read_capped_counts``); None when
    ``items`` can match nothing."""
    limit = (COUNT_CAP if cap is None else cap) + 1
    if not isinstance(items, QuerySet):
        return items.counting(limit)
    if (query := sql_of(items.order_by().values("pk")[:limit])) is None:
        return None
    return f"SELECT count(*) FROM ({query[0]}) AS counted", query[1]  # noqa: S608


def read_capped_counts(statements: Sequence[SQL | None], cap: int | None = None) -> list[Counted]:
    """The counts of ``statements`` (``capped_count_sql``'s, made with the same ``cap``), read
    in one statement: each list's count, as ``count_capped`` gives it. Several lists counted on
    one page (the tabs of a list) pay one round trip, and their statements, which do not change
    from request to request for one person, can be built once (``core.remember``)."""
    if cap is None:
        cap = COUNT_CAP
    found = [0] * len(statements)
    asked = [(i, sql) for i, sql in enumerate(statements) if sql is not None]
    if asked:
        columns = ", ".join(f"({sql})" for _i, (sql, _p) in asked)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {columns}", [p for _i, (_s, params) in asked for p in params])
            row = cursor.fetchone()
        for (i, _sql), n in zip(asked, row, strict=True):
            found[i] = n
    return [Counted(min(n, cap), n > cap) for n in found]


# The API's words for a list's capped count (see ``page_cap``), in its schema.
COUNT_DESCRIPTION = (
    f"How many documents match, counted up to {COUNT_CAP:,} or to the end of the page after "
    "this one when that is further; when count_is_lower_bound, more than this many, and "
    "the next page is full."
)
LOWER_BOUND_DESCRIPTION = "True when more than `count` documents match."


def page_cap(page: int, per_page: int) -> int:
    """How far to count for ``page``: ``COUNT_CAP`` rows, or to the end of the page after it
    when that is further, in whole pages. Whenever there is more to read, the count then
    shows one more page than the one asked for ("Older" always leads on), and "more than N
    pages" is true."""
    rows = max(COUNT_CAP, (max(page, 1) + 1) * per_page)
    return -(-rows // per_page) * per_page


class CappedPaginator(Paginator[Any]):
    """A ``Paginator`` that counts only as far as the page asked for needs (``page_cap``).

    ``count_is_lower_bound`` says that the count stopped there: the list has more than
    ``count`` rows and more than ``num_pages`` pages, and the page after the one asked for is
    there. The number asked for (``get_page``, ``page``) sets how far the count goes, so the
    first page asked for is the one to show.
    """

    def __init__(self, object_list: QuerySet[Any] | Listed, per_page: int) -> None:
        # A Paginator reads a list by slices only; the stubs ask for all of a sequence.
        super().__init__(object_list, per_page)  # type: ignore[arg-type]
        self.items = object_list
        self.asked = 1
        self._read: list[Any] | None = None  # the page asked for, read with the count

    def validate_number(self, number: int | float | str | None) -> int:
        # Note the page asked for before the count, which depends on it, is made.
        if "counted" not in self.__dict__:
            try:
                self.asked = max(int(number), 1)  # type: ignore[arg-type]
            except (TypeError, ValueError):
                self.asked = 1
        return super().validate_number(number)  # type: ignore[arg-type]

    def get_page(self, number: int | float | str | None) -> Page[Any]:
        """As Django's: the first page for what is not a number, the last one past the end
        (the count reached past the number asked for, so it is exact then); but the first
        page below 1, where Django's last one would need the whole count."""
        try:
            number = self.validate_number(number)
        except PageNotAnInteger:
            number = 1
        except EmptyPage:
            number = self.num_pages if self.asked > 1 else 1
        return self.page(number)

    @cached_property
    def counted(self) -> Counted:
        cap = page_cap(self.asked, self.per_page)
        if not hasattr(self.items, "page_and_count") or cap > WHOLE:
            return count_capped(self.items, cap)
        start = (self.asked - 1) * self.per_page
        items: PagedWithCount = self.items  # type: ignore[assignment]
        self._read, counted = items.page_and_count(start, start + self.per_page, cap)
        return counted

    def page(self, number: int | float | str) -> Page[Any]:
        """As Django's; the page asked for comes from the count's reading when it was read
        with it (``PagedWithCount``)."""
        number = self.validate_number(number)
        if self._read is None or number != self.asked:
            return super().page(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)  # the last page ends with the list
        return Page(self._read[: top - bottom], number, self)

    @cached_property
    def count(self) -> int:
        return self.counted.count

    @property
    def count_is_lower_bound(self) -> bool:
        return self.counted.is_lower_bound


class Chain:
    """Querysets one after the other, for a ``Paginator``: each keeps its own (indexed) order,
    where ordering their union by "which part first" would sort all of it on every page.

    ``count()`` adds the parts' counts; ``count(limit=n)`` counts the parts in order, each only
    up to what remains of ``n``, and the parts past it not at all. A slice reads only the parts
    it covers, with their own LIMIT and OFFSET.

    A part is counted in its order, which an index gives; ``counted``, when given, holds for
    each part a query of the same rows counted in no order instead (found through other
    indexes than the list's order: ``search.lists.Words.found``).
    """

    def __init__(
        self, *parts: QuerySet[Any], counted: Sequence[QuerySet[Any]] | None = None
    ) -> None:
        if counted is not None and len(counted) != len(parts):
            raise ValueError("a Chain counts each of its parts one way")
        self.parts = parts
        self.counted = counted
        self._counts: list[int] | None = None
        self._exact = False  # whether _counts are the parts' whole counts

    def counts(self, limit: int | None = None) -> list[int]:
        """Each part's count; with ``limit``, exact for the first ``limit`` rows of the chain
        only (the part reaching it counted up to there, those after it as 0)."""
        if self._counts is not None and (
            self._exact or (limit is not None and sum(self._counts) >= limit)
        ):
            return self._counts
        counts: list[int] = []
        left = limit
        for i, part in enumerate(self.parts):
            counting = part if self.counted is None else self.counted[i]
            if left is None:
                counts.append(counting.count())
            elif left > 0:
                counts.append(_count_up_to(counting, left, in_order=self.counted is None))
                left -= counts[-1]
            else:
                counts.append(0)
        self._counts, self._exact = counts, left is None or left > 0
        return counts

    def count(self, limit: int | None = None) -> int:
        """How many rows in all; with ``limit``, at most ``limit`` (then perhaps more)."""
        total = sum(self.counts(limit))
        return total if limit is None else min(total, limit)

    def __len__(self) -> int:
        return self.count()

    def __iter__(self) -> Iterator[Any]:
        for part in self.parts:
            yield from part

    @overload
    def __getitem__(self, index: int) -> Any: ...
    @overload
    def __getitem__(self, index: slice) -> list[Any]: ...
    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, int):
            found = self[index : index + 1] if index >= 0 else []
            if not found:
                raise IndexError(index)
            return found[0]
        if index.step not in (None, 1) or (index.start or 0) < 0 or (index.stop or 0) < 0:
            raise ValueError("a Chain is read by forward slices, as a Paginator does")
        start, stop = index.start or 0, index.stop
        # Counts good for the rows up to ``stop`` (those of a capped count often are).
        counts = self.counts(stop)
        items: list[Any] = []
        offset = 0
        for part, size in zip(self.parts, counts, strict=True):
            if stop is not None and offset >= stop:
                break
            lo = max(start - offset, 0)
            hi = size if stop is None else min(stop - offset, size)
            if lo < hi:
                items.extend(part[lo:hi])
            offset += size
        return items
