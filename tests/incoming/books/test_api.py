"""The books through the API: files for integrators, JSON errors for bad requests."""

from __future__ import annotations

import datetime as dt
import io
from urllib.parse import unquote

import openpyxl
import pypdfium2 as pdfium
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.helpers import API, assert_json_error, bearer
from vanphong.registers.services import register_create

BOOK = "/api/v1/registers/incoming/book"
TRACKING = "/api/v1/registers/incoming/tracking"
MARCH = {"from": "2026-03-01", "to": "2026-03-31"}


def test_the_register_book_as_xlsx(network, arrive, client):
    arrive(dt.date(2026, 3, 2))
    arrive(dt.date(2026, 4, 1))  # outside the period
    response = client.get(
        BOOK, {**MARCH, "format": "xlsx"}, headers=bearer(network.user("vanthu.badinh"))
    )
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    name = unquote(response["Content-Disposition"].split("filename*=UTF-8''", 1)[1])
    assert name == "Sổ đăng ký văn bản đến - Quận ủy Ba Đình - 01-03-2026 - 31-03-2026.xlsx"
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    numbers = [
        c.value for (c,) in sheet.iter_rows(min_col=2, max_col=2) if isinstance(c.value, int)
    ]
    assert numbers == [1]


def test_the_tracking_sheet_as_pdf_by_default(network, arrive, client):
    arrive(dt.date(2026, 3, 2), subject="Về công tác dân vận")
    response = client.get(TRACKING, MARCH, headers=bearer(network.user("lanhdao.badinh")))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pdf = pdfium.PdfDocument(response.content)
    assert "Về công tác dân vận" in pdf[0].get_textpage().get_text_range()


def test_one_register_only(network, arrive, client):
    clerk = network.user("vanthu.badinh")
    clerk.clearance = 1
    clerk.save()
    secret = register_create(
        by=None, unit=network.badinh, kind="incoming", name="Sổ văn bản mật đến", min_secrecy=1
    )
    arrive(dt.date(2026, 3, 2))
    arrive(dt.date(2026, 3, 3), secrecy="mat")
    response = client.get(
        BOOK, {**MARCH, "format": "xlsx", "register": secret.pk}, headers=bearer(clerk)
    )
    assert response.status_code == 200
    assert "S%E1%BB%95%20v%C4%83n%20b%E1%BA%A3n%20m%E1%BA%ADt" in response["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet["A4"].value == "SỔ VĂN BẢN MẬT ĐẾN"


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"from": "2026-03-31", "to": "2026-03-01"}, "range_reversed"),
        ({"from": "2025-01-01", "to": "2026-03-01"}, "range_too_long"),
        ({"from": "2026-02-30", "to": "2026-03-01"}, "invalid_date"),
        ({"from": "tomorrow", "to": "2026-03-01"}, "invalid_date"),
        ({"from": "0001-01-01", "to": "0001-01-02"}, "date_out_of_range"),
        ({**MARCH, "format": "docx"}, "invalid_format"),
        ({**MARCH, "register": "999999"}, "unknown_register"),
        ({**MARCH, "register": "x"}, "unknown_register"),
    ],
)
@pytest.mark.parametrize("path", [BOOK, TRACKING])
def test_bad_requests_are_json_errors(network, client, path, params, code):
    response = client.get(path, params, headers=bearer(network.user("vanthu.badinh")))
    assert_json_error(response, 400, code)


def test_who_may_ask(network, client):
    response = client.get(BOOK, MARCH, headers=bearer(network.user("chuyenvien.badinh")))
    assert_json_error(response, 403, "books_forbidden")
    assert_json_error(client.get(BOOK, MARCH), 401, "not_authenticated")


def test_the_acting_header_chooses_the_unit(network, client, arrive):
    from vanphong.org.roles import Role
    from vanphong.org.selectors import actings_for
    from vanphong.org.services import membership_grant

    arrive(dt.date(2026, 3, 2), clerk="vanthu.hoankiem", unit=network.hoankiem)
    person = network.user("chuyenvien.badinh")
    membership_grant(
        by=None,
        user=person,
        unit=network.hoankiem,
        role=Role.VANTHU,
        valid_from=dt.date(2015, 1, 1),
    )
    key = next(a.key for a in actings_for(person) if a.unit == network.hoankiem)
    headers = {**bearer(person), "X-Vanphong-Acting": key}
    response = client.get(BOOK, {**MARCH, "format": "xlsx"}, headers=headers)
    assert response.status_code == 200
    assert "Ho%C3%A0n%20Ki%E1%BA%BFm" in response["Content-Disposition"]


