"""From draft to issued document: versions and comments, review one after another or all at
once, returns, the signer's signature, the number and the seal, the register, the history."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from tests.outgoing.conftest import PASSPHRASE, docx
from tests.signing.conftest import page_text
from vanphong.audit.models import AuditEvent
from vanphong.audit.selectors import audit_verify_chain
from vanphong.documents.models import DocumentFile
from vanphong.documents.storage import spool
from vanphong.outgoing.models import OutgoingStatus, ReviewMode, StepStatus
from vanphong.outgoing.services import (
    outgoing_add_version,
    outgoing_comment,
    outgoing_issue,
    outgoing_review,
    outgoing_sign,
    outgoing_signer_return,
    outgoing_submit,
)
from vanphong.registers.models import Counter
from vanphong.signing import pdf
from vanphong.signing.services import file_verify
from vanphong.work.history import EVENT_LABELS

pytestmark = pytest.mark.django_db


def steps(outgoing):
    outgoing.refresh_from_db()
    return [
        (s.reviewer.username, s.status)
        for s in outgoing.steps.filter(round=outgoing.review_round).select_related("reviewer")
    ]


def add_version(office, outgoing, content, name="du-thao-v2.pdf", by=None, note=""):
    with spool([content], name=name) as spooled, transaction.atomic():
        return outgoing_add_version(
            by=by or outgoing.author, outgoing=outgoing, file=spooled, note=note
        )


def kinds(outgoing):
    return list(outgoing.document.events.values_list("kind", flat=True))


def test_a_directive_goes_from_draft_to_issued_through_two_reviewers_one_after_another(office):
    outgoing = office.create(reviewers=("lanhdaovp.thanhuy", "phobithu.thanhuy"))
    assert (outgoing.status, outgoing.document.direction) == (OutgoingStatus.DRAFT, "out")
    assert [v.number for v in outgoing.versions.all()] == [1]
    assert outgoing.document.symbol == ""  # nothing read from the draft fills the number

    outgoing_submit(by=outgoing.author, outgoing=outgoing)
    outgoing.refresh_from_db()
    assert outgoing.status == OutgoingStatus.IN_REVIEW
    assert steps(outgoing) == [
        ("lanhdaovp.thanhuy", StepStatus.PENDING),
        ("phobithu.thanhuy", StepStatus.WAITING),
    ]
    outgoing_review(
        by=office.user("lanhdaovp.thanhuy"),
        outgoing=outgoing,
        action="approve",
        comment="Đồng ý, trình đồng chí Phó Bí thư.",
    )
    assert steps(outgoing) == [
        ("lanhdaovp.thanhuy", StepStatus.APPROVED),
        ("phobithu.thanhuy", StepStatus.PENDING),
    ]
    outgoing_review(by=office.user("phobithu.thanhuy"), outgoing=outgoing, action="approve")
    outgoing.refresh_from_db()
    assert outgoing.status == OutgoingStatus.APPROVED  # with the signer

    outgoing = outgoing_sign(
        by=office.user("lanhdao.thanhuy"), outgoing=outgoing, passphrase=PASSPHRASE
    )
    assert outgoing.status == OutgoingStatus.SIGNED
    outgoing = outgoing_issue(
        by=office.user("vanthu.thanhuy"), outgoing=outgoing, passphrase=PASSPHRASE
    )
    document = outgoing.document
    assert (outgoing.status, outgoing.number) == (OutgoingStatus.ISSUED, 1)
    assert (document.symbol, document.number, document.notation) == ("01-CT/TU", "01", "CT/TU")
    assert document.issued_date == timezone.localdate()
    assert (document.place, document.issuer, document.issuer_unit) == (
        "Hà Nội",
        "Thành ủy Hà Nội",
        office.city,
    )
    assert document.authority == ""  # no "T/M" given with this draft
    # The issued PDF: the number and the date are stamped, both signatures verify.
    reports = file_verify(outgoing.issued_file)
    assert [(r.field, r.status) for r in reports] == [
        (pdf.PERSONAL_FIELD, "valid"),
        (pdf.AGENCY_FIELD, "valid"),
    ]
    with default_storage.open(outgoing.issued_file.storage_name, "rb") as handle:
        text = page_text(handle.read(), 0)
    today = timezone.localdate()
    assert "Số 01-CT/TU" in text
    assert f"Hà Nội, ngày {today.day:02d}" in text or f"Hà Nội, ngày {today.day} " in text
    # The document's main file is the issued one; the draft and the signed file are kept.
    main = DocumentFile.objects.get(document=document, is_main=True)
    assert (main.file, main.name) == (outgoing.issued_file, "01-CT-TU.pdf")
    assert outgoing.versions.get().file.kind == "pdf"
    history = kinds(outgoing)
    for step in (
        "draft_created",
        "submitted",
        "review_approved",
        "signed",
        "numbered",
        "issued",
    ):
        assert step in history, history
    assert all(kind in EVENT_LABELS for kind in history), history
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "outgoing.create",
        "outgoing.submit",
        "outgoing.review_approve",
        "outgoing.sign",
        "outgoing.issue",
        "file.sign_personal",
        "file.fill_issue_fields",
        "file.sign_agency",
    } <= actions
    assert audit_verify_chain().ok


def test_parallel_review_needs_every_approval_and_a_return_ends_the_round(office):
    outgoing = office.create(
        reviewers=("lanhdaovp.thanhuy", "phobithu.thanhuy"), review_mode=ReviewMode.PARALLEL
    )
    outgoing_submit(by=outgoing.author, outgoing=outgoing)
    assert steps(outgoing) == [
        ("lanhdaovp.thanhuy", StepStatus.PENDING),
        ("phobithu.thanhuy", StepStatus.PENDING),
    ]
    outgoing_review(by=office.user("phobithu.thanhuy"), outgoing=outgoing, action="approve")
    outgoing.refresh_from_db()
    assert outgoing.status == OutgoingStatus.IN_REVIEW
    outgoing_review(
        by=office.user("lanhdaovp.thanhuy"),
        outgoing=outgoing,
        action="return",
        comment="Bổ sung căn cứ pháp lý ở đoạn đầu.",
    )
    outgoing.refresh_from_db()
    assert outgoing.status == OutgoingStatus.RETURNED
    comment = outgoing.versions.get(number=1).comments.get()
    assert (comment.author.username, comment.text) == (
        "lanhdaovp.thanhuy",
        "Bổ sung căn cứ pháp lý ở đoạn đầu.",
    )

    # The author revises and submits again, this time one after another: a new round.
    add_version(office, outgoing, office.party_draft("bản sửa"), note="Đã bổ sung căn cứ")
    outgoing_submit(
        by=outgoing.author,
        outgoing=outgoing,
        reviewers=[office.user("lanhdaovp.thanhuy")],
        mode=ReviewMode.SEQUENTIAL,
    )
    outgoing.refresh_from_db()
    assert outgoing.review_round == 2
    assert steps(outgoing) == [("lanhdaovp.thanhuy", StepStatus.PENDING)]
    assert outgoing.steps.get(round=2).version.number == 2
    office.approve_all(outgoing, "lanhdaovp.thanhuy")
    outgoing.refresh_from_db()
    assert outgoing.status == OutgoingStatus.APPROVED
    assert "review_returned" in kinds(outgoing)
    assert "version_added" in kinds(outgoing)


def test_forwarding_hands_the_review_to_someone_else(office):
    outgoing = office.create(reviewers=("lanhdaovp.thanhuy",))
    outgoing_submit(by=outgoing.author, outgoing=outgoing)
    outgoing_review(
        by=office.user("lanhdaovp.thanhuy"),
        outgoing=outgoing,
        action="forward",
        to=office.user("phobithu.thanhuy"),
        comment="Xin ý kiến đồng chí Phó Bí thư Thường trực.",
    )
    assert steps(outgoing) == [
        ("lanhdaovp.thanhuy", StepStatus.FORWARDED),
        ("phobithu.thanhuy", StepStatus.PENDING),
    ]
    outgoing_review(by=office.user("phobithu.thanhuy"), outgoing=outgoing, action="approve")
    outgoing.refresh_from_db()
    assert outgoing.status == OutgoingStatus.APPROVED
    assert "review_forwarded" in kinds(outgoing)


def test_without_reviewers_the_draft_goes_straight_to_the_signer_who_may_return_it(office):
    outgoing = office.create()
    outgoing_submit(by=outgoing.author, outgoing=outgoing)
    outgoing.refresh_from_db()
    assert outgoing.status == OutgoingStatus.APPROVED
    outgoing_signer_return(
        by=office.user("lanhdao.thanhuy"), outgoing=outgoing, comment="Viết gọn lại phần hai."
    )
    outgoing.refresh_from_db()
    assert outgoing.status == OutgoingStatus.RETURNED
    assert "signer_returned" in kinds(outgoing)
    outgoing_comment(by=outgoing.author, outgoing=outgoing, text="Đã sửa theo ý kiến.")
    assert outgoing.versions.get().comments.count() == 2


def test_a_docx_draft_is_reviewed_then_signed_as_the_pdf_made_from_it(office):
    outgoing = office.create(
        content=docx(),
        name="du-thao.docx",
        reviewers=("lanhdaovp.thanhuy",),
    )
    outgoing_submit(by=outgoing.author, outgoing=outgoing)
    office.approve_all(outgoing, "lanhdaovp.thanhuy")
    from vanphong.core.errors import Conflict

    with pytest.raises(Conflict) as docx_final:
        outgoing_sign(by=outgoing.signer, outgoing=outgoing, passphrase=PASSPHRASE)
    assert docx_final.value.code == "final_not_pdf"
    assert "PDF" in docx_final.value.detail
    with pytest.raises(Conflict) as not_pdf:
        add_version(office, outgoing, docx("khác"), name="ban-cuoi.docx")
    assert not_pdf.value.code == "final_must_be_pdf"
    add_version(office, outgoing, office.party_draft("bản cuối"), name="ban-cuoi.pdf")
    signed = outgoing_sign(by=outgoing.signer, outgoing=outgoing, passphrase=PASSPHRASE)
    assert signed.status == OutgoingStatus.SIGNED
    assert [r.status for r in file_verify(signed.signed_file)] == ["valid"]


def test_party_numbers_run_per_type_per_term_and_state_numbers_per_register_per_year(office):
    first = office.issued(subject="Chỉ thị thứ nhất")
    second = office.issued(subject="Chỉ thị thứ hai")
    plan = office.issued(document_type="KH", subject="Kế hoạch thứ nhất")
    assert [first.document.symbol, second.document.symbol, plan.document.symbol] == [
        "01-CT/TU",
        "02-CT/TU",
        "01-KH/TU",
    ]
    term = f"{office.city.pk}:2020-10-01"
    assert sorted(Counter.objects.values_list("period", "last")) == [
        (f"{term}/CT", 2),
        (f"{term}/KH", 1),
    ]
    state = {"unit": office.ubnd, "signer": "lanhdao.ubnd", "clerk": "vanthu.ubnd"}
    decision = office.issued(
        author="chuyenvien.ubnd",
        document_type="QD",
        subject="Quyết định giao chỉ tiêu",
        content=office.state_draft("quyết định"),
        **state,
    )
    letter = office.issued(
        author="chuyenvien.ubnd-vp",
        document_type="CV",
        subject="V/v triển khai công tác năm 2026",
        content=office.state_draft("công văn", notation="UBND-VP"),
        drafting_unit=office.ubnd_vp,
        **state,
    )
    assert [decision.document.symbol, letter.document.symbol] == ["01/QĐ-UBND", "02/UBND-VP"]
    assert decision.period == str(timezone.localdate().year)
    with default_storage.open(letter.issued_file.storage_name, "rb") as handle:
        assert "Số: 02/UBND-VP" in page_text(handle.read(), 0)
    assert [r.status for r in file_verify(letter.issued_file)] == ["valid", "valid"]


def test_dates_under_ten_and_january_february_carry_a_leading_zero(office):
    when = dt.datetime(2026, 2, 5, 9, 0, tzinfo=timezone.get_current_timezone())
    outgoing = office.signed()
    issued = outgoing_issue(
        by=office.user("vanthu.thanhuy"), outgoing=outgoing, passphrase=PASSPHRASE, when=when
    )
    with default_storage.open(issued.issued_file.storage_name, "rb") as handle:
        assert "Hà Nội, ngày 05 tháng 02 năm 2026" in page_text(handle.read(), 0)
    assert issued.document.issued_date == dt.date(2026, 2, 5)
