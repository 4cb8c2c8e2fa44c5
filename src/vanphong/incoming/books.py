"""The incoming register book and tracking sheet: their lines, read from incoming documents.

Sổ đăng ký văn bản đến and sổ theo dõi giải quyết văn bản đến (DOMAIN.md §3; layout of
Nghị định 30/2020/NĐ-CP, Phụ lục IV): one line per số đến given in a unit's incoming register
over a range of arrival dates, in number order. Cancelled registrations keep their line (a
number is never skipped); secret documents appear only for people cleared for them, because the
lines are read through ``incoming_visible_in``. Whatever the number of lines, building them
takes the same few queries: the documents with their register, then every assignment and every
direction of those documents in one query each. The shapes, cover and rendering are the
registers app's (``registers.books``, ``registers.render``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import cast

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import pgettext

from vanphong.documents.doctypes import by_code
from vanphong.documents.models import Document, UrgencyChoices
from vanphong.incoming.models import IncomingDocument, IncomingStatus
from vanphong.incoming.selectors import incoming_visible_in
from vanphong.org.models import SecrecyChoices, Unit, User
from vanphong.registers.books import (
    BookKind,
    BookMeta,
    Progress,
    RegisterRow,
    TrackingRow,
    book_meta,
    check_book_range,
    unique_names,
)
from vanphong.registers.models import Register
from vanphong.work.models import Assignment, AssignmentKind, AssignmentStatus, Direction

# An assignment given back, passed on to someone else or withdrawn no longer names a receiver.
_GONE = ("returned", "handed_over", "withdrawn")


@dataclass
class _Entry:
    """An incoming document with its processing, gathered before lines are made of it."""

    incoming: IncomingDocument
    assignments: list[Assignment] = field(default_factory=list)
    directions: list[Direction] = field(default_factory=list)


def _registered(
    *, user: User, unit: Unit, start: dt.date, end: dt.date, register: Register | None
) -> QuerySet[IncomingDocument]:
    """The registered documents of ``unit`` that arrived from ``start`` to ``end`` (of
    ``register``, else of every register) and that ``user`` may see: the books' lines."""
    check_book_range(start, end)
    zone = timezone.get_current_timezone()
    since = dt.datetime.combine(start, dt.time.min, tzinfo=zone)
    until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
    base = incoming_visible_in(user, unit).filter(
        arrival_number__isnull=False,
        arrived_at__gte=since,
        arrived_at__lt=until,
    )
    return base if register is None else base.filter(register=register)


def incoming_book_size(
    *, user: User, unit: Unit, start: dt.date, end: dt.date, register: Register | None = None
) -> int:
    """How many lines ``incoming_book`` would print (either book: one line a document); one
    query."""
    return _registered(user=user, unit=unit, start=start, end=end, register=register).count()


def _entries(
    *, user: User, unit: Unit, start: dt.date, end: dt.date, register: Register | None
) -> list[_Entry]:
    """``_registered``'s documents with their assignments and directions: three queries,
    whatever the number (the assignments and directions are read through a subquery, not a
    list of ids, so a year of a busy office stays within the database's parameter limits)."""
    base = _registered(user=user, unit=unit, start=start, end=end, register=register)
    incomings = list(
        base.select_related("document", "register", "duplicate_of").order_by(
            "-register__is_default",
            "register__min_secrecy",
            "register__name",
            "register_id",
            "arrival_year",
            "arrival_number",
        )
    )
    entries = {i.document_id: _Entry(i) for i in incomings}
    if not entries:
        return []
    documents = base.values("document_id")
    for assignment in (
        Assignment.objects.filter(document__in=documents)
        .select_related("assignee_user", "assignee_unit", "reply_document")
        .order_by("created_at", "pk")
    ):
        entries[assignment.document_id].assignments.append(assignment)
    for direction in (
        Direction.objects.filter(document__in=documents).select_related("by").order_by("at", "pk")
    ):
        entries[direction.document_id].directions.append(direction)
    return list(entries.values())


