"""Receiving and registering incoming documents: numbers, duplicates, secrecy, bad input."""

from __future__ import annotations

import pytest
from django.utils import timezone

from tests.factories import (
    HEADER_PARTY,
    encrypted_pdf_bytes,
    pdf_bytes,
    scan_png,
    upload,
    zero_page_pdf_bytes,
    zip_bytes,
)
from vanphong.audit.selectors import audit_verify_chain
from vanphong.core.errors import Conflict, Forbidden, InvalidInput
from vanphong.documents.models import Document, DocumentEvent, StoredFile
from vanphong.documents.storage import spool_upload
from vanphong.incoming.models import IncomingDocument, IncomingStatus
from vanphong.incoming.selectors import incoming_duplicates, incoming_visible_to
from vanphong.incoming.services import (
    incoming_cancel,
    incoming_correct,
    incoming_receive,
    incoming_register,
    incoming_return,
)
from vanphong.registers.services import register_create

META = {
    "issuer": "Thành ủy Hà Nội",
    "subject": "Về tăng cường công tác tham mưu",
    "symbol": "15-CT/TU",
    "issued_date": "2016-03-12",
    "document_type": "CT",
}


def receive(
    network, content=None, *, unit=None, metadata=None, name="chi-thi.pdf", user="vanthu.badinh"
):
    content = pdf_bytes() if content is None else content
    with spool_upload(upload(name, content)) as spooled:
        return incoming_receive(
            by=network.user(user), unit=unit or network.badinh, files=[spooled], metadata=metadata
        )


def test_registration_numbers_run_consecutively_per_unit(network):
    clerk = network.user("vanthu.badinh")
    numbers = []
    for i in range(3):
        incoming = receive(network, pdf_bytes([*HEADER_PARTY, f"Bản {i}"]), metadata=META)
        numbers.append(incoming_register(by=clerk, incoming=incoming).arrival_number)
    other = receive(
        network,
        pdf_bytes(["Quận ủy Hoàn Kiếm", "Báo cáo"]),
        unit=network.hoankiem,
        metadata=META,
        user="vanthu.hoankiem",
    )
    other = incoming_register(by=network.user("vanthu.hoankiem"), incoming=other)
    assert numbers == [1, 2, 3]
    assert other.arrival_number == 1
    assert other.arrival_year == timezone.localdate().year


def test_registration_needs_issuer_and_subject_and_keeps_nothing_on_failure(network):
    # A scan: until OCR has run, nothing says who issued it or what it is about.
    incoming = receive(network, scan_png(), name="ban-chup.png")
    with pytest.raises(InvalidInput) as error:
        incoming_register(by=network.user("vanthu.badinh"), incoming=incoming)
    assert error.value.code == "metadata_required"
    incoming.refresh_from_db()
    assert incoming.status == IncomingStatus.RECEIVED
    # The failed attempt took no number: the next registration gets 1.
    done = incoming_register(by=network.user("vanthu.badinh"), incoming=incoming, metadata=META)
    assert done.arrival_number == 1


@pytest.mark.parametrize(
    ("metadata", "field"),
    [
        ({"issued_date": "2099-01-01"}, "issued_date"),
        ({"issued_date": "2016-02-30"}, "issued_date"),
        ({"issued_date": "1900-01-01"}, "issued_date"),
        ({"issued_date": "2016-03-12", "due_date": "2016-03-01"}, "due_date"),
        ({"secrecy": "very"}, "secrecy"),
        ({"urgency": "asap"}, "urgency"),
        ({"document_type": "XYZ"}, "document_type"),
    ],
)
def test_impossible_metadata_is_refused_and_nothing_is_saved(network, metadata, field):
    documents = Document.objects.count()
    with pytest.raises(InvalidInput) as error:
        receive(network, metadata={**META, **metadata})
    assert field in error.value.params["errors"]
    assert Document.objects.count() == documents


@pytest.mark.parametrize(
    ("content", "name", "code"),
    [
        (b"", "trong.pdf", "empty_file"),
        (zero_page_pdf_bytes(), "khong-trang.pdf", "empty_pdf"),
        (encrypted_pdf_bytes(), "mat-khau.pdf", "encrypted_pdf"),
        (zip_bytes(), "van-ban.pdf", "archive"),
        (b"%PDF-1.4 garbage that is no pdf at all", "hong.pdf", "corrupt_pdf"),
        (b"plain text pretending", "van-ban.pdf", "unsupported_type"),
    ],
)
def test_bad_files_are_refused_with_a_reason_and_nothing_is_stored(network, content, name, code):
    before = (StoredFile.objects.count(), Document.objects.count())
    with pytest.raises(InvalidInput) as error:
        receive(network, content, name=name)
    assert error.value.code == code
    assert str(error.value)  # a message the clerk can read
    assert (StoredFile.objects.count(), Document.objects.count()) == before


