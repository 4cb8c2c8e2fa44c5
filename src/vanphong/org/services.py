"""Changing the organisation: units over time, people, memberships, delegations.

Every function here runs in one transaction, records an audit event, and keeps history: a unit
is never deleted or overwritten, it gets a new version; a membership ends, it is not removed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Concat, Substr
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from vanphong.audit.services import audit_append
from vanphong.core.errors import Conflict, InvalidInput
from vanphong.core.events import publish
from vanphong.core.phone import normalise_mobile
from vanphong.core.text import clean
from vanphong.org.events import UnitClosed
from vanphong.org.models import (
    Delegation,
    Membership,
    RoleChoices,
    Term,
    Unit,
    UnitChange,
    UnitVersion,
    User,
)
from vanphong.org.roles import Role, Secrecy, UnitKind, valid_issuer_code, valid_organ_id
from vanphong.org.selectors import today

ONE_DAY = dt.timedelta(days=1)
MAX_DELEGATION = dt.timedelta(days=366)


def _unit_state(unit: Unit) -> dict[str, Any]:
    return {
        "slug": unit.slug,
        "kind": unit.kind,
        "full_name": unit.full_name,
        "short_name": unit.short_name,
        "issuer_code": unit.issuer_code,
        "organ_id": unit.organ_id,
        "parent": unit.parent_id,
        "valid_from": unit.valid_from,
        "valid_to": unit.valid_to,
        "successor": unit.successor_id,
    }


def _check_codes(*, issuer_code: str, organ_id: str, exclude: Unit | None = None) -> None:
    if issuer_code and not valid_issuer_code(issuer_code):
        raise InvalidInput(
            _("Issuer code %(code)s may contain only capital letters, digits and hyphens.")
            % {"code": issuer_code},
            code="invalid_issuer_code",
        )
    if organ_id:
        if not valid_organ_id(organ_id):
            raise InvalidInput(
                _("Organisation identifier %(code)s must look like 000.00.00.H26.")
                % {"code": organ_id},
                code="invalid_organ_id",
            )
        clash = Unit.objects.active_on(today()).filter(organ_id=organ_id)
        if exclude is not None:
            clash = clash.exclude(pk=exclude.pk)
        if clash.exists():
            raise Conflict(
                _("Organisation identifier %(code)s already belongs to %(unit)s.")
                % {"code": organ_id, "unit": clash.first()},
                code="duplicate_organ_id",
            )


def _check_effective(unit: Unit, effective: dt.date) -> None:
    """Changes apply on the day they take effect: not before the unit's latest state."""
    if effective > today():
        raise InvalidInput(
            _("A change cannot take effect in the future; record it on the day it takes effect."),
            code="future_effective_date",
        )
    if unit.valid_to is not None:
        raise Conflict(
            _("%(unit)s was closed on %(day)s; a closed unit does not change any more.")
            % {"unit": unit, "day": f"{unit.valid_to + ONE_DAY:%d/%m/%Y}"},
            code="unit_closed",
        )
    if not unit.is_active_on(effective):
        raise Conflict(
            _("%(unit)s does not exist on %(day)s.")
            % {"unit": unit, "day": f"{effective:%d/%m/%Y}"},
            code="unit_not_active",
        )
    latest = unit.versions.order_by("-valid_from").first()
    if latest is not None and effective < latest.valid_from:
        raise Conflict(
            _("%(unit)s already changed on %(day)s; a change cannot be dated before that.")
            % {"unit": unit, "day": f"{latest.valid_from:%d/%m/%Y}"},
            code="effective_before_latest_change",
        )


def _open_version(unit: Unit, effective: dt.date) -> None:
    """Close the current version the day before ``effective`` and open one with unit's values."""
    current = unit.versions.filter(valid_to__isnull=True).first()
    values = {
        "kind": unit.kind,
        "full_name": unit.full_name,
        "short_name": unit.short_name,
        "issuer_code": unit.issuer_code,
        "organ_id": unit.organ_id,
        "parent_id": unit.parent_id,
    }
    if current is not None and current.valid_from == effective:
        # Two changes on one day: the earlier state was never in force for a whole day.
        UnitVersion.objects.filter(pk=current.pk).update(**values)
        return
    if current is not None:
        UnitVersion.objects.filter(pk=current.pk).update(valid_to=effective - ONE_DAY)
    UnitVersion.objects.create(unit=unit, valid_from=effective, **values)


