"""Reading incoming documents: only what the person may see, decided in the query."""

from __future__ import annotations

import operator
from dataclasses import dataclass
from functools import reduce
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Q, QuerySet

from vanphong.core.paging import Counted
from vanphong.documents.models import DocumentFile
from vanphong.incoming.models import IncomingDocument, IncomingStatus
from vanphong.org.models import Unit, User
from vanphong.org.roles import Role
from vanphong.org.selectors import Acting, actings_for, cleared_q
from vanphong.work.models import Assignment

# Roles that see every registered document of their unit (up to their clearance).
UNIT_WIDE = (Role.VANTHU, Role.LANHDAOVP, Role.LANHDAO)
# Roles that also see what has arrived but is not registered yet.
INTAKE = (Role.VANTHU, Role.LANHDAOVP)
# Before registration (and refused back to the sender from there): only the intake sees these.
WAITING = (IncomingStatus.RECEIVED, IncomingStatus.RETURNED)


@dataclass(frozen=True)
class VisibleBranch:
    """One way of seeing incoming documents (``incoming_visible_branches``): the documents
    ``q`` selects. When ``parts`` is not empty, the branch is also the union of its parts,
    each a narrower filter (with ``q``) holding documents of one unit only, which an index of
    the unit answers newest first (where the units together would have to be sorted)."""

    q: Q
    parts: tuple[tuple[Unit, Q], ...] = ()
    # Document ids (a query of one column) among which the branch's documents are, with more:
    # cheaper to list than the branch itself, whose conditions are then tested on the few rows
    # a search keeps of them (the person's work: the assignee indexes hold the ids, where the
    # branch looks each document up to test its status and secrecy).
    among: QuerySet[Any] | None = None


def incoming_visible_branches(
    user: User, *, actings: list[Acting] | None = None
) -> list[VisibleBranch]:
    """The ways ``user`` may see incoming documents; ``incoming_visible_to`` is their union.

    Clerks, office leaders and leaders see their units' registered documents; clerks and office
    leaders also see what arrived and is not registered yet; anyone sees documents assigned to
    them or to a unit they belong to. Secret documents only up to the person's clearance (độ
    mật), whatever their role, except that the clerk who received a document keeps it in view
    until it is registered. Delegated roles count like one's own while they last. ``actings``
    is ``actings_for(user)`` when the caller has looked it up already (once per request).

    Branches overlap (a leader may also be given work on a document of their unit); each is
    answered by an index, so a list that needs only its newest rows reads each branch newest
    first and merges them (``incoming_visible_page``) instead of sorting the whole union.
    """
    if not user.is_authenticated:
        return []
    if actings is None:
        actings = actings_for(user)
    units = {a.unit.pk: a.unit for a in actings}
    wide = {a.unit.pk for a in actings if a.role in UNIT_WIDE}
    intake = {a.unit.pk for a in actings if a.role in INTAKE}
    member_of = set(units)
    waiting = list(WAITING)
    registered = ~Q(status__in=waiting)
    cleared = cleared_q(user.clearance)
    # The documents given to the person or their units, read through the assignee indexes (a
    # person's work, not the archive); the scope is a union of branches each of which an index
    # answers, so the database never walks every document to test each one. A UNION of the
    # two, not an OR: SQLite answers an OR by collecting row ids from each index and reading
    # every row, where each half alone is read from its index (which holds the document).
    work = Assignment.objects.order_by().values("document_id")
    assigned = work.filter(assignee_user=user).union(
        work.filter(assignee_unit__in=member_of), all=True
    )
    branches = []
    if wide:
        branches.append(
            VisibleBranch(Q(unit__in=wide) & registered & cleared, _by_unit(units, wide))
        )
    if intake:
        branches.append(VisibleBranch(Q(unit__in=intake) & cleared, _by_unit(units, intake)))
        # Whoever received a document has held its file already: until it is registered they
        # keep it in view, even when it turns out to be marked secret, so they can pass it to
        # a clerk who is cleared (registering it needs the clearance).
        # Read one status at a time: a unit's waiting documents are then found through its
        # (unit, status, received_at) index, not by walking all the unit's documents.
        branches.append(
            VisibleBranch(
                Q(received_by=user, unit__in=intake, status__in=waiting),
                tuple(
                    (part_unit, q & Q(status=status))
                    for part_unit, q in _by_unit(units, intake)
                    for status in waiting
                ),
            )
        )
    # Last, and without the units seen whole (the branch above has those): a database that
    # tests the OR from left to right (SQLite) then builds the list of assigned documents only
    # for a row the unit branches leave out, which a leader's list of their own unit mostly
    # never meets; and a list read branch by branch reads only the work from other units.
    elsewhere = ~Q(unit__in=wide) if wide else Q()
    branches.append(
        VisibleBranch(
            registered & elsewhere & Q(document_id__in=assigned) & cleared, among=assigned
        )
    )
    return branches


