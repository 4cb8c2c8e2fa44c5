"""Văn bản đến in a real browser: a clerk receives a scan, checks what OCR read beside the page
image, corrects it, registers it; and the pages hold up on a phone, with drag and drop.

The background job runs in the test's own thread, like a worker would, while the browser waits
on the review page. With SQLite the live server shares the test's in-memory database connection,
so the browser's requests are held back (``hold_requests``) while the job runs and let through
as soon as it is done: the job and the page's polling never use that connection at once. On
PostgreSQL each has its own connection and the guard costs nothing.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.conftest import require
from tests.e2e.conftest import PHONE, horizontal_overflow, htmx_settled, sign_in
from tests.factories import pdf_bytes, scan_png
from tests.incoming.test_views import receive, vi
from vanphong.documents.text import ocr_available
from vanphong.incoming.models import IncomingDocument

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

REVIEW_URL = re.compile(r"/incoming/\d+/$")


@contextmanager
def hold_requests(page: Any) -> Iterator[None]:
    """Hold every request of the page until the block ends (see the module's docstring)."""
    page.route("**/*", lambda route: route.continue_())
    try:
        yield
    finally:
        page.unroute("**/*")


def test_clerk_receives_a_scan_checks_the_ocr_corrects_and_registers(page, network, run_jobs):
    require("tesseract-ocr-vie", ocr_available(), "apt-get install tesseract-ocr tesseract-ocr-vie")
    sign_in(page, "vanthu.badinh")
    page.goto("/incoming/")
    page.get_by_test_id("receive-link").click()
    page.wait_for_url("**/incoming/new/")

    page.set_input_files(
        "input[name=uploads]",
        files=[{"name": "ban-chup.png", "mimeType": "image/png", "buffer": scan_png()}],
    )
    # The script lists the file, chosen as the main document.
    chosen = page.get_by_test_id("chosen-files")
    expect(chosen.locator("li")).to_have_count(1)
    expect(chosen.locator("input[type=radio]")).to_be_checked()
    page.get_by_test_id("receive").click()
    page.wait_for_url(REVIEW_URL)

    # Nothing is read yet: the page waits and polls; the form is empty. The clerk starts
    # typing what the scan will not say.
    status = page.get_by_test_id("text-status")
    expect(status).to_have_attribute("data-state", "pending")
    expect(page.locator("#id_symbol")).to_have_value("")
    page.fill("#id_signer", "Nguyễn Văn A")

    # The worker reads the scan with OCR while the page waits.
    with hold_requests(page):
        assert run_jobs() >= 1
    expect(status).to_have_attribute("data-state", "done", timeout=20_000)
    # The proposal appears in the form beside the picture of the page, without a reload,
    # and what the clerk typed meanwhile stays.
    expect(page.locator("#id_symbol")).to_have_value("15-CT/TU", timeout=10_000)
    expect(page.locator("#id_issued_date")).to_have_value("12/03/2016")
    expect(page.locator("#id_document_type")).to_have_value("CT")
    expect(page.locator("#id_signer")).to_have_value("Nguyễn Văn A")
    image = page.get_by_test_id("preview-image")
    expect(image).to_be_visible()
    # The picture may still be arriving when the element is shown: wait for its pixels.
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=image.element_handle(), timeout=10_000
    )

    # The clerk corrects the subject, then registers from the keyboard (Enter in a field).
    subject = "Về tăng cường công tác tham mưu của Văn phòng cấp ủy (bản chụp)"
    page.fill("#id_subject", subject)
    page.press("#id_signer", "Enter")
    page.wait_for_url(REVIEW_URL)

    year = timezone.localdate().year
    arrival = page.get_by_test_id("arrival-number")
    expect(arrival).to_have_text(vi("Arrival number %(number)s/%(year)s", number=1, year=year))
    expect(page.get_by_test_id("subject")).to_have_text(subject)
    history = page.get_by_test_id("history")
    for kind, label in [
        ("received", vi("Received", "history step")),
        ("registered", vi("Registered", "history step")),
    ]:
        expect(history.locator(f"li[data-kind={kind}] .step-label")).to_have_text(label)
    expect(page.get_by_test_id("searchable-link")).to_be_visible()
    incoming = IncomingDocument.objects.select_related("document").get()
    assert (incoming.arrival_number, incoming.document.signer) == (1, "Nguyễn Văn A")


