"""The outgoing register as a person gets it: a PDF read back page by page, a spreadsheet read
back cell by cell, through the same renderer as the incoming books."""

from __future__ import annotations

import datetime as dt
import io
import re

import openpyxl
import pypdfium2 as pdfium
import pytest
from django.utils import timezone

from tests.outgoing.conftest import PASSPHRASE
from vanphong.documents.storage import spool
from vanphong.org.models import SecrecyChoices
from vanphong.outgoing.books import outgoing_book
from vanphong.outgoing.recipients import RecipientInput
from vanphong.outgoing.services import (
    outgoing_issue,
    outgoing_recall,
    outgoing_replace,
    outgoing_sign,
    outgoing_submit,
)
from vanphong.registers.books import OUTGOING_TITLE
from vanphong.registers.render import (
    OUTGOING_COLUMNS,
    book_filename,
    book_html,
    book_pdf,
    book_xlsx,
    pgettext,
)
from vanphong.registers.services import register_create

pytestmark = pytest.mark.django_db


def label(text: str) -> str:
    """A printed word in the language the books are rendered in."""
    return pgettext("register book", text)


def pdf_pages(content: bytes) -> list[str]:
    pdf = pdfium.PdfDocument(content)
    pages = [re.sub(r"\s+", " ", pdf[i].get_textpage().get_text_range()) for i in range(len(pdf))]
    pdf.close()
    return pages


def pdf_text(content: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(pdf_pages(content)))


def sheet_lines(content: bytes) -> tuple[list[str], list[list[object]]]:
    """The heading row of the table and the lines under it."""
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    first = str(OUTGOING_COLUMNS[0].label)
    at = next(i for i, r in enumerate(rows) if r[0] == first)
    return [str(v) for v in rows[at] if v is not None], rows[at + 1 :]


def book(office, user="vanthu.thanhuy", day=None, **kwargs):
    day = day or timezone.localdate()
    return outgoing_book(user=office.user(user), unit=office.city, start=day, end=day, **kwargs)


@pytest.fixture
def issued_day(office, issue, run_jobs):
    """A day of the city's clerk: a directive recalled, a plan sent at once, a directive
    replaced by a new one."""
    recalled = issue(subject="Về công tác cán bộ")
    issue(
        document_type="KH",
        subject="Về triển khai chương trình công tác",
        recipients=[RecipientInput(unit=office.network.badinh)],
        urgency="khan",
    )
    original = issue(subject="Về công tác tuyên giáo")
    run_jobs()
    outgoing_recall(by=office.user("vanthu.thanhuy"), outgoing=recalled, reason="Nhầm nơi nhận")
    with spool([office.party_draft()], name="thay-the.pdf") as spooled:
        replacement = outgoing_replace(
            by=office.user("chuyenvien.thanhuy"),
            outgoing=original,
            files=[spooled],
            reason="Sai nội dung điểm 2",
            subject="Về công tác tuyên giáo (thay thế)",
        )
    outgoing_submit(by=replacement.author, outgoing=replacement)
    outgoing_sign(by=replacement.signer, outgoing=replacement, passphrase=PASSPHRASE)
    outgoing_issue(by=office.user("vanthu.thanhuy"), outgoing=replacement, passphrase=PASSPHRASE)
    return office


@pytest.mark.slow
def test_the_pdf_has_the_columns_of_the_regulation_and_every_line(issued_day):
    rows, meta = book(issued_day)
    content = book_pdf(rows, meta)
    assert content.startswith(b"%PDF-")
    text = pdf_text(content)
    for heading in ("SỔ ĐĂNG KÝ VĂN BẢN ĐI", "THÀNH ỦY HÀ NỘI"):
        assert heading in text
    for column in OUTGOING_COLUMNS:
        for word in str(column.label).split():
            assert word in text, column.key
    for symbol in ("01-CT/TU", "02-CT/TU", "03-CT/TU", "01-KH/TU"):
        assert symbol in text
    assert "Chỉ thị về công tác cán bộ" in text  # tên loại và trích yếu
    assert "Kế hoạch về triển khai chương trình công tác" in text
    assert "Quận ủy Ba Đình, Quận ủy Hoàn Kiếm" in text  # nơi nhận
    assert label("Recall requested") in text  # the recalled line stays, with a note
    assert label("Replaced") in text
    today = f"{timezone.localdate():%d/%m/%Y}"
    assert today in text
    # No "from number … to number …": the numbers run per type of document.
    assert meta.first_number is None


@pytest.mark.slow
def test_a_long_outgoing_register_is_made_in_parts_and_reads_as_one(issued_day, monkeypatch):
    from vanphong.registers import render

    rows, meta = book(issued_day)
    monkeypatch.setattr(render, "PDF_PART", 3)
    assert len(rows) > render.PDF_PART  # two parts or more
    pages = pdf_pages(book_pdf(rows, meta))
    for number, text in enumerate(pages, start=1):
        assert f"{label('Page')} {number}/{len(pages)}" in text
        assert ("SỔ ĐĂNG KÝ VĂN BẢN ĐI" in text) == (number == 1)
    text = " ".join(pages)
    issued = ("01-CT/TU", "01-KH/TU", "02-CT/TU", "03-CT/TU")  # in the order of issue
    positions = [text.index(symbol) for symbol in issued]
    assert positions == sorted(positions)  # kept across the parts
    for symbol in issued:
        assert text.count(f"{symbol} ") == 1, symbol


