"""Text extraction, OCR and the metadata proposal of received documents (background jobs)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import require
from tests.factories import HEADER_PARTY, docx_bytes, pdf_bytes, scan_png, upload
from vanphong.documents.models import StoredFile, TextStatus
from vanphong.documents.services import file_text_retry
from vanphong.documents.storage import spool_upload
from vanphong.documents.text import ocr_available
from vanphong.incoming.services import incoming_receive


def receive(network, name, content, content_type="application/pdf"):
    with spool_upload(upload(name, content, content_type)) as spooled:
        return incoming_receive(
            by=network.user("vanthu.badinh"), unit=network.badinh, files=[spooled]
        )


def test_text_pdf_gets_its_text_and_a_proposal_without_ocr(network, run_jobs):
    incoming = receive(network, "chi-thi.pdf", pdf_bytes())
    assert run_jobs() >= 1
    stored = StoredFile.objects.get(uses__document=incoming.document)
    assert stored.text_status == TextStatus.DONE
    assert stored.ocr_pages == 0
    assert "tham mưu" in stored.text
    assert stored.preview_name  # a picture of page 1 to show beside the form
    document = incoming.document
    document.refresh_from_db()
    assert (document.symbol, document.issued_date) == ("15-CT/TU", dt.date(2016, 3, 12))
    assert document.document_type == "CT"
    assert document.proposal["symbol"] == "15-CT/TU"


def test_a_clerk_s_values_are_never_overwritten_by_the_proposal(network, run_jobs):
    with spool_upload(upload("chi-thi.pdf", pdf_bytes())) as spooled:
        incoming = incoming_receive(
            by=network.user("vanthu.badinh"),
            unit=network.badinh,
            files=[spooled],
            metadata={"symbol": "15-CT/TU", "subject": "Do văn thư nhập"},
        )
    run_jobs()
    incoming.document.refresh_from_db()
    assert incoming.document.subject == "Do văn thư nhập"
    assert incoming.document.issued_date == dt.date(2016, 3, 12)


def test_docx_text_is_read(network, run_jobs):
    incoming = receive(
        network, "cong-van.docx", docx_bytes(HEADER_PARTY), "application/octet-stream"
    )
    run_jobs()
    stored = StoredFile.objects.get(uses__document=incoming.document)
    assert (stored.kind, stored.text_status) == ("docx", TextStatus.DONE)
    assert "CHỈ THỊ" in stored.text


@pytest.mark.slow
def test_a_scan_is_ocrd_made_searchable_and_proposes_metadata(network, run_jobs):
    require("tesseract-ocr-vie", ocr_available(), "apt-get install tesseract-ocr-vie")
    incoming = receive(network, "ban-chup.png", scan_png(), "image/png")
    run_jobs()
    stored = StoredFile.objects.get(uses__document=incoming.document)
    assert stored.text_status == TextStatus.DONE, stored.text_error
    assert stored.ocr_pages == 1
    assert "tham mưu" in stored.text.lower()
    assert stored.searchable is not None
    assert stored.searchable.kind == "pdf"
    assert "tham mưu" in stored.searchable.text.lower()
    incoming.document.refresh_from_db()
    assert incoming.document.symbol == "15-CT/TU"
    assert incoming.document.issued_date == dt.date(2016, 3, 12)


def test_without_tesseract_the_file_says_so_and_keeps_the_text_layer(
    network, run_jobs, monkeypatch
):
    monkeypatch.setenv("PATH", "/nonexistent")
    incoming = receive(network, "ban-chup.png", scan_png(), "image/png")
    run_jobs()
    stored = StoredFile.objects.get(uses__document=incoming.document)
    assert stored.text_status == TextStatus.NO_OCR
    assert "tesseract" in stored.text_error


def test_a_failed_extraction_is_shown_and_can_be_retried(network, run_jobs, monkeypatch):
    from vanphong.documents import tasks

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(tasks, "extract_text", broken)
    incoming = receive(network, "chi-thi.pdf", pdf_bytes())
    run_jobs()
    stored = StoredFile.objects.get(uses__document=incoming.document)
    assert stored.text_status == TextStatus.FAILED
    assert "disk on fire" in stored.text_error
    monkeypatch.undo()
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.all().delete()  # the automatic retry is not due yet; retry by hand
    file_text_retry(by=network.user("vanthu.badinh"), stored=stored)
    run_jobs()
    stored.refresh_from_db()
    assert stored.text_status == TextStatus.DONE
