"""The books as a person gets them: a PDF read back page by page, a spreadsheet read back cell by
cell."""

from __future__ import annotations

import datetime as dt
import io
import re
from urllib.parse import unquote

import openpyxl
import pypdfium2 as pdfium
import pytest

from vanphong.incoming.books import incoming_book
from vanphong.incoming.services import incoming_cancel
from vanphong.registers.books import REGISTER_TITLE
from vanphong.registers.render import (
    REGISTER_COLUMNS,
    TRACKING_XLSX_COLUMNS,
    _css_string,
    book_filename,
    book_pdf,
    book_xlsx,
    content_disposition,
    pgettext,
)

MARCH = [dt.date(2026, 3, d) for d in range(1, 32)]


def label(text: str) -> str:
    """A printed heading in the language the books are rendered in."""
    return pgettext("register book", text)


def pdf_pages(content: bytes) -> list[str]:
    pdf = pdfium.PdfDocument(content)
    pages = [re.sub(r"\s+", " ", pdf[i].get_textpage().get_text_range()) for i in range(len(pdf))]
    pdf.close()
    return pages


def book(network, kind="register", start=MARCH[0], end=MARCH[-1], user="vanthu.badinh"):
    return incoming_book(
        kind=kind, user=network.user(user), unit=network.badinh, start=start, end=end
    )


