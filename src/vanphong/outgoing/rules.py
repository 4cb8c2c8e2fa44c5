"""Rules of outgoing documents that need no database. Pure Python, no Django.

- the place and date line printed under the national motto (``date_text``, which
  ``registers.symbols`` holds with the number and symbol, and the incoming demo uses too);
- the place name taken from a unit's address;
- the signing authority's printed code ("T/M", "KT."…) from the line above the position;
- where a review round stands once a reviewer has acted (sequential or parallel);
- the recipients as typed in one line of text (API, import).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence
from dataclasses import dataclass

from vanphong.registers.symbols import System


def place_from_address(address: str) -> str:
    """The place name of a postal address: its last part ("Số 2 Lê Lai, Hoàn Kiếm, Hà Nội" →
    "Hà Nội"); "TP. Hà Nội" and "Thành phố Hà Nội" give "Hà Nội" too."""
    parts = [p.strip() for p in re.split(r"[,;\n]", address) if p.strip()]
    if not parts:
        return ""
    last = re.sub(r"\s+", " ", parts[-1])
    return re.sub(r"^(?:TP\.?|Tp\.?|Thành phố|thành phố|Tỉnh|tỉnh)\s+", "", last).strip()


# The printed forms of each authority, per system (DOMAIN.md §1, §2).
_AUTHORITY = {
    "tm": {"party": "T/M", "state": "TM."},
    "kt": {"party": "K/T", "state": "KT."},
    "tl": {"party": "T/L", "state": "TL."},
    "q": {"party": "Q.", "state": "Q."},
    "tuq": {"party": "TUQ.", "state": "TUQ."},
}
_AUTHORITY_TOKEN = re.compile(r"^\s*(T\s*/\s*M|K\s*/\s*T|T\s*/\s*L|TUQ|TM|KT|TL|Q)\b\.?", re.I)


def authority_code(authority: str, system: System | str) -> str:
    """The code of a signing authority as the document record keeps it ("T/M" for a Party
    document, "TM." for a state one) from the printed line ("T/M BAN THƯỜNG VỤ", "KT. CHỦ
    TỊCH"); "" when the line names no authority (the head signs in their own name)."""
    match = _AUTHORITY_TOKEN.match(authority)
    if match is None:
        return ""
    key = re.sub(r"[\s/.]", "", match.group(1)).lower()
    return _AUTHORITY[key][System(system).value]


class StepState(enum.StrEnum):
    WAITING = "waiting"
    PENDING = "pending"
    APPROVED = "approved"
    RETURNED = "returned"
    FORWARDED = "forwarded"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class Step:
    """A review step as the rule sees it: its place (order, then id) and its state."""

    id: int
    order: int
    state: StepState


@dataclass(frozen=True)
class RoundOutcome:
    """What follows: the round is finished (``approved``), or it goes on with ``promote``
    becoming the pending step (None: someone is still reviewing)."""

    approved: bool
    promote: int | None = None


def round_outcome(steps: Sequence[Step]) -> RoundOutcome:
    """Where a review round stands after a reviewer approved or forwarded.

    While someone has the draft in hand (a pending step), the round goes on. Otherwise the
    next waiting step in order becomes pending (sequential review: parallel review has no
    waiting steps). With nobody left, every reviewer has approved and the draft goes to the
    signer. A returned round never gets here: a return ends it at once.
    """
    if any(step.state is StepState.PENDING for step in steps):
        return RoundOutcome(approved=False)
    waiting = sorted(
        (step for step in steps if step.state is StepState.WAITING), key=lambda s: (s.order, s.id)
    )
    if waiting:
        return RoundOutcome(approved=False, promote=waiting[0].id)
    return RoundOutcome(approved=True)


class RecipientKind(enum.StrEnum):
    UNIT = "unit"
    GROUP = "group"
    ORGAN = "organ"
    EMAIL = "email"


@dataclass(frozen=True)
class RecipientSpec:
    """One recipient as typed: a unit's short id, ``group:12``, ``organ:000.00.00.H26`` (with an
    optional ``=Name``) or ``email:van.thu@example.vn``."""

    kind: RecipientKind
    value: str
    name: str = ""


class RecipientSyntaxError(ValueError):
    """A recipient that is none of the accepted forms."""


def parse_recipients(text: str | Sequence[str]) -> list[RecipientSpec]:
    """Recipients separated by commas (or given as a list), in order, without repeats."""
    items = text.split(",") if isinstance(text, str) else [p for t in text for p in t.split(",")]
    specs: list[RecipientSpec] = []
    for raw in items:
        item = raw.strip()
        if not item:
            continue
        prefix, sep, rest = item.partition(":")
        prefix = prefix.strip().lower()
        if not sep:
            spec = RecipientSpec(RecipientKind.UNIT, item)
        elif prefix in ("group", "nhom"):
            if not rest.strip().isdigit():
                raise RecipientSyntaxError(item)
            spec = RecipientSpec(RecipientKind.GROUP, rest.strip())
        elif prefix in ("organ", "madinhdanh"):
            code, _eq, name = rest.partition("=")
            spec = RecipientSpec(RecipientKind.ORGAN, code.strip(), name.strip())
        elif prefix in ("email", "mail"):
            spec = RecipientSpec(RecipientKind.EMAIL, rest.strip().lower())
        elif prefix == "unit":
            spec = RecipientSpec(RecipientKind.UNIT, rest.strip())
        else:
            raise RecipientSyntaxError(item)
        if not spec.value:
            raise RecipientSyntaxError(item)
        if spec not in specs:
            specs.append(spec)
    return specs