def _assignee(assignment: Assignment) -> str:
    if assignment.assignee_user is not None:
        return str(assignment.assignee_user)
    if assignment.assignee_unit is not None:
        return assignment.assignee_unit.short_name or assignment.assignee_unit.full_name
    return ""


def _local_date(moment: dt.datetime | None) -> dt.date | None:
    return timezone.localtime(moment).date() if moment is not None else None


def _active(entry: _Entry, kind: AssignmentKind) -> list[Assignment]:
    return [a for a in entry.assignments if a.kind == kind and a.status not in _GONE]


def _transferred_on(entry: _Entry) -> dt.date | None:
    """Ngày chuyển: when the document was first directed or assigned to someone to handle."""
    moments = [d.at for d in entry.directions if d.at is not None]
    moments += [
        a.created_at
        for a in entry.assignments
        if a.kind in (AssignmentKind.LEAD, AssignmentKind.COOPERATE) and a.created_at is not None
    ]
    return _local_date(min(moments)) if moments else None


def _notes(incoming: IncomingDocument) -> tuple[str, ...]:
    document: Document = incoming.document
    notes = []
    if document.secrecy:
        notes.append(str(SecrecyChoices(document.secrecy).label))
    if document.urgency and document.urgency != UrgencyChoices.THUONG:
        notes.append(str(UrgencyChoices(document.urgency).label))
    duplicate = incoming.duplicate_of
    if duplicate is not None and duplicate.arrival_number:
        notes.append(
            # Translators: Vietnamese "Trùng với văn bản số đến %(number)s".
            pgettext("register book", "Same document as arrival number %(number)s")
            % {"number": duplicate.arrival_number}
        )
    return tuple(notes)


def _common(entry: _Entry) -> dict[str, object]:
    incoming = entry.incoming
    document: Document = incoming.document
    doctype = by_code(document.document_type) if document.document_type else None
    # Only registered documents make lines, and a registration sets both.
    arrived = cast(dt.date, _local_date(incoming.arrived_at))
    number = cast(int, incoming.arrival_number)
    return {
        "register": incoming.register.name if incoming.register is not None else "",
        "arrival_date": arrived,
        "arrival_number": number,
        "arrival_year": incoming.arrival_year or arrived.year,
        "issuer": document.issuer,
        "symbol": document.symbol,
        "issued_date": document.issued_date,
        "type_name": doctype.name if doctype is not None else "",
        "subject": document.subject,
        "lead": unique_names(_assignee(a) for a in _active(entry, AssignmentKind.LEAD)),
        "cooperating": unique_names(_assignee(a) for a in _active(entry, AssignmentKind.COOPERATE)),
        "cancelled": incoming.status == IncomingStatus.CANCELLED,
        "cancel_reason": incoming.closed_reason
        if incoming.status == IncomingStatus.CANCELLED
        else "",
        "notes": _notes(incoming),
    }


def incoming_register_rows(
    *,
    user: User,
    unit: Unit,
    start: dt.date,
    end: dt.date,
    register: Register | None = None,
) -> list[RegisterRow]:
    """The lines of ``unit``'s sổ đăng ký văn bản đến for documents that arrived from ``start``
    to ``end`` (inclusive), as ``user`` may see them, in number order within each register.

    Cancelled registrations keep their line: a số đến is never skipped (NĐ 30/2020, Art. 22).
    Documents above the person's clearance are left out, as everywhere else.
    """
    rows = []
    for entry in _entries(user=user, unit=unit, start=start, end=end, register=register):
        common = _common(entry)
        has_receivers = common["lead"] or common["cooperating"]
        rows.append(
            RegisterRow(
                **common,  # type: ignore[arg-type]
                directed_by=()
                if has_receivers
                else unique_names(str(d.by) for d in entry.directions if d.by_id is not None),
                transferred_on=_transferred_on(entry),
            )
        )
    return rows


