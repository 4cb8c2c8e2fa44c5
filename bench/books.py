"""Register books: how long a book of N lines takes to make, as PDF and as xlsx.

`.venv/bin/python -m bench.books` from the repository root; no database (the lines are made
up, as long as a city office's). The figures set ``registers.prints.PRINT_NOW``: the most
lines a book is made with while the person waits, longer ones going to a worker.
``BENCH_BOOK_LINES`` (default ``100,400``): the sizes timed, comma-separated.
"""

from __future__ import annotations

import datetime as dt
import os
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vanphong.config.settings")

import django

django.setup()

from django.utils import translation  # noqa: E402

from bench.common import machine  # noqa: E402
from vanphong.registers.books import BookKind, BookMeta, RegisterRow  # noqa: E402
from vanphong.registers.prints import PRINT_NOW  # noqa: E402
from vanphong.registers.render import PDF, XLSX, book_render  # noqa: E402

SIZES = [int(n) for n in os.environ.get("BENCH_BOOK_LINES", "100,400").split(",")]
SUBJECT = (
    "Về việc tăng cường công tác tham mưu, tổng hợp phục vụ sự lãnh đạo, chỉ đạo của Ban "
    "Thường vụ Thành ủy"
)


def _rows(n: int) -> list[RegisterRow]:
    """``n`` lines of a month of the city office's register, subjects of one and two lines."""
    return [
        RegisterRow(
            register="Sổ đăng ký văn bản đến",
            arrival_date=dt.date(2026, 3, 1 + i % 28),
            arrival_number=i + 1,
            arrival_year=2026,
            issuer="Ủy ban nhân dân quận Ba Đình",
            symbol=f"{i + 1}-CV/UBND",
            issued_date=dt.date(2026, 2, 1 + i % 28),
            type_name="Công văn",
            subject=" ".join([SUBJECT] * (1 + i % 2)),
            lead=("Ban Tổ chức Thành ủy",),
            cooperating=("Văn phòng Thành ủy", "Ban Tuyên giáo Thành ủy"),
            directed_by=(),
            transferred_on=dt.date(2026, 3, 2),
            cancelled=False,
            cancel_reason="",
            notes=(),
        )
        for i in range(n)
    ]


def _meta(n: int) -> BookMeta:
    return BookMeta(
        kind=BookKind.REGISTER,
        title="Sổ đăng ký văn bản đến",
        unit_name="Văn phòng Thành ủy",
        parent_name="Thành ủy Hà Nội",
        start=dt.date(2026, 3, 1),
        end=dt.date(2026, 3, 31),
        register_name="",
        registers=("Sổ đăng ký văn bản đến",),
        first_number=1,
        last_number=n,
        count=n,
        printed_at=dt.datetime(2026, 4, 1, tzinfo=dt.UTC),
        printed_by="Văn thư",
    )


def main() -> None:
    translation.activate("vi")
    print(f"machine: {machine()}")
    for fmt in (PDF, XLSX):  # fonts, templates and libraries loaded once, as in a worker
        book_render(_rows(5), _meta(5), fmt)
    for fmt in (PDF, XLSX):
        for n in SIZES:
            started = time.perf_counter()
            content = book_render(_rows(n), _meta(n), fmt)
            seconds = time.perf_counter() - started
            per_line = seconds * 1000 / n
            print(
                f"  {fmt:4} {n:5} lines: {seconds:6.2f} s, {per_line:5.1f} ms a line, "
                f"{len(content) // 1024} KB; made in the request up to {PRINT_NOW[fmt]} lines "
                f"(about {PRINT_NOW[fmt] * per_line / 1000:.1f} s at this rate)",
                flush=True,
            )


if __name__ == "__main__":
    main()