def _by_unit(units: dict[int, Unit], pks: set[int]) -> tuple[tuple[Unit, Q], ...]:
    return tuple((units[pk], Q(unit=pk)) for pk in sorted(pks))


def incoming_visible_to(
    user: User, *, actings: list[Acting] | None = None
) -> QuerySet[IncomingDocument]:
    """Every incoming document ``user`` may open, as one query: the union of
    ``incoming_visible_branches`` (the rule is written there)."""
    branches = incoming_visible_branches(user, actings=actings)
    if not branches:
        return IncomingDocument.objects.none()
    return IncomingDocument.objects.filter(reduce(operator.or_, (b.q for b in branches)))


def incoming_visible_among(user: User, *, actings: list[Acting] | None = None) -> QuerySet[Any]:
    """Document ids (one column) among which are all those of ``incoming_visible_to(user)``,
    and maybe others: each branch's ``among`` where it has one, else the branch itself. Cheap
    to list for a person who sees little (their work, read from the assignee indexes); whoever
    uses it tests ``incoming_visible_to`` on the rows it keeps."""
    branches = incoming_visible_branches(user, actings=actings)
    exact = [b.q for b in branches if b.among is None]
    lists = [b.among for b in branches if b.among is not None]
    if exact:
        lists.insert(
            0, IncomingDocument.objects.filter(reduce(operator.or_, exact)).values("document_id")
        )
    if not lists:
        return IncomingDocument.objects.none().values("document_id")
    # A member of a UNION may not be ordered (SQLite): the models' default orders are dropped.
    first, *others = (ids.order_by() for ids in lists)
    return first.union(*others, all=True) if others else first


def assigned_work_visible_q(user: User) -> Q:
    """A filter on ``Assignment``: ``incoming_visible_to(user)`` for work given to ``user`` by
    name or to a unit among their actings, and only for such work. It reads as "the document
    is registered and within the person's clearance", tested on the rows the list joins
    anyway, instead of the whole rule tested again for every row.

    Why it is the same rule for those rows: their document is in the set of the ``assigned``
    branch, so that branch holds exactly when the document is registered and cleared; the
    unit-wide branch asks the same and more; the intake branches differ from it only for a
    document not registered yet, and none of those has work on it (work is given only on a
    registered document, ``incoming_direct``; a registered document never waits again: only a
    received one is returned, a cancelled one stays registered). Were that ever broken, the
    work would be hidden here, not shown.
    """
    registered = [status for status in IncomingStatus if status not in WAITING]
    return Q(document__incoming__status__in=registered) & cleared_q(user.clearance)


def incoming_duplicates(incoming: IncomingDocument) -> QuerySet[IncomingDocument]:
    """Earlier documents of the same unit that look like this one: same issuer, symbol and
    date of issue, or one of the same files."""
    document = incoming.document
    same = Q(document__files__file__in=document.files.values("file"))
    if document.issuer and document.symbol and document.issued_date:
        same |= Q(
            document__issuer__iexact=document.issuer,
            document__symbol__iexact=document.symbol,
            document__issued_date=document.issued_date,
        )
    return (
        IncomingDocument.objects.filter(unit=incoming.unit)
        .exclude(pk=incoming.pk)
        .exclude(status=IncomingStatus.RETURNED)
        .filter(same)
        .distinct()
        .order_by("received_at")
    )


