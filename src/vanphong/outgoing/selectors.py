"""Reading outgoing documents: what a person may see, where each recipient stands, the board
of deliveries needing attention, and the lines of the outgoing register."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.db.models.lookups import In
from django.utils import timezone
from django.utils.translation import pgettext

from vanphong.core.paging import (
    SQL,
    Counted,
    ReadWithCount,
    in_order,
    union_count,
    union_page,
)
from vanphong.documents.doctypes import by_code
from vanphong.documents.models import UrgencyChoices
from vanphong.exchange.models import Business, Delivery, StatusCode, Transport
from vanphong.org.models import SecrecyChoices, Unit, User
from vanphong.org.roles import Capability, Role
from vanphong.org.selectors import Acting, actings_for, cleared_q
from vanphong.outgoing.models import (
    DRAFTED_ELSEWHERE,
    OutgoingDocument,
    OutgoingRecipient,
    OutgoingStatus,
    ReviewStep,
    StepStatus,
)
from vanphong.outgoing.rules import place_from_address
from vanphong.registers.books import check_book_range, type_and_subject, unique_names
from vanphong.registers.models import Register
from vanphong.search.lists import UnionMembers, Words
from vanphong.search.sources import person_reader, unit_reader

# Roles that see every outgoing document of their unit, drafts included (up to their
# clearance): the clerk who issues them, the office leader and the leaders who sign them.
UNIT_WIDE = (Role.VANTHU, Role.LANHDAOVP, Role.LANHDAO)
# A delivery not acknowledged (registered or returned) within this time shows on the board.
ACKNOWLEDGE_WITHIN = dt.timedelta(hours=24)


class _Among(In):
    """``lhs IN (subquery)``, written ``lhs = ANY(ARRAY(subquery))`` for PostgreSQL: the same
    test, but one PostgreSQL answers through ``lhs``'s index as a branch of an OR (a bitmap of
    each branch's index scan), where it can only test ``IN (subquery)`` row by row. SQLite
    answers ``IN (subquery)`` through the index already."""

    def get_rhs_op(self, connection: BaseDatabaseWrapper, rhs: str) -> str:
        if connection.vendor == "postgresql":
            return f"= ANY(ARRAY{rhs})"
        return super().get_rhs_op(connection, rhs)


def _of_steps(steps: QuerySet[ReviewStep]) -> Q:
    """The documents of ``steps``, found through the primary key from the steps' list of
    them (``_Among``): a reviewer's steps are few, the documents many."""
    return Q(_Among(F("pk"), steps.order_by().values("outgoing_id")))


def outgoing_words(text: str) -> Words:
    """The documents whose title (symbol, type, subject, issuer, signer) holds the words of
    ``text``, with or without diacritics (the lists' ``q``, ``search.lists``), as a filter for
    each part of a list. Raises ``InvalidInput`` for text without a word."""
    return Words(text, kind="outgoing")


def outgoing_visible_to(
    user: User, *, actings: list[Acting] | None = None
) -> QuerySet[OutgoingDocument]:
    """Every outgoing document ``user`` may open, as one query.

    Its author, its signer and its reviewers (of any round) see it; the clerks, office leaders
    and leaders of the issuing unit, or of the unit that drafts it, see all of that unit's.
    Secret documents only up to the person's clearance (độ mật), whatever their part in it.
    Delegated roles count like one's own while they last. ``actings``: ``actings_for(user)``
    when the caller has it already (search reads it once for every kind of document).
    """
    if not user.is_authenticated:
        return OutgoingDocument.objects.none()
    if actings is None:
        actings = actings_for(user)
    wide = {a.unit.pk for a in actings if a.role in UNIT_WIDE}
    steps = ReviewStep.objects.filter(reviewer=user)
    # Each branch is answered by an index (author, signer, issuing unit, drafting unit, the
    # reviewer's steps), so the database reads the person's documents, not the archive. The
    # reviewer's branch is said twice: EXISTS tests one document through the steps' index on
    # their document (search asks it of each match), and the list of the reviewer's documents
    # lets the database find them all through the primary key. Without the list the OR is
    # tested on every document (and on PostgreSQL the secrecy join reads every document too).
    reviewed = Exists(steps.filter(outgoing=OuterRef("pk"))) & _of_steps(steps)
    scope = (
        Q(author=user)
        | Q(signer=user)
        | Q(unit__in=wide)
        | (Q(drafting_unit__in=wide) & DRAFTED_ELSEWHERE)
        | reviewed
    )
    return OutgoingDocument.objects.filter(scope, cleared_q(user.clearance))


