"""Taking numbers from registers."""

from __future__ import annotations

from django.db import connection, transaction
from django.utils.translation import gettext as _

from vanphong.audit.services import audit_append
from vanphong.core.errors import Conflict
from vanphong.org.models import Unit, User
from vanphong.registers.models import Counter, Register, RegisterKind

DEFAULT_NAMES = {
    RegisterKind.INCOMING: "Sổ đăng ký văn bản đến",
    RegisterKind.OUTGOING: "Sổ đăng ký văn bản đi",
}


def counter_take(*, register: Register, period: str) -> int:
    """The next number of ``register`` for ``period``, inside the caller's transaction.

    The counter row stays locked until the caller commits, so a second clerk waits for the
    first; if the caller rolls back, so does the number, and no gap is left. On SQLite the
    write transaction (BEGIN IMMEDIATE) already serialises writers.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("counter_take must be called inside transaction.atomic")
    row = Counter.objects.select_for_update().filter(register=register, period=period).first()
    if row is None:
        # First number of the period: concurrent first takers meet on the unique constraint,
        # and all but one insert nothing; then everyone queues on the row lock.
        Counter.objects.bulk_create(
            [Counter(register=register, period=period, last=0)], ignore_conflicts=True
        )
        row = Counter.objects.select_for_update().get(register=register, period=period)
    row.last += 1
    row.save(update_fields=["last"])
    return row.last


def register_for(*, unit: Unit, kind: RegisterKind | str, secrecy: int = 0) -> Register:
    """The register a document of ``secrecy`` goes into in ``unit``: the most specific one
    whose threshold it reaches, else the default register (created when the unit has none)."""
    kind = RegisterKind(kind)
    # One query for all of the unit's registers of this kind: there are only ever a few.
    registers = list(Register.objects.filter(unit=unit, kind=kind))
    specific = [r for r in registers if r.active and 0 < r.min_secrecy <= secrecy]
    if specific:
        return max(specific, key=lambda r: r.min_secrecy)
    default = next((r for r in registers if r.is_default), None)
    if default is not None:
        if not default.active:
            raise Conflict(
                _("The default register of %(unit)s is closed.") % {"unit": unit},
                code="register_closed",
            )
        return default
    return register_create(by=None, unit=unit, kind=kind, name=DEFAULT_NAMES[kind], is_default=True)


@transaction.atomic
def register_create(
    *,
    by: User | None,
    unit: Unit,
    kind: RegisterKind | str,
    name: str,
    min_secrecy: int = 0,
    is_default: bool = False,
) -> Register:
    """Open a register in ``unit``."""
    kind = RegisterKind(kind)
    existing = Register.objects.filter(unit=unit, kind=kind, name=name).first()
    if existing is not None:
        return existing
    register, created = Register.objects.get_or_create(
        unit=unit,
        kind=kind,
        name=name,
        defaults={"min_secrecy": min_secrecy, "is_default": is_default},
    )
    if created:
        audit_append(
            action="register.create",
            actor=by,
            unit=unit,
            obj=register,
            after={
                "kind": kind.value,
                "name": name,
                "min_secrecy": min_secrecy,
                "is_default": is_default,
            },
        )
    return register
