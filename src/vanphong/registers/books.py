"""The registers on paper: the lines of the register books and of the tracking sheet.

Sổ đăng ký văn bản đến and sổ theo dõi giải quyết văn bản đến (DOMAIN.md §3; layout of
Nghị định 30/2020/NĐ-CP, Phụ lục IV): one line per số đến given in a unit's incoming register
over a range of arrival dates, in number order. Cancelled registrations keep their line (a
number is never skipped); secret documents appear only for people cleared for them, because the
lines are read through ``incoming_visible_to``. Sổ đăng ký văn bản đi (DOMAIN.md §4): one line
per document a unit issued over a range of days, in the order of issue; a recalled or replaced
document keeps its line with a note.

The selectors return plain dataclasses, so the PDF and xlsx renderers (``registers.render``)
know nothing of the database. Whatever the number of lines, building them takes the same few
queries: the documents with their register, then every assignment and every direction of those
documents in one query each.

The lines themselves are read by the apps whose documents they list (``incoming.books`` for
the incoming registers, ``outgoing.selectors`` for the outgoing one): this module holds what
every book shares — the shapes of its lines and cover, who may print, the checks on the period.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from vanphong.core.errors import Forbidden, InvalidInput
from vanphong.org.models import Unit, User
from vanphong.org.roles import Role, is_party
from vanphong.org.selectors import Acting, unit_version_on
from vanphong.registers.models import Register, RegisterKind

# The longest range one book may cover: a whole (leap) year.
MAX_DAYS = 366
# Dates outside these years are typing mistakes; they would also overflow the time zone
# arithmetic at the ends of the calendar.
MIN_YEAR, MAX_YEAR = 1900, 2999
# Roles that print a unit's registers: the clerk who keeps them, the office leader and the
# leaders who follow the unit's work (the people who see every registered document).
BOOK_ROLES = (Role.VANTHU, Role.LANHDAOVP, Role.LANHDAO)


class BookKind(enum.StrEnum):
    REGISTER = "register"  # sổ đăng ký văn bản đến
    TRACKING = "tracking"  # sổ theo dõi giải quyết văn bản đến
    OUTGOING = "outgoing"  # sổ đăng ký văn bản đi


# Translators: Vietnamese "Sổ đăng ký văn bản đến" (title of the register book, NĐ 30/2020).
REGISTER_TITLE = pgettext_lazy("register book", "Incoming documents register")
TRACKING_TITLE = pgettext_lazy(
    "register book",
    # Translators: Vietnamese "Sổ theo dõi giải quyết văn bản đến".
    "Register for tracking the handling of incoming documents",
)
# Translators: Vietnamese "Sổ đăng ký văn bản đi" (title of the register book, NĐ 30/2020).
OUTGOING_TITLE = pgettext_lazy("register book", "Outgoing documents register")
BOOK_TITLES = {
    BookKind.REGISTER: REGISTER_TITLE,
    BookKind.TRACKING: TRACKING_TITLE,
    BookKind.OUTGOING: OUTGOING_TITLE,
}


class Progress(enum.StrEnum):
    """Where the handling of a document stands, for the tracking sheet's tiến độ column."""

    CANCELLED = "cancelled"
    NOT_ASSIGNED = "not_assigned"
    ASSIGNED = "assigned"  # given, not taken on yet
    IN_PROGRESS = "in_progress"
    DONE = "done"


@dataclass(frozen=True)
class RegisterRow:
    """One line of the sổ đăng ký văn bản đến."""

    register: str  # the register's name: a book over several registers groups its lines
    arrival_date: dt.date  # ngày đến
    arrival_number: int  # số đến
    arrival_year: int
    issuer: str  # tác giả
    symbol: str  # số, ký hiệu
    issued_date: dt.date | None  # ngày văn bản
    type_name: str  # tên loại ("Chỉ thị"), empty when unknown
    subject: str  # trích yếu
    lead: tuple[str, ...]  # đơn vị/người nhận: chủ trì …
    cooperating: tuple[str, ...]  # … and phối hợp
    directed_by: tuple[str, ...]  # leaders who wrote a direction, when nobody is assigned yet
    transferred_on: dt.date | None  # ngày chuyển: first direction or assignment
    cancelled: bool
    cancel_reason: str
    notes: tuple[str, ...]  # ghi chú besides a cancellation: secrecy, urgency, duplicate

    @property
    def type_and_subject(self) -> str:
        return type_and_subject(self.type_name, self.subject)


