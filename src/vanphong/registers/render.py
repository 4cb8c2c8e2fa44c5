"""Printing the registers: the incoming and outgoing register books and the tracking sheet as
PDF and xlsx.

Layout in the manner of Nghị định 30/2020/NĐ-CP, Phụ lục IV (register books): a title block
with the body above and the unit (as named at the end of the period), the book's name, the
year and the dates it covers, then the table, A4 landscape, with the column headings repeated
on every page and "Trang x/y" at the foot. The headings are the administrative terms of the
regulation; they are translatable (English msgids, context "register book"), and the
Vietnamese wording of each is in the comment above it.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import npgettext, pgettext, pgettext_lazy

from vanphong.core.errors import InvalidInput, Unavailable
from vanphong.registers.books import (
    BookKind,
    BookMeta,
    BookRow,
    OutgoingLine,
    Progress,
    RegisterRow,
    TrackingRow,
)

PDF = "pdf"
XLSX = "xlsx"
FORMATS = (PDF, XLSX)
CONTENT_TYPES = {
    PDF: "application/pdf",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def book_format(value: str | None) -> str:
    """The format an API call asks a book in (PDF when it names none); InvalidInput for one
    the books are not made in."""
    fmt = (value or PDF).strip().lower()
    if fmt not in FORMATS:
        raise InvalidInput(
            _("Unknown format %(format)s; ask for pdf or xlsx.") % {"format": fmt[:20]},
            code="invalid_format",
        )
    return fmt


@dataclass(frozen=True)
class Column:
    key: str
    label: Promise
    width: float  # share of the PDF table's width, in % (the spreadsheet has XLSX_WIDTHS)
    kind: str = "text"  # text, date, number


# The printed headings. xgettext needs the context as a literal and the comment on the line
# just above the string, hence one constant per heading.
# Translators: Vietnamese "Ngày đến".
DATE_RECEIVED = pgettext_lazy("register book", "Date received")
# Translators: Vietnamese "Số đến".
ARRIVAL_NUMBER = pgettext_lazy("register book", "Arrival no.")
# Translators: Vietnamese "Tác giả" (the body that issued the document).
AUTHOR = pgettext_lazy("register book", "Author")
# Translators: Vietnamese "Số, ký hiệu".
SYMBOL = pgettext_lazy("register book", "Number, symbol")
# Translators: Vietnamese "Ngày văn bản".
DOCUMENT_DATE = pgettext_lazy("register book", "Date of document")
# Translators: Vietnamese "Tên loại và trích yếu nội dung".
TYPE_AND_SUBJECT = pgettext_lazy("register book", "Type and summary of content")
# Translators: Vietnamese "Đơn vị hoặc người nhận".
RECEIVERS = pgettext_lazy("register book", "Receiving unit or person")
# Translators: Vietnamese "Ngày chuyển".
PASSED_ON = pgettext_lazy("register book", "Date passed on")
# Translators: Vietnamese "Ký nhận" (left blank for the receiver's signature on paper).
SIGNATURE = pgettext_lazy("register book", "Signature of receipt")
# Translators: Vietnamese "Ghi chú".
NOTES = pgettext_lazy("register book", "Notes")
# Translators: Vietnamese "Văn bản (tên loại, số, ký hiệu, ngày, tác giả, trích yếu)".
DOCUMENT = pgettext_lazy("register book", "Document (type, number, date, author, summary)")
# Translators: Vietnamese "Người nhận" (heading over the lead and co-operating columns).
RECEIVERS_GROUP = pgettext_lazy("register book", "Receivers")
# Translators: Vietnamese "Chủ trì" (the lead unit or person).
LEAD = pgettext_lazy("register book", "Lead")
# Translators: Vietnamese "Phối hợp" (co-operating units or people).
COOPERATING = pgettext_lazy("register book", "Co-operating")
# Translators: Vietnamese "Thời hạn giải quyết".
DEADLINE = pgettext_lazy("register book", "Deadline")
# Translators: Vietnamese "Tiến độ giải quyết".
PROGRESS = pgettext_lazy("register book", "Progress")
# Translators: Vietnamese "Số, ký hiệu văn bản trả lời".
REPLIES = pgettext_lazy("register book", "Number, symbol of the reply")
# Translators: Vietnamese "Tỷ lệ hoàn thành (%)".
PERCENT = pgettext_lazy("register book", "Completed (%)")
# Translators: Vietnamese "Ngày hoàn thành".
DONE_ON = pgettext_lazy("register book", "Date completed")
# Translators: Vietnamese "Số ngày quá hạn".
DAYS_LATE = pgettext_lazy("register book", "Days overdue")
# Translators: Vietnamese "Sổ" (the register a line belongs to, when a book covers several).
REGISTER = pgettext_lazy("register book", "Register")
# Translators: Vietnamese "Người ký".
SIGNER = pgettext_lazy("register book", "Signer")
# Translators: Vietnamese "Nơi nhận văn bản".
RECIPIENTS = pgettext_lazy("register book", "Recipients")
# Translators: Vietnamese "Đơn vị, người nhận bản lưu".
KEEPING = pgettext_lazy("register book", "Unit or person keeping the file copy")
# Translators: Vietnamese "Số lượng bản".
COPIES = pgettext_lazy("register book", "Number of copies")

# Sổ đăng ký văn bản đến: the columns of NĐ 30/2020 Phụ lục IV, with ngày chuyển added.
REGISTER_COLUMNS: tuple[Column, ...] = (
    Column("arrival_date", DATE_RECEIVED, 8, "date"),
    Column("arrival_number", ARRIVAL_NUMBER, 5, "number"),
    Column("issuer", AUTHOR, 12),
    Column("symbol", SYMBOL, 9),
    Column("issued_date", DOCUMENT_DATE, 8, "date"),
    Column("type_and_subject", TYPE_AND_SUBJECT, 24.5),
    Column("receivers", RECEIVERS, 12.5),
    Column("transferred_on", PASSED_ON, 8, "date"),
    Column("signature", SIGNATURE, 6),
    Column("notes", NOTES, 7),
)

# Sổ theo dõi giải quyết văn bản đến, as printed: the document in one cell, người nhận in two.
TRACKING_COLUMNS: tuple[Column, ...] = (
    Column("arrival_number", ARRIVAL_NUMBER, 5, "number"),
    Column("arrival_date", DATE_RECEIVED, 8, "date"),
    Column("document", DOCUMENT, 28),
    Column("lead", LEAD, 11),
    Column("cooperating", COOPERATING, 11),
    Column("deadline", DEADLINE, 8, "date"),
    Column("progress", PROGRESS, 11),
    Column("replies", REPLIES, 10),
    Column("notes", NOTES, 8),
)

# The tracking sheet as a spreadsheet: one value per cell, so dates stay dates and filter.
TRACKING_XLSX_COLUMNS: tuple[Column, ...] = (
    Column("arrival_number", ARRIVAL_NUMBER, 0, "number"),
    Column("arrival_date", DATE_RECEIVED, 0, "date"),
    Column("symbol", SYMBOL, 0),
    Column("issued_date", DOCUMENT_DATE, 0, "date"),
    Column("issuer", AUTHOR, 0),
    Column("type_and_subject", TYPE_AND_SUBJECT, 0),
    Column("lead", LEAD, 0),
    Column("cooperating", COOPERATING, 0),
    Column("deadline", DEADLINE, 0, "date"),
    Column("progress", PROGRESS, 0),
    Column("percent", PERCENT, 0, "number"),
    Column("done_on", DONE_ON, 0, "date"),
    Column("days_late", DAYS_LATE, 0, "number"),
    Column("replies", REPLIES, 0),
    Column("notes", NOTES, 0),
)
REGISTER_COLUMN = Column("register", REGISTER, 0)

# Sổ đăng ký văn bản đi: the columns of NĐ 30/2020 Phụ lục IV (DOMAIN.md §4).
OUTGOING_COLUMNS: tuple[Column, ...] = (
    Column("symbol", SYMBOL, 9),
    Column("issued_date", DOCUMENT_DATE, 8, "date"),
    Column("type_and_subject", TYPE_AND_SUBJECT, 23),
    Column("signer", SIGNER, 10),
    Column("recipients", RECIPIENTS, 15),
    Column("keeping_unit", KEEPING, 9),
    Column("copies", COPIES, 6, "number"),
    Column("transferred_on", PASSED_ON, 8, "date"),
    Column("signature", SIGNATURE, 6),
    Column("notes", NOTES, 6),
)


@dataclass(frozen=True)
class Layout:
    """How one kind of book is laid out: its columns on paper and in the spreadsheet, and the
    template that draws its headings."""

    columns: tuple[Column, ...]
    xlsx_columns: tuple[Column, ...]
    template: str


LAYOUTS = {
    BookKind.REGISTER: Layout(REGISTER_COLUMNS, REGISTER_COLUMNS, "registers/incoming_book.html"),
    BookKind.TRACKING: Layout(
        TRACKING_COLUMNS, TRACKING_XLSX_COLUMNS, "registers/tracking_sheet.html"
    ),
    BookKind.OUTGOING: Layout(OUTGOING_COLUMNS, OUTGOING_COLUMNS, "registers/outgoing_book.html"),
}


# --- what the cells say (shared by PDF and xlsx) -----------------------------------------


def _names(names: Sequence[str]) -> str:
    return ", ".join(names)


def receivers_text(row: RegisterRow) -> str:
    """Đơn vị hoặc người nhận: the lead and the co-operators, or the leader who directed."""
    lines = []
    if row.lead:
        # Translators: Vietnamese "Chủ trì: %(names)s".
        lead = pgettext("register book", "Lead: %(names)s")
        lines.append(lead % {"names": _names(row.lead)})
    if row.cooperating:
        # Translators: Vietnamese "Phối hợp: %(names)s".
        cooperating = pgettext("register book", "Co-operating: %(names)s")
        lines.append(cooperating % {"names": _names(row.cooperating)})
    if not lines and row.directed_by:
        lines.append(_names(row.directed_by))
    return "\n".join(lines)


def notes_text(row: BookRow) -> str:
    """Ghi chú: a cancellation first (the line stays, its number is not reused), then the
    secrecy and urgency marks and a possible duplicate; for an outgoing document, a recall or
    a replacement (its line stays too)."""
    notes = list(row.notes)
    if isinstance(row, RegisterRow | TrackingRow) and row.cancelled:
        # Translators: Vietnamese "Đã hủy: %(reason)s".
        cancelled = pgettext("register book", "Cancelled: %(reason)s")
        notes.insert(0, cancelled % {"reason": row.cancel_reason})
    return "; ".join(notes)


def progress_text(row: TrackingRow) -> str:
    """Tiến độ giải quyết in words: not assigned, in progress (how far), done (when), late."""
    if row.progress is Progress.CANCELLED:
        return ""
    if row.progress is Progress.NOT_ASSIGNED:
        # Translators: Vietnamese "Chưa giao xử lý".
        text = pgettext("register book", "Not assigned yet")
    elif row.progress is Progress.ASSIGNED:
        # Translators: Vietnamese "Đã giao, chưa tiếp nhận".
        text = pgettext("register book", "Assigned, not taken on yet")
    elif row.progress is Progress.IN_PROGRESS and row.percent is None:
        # Translators: Vietnamese "Đang giải quyết".
        text = pgettext("register book", "In progress")
    elif row.progress is Progress.IN_PROGRESS:
        # Translators: Vietnamese "Đang giải quyết (%(percent)s%%)".
        text = pgettext("register book", "In progress (%(percent)s%%)")
        text %= {"percent": row.percent}
    elif row.done_on is not None:
        # Translators: Vietnamese "Đã giải quyết ngày %(date)s".
        text = pgettext("register book", "Done on %(date)s") % {"date": _day(row.done_on)}
    else:
        # Translators: Vietnamese "Đã giải quyết".
        text = pgettext("register book", "Done")
    if row.days_late and row.progress is Progress.DONE:
        late = npgettext(
            "register book",
            # Translators: Vietnamese "chậm %(days)s ngày".
            "late by %(days)s day",
            "late by %(days)s days",
            row.days_late,
        )
        text = f"{text}, {late % {'days': row.days_late}}"
    elif row.days_late:
        late = npgettext(
            "register book",
            # Translators: Vietnamese "quá hạn %(days)s ngày".
            "overdue by %(days)s day",
            "overdue by %(days)s days",
            row.days_late,
        )
        text = f"{text}, {late % {'days': row.days_late}}"
    return text


def document_text(row: TrackingRow) -> str:
    """The document in one cell of the tracking sheet: type, symbol and date, author, summary."""
    head = " ".join(p for p in (row.type_name, row.symbol) if p)
    if row.issued_date is not None:
        # Translators: Vietnamese "ngày %(date)s" (a document's date, after its symbol).
        dated = pgettext("register book", "of %(date)s") % {"date": _day(row.issued_date)}
        head = f"{head} {dated}" if head else dated
    lines = [head, row.issuer, row.subject]
    return "\n".join(line for line in lines if line)


def _cancelled(row: BookRow) -> bool:
    """A cancelled registration (the line is kept and marked; outgoing lines never are: a
    recalled or replaced document keeps its number and says so in its notes)."""
    return isinstance(row, RegisterRow | TrackingRow) and row.cancelled


def _day(day: dt.date | None) -> str:
    return f"{day:%d/%m/%Y}" if day is not None else ""


def period_text(meta: BookMeta) -> str:
    # Translators: Vietnamese "Từ ngày %(start)s đến ngày %(end)s".
    text = pgettext("register book", "From %(start)s to %(end)s")
    return text % {"start": _day(meta.start), "end": _day(meta.end)}


def year_text(meta: BookMeta) -> str:
    years = meta.years or (meta.start.year,)
    span = str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
    # Translators: Vietnamese "Năm %(year)s".
    return pgettext("register book", "Year %(year)s") % {"year": span}


def numbers_text(meta: BookMeta) -> str:
    """ "Từ số … đến số …", when the numbers are one series (one register, one year)."""
    if meta.first_number is None or meta.several_registers or len(meta.years) > 1:
        return ""
    # Translators: Vietnamese "Từ số %(first)s đến số %(last)s".
    text = pgettext("register book", "From number %(first)s to number %(last)s")
    return text % {"first": meta.first_number, "last": meta.last_number}


def printed_text(meta: BookMeta) -> str:
    text = npgettext(
        "register book",
        # Translators: Vietnamese "Sổ có %(count)s văn bản. In lúc %(time)s, người in: %(person)s."
        "%(count)s document. Printed at %(time)s by %(person)s.",
        "%(count)s documents. Printed at %(time)s by %(person)s.",
        meta.count,
    )
    return text % {
        "count": meta.count,
        "time": f"{meta.printed_at:%H:%M %d/%m/%Y}",
        "person": meta.printed_by,
    }


def empty_text(kind: BookKind = BookKind.REGISTER) -> str:
    if kind is BookKind.OUTGOING:
        # Translators: Vietnamese "Không có văn bản đi nào được ban hành trong thời gian này."
        return pgettext("register book", "No outgoing document issued in this period.")
    # Translators: Vietnamese "Không có văn bản đến nào trong thời gian này."
    return pgettext("register book", "No incoming document in this period.")


def tracking_tab() -> str:
    # Translators: Vietnamese "Theo dõi" (name of the tracking sheet's worksheet tab).
    return pgettext("register book", "Tracking")


def page_label() -> str:
    # Translators: Vietnamese "Trang" (before "x/y" at the foot of each page).
    return pgettext("register book", "Page")


def _register_values(row: RegisterRow) -> dict[str, Any]:
    return {
        "register": row.register,
        "arrival_date": row.arrival_date,
        "arrival_number": row.arrival_number,
        "issuer": row.issuer,
        "symbol": row.symbol,
        "issued_date": row.issued_date,
        "type_and_subject": row.type_and_subject,
        "receivers": receivers_text(row),
        "transferred_on": row.transferred_on,
        "signature": "",
        "notes": notes_text(row),
    }


def _tracking_values(row: TrackingRow) -> dict[str, Any]:
    return {
        "register": row.register,
        "arrival_number": row.arrival_number,
        "arrival_date": row.arrival_date,
        "document": document_text(row),
        "symbol": row.symbol,
        "issued_date": row.issued_date,
        "issuer": row.issuer,
        "type_and_subject": row.type_and_subject,
        "lead": "\n".join(row.lead),
        "cooperating": "\n".join(row.cooperating),
        "deadline": row.deadline,
        "progress": progress_text(row),
        "percent": row.percent if row.progress is Progress.IN_PROGRESS else None,
        "done_on": row.done_on,
        "days_late": row.days_late or None,
        "replies": "\n".join(row.replies),
        "notes": notes_text(row),
    }


def _outgoing_values(row: OutgoingLine) -> dict[str, Any]:
    return {
        "register": row.register,
        "symbol": row.symbol,
        "issued_date": row.issued_date,
        "type_and_subject": row.type_and_subject,
        "signer": row.signer,
        "recipients": _names(row.recipients),
        "keeping_unit": row.keeping_unit,
        "copies": row.copies,
        "transferred_on": row.transferred_on,
        "signature": "",
        "notes": notes_text(row),
    }


def _values(row: BookRow) -> dict[str, Any]:
    if isinstance(row, RegisterRow):
        return _register_values(row)
    if isinstance(row, TrackingRow):
        return _tracking_values(row)
    return _outgoing_values(row)


# --- PDF ----------------------------------------------------------------------------------


def _css_string(text: str) -> str:
    """``text`` as a CSS string literal that is safe inside a <style> element: every
    character but letters, digits and spaces as a CSS escape, so a unit's name can neither
    end the string nor the element."""
    escaped = "".join(
        c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in text.replace("\n", " ")
    )
    return f'"{escaped}"'


# A book longer than this is laid out in parts of as many lines, each made into a PDF of its
# own, and the parts joined and their pages numbered once joined (``_joined``): WeasyPrint
# holds a whole document's layout while it makes it (0.25–0.35 MB a line), a city office's
# year (11,849 lines at a million documents) some 3 GB in one piece.
PDF_PART = 400


@dataclass(frozen=True)
class _Part:
    """Which part of a book a PDF holds: the first has the cover (and no running title on its
    first page), the last the line saying who printed the book; the lines' register headings
    go on from ``previous`` (the register of the line before the part). A book in one part
    has its pages numbered by the stylesheet; one in several has them numbered once joined."""

    first: bool = True
    last: bool = True
    previous: str | None = None

    @property
    def whole(self) -> bool:
        return self.first and self.last


WHOLE = _Part()


def book_html(rows: Sequence[BookRow], meta: BookMeta, part: _Part = WHOLE) -> str:
    """The book, or ``part`` of it, as HTML for WeasyPrint (templates
    ``registers/incoming_book.html``, ``registers/tracking_sheet.html`` and
    ``registers/outgoing_book.html``)."""
    layout = LAYOUTS[meta.kind]
    columns = layout.columns
    lines = []
    previous = part.previous
    for row in rows:
        values = _values(row)
        cells = []
        for column in columns:
            value = values[column.key]
            if column.kind == "date":
                value = _day(value)
            text = "" if value is None else str(value)
            # The first line of the tracking sheet's document cell (type, symbol, date) is
            # printed bold, the way clerks underline what they look a document up by.
            head, _sep, rest = text.partition("\n") if column.key == "document" else ("", "", text)
            cells.append({"key": column.key, "head": head, "text": rest})
        # A book of several registers heads each register's lines with its name.
        group = row.register if meta.several_registers and row.register != previous else ""
        previous = row.register
        lines.append({"group": group, "cancelled": _cancelled(row), "cells": cells})
    context = {
        "meta": meta,
        "part": part,
        "columns": columns,
        "lines": lines,
        "column_count": len(columns),
        "period": period_text(meta),
        "year": year_text(meta),
        "numbers": numbers_text(meta),
        "printed": printed_text(meta),
        "receivers_group": RECEIVERS_GROUP,
        "page_label_css": _page_label_css() if part.whole else "",
        "running_title_css": _css_string(f"{meta.unit_short_name} – {meta.title}"),
        "empty": empty_text(meta.kind),
    }
    return render_to_string(layout.template, context)


def _page_label_css() -> str:
    """ "Trang " as the stylesheet's string before a page's "x/y"."""
    return _css_string(page_label() + " ")


def _page_numbers_html(pages: int) -> str:
    """``pages`` blank pages of the books' size and margins, each with "Trang x/y" at its
    foot where a book's page has it: laid over the pages of a book made in parts."""
    context = {"pages": range(pages), "page_label_css": _page_label_css()}
    return render_to_string("registers/_page_numbers.html", context)