# The lists' orders, which the branches' indexes hold: the last changed first; the issued
# documents by the moment they were issued.
RECENT = ("-updated_at", "-pk")
LATEST_ISSUED = ("-issued_at", "-pk")


def outgoing_visible_branches(
    user: User, *, actings: list[Acting], mine: bool = False
) -> list[tuple[str | None, Q]]:
    """The branches of ``outgoing_visible_to``'s rule, each answered by one index in the
    lists' orders (the reviewer's by a short list of ids): what the person wrote, what they
    sign, for each unit they see whole what it issues and what it drafts, and what they
    review. ``mine``: only what they wrote, the "mine" tab. The clearance is not in them.
    Each with the slug of the one unit that issues its documents, when there is one."""
    if mine:
        return [(None, Q(author=user))]
    wide = sorted({(a.unit.pk, a.unit.slug) for a in actings if a.role in UNIT_WIDE})
    return [
        (None, Q(author=user)),
        (None, Q(signer=user)),
        *((slug, Q(unit=pk)) for pk, slug in wide),
        *((None, Q(drafting_unit=pk) & DRAFTED_ELSEWHERE) for pk, _slug in wide),
        (None, _of_steps(ReviewStep.objects.filter(reviewer=user))),
    ]


# What ``outgoing_readers`` needs of each document, as its caller reads them (``values``).
READER_FIELDS = ("pk", "document_id", "unit_id", "drafting_unit_id", "author_id", "signer_id")


def outgoing_readers(rows: Iterable[Mapping[str, Any]]) -> dict[int, frozenset[str]]:
    """Who may be among the readers of outgoing documents (``rows``: their ``READER_FIELDS``,
    as the caller read them), by document id, as the search index holds them
    (``search.sources.unit_reader``…): the issuing and the drafting unit, the author, the
    signer and every reviewer. Each branch of ``outgoing_visible_to`` sees a document through
    one of these, as ``outgoing_reader_keys`` names them. One query, of the review steps."""
    readers: dict[int, set[str]] = {}
    documents: dict[int, int] = {}
    for row in rows:
        documents[row["pk"]] = row["document_id"]
        readers[row["document_id"]] = {
            unit_reader(row["unit_id"]),
            unit_reader(row["drafting_unit_id"]),
            person_reader(row["author_id"]),
            person_reader(row["signer_id"]),
        }
    steps = ReviewStep.objects.filter(outgoing__in=list(documents)).values_list(
        "outgoing_id", "reviewer_id"
    )
    for outgoing_id, reviewer_id in steps:
        readers[documents[outgoing_id]].add(person_reader(reviewer_id))
    return {document_id: frozenset(words) for document_id, words in readers.items()}


def outgoing_reader_keys(user: User, *, actings: list[Acting] | None = None) -> list[str]:
    """The readers' words (``outgoing_readers``) of which every outgoing document ``user``
    may open holds one: the units they see whole, themselves (as author, signer, reviewer)."""
    if not user.is_authenticated:
        return []
    if actings is None:
        actings = actings_for(user)
    whole = {a.unit.pk for a in actings if a.role in UNIT_WIDE}
    return sorted({*(unit_reader(pk) for pk in whole), person_reader(user.pk)})


