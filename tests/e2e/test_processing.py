"""The work on an incoming document in a real browser, the issue's check from end to end: the
clerk uploads a scan, sees the metadata OCR proposes and registers it, the office leader
directs it to a specialist with a deadline, the specialist finds it under "My work", accepts
it, reports half way and completes it, and the document page shows it done with every step of
its history in Vietnamese.

Each person has a browser context of their own (their own session), as on their own computer;
the specialist works on a phone-sized screen. See ``test_incoming`` for why the background job
runs while the browser's requests are held (SQLite shares one connection with the live server).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.conftest import require
from tests.e2e.conftest import PHONE, horizontal_overflow, htmx_settled, sign_in
from tests.e2e.test_incoming import hold_requests
from tests.factories import scan_png
from tests.incoming.test_views import vi
from vanphong.documents.text import ocr_available

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DOCUMENT_URL = re.compile(r"/incoming/\d+/$")
ASSIGNMENT_URL = re.compile(r"/work/\d+/$")


@pytest.fixture
def person_page(browser: Any, live_server: Any) -> Iterator[Callable[..., Any]]:
    """A signed-in page for a person, in a browser context of their own."""
    contexts = []

    def open_for(username: str, *, viewport: dict[str, int] | None = None) -> Any:
        options: dict[str, Any] = {"viewport": viewport} if viewport else {}
        context = browser.new_context(base_url=live_server.url, locale="en-US", **options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        sign_in(page, username)
        return page

    yield open_for
    for context in contexts:
        context.close()


def test_a_document_is_directed_worked_on_and_done(person_page, network, run_jobs):
    specialist_name = network.user("chuyenvien.badinh").get_full_name()
    deadline = timezone.localdate() + dt.timedelta(days=7)

    # (a) The clerk receives a scanned Vietnamese document; OCR proposes its metadata beside the
    # picture of the page, and the clerk registers it.
    require("tesseract-ocr-vie", ocr_available(), "apt-get install tesseract-ocr tesseract-ocr-vie")
    clerk = person_page("vanthu.badinh")
    clerk.goto("/incoming/new/")
    clerk.set_input_files(
        "input[name=uploads]",
        files=[{"name": "ban-chup.png", "mimeType": "image/png", "buffer": scan_png()}],
    )
    clerk.get_by_test_id("receive").click()
    clerk.wait_for_url(DOCUMENT_URL)
    with hold_requests(clerk):
        run_jobs()
    expect(clerk.get_by_test_id("text-status")).to_have_attribute("data-state", "done")
    expect(clerk.locator("#id_symbol")).to_have_value("15-CT/TU", timeout=10_000)
    expect(clerk.get_by_test_id("preview-image")).to_be_visible()
    htmx_settled(clerk)
    clerk.get_by_test_id("register").click()
    clerk.wait_for_url(DOCUMENT_URL)
    expect(clerk.get_by_test_id("arrival-number")).to_be_visible()
    document_url = clerk.url
    # The clerk sees the document, not the leader's form.
    expect(clerk.get_by_test_id("direction-form")).to_have_count(0)

    # (b) The office leader opens it from the list and writes the direction.
    leader = person_page("lanhdaovp.badinh")
    leader.goto("/incoming/")
    leader.get_by_test_id("incoming-list").locator("tr[data-id] a").first.click()
    leader.wait_for_url(DOCUMENT_URL)
    form = leader.get_by_test_id("direction-form")
    expect(form).to_be_visible()
    leader.fill("#id_text", "Giao đồng chí chuyên viên chủ trì tham mưu, báo cáo kết quả.")
    # The search box narrows the table to the person looked for (diacritics optional).
    search = form.get_by_test_id("assignee-filter")
    search.fill("nguoi chuyenvien.badinh")
    expect(form.locator("tr[data-key]:visible")).to_have_count(1)
    form.get_by_role("radio", name=vi("Lead: %(who)s", who=specialist_name)).check()
    search.fill("")
    expect(form.locator("tr[data-key]:visible")).not_to_have_count(1)
    leader.fill("#id_deadline", deadline.strftime("%d/%m/%Y"))
    leader.get_by_test_id("direct").click()
    leader.wait_for_url(DOCUMENT_URL)
    expect(leader.get_by_test_id("doc-header")).to_have_attribute("data-status", "in_progress")
    work = leader.get_by_test_id("assignments").locator("tr[data-assignment]")
    expect(work).to_have_count(1)
    expect(work.first).to_contain_text(specialist_name)
    expect(work.first).to_contain_text(deadline.strftime("%d/%m/%Y"))

    # (c) The specialist, on a phone, finds it under "My work" and does the work.
    specialist = person_page("chuyenvien.badinh", viewport=PHONE)
    specialist.get_by_role("link", name=vi("My work"), exact=True).click()
    specialist.wait_for_url("**/work/")
    expect(specialist.get_by_test_id("count-new")).to_have_text("1")
    assert horizontal_overflow(specialist) == 0
    row = specialist.get_by_test_id("work-list").locator("tr[data-id]")
    expect(row).to_have_count(1)
    expect(row).to_have_attribute("data-bucket", "new")
    row.locator("a").first.click()
    specialist.wait_for_url(ASSIGNMENT_URL)
    expect(specialist.get_by_test_id("direction")).to_contain_text("Giao đồng chí chuyên viên")
    assert horizontal_overflow(specialist) == 0

    specialist.get_by_test_id("accept").click()
    specialist.wait_for_url(ASSIGNMENT_URL)
    header = specialist.get_by_test_id("assignment-header")
    expect(header).to_have_attribute("data-status", "accepted")

    specialist.get_by_test_id("progress-box").locator("summary").click()
    specialist.fill("#id_percent", "50")
    specialist.fill("#id_note", "Đã xong dự thảo báo cáo")
    specialist.get_by_test_id("progress-form").locator("button[type=submit]").click()
    specialist.wait_for_url(ASSIGNMENT_URL)
    expect(header).to_have_attribute("data-status", "in_progress")
    expect(specialist.get_by_test_id("progress")).to_have_text("50%")

    specialist.get_by_test_id("complete-box").locator("summary").click()
    specialist.fill("#id_result", "Đã báo cáo Thường trực Quận ủy")
    specialist.get_by_test_id("complete-form").locator("button[type=submit]").click()
    specialist.wait_for_url(ASSIGNMENT_URL)
    expect(header).to_have_attribute("data-status", "done")
    expect(specialist.get_by_test_id("result")).to_have_text("Đã báo cáo Thường trực Quận ủy")
    assert horizontal_overflow(specialist) == 0
    specialist.get_by_test_id("document-link").click()
    specialist.wait_for_url(DOCUMENT_URL)

    # (d) The document is done, and its history tells every step in Vietnamese.
    leader.goto(document_url)
    expect(leader.get_by_test_id("doc-header")).to_have_attribute("data-status", "done")
    history = leader.get_by_test_id("history")
    for kind, label in [
        ("received", "Received"),
        ("registered", "Registered"),
        ("directed", "Direction written"),
        ("assigned", "Assigned"),
        ("accepted", "Accepted"),
        ("progress_reported", "Progress reported"),
        ("completed", "Work completed"),
        ("done", "Processing finished"),
    ]:
        step = history.locator(f"li[data-kind={kind}]")
        expect(step.locator(".step-label")).to_have_text(vi(label, "history step"))
    expect(history.locator("li[data-kind=directed]")).to_contain_text("Giao đồng chí")
    expect(history.locator("li[data-kind=assigned]")).to_contain_text(specialist_name)
    expect(history.locator("li[data-kind=progress_reported]")).to_contain_text("50%")
    expect(history.locator("li[data-kind=completed]")).to_contain_text("Đã báo cáo Thường trực")
    # Vietnamese, though the browser asked for English.
    assert vi("Received", "history step") == "Tiếp nhận"
    expect(leader.get_by_test_id("assignments").locator("tr[data-assignment]")).to_have_attribute(
        "data-status", "done"
    )