def incoming_reply_file(
    incoming: IncomingDocument, document_id: int, *, clearance: int
) -> DocumentFile | None:
    """The file of document ``document_id`` when it is linked as the reply to work on
    ``incoming`` (its main file, else its first), up to ``clearance``; one query. Whoever may
    open ``incoming`` may read the replies its work was completed with."""
    linked = Assignment.objects.filter(
        document_id=incoming.document_id, reply_document_id=document_id
    )
    return (
        DocumentFile.objects.select_related("file")
        .filter(
            document_id=document_id,
            document__secrecy__lte=clearance,
            document_id__in=linked.values("reply_document_id"),
        )
        .order_by("-is_main", "position", "pk")
        .first()
    )


@dataclass(frozen=True)
class IncomingPage:
    """Rows of a list of incoming documents, and how many the list has (``count_capped``)."""

    items: list[IncomingDocument]
    counted: Counted


def incoming_visible_page(
    user: User,
    *,
    actings: list[Acting] | None = None,
    where: Q | None = None,
    unit: str | None = None,
    start: int,
    stop: int,
    count_to: int,
) -> IncomingPage:
    """Rows ``start:stop`` of ``incoming_visible_to(user)`` narrowed by ``where`` (and to the
    unit with slug ``unit``), newest first (received, then id, descending), with their document
    and unit; and how many rows match, exact up to ``count_to`` (``count_capped``'s rule).
    Two queries, whatever the archive holds.

    The cost follows the page, not what the person may see: each branch of the rule (one per
    unit for a unit's documents; the person's work) reads only its newest ``stop`` rows, or
    ``count_to + 1`` for the count, through an index, and the union of those is sorted. That
    is exact: a row among the first ``n`` of the list is among the first ``n`` of each branch
    it belongs to. And were a branch to have fewer than ``count_to + 1`` rows, it was read
    whole, so a union of fewer than ``count_to + 1`` rows is the whole list.
    """
    limit = max(stop, count_to + 1)
    parts: list[tuple[str, list[Any]]] = []
    for branch in incoming_visible_branches(user, actings=actings):
        items = IncomingDocument.objects.filter(branch.q)
        if where is not None:
            items = items.filter(where)
        if branch.parts:
            # A part of another unit than the one asked for holds nothing: not read at all,
            # where the database would walk its unit's index to find no row of the other.
            scopes = [
                items.filter(q) for in_unit, q in branch.parts if unit in (None, in_unit.slug)
            ]
        else:
            scopes = [items.filter(unit__slug=unit) if unit is not None else items]
        for scope in scopes:
            newest = scope.order_by("-received_at", "-pk").values_list("received_at", "pk")
            try:
                sql, params = newest[:limit].query.sql_with_params()
            except EmptyResultSet:
                continue
            parts.append((sql, list(params)))
    if not parts:
        return IncomingPage([], Counted(0, False))
    # UNION, not UNION ALL: branches overlap, and a document is listed once. Each member is
    # wrapped in a subquery, where SQLite allows its ORDER BY and LIMIT.
    union = " UNION ".join(
        f"SELECT * FROM ({sql}) AS b{i}"  # noqa: S608
        for i, (sql, _params) in enumerate(parts)
    )
    # The count comes with the page even when the page is empty (past the end).
    sql = (
        f"WITH v(received_at, id) AS MATERIALIZED ({union}) "  # noqa: S608
        "SELECT (SELECT count(*) FROM v), p.id FROM (SELECT 1) AS one LEFT JOIN ("
        "SELECT received_at, id FROM v ORDER BY received_at DESC, id DESC LIMIT %s OFFSET %s"
        ") AS p ON 1 = 1 ORDER BY p.received_at DESC, p.id DESC"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [p for _sql, params in parts for p in params] + [stop - start, start])
        rows = cursor.fetchall()
    found = rows[0][0]
    ids = [pk for _n, pk in rows if pk is not None]
    page = (
        list(
            IncomingDocument.objects.select_related("document", "unit")
            .filter(pk__in=ids)
            .order_by("-received_at", "-pk")
        )
        if ids
        else []
    )
    return IncomingPage(page, Counted(min(found, count_to), found > count_to))