class OutgoingList(ReadWithCount):
    """``outgoing_visible_to(user)`` narrowed by ``where`` and ``words`` (``outgoing_words``),
    and to the issuing unit with slug ``unit``, in ``order`` (``RECENT`` or ``LATEST_ISSUED``),
    as a list a ``CappedPaginator`` reads (``paging.PagedWithCount``).

    The rule's OR would have the database collect every document the person may see and sort
    them for each page: 14,000 for the city office's clerk at a million documents, 48 ms. Each
    branch of the rule (``outgoing_visible_branches``) gives instead its first ``count_to + 1``
    rows (or ``stop``, when more) in the list's order, read through its index, and the union
    of those is sorted: a row among the first ``n`` of the list is among the first ``n`` of
    each branch it belongs to, and a union of fewer than ``count_to + 1`` rows is the whole
    list (each of its branches was read whole). A unit's branch narrowed by words whose titles
    are found by their ids (``Words.found``) gives its first ``stop`` rows for the page, and
    any ``count_to + 1`` for the count. One statement for the page and its count, one for the
    page's documents (and those of ``words``).
    """

    def __init__(
        self,
        user: User,
        *,
        actings: list[Acting],
        where: Q | None = None,
        words: Words | None = None,
        unit: str | None = None,
        order: tuple[str, str] = RECENT,
        mine: bool = False,
    ) -> None:
        self.user, self.actings, self.mine = user, actings, mine
        self.where, self.words, self.unit, self.order = where, words, unit, order

    def _members(self, stop: int, limit: int) -> tuple[list[SQL], list[SQL]]:
        """The union's members (``union_page``): each branch's first ``limit`` rows (its first
        ``stop`` when counted apart), and the members counted apart."""
        key = self.order[0].lstrip("-")
        members = UnionMembers(order=self.order, columns=(key, "id"), stop=stop, limit=limit)
        branches = outgoing_visible_branches(self.user, actings=self.actings, mine=self.mine)
        for unit, branch in branches:
            if self.unit is not None and unit not in (None, self.unit):
                continue  # another unit's: holds none of the list's rows
            items = OutgoingDocument.objects.filter(branch, cleared_q(self.user.clearance))
            if self.unit is not None:
                items, unit = items.filter(unit__slug=self.unit), self.unit
            if self.where is not None:
                items = items.filter(self.where)
            members.add(items, self.words, unit)
        return members.parts, members.counted

    def page_and_count(
        self, start: int, stop: int, count_to: int
    ) -> tuple[list[OutgoingDocument], Counted]:
        parts, counted = self._members(stop, max(stop, count_to + 1))
        if not parts:
            return [], Counted(0, False)
        found_count, ids = union_page(parts, start, stop, counted=counted)
        page = in_order(
            OutgoingDocument.objects.select_related("document", "unit", "author", "signer"), ids
        )
        return page, Counted(min(found_count, count_to), found_count > count_to)

    def counting(self, limit: int) -> SQL | None:
        parts, counted = self._members(0, limit)
        return union_count(parts, counted=counted) if parts else None


def outgoing_todo(user: User, *, actings: list[Acting] | None = None) -> QuerySet[OutgoingDocument]:
    """What waits for ``user`` now: drafts to review (their turn), to sign, to revise, and,
    for a clerk, signed documents to issue. One query. ``actings``: ``actings_for(user)``
    when the caller has it already (once per request)."""
    if actings is None:
        actings = actings_for(user)
    issuing = {a.unit.pk for a in actings if a.can(Capability.ISSUE_OUTGOING)}
    signing_for = {
        a.delegated_by.pk for a in actings if a.delegated_by is not None and a.can(Capability.SIGN)
    }
    pending = ReviewStep.objects.filter(reviewer=user, status=StepStatus.PENDING)
    my_turn = pending.filter(outgoing=OuterRef("pk"), round=OuterRef("review_round"))
    # Each part of what waits is answered by an index (the person's pending steps, the
    # signer's, the author's, the unit's and status), so that the database reads what waits
    # and tests the visibility rule on it, not the other way round: asked only "in review, and
    # my turn", SQLite went through the rule's branches instead, testing each of the city
    # office's 13,837 documents (9 ms for a count of none at a million documents).
    return outgoing_visible_to(user, actings=actings).filter(
        (Q(status=OutgoingStatus.IN_REVIEW) & _of_steps(pending) & Exists(my_turn))
        | Q(status=OutgoingStatus.APPROVED, signer=user)
        | Q(status=OutgoingStatus.APPROVED, signer__in=signing_for)
        | Q(status=OutgoingStatus.RETURNED, author=user)
        | Q(status=OutgoingStatus.SIGNED, unit__in=issuing)
    )