@dataclass(frozen=True)
class TrackingRow:
    """One line of the sổ theo dõi giải quyết văn bản đến."""

    register: str
    arrival_date: dt.date
    arrival_number: int
    arrival_year: int
    issuer: str
    symbol: str
    issued_date: dt.date | None
    type_name: str
    subject: str
    lead: tuple[str, ...]  # người nhận: chủ trì
    cooperating: tuple[str, ...]  # người nhận: phối hợp
    deadline: dt.date | None  # thời hạn giải quyết
    progress: Progress  # tiến độ
    percent: int | None  # how far the lead has got, while in progress
    done_on: dt.date | None
    days_late: int  # overdue (still open) or finished late by this many days; 0 when on time
    replies: tuple[str, ...]  # số, ký hiệu văn bản trả lời
    cancelled: bool
    cancel_reason: str
    notes: tuple[str, ...]

    @property
    def type_and_subject(self) -> str:
        return type_and_subject(self.type_name, self.subject)


class OutgoingLine(Protocol):
    """One line of the sổ đăng ký văn bản đi, as the book prints it.

    The outgoing app makes these lines (``outgoing.selectors.OutgoingRegisterRow``); the
    registers, a lower layer, only name what they read of them.
    """

    @property
    def register(self) -> str: ...
    @property
    def symbol(self) -> str: ...  # số, ký hiệu (the number is in it)
    @property
    def issued_date(self) -> dt.date: ...  # ngày tháng văn bản
    @property
    def type_and_subject(self) -> str: ...  # tên loại và trích yếu nội dung
    @property
    def signer(self) -> str: ...  # người ký
    @property
    def recipients(self) -> tuple[str, ...]: ...  # nơi nhận
    @property
    def keeping_unit(self) -> str: ...  # đơn vị, người nhận bản lưu
    @property
    def copies(self) -> int: ...  # số lượng bản
    @property
    def transferred_on(self) -> dt.date | None: ...  # ngày chuyển
    @property
    def notes(self) -> tuple[str, ...]: ...  # ghi chú: secrecy, urgency, recalled, replaced


# Any line of any book.
BookRow = RegisterRow | TrackingRow | OutgoingLine


@dataclass(frozen=True)
class BookMeta:
    """What the cover of a book says: whose book it is, which one, over which period."""

    kind: BookKind
    title: str
    unit_name: str  # the unit's name as it was at the end of the period
    parent_name: str  # the body above it then ("" for a top unit)
    start: dt.date
    end: dt.date
    register_name: str  # "" when the book covers every register of the unit
    registers: tuple[str, ...]  # the registers whose lines are in the book, in order
    first_number: int | None  # "from number … to number …": None when the numbers are not
    last_number: int | None  # one series (outgoing numbers run per type of document)
    count: int
    printed_at: dt.datetime
    printed_by: str
    unit_short_name: str = ""
    party: bool = True  # Party style (an asterisk under the name) or state style (a rule)
    years: tuple[int, ...] = field(default=())

    @property
    def several_registers(self) -> bool:
        return len(self.registers) > 1


def type_and_subject(type_name: str, subject: str) -> str:
    """Tên loại và trích yếu as a clerk writes it: "Chỉ thị về tăng cường …"."""
    if not type_name:
        return subject
    if not subject:
        return type_name
    first = subject.split(" ", 1)[0]
    if first in ("Về", "V/v"):
        subject = first.lower() + subject[len(first) :]
    return f"{type_name} {subject}"


# --- who may print, and what they asked for -----------------------------------------------


def check_may_print(acting: Acting | None) -> Unit:
    """The unit whose books the person may print in their current role; Forbidden otherwise.

    Clerks (văn thư), office leaders (lãnh đạo văn phòng) and leaders (lãnh đạo) print their
    unit's registers; a delegated role counts like one's own while it lasts.
    """
    if acting is None or acting.role not in BOOK_ROLES:
        raise Forbidden(
            _("Only the clerks, the office leaders and the leaders of a unit print its registers."),
            code="books_forbidden",
        )
    return acting.unit


def check_book_range(start: dt.date, end: dt.date) -> None:
    """A book covers whole days from ``start`` to ``end`` inclusive, at most a year."""
    for day in (start, end):
        if not MIN_YEAR <= day.year <= MAX_YEAR:
            raise InvalidInput(
                _("Dates must be between %(min)s and %(max)s.")
                % {"min": f"01/01/{MIN_YEAR}", "max": f"31/12/{MAX_YEAR}"},
                code="date_out_of_range",
            )
    if start > end:
        raise InvalidInput(
            _("The start date %(start)s is after the end date %(end)s.")
            % {"start": f"{start:%d/%m/%Y}", "end": f"{end:%d/%m/%Y}"},
            code="range_reversed",
        )
    if (end - start).days + 1 > MAX_DAYS:
        raise InvalidInput(
            _("A register can be printed for at most %(days)s days at a time.")
            % {"days": MAX_DAYS},
            code="range_too_long",
        )


