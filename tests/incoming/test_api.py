"""The incoming documents API, as an integrator calls it: multipart uploads, JSON errors."""

from __future__ import annotations

import contextlib
import time

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from tests.api.helpers import API, assert_json_error, bearer
from tests.conftest import require
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
from vanphong.core import paging
from vanphong.documents.models import Document, StoredFile
from vanphong.documents.text import ocr_available
from vanphong.incoming.models import IncomingDocument


@pytest.fixture
def clerk(network, client):
    client.defaults.update(
        {f"HTTP_{k.upper()}": v for k, v in bearer(network.user("vanthu.badinh")).items()}
    )
    return client


def post_incoming(client, *files, **fields):
    return client.post(f"{API}/incoming", {"file": list(files), **fields})


# Extract ---------------------------------------------------------------------------------------


def test_extract_proposes_metadata_from_a_text_pdf_and_stores_nothing(clerk):
    stored = StoredFile.objects.count()
    response = clerk.post(f"{API}/extract", {"file": upload("ct.pdf", pdf_bytes())})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["symbol"] == "15-CT/TU"
    assert (body["number"], body["notation"], body["document_type"]) == ("15", "CT/TU", "CT")
    assert body["issued_date"] == "2016-03-12"
    assert body["issuer"] == "Thành ủy Hà Nội"
    assert body["text_source"] == "layer"
    assert set(body) >= {
        "place",
        "subject",
        "signer",
        "signer_position",
        "authority",
        "secrecy",
        "urgency",
        "due_date",
    }
    assert StoredFile.objects.count() == stored


def test_extract_reads_a_docx(clerk):
    response = clerk.post(
        f"{API}/extract", {"file": upload("cv.docx", docx_bytes(HEADER_PARTY), "text/plain")}
    )
    assert response.status_code == 200
    assert response.json()["symbol"] == "15-CT/TU"


@pytest.mark.slow
def test_extract_ocrs_a_scan(clerk):
    require("tesseract-ocr-vie", ocr_available(), "apt-get install tesseract-ocr-vie")
    response = clerk.post(f"{API}/extract", {"file": upload("scan.png", scan_png(), "image/png")})
    body = response.json()
    assert (body["text_source"], body["symbol"], body["issued_date"]) == (
        "ocr",
        "15-CT/TU",
        "2016-03-12",
    )


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "empty_file"),
        (zero_page_pdf_bytes(), "empty_pdf"),
        (encrypted_pdf_bytes(), "encrypted_pdf"),
        (zip_bytes(), "archive"),
    ],
)
def test_extract_refuses_bad_files_with_json(clerk, content, code):
    assert_json_error(clerk.post(f"{API}/extract", {"file": upload("x.pdf", content)}), 400, code)


def test_extract_without_a_file_is_a_422(clerk):
    assert_json_error(clerk.post(f"{API}/extract", {}), 422, "validation_error")


# Receive and register --------------------------------------------------------------------------


def test_receive_with_register_gives_the_arrival_number_at_once(clerk):
    response = post_incoming(clerk, upload("ct.pdf", pdf_bytes()), register="true")
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["status"], body["arrival_number"]) == ("registered", 1)
    assert body["symbol"] == "15-CT/TU"  # read from the text layer during the request
    assert body["files"][0]["is_main"] is True
    assert [e["kind"] for e in body["history"]] == ["created", "received", "registered"]


def test_receive_with_metadata_and_attachments(clerk):
    response = post_incoming(
        clerk,
        upload("ct.pdf", pdf_bytes()),
        upload("phu-luc.docx", docx_bytes(["Phụ lục"])),
        issuer="Thành ủy Hà Nội",
        subject="Chỉ thị về công tác tham mưu",
        secrecy="thuong",
        urgency="khan",
        issued_date="2016-03-12",
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["status"], body["urgency"], body["subject"]) == (
        "received",
        "khan",
        "Chỉ thị về công tác tham mưu",
    )
    assert [f["name"] for f in body["files"]] == ["ct.pdf", "phu-luc.docx"]
    registered = clerk.post(
        f"{API}/incoming/{body['id']}/register", content_type="application/json"
    )
    assert registered.status_code == 200
    assert registered.json()["arrival_number"] == 1


def test_register_at_once_without_issuer_keeps_nothing(clerk):
    documents = Document.objects.count()
    png = scan_png()  # no text layer: nothing to read the issuer from during the request
    response = post_incoming(clerk, upload("scan.png", png, "image/png"), register="true")
    body = assert_json_error(response, 400, "metadata_required")
    assert set(body["params"]["errors"]) == {"issuer", "subject"}
    assert Document.objects.count() == documents
    assert not IncomingDocument.objects.exists()