def _pdf(html: str) -> bytes:
    """``html`` made into a PDF by WeasyPrint; ``core.errors.Unavailable`` when the machine
    lacks the Pango library it draws text with (the xlsx export needs nothing of the kind)."""
    try:
        import weasyprint
        from weasyprint.urls import URLFetcher
    except (OSError, ImportError) as exc:  # cffi cannot load libpango / libgobject
        raise Unavailable(
            _(
                "PDF printing is not installed on this server (apt-get install libpango-1.0-0 "
                "fonts-dejavu-core); export the register as xlsx meanwhile."
            ),
            code="pdf_unavailable",
        ) from exc

    # The book needs no outside resource (the fonts are the system's): fetch nothing, so no
    # text in a register can make the server open a file or a URL.
    document = weasyprint.HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=()))
    pdf: bytes = document.write_pdf()
    return pdf


def _joined(parts: Sequence[bytes]) -> bytes:
    """The parts of a book as one PDF (the first's title and author), each page numbered
    "Trang x/y" of the whole."""
    import pikepdf

    sources = [pikepdf.open(io.BytesIO(part)) for part in parts]
    try:
        book = sources[0]
        for source in sources[1:]:
            book.pages.extend(source.pages)
        with pikepdf.open(io.BytesIO(_pdf(_page_numbers_html(len(book.pages))))) as numbers:
            for page, number in zip(book.pages, numbers.pages, strict=True):
                page.add_overlay(number, pikepdf.Rectangle(page.mediabox))
            out = io.BytesIO()
            book.save(out)
    finally:
        for source in sources:
            source.close()
    return out.getvalue()


