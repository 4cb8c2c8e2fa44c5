"""Register books: how long a book of N lines takes to make, as PDF and as xlsx.

`.venv/bin/python -m bench.books` from the repository root; no database (the lines are made
up, as long as a city office's). The figures set ``registers.prints.PRINT_NOW``: the most
lines a book is made with while the person waits, longer ones going to a worker; and
``registers.render.PDF_PART``: a longer PDF is made in parts of as many lines, so that the
worker's memory is that of one part. Each book is made in a process of its own (forked once
the libraries are loaded, as in a worker), whose peak resident memory is printed.
``BENCH_BOOK_LINES`` (default ``100,400,1000``): the sizes timed, comma-separated.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import resource
import time
from multiprocessing.connection import Connection

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vanphong.config.settings")

import django

django.setup()

from django.utils import translation  # noqa: E402

from bench.common import machine  # noqa: E402
from vanphong.registers.books import BookKind, BookMeta, RegisterRow  # noqa: E402
from vanphong.registers.prints import PRINT_NOW  # noqa: E402
from vanphong.registers.render import PDF, PDF_PART, XLSX, book_render  # noqa: E402

SIZES = [int(n) for n in os.environ.get("BENCH_BOOK_LINES", "100,400,1000").split(",")]
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


def _make(fmt: str, n: int, out: Connection) -> None:
    """Make a book of ``n`` lines; send its time, its size and the process's peak memory."""
    started = time.perf_counter()
    content = book_render(_rows(n), _meta(n), fmt)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux
    out.send((seconds, len(content), peak_mb))


def main() -> None:
    translation.activate("vi")
    print(f"machine: {machine()}")
    for fmt in (PDF, XLSX):  # fonts, templates and libraries loaded once, as in a worker
        book_render(_rows(5), _meta(5), fmt)
    fork = multiprocessing.get_context("fork")
    print(f"  a PDF of more than {PDF_PART} lines is made in parts of {PDF_PART}")
    for fmt in (PDF, XLSX):
        for n in SIZES:
            receive, send = fork.Pipe(duplex=False)
            child = fork.Process(target=_make, args=(fmt, n, send))
            child.start()
            seconds, size, peak_mb = receive.recv()
            child.join()
            per_line = seconds * 1000 / n
            print(
                f"  {fmt:4} {n:5} lines: {seconds:6.2f} s, {per_line:5.1f} ms a line, "
                f"{size // 1024} KB, peak {peak_mb:.0f} MB resident; made in the request up to "
                f"{PRINT_NOW[fmt]} lines (about {PRINT_NOW[fmt] * per_line / 1000:.1f} s at "
                "this rate)",
                flush=True,
            )


if __name__ == "__main__":
    main()