def _record_change(
    *,
    kind: str,
    by: User | None,
    effective: dt.date,
    sources: Sequence[Unit] = (),
    targets: Sequence[Unit] = (),
    reason: str = "",
    decision: str = "",
) -> UnitChange:
    change = UnitChange.objects.create(
        kind=kind, effective=effective, reason=clean(reason), decision=clean(decision), actor=by
    )
    change.sources.set(sources)
    change.targets.set(targets)
    return change


@transaction.atomic
def unit_create(
    *,
    by: User | None,
    slug: str,
    kind: UnitKind | str,
    full_name: str,
    short_name: str = "",
    parent: Unit | None = None,
    issuer_code: str = "",
    organ_id: str = "",
    valid_from: dt.date | None = None,
    sort_order: int = 0,
    address: str = "",
    email: str = "",
    phone: str = "",
    website: str = "",
    reason: str = "",
    decision: str = "",
) -> Unit:
    """Establish a unit under ``parent`` from ``valid_from`` (default today)."""
    valid_from = valid_from or today()
    full_name = clean(full_name)
    if not full_name:
        raise InvalidInput(_("A unit needs a name."), code="name_required")
    if slug != slugify(slug) or not slug:
        raise InvalidInput(
            _("Short id %(slug)s may contain only lower-case letters, digits and hyphens.")
            % {"slug": slug},
            code="invalid_slug",
        )
    try:
        kind = UnitKind(kind)
    except ValueError:
        raise InvalidInput(
            _("Unknown unit kind %(kind)s.") % {"kind": kind}, code="invalid_kind"
        ) from None
    if Unit.objects.filter(slug=slug).exists():
        raise Conflict(
            _("Short id %(slug)s is already taken.") % {"slug": slug}, code="duplicate_slug"
        )
    if parent is not None and not parent.is_active_on(valid_from):
        raise Conflict(
            _("%(unit)s does not exist on %(day)s.")
            % {"unit": parent, "day": f"{valid_from:%d/%m/%Y}"},
            code="unit_not_active",
        )
    _check_codes(issuer_code=issuer_code, organ_id=organ_id)
    unit = Unit.objects.create(
        slug=slug,
        kind=kind.value,
        full_name=full_name,
        short_name=clean(short_name) or full_name,
        issuer_code=issuer_code,
        organ_id=organ_id,
        parent=parent,
        valid_from=valid_from,
        sort_order=sort_order,
        address=clean(address),
        email=email,
        phone=phone,
        website=website,
    )
    unit.path = f"{parent.path if parent else '/'}{unit.pk}/"
    unit.depth = parent.depth + 1 if parent else 0
    unit.save(update_fields=["path", "depth"])
    _open_version(unit, valid_from)
    _record_change(
        kind=UnitChange.Kind.CREATE,
        by=by,
        effective=valid_from,
        targets=[unit],
        reason=reason,
        decision=decision,
    )
    audit_append(action="unit.create", actor=by, unit=unit, obj=unit, after=_unit_state(unit))
    return unit


@transaction.atomic
def unit_update_contacts(
    *,
    by: User | None,
    unit: Unit,
    address: str | None = None,
    email: str | None = None,
    phone: str | None = None,
    website: str | None = None,
    sort_order: int | None = None,
) -> Unit:
    """Change a unit's contact details, which carry no history of their own."""
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    before = {
        "address": unit.address,
        "email": unit.email,
        "phone": unit.phone,
        "website": unit.website,
        "sort_order": unit.sort_order,
    }
    for name, value in (
        ("address", address),
        ("email", email),
        ("phone", phone),
        ("website", website),
        ("sort_order", sort_order),
    ):
        if value is not None:
            setattr(unit, name, clean(value) if isinstance(value, str) else value)
    unit.save()
    after = {k: getattr(unit, k) for k in before}
    audit_append(action="unit.update", actor=by, unit=unit, obj=unit, before=before, after=after)
    return unit


