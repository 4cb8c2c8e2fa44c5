"""The web page that prints the registers: who may open it, what a wrong request gets, and the
download itself."""

from __future__ import annotations

import datetime as dt
import io
from urllib.parse import unquote

import openpyxl
import pytest
from django.utils import timezone

from tests.web.dom import parse
from vanphong.registers.books import this_month
from vanphong.registers.services import register_create, register_for

URL = "/incoming/registers/"
MARCH = {"start": "01/03/2026", "end": "31/03/2026"}


def errors_of(response) -> str:
    assert response.status_code == 200, response.status_code
    page = parse(response.content)
    form = page.get("books-form")
    assert not response.has_header("Content-Disposition")
    return " ".join(
        [form.get("form-errors").text if form.has("form-errors") else ""]
        + [n.text for n in form.find_all("small") if "field-error" in n.attrs.get("class", "")]
        + [p.text for p in page.find_all("p") if "message" in p.attrs.get("class", "").split()]
    )


@pytest.mark.parametrize("username", ["vanthu.badinh", "lanhdaovp.badinh", "lanhdao.badinh"])
def test_the_form_opens_on_this_month_for_those_who_keep_and_follow_the_registers(
    network, login, username
):
    register_for(unit=network.badinh, kind="incoming")  # the unit's default register
    response = login(network.user(username)).get(URL)
    assert response.status_code == 200
    page = parse(response.content)
    form = page.get("books-form")
    first, last = this_month(timezone.localdate())
    assert form.find("input", name="start").attrs["value"] == f"{first:%d/%m/%Y}"
    assert form.find("input", name="end").attrs["value"] == f"{last:%d/%m/%Y}"
    options = [o.text for o in form.find("select", name="register").find_all("option")]
    assert options[:2] == ["Sổ đăng ký văn bản đến", "Every register of the unit"] or (
        "Sổ đăng ký văn bản đến" in options
    )
    selected = form.find("select", name="register").find("option", selected=True)
    assert selected.text == "Sổ đăng ký văn bản đến"  # the default register is preselected
    assert "Quận ủy Ba Đình" in page.text


@pytest.mark.parametrize("username", ["chuyenvien.badinh", "quantri.badinh"])
def test_others_are_refused(network, login, username):
    client = login(network.user(username))
    assert client.get(URL).status_code == 403
    assert client.get(URL, {**MARCH, "book": "register", "format": "pdf"}).status_code == 403


def test_signing_in_comes_first(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_pdf_download_with_a_vietnamese_file_name(network, login, arrive):
    arrive(dt.date(2026, 3, 5))
    client = login(network.user("vanthu.badinh"))
    response = client.get(URL, {**MARCH, "book": "register", "register": "", "format": "pdf"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; filename=")
    encoded = disposition.split("filename*=UTF-8''", 1)[1]
    assert unquote(encoded) == (
        "Sổ đăng ký văn bản đến - Quận ủy Ba Đình - 01-03-2026 - 31-03-2026.pdf"
    )
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]


def test_an_xlsx_download_of_the_tracking_sheet(network, login, arrive):
    arrive(dt.date(2026, 3, 5))
    client = login(network.user("lanhdaovp.badinh"))
    response = client.get(URL, {**MARCH, "book": "tracking", "format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"].endswith(".xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet["A2"].value == "QUẬN ỦY BA ĐÌNH"
    assert any(row[0].value == 1 for row in sheet.iter_rows(min_col=1, max_col=1))


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"start": "31/03/2026", "end": "01/03/2026"}, "31/03/2026"),
        ({"start": "01/01/2025", "end": "31/03/2026"}, "366"),
        ({"start": "31/02/2026", "end": "31/03/2026"}, ""),
        ({"start": "hôm qua", "end": "31/03/2026"}, ""),
        ({"start": "", "end": ""}, ""),
        ({"start": "01/01/0001", "end": "02/01/0001"}, "1900"),
    ],
)
def test_impossible_periods_are_told_on_the_form(network, login, params, expected):
    client = login(network.user("vanthu.badinh"))
    response = client.get(URL, {**params, "book": "register", "format": "pdf"})
    message = errors_of(response)
    assert message
    assert expected in message


def test_unknown_or_forbidden_registers_are_told_on_the_form(network, login, arrive):
    arrive(dt.date(2026, 3, 5))
    secret = register_create(
        by=None, unit=network.badinh, kind="incoming", name="Sổ văn bản mật đến", min_secrecy=1
    )
    elsewhere = register_create(by=None, unit=network.hoankiem, kind="incoming", name="Sổ HK")
    client = login(network.user("lanhdao.badinh"))  # not cleared for secret documents
    for register in (secret.pk, elsewhere.pk, "abc", "99999999999999999999"):
        response = client.get(
            URL, {**MARCH, "book": "register", "register": register, "format": "pdf"}
        )
        assert errors_of(response), register


@pytest.mark.parametrize(("field", "value"), [("format", "docx"), ("book", "outgoing")])
def test_unknown_choices_are_told_on_the_form(network, login, field, value):
    client = login(network.user("vanthu.badinh"))
    params = {**MARCH, "book": "register", "format": "pdf", field: value}
    assert errors_of(client.get(URL, params))


def test_the_page_answers_get_and_post_only(network, login):
    client = login(network.user("vanthu.badinh"))
    assert client.put(URL, {**MARCH, "format": "pdf"}).status_code == 405