def parse_day(value: str, *, name: str) -> dt.date:
    """A date given as YYYY-MM-DD (the API) or dd/mm/yyyy; InvalidInput otherwise."""
    text = value.strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()  # noqa: DTZ007 (a date, no time)
        except ValueError:
            continue
    raise InvalidInput(
        _("%(name)s is not a date; write it as YYYY-MM-DD or dd/mm/yyyy.") % {"name": name},
        code="invalid_date",
    )


def book_period(
    first: str | None, last: str | None, *, names: tuple[str, str]
) -> tuple[dt.date, dt.date]:
    """The days an API call asks a book for, its parameters ``names`` holding ``first`` and
    ``last`` (``parse_day``); the current month's first and last by default."""
    default_start, default_end = this_month()
    start = parse_day(first, name=names[0]) if first else default_start
    end = parse_day(last, name=names[1]) if last else default_end
    return start, end


def this_month(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The first and the last day of the current month (the books' default period)."""
    today = today or timezone.localdate()
    first = today.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return first, following - dt.timedelta(days=1)


def book_registers(
    user: User, unit: Unit, kind: RegisterKind | str = RegisterKind.INCOMING
) -> QuerySet[Register]:
    """The registers of ``unit`` of ``kind`` (incoming by default) whose books ``user`` may
    print: a register kept for secret documents only is offered to people cleared for its
    level."""
    return Register.objects.filter(
        unit=unit, kind=RegisterKind(kind), min_secrecy__lte=user.clearance
    ).order_by("-is_default", "min_secrecy", "name")


def book_register(
    user: User, unit: Unit, register_id: object, kind: RegisterKind | str = RegisterKind.INCOMING
) -> Register | None:
    """The register named by ``register_id`` (None or "" for every register of the unit);
    InvalidInput when it is not one of ``book_registers``."""
    if register_id is None or register_id == "":
        return None
    try:
        pk = int(str(register_id))
    except ValueError:
        pk = 0
    register = book_registers(user, unit, kind).filter(pk=pk).first() if pk > 0 else None
    if register is None:
        if RegisterKind(kind) is RegisterKind.OUTGOING:
            message = _("There is no such outgoing register in %(unit)s.")
        else:
            message = _("There is no such incoming register in %(unit)s.")
        raise InvalidInput(message % {"unit": unit.short_name}, code="unknown_register")
    return register


# --- the lines ----------------------------------------------------------------------------


def book_meta(
    *,
    kind: BookKind | str,
    user: User,
    unit: Unit,
    start: dt.date,
    end: dt.date,
    register: Register | None,
    rows: Sequence[BookRow],
) -> BookMeta:
    """The cover of a book: the unit's name and the body above it as they were on the last day
    of the period (a district's 2024 register still says Quận ủy after the 2025 reform)."""
    kind = BookKind(kind)
    version = unit_version_on(unit, end)
    unit_name = version.full_name if version is not None else unit.full_name
    short_name = version.short_name if version is not None else unit.short_name
    parent = version.parent if version is not None else unit.parent
    parent_name = ""
    if parent is not None:
        parent_version = unit_version_on(parent, end)
        parent_name = parent_version.full_name if parent_version is not None else parent.full_name
    registers = unique_names(r.register for r in rows)
    if kind is BookKind.TRACKING:
        title = str(TRACKING_TITLE)
    elif register is not None:
        title = register.name
    elif len(registers) == 1:
        # The lines are all of one register (most units keep only one): it is that book.
        title = registers[0]
    elif kind is BookKind.OUTGOING:
        title = str(OUTGOING_TITLE)
    else:
        title = str(REGISTER_TITLE)
    # Số đến run in one series per register and year; outgoing numbers run per type of
    # document (01-CT/TU and 01-KH/TU), so the cover names no range for them.
    numbers = [r.arrival_number for r in rows if isinstance(r, RegisterRow | TrackingRow)]
    return BookMeta(
        kind=kind,
        title=title,
        unit_name=unit_name,
        parent_name=parent_name,
        unit_short_name=short_name or unit_name,
        party=is_party(version.kind if version is not None else unit.kind),
        start=start,
        end=end,
        register_name=register.name if register is not None else "",
        registers=registers,
        first_number=min(numbers) if numbers else None,
        last_number=max(numbers) if numbers else None,
        count=len(rows),
        printed_at=timezone.localtime(),
        printed_by=str(user),
        years=tuple(range(start.year, end.year + 1)),
    )


def unique_names(names: Iterable[str]) -> tuple[str, ...]:
    """``names`` without blanks and repeats, in order of first appearance."""
    return tuple(dict.fromkeys(n for n in names if n))