@pytest.mark.slow
def test_a_sixty_line_register_prints_on_numbered_pages_with_the_headings_on_each(network, arrive):
    for i in range(60):
        arrive(MARCH[i // 3], subject=f"Về công tác tổ chức cán bộ, đợt {i + 1}")
    incoming_cancel(
        by=network.user("vanthu.badinh"),
        incoming=network.badinh.incoming_documents.get(arrival_number=7),
        reason="Đăng ký trùng",
    )
    rows, meta = book(network)
    content = book_pdf(rows, meta)
    assert content.startswith(b"%PDF-")
    pages = pdf_pages(content)
    count = len(pages)
    assert count >= 3
    for number, text in enumerate(pages, start=1):
        assert f"{label('Page')} {number}/{count}" in text, number
        assert label("Arrival no.") in text  # the table's headings, repeated
        assert label("Type and summary of content") in text
    first = pages[0]
    for heading in ("SỔ ĐĂNG KÝ VĂN BẢN ĐẾN", "QUẬN ỦY BA ĐÌNH", "THÀNH ỦY HÀ NỘI"):
        assert heading in first
    assert "01/03/2026" in first  # the period, dd/mm/yyyy
    assert "31/03/2026" in first
    everything = " ".join(pages)
    for i in range(1, 61):
        assert f"{i}-CT/TU" in everything
        assert f"đợt {i}" in everything
    assert "Đăng ký trùng" in everything  # the cancelled line is still there, with its reason
    assert "20/02/2026" in everything  # the documents' date
    assert "Thành ủy Hà Nội" in everything


def test_the_tracking_sheet_pdf(network, arrive, moment):
    from vanphong.work.services import direction_give

    incoming = arrive(MARCH[1], subject="Về việc chuẩn bị đại hội")
    moment.set(MARCH[2])
    direction_give(
        by=network.user("lanhdaovp.badinh"),
        document=incoming.document,
        text="Giao chủ trì.",
        lead=network.user("chuyenvien.badinh"),
        deadline=MARCH[9],
    )
    rows, meta = book(network, kind="tracking")
    (text,) = pdf_pages(book_pdf(rows, meta))
    assert meta.title.upper() in text
    assert label("Receivers") in text
    assert label("Lead") in text
    assert "Người chuyenvien" in text  # (a long user name may wrap anywhere)
    assert "10/03/2026" in text  # the deadline
    assert label("Assigned, not taken on yet") in text
    assert "Về việc chuẩn bị đại hội" in text
    assert f"{label('Page')} 1/1" in text


def test_an_empty_period_still_prints_its_cover(network):
    rows, meta = book(network)
    (text,) = pdf_pages(book_pdf(rows, meta))
    assert label("No incoming document in this period.") in text
    assert "QUẬN ỦY BA ĐÌNH" in text


def _sheet(content: bytes):
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return workbook.active


def _header_row(sheet, first_label: str) -> int:
    for row in sheet.iter_rows(min_col=1, max_col=1):
        if row[0].value == first_label:
            return row[0].row
    raise AssertionError(f"no heading row starting with {first_label!r}")


def test_the_register_as_a_spreadsheet(network, arrive):
    arrive(MARCH[0], subject="Về việc thứ nhất")
    second = arrive(MARCH[1], subject="Về việc thứ hai", urgency="khan")
    incoming_cancel(by=network.user("vanthu.badinh"), incoming=second, reason="Nhầm sổ")
    rows, meta = book(network)
    sheet = _sheet(book_xlsx(rows, meta))
    assert sheet["A1"].value == "THÀNH ỦY HÀ NỘI"
    assert sheet["A2"].value == "QUẬN ỦY BA ĐÌNH"
    assert sheet["A2"].font.bold
    assert sheet["A4"].value == "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN"
    header = _header_row(sheet, label("Date received"))
    headings = [c.value for c in sheet[header]]
    assert headings == [str(c.label) for c in REGISTER_COLUMNS]
    assert all(c.font.bold for c in sheet[header])
    line = dict(zip(headings, sheet[header + 1], strict=True))
    number = line[label("Arrival no.")]
    assert number.value == 1
    assert isinstance(number.value, int)
    received = line[label("Date received")]
    assert received.is_date
    assert isinstance(received.value, dt.datetime)  # a real date, not text
    assert received.value.date() == dt.date(2026, 3, 1)
    assert received.number_format == "DD/MM/YYYY"
    assert line[label("Date of document")].value.date() == dt.date(2026, 2, 20)
    assert line[label("Author")].value == "Thành ủy Hà Nội"
    assert line[label("Type and summary of content")].value == "Chỉ thị về việc thứ nhất"
    assert line[label("Signature of receipt")].value is None  # signed on paper
    cancelled = {h: c.value for h, c in zip(headings, sheet[header + 2], strict=True)}
    assert cancelled[label("Arrival no.")] == 2
    assert "Nhầm sổ" in cancelled[label("Notes")]
    assert sheet.max_row == header + 2
    # Set up to be read on screen and printed.
    assert sheet.freeze_panes == f"C{header + 1}"
    assert sheet.auto_filter.ref == f"A{header}:J{header + 2}"
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.fitToWidth == 1
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == f"${header}:${header}"
    assert sheet.column_dimensions["F"].width >= 40
    assert sheet.cell(header + 1, 6).alignment.wrap_text


def test_the_tracking_sheet_as_a_spreadsheet(network, arrive, moment):
    from vanphong.work.services import assignment_report_progress, direction_give

    incoming = arrive(MARCH[1])
    moment.set(MARCH[2])
    direction_give(
        by=network.user("lanhdaovp.badinh"),
        document=incoming.document,
        text="Giao chủ trì.",
        lead=network.user("chuyenvien.badinh"),
        cooperate=[network.user("lanhdao.badinh")],
        deadline=MARCH[9],
    )
    work = incoming.document.assignments.get(kind="lead")
    assignment_report_progress(by=network.user("chuyenvien.badinh"), assignment=work, percent=60)
    rows, meta = book(network, kind="tracking")
    sheet = _sheet(book_xlsx(rows, meta))
    header = _header_row(sheet, label("Arrival no."))
    headings = [c.value for c in sheet[header]]
    assert headings == [str(c.label) for c in TRACKING_XLSX_COLUMNS]
    line = {h: c.value for h, c in zip(headings, sheet[header + 1], strict=True)}
    assert line[label("Arrival no.")] == 1
    assert line[label("Deadline")].date() == dt.date(2026, 3, 10)
    assert line[label("Completed (%)")] == 60
    assert line[label("Lead")] == "Người chuyenvien.badinh"
    assert line[label("Co-operating")] == "Người lanhdao.badinh"
    assert line[label("Number, symbol")] == "1-CT/TU"


def test_the_file_name_is_vietnamese_with_an_ascii_fallback(network, arrive):
    arrive(MARCH[0])
    _rows, meta = book(network)
    name = book_filename(meta, "pdf")
    assert name == "Sổ đăng ký văn bản đến - Quận ủy Ba Đình - 01-03-2026 - 31-03-2026.pdf"
    header = content_disposition(name)
    assert header.startswith("attachment; ")
    fallback = re.search(r'filename="([^"]*)"', header).group(1)
    assert fallback == "So dang ky van ban den - Quan uy Ba Dinh - 01-03-2026 - 31-03-2026.pdf"
    encoded = re.search(r"filename\*=UTF-8''(\S+)$", header).group(1)
    assert unquote(encoded) == name
    assert " " not in encoded


def test_names_cannot_break_out_of_the_stylesheet():
    text = _css_string('Quận "ủy"</style><img src="http://example.test/x">')
    assert "<" not in text
    assert ">" not in text
    assert text.count('"') == 2
    assert "Quận" in text


def test_a_book_of_several_registers_groups_its_lines(network, arrive):
    from vanphong.registers.services import register_create

    clerk = network.user("vanthu.badinh")
    clerk.clearance = 1
    clerk.save()
    register_create(
        by=None, unit=network.badinh, kind="incoming", name="Sổ văn bản mật đến", min_secrecy=1
    )
    arrive(MARCH[0])
    arrive(MARCH[1], secrecy="mat")
    rows, meta = book(network)
    assert meta.several_registers
    assert meta.title == str(REGISTER_TITLE)
    (text,) = pdf_pages(book_pdf(rows, meta))
    assert text.index("Sổ đăng ký văn bản đến") < text.index("Sổ văn bản mật đến")
    assert label("From number %(first)s to number %(last)s").split("%")[0] not in text
    sheet = _sheet(book_xlsx(rows, meta))
    header = _header_row(sheet, label("Date received"))
    assert sheet.cell(header, 11).value == label("Register")
    assert [sheet.cell(header + i, 11).value for i in (1, 2)] == [
        "Sổ đăng ký văn bản đến",
        "Sổ văn bản mật đến",
    ]


@pytest.mark.slow
def test_a_book_longer_than_a_part_is_made_in_parts_and_numbered_as_one(
    network, arrive, monkeypatch
):
    """A long book is laid out part by part (the memory of one part, not of the book), and
    reads as one: numbered "x/y" of the whole on every page, the cover once, the running title
    on every page but the first (a part's first page too), each line once and in order, a
    register's heading once though its lines run across parts."""
    from vanphong.registers import render
    from vanphong.registers.services import register_create

    clerk = network.user("vanthu.badinh")
    clerk.clearance = 1
    clerk.save()
    register_create(
        by=None, unit=network.badinh, kind="incoming", name="Sổ văn bản mật đến", min_secrecy=1
    )
    for i in range(6):
        arrive(MARCH[i], subject=f"Về công tác tổ chức cán bộ, đợt {i + 1}")
    for i in range(5):
        arrive(MARCH[10 + i], subject=f"Về công tác bảo vệ bí mật, đợt {i + 1}", secrecy="mat")
    rows, meta = book(network)
    assert len(rows) == 11
    whole = pdf_pages(book_pdf(rows, meta))
    monkeypatch.setattr(render, "PDF_PART", 4)  # parts of lines 1–4, 5–8 and 9–11
    pages = pdf_pages(book_pdf(rows, meta))

    count = len(pages)
    assert count >= 3
    assert count >= len(whole)  # each part begins on a page of its own
    running = f"{meta.unit_short_name} – {meta.title}"
    for number, text in enumerate(pages, start=1):
        assert f"{label('Page')} {number}/{count}" in text, number
        assert text.count(f"{label('Page')} ") == 1, number  # numbered once, by the whole
        assert label("Arrival no.") in text
        assert ("QUẬN ỦY BA ĐÌNH" in text) == (number == 1), number
        assert (running in text) == (number > 1), number
    everything = " ".join(pages)
    printed = render.printed_text(meta).split(".")[0]
    assert printed in pages[-1]
    assert everything.count(printed) == 1
    positions = [everything.index(f"cán bộ, đợt {i + 1} ") for i in range(6)]
    positions += [everything.index(f"bí mật, đợt {i + 1} ") for i in range(5)]
    assert positions == sorted(positions)
    for i in range(1, 7):
        assert everything.count(f"tổ chức cán bộ, đợt {i} ") == 1
    assert everything.count("Sổ văn bản mật đến") == 1  # the heading, not again in part 3
