"""Directing incoming documents and working on them, end to end, and every refusal."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tests.work.helpers import (
    calendar,
    docx_file,
    kinds,
    person,
    receive,
    register,
    reply_document,
    sub_unit,
)
from vanphong.audit.models import AuditEvent
from vanphong.audit.selectors import audit_verify_chain
from vanphong.core.errors import Conflict, Forbidden, InvalidInput
from vanphong.documents.models import DocumentEvent, DocumentFile
from vanphong.incoming.models import IncomingStatus
from vanphong.incoming.processing import (
    incoming_complete,
    incoming_default_deadline,
    incoming_direct,
    incoming_give_back,
    incoming_progress,
    incoming_reassign,
)
from vanphong.incoming.services import incoming_cancel
from vanphong.work.history import EVENT_LABELS, event_label
from vanphong.work.models import Assignment, AssignmentKind, AssignmentStatus, Direction
from vanphong.work.services import (
    Target,
    assignment_accept,
    assignment_attach,
    assignment_complete,
    assignment_create,
    assignment_hand_over,
    assignment_mark_read,
    assignment_report_progress,
)


@pytest.fixture
def office(network):
    """Ba Đình with a second specialist and a board (ban) that has one specialist."""
    person(network, "chuyenvien2.badinh", network.badinh)
    board = sub_unit(network, "badinh-btg", network.badinh, "Ban Tuyên giáo Quận ủy")
    person(network, "chuyenvien.badinh-btg", board)
    network.board_badinh = board
    return network


def snapshot():
    return (
        Direction.objects.count(),
        Assignment.objects.count(),
        DocumentEvent.objects.count(),
        AuditEvent.objects.count(),
        DocumentFile.objects.count(),
    )


def test_the_whole_flow_from_registration_to_done(office, run_jobs):
    net = office
    leader = net.user("lanhdaovp.badinh")
    incoming = register(net, urgency="khan")
    direction = incoming_direct(
        by=leader,
        incoming=incoming,
        text="Giao chuyên viên chủ trì tham mưu, Ban Tuyên giáo phối hợp.",
        lead=net.user("chuyenvien.badinh"),
        cooperate=[net.board_badinh],
        inform=[net.user("lanhdao.badinh")],
    )
    incoming.refresh_from_db()
    expected = incoming_default_deadline(incoming)
    assert incoming.status == IncomingStatus.IN_PROGRESS
    assert incoming.deadline == expected
    assert expected >= timezone.localdate()
    assert calendar().is_working_day(expected)
    lead, coop, info = direction.assignments.order_by("pk")
    assert (lead.kind, coop.kind, info.kind) == ("lead", "cooperate", "inform")
    assert lead.deadline == coop.deadline == expected
    assert info.deadline is None
    assert coop.assignee_unit == net.board_badinh
    assert coop.unit == net.board_badinh
    assert lead.unit == net.badinh

    specialist = net.user("chuyenvien.badinh")
    assignment_accept(by=specialist, assignment=lead)
    incoming_progress(by=specialist, assignment=lead, percent=40, note="Đã dự thảo")
    with docx_file("du-thao.docx") as draft:
        (attached,) = assignment_attach(by=specialist, assignment=lead, files=[draft])
    assert (attached.is_main, attached.added_by) == (False, specialist)
    successor = assignment_hand_over(
        by=specialist, assignment=lead, to=net.user("chuyenvien2.badinh"), note="Đi công tác"
    )
    lead.refresh_from_db()
    assert lead.status == AssignmentStatus.HANDED_OVER
    assert lead.handed_over_to == successor
    assert (successor.kind, successor.deadline, successor.progress) == ("lead", expected, 40)

    board_member = net.user("chuyenvien.badinh-btg")
    assignment_accept(by=board_member, assignment=coop)
    incoming_complete(by=board_member, assignment=coop, result="Đã góp ý dự thảo")
    incoming.refresh_from_db()
    assert incoming.status == IncomingStatus.IN_PROGRESS  # co-operators do not close it

    assignment_mark_read(by=net.user("lanhdao.badinh"), assignment=info)
    second = net.user("chuyenvien2.badinh")
    incoming_progress(by=second, assignment=successor, percent=80)
    reply = reply_document(net, user="chuyenvien2.badinh")
    done = incoming_complete(by=second, assignment=successor, result="Đã trả lời", reply=reply)
    assert (done.status, done.progress, done.reply_document) == ("done", 100, reply)
    incoming.refresh_from_db()
    assert incoming.status == IncomingStatus.DONE
    assert incoming.done_at is not None

    assert kinds(incoming.document) == [
        "created",
        "received",
        "registered",
        "directed",
        "assigned",
        "assigned",
        "assigned",
        "accepted",
        "progress_reported",
        "file_attached",
        "handed_over",
        "accepted",
        "completed",
        "read",
        "progress_reported",
        "completed",
        "done",
    ]
    assert all(kind in EVENT_LABELS for kind in kinds(incoming.document))
    directed = DocumentEvent.objects.get(document=incoming.document, kind="directed")
    assert directed.actor == leader
    assert directed.data["role"] == "lanhdaovp"
    assert directed.data["text"].startswith("Giao chuyên viên")
    actions = list(
        AuditEvent.objects.filter(action__startswith=("incoming.d")).values_list(
            "action", flat=True
        )
    )
    assert actions == ["incoming.direct", "incoming.done"]
    assert audit_verify_chain().ok
    assert run_jobs() >= 1  # the working file's text extraction runs like any file's


def test_history_labels_are_translated():
    from django.utils import translation

    with translation.override("en"):
        assert event_label("directed") == "Direction written"
        assert event_label("no_such_step") == "no_such_step"


def test_default_deadline_follows_urgency_and_a_stated_deadline(office):
    net = office
    urgent = register(net, urgency="hoa_toc")
    deadline = incoming_default_deadline(urgent)
    assert deadline - timezone.localdate() <= dt.timedelta(days=4)  # same or next working day
    later = timezone.localdate() + dt.timedelta(days=40)
    stated = register(net, due_date=later.isoformat())
    assert incoming_default_deadline(stated) == later


def test_an_explicit_deadline_and_per_person_deadlines(office):
    net = office
    incoming = register(net)
    day = timezone.localdate() + dt.timedelta(days=10)
    own = timezone.localdate() + dt.timedelta(days=5)
    direction = incoming_direct(
        by=net.user("lanhdao.badinh"),
        incoming=incoming,
        text="",
        lead=net.user("chuyenvien.badinh"),
        cooperate=[Target(net.user("chuyenvien2.badinh"), own)],
        deadline=day,
    )
    lead, coop = direction.assignments.order_by("pk")
    assert (lead.deadline, coop.deadline) == (day, own)
    incoming.refresh_from_db()
    assert incoming.deadline == day


@pytest.mark.parametrize(
    ("who", "code"),
    [
        ("chuyenvien.badinh", "not_director"),  # wrong role
        ("vanthu.badinh", "not_director"),
        ("lanhdaovp.hoankiem", "not_director"),  # a leader of another unit
        ("lanhdao.thanhuy", "not_director"),  # the unit above does not direct Ba Đình's work
    ],
)
def test_only_the_receiving_units_leaders_direct(office, who, code):
    incoming = register(office)
    before = snapshot()
    with pytest.raises(Forbidden) as error:
        incoming_direct(
            by=office.user(who), incoming=incoming, text="x", lead=office.user("chuyenvien.badinh")
        )
    assert error.value.code == code
    assert snapshot() == before
    incoming.refresh_from_db()
    assert incoming.status == IncomingStatus.REGISTERED


def test_an_unregistered_document_cannot_be_directed(office):
    received = receive(office)
    before = snapshot()
    with pytest.raises(Conflict) as error:
        incoming_direct(
            by=office.user("lanhdaovp.badinh"),
            incoming=received,
            text="x",
            lead=office.user("chuyenvien.badinh"),
        )
    assert error.value.code == "not_registered"
    assert snapshot() == before


def test_one_lead_only(office):
    net = office
    incoming = register(net)
    leader = net.user("lanhdaovp.badinh")
    incoming_direct(by=leader, incoming=incoming, text="x", lead=net.user("chuyenvien.badinh"))
    before = snapshot()
    with pytest.raises(Conflict) as error:
        incoming_direct(by=leader, incoming=incoming, text="y", lead=net.user("chuyenvien2.badinh"))
    assert error.value.code == "already_directed"
    with pytest.raises(Conflict) as error:
        assignment_create(
            by=leader,
            document=incoming.document,
            kind=AssignmentKind.LEAD,
            assignee=net.user("chuyenvien2.badinh"),
        )
    assert error.value.code == "lead_exists"
    assert snapshot() == before


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"deadline": -1}, "deadline_too_early"),
        ({"cooperate": "chuyenvien.hoankiem"}, "assignee_outside_unit"),  # another unit
        ({"cooperate": "chuyenvien.badinh"}, "duplicate_assignee"),  # lead and co-op at once
        ({"cooperate": "hoankiem"}, "assignee_outside_unit"),  # a unit not under Ba Đình
        ({"lead": None}, "lead_required"),
    ],
)
def test_bad_directions_are_refused_and_leave_nothing(office, change, code):
    net = office
    incoming = register(net)
    kwargs = {"lead": net.user("chuyenvien.badinh"), "cooperate": [], "deadline": None}
    if "deadline" in change:
        kwargs["deadline"] = timezone.localdate() + dt.timedelta(days=change["deadline"])
    if "cooperate" in change:
        name = change["cooperate"]
        kwargs["cooperate"] = [net.hoankiem if name == "hoankiem" else net.user(name)]
    if "lead" in change:
        kwargs["lead"] = None
    before = snapshot()
    with pytest.raises(InvalidInput) as error:
        incoming_direct(by=net.user("lanhdaovp.badinh"), incoming=incoming, text="x", **kwargs)
    assert error.value.code == code
    assert snapshot() == before
    incoming.refresh_from_db()
    assert (incoming.status, incoming.deadline) == (IncomingStatus.REGISTERED, None)


def test_secret_documents_go_only_to_cleared_people(office):
    net = office
    cleared = person(net, "chuyenvienmat.badinh", net.badinh, clearance=1)
    leader = person(net, "lanhdaomat.badinh", net.badinh, role="lanhdao", clearance=2)
    incoming = register(net, clerk="vanthu.badinh", secrecy="mat")
    before = snapshot()
    with pytest.raises(Forbidden):  # the office leader is not cleared
        incoming_direct(by=net.user("lanhdaovp.badinh"), incoming=incoming, text="x", lead=cleared)
    with pytest.raises(InvalidInput) as error:
        incoming_direct(by=leader, incoming=incoming, text="x", lead=net.user("chuyenvien.badinh"))
    assert error.value.code == "assignee_not_cleared"
    assert snapshot() == before
    direction = incoming_direct(by=leader, incoming=incoming, text="x", lead=cleared)
    lead = direction.assignments.get()
    with pytest.raises(InvalidInput):
        assignment_hand_over(by=cleared, assignment=lead, to=net.user("chuyenvien.badinh"))


def test_wrong_people_cannot_act_on_an_assignment(office):
    net = office
    incoming = register(net)
    direction = incoming_direct(
        by=net.user("lanhdaovp.badinh"),
        incoming=incoming,
        text="x",
        lead=net.user("chuyenvien.badinh"),
        cooperate=[net.board_badinh],
    )
    lead, coop = direction.assignments.order_by("pk")
    before = snapshot()
    for who in ("chuyenvien2.badinh", "chuyenvien.hoankiem", "lanhdaovp.badinh"):
        with pytest.raises(Forbidden):
            assignment_accept(by=net.user(who), assignment=lead)
    # A member of another unit, or of the parent unit, does not act for the board.
    for who in ("chuyenvien.badinh", "vanthu.badinh"):
        with pytest.raises(Forbidden):
            incoming_complete(by=net.user(who), assignment=coop, result="x")
    assert snapshot() == before


def test_illegal_steps_are_conflicts(office):
    net = office
    incoming = register(net)
    direction = incoming_direct(
        by=net.user("lanhdaovp.badinh"),
        incoming=incoming,
        text="x",
        lead=net.user("chuyenvien.badinh"),
        inform=[net.user("chuyenvien2.badinh")],
    )
    lead, info = direction.assignments.order_by("pk")
    specialist = net.user("chuyenvien.badinh")
    reader = net.user("chuyenvien2.badinh")
    assignment_accept(by=specialist, assignment=lead)
    with pytest.raises(Conflict):
        assignment_accept(by=specialist, assignment=lead)  # twice
    with pytest.raises(Conflict):
        assignment_accept(by=reader, assignment=info)  # information is only read
    with pytest.raises(Conflict):
        assignment_mark_read(by=specialist, assignment=lead)
    with pytest.raises(InvalidInput):
        incoming_progress(by=specialist, assignment=lead, percent=101)
    with pytest.raises(InvalidInput):
        incoming_complete(by=specialist, assignment=lead)  # neither result nor reply
    with pytest.raises(InvalidInput):
        incoming_give_back(by=specialist, assignment=lead, reason="  ")
    incoming_give_back(by=specialist, assignment=lead, reason="Không thuộc lĩnh vực")
    before = snapshot()
    with pytest.raises(Conflict):
        assignment_complete(by=specialist, assignment=lead, result="x")  # returned: closed
    with pytest.raises(Conflict):
        assignment_report_progress(by=specialist, assignment=lead, percent=10)
    assert snapshot() == before


def test_the_lead_gives_back_and_the_leader_directs_again(office):
    net = office
    leader = net.user("lanhdaovp.badinh")
    incoming = register(net)
    direction = incoming_direct(
        by=leader,
        incoming=incoming,
        text="x",
        lead=net.user("chuyenvien.badinh"),
        cooperate=[net.user("chuyenvien2.badinh")],
        inform=[net.user("lanhdao.badinh")],
    )
    lead, coop, info = direction.assignments.order_by("pk")
    incoming_give_back(by=net.user("chuyenvien.badinh"), assignment=lead, reason="Sai lĩnh vực")
    incoming.refresh_from_db()
    lead.refresh_from_db()
    assert incoming.status == IncomingStatus.REGISTERED
    assert (lead.status, lead.reason) == ("returned", "Sai lĩnh vực")
    returned = DocumentEvent.objects.get(document=incoming.document, kind="assignment_returned")
    assert returned.data["to"] == leader.get_full_name()

    new = incoming_reassign(
        by=leader,
        incoming=incoming,
        text="Giao lại",
        lead=net.user("chuyenvien2.badinh"),
        reason="Đổi người chủ trì",
    )
    coop.refresh_from_db()
    info.refresh_from_db()
    assert coop.status == AssignmentStatus.WITHDRAWN  # replaced by the new direction
    assert info.status == AssignmentStatus.NEW  # information given stays
    assert new.assignments.get().kind == "lead"
    incoming.refresh_from_db()
    assert incoming.status == IncomingStatus.IN_PROGRESS
    assert kinds(incoming.document)[-4:] == [
        "assignment_returned",
        "withdrawn",
        "redirected",
        "assigned",
    ]


def test_work_handed_over_comes_back_to_whoever_handed_it_over(office):
    net = office
    incoming = register(net)
    direction = incoming_direct(
        by=net.user("lanhdaovp.badinh"),
        incoming=incoming,
        text="x",
        lead=net.board_badinh,
    )
    unit_lead = direction.assignments.get()
    member = net.user("chuyenvien.badinh-btg")
    personal = assignment_hand_over(by=member, assignment=unit_lead, to=member)
    assert personal.assignee_user == member
    assert personal.unit == net.board_badinh
    incoming_give_back(by=member, assignment=personal, reason="Cần ý kiến trưởng ban")
    unit_lead.refresh_from_db()
    incoming.refresh_from_db()
    assert unit_lead.status == AssignmentStatus.NEW  # back with the board
    assert incoming.status == IncomingStatus.IN_PROGRESS  # the leader need not act


def test_a_cancelled_documents_work_cannot_go_on(office):
    net = office
    incoming = register(net)
    direction = incoming_direct(
        by=net.user("lanhdaovp.badinh"),
        incoming=incoming,
        text="x",
        lead=net.user("chuyenvien.badinh"),
    )
    incoming_cancel(by=net.user("vanthu.badinh"), incoming=incoming, reason="Đăng ký nhầm")
    lead = direction.assignments.get()
    before = snapshot()
    with pytest.raises(Conflict) as error:
        incoming_complete(by=net.user("chuyenvien.badinh"), assignment=lead, result="x")
    assert error.value.code == "document_closed"
    assert snapshot() == before


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_leaders_directing_at_once_give_one_lead(office, on_postgres):
    if not on_postgres:
        pytest.skip("thread concurrency is meaningful on PostgreSQL (SQLite serialises writers)")
    import threading

    from django.db import connection

    net = office
    incoming = register(net)
    barrier = threading.Barrier(2)
    results, errors = [], []

    def work(leader, lead):
        try:
            barrier.wait()
            results.append(
                incoming_direct(by=net.user(leader), incoming=incoming, text="x", lead=lead)
            )
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=work, args=("lanhdaovp.badinh", net.user("chuyenvien.badinh"))),
        threading.Thread(target=work, args=("lanhdao.badinh", net.user("chuyenvien2.badinh"))),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 1
    assert [type(e) for e in errors] == [Conflict]
    assert Assignment.objects.filter(document=incoming.document, kind="lead").count() == 1
    assert audit_verify_chain().ok


def test_cancelling_a_registration_takes_its_open_work_out_of_the_inboxes(office):
    incoming = register(office)
    incoming_direct(
        by=office.user("lanhdaovp.badinh"),
        incoming=incoming,
        text="Giao xử lý",
        lead=office.user("chuyenvien.badinh"),
        inform=[office.user("lanhdao.badinh")],
    )
    incoming_cancel(by=office.user("vanthu.badinh"), incoming=incoming, reason="Vào sổ nhầm")
    statuses = set(
        Assignment.objects.filter(document=incoming.document).values_list("status", flat=True)
    )
    assert statuses == {AssignmentStatus.WITHDRAWN}


def test_directing_a_document_given_back_means_changing_the_direction(office):
    net = office
    leader = net.user("lanhdaovp.badinh")
    incoming = register(net)
    direction = incoming_direct(
        by=leader,
        incoming=incoming,
        text="x",
        lead=net.user("chuyenvien.badinh"),
        cooperate=[net.user("chuyenvien2.badinh")],
    )
    lead = direction.assignments.get(kind="lead")
    incoming_give_back(by=net.user("chuyenvien.badinh"), assignment=lead, reason="Sai lĩnh vực")
    before = snapshot()
    # Directing it as new would leave the co-operator's work standing beside the new work.
    with pytest.raises(Conflict) as error:
        incoming_direct(by=leader, incoming=incoming, text="y", lead=net.user("chuyenvien2.badinh"))
    assert error.value.code == "already_directed"
    assert snapshot() == before


def test_completing_with_a_reply_written_for_it(office):
    from vanphong.documents.models import Document, StoredFile
    from vanphong.incoming.processing import incoming_complete_with_reply

    net = office
    incoming = register(net)
    direction = incoming_direct(
        by=net.user("lanhdaovp.badinh"),
        incoming=incoming,
        text="x",
        lead=net.user("chuyenvien.badinh"),
    )
    lead = direction.assignments.get()
    before = (snapshot(), Document.objects.count(), StoredFile.objects.count())
    with docx_file("tra-loi.docx", "Trả lời") as spooled, pytest.raises(Forbidden):
        incoming_complete_with_reply(
            by=net.user("chuyenvien2.badinh"), assignment=lead, files=[spooled]
        )
    # Refused before anything, the reply's file included, was stored.
    assert (snapshot(), Document.objects.count(), StoredFile.objects.count()) == before
    with docx_file("tra-loi.docx", "Trả lời") as spooled:
        done = incoming_complete_with_reply(
            by=net.user("chuyenvien.badinh"),
            assignment=lead,
            files=[spooled],
            result="Đã trả lời",
            subject="  Về việc trả lời  ",
        )
    reply = done.reply_document
    assert (reply.direction, reply.subject, reply.unit) == ("out", "Về việc trả lời", net.badinh)
    assert reply.files.get().name == "tra-loi.docx"
    incoming.refresh_from_db()
    assert incoming.status == IncomingStatus.DONE
    completed = DocumentEvent.objects.get(document=incoming.document, kind="completed")
    assert completed.data["reply_document"] == reply.pk