@transaction.atomic
def unit_rename(
    *,
    by: User | None,
    unit: Unit,
    full_name: str,
    short_name: str = "",
    issuer_code: str | None = None,
    organ_id: str | None = None,
    effective: dt.date | None = None,
    reason: str = "",
    decision: str = "",
) -> Unit:
    """Give ``unit`` a new name (and codes) from ``effective``; the old ones stay in history."""
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    effective = effective or today()
    _check_effective(unit, effective)
    full_name = clean(full_name)
    if not full_name:
        raise InvalidInput(_("A unit needs a name."), code="name_required")
    new_issuer = unit.issuer_code if issuer_code is None else issuer_code
    new_organ = unit.organ_id if organ_id is None else organ_id
    _check_codes(
        issuer_code=new_issuer,
        organ_id=new_organ if new_organ != unit.organ_id else "",
        exclude=unit,
    )
    before = _unit_state(unit)
    unit.full_name = full_name
    unit.short_name = clean(short_name) or full_name
    unit.issuer_code = new_issuer
    unit.organ_id = new_organ
    unit.save()
    _open_version(unit, effective)
    _record_change(
        kind=UnitChange.Kind.RENAME,
        by=by,
        effective=effective,
        sources=[unit],
        targets=[unit],
        reason=reason,
        decision=decision,
    )
    audit_append(
        action="unit.rename", actor=by, unit=unit, obj=unit, before=before, after=_unit_state(unit)
    )
    return unit


def _reparent(unit: Unit, parent: Unit | None) -> None:
    """Point ``unit`` at ``parent`` and rewrite the paths of its whole subtree in one query."""
    old_path = unit.path
    new_path = f"{parent.path if parent else '/'}{unit.pk}/"
    depth_delta = (parent.depth + 1 if parent else 0) - unit.depth
    Unit.objects.filter(pk=unit.pk).update(parent=parent)
    Unit.objects.filter(path__startswith=old_path).update(
        path=Concat(Value(new_path), Substr("path", len(old_path) + 1)),
        depth=F("depth") + depth_delta,
    )
    unit.refresh_from_db()


@transaction.atomic
def unit_move(
    *,
    by: User | None,
    unit: Unit,
    parent: Unit | None,
    effective: dt.date | None = None,
    reason: str = "",
    decision: str = "",
) -> Unit:
    """Place ``unit`` (with everything under it) under ``parent`` from ``effective``."""
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    effective = effective or today()
    _check_effective(unit, effective)
    if parent is not None:
        if parent.path.startswith(unit.path):
            raise InvalidInput(
                _("A unit cannot be placed under itself or one of its own units."), code="cycle"
            )
        if not parent.is_active_on(effective):
            raise Conflict(
                _("%(unit)s does not exist on %(day)s.")
                % {"unit": parent, "day": f"{effective:%d/%m/%Y}"},
                code="unit_not_active",
            )
    before = _unit_state(unit)
    _reparent(unit, parent)
    _open_version(unit, effective)
    _record_change(
        kind=UnitChange.Kind.MOVE,
        by=by,
        effective=effective,
        sources=[unit],
        targets=[parent] if parent else [],
        reason=reason,
        decision=decision,
    )
    audit_append(
        action="unit.move", actor=by, unit=unit, obj=unit, before=before, after=_unit_state(unit)
    )
    return unit


