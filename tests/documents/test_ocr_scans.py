"""End to end: OCR the committed degraded scans with Tesseract, then extract.

Skipped when tesseract or its Vietnamese model is missing; under CI=true that is a failure.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import require, require_binary
from vanphong.core.text import fold
from vanphong.documents.extract import extract

SCANS = Path(__file__).resolve().parent / "scans"
LABELS: dict[str, dict[str, str]] = json.loads((SCANS / "labels.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def tesseract() -> str:
    binary = require_binary("tesseract", "tesseract-ocr tesseract-ocr-vie")
    langs = subprocess.run([binary, "--list-langs"], capture_output=True, text=True, check=False)
    require("tesseract's Vietnamese model", "vie" in langs.stdout.split(), "tesseract-ocr-vie")
    return binary


def test_three_scans_are_committed() -> None:
    assert len(LABELS) == 3
    for name in LABELS:
        assert (SCANS / name).stat().st_size < 150_000


@pytest.mark.parametrize("name", sorted(LABELS))
def test_ocr_then_extract(tesseract: str, name: str) -> None:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    text = subprocess.run(
        [tesseract, str(SCANS / name), "-", "-l", "vie", "--psm", "4"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout
    expected = LABELS[name]
    proposal = extract(text)
    assert proposal.symbol == expected["symbol"]
    assert proposal.issued_date == dt.date.fromisoformat(expected["issued_date"])
    assert fold(proposal.issuer or "") == fold(expected["issuer"])
    assert proposal.document_type == expected["document_type"]