def test_intake_by_drag_and_drop_and_the_pages_fit_a_phone(page, network, run_jobs):
    sign_in(page, "vanthu.badinh")
    page.set_viewport_size(PHONE)
    page.goto("/incoming/new/")
    assert horizontal_overflow(page) == 0

    # Two files dropped on the zone; the second is picked as the document itself.
    attachment = base64.b64encode(pdf_bytes(["Phụ lục", "Danh sách kèm theo"])).decode()
    document = base64.b64encode(pdf_bytes()).decode()
    page.evaluate(
        """([files]) => {
            const transfer = new DataTransfer();
            for (const [name, data] of files) {
                const bytes = Uint8Array.from(atob(data), c => c.charCodeAt(0));
                transfer.items.add(new File([bytes], name, {type: "application/pdf"}));
            }
            const zone = document.querySelector("[data-testid=dropzone]");
            zone.dispatchEvent(new DragEvent("drop", {dataTransfer: transfer, bubbles: true}));
        }""",
        [[["phu-luc.pdf", attachment], ["chi-thi.pdf", document]]],
    )
    items = page.get_by_test_id("chosen-files").locator("li")
    expect(items).to_have_count(2)
    items.nth(1).locator("input[type=radio]").check()
    # An empty file is named before anything is sent, and can be taken out again.
    page.evaluate(
        """() => {
            const transfer = new DataTransfer();
            transfer.items.add(new File([], "trong.pdf", {type: "application/pdf"}));
            const zone = document.querySelector("[data-testid=dropzone]");
            zone.dispatchEvent(new DragEvent("drop", {dataTransfer: transfer, bubbles: true}));
        }"""
    )
    problems = page.get_by_test_id("file-problems")
    expect(problems).to_contain_text("trong.pdf")
    page.get_by_test_id("receive").click()
    assert page.url.endswith("/incoming/new/")  # held back
    items.nth(2).locator(".remove-file").click()
    expect(problems).to_be_hidden()
    expect(items).to_have_count(2)
    expect(items.nth(1).locator("input[type=radio]")).to_be_checked()
    page.get_by_test_id("receive").click()
    page.wait_for_url(REVIEW_URL)

    incoming = IncomingDocument.objects.get()
    files = list(incoming.document.files.order_by("position"))
    assert [(f.name, f.is_main) for f in files] == [("phu-luc.pdf", False), ("chi-thi.pdf", True)]
    # A text layer is read at once: the form is filled before any OCR.
    expect(page.locator("#id_symbol")).to_have_value("15-CT/TU")
    with hold_requests(page):
        run_jobs()
    expect(page.get_by_test_id("text-status")).to_have_attribute("data-state", "done")
    htmx_settled(page)  # the form is redrawn with what was read: click once it has settled
    assert horizontal_overflow(page) == 0
    page.get_by_test_id("register").click()
    page.wait_for_url(REVIEW_URL)
    expect(page.get_by_test_id("arrival-number")).to_be_visible()
    assert horizontal_overflow(page) == 0
    page.goto("/incoming/")
    expect(page.get_by_test_id("incoming-list").locator("tr[data-id]")).to_have_count(1)
    assert horizontal_overflow(page) == 0


def test_a_value_read_from_the_document_is_taken_with_one_click(page, network, run_jobs):
    incoming = receive(network, metadata={"subject": "Do văn thư nhập"})
    run_jobs()
    sign_in(page, "vanthu.badinh")
    page.goto(f"/incoming/{incoming.pk}/")
    subject = page.locator("#id_subject")
    expect(subject).to_have_value("Do văn thư nhập")
    hint = page.get_by_test_id("hint-subject")
    expect(hint).to_contain_text("Về tăng cường công tác tham mưu")
    hint.get_by_role("button").click()
    expect(subject).to_have_value("Về tăng cường công tác tham mưu của Văn phòng cấp ủy")
    expect(subject).to_be_focused()