def _close(unit: Unit, *, by: User | None, effective: dt.date, successor: Unit | None) -> None:
    """End ``unit`` the day before ``effective``, with its memberships and delegations."""
    if effective <= unit.valid_from:
        raise Conflict(
            _("%(unit)s cannot be closed on the day it was established.") % {"unit": unit},
            code="close_on_creation_day",
        )
    open_children = unit.children.active_on(effective)
    if open_children.exists():
        names = ", ".join(str(c) for c in open_children[:5])
        raise Conflict(
            _("Close or move the units under %(unit)s first: %(names)s.")
            % {"unit": unit, "names": names},
            code="unit_has_children",
        )
    if successor is not None:
        if successor.pk == unit.pk or successor.path.startswith(unit.path):
            raise InvalidInput(_("A unit cannot succeed itself."), code="cycle")
        if not successor.is_active_on(effective):
            raise Conflict(
                _("The successor %(unit)s does not exist on %(day)s.")
                % {"unit": successor, "day": f"{effective:%d/%m/%Y}"},
                code="unit_not_active",
            )
    last_day = effective - ONE_DAY
    before = _unit_state(unit)
    unit.valid_to = last_day
    unit.successor = successor
    unit.save(update_fields=["valid_to", "successor"])
    UnitVersion.objects.filter(unit=unit, valid_to__isnull=True).update(valid_to=last_day)
    Membership.objects.filter(unit=unit).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=last_day)
    ).update(valid_to=last_day)
    Delegation.objects.filter(unit=unit, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_by=by
    )
    audit_append(
        action="unit.close", actor=by, unit=unit, obj=unit, before=before, after=_unit_state(unit)
    )
    if successor is not None:
        publish(
            UnitClosed(unit_id=unit.pk, successor_id=successor.pk, effective=effective.isoformat())
        )


@transaction.atomic
def unit_close(
    *,
    by: User | None,
    unit: Unit,
    successor: Unit | None = None,
    effective: dt.date | None = None,
    reason: str = "",
    decision: str = "",
) -> Unit:
    """Dissolve ``unit`` from ``effective``; its work routes to ``successor`` from then on."""
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    effective = effective or today()
    _check_effective(unit, effective)
    _close(unit, by=by, effective=effective, successor=successor)
    _record_change(
        kind=UnitChange.Kind.CLOSE,
        by=by,
        effective=effective,
        sources=[unit],
        targets=[successor] if successor else [],
        reason=reason,
        decision=decision,
    )
    return unit


@transaction.atomic
def unit_merge(
    *,
    by: User | None,
    sources: Sequence[Unit],
    target: Unit,
    effective: dt.date | None = None,
    reason: str = "",
    decision: str = "",
) -> UnitChange:
    """Merge ``sources`` into ``target`` (an existing unit, or one just created for the merger).

    Each source closes with ``target`` as successor; units under a source move under the target.
    """
    effective = effective or today()
    others = [s for s in sources if s.pk != target.pk]
    if not others:
        raise InvalidInput(
            _("A merger needs at least one unit besides its target."), code="nothing_to_merge"
        )
    if not target.is_active_on(effective):
        raise Conflict(
            _("%(unit)s does not exist on %(day)s.")
            % {"unit": target, "day": f"{effective:%d/%m/%Y}"},
            code="unit_not_active",
        )
    for source in others:
        source = Unit.objects.select_for_update().get(pk=source.pk)
        _check_effective(source, effective)
        for child in source.children.active_on(effective):
            unit_move(
                by=by,
                unit=child,
                parent=target,
                effective=effective,
                reason=reason,
                decision=decision,
            )
        source.refresh_from_db()
        _close(source, by=by, effective=effective, successor=target)
    return _record_change(
        kind=UnitChange.Kind.MERGE,
        by=by,
        effective=effective,
        sources=[*others],
        targets=[target],
        reason=reason,
        decision=decision,
    )


@transaction.atomic
def unit_split(
    *,
    by: User | None,
    source: Unit,
    targets: Sequence[Unit],
    primary: Unit,
    effective: dt.date | None = None,
    reason: str = "",
    decision: str = "",
) -> UnitChange:
    """Divide ``source`` among ``targets``; ``primary`` receives what is addressed to it later."""
    effective = effective or today()
    if primary.pk not in {t.pk for t in targets}:
        raise InvalidInput(
            _("The primary successor must be one of the new units."), code="primary_not_target"
        )
    source = Unit.objects.select_for_update().get(pk=source.pk)
    _check_effective(source, effective)
    _close(source, by=by, effective=effective, successor=primary)
    return _record_change(
        kind=UnitChange.Kind.SPLIT,
        by=by,
        effective=effective,
        sources=[source],
        targets=list(targets),
        reason=reason,
        decision=decision,
    )


