"""The audit journal's hash chain. Pure Python, no Django.

Each event's hash is SHA-256 over the previous event's hash and a canonical JSON rendering of
the event's fields, so changing, removing or reordering any stored event breaks every link
after it, and the first broken link says where the journal was tampered with.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64


def canonical(value: Any) -> str:
    """Deterministic JSON: sorted keys, no spaces, UTF-8 kept, non-JSON values as strings."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def normalise(value: Any) -> Any:
    """``value`` as it will read back from a JSON column (dates become strings, tuples lists)."""
    return json.loads(canonical(value))


def link_hash(prev_hash: str, fields: Mapping[str, Any]) -> str:
    """The hash of an event with ``fields`` following an event whose hash is ``prev_hash``."""
    digest = hashlib.sha256()
    digest.update(prev_hash.encode("ascii"))
    digest.update(b"\n")
    digest.update(canonical(fields).encode("utf-8"))
    return digest.hexdigest()


@dataclass(frozen=True)
class Link:
    seq: int
    prev_hash: str
    hash: str
    fields: Mapping[str, Any]


@dataclass(frozen=True)
class Verdict:
    ok: bool
    checked: int
    broken_seq: int | None = None
    reason: str = ""


def verify(links: Iterable[Link], head: tuple[int, str] | None = None) -> Verdict:
    """Check a journal read in ``seq`` order; report the first broken link.

    ``head`` is the (seq, hash) the journal recorded as its last event: without it, cutting
    events off the end would go unnoticed. ``broken_seq`` is the number of the first event that
    is missing, out of place or altered.
    """
    expected_prev = GENESIS
    expected_seq = 1
    checked = 0
    for link in links:
        if link.seq > expected_seq:
            return Verdict(False, checked, expected_seq, f"event #{expected_seq} is missing")
        if link.seq < expected_seq:
            return Verdict(
                False, checked, link.seq, f"event #{link.seq} is out of order or repeated"
            )
        if link.prev_hash != expected_prev:
            return Verdict(False, checked, link.seq, "previous hash does not match")
        if link_hash(link.prev_hash, link.fields) != link.hash:
            return Verdict(False, checked, link.seq, "content does not match its hash")
        expected_prev = link.hash
        expected_seq += 1
        checked += 1
    last = expected_seq - 1
    if head is not None:
        head_seq, head_hash = head
        if last < head_seq:
            return Verdict(
                False,
                checked,
                last + 1,
                f"journal ends at event #{last} but its head records #{head_seq}",
            )
        if last > head_seq:
            return Verdict(
                False,
                head_seq,
                head_seq + 1,
                f"event #{head_seq + 1} comes after the recorded head #{head_seq}",
            )
        if head_hash != expected_prev:
            return Verdict(False, last - 1, last, f"event #{last} does not match the recorded head")
    return Verdict(True, checked)