def test_the_spreadsheet_has_one_heading_row_and_one_line_per_document(issued_day):
    rows, meta = book(issued_day)
    headings, lines = sheet_lines(book_xlsx(rows, meta))
    assert headings == [str(c.label) for c in OUTGOING_COLUMNS]
    by_symbol = {line[0]: line for line in lines if line[0]}
    assert list(by_symbol) == ["01-CT/TU", "01-KH/TU", "02-CT/TU", "03-CT/TU"]  # order of issue
    keys = [c.key for c in OUTGOING_COLUMNS]

    def cell(symbol: str, key: str) -> object:
        return by_symbol[symbol][keys.index(key)]

    today = timezone.localdate()
    assert cell("01-CT/TU", "issued_date").date() == today  # a real date, not text
    assert cell("01-CT/TU", "copies") == 2  # a number
    assert cell("01-CT/TU", "signer") == "Người lanhdao.thanhuy"
    assert cell("01-CT/TU", "recipients") == "Quận ủy Ba Đình, Quận ủy Hoàn Kiếm"
    assert cell("01-CT/TU", "keeping_unit") == "Thành ủy"
    assert cell("01-CT/TU", "transferred_on").date() == today
    assert cell("01-CT/TU", "signature") is None  # signed on paper
    assert cell("01-CT/TU", "notes") == label("Recall requested")
    assert cell("01-KH/TU", "copies") == 1
    assert str(cell("01-KH/TU", "notes"))  # urgent
    assert cell("02-CT/TU", "notes") == label("Replaced")
    assert cell("03-CT/TU", "type_and_subject") == "Chỉ thị về công tác tuyên giáo (thay thế)"
    assert book_filename(meta, "xlsx") == (
        f"Sổ đăng ký văn bản đi - Thành ủy - {today:%d-%m-%Y} - {today:%d-%m-%Y}.xlsx"
    )


def test_secret_documents_only_for_people_cleared(office, issue):
    for name in ("chuyenvien.thanhuy", "lanhdao.thanhuy", "vanthu.thanhuy"):
        person = office.user(name)
        person.clearance = 1
        person.save()
    issue(subject="Về công tác thường")
    issue(subject="Về công tác bảo vệ bí mật", secrecy="mat")
    rows, _meta = book(office)
    # A Party unit numbers secret documents in the same series (QĐ 399).
    assert [(r.symbol, r.notes) for r in rows] == [
        ("01-CT/TU", ()),
        ("02-CT/TU", (str(SecrecyChoices.MAT.label),)),
    ]
    # The office leader is not cleared: the secret line is not in their book.
    rows, _meta = book(office, user="lanhdaovp.thanhuy")
    assert [r.subject for r in rows] == ["Về công tác thường"]


def test_a_book_over_two_registers_names_the_register_of_each_line(office):
    """A state agency keeps a register of secret documents with numbers of its own."""
    for name in ("chuyenvien.ubnd", "lanhdao.ubnd", "vanthu.ubnd"):
        person = office.user(name)
        person.clearance = 1
        person.save()
    register_create(
        by=None, unit=office.ubnd, kind="outgoing", name="Sổ văn bản mật đi", min_secrecy=1
    )
    state = {"unit": office.ubnd, "signer": "lanhdao.ubnd", "clerk": "vanthu.ubnd"}
    for doctype, subject, secrecy in (
        ("QD", "Quyết định giao chỉ tiêu", "thuong"),
        ("TB", "Thông báo mật", "mat"),
    ):
        office.issued(
            author="chuyenvien.ubnd",
            document_type=doctype,
            subject=subject,
            content=office.state_draft(subject, notation=f"{doctype}-UBND"),
            secrecy=secrecy,
            **state,
        )
    today = timezone.localdate()
    rows, meta = outgoing_book(
        user=office.user("vanthu.ubnd"), unit=office.ubnd, start=today, end=today
    )
    assert [(r.register, r.symbol) for r in rows] == [
        ("Sổ đăng ký văn bản đi", "01/QĐ-UBND"),
        ("Sổ văn bản mật đi", "01/TB-UBND"),  # numbered in its own register from 01
    ]
    assert meta.several_registers
    assert meta.title == str(OUTGOING_TITLE)
    headings, lines = sheet_lines(book_xlsx(rows, meta))
    assert headings[-1] == label("Register")
    assert [line[-1] for line in lines] == ["Sổ đăng ký văn bản đi", "Sổ văn bản mật đi"]
    assert not meta.party
    html = book_html(rows, meta)
    assert html.count('class="group"') == 2  # a heading line before each register's lines


def test_an_empty_period_says_so(office):
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    rows, meta = book(office, day=yesterday)
    assert rows == []
    html = book_html(rows, meta)
    assert label("No outgoing document issued in this period.") in html
    assert meta.title == str(OUTGOING_TITLE)  # no register named, no line to name one
    assert str(OUTGOING_TITLE) in html
    assert len(re.findall(r"<th scope=\"col\">", html)) == len(OUTGOING_COLUMNS)
