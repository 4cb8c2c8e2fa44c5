"""Reading incoming documents: only what the person may see, decided in the query."""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Mapping
from dataclasses import dataclass
from functools import reduce
from typing import Any, cast

from django.db import connection
from django.db.models import (
    BooleanField,
    DateTimeField,
    ExpressionWrapper,
    F,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce

from vanphong.core.paging import SQL, Counted, ReadWithCount, in_order, sql_of, union_page
from vanphong.core.text import clean
from vanphong.documents.models import Document, DocumentFile
from vanphong.incoming.models import IncomingDocument, IncomingStatus
from vanphong.org.models import Unit, User
from vanphong.org.roles import Role
from vanphong.org.selectors import Acting, actings_for, cleared_q
from vanphong.search.lists import UnionMembers, Words
from vanphong.search.sources import person_reader, unit_reader, work_reader
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
    ``q`` selects. Each of the units' branches is also the union of its ``parts``, each a
    narrower filter (with ``q``) holding documents of one unit only, which an index of the
    unit answers newest first (where the units together would have to be sorted). The branch
    of the person's work has no index in a list's order, but its ``among``."""

    q: Q
    parts: tuple[tuple[Unit, Q], ...] = ()
    # The person's work only: document ids (a query of one column) among which the branch's
    # documents are, with more, read from the assignee indexes alone (where the branch looks
    # each document up to test its status and secrecy). A list counts them to choose how to
    # read the branch, and a walk across units tests them on each row before the branch
    # (``_Walk``).
    among: QuerySet[Any] | None = None
    # Units none of whose documents the branch holds (another branch sees them whole): a list
    # of one of them does not read the branch at all.
    outside: frozenset[str] = frozenset()


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
    # The documents given to the person or their units, read through the assignee indexes (a
    # person's work, not the archive): the scope is a union of branches each of which an index
    # answers, so the database never walks every document to test each one. Last, and without
    # the units seen whole (a branch above has those), which the indexes leave out too (they
    # hold each piece of work's document unit): a database that tests the OR from left to
    # right (SQLite) then builds the list of assigned documents only for a row the unit
    # branches leave out, which a leader's list of their own unit mostly never meets; and a
    # list read branch by branch reads only the work from other units, not a leader's whole
    # work to find it is all in their units.
    elsewhere = ~Q(unit__in=wide) if wide else Q()
    branches.append(
        VisibleBranch(
            registered & elsewhere & Q(document_id__in=_assigned(user, member_of, wide)) & cleared,
            among=_assigned(user, member_of, wide, listed=True),
            outside=frozenset(units[pk].slug for pk in wide),
        )
    )
    return branches


def _assigned(
    user: User, units: set[int], outside: set[int], *, listed: bool = False
) -> QuerySet[Any]:
    """The ids of the documents given to ``user`` or to one of ``units`` (one column), but
    for documents of the units ``outside`` (``Assignment.document_unit``, in the indexes).

    A UNION of the two, each half read from its index alone (which holds the document): on
    SQLite, which answers an OR by collecting row ids from each index and reading every row;
    and on PostgreSQL for a list read whole (``listed``: the branch's ``among``), which it
    otherwise reads through both indexes at once and then from the table, or walks newest
    first through the document's index to find the person's newest. As the document ids a
    row is tested against, PostgreSQL takes a UNION for 200 rows whatever it holds, and plans
    around that guess (it tested each document walked against the whole list): there, the
    OR, which it counts right."""
    work = Assignment.objects.order_by().values("document_id")
    if outside:
        work = work.exclude(document_unit__in=outside)
    if connection.vendor == "postgresql" and not listed:
        return work.filter(Q(assignee_user=user) | Q(assignee_unit__in=units))
    return work.filter(assignee_user=user).union(work.filter(assignee_unit__in=units), all=True)


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


def incoming_visible_joined(user: User, *, actings: list[Acting] | None = None) -> Q:
    """``incoming_visible_to(user)`` as a filter on rows that have a ``document`` (a piece of
    work): the rule tested on the row's own document and that document's incoming row, which
    the database reaches by their keys, one lookup each per row. Tested as an EXISTS on each
    row instead, PostgreSQL chose to read every incoming document once to hash the visible
    ones when the rows were a few hundred (the city's work followed up at 300,000 documents:
    144 ms of 170). A row whose document did not arrive (no incoming row) matches no branch."""
    branches = incoming_visible_branches(user, actings=actings)
    if not branches:
        return Q(pk__in=[])
    return _through_document(reduce(operator.or_, (b.q for b in branches)))


def _through_document(q: Q) -> Q:
    """``q``, a filter on ``IncomingDocument``, as one on a model with the same ``document``:
    the document's own fields read on it, the incoming row's through it."""
    children: list[Q | tuple[str, Any]] = []
    for child in q.children:
        if isinstance(child, Q):
            children.append(_through_document(child))
            continue
        key, value = cast(tuple[str, Any], child)
        if key.split("__")[0] not in ("document", "document_id"):
            key = f"document__incoming__{key}"
        children.append((key, value))
    return Q(*children, _connector=q.connector, _negated=q.negated)


def incoming_visible_in(
    user: User, unit: Unit, *, actings: list[Acting] | None = None
) -> QuerySet[IncomingDocument]:
    """``incoming_visible_to(user)`` of ``unit``'s documents: the branches that hold none of
    them left out (``VisibleBranch.outside``: the person's work outside the units they see
    whole, when ``unit`` is one of those), which the database would otherwise test, listing
    the person's work to do so, on each of the unit's rows the other branches leave out (its
    secret documents above the person's clearance)."""
    branches = [
        b for b in incoming_visible_branches(user, actings=actings) if unit.slug not in b.outside
    ]
    if not branches:
        return IncomingDocument.objects.none()
    return IncomingDocument.objects.filter(reduce(operator.or_, (b.q for b in branches)), unit=unit)


def incoming_readers(units: Mapping[int, int]) -> dict[int, frozenset[str]]:
    """Who may be among the readers of incoming documents (``units``: document id → the id of
    the unit that received it, as the caller read them), as the search index holds them
    (``search.sources.unit_reader``…): their unit (its clerks, office leaders and leaders),
    and the people and units given work on them. Every branch of
    ``incoming_visible_branches`` sees a document through one of these, as
    ``incoming_reader_keys`` names them. One query, of the work."""
    readers = {document_id: {unit_reader(unit_id)} for document_id, unit_id in units.items()}
    work = Assignment.objects.filter(document_id__in=list(readers)).values_list(
        "document_id", "assignee_user_id", "assignee_unit_id"
    )
    for document_id, user_id, unit_id in work:
        if user_id is not None:
            readers[document_id].add(person_reader(user_id))
        if unit_id is not None:
            readers[document_id].add(work_reader(unit_id))
    return {document_id: frozenset(words) for document_id, words in readers.items()}


def incoming_reader_keys(user: User, *, actings: list[Acting] | None = None) -> list[str]:
    """The readers' words (``incoming_readers``) of which every incoming document ``user``
    may open holds one: the units they see whole or take in, the units they belong to (work
    given to the unit), themselves (work given to them)."""
    if not user.is_authenticated:
        return []
    if actings is None:
        actings = actings_for(user)
    whole = {a.unit.pk for a in actings if a.role in UNIT_WIDE or a.role in INTAKE}
    return sorted(
        {
            *(unit_reader(pk) for pk in whole),
            *(work_reader(a.unit.pk) for a in actings),
            person_reader(user.pk),
        }
    )


def incoming_words(text: str) -> Words:
    """The documents whose title (symbol, type, subject, issuer, signer) holds the words of
    ``text``, with or without diacritics (the lists' ``q``, ``search.lists``), as a filter for
    each part of a list. Raises ``InvalidInput`` for text without a word."""
    return Words(text, kind="incoming")


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


def _heading_key(text: str) -> str:
    """An issuer or a symbol as duplicates compare them: in any case, however spaced."""
    return clean(text).casefold()


def incoming_duplicates(incoming: IncomingDocument) -> QuerySet[IncomingDocument]:
    """Earlier documents of the same unit that look like this one: same issuer, symbol and
    date of issue (in any case: a header's "THÀNH ỦY HÀ NỘI" is the "Thành ủy Hà Nội" a clerk
    types), or one of the same files. Two queries.

    Found from the few documents that hold one of its files or were issued the same day
    (each through its index), then kept when of the same unit: testing every document of the
    unit against the two (an OR no index answers) took 100 ms at a city's archive, on every
    registration and every opening of the document. The issuer and the symbol are compared
    here, where Vietnamese letters change case (SQLite's own comparison changes only
    ASCII's)."""
    document = incoming.document
    alike = (
        DocumentFile.objects.filter(file__in=document.files.values("file"))
        .order_by()
        .values("document_id")
    )
    if document.issuer and document.symbol and document.issued_date:
        heading = (_heading_key(document.issuer), _heading_key(document.symbol))
        same_day = IncomingDocument.objects.filter(
            unit=incoming.unit, document__issued_date=document.issued_date
        ).values_list("document_id", "document__issuer", "document__symbol")
        same_heading = [
            pk
            for pk, issuer, symbol in same_day
            if (_heading_key(issuer), _heading_key(symbol)) == heading
        ]
        alike = alike.union(Document.objects.filter(pk__in=same_heading).values("pk"), all=True)
    return (
        IncomingDocument.objects.filter(unit=incoming.unit, document_id__in=alike)
        .exclude(pk=incoming.pk)
        .exclude(status=IncomingStatus.RETURNED)
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
    words: Words | None = None,
    unit: Unit | None = None,
    start: int,
    stop: int,
    count_to: int,
) -> IncomingPage:
    """Rows ``start:stop`` of ``incoming_visible_to(user)`` narrowed by ``where`` and ``words``
    (``incoming_words``; and to ``unit``'s documents), newest first (received, then id,
    descending), with their document and unit; and how many rows match, exact up to
    ``count_to`` (``count_capped``'s rule). Two queries, whatever the archive holds (and those
    of ``words``).

    The cost follows the page, not what the person may see. Each branch of the rule (one per
    unit for a unit's documents) gives its newest ``count_to + 1`` rows (or ``stop``, when
    more), read through an index, and the union of those is sorted: a row among the first
    ``n`` of the list is among the first ``n`` of each branch it belongs to. And were a branch
    to have fewer than ``count_to + 1`` rows, it was read whole, so a union of fewer than
    ``count_to + 1`` rows is the whole list.

    The person's work has no index in the order of the list: a long list of it is searched by
    walking the newest documents (``_Walk``), and counted on any ``count_to + 1`` of its rows
    (a count needs no order, and the argument above holds for any rows of a branch). So is a
    unit's branch narrowed by words whose titles are found by their ids (``Words.found``): its
    newest ``stop`` rows for the page, any ``count_to + 1`` for the count.
    """
    limit = max(stop, count_to + 1)
    # (received_at, id) rows, whose union holds the page and the count; ids, more for the count
    members = UnionMembers(order=NEWEST, columns=_ROW, stop=stop, limit=limit)
    walks: list[_Walk] = []
    for branch in incoming_visible_branches(user, actings=actings):
        items = IncomingDocument.objects.all()
        if where is not None:
            items = items.filter(where)
        scopes: list[tuple[str | None, QuerySet[IncomingDocument]]]
        if branch.parts:
            # A part of another unit than the one asked for holds nothing: not read at all,
            # where the database would walk its unit's index to find no row of the other.
            scopes = [
                (in_unit.slug, items.filter(q))
                for in_unit, q in branch.parts
                if unit is None or in_unit.pk == unit.pk
            ]
        elif unit is not None and unit.slug in branch.outside:
            continue
        elif unit is not None:
            scopes = [(unit.slug, items.filter(unit_id=unit.pk))]
        else:
            scopes = [(None, items)]
        for of_unit, scope in scopes:
            if branch.among is not None:
                # Walked down to the WALK-th newest document of the unit asked for, whatever
                # ``where`` says (a text searched for would make the walk's bound itself a
                # walk through the unit's documents).
                window = IncomingDocument.objects.all()
                if unit is not None:
                    # By the unit's id, which PostgreSQL's plan walks the unit's index with;
                    # by its slug (a join) it read the whole unit to find the WALK-th newest
                    # (7 of a specialist's 17 ms at a million documents).
                    window = window.filter(unit_id=unit.pk)
                narrowed = scope if words is None else scope.filter(words.q(of_unit))
                walk = _Walk.of(
                    narrowed, window, branch.q, branch.among, len(walks), across_units=unit is None
                )
                if walk is not None:
                    walks.append(walk)
                continue
            members.add(scope.filter(branch.q), words, of_unit)
    if not members.parts and not walks:
        return IncomingPage([], Counted(0, False))
    pages_and_counts = [walk.members(stop, limit, count_to) for walk in walks]
    found_count, ids = union_page(
        members.parts,
        start,
        stop,
        ctes=[walk.ctes(stop) for walk in walks],
        more=[page for page, _count in pages_and_counts],
        counted=[*(count for _page, count in pages_and_counts), *members.counted],
    )
    page = in_order(IncomingDocument.objects.select_related("document", "unit"), ids)
    return IncomingPage(page, Counted(min(found_count, count_to), found_count > count_to))


class VisibleList(ReadWithCount):
    """``incoming_visible_page`` as a list a ``CappedPaginator`` reads (``paging.Listed``):
    counted up to a limit, read by forward slices, or both at once (``page_and_count``, what
    the paginator asks for); one statement each (and one to read the page's documents)."""

    def __init__(
        self,
        user: User,
        *,
        actings: list[Acting] | None = None,
        where: Q | None = None,
        words: Words | None = None,
        unit: Unit | None = None,
    ) -> None:
        self.user, self.actings, self.where, self.unit = user, actings, where, unit
        self.words = words

    def _page(self, start: int, stop: int, count_to: int) -> IncomingPage:
        return incoming_visible_page(
            self.user,
            actings=self.actings,
            where=self.where,
            words=self.words,
            unit=self.unit,
            start=start,
            stop=stop,
            count_to=count_to,
        )

    def page_and_count(self, start: int, stop: int, count_to: int) -> tuple[list[Any], Counted]:
        page = self._page(start, stop, count_to)
        return page.items, page.counted


NEWEST = ("-received_at", "-pk")  # the order of the lists, which their indexes hold
_ROW = ("received_at", "id")
# The same order, which no index gives: a branch known to be sparse among the newest documents
# (a short list of work, or a walk that found too little) is sorted rather than looked for
# by walking the index, which PostgreSQL would otherwise do down to the oldest document.
SORTED = (Coalesce("received_at", "received_at").desc(), F("id").desc())
# A person's work longer than this is searched by walking the newest documents, down to the
# WALK-th of the unit listed (WALK_ACROSS_UNITS-th of the archive, where a specialist's work is
# one document in sixty: 50,000 hold their newest 800), for its newest rows (``_Walk``);
# shorter, it is sorted (as many lookups at most). Across units a walk reads the index and
# the work's hashed list, and looks the rule up only for the person's documents: 50,000 cost
# 10–15 ms, where sorting 15,000 pieces of work cost 140 on PostgreSQL. Its bound is worked
# out by reading that far into the index (3 ms for 50,000: too much for a unit's list, whose
# documents hold the person's work far more densely).
SHORT_WORK = 2000
WALK = 5000
WALK_ACROSS_UNITS = 50000
# PostgreSQL: a count of a person's work that goes this far or further reads the list of their
# work first (``_Walk.any_from_work``); a shorter one looks its rows up as the planner likes.
COUNT_FROM_WORK = 200
EARLIEST = dt.datetime(1900, 1, 1, tzinfo=dt.UTC)


def _among(among: QuerySet[Any]) -> Coalesce:
    """A filter: the row's document is one of ``among`` (ids), tested row by row against the
    list read once (COALESCE keeps the test a condition, which no database turns into a join).
    """
    member = ExpressionWrapper(Q(document_id__in=among.order_by()), output_field=BooleanField())
    return Coalesce(member, Value(False))


@dataclass(frozen=True)
class _Walk:
    """For ``incoming_visible_page``: the rows of a branch that no index reads in the list's
    order (the person's work, whose documents are listed from the assignee indexes and would
    each be looked up to be sorted), found one of two ways in the same statement.

    How many pieces of work the person has is counted first, up to ``SHORT_WORK`` + 1, from
    the assignee indexes alone (``size``). A short list is sorted, as any branch is read
    (``newest``). A long one is found by walking the documents newest first (the list's own
    index) down to the ``WALK``-th (``WALK_ACROSS_UNITS``-th), testing the work's list and
    then the branch on each, stopping at the ``stop``-th found (``walk``): those are the
    branch's newest ``stop``, and the count is taken from any ``count_to + 1`` of its rows
    (``any``). Only when the walk finds fewer (the work is old) is the long list sorted after
    all. Each way reads rows only when chosen: its LIMIT is worked out before anything is read
    (0 otherwise).
    """

    name: str
    size: SQL
    walk: SQL
    newest: SQL
    any: SQL
    # PostgreSQL, for a count across units that goes to ``COUNT_FROM_WORK`` rows or further:
    # the same, read from the person's work (``any`` joins it as the planner likes)
    any_from_work: SQL | None = None

    @classmethod
    def of(
        cls,
        scope: QuerySet[IncomingDocument],
        window: QuerySet[IncomingDocument],
        q: Q,
        among: QuerySet[Any],
        i: int,
        *,
        across_units: bool = False,
    ) -> _Walk | None:
        """The ways of reading the rows of ``scope`` that ``q`` selects, the walk going down
        to the ``WALK``-th newest document of ``window`` (``scope`` without its filters);
        ``across_units`` when the list is not narrowed to one unit (then the
        ``WALK_ACROSS_UNITS``-th)."""
        rows = scope.filter(q)
        walking = scope.order_by(*NEWEST)
        depth = WALK
        if across_units:
            # Deep, and tested against the work first, from the index, which holds the
            # document: the rule is looked up for the person's documents only, one in sixty
            # (a hashed list, written so that PostgreSQL does not join it, which sorts the
            # whole work instead of walking). A unit's documents hold the person's work more
            # densely: there, building the list cost more (2–3 ms) than it saved.
            walking, depth = walking.filter(_among(among)), WALK_ACROSS_UNITS
        # The depth-th newest document's time (the oldest when there are fewer), worked out once.
        bound = Coalesce(
            Subquery(window.order_by(*NEWEST).values("received_at")[depth - 1 : depth]),
            Value(EARLIEST, output_field=DateTimeField()),
        )
        parts = (
            sql_of(among.order_by()[: SHORT_WORK + 1]),
            sql_of(walking.filter(received_at__gte=bound).values_list(*_ROW)),
            # Correlated on the row walked (named in the walk below).
            sql_of(IncomingDocument.objects.filter(q, pk=RawSQL("walked.id", [])).values("pk")),
            sql_of(rows.order_by(*SORTED).values_list(*_ROW)),
            sql_of(rows.order_by().values_list("id")),
        )
        if any(part is None for part in parts):
            return None
        size, (walked, walked_params), (mine, mine_params), sorted_rows, any_rows = parts  # type: ignore[misc]
        from_work = None
        if connection.vendor == "postgresql":
            # OFFSET 0 keeps the test a subquery run for each row walked: else PostgreSQL
            # joins it, which builds the person's whole list first (what the walk avoids).
            mine += " OFFSET 0"
            if across_units:
                from_work = cls._from_work(scope, q, among)
        walk = (
            f"SELECT walked.received_at, walked.id FROM ({walked}) AS walked "  # noqa: S608
            f"WHERE EXISTS ({mine}) ORDER BY walked.received_at DESC, walked.id DESC",
            [*walked_params, *mine_params],
        )
        return cls(f"w{i}", size, walk, sorted_rows, any_rows, from_work)  # type: ignore[arg-type]

    @staticmethod
    def _from_work(scope: QuerySet[IncomingDocument], q: Q, among: QuerySet[Any]) -> SQL | None:
        """PostgreSQL, any rows of the branch for a long count: the person's work read from
        its indexes (each document once: all of it, hashed), then looked up one by one until
        enough are found. Asked for 1,001 rows of a list across units, PostgreSQL merged the
        documents' and the assignments' indexes from the oldest document on instead (63,000
        and 72,000 rows read for a specialist: 40–50 ms, where this takes 25–30). A list of
        one unit it joins well: there, reading all the work first made a specialist's page
        slower (its statements 45 → 52–64 ms)."""
        one = sql_of(scope.filter(q, document_id=RawSQL("a.document_id", [])).values("pk"))
        work = sql_of(among.order_by())
        if one is None or work is None:
            return None
        return (
            f"SELECT t.id FROM (SELECT ({one[0]} OFFSET 0) AS id FROM ("  # noqa: S608
            f"SELECT DISTINCT document_id FROM ({work[0]}) AS s) AS a OFFSET 0) AS t "
            "WHERE t.id IS NOT NULL",
            [*one[1], *work[1]],
        )

    @property
    def _long(self) -> str:
        """SQL: the work is long (``SHORT_WORK``, a constant, written in)."""
        return f"(SELECT n FROM {self.name}n) > {SHORT_WORK}"  # noqa: S608

    @property
    def _walked(self) -> str:
        """SQL: the walk found the page (how far the page goes, ``stop``, is its parameter)."""
        return f"{self._long} AND (SELECT count(*) FROM {self.name}) >= %s"  # noqa: S608

    def ctes(self, stop: int) -> SQL:
        """The size of the work and the walk, as named CTEs (each followed by a comma)."""
        name, (size, size_params), (walk, walk_params) = self.name, self.size, self.walk
        return (
            f"{name}n(n) AS MATERIALIZED (SELECT count(*) FROM ({size}) AS s), "  # noqa: S608
            f"{name} AS MATERIALIZED ({walk} "
            f"LIMIT CASE WHEN {self._long} THEN %s ELSE 0 END), ",
            [*size_params, *walk_params, stop],
        )

    def members(self, stop: int, limit: int, count_to: int) -> tuple[SQL, SQL]:
        """The member of the page's union (the walk's rows, or the newest ``limit`` sorted),
        and that of the count's (any ``count_to + 1`` rows when the walk was enough: else the
        newest ``limit``, in the page's union, serve the count too)."""
        (newest, newest_params), (rows, rows_params) = self.newest, self.any
        if self.any_from_work is not None and count_to >= COUNT_FROM_WORK:
            rows, rows_params = self.any_from_work
        # No work at all (a leader's is all in the units they see whole): nothing to sort.
        none = f"(SELECT n FROM {self.name}n) = 0"  # noqa: S608
        page = (
            f"SELECT * FROM {self.name} UNION SELECT * FROM ({newest} "  # noqa: S608
            f"LIMIT CASE WHEN {self._walked} OR {none} THEN 0 ELSE %s END) AS {self.name}s"
        )
        count = (
            f"SELECT * FROM ({rows} "  # noqa: S608
            f"LIMIT CASE WHEN {self._walked} THEN %s ELSE 0 END) AS {self.name}a"
        )
        return (page, [*newest_params, stop, limit]), (count, [*rows_params, stop, count_to + 1])
