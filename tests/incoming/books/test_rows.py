"""The lines of the register book and the tracking sheet: which documents, in which order, with
what the clerk and the leaders did to them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from vanphong.core.errors import Forbidden, InvalidInput
from vanphong.incoming.books import (
    incoming_book,
    incoming_register_rows,
    incoming_tracking_rows,
)
from vanphong.incoming.services import incoming_cancel, incoming_return
from vanphong.org.models import SecrecyChoices
from vanphong.org.selectors import acting_by_key
from vanphong.registers.books import (
    BookKind,
    Progress,
    book_meta,
    book_register,
    book_registers,
    check_book_range,
    check_may_print,
    this_month,
)
from vanphong.registers.render import notes_text, progress_text, receivers_text
from vanphong.registers.services import register_create

MARCH = [dt.date(2026, 3, d) for d in range(1, 32)]


def rows_for(network, user="vanthu.badinh", unit=None, start=MARCH[0], end=MARCH[-1], **kw):
    return incoming_register_rows(
        user=network.user(user), unit=unit or network.badinh, start=start, end=end, **kw
    )


def test_lines_in_number_order_with_cancelled_ones_kept(network, arrive):
    docs = [arrive(MARCH[i], subject=f"Về việc số {i}") for i in range(4)]
    incoming_cancel(by=network.user("vanthu.badinh"), incoming=docs[1], reason="Đăng ký nhầm")
    rows = rows_for(network)
    assert [r.arrival_number for r in rows] == [1, 2, 3, 4]
    assert [r.arrival_date for r in rows] == MARCH[:4]
    cancelled = rows[1]
    assert cancelled.cancelled
    assert cancelled.symbol == docs[1].document.symbol  # the line keeps what was registered
    assert notes_text(cancelled).endswith(": Đăng ký nhầm")
    assert not any(r.cancelled for r in (rows[0], rows[2], rows[3]))
    first = rows[0]
    assert (first.issuer, first.issued_date) == ("Thành ủy Hà Nội", dt.date(2026, 2, 20))
    assert first.type_and_subject == "Chỉ thị về việc số 0"
    assert first.register == "Sổ đăng ký văn bản đến"


def test_only_registered_documents_make_lines(network, arrive):
    arrive(MARCH[0])
    arrive(MARCH[0], register=False)  # received, waiting for the clerk
    returned = arrive(MARCH[0], register=False)
    incoming_return(by=network.user("vanthu.badinh"), incoming=returned, reason="Gửi nhầm")
    assert [r.arrival_number for r in rows_for(network)] == [1]


def test_the_range_is_of_arrival_days_inclusive_in_vietnam_time(network, arrive):
    arrive(MARCH[0], hour=23, minute=59)
    arrive(MARCH[1], hour=0, minute=0)
    arrive(MARCH[2], hour=23, minute=59)
    arrive(MARCH[3], hour=0, minute=1)
    rows = rows_for(network, start=MARCH[1], end=MARCH[2])
    assert [(r.arrival_number, r.arrival_date) for r in rows] == [(2, MARCH[1]), (3, MARCH[2])]
    one_day = rows_for(network, start=MARCH[0], end=MARCH[0])
    assert [r.arrival_number for r in one_day] == [1]


def test_a_book_across_new_year_follows_the_years_numbering(network, arrive):
    arrive(dt.date(2025, 12, 31), issued_date="2025-12-01")
    arrive(dt.date(2025, 12, 31), issued_date="2025-12-01")
    arrive(dt.date(2026, 1, 2), issued_date="2025-12-01")
    rows = rows_for(network, start=dt.date(2025, 12, 1), end=dt.date(2026, 1, 31))
    assert [(r.arrival_year, r.arrival_number) for r in rows] == [(2025, 1), (2025, 2), (2026, 1)]


def test_secret_documents_only_for_people_cleared_for_them(network, arrive):
    clerk = network.user("vanthu.badinh")
    clerk.clearance = 1
    clerk.save()
    arrive(MARCH[0])
    arrive(MARCH[1], secrecy="mat", subject="Về công tác bảo vệ bí mật")
    arrive(MARCH[2])
    cleared = rows_for(network)
    assert [r.arrival_number for r in cleared] == [1, 2, 3]
    assert str(SecrecyChoices.MAT.label) in cleared[1].notes
    leader = rows_for(network, user="lanhdao.badinh")  # clearance 0
    assert [r.arrival_number for r in leader] == [1, 3]
    assert all("bí mật" not in r.subject for r in leader)


def test_other_units_documents_are_never_in_the_book(network, arrive):
    arrive(MARCH[0])
    arrive(MARCH[0], clerk="vanthu.hoankiem", unit=network.hoankiem, subject="Về việc Hoàn Kiếm")
    assert [r.subject for r in rows_for(network)] == [
        "Về tăng cường công tác tham mưu của Văn phòng cấp ủy"
    ]
    # Asking for another unit's book gives nothing that one may not see.
    assert rows_for(network, user="vanthu.hoankiem", unit=network.badinh) == []
    hoankiem = rows_for(network, user="vanthu.hoankiem", unit=network.hoankiem)
    assert [(r.arrival_number, r.subject) for r in hoankiem] == [(1, "Về việc Hoàn Kiếm")]


def test_a_book_of_one_register_or_of_all_of_them(network, arrive):
    clerk = network.user("vanthu.badinh")
    clerk.clearance = 2
    clerk.save()
    secret_book = register_create(
        by=None, unit=network.badinh, kind="incoming", name="Sổ văn bản mật đến", min_secrecy=1
    )
    arrive(MARCH[0], secrecy="mat")
    arrive(MARCH[1])
    arrive(MARCH[2])
    everything = rows_for(network)
    assert [(r.register, r.arrival_number) for r in everything] == [
        ("Sổ đăng ký văn bản đến", 1),
        ("Sổ đăng ký văn bản đến", 2),
        ("Sổ văn bản mật đến", 1),
    ]
    only_secret = rows_for(network, register=secret_book)
    assert [(r.register, r.arrival_number) for r in only_secret] == [("Sổ văn bản mật đến", 1)]
    # The secret register is offered only to people cleared for it.
    assert secret_book in book_registers(clerk, network.badinh)
    assert secret_book not in book_registers(network.user("lanhdao.badinh"), network.badinh)
    with pytest.raises(InvalidInput) as error:
        book_register(network.user("lanhdao.badinh"), network.badinh, secret_book.pk)
    assert error.value.code == "unknown_register"
    other = register_create(by=None, unit=network.hoankiem, kind="incoming", name="Sổ khác")
    for bad in (other.pk, "abc", -1, 10**12):
        with pytest.raises(InvalidInput):
            book_register(clerk, network.badinh, bad)
    assert book_register(clerk, network.badinh, "") is None


def test_receivers_dates_and_progress_come_from_the_direction_and_assignments(
    network, arrive, moment
):
    from vanphong.work.services import (
        assignment_complete,
        assignment_report_progress,
        direction_give,
    )

    leader = network.user("lanhdaovp.badinh")
    specialist = network.user("chuyenvien.badinh")
    first = arrive(MARCH[1])
    second = arrive(MARCH[1])
    untouched = arrive(MARCH[1])
    reply = arrive(MARCH[1], symbol="20/BC-QU", issued_date="2026-03-01", subject="Báo cáo")
    moment.set(MARCH[2], 10)
    direction_give(
        by=leader,
        document=first.document,
        text="Đề nghị đồng chí chủ trì, báo cáo trước ngày 10/3.",
        lead=specialist,
        cooperate=[network.user("lanhdao.badinh")],
        inform=[network.user("vanthu.badinh")],
        deadline=MARCH[9],
    )
    direction_give(
        by=leader, document=second.document, text="Giao xử lý.", lead=specialist, deadline=MARCH[4]
    )
    moment.set(MARCH[3], 15)
    lead_work = first.document.assignments.get(kind="lead")
    assignment_report_progress(by=specialist, assignment=lead_work, percent=40, note="Đang làm")
    second_work = second.document.assignments.get(kind="lead")
    moment.set(MARCH[6], 11)  # two days after the second document's deadline
    assignment_complete(by=specialist, assignment=second_work, result="Xong", reply=reply.document)

    register_rows = {r.arrival_number: r for r in rows_for(network)}
    line = register_rows[first.arrival_number]
    assert line.lead == ("Người chuyenvien.badinh",)
    assert line.cooperating == ("Người lanhdao.badinh",)  # not the one informed
    assert line.transferred_on == MARCH[2]
    receivers = receivers_text(line)
    assert "Người chuyenvien.badinh" in receivers
    assert "Người lanhdao.badinh" in receivers
    assert "vanthu" not in receivers
    assert register_rows[untouched.arrival_number].transferred_on is None
    assert receivers_text(register_rows[untouched.arrival_number]) == ""

    tracking = {
        r.arrival_number: r
        for r in incoming_tracking_rows(
            user=network.user("vanthu.badinh"),
            unit=network.badinh,
            start=MARCH[0],
            end=MARCH[-1],
            today=MARCH[11],
        )
    }
    working = tracking[first.arrival_number]
    assert (working.deadline, working.progress, working.percent) == (
        MARCH[9],
        Progress.IN_PROGRESS,
        40,
    )
    assert working.days_late == 2  # 12/03 against a deadline of 10/03, still open
    assert "40" in progress_text(working)
    done = tracking[second.arrival_number]
    assert (done.progress, done.done_on, done.days_late) == (Progress.DONE, MARCH[6], 2)
    assert done.replies == ("20/BC-QU (01/03/2026)",)
    assert "07/03/2026" in progress_text(done)
    waiting = tracking[untouched.arrival_number]
    assert (waiting.progress, waiting.lead, waiting.deadline) == (Progress.NOT_ASSIGNED, (), None)


def test_the_cover_names_the_unit_as_it_was_at_the_end_of_the_period(network, arrive, moment):
    from vanphong.org.services import unit_rename

    arrive(MARCH[0])
    arrive(MARCH[1])
    moment.set(dt.date(2026, 7, 1))
    unit_rename(
        by=None,
        unit=network.badinh,
        full_name="Đảng ủy phường Ba Đình",
        effective=dt.date(2026, 7, 1),
    )
    network.badinh.refresh_from_db()
    user = network.user("vanthu.badinh")
    rows = rows_for(network)
    meta = book_meta(
        kind="register",
        user=user,
        unit=network.badinh,
        start=MARCH[0],
        end=MARCH[-1],
        register=None,
        rows=rows,
    )
    assert (meta.unit_name, meta.parent_name) == ("Quận ủy Ba Đình", "Thành ủy Hà Nội")
    assert (meta.first_number, meta.last_number, meta.count) == (1, 2, 2)
    assert meta.registers == ("Sổ đăng ký văn bản đến",)
    later = book_meta(
        kind="tracking",
        user=user,
        unit=network.badinh,
        start=dt.date(2026, 7, 1),
        end=dt.date(2026, 7, 31),
        register=None,
        rows=[],
    )
    assert later.unit_name == "Đảng ủy phường Ba Đình"
    assert later.first_number is None


@pytest.mark.parametrize(
    ("start", "end", "code"),
    [
        (dt.date(2026, 3, 2), dt.date(2026, 3, 1), "range_reversed"),
        (dt.date(2025, 1, 1), dt.date(2026, 1, 2), "range_too_long"),
        (dt.date(1, 1, 1), dt.date(1, 1, 2), "date_out_of_range"),
        (dt.date(9999, 12, 30), dt.date(9999, 12, 31), "date_out_of_range"),
    ],
)
def test_impossible_ranges_are_refused(start, end, code):
    with pytest.raises(InvalidInput) as error:
        check_book_range(start, end)
    assert error.value.code == code


def test_a_whole_leap_year_is_one_book():
    check_book_range(dt.date(2028, 1, 1), dt.date(2028, 12, 31))  # 366 days
    assert this_month(dt.date(2026, 2, 14)) == (dt.date(2026, 2, 1), dt.date(2026, 2, 28))
    assert this_month(dt.date(2026, 12, 31)) == (dt.date(2026, 12, 1), dt.date(2026, 12, 31))


@pytest.mark.parametrize(
    ("username", "allowed"),
    [
        ("vanthu.badinh", True),
        ("lanhdaovp.badinh", True),
        ("lanhdao.badinh", True),
        ("chuyenvien.badinh", False),
        ("quantri.badinh", False),
    ],
)
def test_who_may_print_the_books(network, username, allowed):
    acting = acting_by_key(network.user(username), None)
    if allowed:
        assert check_may_print(acting) == network.badinh
    else:
        with pytest.raises(Forbidden):
            check_may_print(acting)
    with pytest.raises(Forbidden):
        check_may_print(None)


def _queries(network, kind):
    with CaptureQueriesContext(connection) as captured:
        rows, _meta = incoming_book(
            kind=kind,
            user=network.user("vanthu.badinh"),
            unit=network.badinh,
            start=MARCH[0],
            end=MARCH[-1],
        )
    return len(captured), len(rows)


@pytest.mark.parametrize("kind", list(BookKind))
def test_the_number_of_queries_does_not_grow_with_the_lines(network, arrive, moment, kind):
    from vanphong.work.services import assignment_report_progress, direction_give

    leader = network.user("lanhdaovp.badinh")
    specialist = network.user("chuyenvien.badinh")

    def add(count):
        for _ in range(count):
            incoming = arrive(MARCH[3])
            moment.set(MARCH[4])
            direction_give(
                by=leader,
                document=incoming.document,
                text="Giao xử lý.",
                lead=specialist,
                cooperate=[network.user("lanhdao.badinh")],
                deadline=MARCH[20],
            )
            work = incoming.document.assignments.get(kind="lead")
            assignment_report_progress(by=specialist, assignment=work, percent=10)

    add(2)
    few, lines = _queries(network, kind)
    assert lines == 2
    add(10)
    many, lines = _queries(network, kind)
    assert lines == 12
    assert many == few
    assert many <= 10