def test_the_same_file_is_stored_once(network):
    content = pdf_bytes()
    first = receive(network, content)
    second = receive(network, content)
    assert first.document.files.get().file == second.document.files.get().file
    assert StoredFile.objects.filter(sha256=first.document.files.get().file.sha256).count() == 1


def test_duplicates_are_flagged_by_file_or_by_issuer_symbol_and_date(network):
    clerk = network.user("vanthu.badinh")
    first = incoming_register(by=clerk, incoming=receive(network, metadata=META))
    same_file = receive(network, metadata=META)
    same_header = receive(network, pdf_bytes([*HEADER_PARTY, "bản chụp khác"]), metadata=META)
    different = receive(
        network, pdf_bytes(["Công văn khác"]), metadata={**META, "symbol": "16-CT/TU"}
    )
    assert list(incoming_duplicates(same_file)) == [first, same_header]  # oldest first
    assert first in incoming_duplicates(same_header)
    assert first not in incoming_duplicates(different)
    registered = incoming_register(by=clerk, incoming=same_header)
    assert registered.duplicate_of == first


def test_duplicates_are_of_the_unit_in_any_case_and_once_each(network, django_assert_num_queries):
    first = receive(network, metadata=META)
    # The same file and the same heading: listed once.
    both = receive(network, metadata=META)
    # The issuer as a document's header prints it, the symbol as typed in haste.
    shouted = receive(
        network,
        pdf_bytes(["Bản chụp khác"]),
        metadata={**META, "issuer": "THÀNH ỦY  HÀ NỘI", "symbol": META["symbol"].lower()},
    )
    receive(network, unit=network.hoankiem, metadata=META, user="vanthu.hoankiem")
    later = receive(
        network, pdf_bytes(["Ngày khác"]), metadata={**META, "issued_date": "2024-03-02"}
    )
    with django_assert_num_queries(2):  # the same day's headings, then the duplicates
        found = list(incoming_duplicates(both))
    assert found == [first, shouted]
    assert list(incoming_duplicates(shouted)) == [first, both]
    assert list(incoming_duplicates(later)) == []


def test_cancelled_numbers_are_never_reused(network):
    clerk = network.user("vanthu.badinh")
    one = incoming_register(by=clerk, incoming=receive(network, metadata=META))
    incoming_cancel(by=clerk, incoming=one, reason="Đăng ký nhầm")
    two = incoming_register(by=clerk, incoming=receive(network, pdf_bytes(["Khác"]), metadata=META))
    one.refresh_from_db()
    assert (one.status, one.arrival_number, two.arrival_number) == ("cancelled", 1, 2)
    with pytest.raises(Conflict):
        incoming_cancel(by=clerk, incoming=one, reason="Lần nữa")
    with pytest.raises(InvalidInput):
        incoming_cancel(by=clerk, incoming=two, reason="  ")


def test_return_only_before_registration(network):
    clerk = network.user("vanthu.badinh")
    received = receive(network)
    returned = incoming_return(by=clerk, incoming=received, reason="Gửi nhầm đơn vị")
    assert returned.status == IncomingStatus.RETURNED
    registered = incoming_register(by=clerk, incoming=receive(network, metadata=META))
    with pytest.raises(Conflict):
        incoming_return(by=clerk, incoming=registered, reason="Muộn")
    with pytest.raises(Conflict):
        incoming_register(by=clerk, incoming=returned, metadata=META)


def test_secret_documents_go_to_the_secret_register_and_only_to_cleared_people(network):
    clerk = network.user("vanthu.badinh")
    secret_book = register_create(
        by=None, unit=network.badinh, kind="incoming", name="Sổ văn bản mật đến", min_secrecy=1
    )
    ordinary = incoming_register(by=clerk, incoming=receive(network, metadata=META))
    clerk.clearance = 2
    clerk.save()
    secret = incoming_register(
        by=clerk,
        incoming=receive(
            network, pdf_bytes(["MẬT", *HEADER_PARTY]), metadata={**META, "secrecy": "mat"}
        ),
    )
    assert (ordinary.register.is_default, ordinary.arrival_number) == (True, 1)
    assert (secret.register, secret.arrival_number) == (secret_book, 1)
    leader = network.user("lanhdao.badinh")
    assert secret not in incoming_visible_to(leader)  # clearance 0
    leader.clearance = 1
    leader.save()
    assert secret in incoming_visible_to(leader)