@pytest.mark.parametrize(
    ("fields", "status", "code"),
    [
        ({"issued_date": "2099-01-01"}, 400, "invalid_metadata"),
        ({"issued_date": "12/03/2016"}, 400, "invalid_metadata"),
        ({"secrecy": "top"}, 400, "invalid_metadata"),
        ({"main": "3"}, 400, "invalid_main"),
        ({"received_via": "pigeon"}, 422, "validation_error"),
    ],
)
def test_receive_refuses_bad_metadata_with_json(clerk, fields, status, code):
    response = post_incoming(clerk, upload("ct.pdf", pdf_bytes()), **fields)
    assert_json_error(response, status, code)
    assert not IncomingDocument.objects.exists()


def test_receive_refuses_a_zip_named_pdf_and_keeps_nothing(clerk):
    response = post_incoming(clerk, upload("ct.pdf", pdf_bytes()), upload("x.pdf", zip_bytes()))
    body = assert_json_error(response, 400, "archive")
    assert body["params"]["file"] == "x.pdf"
    assert not StoredFile.objects.exists()


@override_settings(MAX_UPLOAD_MB=1)
def test_an_upload_over_the_limit_is_a_413(clerk):
    big = pdf_bytes() + b"%" + b"0" * (2 * 1024 * 1024)
    response = post_incoming(clerk, upload("big.pdf", big))
    assert_json_error(response, 413, "too_large")
    assert not IncomingDocument.objects.exists()


def test_only_a_clerk_receives(network, client):
    client.defaults.update(
        {"HTTP_AUTHORIZATION": bearer(network.user("chuyenvien.badinh"))["Authorization"]}
    )
    assert_json_error(post_incoming(client, upload("ct.pdf", pdf_bytes())), 403, "forbidden")


def test_a_bad_token_on_a_post_is_a_401_not_a_csrf_error(client, db):
    response = client.post(
        f"{API}/incoming",
        {"file": upload("ct.pdf", pdf_bytes())},
        HTTP_AUTHORIZATION="Bearer vp_nonsense",
    )
    assert_json_error(response, 401, "not_authenticated")


# Read, list, return, cancel ------------------------------------------------------------------


def test_other_units_and_specialists_cannot_read_it(network, clerk, client):
    item = post_incoming(clerk, upload("ct.pdf", pdf_bytes()), register="true").json()
    for username in ("vanthu.hoankiem", "chuyenvien.badinh"):
        headers = bearer(network.user(username))
        response = client.get(
            f"{API}/incoming/{item['id']}", HTTP_AUTHORIZATION=headers["Authorization"]
        )
        assert_json_error(response, 404, "incoming_not_found")
    leader = bearer(network.user("lanhdao.badinh"))["Authorization"]
    assert client.get(f"{API}/incoming/{item['id']}", HTTP_AUTHORIZATION=leader).status_code == 200
    listed = client.get(f"{API}/incoming", HTTP_AUTHORIZATION=leader).json()
    assert [r["id"] for r in listed["results"]] == [item["id"]]


def test_return_and_cancel_with_conflicts_as_409(clerk):
    received = post_incoming(clerk, upload("ct.pdf", pdf_bytes())).json()
    assert_json_error(
        clerk.post(
            f"{API}/incoming/{received['id']}/return",
            {"reason": " "},
            content_type="application/json",
        ),
        400,
        "reason_required",
    )
    returned = clerk.post(
        f"{API}/incoming/{received['id']}/return",
        {"reason": "Gửi nhầm đơn vị"},
        content_type="application/json",
    )
    assert returned.json()["status"] == "returned"
    assert_json_error(
        clerk.post(f"{API}/incoming/{received['id']}/register", content_type="application/json"),
        409,
        "not_received",
    )
    registered = post_incoming(
        clerk, upload("b.pdf", pdf_bytes([*HEADER_PARTY, "b"])), register="true"
    ).json()
    cancelled = clerk.post(
        f"{API}/incoming/{registered['id']}/cancel",
        {"reason": "Nhầm"},
        content_type="application/json",
    )
    assert (cancelled.json()["status"], cancelled.json()["arrival_number"]) == ("cancelled", 1)


def test_list_filters_pages_and_refuses_bad_paging(clerk, index_all):
    for i in range(3):
        post_incoming(
            clerk, upload(f"{i}.pdf", pdf_bytes([*HEADER_PARTY, f"bản {i}"])), register="true"
        )
    post_incoming(clerk, upload("r.pdf", pdf_bytes(["Báo cáo", "Quận ủy Ba Đình"])))
    page = clerk.get(f"{API}/incoming", {"page_size": 2}).json()
    assert (page["count"], len(page["results"])) == (4, 2)
    registered = clerk.get(f"{API}/incoming", {"status": "registered"}).json()
    assert sorted(r["arrival_number"] for r in registered["results"]) == [1, 2, 3]
    index_all()
    assert clerk.get(f"{API}/incoming", {"q": "15-CT"}).json()["count"] == 3
    assert_json_error(clerk.get(f"{API}/incoming", {"page_size": 1000}), 400, "invalid_paging")
    # A page number too large for the database is bad input, not a failure.
    assert_json_error(clerk.get(f"{API}/incoming", {"page": 10**30}), 400, "invalid_paging")
    assert_json_error(clerk.get(f"{API}/incoming", {"status": "lost"}), 422, "validation_error")
    assert_json_error(
        clerk.get(f"{API}/incoming", {"arrived_from": "2026-02-01", "arrived_to": "2026-01-01"}),
        400,
        "invalid_range",
    )


