"""The outgoing register through the API: files for integrators, JSON errors for bad requests,
the same number of queries whatever the number of lines."""

from __future__ import annotations

import io
from urllib.parse import unquote

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.api.helpers import assert_json_error, bearer
from vanphong.registers.services import register_create, register_for

BOOK = "/api/v1/outgoing/registers/book"


def today_range() -> dict[str, str]:
    today = timezone.localdate().isoformat()
    return {"start": today, "end": today}


def symbols(content: bytes) -> list[str]:
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return [
        c.value
        for (c,) in sheet.iter_rows(min_col=1, max_col=1)
        if isinstance(c.value, str) and c.value.endswith("/TU")
    ]


def test_the_register_book_as_xlsx(office, issue, client):
    issue()
    issue(document_type="KH", subject="Về triển khai chương trình công tác")
    headers = bearer(office.user("vanthu.thanhuy"))
    response = client.get(BOOK, {**today_range(), "format": "xlsx"}, headers=headers)
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    name = unquote(response["Content-Disposition"].split("filename*=UTF-8''", 1)[1])
    day = f"{timezone.localdate():%d-%m-%Y}"
    assert name == f"Sổ đăng ký văn bản đi - Thành ủy - {day} - {day}.xlsx"
    assert symbols(response.content) == ["01-CT/TU", "01-KH/TU"]


def test_from_and_to_work_as_for_the_incoming_books(office, issue, client):
    issue()
    today = timezone.localdate().isoformat()
    headers = bearer(office.user("lanhdao.thanhuy"))
    response = client.get(BOOK, {"from": today, "to": today, "format": "xlsx"}, headers=headers)
    assert response.status_code == 200
    assert symbols(response.content) == ["01-CT/TU"]


def test_pdf_by_default_and_the_current_month_by_default(office, issue, client):
    issue()
    response = client.get(BOOK, headers=bearer(office.user("vanthu.thanhuy")))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")


def test_one_register_only(network, client):
    register_for(unit=network.city, kind="outgoing")
    other = register_create(by=None, unit=network.city, kind="outgoing", name="Sổ công văn đi")
    headers = bearer(network.user("vanthu.thanhuy"))
    response = client.get(
        BOOK, {**today_range(), "format": "xlsx", "register": other.pk}, headers=headers
    )
    assert response.status_code == 200
    assert "S%E1%BB%95%20c%C3%B4ng%20v%C4%83n%20%C4%91i" in response["Content-Disposition"]


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"start": "2026-03-31", "end": "2026-03-01"}, "range_reversed"),
        ({"start": "2025-01-01", "end": "2026-03-01"}, "range_too_long"),
        ({"start": "2026-02-30", "end": "2026-03-01"}, "invalid_date"),
        ({"start": "tomorrow", "end": "2026-03-01"}, "invalid_date"),
        ({"from": "2026-03-01", "to": "2026-13-01"}, "invalid_date"),
        ({"start": "0001-01-01", "end": "0001-01-02"}, "date_out_of_range"),
        ({"format": "docx"}, "invalid_format"),
        ({"register": "999999"}, "unknown_register"),
        ({"register": "x"}, "unknown_register"),
    ],
)
def test_bad_requests_are_json_errors(network, client, params, code):
    response = client.get(BOOK, params, headers=bearer(network.user("vanthu.thanhuy")))
    assert_json_error(response, 400, code)


def test_an_incoming_register_is_not_an_outgoing_one(network, client):
    incoming = register_for(unit=network.city, kind="incoming")
    response = client.get(
        BOOK, {"register": incoming.pk}, headers=bearer(network.user("vanthu.thanhuy"))
    )
    assert_json_error(response, 400, "unknown_register")


def test_who_may_ask(network, client):
    response = client.get(BOOK, headers=bearer(network.user("chuyenvien.thanhuy")))
    assert_json_error(response, 403, "books_forbidden")
    assert_json_error(client.get(BOOK), 401, "not_authenticated")


def test_the_endpoint_is_in_the_schema(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"][BOOK]["get"]
    assert operation["tags"] == ["registers"]
    names = {p["name"] for p in operation["parameters"]}
    assert {"start", "end", "format", "register"} <= names
    assert "`/print`" in operation["description"]  # where a long book is made
    assert "post" in schema["paths"][f"{BOOK}/print"]


def _count(client, headers) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(BOOK, {**today_range(), "format": "xlsx"}, headers=headers)
    assert response.status_code == 200
    return len(captured)


def test_queries_do_not_grow_with_the_book(office, issue, client, run_jobs):
    headers = bearer(office.user("vanthu.thanhuy"))
    issue()
    run_jobs()
    _count(client, headers)  # the token's first use is written down once
    few = _count(client, headers)
    for subject in ("Về công tác dân vận", "Về công tác kiểm tra", "Về công tác tổ chức"):
        issue(subject=subject)
    run_jobs()
    assert _count(client, headers) == few


def test_the_register_made_in_the_background(office, issue, client, run_jobs):
    from urllib.parse import urlencode

    first = issue()
    second = issue(document_type="KH", subject="Về triển khai chương trình công tác")
    run_jobs()
    headers = bearer(office.user("vanthu.thanhuy"))
    query = urlencode({**today_range(), "format": "xlsx"})
    asked = client.post(f"{BOOK}/print?{query}", headers=headers)
    assert asked.status_code == 202, asked.content[:300]
    body = asked.json()
    assert (body["book"], body["unit"], body["status"]) == ("outgoing", "thanhuy", "queued")
    run_jobs()
    made = client.get(body["url"], headers=headers).json()
    assert (made["status"], made["lines"]) == ("done", 2)
    response = client.get(made["file"], headers=headers)
    content = b"".join(response.streaming_content)
    assert symbols(content) == [first.document.symbol, second.document.symbol]
    bad = client.post(f"{BOOK}/print?format=docx", headers=headers)
    assert_json_error(bad, 400, "invalid_format")


def test_the_endpoints_that_make_books_in_the_background_are_in_the_schema(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    for path in (
        f"{BOOK}/print",
        "/api/v1/registers/incoming/book/print",
        "/api/v1/registers/incoming/tracking/print",
    ):
        operation = schema["paths"][path]["post"]
        assert operation["tags"] == ["registers"]
        assert "202" in operation["responses"]
    for path in (
        "/api/v1/registers/prints",
        "/api/v1/registers/prints/{print_id}",
        "/api/v1/registers/prints/{print_id}/file",
    ):
        assert schema["paths"][path]["get"]["tags"] == ["registers"]
