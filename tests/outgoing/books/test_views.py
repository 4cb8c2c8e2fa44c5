"""The web page that prints the outgoing register: who may open it, what a wrong request gets,
and the download itself."""

from __future__ import annotations

import io
from urllib.parse import unquote

import openpyxl
import pytest
from django.utils import timezone

from tests.web.dom import parse
from vanphong.registers.books import this_month
from vanphong.registers.services import register_create, register_for

URL = "/outgoing/registers/"


def today_range() -> dict[str, str]:
    today = f"{timezone.localdate():%d/%m/%Y}"
    return {"start": today, "end": today}


def errors_of(response) -> str:
    assert response.status_code == 200, response.status_code
    page = parse(response.content)
    form = page.get("books-form")
    assert not response.has_header("Content-Disposition")
    return " ".join(
        [form.get("form-errors").text if form.has("form-errors") else ""]
        + [n.text for n in form.find_all("small") if "field-error" in n.attrs.get("class", "")]
    )


def test_the_url_is_named(db):
    from django.urls import reverse

    assert reverse("outgoing:books") == URL


@pytest.mark.parametrize("username", ["vanthu.thanhuy", "lanhdaovp.thanhuy", "lanhdao.thanhuy"])
def test_the_form_opens_on_this_month_with_the_default_register(network, login, username):
    register_for(unit=network.city, kind="outgoing")
    register_for(unit=network.city, kind="incoming")  # not offered here
    response = login(network.user(username)).get(URL)
    assert response.status_code == 200
    page = parse(response.content)
    form = page.get("books-form")
    first, last = this_month(timezone.localdate())
    assert form.find("input", name="start").attrs["value"] == f"{first:%d/%m/%Y}"
    assert form.find("input", name="end").attrs["value"] == f"{last:%d/%m/%Y}"
    select = form.find("select", name="register")
    options = [o.text for o in select.find_all("option")]
    assert len(options) == 2  # every register, and the one outgoing register
    assert "Sổ đăng ký văn bản đi" in options
    assert "Sổ đăng ký văn bản đến" not in options
    assert select.find("option", selected=True).text == "Sổ đăng ký văn bản đi"
    assert {i.attrs["value"] for i in form.find_all("input", name="format")} == {"pdf", "xlsx"}
    assert "Thành ủy Hà Nội" in page.text


@pytest.mark.parametrize("username", ["chuyenvien.thanhuy", "quantri.thanhuy"])
def test_others_are_refused(network, login, username):
    client = login(network.user(username))
    assert client.get(URL).status_code == 403
    assert client.get(URL, {**today_range(), "format": "pdf"}).status_code == 403


def test_signing_in_comes_first(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.slow
def test_a_pdf_download_with_a_vietnamese_file_name(office, issue, login):
    issue(subject="Về công tác cán bộ")
    client = login(office.user("vanthu.thanhuy"))
    response = client.get(URL, {**today_range(), "register": "", "format": "pdf"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    encoded = response["Content-Disposition"].split("filename*=UTF-8''", 1)[1]
    day = f"{timezone.localdate():%d-%m-%Y}"
    assert unquote(encoded) == f"Sổ đăng ký văn bản đi - Thành ủy - {day} - {day}.pdf"
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]


def test_an_xlsx_download_of_one_register(office, issue, login):
    issue(subject="Về công tác cán bộ")
    issue(subject="Về công tác dân vận")
    register = register_for(unit=office.city, kind="outgoing")
    client = login(office.user("lanhdaovp.thanhuy"))
    response = client.get(URL, {**today_range(), "register": register.pk, "format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"].endswith(".xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet["A2"].value == "THÀNH ỦY HÀ NỘI"
    assert sheet["A4"].value == "SỔ ĐĂNG KÝ VĂN BẢN ĐI"
    symbols = [c.value for (c,) in sheet.iter_rows(min_col=1, max_col=1)]
    assert symbols[-2:] == ["01-CT/TU", "02-CT/TU"]


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
    client = login(network.user("vanthu.thanhuy"))
    message = errors_of(client.get(URL, {**params, "format": "pdf"}))
    assert message
    assert expected in message


def test_unknown_or_forbidden_registers_are_told_on_the_form(network, login):
    register_for(unit=network.city, kind="outgoing")
    secret = register_create(
        by=None, unit=network.city, kind="outgoing", name="Sổ văn bản mật đi", min_secrecy=1
    )
    incoming = register_for(unit=network.city, kind="incoming")
    elsewhere = register_create(by=None, unit=network.badinh, kind="outgoing", name="Sổ BĐ")
    client = login(network.user("lanhdao.thanhuy"))  # not cleared for secret documents
    for register in (secret.pk, incoming.pk, elsewhere.pk, "abc", "99999999999999999999"):
        response = client.get(URL, {**today_range(), "register": register, "format": "pdf"})
        assert errors_of(response), register


def test_an_unknown_format_is_told_on_the_form(network, login):
    client = login(network.user("vanthu.thanhuy"))
    assert errors_of(client.get(URL, {**today_range(), "format": "docx"}))


def test_the_page_answers_get_and_post_only(network, login):
    client = login(network.user("vanthu.thanhuy"))
    assert client.put(URL, {**today_range(), "format": "pdf"}).status_code == 405


def test_a_long_register_is_made_in_the_background(office, issue, login, run_jobs, monkeypatch):
    from vanphong.registers import prints

    monkeypatch.setattr(prints, "PRINT_NOW", {"pdf": 1, "xlsx": 1})
    symbols = [issue(subject=f"Về việc số {n}").document.symbol for n in (1, 2)]
    client = login(office.user("lanhdaovp.thanhuy"))
    asked = {**today_range(), "register": "", "format": "xlsx"}
    offer = parse(client.get(URL, asked).content).get("print-offer")
    assert "2" in offer.text
    fields = {
        i.attrs["name"]: i.attrs.get("value", "")
        for i in offer.find_all("input")
        if i.attrs.get("type") == "hidden" and i.attrs["name"] != "csrfmiddlewaretoken"
    }
    assert client.post(URL, fields).status_code == 302
    panel = parse(client.get("/outgoing/registers/prints/").content).get("book-prints")
    assert panel.attrs["hx-get"] == "/outgoing/registers/prints/"
    run_jobs()
    page = parse(client.get(URL).content)
    response = client.get(page.get("print-download").attrs["href"])
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cells = {str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None}
    assert all(any(symbol in cell for cell in cells) for symbol in symbols)
    # the incoming books' page lists the incoming books' prints only
    incoming = parse(client.get("/incoming/registers/prints/").content)
    assert not incoming.get("book-prints").find("li")