# People ---------------------------------------------------------------------------------------


@transaction.atomic
def user_create(
    *,
    by: User | None,
    username: str,
    full_name: str,
    email: str = "",
    mobile: str = "",
    password: str | None = None,
    password_hash: str | None = None,
    clearance: int = Secrecy.THUONG,
    is_superuser: bool = False,
) -> User:
    """Create a person who can sign in (with ``password``, or none until one is set)."""
    username = username.strip()
    if not username:
        raise InvalidInput(_("A user name is required."), code="username_required")
    if User.objects.filter(username=username).exists():
        raise Conflict(
            _("User name %(name)s is already taken.") % {"name": username},
            code="duplicate_username",
        )
    if mobile:
        try:
            mobile = normalise_mobile(mobile)
        except ValueError:
            raise InvalidInput(
                _("%(number)s is not a Vietnamese mobile number.") % {"number": mobile},
                code="invalid_mobile",
            ) from None
    user = User(
        username=username,
        full_name=clean(full_name),
        email=email.strip().lower(),
        mobile=mobile,
        clearance=int(Secrecy(clearance)),
        is_superuser=is_superuser,
        is_staff=is_superuser,
    )
    if password_hash:
        user.password = password_hash
    elif password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    audit_append(
        action="user.create",
        actor=by,
        obj=user,
        after={
            "username": user.username,
            "full_name": user.full_name,
            "email": user.email,
            "mobile": user.mobile,
            "clearance": user.clearance,
            "is_superuser": user.is_superuser,
        },
    )
    return user


@transaction.atomic
def membership_grant(
    *,
    by: User | None,
    user: User,
    unit: Unit,
    role: Role | str,
    position: str = "",
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
    is_primary: bool = False,
) -> Membership:
    """Give ``user`` ``role`` in ``unit`` from ``valid_from`` (default today)."""
    valid_from = valid_from or today()
    try:
        role = Role(role)
    except ValueError:
        raise InvalidInput(
            _("Unknown role %(role)s.") % {"role": role}, code="invalid_role"
        ) from None
    if valid_to is not None and valid_to < valid_from:
        raise InvalidInput(_("The end date is before the start date."), code="invalid_period")
    if not unit.is_active_on(valid_from):
        raise Conflict(
            _("%(unit)s does not exist on %(day)s.")
            % {"unit": unit, "day": f"{valid_from:%d/%m/%Y}"},
            code="unit_not_active",
        )
    if is_primary:
        Membership.objects.filter(user=user, is_primary=True).update(is_primary=False)
    try:
        with transaction.atomic():
            membership = Membership.objects.create(
                user=user,
                unit=unit,
                role=role.value,
                position=clean(position),
                valid_from=valid_from,
                valid_to=valid_to,
                is_primary=is_primary,
            )
    except IntegrityError:
        raise Conflict(
            _("%(user)s already holds this role in %(unit)s.") % {"user": user, "unit": unit},
            code="duplicate_membership",
        ) from None
    audit_append(
        action="membership.grant",
        actor=by,
        unit=unit,
        obj=membership,
        after={
            "user": user.username,
            "role": role.value,
            "position": membership.position,
            "valid_from": valid_from,
            "valid_to": valid_to,
        },
    )
    return membership