def issue_place(unit: Unit) -> str:
    """The place name printed before the date of issue: the last part of the nearest address
    up the tree (a board of the city committee prints "Hà Nội" like the committee). One
    query; "" when no unit on the way has an address."""
    chain = [*unit.ancestor_ids(), unit.pk]
    addresses = dict(Unit.objects.filter(pk__in=chain).values_list("pk", "address"))
    for pk in reversed(chain):
        place = place_from_address(addresses.get(pk) or "")
        if place:
            return place
    return ""


# --- where each recipient stands ------------------------------------------------------------


def _status_label(delivery: Delivery) -> str:
    if delivery.status_code:
        return str(StatusCode(delivery.status_code).label)
    return str(Transport(delivery.transport).label)


@dataclass(frozen=True)
class RequestStatus:
    """A recall or an update asked of one recipient, and its answer (13 asked, 15 agreed,
    16 refused)."""

    kind: str  # "recall" or "update"
    status: str
    status_label: str
    reason: str  # the sender's reason
    answer: str  # the recipient's reason, when they gave one
    at: dt.datetime


@dataclass(frozen=True)
class RecipientStatus:
    """One recipient of an issued document, as the sender sees it (edXML status codes)."""

    delivery_id: int
    unit: str  # the recipient unit's short id; "" for an outside body
    name: str
    organ_id: str
    email: str
    channel: str
    replacement: bool  # sent as the replacement of an earlier document
    addressed_to: str  # the unit named by the sender when a reorganisation closed it
    transport: str  # pending, sent, failed
    status: str  # "" before arrival, then "01", "02", "03"…
    status_label: str
    arrival_number: int | None  # the recipient's số đến, once registered
    arrival_year: int | None
    reason: str  # why the recipient returned it (02), or the progress they reported
    status_at: dt.datetime | None
    sent_at: dt.datetime | None
    error: str
    requests: tuple[RequestStatus, ...] = field(default=())


def outgoing_deliveries(outgoing: OutgoingDocument) -> list[RecipientStatus]:
    """Every recipient of ``outgoing`` with its status, the số đến it was registered under or
    the reason it was returned, and what it answered to a recall or an update. One query."""
    deliveries = list(
        Delivery.objects.filter(document_id=outgoing.document_id)
        .select_related("recipient_unit", "addressed_to")
        .order_by("pk")
    )
    requests: dict[int, list[RequestStatus]] = defaultdict(list)
    for d in deliveries:
        if d.business in (Business.RECALL, Business.UPDATE) and d.original_id is not None:
            requests[d.original_id].append(
                RequestStatus(
                    kind="recall" if d.business == Business.RECALL else "update",
                    status=d.status_code,
                    status_label=_status_label(d),
                    reason=d.note,
                    answer=d.status_description,
                    at=d.status_at or d.created_at,
                )
            )
    return [
        RecipientStatus(
            delivery_id=d.pk,
            unit=d.recipient_unit.slug if d.recipient_unit is not None else "",
            name=d.recipient_name,
            organ_id=d.recipient_organ_id,
            email=d.recipient_email,
            channel=d.channel,
            replacement=d.business == Business.REPLACE,
            addressed_to=d.addressed_to.slug if d.addressed_to is not None else "",
            transport=d.transport,
            status=d.status_code,
            status_label=_status_label(d),
            arrival_number=d.arrival_number,
            arrival_year=d.arrival_year,
            reason=d.status_description,
            status_at=d.status_at,
            sent_at=d.sent_at,
            error=d.last_error,
            requests=tuple(requests.get(d.pk, ())),
        )
        for d in deliveries
        if d.business in (Business.NEW, Business.REPLACE)
    ]


# --- the board ------------------------------------------------------------------------------

NOT_SENT, FAILED, RETURNED, LATE = "not_sent", "failed", "returned", "late"
PROBLEMS = (NOT_SENT, FAILED, RETURNED, LATE)


def problem_label(problem: str) -> str:
    labels = {
        # Translators: Vietnamese "Chưa gửi".
        NOT_SENT: pgettext("delivery board", "Not sent yet"),
        # Translators: Vietnamese "Gửi lỗi".
        FAILED: pgettext("delivery board", "Sending failed"),
        # Translators: Vietnamese "Bị trả lại".
        RETURNED: pgettext("delivery board", "Returned"),
        # Translators: Vietnamese "Quá một ngày chưa tiếp nhận".
        LATE: pgettext("delivery board", "Not acknowledged within a day"),
    }
    return labels[problem]