def _tracking(entry: _Entry, common: dict[str, object], today: dt.date) -> dict[str, object]:
    """Deadline, progress and replies of one document, from its assignments."""
    incoming = entry.incoming
    leads = _active(entry, AssignmentKind.LEAD)
    workers = leads + _active(entry, AssignmentKind.COOPERATE)
    lead_deadlines = [a.deadline for a in leads if a.deadline is not None]
    deadline = min(lead_deadlines) if lead_deadlines else incoming.deadline
    done_moments = [a.done_at for a in leads if a.done_at is not None]
    percent: int | None = None
    done_on: dt.date | None = None
    if common["cancelled"]:
        progress = Progress.CANCELLED
    elif incoming.status == IncomingStatus.DONE or (
        leads and all(a.status == AssignmentStatus.DONE for a in leads)
    ):
        progress = Progress.DONE
        done_on = _local_date(incoming.done_at or (max(done_moments) if done_moments else None))
    elif workers and all(a.status == AssignmentStatus.NEW for a in workers):
        progress = Progress.ASSIGNED
    elif workers or incoming.status == IncomingStatus.IN_PROGRESS:
        progress = Progress.IN_PROGRESS
        measured = leads or workers
        if measured:
            # The work is as far along as its slowest lead: it is done when all of them are.
            percent = min(
                100 if a.status == AssignmentStatus.DONE else a.progress for a in measured
            )
    else:
        progress = Progress.NOT_ASSIGNED
    days_late = 0
    if deadline is not None and progress is not Progress.CANCELLED:
        reference = done_on if progress is Progress.DONE else today
        if reference is not None and reference > deadline:
            days_late = (reference - deadline).days
    replies = unique_names(
        _reply_label(a.reply_document)
        for a in entry.assignments
        if a.reply_document is not None and a.status != AssignmentStatus.RETURNED
    )
    return {
        "deadline": deadline,
        "progress": progress,
        "percent": percent,
        "done_on": done_on,
        "days_late": days_late,
        "replies": replies,
    }


def _reply_label(document: Document | None) -> str:
    if document is None:
        return ""
    label = document.symbol or document.subject[:80] or f"#{document.pk}"
    if document.issued_date is not None:
        return f"{label} ({document.issued_date:%d/%m/%Y})"
    return label


def incoming_tracking_rows(
    *,
    user: User,
    unit: Unit,
    start: dt.date,
    end: dt.date,
    register: Register | None = None,
    today: dt.date | None = None,
) -> list[TrackingRow]:
    """The lines of ``unit``'s sổ theo dõi giải quyết văn bản đến over the same documents as
    the register book: who handles each (chủ trì, phối hợp), by when, how far they have got,
    and the reply issued, per the unit's working regulations (DOMAIN.md §3.4)."""
    today = today or timezone.localdate()
    rows = []
    for entry in _entries(user=user, unit=unit, start=start, end=end, register=register):
        common = _common(entry)
        rows.append(TrackingRow(**common, **_tracking(entry, common, today)))  # type: ignore[arg-type]
    return rows


def incoming_book(
    *,
    kind: BookKind | str,
    user: User,
    unit: Unit,
    start: dt.date,
    end: dt.date,
    register: Register | None = None,
) -> tuple[list[RegisterRow] | list[TrackingRow], BookMeta]:
    """The lines and the cover of one book (what the web page and the API print)."""
    kind = BookKind(kind)
    rows: list[RegisterRow] | list[TrackingRow]
    if kind is BookKind.REGISTER:
        rows = incoming_register_rows(user=user, unit=unit, start=start, end=end, register=register)
    else:
        rows = incoming_tracking_rows(user=user, unit=unit, start=start, end=end, register=register)
    meta = book_meta(
        kind=kind, user=user, unit=unit, start=start, end=end, register=register, rows=rows
    )
    return rows, meta
