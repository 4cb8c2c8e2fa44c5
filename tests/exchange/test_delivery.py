"""Delivering a document to units of this system, and the statuses that come back."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction

from tests.factories import pdf_bytes, upload
from vanphong.core.errors import Conflict
from vanphong.documents.models import DocumentFile
from vanphong.documents.services import document_create
from vanphong.documents.storage import spool_upload
from vanphong.exchange.models import Business, Delivery, StatusCode, Transport
from vanphong.exchange.services import Recipient, deliveries_create
from vanphong.exchange.tasks import deliver
from vanphong.incoming.models import IncomingStatus
from vanphong.incoming.services import (
    incoming_answer_sender_request,
    incoming_register,
    incoming_return,
)
from vanphong.org.services import unit_close

ISSUED = {
    "document_type": "CT",
    "number": "01",
    "notation": "CT/TU",
    "symbol": "01-CT/TU",
    "issuer": "Thành ủy Hà Nội",
    "issued_date": dt.date(2026, 11, 2),
    "place": "Hà Nội",
    "subject": "Về tăng cường công tác tham mưu",
    "signer": "Nguyễn Văn An",
}


@pytest.fixture
def issued(network):
    with spool_upload(upload("01-CT-TU.pdf", pdf_bytes())) as spooled, transaction.atomic():
        return document_create(
            by=network.user("vanthu.thanhuy"),
            unit=network.city,
            direction="out",
            files=[spooled],
            metadata=ISSUED,
        )


def send(network, document, *units, business=Business.NEW, **extra):
    with transaction.atomic():
        return deliveries_create(
            by=network.user("vanthu.thanhuy"),
            document=document,
            sender=network.city,
            business=business,
            recipients=[Recipient(unit=u) for u in units],
            **extra,
        )


def test_each_unit_gets_the_document_in_its_intake_with_metadata_filled(network, issued, run_jobs):
    deliveries = send(network, issued, network.badinh, network.hoankiem)
    assert {d.transport for d in deliveries} == {Transport.PENDING}
    assert run_jobs() >= 2  # the two deliveries (and the file's text extraction)
    for delivery in Delivery.objects.all():
        assert (delivery.transport, delivery.status_code) == (Transport.SENT, StatusCode.ARRIVED)
        copy = delivery.incoming
        assert (copy.unit, copy.status, copy.received_via) == (
            delivery.recipient_unit,
            IncomingStatus.RECEIVED,
            "exchange",
        )
        document = copy.document
        assert (document.symbol, document.issuer, document.issued_date) == (
            "01-CT/TU",
            "Thành ủy Hà Nội",
            dt.date(2026, 11, 2),
        )
        assert document.issuer_unit == network.city
    # The file is stored once for the sender and both recipients.
    assert DocumentFile.objects.values("file").distinct().count() == 1


def test_delivery_is_idempotent(network, issued, run_jobs):
    [delivery] = send(network, issued, network.badinh)
    run_jobs()
    deliver.call(delivery_id=delivery.pk)  # a retry after a lost acknowledgement
    assert network.badinh.incoming_documents.count() == 1
    with pytest.raises(Exception):  # noqa: B017, PT011 - the database refuses the duplicate
        send(network, issued, network.badinh)


def test_statuses_travel_back_to_the_sender(network, issued, run_jobs):
    send(network, issued, network.badinh, network.hoankiem)
    run_jobs()
    badinh = Delivery.objects.get(recipient_unit=network.badinh)
    hoankiem = Delivery.objects.get(recipient_unit=network.hoankiem)
    incoming_register(by=network.user("vanthu.badinh"), incoming=badinh.incoming)
    incoming_return(
        by=network.user("vanthu.hoankiem"),
        incoming=hoankiem.incoming,
        reason="Không thuộc thẩm quyền",
    )
    run_jobs()
    badinh.refresh_from_db()
    hoankiem.refresh_from_db()
    assert (badinh.status_code, badinh.arrival_number) == (StatusCode.ACCEPTED, 1)
    assert (hoankiem.status_code, hoankiem.status_description) == (
        StatusCode.REFUSED,
        "Không thuộc thẩm quyền",
    )
    assert list(badinh.statuses.values_list("code", flat=True)) == ["01", "03"]


def test_a_unit_closed_by_a_reorganisation_is_served_by_its_successor(network, issued, run_jobs):
    unit_close(
        by=None, unit=network.hoankiem, successor=network.badinh, effective=dt.date(2025, 7, 1)
    )
    deliveries = send(network, issued, network.hoankiem, network.badinh)
    assert len(deliveries) == 1  # both lead to Ba Đình: one copy
    assert (deliveries[0].recipient_unit, deliveries[0].addressed_to) == (
        network.badinh,
        network.hoankiem,
    )
    unit_close(by=None, unit=network.board, effective=dt.date(2025, 7, 1))
    with pytest.raises(Conflict) as error:
        send(network, issued, network.board)
    assert error.value.code == "recipient_closed"


def test_a_recall_agreed_by_the_recipient_cancels_its_copy(network, issued, run_jobs):
    [original] = send(network, issued, network.badinh)
    run_jobs()
    original.refresh_from_db()
    clerk = network.user("vanthu.badinh")
    incoming_register(by=clerk, incoming=original.incoming)
    [recall] = send(
        network,
        issued,
        network.badinh,
        business=Business.RECALL,
        originals={network.badinh.pk: original},
        note="Ban hành nhầm",
    )
    run_jobs()
    recall.refresh_from_db()
    assert recall.status_code == StatusCode.RECALL_REQUESTED
    request = original.incoming.sender_requests.get()
    assert (request.kind, request.reason) == ("recall", "Ban hành nhầm")
    incoming_answer_sender_request(by=clerk, request=request, accept=True)
    run_jobs()
    recall.refresh_from_db()
    original.incoming.refresh_from_db()
    assert recall.status_code == StatusCode.AGREED
    assert original.incoming.status == IncomingStatus.CANCELLED


def test_an_update_refused_keeps_the_copy_as_it_was(network, issued, run_jobs):
    [original] = send(network, issued, network.badinh)
    run_jobs()
    original.refresh_from_db()
    [update] = send(
        network,
        issued,
        network.badinh,
        business=Business.UPDATE,
        originals={network.badinh.pk: original},
        note="Sửa trích yếu",
        values={"subject": "Về công tác tham mưu (sửa)"},
    )
    run_jobs()
    request = original.incoming.sender_requests.get()
    assert request.values == {"subject": "Về công tác tham mưu (sửa)"}
    with pytest.raises(Exception):  # noqa: B017, PT011 - a refusal needs its reason
        incoming_answer_sender_request(
            by=network.user("vanthu.badinh"), request=request, accept=False
        )
    incoming_answer_sender_request(
        by=network.user("vanthu.badinh"), request=request, accept=False, reason="Đã xử lý xong"
    )
    run_jobs()
    update.refresh_from_db()
    original.incoming.document.refresh_from_db()
    assert update.status_code == StatusCode.DECLINED
    assert original.incoming.document.subject == ISSUED["subject"]


def test_secret_documents_do_not_leave_the_system(network, issued):
    issued.secrecy = 1
    issued.save()
    with pytest.raises(Conflict) as error, transaction.atomic():
        deliveries_create(
            by=None,
            document=issued,
            sender=network.city,
            recipients=[Recipient(organ_id="000.00.00.H26", name="UBND TP")],
        )
    assert error.value.code == "secret_outside"


def test_other_systems_are_shown_failed_until_a_connection_is_configured(network, issued, run_jobs):
    with transaction.atomic():
        deliveries_create(
            by=None,
            document=issued,
            sender=network.city,
            recipients=[Recipient(organ_id="000.00.00.H26", name="UBND TP")],
        )
    run_jobs()
    delivery = Delivery.objects.get()
    assert (delivery.channel, delivery.transport) == ("edxml", Transport.FAILED)
    assert "no connection" in delivery.last_error