def book_pdf(rows: Sequence[BookRow], meta: BookMeta) -> bytes:
    """The book as an A4 landscape PDF (WeasyPrint, DejaVu Serif); a long one made in parts of
    ``PDF_PART`` lines, so that making it takes the memory of one part.

    Raises ``core.errors.Unavailable`` when the machine lacks the Pango library WeasyPrint
    draws text with; the xlsx export needs nothing of the kind.
    """
    if len(rows) <= PDF_PART:
        return _pdf(book_html(rows, meta))
    starts = range(0, len(rows), PDF_PART)
    parts = []
    for start in starts:
        part = _Part(
            first=start == 0,
            last=start == starts[-1],
            previous=rows[start - 1].register if start else None,
        )
        parts.append(_pdf(book_html(rows[start : start + PDF_PART], meta, part)))
    return _joined(parts)


# --- xlsx ---------------------------------------------------------------------------------

# Column widths in the spreadsheet, in characters.
XLSX_WIDTHS = {
    "arrival_date": 12,
    "arrival_number": 8,
    "issuer": 24,
    "symbol": 16,
    "issued_date": 12,
    "type_and_subject": 50,
    "receivers": 28,
    "transferred_on": 12,
    "signature": 12,
    "notes": 26,
    "lead": 24,
    "cooperating": 24,
    "deadline": 12,
    "progress": 26,
    "percent": 11,
    "done_on": 12,
    "days_late": 10,
    "replies": 22,
    "register": 24,
    "signer": 22,
    "recipients": 34,
    "keeping_unit": 18,
    "copies": 9,
}
_SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def book_xlsx(rows: Sequence[BookRow], meta: BookMeta) -> bytes:
    """The book as a spreadsheet: the title block, one bold heading row with filters, frozen
    panes below it, real dates (dd/mm/yyyy) and numbers, and a page setup that prints A4
    landscape, one page wide, headings repeated, "Trang x/y" at the foot."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    columns = list(LAYOUTS[meta.kind].xlsx_columns)
    if meta.several_registers:
        columns.append(REGISTER_COLUMN)
    last = get_column_letter(len(columns))

    workbook = Workbook()
    sheet = workbook.active or workbook.create_sheet()
    title = tracking_tab() if meta.kind is BookKind.TRACKING else str(REGISTER)
    sheet.title = _SHEET_TITLE_FORBIDDEN.sub("-", title)[:31]
    workbook.properties.title = f"{meta.title} – {meta.unit_name}"
    workbook.properties.creator = "vanphong"

    centered = Alignment(horizontal="center", vertical="center", wrap_text=True)
    sheet["A1"] = meta.parent_name.upper()
    sheet["A2"] = meta.unit_name.upper()
    sheet["A2"].font = Font(bold=True)
    heading_rows = [
        (meta.title.upper(), Font(bold=True, size=14)),
        (year_text(meta), Font(bold=True)),
        (period_text(meta), Font(italic=True)),
        (numbers_text(meta), Font(italic=True)),
    ]
    row_number = 4
    for text, font in heading_rows:
        if not text:
            continue
        cell = sheet.cell(row=row_number, column=1, value=text)
        cell.font = font
        cell.alignment = centered
        sheet.merge_cells(f"A{row_number}:{last}{row_number}")
        row_number += 1
    header = row_number + 1

    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=header, column=index, value=str(column.label))
        cell.font = Font(bold=True)
        cell.alignment = centered
        cell.border = border
        cell.fill = PatternFill("solid", fgColor="E7E6E6")
        sheet.column_dimensions[get_column_letter(index)].width = XLSX_WIDTHS.get(column.key, 14)
    sheet.row_dimensions[header].height = 45

    top = Alignment(vertical="top", wrap_text=True)
    top_center = Alignment(horizontal="center", vertical="top", wrap_text=True)
    for offset, row in enumerate(rows, start=1):
        values = _values(row)
        for index, column in enumerate(columns, start=1):
            value = values.get(column.key)
            if value == "":
                value = None
            cell = sheet.cell(row=header + offset, column=index, value=value)
            cell.border = border
            if column.kind == "date":
                cell.number_format = "DD/MM/YYYY"
                cell.alignment = top_center
            elif column.kind == "number":
                cell.number_format = "0"
                cell.alignment = top_center
            else:
                cell.alignment = top
    last_row = header + max(len(rows), 0)

    sheet.freeze_panes = sheet.cell(row=header + 1, column=3)
    sheet.auto_filter.ref = f"A{header}:{last}{max(last_row, header)}"
    sheet.print_title_rows = f"{header}:{header}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    sheet.print_options.horizontalCentered = True
    sheet.oddFooter.center.text = page_label() + " &P/&N"
    sheet.oddFooter.left.text = f"{meta.unit_short_name} – {meta.title}"

    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# --- the download -------------------------------------------------------------------------


def book_filename(meta: BookMeta, fmt: str) -> str:
    """A Vietnamese file name: "Sổ đăng ký văn bản đến - Quận ủy Ba Đình - 01-03-2026 -
    31-03-2026.pdf", without the characters file systems refuse."""
    name = f"{meta.title} - {meta.unit_short_name} - {meta.start:%d-%m-%Y} - {meta.end:%d-%m-%Y}"
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f\x7f]+', " ", unicodedata.normalize("NFC", name))
    return f"{re.sub(r' +', ' ', name).strip()}.{fmt}"


def _ascii(text: str) -> str:
    """The file name for clients that do not read RFC 5987: no marks, đ → d, plain ASCII."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.encode("ascii", "ignore").decode().replace("\\", "").replace('"', "")


def content_disposition(filename: str) -> str:
    """``attachment`` with an ASCII fallback and the real name as RFC 5987 ``filename*``."""
    return f"attachment; filename=\"{_ascii(filename)}\"; filename*=UTF-8''{quote(filename)}"


def book_render(rows: Sequence[BookRow], meta: BookMeta, fmt: str) -> bytes:
    if fmt == PDF:
        return book_pdf(rows, meta)
    if fmt == XLSX:
        return book_xlsx(rows, meta)
    raise ValueError(f"unknown format {fmt!r}")


def book_response(rows: Sequence[BookRow], meta: BookMeta, fmt: str) -> HttpResponse:
    """The book as a download, never cached (it shows what this person may see)."""
    response = HttpResponse(book_render(rows, meta, fmt), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition(book_filename(meta, fmt))
    add_never_cache_headers(response)
    return response
