"""Assignment steps on their own: comments, files, reminders, hand-over, withdrawal, rules."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from tests.work.helpers import (
    calendar,
    docx_file,
    kinds,
    person,
    register,
    reply_document,
    sub_unit,
)
from vanphong.audit.models import AuditEvent
from vanphong.audit.selectors import audit_verify_chain
from vanphong.core.errors import Conflict, Forbidden, InvalidInput
from vanphong.documents.models import DocumentEvent, DocumentFile
from vanphong.incoming.processing import incoming_direct
from vanphong.org.services import user_create
from vanphong.work.models import Assignment, AssignmentStatus, Holiday
from vanphong.work.selectors import calendar_for
from vanphong.work.services import (
    assignment_accept,
    assignment_attach,
    assignment_comment,
    assignment_create,
    assignment_hand_over,
    assignment_remind,
    assignment_withdraw,
    holiday_remove,
    holiday_set,
)


@pytest.fixture
def lead(network):
    person(network, "chuyenvien2.badinh", network.badinh)
    incoming = register(network)
    direction = incoming_direct(
        by=network.user("lanhdaovp.badinh"),
        incoming=incoming,
        text="Giao xử lý",
        lead=network.user("chuyenvien.badinh"),
    )
    return direction.assignments.get()


def test_comments_by_the_assignee_and_whoever_follows_the_work(network, lead):
    assignment_comment(by=network.user("chuyenvien.badinh"), assignment=lead, text=" Đang  làm ")
    assignment_comment(by=network.user("lanhdaovp.badinh"), assignment=lead, text="Khẩn trương")
    with pytest.raises(Forbidden):
        assignment_comment(by=network.user("chuyenvien.hoankiem"), assignment=lead, text="x")
    with pytest.raises(InvalidInput):
        assignment_comment(by=network.user("chuyenvien.badinh"), assignment=lead, text="  ")
    texts = list(
        DocumentEvent.objects.filter(kind="commented").order_by("pk").values_list("data", flat=True)
    )
    assert [t["text"] for t in texts] == ["Đang làm", "Khẩn trương"]
    assert all(t["assignment"] == lead.pk for t in texts)


def test_working_files_are_attachments_with_who_added_them(network, lead):
    specialist = network.user("chuyenvien.badinh")
    with docx_file("bang-so-lieu.docx", "Số liệu") as first, docx_file("ghi-chu.docx") as second:
        files = assignment_attach(by=specialist, assignment=lead, files=[first, second])
    assert [(f.name, f.is_main, f.added_by) for f in files] == [
        ("bang-so-lieu.docx", False, specialist),
        ("ghi-chu.docx", False, specialist),
    ]
    main = DocumentFile.objects.get(document=lead.document, is_main=True)
    assert [f.position for f in files] == [main.position + 1, main.position + 2]
    before = DocumentFile.objects.count()
    with docx_file("lai.docx", "Số liệu") as again, pytest.raises(Conflict):
        assignment_attach(by=specialist, assignment=lead, files=[again])
    with docx_file("x.docx") as other, pytest.raises(Forbidden):
        assignment_attach(by=network.user("chuyenvien2.badinh"), assignment=lead, files=[other])
    assert DocumentFile.objects.count() == before


def test_reminders_and_withdrawal_are_for_whoever_gave_the_work(network, lead):
    leader = network.user("lanhdaovp.badinh")
    assignment_remind(by=leader, assignment=lead, note="Đề nghị hoàn thành đúng hạn")
    assignment_remind(by=network.user("lanhdao.badinh"), assignment=lead)  # a unit leader
    for who in ("chuyenvien.badinh", "lanhdaovp.hoankiem"):
        with pytest.raises(Forbidden):
            assignment_remind(by=network.user(who), assignment=lead)
        with pytest.raises(Forbidden):
            assignment_withdraw(by=network.user(who), assignment=lead)
    withdrawn = assignment_withdraw(by=leader, assignment=lead, reason="Giao nhầm")
    assert (withdrawn.status, withdrawn.reason) == ("withdrawn", "Giao nhầm")
    with pytest.raises(Conflict):
        assignment_withdraw(by=leader, assignment=lead)
    with pytest.raises(Conflict):
        assignment_accept(by=network.user("chuyenvien.badinh"), assignment=lead)
    assert kinds(lead.document)[-3:] == ["reminded", "reminded", "withdrawn"]
    # The lead is free again: a new one can be given.
    again = assignment_create(
        by=leader, document=lead.document, kind="lead", assignee=network.user("chuyenvien2.badinh")
    )
    assert again.status == AssignmentStatus.NEW


def test_hand_over_only_to_a_colleague_of_the_same_unit(network, lead):
    specialist = network.user("chuyenvien.badinh")
    board = sub_unit(network, "badinh-btg", network.badinh, "Ban Tuyên giáo")
    outsider = person(network, "chuyenvien.badinh-btg", board)
    before = (Assignment.objects.count(), AuditEvent.objects.count())
    for to, error in (
        (specialist, InvalidInput),
        (outsider, InvalidInput),
        (network.user("chuyenvien.hoankiem"), InvalidInput),
        # The clerk and the administrator of the unit do not take work over.
        (network.user("vanthu.badinh"), InvalidInput),
        (network.user("quantri.badinh"), InvalidInput),
    ):
        with pytest.raises(error):
            assignment_hand_over(by=specialist, assignment=lead, to=to)
    assert (Assignment.objects.count(), AuditEvent.objects.count()) == before
    successor = assignment_hand_over(
        by=specialist, assignment=lead, to=network.user("chuyenvien2.badinh")
    )
    with pytest.raises(Conflict):
        assignment_hand_over(by=specialist, assignment=lead, to=network.user("chuyenvien2.badinh"))
    assert successor.created_by == specialist
    assert Assignment.objects.filter(document=lead.document, status__in=["new"]).count() == 1
    assert audit_verify_chain().ok


def test_work_keeps_its_documents_unit_wherever_it_is_done(network, lead):
    # Work given in a board under Ba Đình is done there (``unit``), on a document of Ba Đình
    # (``document_unit``, what the lists of work read from the indexes), also once handed over.
    board = sub_unit(network, "badinh-btg", network.badinh, "Ban Tuyên giáo")
    specialist = person(network, "chuyenvien.badinh-btg", board)
    colleague = person(network, "chuyenvien2.badinh-btg", board)
    assert (lead.unit, lead.document_unit) == (network.badinh, network.badinh)
    direction = incoming_direct(
        by=network.user("lanhdaovp.badinh"), incoming=register(network), text="x", lead=specialist
    )
    given = direction.assignments.get()
    successor = assignment_hand_over(by=specialist, assignment=given, to=colleague)
    for work in (given, successor):
        work.refresh_from_db()
        assert (work.unit, work.document_unit) == (board, network.badinh)
        assert work.document_unit == work.document.unit


def test_generic_assignments_need_a_director_and_a_valid_deadline(network, lead):
    leader = network.user("lanhdaovp.badinh")
    with pytest.raises(Forbidden):
        assignment_create(
            by=network.user("chuyenvien.badinh"),
            document=lead.document,
            kind="inform",
            assignee=network.user("chuyenvien2.badinh"),
        )
    registered_on = timezone.localdate()
    with pytest.raises(InvalidInput):
        assignment_create(
            by=leader,
            document=lead.document,
            kind="cooperate",
            assignee=network.user("chuyenvien2.badinh"),
            deadline=registered_on - dt.timedelta(days=1),
            earliest=registered_on,
        )
    created = assignment_create(
        by=leader,
        document=lead.document,
        kind="cooperate",
        assignee=network.user("chuyenvien2.badinh"),
        deadline=registered_on,
        earliest=registered_on,
    )
    assert created.deadline == registered_on
    audit = AuditEvent.objects.filter(action="assignment.create").get()
    assert audit.object_id == str(created.pk)


def test_holidays_are_reference_data_that_moves_deadlines(network):
    today = timezone.localdate()
    day = calendar().add_working_days(today + dt.timedelta(days=200), 0)
    assert calendar_for(day, day).is_working_day(day)
    holiday_set(by=None, day=day, name="Ngày nghỉ theo quyết định")
    assert not calendar_for(day, day).is_working_day(day)
    with pytest.raises(Forbidden):
        holiday_set(by=network.user("quantri.badinh"), day=day, name="x")
    holiday_remove(by=None, holiday=Holiday.objects.get(date=day))
    assert calendar_for(day, day).is_working_day(day)
    assert [e.action for e in AuditEvent.objects.filter(action__startswith="holiday.")] == [
        "holiday.set",
        "holiday.remove",
    ]


def test_the_seeded_calendar_knows_tet_and_the_make_up_saturdays(db):
    cal = calendar_for(dt.date(2025, 1, 1), dt.date(2027, 12, 31))
    assert not cal.is_working_day(dt.date(2026, 2, 17))  # mùng 1 Tết Bính Ngọ
    assert not cal.is_working_day(dt.date(2026, 4, 27))  # Giỗ Tổ on Sunday, Monday off
    assert cal.is_working_day(dt.date(2025, 4, 26))  # Saturday worked for 02/05/2025
    assert not cal.is_working_day(dt.date(2025, 9, 1))
    assert cal.add_working_days(dt.date(2026, 2, 13), 1) == dt.date(2026, 2, 23)


def test_an_instance_administrator_edits_holidays_in_the_admin_through_the_services(db):
    admin = user_create(by=None, username="admin", full_name="Quản trị", is_superuser=True)
    client = Client()
    client.force_login(admin)
    response = client.post(
        "/admin/work/holiday/add/",
        {"date": "2027-12-31", "name": "Nghỉ bù (thử)", "working": ""},
    )
    assert response.status_code == 302, response.content[:2000]
    assert Holiday.objects.get(date=dt.date(2027, 12, 31)).name == "Nghỉ bù (thử)"
    assert AuditEvent.objects.filter(action="holiday.set", actor=admin).exists()


def test_a_reply_must_be_a_document_of_ones_own_unit(network, lead):
    from vanphong.core.errors import Forbidden
    from vanphong.work.services import assignment_complete

    elsewhere = reply_document(network, user="chuyenvien.hoankiem", unit=network.hoankiem)
    with pytest.raises(Forbidden) as error:
        assignment_complete(by=network.user("chuyenvien.badinh"), assignment=lead, reply=elsewhere)
    assert error.value.code == "reply_not_yours"
    done = assignment_complete(
        by=network.user("chuyenvien.badinh"), assignment=lead, reply=reply_document(network)
    )
    assert done.status == AssignmentStatus.DONE