def test_scope_unregistered_documents_are_seen_by_the_clerks_only(network):
    received = receive(network)
    registered = incoming_register(
        by=network.user("vanthu.badinh"),
        incoming=receive(network, pdf_bytes(["Khác"]), metadata=META),
    )
    assert set(incoming_visible_to(network.user("vanthu.badinh"))) == {received, registered}
    assert set(incoming_visible_to(network.user("lanhdao.badinh"))) == {registered}
    assert set(incoming_visible_to(network.user("chuyenvien.badinh"))) == set()
    assert set(incoming_visible_to(network.user("vanthu.hoankiem"))) == set()


def test_every_step_is_in_the_history_and_the_journal(network):
    clerk = network.user("vanthu.badinh")
    incoming = incoming_register(by=clerk, incoming=receive(network, metadata=META))
    incoming_cancel(by=clerk, incoming=incoming, reason="Nhầm")
    kinds = list(
        DocumentEvent.objects.filter(document=incoming.document).values_list("kind", flat=True)
    )
    assert kinds == ["created", "received", "registered", "cancelled"]
    assert audit_verify_chain().ok


def _register_concurrently(network, count):
    """``count`` clerks registering at the same moment, each in its own thread and connection."""
    import threading

    from django.db import connection

    clerk = network.user("vanthu.badinh")
    received = [
        receive(network, pdf_bytes([*HEADER_PARTY, f"Bản số {i}"]), metadata=META)
        for i in range(count)
    ]
    barrier = threading.Barrier(count)
    results, errors = [], []

    def work(item):
        try:
            barrier.wait()
            results.append(incoming_register(by=clerk, incoming=item).arrival_number)
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(item,)) for item in received]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results, errors


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_registrations_get_numbers_one_to_fifty(network, on_postgres):
    if not on_postgres:
        pytest.skip("thread concurrency is meaningful on PostgreSQL (SQLite serialises writers)")
    results, errors = _register_concurrently(network, 50)
    assert errors == []
    assert sorted(results) == list(range(1, 51))
    numbers = IncomingDocument.objects.filter(unit=network.badinh).values_list(
        "arrival_number", flat=True
    )
    assert sorted(numbers) == list(range(1, 51))
    assert audit_verify_chain().ok


def test_a_corrected_symbol_brings_its_number_and_notation_along(network):
    incoming = receive(network, metadata=META)
    assert (incoming.document.number, incoming.document.notation) == ("15", "CT/TU")
    registered = incoming_register(
        by=network.user("vanthu.badinh"), incoming=incoming, metadata={"symbol": "16-CT/TU"}
    )
    document = registered.document
    assert (document.symbol, document.number, document.notation) == ("16-CT/TU", "16", "CT/TU")
    changed = DocumentEvent.objects.get(document=document, kind="metadata_changed")
    assert changed.data["before"]["symbol"] == "15-CT/TU"  # corrections at registration are kept


def test_the_receiving_clerk_keeps_a_document_that_turns_out_secret_but_cannot_register_it(
    network,
):
    clerk = network.user("vanthu.badinh")  # clearance 0 in this network
    incoming = receive(network, metadata={**META, "secrecy": "mat"})
    assert incoming in incoming_visible_to(clerk)
    with pytest.raises(Forbidden) as error:
        incoming_register(by=clerk, incoming=incoming)
    assert error.value.code == "not_cleared"
    assert incoming not in incoming_visible_to(network.user("lanhdaovp.badinh"))
    colleague = network.user("lanhdaovp.badinh")
    colleague.clearance = 1
    colleague.save()
    assert incoming in incoming_visible_to(colleague)


def test_raising_secrecy_after_registration_cannot_move_the_number_to_another_register(network):
    clerk = network.user("vanthu.badinh")
    clerk.clearance = 2
    clerk.save()
    register_create(
        by=None, unit=network.badinh, kind="incoming", name="Sổ văn bản mật đến", min_secrecy=1
    )
    registered = incoming_register(by=clerk, incoming=receive(network, metadata=META))
    with pytest.raises(Conflict) as error:
        incoming_correct(by=clerk, incoming=registered, values={"secrecy": "mat"})
    assert error.value.code == "other_register"
    registered.document.refresh_from_db()
    assert registered.document.secrecy == 0
    corrected = incoming_correct(by=clerk, incoming=registered, values={"subject": "Đã sửa"})
    assert corrected.document.subject == "Đã sửa"
