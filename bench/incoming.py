"""Incoming documents: registrations per second (text PDFs, OCR off) and OCR seconds per page."""

from __future__ import annotations

import io
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import machine, setup

setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from tests.factories import HEADER_PARTY, pdf_bytes, scan_png, upload  # noqa: E402

from vanphong.api.tokens import token_create  # noqa: E402
from vanphong.documents.inspect import FileKind  # noqa: E402
from vanphong.documents.storage import spool_upload  # noqa: E402
from vanphong.documents.text import extract_text, ocr_available  # noqa: E402
from vanphong.incoming.services import incoming_receive, incoming_register  # noqa: E402
from vanphong.org.demo import demo_load  # noqa: E402
from vanphong.org.models import Unit, User  # noqa: E402

N = int(os.environ.get("BENCH_N", "200"))
print(f"machine: {machine()}; database: {connection.vendor}; documents: {N}")
demo_load()
clerk = User.objects.get(username="vanthu.badinh")
unit = Unit.objects.get(slug="badinh")

pdfs = [pdf_bytes([*HEADER_PARTY, f"Bản số {i}: nội dung riêng của văn bản."]) for i in range(N)]

started = time.perf_counter()
for i, content in enumerate(pdfs):
    with spool_upload(upload(f"{i}.pdf", content)) as spooled:
        item = incoming_receive(by=clerk, unit=unit, files=[spooled])
    incoming_register(by=clerk, incoming=item)
elapsed = time.perf_counter() - started
print(
    f"receive + register through the services: {N / elapsed:.1f} documents/s "
    f"({1000 * elapsed / N:.1f} ms each; text layer read, metadata proposed, audit appended)"
)

_token, secret = token_create(by=None, user=clerk)
client = Client(HTTP_HOST="127.0.0.1", HTTP_AUTHORIZATION=f"Bearer {secret}")
started = time.perf_counter()
for content in pdfs[: N // 2]:
    response = client.post("/api/v1/incoming", {"file": io.BytesIO(content), "register": "true"})
    assert response.status_code == 201, response.content[:300]
elapsed = time.perf_counter() - started
print(f"POST /api/v1/incoming?register=true: {(N // 2) / elapsed:.1f} documents/s")

if not ocr_available():
    print("OCR: tesseract with 'vie' not installed; skipped")
    sys.exit(0)

with tempfile.TemporaryDirectory() as work:
    image = Path(work) / "scan.png"
    image.write_bytes(scan_png(dpi=300))
    runs_ocrmypdf, runs_tesseract = [], []
    for _ in range(3):
        started = time.perf_counter()
        result = extract_text(image, FileKind.PNG, workdir=Path(work))
        runs_ocrmypdf.append(time.perf_counter() - started)
        started = time.perf_counter()
        subprocess.run(
            [shutil.which("tesseract") or "tesseract", str(image), "stdout", "-l", "vie"],
            capture_output=True,
            check=True,
            env={**os.environ, "OMP_THREAD_LIMIT": "1"},
        )
        runs_tesseract.append(time.perf_counter() - started)
    ours, bare = statistics.median(runs_ocrmypdf), statistics.median(runs_tesseract)
    print(
        f"OCR of one A4 page at 300 dpi: vanphong (OCRmyPDF, searchable PDF) {ours:.2f} s/page, "
        f"plain tesseract {bare:.2f} s/page, ratio {ours / bare:.2f}; "
        f"{len(result.text)} characters read"
    )