@dataclass(frozen=True)
class BoardRow:
    """A delivery that needs the sender's attention, and why."""

    problem: str  # not_sent, failed, returned, late
    problem_label: str
    delivery_id: int
    outgoing_id: int | None
    symbol: str
    subject: str
    business: int
    recipient: str
    unit: str
    status: str
    since: dt.datetime  # when the problem began: written, failed, returned, sent
    detail: str  # the error, the recipient's reason


@dataclass(frozen=True)
class Board:
    counts: dict[str, int]
    rows: list[BoardRow]


def _problem(delivery: Delivery) -> str:
    if delivery.transport == Transport.PENDING:
        return NOT_SENT
    if delivery.transport == Transport.FAILED:
        return FAILED
    if delivery.status_code == StatusCode.REFUSED:
        return RETURNED
    return LATE


def deliveries_board(
    unit: Unit, *, user: User | None = None, now: dt.datetime | None = None, limit: int = 200
) -> Board:
    """The deliveries of ``unit``'s documents that need attention (DOMAIN.md §7): not sent
    yet, failed, returned by the recipient (02), or not acknowledged within a day (still
    without an answer or only arrived, 01; a recall or update asked and not answered). One
    query for the rows and one for the counts; secret documents only up to ``user``'s
    clearance."""
    now = now or timezone.now()
    cutoff = now - ACKNOWLEDGE_WITHIN
    documents = Q(business__in=(Business.NEW, Business.REPLACE))
    late = (documents & Q(status_code__in=("", StatusCode.ARRIVED))) | (
        Q(business__in=(Business.RECALL, Business.UPDATE))
        & Q(status_code=StatusCode.RECALL_REQUESTED)
    )
    needing = (
        Q(transport__in=(Transport.PENDING, Transport.FAILED))
        | (Q(transport=Transport.SENT) & documents & Q(status_code=StatusCode.REFUSED))
        | (Q(transport=Transport.SENT) & Q(sent_at__lt=cutoff) & late)
    )
    base = Delivery.objects.filter(needing, sender=unit, document__direction="out")
    if user is not None:
        base = base.filter(cleared_q(user.clearance))
    rows = []
    counts = dict.fromkeys(PROBLEMS, 0)
    for delivery in base.select_related("document", "document__outgoing", "recipient_unit"):
        problem = _problem(delivery)
        counts[problem] += 1
        if problem == NOT_SENT:
            since = delivery.created_at
        elif problem == RETURNED:
            since = delivery.status_at or delivery.created_at
        else:
            since = delivery.sent_at or delivery.created_at
        outgoing = getattr(delivery.document, "outgoing", None)
        rows.append(
            BoardRow(
                problem=problem,
                problem_label=problem_label(problem),
                delivery_id=delivery.pk,
                outgoing_id=outgoing.pk if outgoing is not None else None,
                symbol=delivery.document.symbol,
                subject=delivery.document.subject,
                business=delivery.business,
                recipient=delivery.recipient_name,
                unit=delivery.recipient_unit.slug if delivery.recipient_unit else "",
                status=delivery.status_code,
                since=since,
                detail=delivery.last_error if problem == FAILED else delivery.status_description,
            )
        )
    rows.sort(key=lambda r: (PROBLEMS.index(r.problem), r.since, r.delivery_id))
    return Board(counts=counts, rows=rows[:limit])


# --- the outgoing register ------------------------------------------------------------------


@dataclass(frozen=True)
class OutgoingRegisterRow:
    """One line of the sổ đăng ký văn bản đi (DOMAIN.md §4; NĐ 30/2020 Phụ lục IV)."""

    register: str
    number: int
    symbol: str  # số, ký hiệu
    issued_date: dt.date  # ngày tháng
    type_name: str  # tên loại …
    subject: str  # … và trích yếu
    signer: str  # người ký
    recipients: tuple[str, ...]  # nơi nhận
    keeping_unit: str  # đơn vị, người nhận bản lưu
    copies: int  # số lượng bản
    transferred_on: dt.date | None  # ngày chuyển: when it went out
    notes: tuple[str, ...]  # ghi chú: secrecy, urgency, recalled, replaced

    @property
    def type_and_subject(self) -> str:
        return type_and_subject(self.type_name, self.subject)