@transaction.atomic
def membership_end(
    *, by: User | None, membership: Membership, last_day: dt.date | None = None
) -> Membership:
    """End a membership on ``last_day`` (default yesterday: it no longer counts today)."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    last_day = last_day or today() - ONE_DAY
    if last_day < membership.valid_from - ONE_DAY:
        raise InvalidInput(_("The end date is before the start date."), code="invalid_period")
    before = {"valid_to": membership.valid_to}
    membership.valid_to = last_day
    membership.save(update_fields=["valid_to"])
    audit_append(
        action="membership.end",
        actor=by,
        unit=membership.unit,
        obj=membership,
        before=before,
        after={"valid_to": last_day},
    )
    return membership


@transaction.atomic
def delegation_grant(
    *,
    by: User,
    grantor: User,
    grantee: User,
    unit: Unit,
    role: Role | str,
    valid_from: dt.datetime,
    valid_to: dt.datetime,
    reason: str = "",
) -> Delegation:
    """Let ``grantee`` act in ``grantor``'s ``role`` in ``unit`` for a bounded period.

    Rules of ủy quyền: written (a reason is required), time-bounded (at most a year), given by
    the holder of the role in their own right (a delegated role is not passed on), to a member of
    the same unit.
    """
    try:
        role = Role(role)
    except ValueError:
        raise InvalidInput(
            _("Unknown role %(role)s.") % {"role": role}, code="invalid_role"
        ) from None
    if grantor.pk == grantee.pk:
        raise InvalidInput(_("A person cannot delegate to themselves."), code="delegate_to_self")
    if valid_to <= valid_from:
        raise InvalidInput(
            _("The end of a delegation must come after its start."), code="invalid_period"
        )
    if valid_to - valid_from > MAX_DELEGATION:
        raise InvalidInput(_("A delegation may last at most one year."), code="delegation_too_long")
    if valid_to <= timezone.now():
        raise InvalidInput(_("This delegation would already be over."), code="invalid_period")
    if not clean(reason):
        raise InvalidInput(_("Give the reason for the delegation."), code="reason_required")
    start_day = timezone.localdate(max(valid_from, timezone.now()))
    holds = Membership.objects.active_on(start_day).filter(user=grantor, unit=unit, role=role.value)
    if not holds.exists():
        raise Conflict(
            _("%(user)s does not hold the role %(role)s in %(unit)s in their own right.")
            % {"user": grantor, "role": RoleChoices(role.value).label, "unit": unit},
            code="role_not_held",
        )
    if not Membership.objects.active_on(start_day).filter(user=grantee, unit=unit).exists():
        raise Conflict(
            _("%(user)s is not a member of %(unit)s.") % {"user": grantee, "unit": unit},
            code="not_a_member",
        )
    delegation = Delegation.objects.create(
        grantor=grantor,
        grantee=grantee,
        unit=unit,
        role=role.value,
        valid_from=valid_from,
        valid_to=valid_to,
        reason=clean(reason),
        created_by=by,
    )
    audit_append(
        action="delegation.grant",
        actor=by,
        unit=unit,
        obj=delegation,
        after={
            "grantor": grantor.username,
            "grantee": grantee.username,
            "role": role.value,
            "valid_from": valid_from,
            "valid_to": valid_to,
            "reason": delegation.reason,
        },
    )
    return delegation


@transaction.atomic
def delegation_revoke(*, by: User, delegation: Delegation) -> Delegation:
    """End a delegation now."""
    delegation = Delegation.objects.select_for_update().get(pk=delegation.pk)
    if delegation.revoked_at is not None:
        raise Conflict(_("This delegation has already been revoked."), code="already_revoked")
    delegation.revoked_at = timezone.now()
    delegation.revoked_by = by
    delegation.save(update_fields=["revoked_at", "revoked_by"])
    audit_append(
        action="delegation.revoke",
        actor=by,
        unit=delegation.unit,
        obj=delegation,
        after={"revoked_at": delegation.revoked_at},
    )
    return delegation


@transaction.atomic
def term_open(*, by: User | None, unit: Unit, name: str, starts: dt.date) -> Term:
    """Open a committee's new term on ``starts``; the term in force ends the day before."""
    name = clean(name)
    if not name:
        raise InvalidInput(_("Name the term."), code="name_required")
    current = Term.objects.select_for_update().filter(unit=unit, ends__isnull=True).first()
    if current is not None:
        if starts <= current.starts:
            raise Conflict(
                _("The current term began on %(day)s; a new one must begin later.")
                % {"day": f"{current.starts:%d/%m/%Y}"},
                code="term_overlap",
            )
        current.ends = starts - ONE_DAY
        current.save(update_fields=["ends"])
    term = Term.objects.create(unit=unit, name=name, starts=starts)
    audit_append(
        action="term.open", actor=by, unit=unit, obj=term, after={"name": name, "starts": starts}
    )
    return term
