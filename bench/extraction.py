"""Metadata extraction over the labelled corpus: per-field accuracy and time per document.

`.venv/bin/python -m bench.extraction` from the repository root; no Django settings needed.
`--misses FIELD` lists the documents where FIELD was wrong, with what was expected and found.

A field counts as right when the proposal equals the label; text fields (issuer, place,
subject, signer, position) and symbols are compared folded (no marks, đ → d, case and spaces
ignored), because an unaccented or OCR'd page cannot give back marks it does not carry. The
"exact" line compares them as printed, marks and case included.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from vanphong.core.text import fold
from vanphong.documents.extract import Proposal, extract

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "documents" / "corpus"
FIELDS = (
    "document_type",
    "number",
    "notation",
    "symbol",
    "issuer",
    "place",
    "issued_date",
    "subject",
    "signer",
    "signer_position",
    "authority",
    "secrecy",
    "urgency",
    "due_date",
)
FOLDED = frozenset(
    {"number", "notation", "symbol", "issuer", "place", "subject", "signer", "signer_position"}
)
KINDS = ("typed", "unaccented", "scanned")


def as_label(proposal: Proposal) -> dict[str, Any]:
    """The proposal in the labels' shape (ISO dates)."""
    out = asdict(proposal)
    for key in ("issued_date", "due_date"):
        if out[key] is not None:
            out[key] = out[key].isoformat()
    return out


def same(field: str, expected: Any, found: Any, *, exact: bool = False) -> bool:
    """Whether ``found`` counts as ``expected`` for ``field`` (see the module docstring)."""
    if expected is None or found is None:
        return expected is None and found is None
    if field in FOLDED and not exact:
        return fold(str(expected)).replace(" ", "") == fold(str(found)).replace(" ", "")
    return bool(expected == found)


def load() -> dict[str, dict[str, Any]]:
    labels: dict[str, dict[str, Any]] = json.loads(
        (CORPUS / "labels.json").read_text(encoding="utf-8")
    )
    return labels


def run(labels: dict[str, dict[str, Any]]) -> tuple[dict[str, dict[str, Any]], list[float]]:
    """Extract every corpus file: (name → proposal as label, seconds per document)."""
    found: dict[str, dict[str, Any]] = {}
    timings: list[float] = []
    for name in sorted(labels):
        text = (CORPUS / name).read_text(encoding="utf-8")
        started = time.perf_counter()
        proposal = extract(text)
        timings.append(time.perf_counter() - started)
        found[name] = as_label(proposal)
    return found, timings


def accuracy(
    labels: dict[str, dict[str, Any]],
    found: dict[str, dict[str, Any]],
    names: Iterable[str],
    *,
    exact: bool = False,
) -> dict[str, float]:
    chosen = list(names)
    if not chosen:
        return {}
    return {
        field: sum(same(field, labels[n][field], found[n][field], exact=exact) for n in chosen)
        / len(chosen)
        for field in FIELDS
    }


def table(labels: dict[str, dict[str, Any]], found: dict[str, dict[str, Any]]) -> str:
    """Per-field accuracy: one column per kind of source, overall, and overall exact."""
    groups: list[tuple[str, Callable[[str], bool], bool]] = [
        *((kind, lambda n, k=kind: labels[n]["kind"] == k, False) for kind in KINDS),
        ("overall", lambda n: True, False),
        ("exact", lambda n: True, True),
    ]
    columns = []
    for title, keep, exact in groups:
        names = [n for n in labels if keep(n)]
        columns.append((f"{title} ({len(names)})", accuracy(labels, found, names, exact=exact)))
    width = max(len(c[0]) for c in columns) + 2
    lines = ["field".ljust(16) + "".join(c[0].rjust(width) for c in columns)]
    for field in FIELDS:
        cells = "".join(
            (f"{c[1][field]:.3f}" if field in c[1] else "-").rjust(width) for c in columns
        )
        lines.append(field.ljust(16) + cells)
    return "\n".join(lines)


def misses(
    labels: dict[str, dict[str, Any]], found: dict[str, dict[str, Any]], field: str
) -> list[str]:
    return [
        f"{name}: expected {labels[name][field]!r}, found {found[name][field]!r}"
        for name in sorted(labels)
        if not same(field, labels[name][field], found[name][field])
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--misses", choices=FIELDS, action="append", default=[])
    args = parser.parse_args()
    labels = load()
    found, timings = run(labels)
    print(f"corpus: {len(labels)} documents in {CORPUS.relative_to(ROOT)}")
    print(table(labels, found))
    ms = [t * 1000 for t in timings]
    print(
        f"\nextraction time per document: mean {statistics.mean(ms):.2f} ms, "
        f"median {statistics.median(ms):.2f} ms, max {max(ms):.2f} ms"
    )
    for field in args.misses:
        print(f"\n## misses: {field}")
        print("\n".join(misses(labels, found, field)) or "(none)")


if __name__ == "__main__":
    main()