def _issued(
    *, user: User, unit: Unit, start: dt.date, end: dt.date, register: Register | None
) -> QuerySet[OutgoingDocument]:
    """The documents ``unit`` issued from ``start`` to ``end`` (in ``register``, else in any)
    that ``user`` may see: the outgoing register's lines."""
    check_book_range(start, end)
    zone = timezone.get_current_timezone()
    since = dt.datetime.combine(start, dt.time.min, tzinfo=zone)
    until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
    base = outgoing_visible_to(user).filter(
        unit=unit, number__isnull=False, issued_at__gte=since, issued_at__lt=until
    )
    return base if register is None else base.filter(register=register)


def outgoing_book_size(
    *, user: User, unit: Unit, start: dt.date, end: dt.date, register: Register | None = None
) -> int:
    """How many lines ``outgoing_register_rows`` would give; one query."""
    return _issued(user=user, unit=unit, start=start, end=end, register=register).count()


def outgoing_register_rows(
    *,
    user: User,
    unit: Unit,
    start: dt.date,
    end: dt.date,
    register: Register | None = None,
) -> list[OutgoingRegisterRow]:
    """The lines of ``unit``'s outgoing register for documents issued from ``start`` to ``end``
    (inclusive), as ``user`` may see them, in the order they were issued. Three queries,
    whatever the number of lines."""
    base = _issued(user=user, unit=unit, start=start, end=end, register=register)
    items = list(
        base.select_related("document", "register", "drafting_unit").order_by(
            "-register__is_default", "register__min_secrecy", "register_id", "issued_at", "pk"
        )
    )
    if not items:
        return []
    recipients: dict[int, list[str]] = defaultdict(list)
    for row in OutgoingRecipient.objects.filter(outgoing__in=base.values("pk")).select_related(
        "unit"
    ):
        recipients[row.outgoing_id].append(
            (row.unit.short_name or row.unit.full_name) if row.unit else (row.name or row.email)
        )
    sent: dict[int, dt.datetime] = {}
    recalled: set[int] = set()
    for document_id, business, sent_at in Delivery.objects.filter(
        document__outgoing__in=base.values("pk")
    ).values_list("document_id", "business", "sent_at"):
        if business == Business.RECALL:
            recalled.add(document_id)
        elif sent_at is not None and (document_id not in sent or sent_at < sent[document_id]):
            sent[document_id] = sent_at
    replaced = set(
        OutgoingDocument.objects.filter(
            replaces__in=base.values("pk"), status=OutgoingStatus.ISSUED
        ).values_list("replaces_id", flat=True)
    )
    rows = []
    for item in items:
        document = item.document
        doctype = by_code(document.document_type) if document.document_type else None
        notes = []
        if document.secrecy:
            notes.append(str(SecrecyChoices(document.secrecy).label))
        if document.urgency and document.urgency != UrgencyChoices.THUONG:
            notes.append(str(UrgencyChoices(document.urgency).label))
        if document.pk in recalled:
            # Translators: Vietnamese "Đã yêu cầu thu hồi".
            notes.append(pgettext("register book", "Recall requested"))
        if item.pk in replaced:
            # Translators: Vietnamese "Đã được thay thế".
            notes.append(pgettext("register book", "Replaced"))
        moment = sent.get(document.pk)
        names = unique_names(recipients.get(item.pk, ()))
        rows.append(
            OutgoingRegisterRow(
                register=item.register.name if item.register else "",
                number=item.number or 0,
                symbol=document.symbol,
                issued_date=document.issued_date or timezone.localdate(item.issued_at),
                type_name=doctype.name if doctype is not None else "",
                subject=document.subject,
                signer=document.signer,
                recipients=names,
                keeping_unit=item.drafting_unit.short_name or item.drafting_unit.full_name,
                copies=len(names),
                transferred_on=timezone.localdate(moment) if moment else None,
                notes=tuple(notes),
            )
        )
    return rows
