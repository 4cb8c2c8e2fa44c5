"""Extraction over the labelled corpus: per-field accuracy must not fall below its floor.

The corpus (tests/documents/corpus, made by make_corpus.py) holds typed, unaccented and OCR'd
first pages. The floors are the accuracy reached when they were set, less a small margin,
so that a change which breaks a field fails here with the whole table printed.
"""

from __future__ import annotations

import pytest
from bench.extraction import FIELDS, KINDS, accuracy, load, misses, run, table

# Overall floors (all kinds together). Symbol, date and issuer are what a clerk most needs.
FLOORS = {
    "document_type": 0.97,
    "number": 0.97,
    "notation": 0.96,
    "symbol": 0.96,
    "issuer": 0.96,
    "place": 0.95,
    "issued_date": 0.97,
    "subject": 0.95,
    "signer": 0.96,
    "signer_position": 0.95,
    "authority": 0.97,
    "secrecy": 0.94,  # OCR loses boxed stamps now and then
    "urgency": 0.95,
    "due_date": 0.96,
}
# Per kind of source, for the three fields the brief holds to 95 %.
KIND_FLOORS = {"symbol": 0.95, "issued_date": 0.95, "issuer": 0.95}


@pytest.fixture(scope="module")
def results() -> tuple[dict, dict]:
    labels = load()
    found, _ = run(labels)
    return labels, found


def test_corpus_is_varied(results: tuple[dict, dict]) -> None:
    labels, _ = results
    kinds = [label["kind"] for label in labels.values()]
    assert len(labels) >= 70
    assert kinds.count("unaccented") >= 10
    assert kinds.count("scanned") >= 15
    assert {label["document_type"] for label in labels.values()} >= {
        "CT", "NQ", "QD", "KL", "TB", "HD", "KH", "BC", "TTR", "CV", "GM", "QYD"
    }  # fmt: skip


def test_accuracy_floors(results: tuple[dict, dict]) -> None:
    labels, found = results
    overall = accuracy(labels, found, labels)
    below = {f: round(overall[f], 3) for f in FIELDS if overall[f] < FLOORS[f]}
    for kind in KINDS:
        names = [n for n in labels if labels[n]["kind"] == kind]
        per_kind = accuracy(labels, found, names)
        below |= {
            f"{f} ({kind})": round(per_kind[f], 3)
            for f, floor in KIND_FLOORS.items()
            if per_kind[f] < floor
        }
    if below:
        details = "\n".join(
            line for field in FIELDS if field in below for line in misses(labels, found, field)
        )
        pytest.fail(
            f"fields below their floor: {below}\n\n{table(labels, found)}\n\n{details}",
            pytrace=False,
        )