def test_the_list_count_stops_at_the_cap_and_a_client_still_reads_every_page(clerk, monkeypatch):
    monkeypatch.setattr(paging, "COUNT_CAP", 2)  # stands for 1,000: the same rules, 5 documents
    for i in range(5):
        post_incoming(clerk, upload(f"{i}.pdf", pdf_bytes([*HEADER_PARTY, f"bản {i}"])))
    newest_first = list(
        IncomingDocument.objects.order_by("-received_at", "-pk").values_list("pk", flat=True)
    )

    def listing(page):
        body = clerk.get(f"{API}/incoming", {"page": page, "page_size": 1}).json()
        return body["count"], body["count_is_lower_bound"], [r["id"] for r in body["results"]]

    # The count reaches the end of the next page: more than that while more remain.
    assert listing(1) == (2, True, newest_first[:1])
    assert listing(3) == (4, True, newest_first[2:3])
    assert listing(4) == (5, False, newest_first[3:4])
    assert listing(9) == (5, False, [])
    # A client paging "while page * page_size < count" reads every document once.
    read, page = [], 1
    while True:
        count, _, ids = listing(page)
        read += ids
        if page >= count:
            break
        page += 1
    assert read == newest_first
    # Nothing found: exactly none.
    assert clerk.get(f"{API}/incoming", {"q": "không có"}).json() | {"results": None} == {
        "count": 0,
        "count_is_lower_bound": False,
        "page": 1,
        "page_size": 20,
        "results": None,
    }
    schema = clerk.get(f"{API}/openapi.json").json()["components"]["schemas"]["IncomingPage"]
    assert schema["properties"]["count_is_lower_bound"]["description"]
    assert "count_is_lower_bound" in schema["required"]


def test_list_query_count_does_not_grow_with_documents(clerk, django_assert_max_num_queries):
    post_incoming(clerk, upload("0.pdf", pdf_bytes()), register="true")
    with CaptureQueriesContext(connection) as one:
        clerk.get(f"{API}/incoming")
    queries = len(one.captured_queries)  # read now: each request resets Django's query log
    for i in range(1, 8):
        post_incoming(
            clerk, upload(f"{i}.pdf", pdf_bytes([*HEADER_PARTY, f"bản {i}"])), register="true"
        )
    with django_assert_max_num_queries(queries):
        response = clerk.get(f"{API}/incoming")
    assert response.json()["count"] == 8
    # The token with its person, the roles (one query, read once), the page's ids with the
    # count (one statement over the branches of the rule), the page's rows.
    assert queries == 4


def test_the_detail_does_not_reveal_secret_duplicates(network, clerk, client):
    secret_clerk = network.user("vanthu.badinh")
    secret_clerk.clearance = 1
    secret_clerk.save()
    secret = post_incoming(
        clerk, upload("ct.pdf", pdf_bytes()), secrecy="mat", register="true"
    ).json()
    ordinary = post_incoming(clerk, upload("ct.pdf", pdf_bytes()), register="true").json()
    assert secret["id"] in ordinary["possible_duplicates"]  # the cleared clerk sees both
    leader = bearer(network.user("lanhdao.badinh"))["Authorization"]
    body = client.get(f"{API}/incoming/{ordinary['id']}", HTTP_AUTHORIZATION=leader).json()
    assert body["possible_duplicates"] == []
    assert body["duplicate_of"] is None


@pytest.mark.slow
def test_a_200_mb_upload_to_vanphong_serve_is_refused_before_it_is_read(instance):
    """A real 200 MB request on a real socket to `vanphong serve`: the server answers 413 from
    the declared length, before the body arrives, and nothing is written."""
    import http.client

    from tests.core.support import free_port

    port = free_port()
    server = instance.start("serve", f"127.0.0.1:{port}", VANPHONG_MAX_UPLOAD_MB="10")
    instance.wait_for(lambda: _healthy(port, server, instance), timeout=30, what="/healthz")
    size = 200 * 1024 * 1024
    started = time.monotonic()
    connection_ = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection_.putrequest("POST", f"{API}/incoming")
    connection_.putheader("Content-Type", "multipart/form-data; boundary=x")
    connection_.putheader("Content-Length", str(size))
    connection_.endheaders()
    with contextlib.suppress(BrokenPipeError, ConnectionResetError):
        connection_.send(b"--x\r\n" + b"0" * (1024 * 1024))
    response = connection_.getresponse()
    response.read()
    connection_.close()
    assert response.status == 413
    assert time.monotonic() - started < 10  # it did not wait for 200 MB
    assert instance.sql("SELECT COUNT(*) FROM documents_storedfile") == [(0,)]
    server.terminate()
    server.wait(timeout=30)


def _healthy(port, server, instance):
    import urllib.request

    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as answer:
            return answer.status == 200
    except OSError:
        assert server.poll() is None, instance.output(server)
        return False