def test_the_endpoints_are_in_the_schema(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    for path in (BOOK, TRACKING):
        operation = schema["paths"][path]["get"]
        assert operation["tags"] == ["registers"]
        names = {p["name"] for p in operation["parameters"]}
        assert {"from", "to", "format", "register"} <= names
        # made while the caller waits: a long book is pointed to the POST made in the background
        assert "`/print`" in operation["description"]
        assert "post" in schema["paths"][f"{path}/print"]


def _count(client, headers):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(BOOK, {**MARCH, "format": "xlsx"}, headers=headers)
    assert response.status_code == 200
    return len(captured)


def test_queries_do_not_grow_with_the_book(network, arrive, client):
    headers = bearer(network.user("vanthu.badinh"))
    arrive(dt.date(2026, 3, 2))
    few = _count(client, headers)
    for day in range(3, 13):
        arrive(dt.date(2026, 3, day))
    assert _count(client, headers) == few


def test_without_pdf_support_the_answer_says_so_and_xlsx_still_works(
    network, arrive, client, monkeypatch
):
    import sys

    arrive(dt.date(2026, 3, 2))
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # as if Pango could not be loaded
    headers = bearer(network.user("vanthu.badinh"))
    body = assert_json_error(client.get(BOOK, MARCH, headers=headers), 503, "pdf_unavailable")
    assert "xlsx" in body["detail"]
    assert client.get(BOOK, {**MARCH, "format": "xlsx"}, headers=headers).status_code == 200


def _query(params: dict[str, str]) -> str:
    from urllib.parse import urlencode

    return f"?{urlencode(params)}"


def test_a_book_made_in_the_background(network, arrive, client, run_jobs):
    for day in (2, 3):
        arrive(dt.date(2026, 3, day))
    run_jobs()
    headers = bearer(network.user("vanthu.badinh"))
    asked = client.post(f"{BOOK}/print{_query({**MARCH, 'format': 'xlsx'})}", headers=headers)
    assert asked.status_code == 202, asked.content[:300]
    body = asked.json()
    assert (body["status"], body["book"], body["unit"], body["format"]) == (
        "queued",
        "register",
        "badinh",
        "xlsx",
    )
    assert (body["start"], body["end"], body["file"], body["lines"]) == (
        "2026-03-01",
        "2026-03-31",
        None,
        None,
    )
    again = client.post(f"{BOOK}/print{_query({**MARCH, 'format': 'xlsx'})}", headers=headers)
    assert again.json()["id"] == body["id"]  # the same book, being made

    assert client.get(body["url"], headers=headers).json()["status"] == "queued"
    run_jobs()
    made = client.get(body["url"], headers=headers).json()
    assert (made["status"], made["lines"]) == ("done", 2)
    assert [p["id"] for p in client.get(f"{API}/registers/prints", headers=headers).json()] == [
        body["id"]
    ]
    response = client.get(made["file"], headers=headers)
    assert response.status_code == 200
    assert unquote(response["Content-Disposition"].split("filename*=UTF-8''", 1)[1]) == (
        "Sổ đăng ký văn bản đến - Quận ủy Ba Đình - 01-03-2026 - 31-03-2026.xlsx"
    )
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    numbers = [
        c.value for (c,) in sheet.iter_rows(min_col=2, max_col=2) if isinstance(c.value, int)
    ]
    assert numbers == [1, 2]

    other = bearer(network.user("lanhdao.badinh"))
    assert_json_error(client.get(body["url"], headers=other), 404, "print_not_found")
    assert_json_error(client.get(made["file"], headers=other), 404, "print_not_found")
    assert client.get(f"{API}/registers/prints", headers=other).json() == []


def test_the_tracking_sheet_made_in_the_background_and_refusals(network, arrive, client):
    arrive(dt.date(2026, 3, 2))
    leader = bearer(network.user("lanhdao.badinh"))
    body = client.post(f"{TRACKING}/print{_query(MARCH)}", headers=leader).json()
    assert (body["book"], body["format"]) == ("tracking", "pdf")
    assert_json_error(
        client.get(f"{body['url']}/file", headers=leader), 404, "print_not_found"
    )  # not made yet
    bad = _query({"from": "2026-03-31", "to": "2026-03-01"})
    assert_json_error(client.post(f"{BOOK}/print{bad}", headers=leader), 400, "range_reversed")
    specialist = bearer(network.user("chuyenvien.badinh"))
    refused = client.post(f"{BOOK}/print{_query(MARCH)}", headers=specialist)
    assert_json_error(refused, 403, "books_forbidden")
    from vanphong.registers.models import BookPrint

    assert BookPrint.objects.count() == 1
