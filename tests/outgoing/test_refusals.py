"""Bad input and steps out of turn: clear errors, and nothing kept of a refused step."""

from __future__ import annotations

import pytest
from django.db import transaction

from tests.outgoing.conftest import PASSPHRASE
from vanphong.audit.models import AuditEvent
from vanphong.core.errors import Conflict, Forbidden, InvalidInput
from vanphong.documents.models import Document, StoredFile
from vanphong.documents.storage import spool
from vanphong.exchange.models import Delivery
from vanphong.org.services import delegation_grant, unit_close
from vanphong.outgoing.models import OutgoingDocument, OutgoingStatus
from vanphong.outgoing.recipients import RecipientInput, recipients_from_text
from vanphong.outgoing.services import (
    outgoing_cancel,
    outgoing_create,
    outgoing_issue,
    outgoing_review,
    outgoing_sign,
    outgoing_submit,
)
from vanphong.registers.models import Counter

pytestmark = pytest.mark.django_db


def test_a_wrong_passphrase_when_signing_changes_nothing(office):
    outgoing = office.create()
    outgoing_submit(by=outgoing.author, outgoing=outgoing)
    files = StoredFile.objects.count()
    with pytest.raises(InvalidInput) as wrong:
        outgoing_sign(by=outgoing.signer, outgoing=outgoing, passphrase="sai mật khẩu")
    assert wrong.value.code == "wrong_passphrase"
    outgoing.refresh_from_db()
    assert (outgoing.status, outgoing.signed_file) == (OutgoingStatus.APPROVED, None)
    assert StoredFile.objects.count() == files
    assert not AuditEvent.objects.filter(action__in=["outgoing.sign", "file.sign_personal"])
    assert not outgoing.document.events.filter(kind="signed").exists()


def test_a_wrong_agency_passphrase_when_issuing_consumes_no_number(office):
    outgoing = office.signed()
    with pytest.raises(InvalidInput) as wrong:
        outgoing_issue(by=office.user("vanthu.thanhuy"), outgoing=outgoing, passphrase="sai")
    assert wrong.value.code == "wrong_passphrase"
    outgoing.refresh_from_db()
    assert (outgoing.status, outgoing.number, outgoing.issued_file) == (
        OutgoingStatus.SIGNED,
        None,
        None,
    )
    assert not Counter.objects.exists()
    assert not Delivery.objects.exists()
    issued = outgoing_issue(
        by=office.user("vanthu.thanhuy"), outgoing=outgoing, passphrase=PASSPHRASE
    )
    assert issued.document.symbol == "01-CT/TU"  # the number was not lost


def test_issuing_twice_or_before_signing_is_a_conflict(office):
    draft = office.create()
    with pytest.raises(Conflict) as unsigned:
        outgoing_issue(by=office.user("vanthu.thanhuy"), outgoing=draft, passphrase=PASSPHRASE)
    assert unsigned.value.code == "not_signed"
    issued = office.issued()
    with pytest.raises(Conflict) as twice:
        outgoing_issue(by=office.user("vanthu.thanhuy"), outgoing=issued, passphrase=PASSPHRASE)
    assert twice.value.code == "already_issued"
    assert "01-CT/TU" in twice.value.detail
    assert Counter.objects.get().last == 1


def test_only_the_clerk_issues_only_the_signer_signs_only_the_author_submits(office):
    outgoing = office.create(reviewers=("lanhdaovp.thanhuy",))
    with pytest.raises(Forbidden) as not_author:
        outgoing_submit(by=office.user("lanhdaovp.thanhuy"), outgoing=outgoing)
    assert not_author.value.code == "not_author"
    outgoing_submit(by=outgoing.author, outgoing=outgoing)
    office.approve_all(outgoing, "lanhdaovp.thanhuy")
    with pytest.raises(Forbidden) as not_signer:
        outgoing_sign(by=office.user("phobithu.thanhuy"), outgoing=outgoing, passphrase=PASSPHRASE)
    assert not_signer.value.code == "not_signer"
    outgoing_sign(by=outgoing.signer, outgoing=outgoing, passphrase=PASSPHRASE)
    for person in ("chuyenvien.thanhuy", "lanhdao.thanhuy", "vanthu.badinh"):
        with pytest.raises(Forbidden) as not_clerk:
            outgoing_issue(by=office.user(person), outgoing=outgoing, passphrase=PASSPHRASE)
        assert not_clerk.value.code == "not_clerk"


