"""A 20 MB attachment (a scanned dossier) travels in reasonable memory and time."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]

# Run in a process of its own: its peak resident size is then the codec's, not the suite's.
SCRIPT = textwrap.dedent(
    """
    import datetime as dt, json, os, resource, time
    from vanphong.exchange import edxml

    def peak_mb():
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    scan = os.urandom(20 * 1024 * 1024)
    pkg = edxml.Package(
        header=edxml.MessageHeader(
            from_=edxml.Organization(organ_id="000.00.00.H26", organ_name="Thành ủy Hà Nội"),
            to=(edxml.Organization(organ_id="000.01.00.H26"),),
            code=edxml.Code("87", "BC/TU"),
            promulgation_info=edxml.Promulgation("Hà Nội", dt.date(2026, 3, 2)),
            document_type=edxml.DocumentType(type=1, type_name="Báo cáo"),
            subject="Hồ sơ quét đính kèm",
        ),
        attachments=(
            edxml.Attachment.new("ho-so.pdf", scan, content_type="application/pdf"),
            edxml.Attachment.new("to-trinh.pdf", b"%PDF-1.4", content_type="application/pdf"),
        ),
    )
    baseline = peak_mb()
    started = time.perf_counter()
    data = edxml.encode_package(pkg)
    encoded = time.perf_counter()
    back = edxml.decode_package(data)
    decoded = time.perf_counter()
    print(json.dumps({
        "equal": back == pkg,
        "size": len(data),
        "encode_s": encoded - started,
        "decode_s": decoded - encoded,
        "baseline_mb": baseline,
        "peak_mb": peak_mb(),
    }))
    """
)


def test_a_20_mb_attachment_round_trips_in_bounded_memory_and_time() -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        check=True,
    )
    figures = json.loads(result.stdout)
    assert figures["equal"]
    assert 27_900_000 < figures["size"] < 28_100_000  # base64: 4/3 of the bytes, once
    assert figures["encode_s"] + figures["decode_s"] < 20
    # Measured: about 100 MB over the package itself (base64 output, then the parsed text,
    # its Python copy and the decoded bytes). Twice that would mean a copy too many.
    assert figures["peak_mb"] - figures["baseline_mb"] < 200, figures
