"""Who an outgoing document goes to (nơi nhận), as the author names them.

A recipient is named as a unit of the network (picked from the tree), a saved group of units
("30 quận, huyện, thị ủy"), or an outside body by its organisation identifier (mã định danh,
edXML) or its official e-mail address. Groups are expanded when the draft is made: the nơi nhận
of a document lists the units it went to, whatever the group becomes later.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from vanphong.core.errors import InvalidInput
from vanphong.org.models import Unit
from vanphong.org.roles import valid_organ_id
from vanphong.org.selectors import today
from vanphong.outgoing.models import RecipientGroup
from vanphong.outgoing.rules import RecipientKind, RecipientSyntaxError, parse_recipients


@dataclass(frozen=True)
class RecipientInput:
    """One recipient as chosen: exactly one of a unit, a group, an organisation identifier
    (with the body's name) or an e-mail address."""

    unit: Unit | None = None
    group: RecipientGroup | None = None
    organ_id: str = ""
    name: str = ""
    email: str = ""


def check_email(address: str) -> str:
    """``address`` lower-cased when it is an e-mail address; InvalidInput otherwise."""
    address = address.strip().lower()
    try:
        validate_email(address)
    except ValidationError:
        raise InvalidInput(
            _("%(address)s is not an e-mail address.") % {"address": address},
            code="bad_recipient",
        ) from None
    return address


def check_organ_id(code: str) -> str:
    code = code.strip().upper()
    if not valid_organ_id(code):
        raise InvalidInput(
            _("Organisation identifier %(code)s must look like 000.00.00.H26.") % {"code": code},
            code="bad_recipient",
        )
    return code


def recipients_from_text(*, owner: Unit, text: str | Sequence[str]) -> list[RecipientInput]:
    """The recipients named in ``text`` (comma-separated): unit short ids, ``group:<id>`` (a
    group of ``owner``), ``organ:<mã định danh>[=Name]``, ``email:<address>``. Three queries at
    most. An organisation identifier of a unit of this system names that unit (it then gets the
    document in its intake). Every unknown name is reported at once (InvalidInput)."""
    try:
        specs = parse_recipients(text)
    except RecipientSyntaxError as error:
        raise InvalidInput(
            _(
                "Not a recipient: %(item)s (use a unit's short id, group:ID, organ:CODE or "
                "email:ADDRESS)."
            )
            % {"item": str(error)},
            code="bad_recipient",
        ) from None
    slugs = [s.value for s in specs if s.kind is RecipientKind.UNIT]
    group_ids = [int(s.value) for s in specs if s.kind is RecipientKind.GROUP]
    organ_ids = [check_organ_id(s.value) for s in specs if s.kind is RecipientKind.ORGAN]
    units = {u.slug: u for u in Unit.objects.filter(slug__in=slugs)} if slugs else {}
    groups = (
        {g.pk: g for g in RecipientGroup.objects.filter(owner=owner, pk__in=group_ids)}
        if group_ids
        else {}
    )
    inside = (
        {u.organ_id: u for u in Unit.objects.active_on(today()).filter(organ_id__in=organ_ids)}
        if organ_ids
        else {}
    )
    unknown = [s for s in slugs if s not in units] + [
        f"group:{g}" for g in group_ids if g not in groups
    ]
    if unknown:
        raise InvalidInput(
            _("No such recipient: %(names)s.") % {"names": ", ".join(unknown)},
            code="unknown_recipient",
            unknown=unknown,
        )
    chosen: list[RecipientInput] = []
    for spec in specs:
        if spec.kind is RecipientKind.UNIT:
            chosen.append(RecipientInput(unit=units[spec.value]))
        elif spec.kind is RecipientKind.GROUP:
            chosen.append(RecipientInput(group=groups[int(spec.value)]))
        elif spec.kind is RecipientKind.ORGAN:
            code = check_organ_id(spec.value)
            if code in inside:
                chosen.append(RecipientInput(unit=inside[code]))
            else:
                chosen.append(RecipientInput(organ_id=code, name=spec.name))
        else:
            chosen.append(RecipientInput(email=check_email(spec.value)))
    return chosen