def test_a_delegate_signs_for_the_signer_while_the_delegation_lasts(office):
    import datetime as dt

    from django.utils import timezone

    now = timezone.now()
    delegation_grant(
        by=office.user("lanhdao.thanhuy"),
        grantor=office.user("lanhdao.thanhuy"),
        grantee=office.user("phobithu.thanhuy"),
        unit=office.city,
        role="lanhdao",
        valid_from=now - dt.timedelta(hours=1),
        valid_to=now + dt.timedelta(days=3),
        reason="Đi công tác",
    )
    outgoing = office.create()
    outgoing_submit(by=outgoing.author, outgoing=outgoing)
    signed = outgoing_sign(
        by=office.user("phobithu.thanhuy"), outgoing=outgoing, passphrase=PASSPHRASE
    )
    assert (signed.status, signed.signed_by) == (
        OutgoingStatus.SIGNED,
        office.user("phobithu.thanhuy"),
    )
    event = signed.document.events.get(kind="signed")
    assert event.data["on_behalf_of"] == office.user("lanhdao.thanhuy").full_name


def test_reviewers_act_once_in_their_turn(office):
    outgoing = office.create(reviewers=("lanhdaovp.thanhuy", "phobithu.thanhuy"))
    outgoing_submit(by=outgoing.author, outgoing=outgoing)
    with pytest.raises(Forbidden) as early:
        outgoing_review(by=office.user("phobithu.thanhuy"), outgoing=outgoing, action="approve")
    assert early.value.code == "not_your_turn"
    outgoing_review(by=office.user("lanhdaovp.thanhuy"), outgoing=outgoing, action="approve")
    with pytest.raises(Forbidden) as twice:
        outgoing_review(by=office.user("lanhdaovp.thanhuy"), outgoing=outgoing, action="approve")
    assert twice.value.code == "already_reviewed"
    with pytest.raises(Forbidden) as stranger:
        outgoing_review(by=office.user("lanhdao.badinh"), outgoing=outgoing, action="approve")
    assert stranger.value.code == "not_reviewer"
    with pytest.raises(InvalidInput) as silent:
        outgoing_review(by=office.user("phobithu.thanhuy"), outgoing=outgoing, action="return")
    assert silent.value.code == "comment_required"


def test_drafts_are_checked_whole_before_anything_is_stored(office):
    documents = Document.objects.count()
    cases = [
        ({"document_type": "XYZ"}, InvalidInput, "invalid_metadata"),
        ({"document_type": "LUAT"}, InvalidInput, "invalid_metadata"),  # not a Party document
        ({"secrecy": "bi-mat"}, InvalidInput, "invalid_metadata"),
        ({"due_date": "2026-02-30"}, InvalidInput, "invalid_metadata"),
        ({"subject": "   "}, InvalidInput, "invalid_metadata"),
        ({"signer": "chuyenvien.thanhuy"}, InvalidInput, "not_a_signer"),
        ({"signer": "lanhdao.badinh"}, InvalidInput, "not_a_signer"),
        ({"reviewers": ("vanthu.thanhuy",)}, InvalidInput, "not_a_reviewer"),
        ({"reviewers": ("lanhdao.thanhuy",)}, InvalidInput, "reviewer_is_signer"),
        ({"author": "vanthu.thanhuy"}, Forbidden, "not_drafter"),
        ({"author": "chuyenvien.badinh"}, Forbidden, "not_drafter"),
        ({"recipients": []}, InvalidInput, "no_recipients"),
        ({"content": b"GIF89a not a document"}, InvalidInput, "unsupported_type"),
    ]
    for change, error, code in cases:
        with pytest.raises(error) as refused:
            office.create(**change)
        assert refused.value.code == code, change
    with pytest.raises(InvalidInput) as unknown:
        recipients_from_text(owner=office.city, text="badinh, khong-co, group:999")
    assert unknown.value.code == "unknown_recipient"
    assert unknown.value.params["unknown"] == ["khong-co", "group:999"]
    assert Document.objects.count() == documents
    assert not OutgoingDocument.objects.exists()


