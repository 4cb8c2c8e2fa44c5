"""``vanphong edxml validate FILE`` as operators and integrators use it."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

SAMPLES = Path(__file__).parent / "samples"


def validate(path: Path | str) -> str:
    out = io.StringIO()
    call_command("edxml", "validate", str(path), stdout=out)
    return out.getvalue()


def test_a_valid_package_gets_a_one_line_summary() -> None:
    out = validate(SAMPLES / "vpcp_prefixed.edxml")
    assert out == (
        "valid package 000.00.00.G22,2015/09/30,7816/VPCP-TTĐT (Văn bản mới) "
        "from 000.00.00.G22 (Văn phòng Chính phủ) "
        "to 2 recipients: 000.00.00.H26, 000.00.00.H41; "
        "2 attachments (110 B): 7816-VPCP-TTĐT.pdf, phu-luc.txt; unsigned\n"
    )


def test_a_signed_package_names_its_signer() -> None:
    out = validate(SAMPLES / "signed.edxml")
    assert out.startswith("valid package 000.01.00.H26,2026/03/05,12/BC/QU (Văn bản mới) ")
    assert out.endswith("signed by CN=Văn phòng Quận ủy Ba Đình,O=000.01.00.H26,C=VN\n")


def test_a_recall_without_attachments() -> None:
    assert validate(SAMPLES / "unnamespaced.edxml") == (
        "valid package 000.00.00.H26,2026/02/27,204/CV/TU (Thu hồi) "
        "from 000.00.00.H26 (Thành ủy Hà Nội) "
        "to 3 recipients: 000.12.00.H26, 000.13.00.H26, 000.14.00.H26; 0 attachments; unsigned\n"
    )


def test_a_status_message_is_recognised_by_its_content() -> None:
    assert validate(SAMPLES / "status_bkav.edxml") == (
        "valid status 03 Đã tiếp nhận for 000.00.00.G22,2015/09/30,7816/VPCP-TTĐT "
        "from 000.00.00.H41 (UBND Tỉnh Nghệ An) at 2015/09/30 16:01:45\n"
    )


def test_an_invalid_file_is_refused_with_the_element_path_and_reason() -> None:
    with pytest.raises(CommandError) as caught:
        validate(SAMPLES / "broken" / "wrong_date_format.edxml")
    assert str(caught.value) == (
        "invalid edXML: edXML/edXMLEnvelope/edXMLHeader/MessageHeader/PromulgationInfo/"
        "PromulgationDate: wrong date format '12/01/2026': expected yyyy/MM/dd"
    )
    assert caught.value.returncode == 1


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match=r"cannot read .*nothing\.edxml: No such file"):
        validate(tmp_path / "nothing.edxml")


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "vanphong.cli", "edxml", *args],
        input=stdin.decode() if stdin is not None else None,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        timeout=60,
        check=False,
    )


@pytest.mark.slow
def test_exit_codes_and_streams_of_the_real_command() -> None:
    ok = run("validate", str(SAMPLES / "status_minimal.edxml"))
    assert (ok.returncode, ok.stderr) == (0, "")
    assert ok.stdout == (
        "valid status 01 Đã đến for 000.00.00.H26,2026/02/27,204/CV/TU "
        "from 000.12.00.H26 at 2026/02/27 10:02:13\n"
    )

    bad = run("validate", str(SAMPLES / "broken" / "bad_signature.edxml"))
    assert (bad.returncode, bad.stdout) == (1, "")
    assert bad.stderr.startswith(
        "CommandError: invalid edXML: edXML/edXMLEnvelope/edXMLHeader/Signature: "
        "signature does not verify"
    )

    piped = run("validate", "-", stdin=(SAMPLES / "unnamespaced.edxml").read_bytes())
    assert piped.returncode == 0
    assert piped.stdout.startswith("valid package 000.00.00.H26,2026/02/27,204/CV/TU")

    usage = run()
    assert usage.returncode == 2
    assert "ACTION" in usage.stderr
