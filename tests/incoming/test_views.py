"""The clerk's pages for văn bản đến: intake, review and registration, the document page and its
actions, in the browser's terms (Django's test client, pages read as a person reads them).

Texts are compared through the Vietnamese catalogue (``vi``): the interface is Vietnamese by
default, and the same assertion holds whichever words the translators settle on.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.test import Client, override_settings
from django.utils import timezone, translation

from tests.factories import (
    HEADER_PARTY,
    docx_bytes,
    encrypted_pdf_bytes,
    pdf_bytes,
    scan_png,
    upload,
    zero_page_pdf_bytes,
    zip_bytes,
)
from tests.web.dom import Node, parse
from vanphong.documents.models import Document, DocumentEvent, StoredFile, TextStatus
from vanphong.documents.storage import rejection_message, spool_upload
from vanphong.incoming.history import history_steps
from vanphong.incoming.models import IncomingDocument, IncomingStatus
from vanphong.incoming.services import incoming_receive, incoming_register
from vanphong.registers.services import register_create

META = {
    "issuer": "Thành ủy Hà Nội",
    "subject": "Về tăng cường công tác tham mưu",
    "symbol": "15-CT/TU",
    "issued_date": "2016-03-12",
    "document_type": "CT",
}
# The register form as a clerk sends it: every field, dates typed day first.
FORM = {
    "document_type": "CT",
    "symbol": "15-CT/TU",
    "issued_date": "12/03/2016",
    "issuer": "Thành ủy Hà Nội",
    "subject": "Về tăng cường công tác tham mưu của Văn phòng cấp ủy",
    "signer": "",
    "signer_position": "",
    "secrecy": "thuong",
    "urgency": "thuong",
    "due_date": "",
}


def vi(message: str, context: str | None = None, **params: Any) -> str:
    """``message`` as the Vietnamese interface shows it."""
    with translation.override("vi"):
        text = translation.pgettext(context, message) if context else translation.gettext(message)
    return text % params if params else text


def client_for(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def page_of(response: Any, status: int = 200) -> Node:
    assert response.status_code == status, (response.status_code, response.content[:2000])
    return parse(response.content)


def get(client: Client, url: str, status: int = 200) -> Node:
    return page_of(client.get(url), status)


def messages_of(node: Node) -> list[str]:
    return [p.text for p in node.find_all("p") if "message" in p.attrs.get("class", "").split()]


def receive(network, content=None, *, name="chi-thi.pdf", metadata=None, user="vanthu.badinh"):
    """A document received through the service, as another channel (API, e-mail) would."""
    content = pdf_bytes() if content is None else content
    with spool_upload(upload(name, content)) as spooled:
        return incoming_receive(
            by=network.user(user), unit=network.badinh, files=[spooled], metadata=metadata
        )


def registered(network, content=None, **metadata):
    incoming = receive(network, content, metadata={**META, **metadata})
    return incoming_register(by=network.user("vanthu.badinh"), incoming=incoming)


def field_value(form: Node, name: str) -> str:
    widget = form.find(name=name)
    assert widget is not None, name
    if widget.tag == "select":
        chosen = widget.find("option", selected=True)
        return chosen.attrs["value"] if chosen else ""
    if widget.tag == "textarea":
        return widget.text
    return widget.attrs.get("value", "")


def field_error(form: Node, name: str) -> str:
    error = form.find("small", id=f"id_{name}_error")
    return error.text if error else ""


def counts() -> tuple[int, int, int]:
    return Document.objects.count(), StoredFile.objects.count(), IncomingDocument.objects.count()


# --- intake -------------------------------------------------------------------------------


def test_intake_page_offers_a_file_input_that_works_without_script(network):
    intake = get(client_for(network.user("vanthu.badinh")), "/incoming/new/").get("intake-form")
    assert intake.attrs["enctype"] == "multipart/form-data"
    files = intake.find("input", type="file")
    assert files.attrs["name"] == "uploads"
    assert "multiple" in files.attrs
    # The main file is chosen by its number when no script lists the files with radio buttons.
    assert intake.find("input", name="main").attrs["value"] == "1"
    via = intake.find_all("input", name="received_via")
    assert [v.attrs["value"] for v in via] == ["upload", "email"]
    assert intake.find("input", name="received_via", checked=True).attrs["value"] == "upload"
    # Dates are typed day first, never the browser's picker.
    assert intake.find("input", name="issued_date").attrs["type"] == "text"
    assert intake.find("input", name="issued_date").attrs["placeholder"] == "dd/mm/yyyy"


def test_a_clerk_receives_several_files_and_picks_the_main_one(network, run_jobs):
    client = client_for(network.user("vanthu.badinh"))
    response = client.post(
        "/incoming/new/",
        {
            "uploads": [
                upload("phu-luc.pdf", pdf_bytes(["Phụ lục kèm theo", "Danh sách"])),
                upload("chi-thi.docx", docx_bytes(HEADER_PARTY), "application/octet-stream"),
                upload("ban-chup.png", scan_png(), "image/png"),
            ],
            "main": "2",
            "received_via": "email",
            "subject": "Do văn thư nhập",
            "secrecy": "thuong",
            "urgency": "khan",
        },
    )
    assert response.status_code == 302
    incoming = IncomingDocument.objects.get()
    assert response["Location"] == f"/incoming/{incoming.pk}/"
    assert incoming.received_via == "email"
    files = list(incoming.document.files.order_by("position"))
    assert [(f.name, f.is_main) for f in files] == [
        ("phu-luc.pdf", False),
        ("chi-thi.docx", True),
        ("ban-chup.png", False),
    ]
    document = incoming.document
    assert (document.subject, document.urgency) == ("Do văn thư nhập", "khan")

    review = page_of(client.get(response["Location"]))
    assert messages_of(review) == [
        vi("Received. Check what was read from the document, then register it.")
    ]
    status = review.get("text-status")
    assert status.attrs["hx-trigger"] == "every 2s"
    assert [li.attrs["data-file"] for li in status.find_all("li", data_state=True)] == [
        str(f.pk) for f in incoming.document.files.all()
    ]


@pytest.mark.parametrize(
    ("content", "name", "code"),
    [
        (b"", "trong.pdf", "empty_file"),
        (zero_page_pdf_bytes(), "khong-trang.pdf", "empty_pdf"),
        (encrypted_pdf_bytes(), "mat-khau.pdf", "encrypted_pdf"),
        (zip_bytes(), "van-ban.pdf", "archive"),
    ],
)
def test_refused_files_are_named_and_nothing_is_saved(network, content, name, code):
    before = counts()
    response = client_for(network.user("vanthu.badinh")).post(
        "/incoming/new/",
        {
            "uploads": [upload("tot.pdf", pdf_bytes()), upload(name, content)],
            "received_via": "upload",
            "subject": "Giữ lại",
        },
    )
    intake = page_of(response, 400)
    with translation.override("vi"):
        reason = rejection_message(code)
    assert messages_of(intake) == [
        vi("“%(name)s” was not accepted: %(reason)s", name=name, reason=reason),
        vi("Nothing was saved. Choose the files again."),
    ]
    assert counts() == before
    # What the clerk typed is still there; only the files must be chosen again.
    assert field_value(intake.get("intake-form"), "subject") == "Giữ lại"


def test_every_refused_file_is_named_at_once(network):
    response = client_for(network.user("vanthu.badinh")).post(
        "/incoming/new/",
        {"uploads": [upload("a.pdf", b""), upload("b.pdf", zip_bytes())], "received_via": "upload"},
    )
    shown = messages_of(page_of(response, 400))
    assert len(shown) == 3
    assert "a.pdf" in shown[0]
    assert "b.pdf" in shown[1]


@override_settings(MAX_UPLOAD_MB=1)
def test_a_file_over_the_limit_is_refused_with_the_limit(network):
    before = counts()
    big = b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 10)
    response = client_for(network.user("vanthu.badinh")).post(
        "/incoming/new/", {"uploads": [upload("qua-lon.pdf", big)], "received_via": "upload"}
    )
    intake = page_of(response, 413)
    with translation.override("vi"):
        assert messages_of(intake) == [rejection_message("too_large")]
    assert "1 MB" in messages_of(intake)[0]
    assert counts() == before


@override_settings(DATA_UPLOAD_MAX_NUMBER_FILES=2, MAX_UPLOAD_FILES=2)
def test_too_many_files_at_once_are_refused(network):
    before = counts()
    response = client_for(network.user("vanthu.badinh")).post(
        "/incoming/new/",
        {"uploads": [upload(f"{i}.pdf", pdf_bytes()) for i in range(3)], "received_via": "upload"},
    )
    assert messages_of(page_of(response, 413)) == [
        vi("At most %(count)d files can be sent at once.", count=2)
    ]
    assert counts() == before


def test_intake_without_a_file_or_with_a_wrong_main_number_is_answered_on_the_form(network):
    client = client_for(network.user("vanthu.badinh"))
    form = page_of(client.post("/incoming/new/", {"received_via": "upload"}), 400)
    assert field_error(form, "uploads") == vi("Choose the document's file.")
    form = page_of(
        client.post(
            "/incoming/new/",
            {"uploads": [upload("a.pdf", pdf_bytes())], "main": "3", "received_via": "upload"},
        ),
        400,
    )
    assert field_error(form, "main") == vi("There are only %(count)d files.", count=1)
    assert IncomingDocument.objects.count() == 0


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("issued_date", "30/02/2016"),  # no such day: the form says so
        ("issued_date", (timezone.localdate() + dt.timedelta(days=3)).strftime("%d/%m/%Y")),
        ("due_date", "01/01/1900"),  # the service's rule: before 1930 is not plausible
        ("document_type", "XYZ"),
        ("secrecy", "mat"),  # the clerk is not cleared for it
    ],
)
def test_impossible_metadata_at_intake_is_answered_by_field(network, field, value):
    before = counts()
    response = client_for(network.user("vanthu.badinh")).post(
        "/incoming/new/",
        {"uploads": [upload("a.pdf", pdf_bytes())], "received_via": "upload", field: value},
    )
    form = page_of(response, 400).get("intake-form")
    assert field_error(form, field)
    assert form.find(name=field).attrs.get("aria-invalid") == "true"
    assert counts() == before


def test_the_same_file_twice_in_one_intake_is_refused_on_the_form(network):
    content = pdf_bytes()
    response = client_for(network.user("vanthu.badinh")).post(
        "/incoming/new/",
        {"uploads": [upload("a.pdf", content), upload("b.pdf", content)], "received_via": "upload"},
    )
    errors = page_of(response, 400).get("form-errors").text
    assert errors == vi("The same file was attached twice.")
    assert IncomingDocument.objects.count() == 0


def test_only_a_clerk_receives(network):
    for username in ("chuyenvien.badinh", "lanhdaovp.badinh", "lanhdao.badinh", "quantri.badinh"):
        client = client_for(network.user(username))
        assert client.get("/incoming/new/").status_code == 403, username
        response = client.post(
            "/incoming/new/", {"uploads": [upload("a.pdf", pdf_bytes())], "received_via": "upload"}
        )
        assert response.status_code == 403, username
    assert IncomingDocument.objects.count() == 0
    anonymous = Client().get("/incoming/new/")
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/accounts/login/")


def test_intake_still_checks_the_csrf_token(network):
    client = Client(enforce_csrf_checks=True)
    client.force_login(network.user("vanthu.badinh"))
    data = {"uploads": [upload("a.pdf", pdf_bytes())], "received_via": "upload"}
    assert client.post("/incoming/new/", data).status_code == 403
    assert IncomingDocument.objects.count() == 0
    intake = get(client, "/incoming/new/")
    token = intake.find("input", name="csrfmiddlewaretoken").attrs["value"]
    data = {"uploads": [upload("a.pdf", pdf_bytes())], "received_via": "upload"}
    response = client.post("/incoming/new/", {**data, "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert IncomingDocument.objects.count() == 1


# --- review: reading progress, proposal, duplicates ---------------------------------------


def test_the_status_fragment_polls_until_the_text_is_read(network, run_jobs):
    incoming = receive(network)
    client = client_for(network.user("vanthu.badinh"))
    url = f"/incoming/{incoming.pk}/status/"
    waiting = client.get(url, HTTP_HX_REQUEST="true")
    fragment = parse(waiting.content).get("text-status")
    assert fragment.attrs["data-state"] == "pending"
    assert fragment.attrs["hx-get"] == url
    assert fragment.attrs["hx-trigger"] == "every 2s"
    assert vi("Waiting for text extraction") in fragment.text
    assert "HX-Trigger" not in waiting

    run_jobs()
    done = client.get(url, HTTP_HX_REQUEST="true")
    fragment = parse(done.content).get("text-status")
    assert fragment.attrs["data-state"] == "done"
    assert "hx-trigger" not in fragment.attrs  # polling stops
    assert vi("Text extracted") in fragment.text
    # The page redraws its form once, with what was read.
    assert done["HX-Trigger"] == "text-ready"


def test_polling_reloads_the_page_when_the_session_ended_or_the_document_is_gone(network):
    incoming = receive(network)
    url = f"/incoming/{incoming.pk}/status/"
    ended = Client().get(url, HTTP_HX_REQUEST="true")
    assert (ended.status_code, ended["HX-Refresh"]) == (200, "true")
    stranger = client_for(network.user("vanthu.hoankiem"))
    gone = stranger.get(url, HTTP_HX_REQUEST="true")
    assert (gone.status_code, gone["HX-Refresh"]) == (200, "true")
    assert stranger.get(url).status_code == 404  # without htmx: the plain answer


def test_the_review_page_shows_the_page_image_beside_the_proposal(network, run_jobs):
    incoming = receive(network)
    run_jobs()
    review = get(client_for(network.user("vanthu.badinh")), f"/incoming/{incoming.pk}/")
    panel = review.get("review-panel")
    assert panel.attrs["hx-trigger"] == "text-ready from:body"
    assert panel.get("preview-image").attrs["src"] == f"/incoming/{incoming.pk}/preview.png"
    form = panel.get("metadata-form")
    assert form.attrs["action"] == f"/incoming/{incoming.pk}/register/"
    assert field_value(form, "symbol") == "15-CT/TU"
    assert field_value(form, "issued_date") == "12/03/2016"
    assert field_value(form, "document_type") == "CT"
    assert not form.find(data_testid="hint-symbol")  # same as read: nothing to point out
    assert review.get("text-status").attrs["data-state"] == "done"
    assert "hx-trigger" not in review.get("text-status").attrs


def test_what_the_clerk_typed_stays_and_the_proposal_shows_as_a_hint(network, run_jobs):
    incoming = receive(network, metadata={"subject": "Do văn thư nhập"})
    run_jobs()
    client = client_for(network.user("vanthu.badinh"))
    form = get(client, f"/incoming/{incoming.pk}/").get("metadata-form")
    assert field_value(form, "subject") == "Do văn thư nhập"
    hint = form.get("hint-subject")
    assert "Về tăng cường công tác tham mưu" in hint.text
    button = hint.find("button")
    assert button.attrs["data-target"] == "id_subject"
    assert button.attrs["data-value"].startswith("Về tăng cường công tác tham mưu")

    # Redrawn once the text is read: what was typed on the open page comes with the request.
    typed = {"signer": "Nguyễn Văn A", "symbol": "", "urgency": "khan"}
    panel = page_of(client.post(f"/incoming/{incoming.pk}/panel/", typed, HTTP_HX_REQUEST="true"))
    form = panel.get("metadata-form")
    assert field_value(form, "signer") == "Nguyễn Văn A"
    assert field_value(form, "symbol") == "15-CT/TU"  # empty on the page: the proposal fills it
    assert field_value(form, "urgency") == "khan"


def test_the_panel_of_a_document_registered_meanwhile_sends_the_browser_to_its_page(network):
    incoming = registered(network)
    response = client_for(network.user("vanthu.badinh")).post(
        f"/incoming/{incoming.pk}/panel/", HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert response["HX-Redirect"] == f"/incoming/{incoming.pk}/"


def test_possible_duplicates_are_shown_with_links(network):
    first = registered(network)
    again = receive(network)  # the same file
    review = get(client_for(network.user("vanthu.badinh")), f"/incoming/{again.pk}/")
    duplicates = review.get("duplicates")
    assert duplicates.attrs["role"] == "alert"
    assert f"/incoming/{first.pk}/" in duplicates.links()
    assert vi("Arrival number %(number)s/%(year)s", number=1, year=first.arrival_year) in (
        duplicates.text
    )


def test_a_failed_reading_shows_the_error_and_can_be_retried(network, run_jobs, monkeypatch):
    from django_tasks_db.models import DBTaskResult

    from vanphong.documents import tasks

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(tasks, "extract_text", broken)
    incoming = receive(network, pdf_bytes(["Một văn bản khác hẳn", "Không có tiêu đề"]))
    run_jobs()
    monkeypatch.undo()
    DBTaskResult.objects.all().delete()  # the automatic retry is not due yet: retry by hand
    client = client_for(network.user("vanthu.badinh"))
    status = get(client, f"/incoming/{incoming.pk}/").get("text-status")
    assert status.attrs["data-state"] == "failed"
    assert "disk on fire" in status.get("text-error").text
    retry = status.find("form")
    assert status.get("retry").text == vi("Try again")

    # Without script: post and come back; with htmx: the fragment comes back, polling again.
    fragment = parse(client.post(retry.attrs["action"], HTTP_HX_REQUEST="true").content)
    assert fragment.get("text-status").attrs["hx-trigger"] == "every 2s"
    run_jobs()
    assert get(client, f"/incoming/{incoming.pk}/").get("text-status").attrs["data-state"] == (
        "done"
    )
    # Only the clerk may start it again.
    leader = client_for(network.user("lanhdaovp.badinh"))
    assert leader.post(retry.attrs["action"]).status_code == 403


def test_without_tesseract_the_page_says_how_to_install_it(network, run_jobs, monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    incoming = receive(network, scan_png(), name="ban-chup.png")
    run_jobs()
    status = get(client_for(network.user("vanthu.badinh")), f"/incoming/{incoming.pk}/").get(
        "text-status"
    )
    assert status.attrs["data-state"] == "no_ocr"
    assert "apt-get install tesseract-ocr tesseract-ocr-vie" in status.get("no-ocr").text
    assert status.has("retry")


def test_a_scan_being_read_says_ocr(network):
    incoming = receive(network, scan_png(), name="ban-chup.png")
    StoredFile.objects.filter(uses__document=incoming.document).update(
        text_status=TextStatus.RUNNING
    )
    status = get(client_for(network.user("vanthu.badinh")), f"/incoming/{incoming.pk}/").get(
        "text-status"
    )
    assert status.attrs["data-state"] == "ocr"
    assert vi("Reading the scan (OCR)…") in status.text


# --- register, return ---------------------------------------------------------------------


def test_a_clerk_registers_and_lands_on_the_document_page(network, run_jobs):
    incoming = receive(network)
    run_jobs()
    client = client_for(network.user("vanthu.badinh"))
    response = client.post(
        f"/incoming/{incoming.pk}/register/",
        {**FORM, "subject": "Về công tác tham mưu (đã sửa)", "urgency": "hoa_toc"},
        follow=True,
    )
    document_page = page_of(response)
    year = timezone.localdate().year
    assert messages_of(document_page) == [
        vi("Registered. Arrival number: %(number)s/%(year)s", number=1, year=year)
    ]
    header = document_page.get("doc-header")
    assert header.attrs["data-status"] == "registered"
    assert header.get("arrival-number").text == vi(
        "Arrival number %(number)s/%(year)s", number=1, year=year
    )
    assert header.get("subject").text == "Về công tác tham mưu (đã sửa)"
    assert header.get("urgency").text == "Hỏa tốc"
    assert header.find("h1").text == "Chỉ thị 15-CT/TU"
    steps = document_page.get("history").find_all("li", data_kind=True)
    # The clerk's corrections at registration are a step of their own, before the number.
    assert [s.attrs["data-kind"] for s in steps] == [
        "created",
        "received",
        "metadata_changed",
        "registered",
    ]
    assert vi("Registered", "history step") in steps[3].text
    assert not document_page.has("metadata-form")  # registered: the review form is gone
    incoming.refresh_from_db()
    assert (incoming.status, incoming.arrival_number) == ("registered", 1)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"issuer": ""}, "issuer"),  # the service requires issuer and subject
        ({"subject": "  "}, "subject"),
        ({"issued_date": "2099-01-01"}, "issued_date"),
        ({"issued_date": "hôm qua"}, "issued_date"),
        ({"urgency": "asap"}, "urgency"),
        ({"issued_date": "12/03/2016", "due_date": "01/03/2016"}, "due_date"),
    ],
)
def test_bad_input_at_registration_is_answered_on_the_page(network, changes, field):
    incoming = receive(network)
    response = client_for(network.user("vanthu.badinh")).post(
        f"/incoming/{incoming.pk}/register/", {**FORM, **changes}
    )
    form = page_of(response, 400).get("metadata-form")
    assert field_error(form, field), field
    incoming.refresh_from_db()
    assert (incoming.status, incoming.arrival_number) == ("received", None)


def test_an_erased_date_is_erased_not_silently_kept(network, run_jobs):
    incoming = receive(network)
    run_jobs()
    incoming.document.refresh_from_db()
    assert incoming.document.issued_date is not None  # read from the document
    response = client_for(network.user("vanthu.badinh")).post(
        f"/incoming/{incoming.pk}/register/", {**FORM, "issued_date": "", "due_date": ""}
    )
    assert response.status_code == 302
    incoming.refresh_from_db()
    incoming.document.refresh_from_db()
    assert (incoming.status, incoming.document.issued_date) == ("registered", None)
    assert incoming.deadline is None


def test_who_may_register(network):
    incoming = receive(network)
    url = f"/incoming/{incoming.pk}/register/"
    # The office leader sees what arrived but registering is the clerk's work.
    leader = client_for(network.user("lanhdaovp.badinh"))
    review = get(leader, f"/incoming/{incoming.pk}/")
    assert not review.has("metadata-form")
    assert review.has("attributes")
    assert leader.post(url, FORM).status_code == 403
    # A specialist does not even see an unregistered document; another unit's clerk neither.
    assert client_for(network.user("chuyenvien.badinh")).post(url, FORM).status_code == 404
    assert client_for(network.user("vanthu.hoankiem")).post(url, FORM).status_code == 404
    assert client_for(network.user("vanthu.hoankiem")).get(url[:-9]).status_code == 404
    incoming.refresh_from_db()
    assert incoming.status == IncomingStatus.RECEIVED
    # GET on an action is refused politely.
    assert client_for(network.user("vanthu.badinh")).get(url).status_code == 405


def test_a_clerk_acting_in_another_role_does_not_register(network):
    from vanphong.org.services import delegation_grant

    incoming = receive(network)
    leader = network.user("lanhdao.badinh")
    now = timezone.now()
    delegation = delegation_grant(
        by=leader,
        grantor=leader,
        grantee=network.user("vanthu.badinh"),
        unit=network.badinh,
        role="lanhdao",
        valid_from=now,
        valid_to=now + dt.timedelta(days=1),
        reason="Đi công tác",
    )
    client = client_for(network.user("vanthu.badinh"))
    client.post("/acting/", {"key": f"d{delegation.pk}"})
    assert client.post(f"/incoming/{incoming.pk}/register/", FORM).status_code == 403


def test_registering_twice_says_it_is_done_already(network):
    incoming = registered(network)
    client = client_for(network.user("vanthu.badinh"))
    landing = page_of(client.post(f"/incoming/{incoming.pk}/register/", FORM, follow=True))
    assert messages_of(landing) == [vi("This document has already been dealt with.")]
    incoming.refresh_from_db()
    assert incoming.arrival_number == 1


def test_return_to_sender_needs_a_reason_and_then_leaves_the_register_untouched(network):
    incoming = receive(network)
    client = client_for(network.user("vanthu.badinh"))
    url = f"/incoming/{incoming.pk}/return/"
    review = page_of(client.post(url, {"reason": ""}), 400)
    assert review.get("return-box").attrs.get("open") == ""
    assert field_error(review.get("return-form"), "reason")
    incoming.refresh_from_db()
    assert incoming.status == IncomingStatus.RECEIVED

    landing = page_of(client.post(url, {"reason": "Gửi nhầm đơn vị"}, follow=True))
    assert landing.has("filters")  # back on the list, ready for the next one
    assert len(messages_of(landing)) == 1
    incoming.refresh_from_db()
    assert (incoming.status, incoming.arrival_number) == ("returned", None)
    returned = get(client, f"/incoming/{incoming.pk}/")
    assert returned.get("closed-reason").text == "Gửi nhầm đơn vị"
    assert not returned.has("clerk-actions")
    steps = returned.get("history").find_all("li", data_kind=True)
    assert steps[-1].attrs["data-kind"] == "returned"
    assert "Gửi nhầm đơn vị" in steps[-1].text
    # A registered document is cancelled, not returned.
    other = registered(network, pdf_bytes(["Văn bản khác"]))
    landing = page_of(client.post(f"/incoming/{other.pk}/return/", {"reason": "Muộn"}, follow=True))
    assert messages_of(landing) == [
        vi("Only a document not yet registered can be returned; cancel the registration instead.")
    ]


# --- the document page: files, history, corrections, cancellation -----------------------


def test_the_document_page_shows_header_files_and_history(network, run_jobs):
    incoming = registered(network, urgency="khan", due_date="2026-12-31", signer="Nguyễn Văn A")
    run_jobs()
    document_page = get(client_for(network.user("lanhdao.badinh")), f"/incoming/{incoming.pk}/")
    header = document_page.get("doc-header")
    assert header.get("issuer").text == "Thành ủy Hà Nội"
    assert header.get("deadline").text == "31/12/2026"
    assert header.get("urgency").text == "Khẩn"
    assert not header.has("secrecy")
    [link] = document_page.get("files").find_all("a", data_testid="file-link")
    assert link.text == "chi-thi.pdf"
    assert link.attrs["href"] == (
        f"/incoming/{incoming.pk}/files/{incoming.document.files.get().pk}/"
    )
    # A leader reads; the clerk's actions are not offered.
    assert not document_page.has("clerk-actions")
    assert not document_page.has("receive-next")


def test_a_file_whose_bytes_are_gone_from_storage_is_the_404_page_and_an_error_logged(
    network, caplog
):
    incoming = registered(network, pdf_bytes(["Tệp sẽ bị mất khỏi kho"]))
    link = incoming.document.files.get()
    default_storage.delete(link.file.storage_name)
    client = client_for(network.user("vanthu.badinh"))
    get(client, f"/incoming/{incoming.pk}/files/{link.pk}/", status=404)
    assert any(
        r.levelname == "ERROR" and link.file.storage_name in r.getMessage() for r in caplog.records
    )


def test_a_clerk_corrects_the_information_and_the_history_keeps_before_and_after(network):
    incoming = registered(network)
    client = client_for(network.user("vanthu.badinh"))
    response = client.post(
        f"/incoming/{incoming.pk}/correct/",
        {**FORM, "subject": "Trích yếu đã sửa", "signer": "Nguyễn Văn A"},
        follow=True,
    )
    document_page = page_of(response)
    assert messages_of(document_page) == [vi("The information was corrected.")]
    step = document_page.get("history").find_all("li", data_kind="metadata_changed")[-1]
    assert vi("Information corrected", "history step") in step.text
    assert "Trích yếu đã sửa" in step.text
    assert "Về tăng cường công tác tham mưu" in step.text  # the value before
    incoming.document.refresh_from_db()
    assert incoming.document.signer == "Nguyễn Văn A"


def test_a_clerk_corrects_a_date_and_the_history_shows_it_day_first(network):
    incoming = registered(network)
    client = client_for(network.user("vanthu.badinh"))
    response = client.post(
        f"/incoming/{incoming.pk}/correct/", {**FORM, "issued_date": "13/03/2016"}, follow=True
    )
    step = page_of(response).get("history").find_all("li", data_kind="metadata_changed")[-1]
    assert "12/03/2016 → 13/03/2016" in step.text
    incoming.document.refresh_from_db()
    assert incoming.document.issued_date == dt.date(2016, 3, 13)


def test_bad_corrections_are_answered_on_the_page(network):
    incoming = registered(network)
    client = client_for(network.user("vanthu.badinh"))
    response = client.post(f"/incoming/{incoming.pk}/correct/", {**FORM, "symbol": "x" * 81})
    document_page = page_of(response, 400)
    assert document_page.get("correct-box").attrs.get("open") == ""
    assert field_error(document_page.get("correct-form"), "symbol")
    assert (
        client_for(network.user("lanhdao.badinh"))
        .post(f"/incoming/{incoming.pk}/correct/", FORM)
        .status_code
        == 403
    )


def test_cancelling_a_registration_needs_a_reason_and_keeps_the_number(network):
    incoming = registered(network)
    client = client_for(network.user("vanthu.badinh"))
    url = f"/incoming/{incoming.pk}/cancel/"
    document_page = page_of(client.post(url, {"reason": " "}), 400)
    assert field_error(document_page.get("cancel-form"), "reason")
    assert client_for(network.user("lanhdao.badinh")).post(url, {"reason": "x"}).status_code == 403

    document_page = page_of(client.post(url, {"reason": "Vào sổ nhầm"}, follow=True))
    assert messages_of(document_page) == [
        vi("The registration with arrival number %(number)s was cancelled.", number=1)
    ]
    assert document_page.get("doc-header").attrs["data-status"] == "cancelled"
    assert document_page.get("arrival-number")  # the number stays on the record
    step = document_page.get("history").find_all("li", data_kind="cancelled")[-1]
    assert vi("Registration cancelled", "history step") in step.text
    assert "Vào sổ nhầm" in step.text
    assert not document_page.has("clerk-actions")
    # The next registration takes the next number, never the cancelled one.
    assert registered(network, pdf_bytes(["Khác"])).arrival_number == 2
    again = page_of(client.post(url, {"reason": "Lần nữa"}, follow=True))
    assert messages_of(again) == [
        vi("Only a registered document can have its registration cancelled.")
    ]


# --- secrecy ---------------------------------------------------------------------------


def test_a_secret_document_is_invisible_to_a_leader_without_clearance(network):
    clerk = network.user("vanthu.badinh")
    clerk.clearance = 1
    clerk.save()
    register_create(
        by=None, unit=network.badinh, kind="incoming", name="Sổ văn bản mật đến", min_secrecy=1
    )
    secret = registered(network, pdf_bytes(["MẬT", *HEADER_PARTY]), secrecy="mat")
    leader = network.user("lanhdao.badinh")
    client = client_for(leader)
    assert client.get(f"/incoming/{secret.pk}/").status_code == 404
    file_id = secret.document.files.get().pk
    assert client.get(f"/incoming/{secret.pk}/files/{file_id}/").status_code == 404
    assert str(secret.pk) not in {
        row.attrs["data-id"] for row in get(client, "/incoming/").find_all("tr", data_id=True)
    }
    leader.clearance = 1
    leader.save()
    document_page = get(client_for(leader), f"/incoming/{secret.pk}/")
    assert document_page.get("secrecy").text == vi("Secret")


# --- never a 500 ---------------------------------------------------------------------


def test_odd_requests_get_a_4xx(network):
    incoming = receive(network)
    client = client_for(network.user("vanthu.badinh"))
    huge = 10**30
    for url in (
        f"/incoming/{huge}/",
        f"/incoming/{huge}/status/",
        f"/incoming/{huge}/preview.png",
        f"/incoming/{incoming.pk}/files/{huge}/",
        f"/incoming/{incoming.pk}/files/{huge}/searchable/",
        "/incoming/abc/",
    ):
        assert client.get(url).status_code == 404, url
    odd = {
        **FORM,
        "document_type": "<script>",
        "secrecy": "999",
        "urgency": "",
        "issued_date": "99/99/9999",
    }
    form = page_of(client.post(f"/incoming/{incoming.pk}/register/", odd), 400)
    assert field_error(form, "document_type")
    assert field_error(form, "secrecy")
    assert field_error(form, "issued_date")
    intake = client.post(
        "/incoming/new/",
        {"uploads": [upload("a.pdf", pdf_bytes())], "main": "abc", "received_via": "api"},
    )
    form = page_of(intake, 400)
    assert field_error(form, "main")
    assert field_error(form, "received_via")
    assert client.post(f"/incoming/{huge}/return/", {"reason": "x"}).status_code == 404
    assert client.post(f"/incoming/{incoming.pk}/files/{huge}/retry/").status_code == 404


# --- the history's labels --------------------------------------------------------------


def test_a_step_of_an_unknown_kind_is_shown_by_its_code(network):
    incoming = receive(network)
    unknown = DocumentEvent(
        document=incoming.document,
        kind="forwarded_by_fax",
        at=timezone.now(),
        data={"reason": "Máy fax"},
    )
    [step] = history_steps([unknown])
    assert (step.label, step.known) == ("forwarded_by_fax", False)
    assert step.details == [vi("Reason: %(reason)s", reason="Máy fax")]