def test_an_image_is_not_a_draft(office):
    from tests.factories import scan_png

    with pytest.raises(InvalidInput) as image:
        office.create(content=scan_png(), name="scan.png")
    assert image.value.code == "draft_not_docx_or_pdf"


def test_secret_documents_go_to_no_outside_recipient(office):
    author = office.user("chuyenvien.thanhuy")
    author.clearance = 1
    author.save()
    office.user("lanhdao.thanhuy").clearance = 3
    office.user("lanhdao.thanhuy").save()
    for outside in (
        RecipientInput(organ_id="000.00.00.G01", name="Văn phòng Chính phủ"),
        RecipientInput(email="vanthu@example.vn"),
    ):
        with pytest.raises(Conflict) as refused:
            office.create(secrecy="mat", recipients=[outside])
        assert refused.value.code == "secret_outside"
    with pytest.raises(Forbidden) as uncleared:
        office.create(author="lanhdaovp.thanhuy", secrecy="mat")
    assert uncleared.value.code == "not_cleared"


def test_a_unit_dissolved_without_successor_is_no_recipient(office):
    unit_close(by=None, unit=office.network.hoankiem)
    with pytest.raises(Conflict) as closed:
        office.create()
    assert closed.value.code == "recipient_closed"


def test_a_draft_can_be_cancelled_before_it_is_issued_but_not_after(office):
    outgoing = office.create(reviewers=("lanhdaovp.thanhuy",))
    outgoing_submit(by=outgoing.author, outgoing=outgoing)
    cancelled = outgoing_cancel(by=outgoing.author, outgoing=outgoing, reason="Không cần nữa")
    assert cancelled.status == OutgoingStatus.CANCELLED
    assert not cancelled.steps.filter(status="pending").exists()
    issued = office.issued()
    with pytest.raises(Conflict):
        outgoing_cancel(by=issued.author, outgoing=issued, reason="Muộn rồi")


def test_a_party_unit_without_a_term_or_a_place_cannot_number(office):
    from vanphong.org.services import unit_update_contacts

    district = office.signed(
        author="chuyenvien.badinh",
        unit=office.network.badinh,
        signer="lanhdao.badinh",
        content=office.party_draft("quận", signer="lanhdao.badinh"),
        recipients=[RecipientInput(unit=office.city)],
    )
    with pytest.raises(Conflict) as no_term:
        outgoing_issue(by=office.user("vanthu.badinh"), outgoing=district, passphrase=PASSPHRASE)
    assert no_term.value.code == "no_term"
    unit_update_contacts(by=None, unit=office.city, address="")
    outgoing = office.signed()
    with pytest.raises(Conflict) as no_place:
        outgoing_issue(by=office.user("vanthu.thanhuy"), outgoing=outgoing, passphrase=PASSPHRASE)
    assert no_place.value.code == "no_place"
    assert not Counter.objects.exists()


def test_create_with_a_file_seen_before_keeps_only_the_authors_metadata(office):
    content = office.party_draft("đã biết")
    first = office.create(content=content)
    with spool([content], name="lai.pdf") as spooled, transaction.atomic():
        again = outgoing_create(
            by=office.user("chuyenvien.thanhuy"),
            unit=office.city,
            files=[spooled],
            document_type="CT",
            subject="Bản thứ hai",
            signer=office.user("lanhdao.thanhuy"),
            recipients=[RecipientInput(unit=office.network.badinh)],
        )
    for outgoing in (first, again):
        document = outgoing.document
        document.refresh_from_db()
        assert (document.symbol, document.number, document.issued_date, document.place) == (
            "",
            "",
            None,
            "",
        )
