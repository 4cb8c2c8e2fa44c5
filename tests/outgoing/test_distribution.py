"""Distribution after issue: every recipient's intake, the statuses that come back, successors
of closed units, recall, update, replacement, replies, and the board of what needs attention."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tests.outgoing.conftest import PASSPHRASE
from vanphong.core.errors import Conflict
from vanphong.documents.storage import spool
from vanphong.exchange.models import Business, Delivery, StatusCode, Transport
from vanphong.incoming.models import IncomingStatus
from vanphong.incoming.processing import incoming_direct
from vanphong.incoming.services import (
    incoming_answer_sender_request,
    incoming_register,
    incoming_return,
)
from vanphong.org.services import term_open, unit_close
from vanphong.outgoing.models import OutgoingStatus
from vanphong.outgoing.recipients import RecipientInput
from vanphong.outgoing.selectors import deliveries_board, outgoing_deliveries
from vanphong.outgoing.services import (
    outgoing_issue,
    outgoing_recall,
    outgoing_replace,
    outgoing_sign,
    outgoing_submit,
    outgoing_update,
)
from vanphong.registers.models import Counter
from vanphong.work.models import Assignment, AssignmentStatus

pytestmark = pytest.mark.django_db


def received(outgoing, unit):
    delivery = Delivery.objects.get(
        document=outgoing.document, recipient_unit=unit, business__in=(0, 3)
    )
    return delivery.incoming


def by_unit(outgoing):
    return {d.unit: d for d in outgoing_deliveries(outgoing)}


def test_issuing_delivers_to_every_district_and_their_receipts_come_back(office, run_jobs):
    outgoing = office.issued()
    shown = by_unit(outgoing)
    assert {u: (d.transport, d.status) for u, d in shown.items()} == {
        "badinh": (Transport.PENDING, ""),
        "hoankiem": (Transport.PENDING, ""),
    }
    run_jobs()
    for unit in (office.network.badinh, office.network.hoankiem):
        copy = received(outgoing, unit)
        assert (copy.status, copy.received_via) == (IncomingStatus.RECEIVED, "exchange")
        assert copy.document.symbol == "01-CT/TU"
        assert copy.document.issuer_unit == office.city
        assert copy.document.files.get(is_main=True).file == outgoing.issued_file
    incoming_register(
        by=office.user("vanthu.badinh"), incoming=received(outgoing, office.network.badinh)
    )
    run_jobs()
    shown = by_unit(outgoing)
    assert (shown["badinh"].status, shown["badinh"].arrival_number) == ("03", 1)
    assert shown["badinh"].status_label
    assert (shown["hoankiem"].status, shown["hoankiem"].arrival_number) == ("01", None)


def test_a_recipient_closed_by_a_reorganisation_is_served_by_its_successor(office, run_jobs):
    outgoing = office.signed(recipients=[RecipientInput(unit=office.network.hoankiem)])
    unit_close(by=None, unit=office.network.hoankiem, successor=office.network.badinh)
    issued = outgoing_issue(
        by=office.user("vanthu.thanhuy"), outgoing=outgoing, passphrase=PASSPHRASE
    )
    [delivery] = Delivery.objects.filter(document=issued.document)
    assert (delivery.recipient_unit, delivery.addressed_to) == (
        office.network.badinh,
        office.network.hoankiem,
    )
    run_jobs()
    assert received(issued, office.network.badinh).status == IncomingStatus.RECEIVED
    assert by_unit(issued)["badinh"].addressed_to == "hoankiem"


def test_a_recipient_dissolved_without_successor_stops_the_issue_and_keeps_the_number(office):
    outgoing = office.signed()
    unit_close(by=None, unit=office.network.hoankiem)
    with pytest.raises(Conflict) as closed:
        outgoing_issue(by=office.user("vanthu.thanhuy"), outgoing=outgoing, passphrase=PASSPHRASE)
    assert closed.value.code == "recipient_closed"
    outgoing.refresh_from_db()
    assert (outgoing.status, outgoing.number, outgoing.document.symbol) == (
        OutgoingStatus.SIGNED,
        None,
        "",
    )
    assert not Counter.objects.exists()
    assert not Delivery.objects.exists()
    assert not outgoing.document.events.filter(kind__in=["numbered", "issued"]).exists()


def test_a_recall_the_recipient_agrees_to_cancels_its_copy(office, run_jobs):
    outgoing = office.issued(recipients=[RecipientInput(unit=office.network.badinh)])
    run_jobs()
    clerk = office.user("vanthu.badinh")
    copy = incoming_register(by=clerk, incoming=received(outgoing, office.network.badinh))
    run_jobs()
    outgoing_recall(by=office.user("vanthu.thanhuy"), outgoing=outgoing, reason="Ban hành nhầm")
    run_jobs()
    [asked] = by_unit(outgoing)["badinh"].requests
    assert (asked.kind, asked.status, asked.reason) == ("recall", "13", "Ban hành nhầm")
    request = copy.sender_requests.get()
    incoming_answer_sender_request(by=clerk, request=request, accept=True)
    run_jobs()
    [answered] = by_unit(outgoing)["badinh"].requests
    assert answered.status == StatusCode.AGREED == "15"
    copy.refresh_from_db()
    assert copy.status == IncomingStatus.CANCELLED
    outgoing.refresh_from_db()
    assert (outgoing.status, outgoing.number) == (OutgoingStatus.ISSUED, 1)  # the entry stays
    assert "recall_requested" in outgoing.document.events.values_list("kind", flat=True)
    with pytest.raises(Conflict) as again:
        outgoing_recall(by=office.user("vanthu.thanhuy"), outgoing=outgoing, reason="Lần nữa")
    assert again.value.code == "nothing_to_ask"


def test_an_update_refused_by_the_recipient_leaves_its_copy_as_it_was(office, run_jobs):
    outgoing = office.issued(recipients=[RecipientInput(unit=office.network.badinh)])
    run_jobs()
    copy = received(outgoing, office.network.badinh)
    outgoing_update(
        by=office.user("vanthu.thanhuy"),
        outgoing=outgoing,
        values={"subject": "Về tăng cường công tác tham mưu (sửa)"},
        reason="Sửa trích yếu",
    )
    outgoing.document.refresh_from_db()
    assert outgoing.document.subject == "Về tăng cường công tác tham mưu (sửa)"
    run_jobs()
    request = copy.sender_requests.get()
    assert request.values == {"subject": "Về tăng cường công tác tham mưu (sửa)"}
    incoming_answer_sender_request(
        by=office.user("vanthu.badinh"), request=request, accept=False, reason="Đã vào sổ"
    )
    run_jobs()
    [answered] = by_unit(outgoing)["badinh"].requests
    assert (answered.kind, answered.status, answered.answer) == ("update", "16", "Đã vào sổ")
    copy.document.refresh_from_db()
    assert copy.document.subject == "Về tăng cường công tác tham mưu"
    with pytest.raises(Conflict):
        outgoing_update(
            by=office.user("vanthu.thanhuy"),
            outgoing=outgoing,
            values={"subject": "Lần sửa thứ hai"},
            reason="Sửa lại",
        )


def test_a_replacement_is_a_new_document_sent_as_such_to_the_original_recipients(office, run_jobs):
    original = office.issued()
    run_jobs()
    with spool([office.party_draft("thay thế")], name="thay-the.pdf") as spooled:
        replacement = outgoing_replace(
            by=office.user("chuyenvien.thanhuy"),
            outgoing=original,
            files=[spooled],
            reason="Sai nội dung điểm 2",
        )
    assert (replacement.status, replacement.replaces) == (OutgoingStatus.DRAFT, original)
    assert [r.unit for r in replacement.recipients.all()] == [
        office.network.badinh,
        office.network.hoankiem,
    ]
    outgoing_submit(by=replacement.author, outgoing=replacement)
    outgoing_sign(by=replacement.signer, outgoing=replacement, passphrase=PASSPHRASE)
    issued = outgoing_issue(
        by=office.user("vanthu.thanhuy"), outgoing=replacement, passphrase=PASSPHRASE
    )
    assert issued.document.symbol == "02-CT/TU"  # a number of its own
    deliveries = list(Delivery.objects.filter(document=issued.document))
    assert {d.business for d in deliveries} == {Business.REPLACE}
    assert {d.original.document_id for d in deliveries} == {original.document_id}
    run_jobs()
    assert office.network.badinh.incoming_documents.count() == 2
    assert all(d.replacement for d in outgoing_deliveries(issued))
    assert "replaced" in original.document.events.values_list("kind", flat=True)


def test_issuing_a_reply_completes_the_incoming_work_and_links_both_ways(office, run_jobs):
    network = office.network
    term_open(by=None, unit=network.badinh, name="2020–2025", starts=dt.date(2020, 10, 1))
    # The city's directive reaches Ba Đình, is registered and given to its specialist.
    directive = office.issued(recipients=[RecipientInput(unit=network.badinh)])
    run_jobs()
    incoming = incoming_register(
        by=office.user("vanthu.badinh"), incoming=received(directive, network.badinh)
    )
    incoming_direct(
        by=office.user("lanhdaovp.badinh"),
        incoming=incoming,
        text="Giao chuyên viên tham mưu báo cáo.",
        lead=office.user("chuyenvien.badinh"),
    )
    # The specialist drafts the report that answers it; Ba Đình issues it to the city.
    reply = office.issued(
        author="chuyenvien.badinh",
        unit=network.badinh,
        signer="lanhdao.badinh",
        clerk="vanthu.badinh",
        document_type="BC",
        subject="Báo cáo kết quả thực hiện Chỉ thị 01-CT/TU",
        content=office.party_draft("báo cáo", signer="lanhdao.badinh"),
        recipients=[RecipientInput(unit=office.city)],
        reply_to=incoming,
    )
    assert reply.document.symbol == "01-BC/QU"
    incoming.refresh_from_db()
    assert incoming.status == IncomingStatus.DONE
    lead = Assignment.objects.get(document=incoming.document)
    assert (lead.status, lead.reply_document) == (AssignmentStatus.DONE, reply.document)
    assert list(incoming.replies.all()) == [reply]
    assert reply.reply_to == incoming
    event = incoming.document.events.get(kind="reply_issued")
    assert event.data["symbol"] == "01-BC/QU"
    run_jobs()
    # The city sees that Ba Đình has done what it was asked (edXML status 06).
    assert by_unit(directive)["badinh"].status == StatusCode.DONE


def test_the_board_shows_what_is_not_sent_failed_returned_or_not_acknowledged(office, run_jobs):
    outgoing = office.issued(
        recipients=[
            RecipientInput(unit=office.network.badinh),
            RecipientInput(unit=office.network.hoankiem),
            RecipientInput(organ_id="000.00.00.G01", name="Văn phòng Chính phủ"),
        ]
    )
    board = deliveries_board(office.city)
    assert board.counts == {"not_sent": 3, "failed": 0, "returned": 0, "late": 0}
    run_jobs()
    incoming_return(
        by=office.user("vanthu.hoankiem"),
        incoming=received(outgoing, office.network.hoankiem),
        reason="Không đúng thẩm quyền",
    )
    run_jobs()
    board = deliveries_board(office.city)
    assert board.counts == {"not_sent": 0, "failed": 1, "returned": 1, "late": 0}
    returned = next(r for r in board.rows if r.problem == "returned")
    assert (returned.unit, returned.detail, returned.symbol) == (
        "hoankiem",
        "Không đúng thẩm quyền",
        "01-CT/TU",
    )
    assert returned.outgoing_id == outgoing.pk
    # A day later Ba Đình has still not registered it.
    tomorrow = deliveries_board(office.city, now=timezone.now() + dt.timedelta(hours=25))
    assert tomorrow.counts == {"not_sent": 0, "failed": 1, "returned": 1, "late": 1}
    assert next(r for r in tomorrow.rows if r.problem == "late").unit == "badinh"
    incoming_register(
        by=office.user("vanthu.badinh"), incoming=received(outgoing, office.network.badinh)
    )
    run_jobs()
    later = deliveries_board(office.city, now=timezone.now() + dt.timedelta(hours=25))
    assert later.counts["late"] == 0
    assert deliveries_board(office.network.badinh).rows == []


def test_secret_documents_stay_out_of_boards_of_people_not_cleared(office, run_jobs):
    office.user("chuyenvien.thanhuy").clearance = 1
    office.user("chuyenvien.thanhuy").save()
    office.user("lanhdao.thanhuy").clearance = 3
    office.user("lanhdao.thanhuy").save()
    clerk = office.user("vanthu.thanhuy")
    clerk.clearance = 2
    clerk.save()
    office.issued(secrecy="mat")
    assert deliveries_board(office.city, user=clerk).counts["not_sent"] == 2
    assert deliveries_board(office.city, user=office.user("lanhdaovp.thanhuy")).rows == []


def test_a_secret_document_numbered_like_an_ordinary_one_the_same_day_is_delivered_too(
    office, run_jobs
):
    # A state agency numbers secret documents in their own register: a secret 01/QĐ-UBND and
    # an ordinary 01/QĐ-UBND on the same day are two documents, each delivered.
    from vanphong.registers.services import register_create

    for name in ("chuyenvien.ubnd", "lanhdao.ubnd", "vanthu.ubnd"):
        person = office.user(name)
        person.clearance = 1
        person.save()
    register_create(
        by=None, unit=office.ubnd, kind="outgoing", name="Sổ văn bản mật đi", min_secrecy=1
    )
    issued = [
        office.issued(
            author="chuyenvien.ubnd",
            unit=office.ubnd,
            signer="lanhdao.ubnd",
            clerk="vanthu.ubnd",
            document_type="QD",
            subject=subject,
            content=office.state_draft(subject),
            recipients=[RecipientInput(unit=office.network.badinh)],
            secrecy=secrecy,
        )
        for subject, secrecy in (("Quyết định thường", "thuong"), ("Quyết định mật", "mat"))
    ]
    assert [o.document.symbol for o in issued] == ["01/QĐ-UBND", "01/QĐ-UBND"]
    run_jobs()
    copies = [received(o, office.network.badinh) for o in issued]
    assert all(copy is not None for copy in copies)
    assert copies[0].pk != copies[1].pk
