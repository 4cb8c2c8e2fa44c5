"""API of the organisation: the units a caller may see, and the caller."""

from __future__ import annotations

import datetime as dt

from django.core.validators import slug_re
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from vanphong.core.errors import NotFound
from vanphong.org.access import access_unit
from vanphong.org.acting import current_acting, request_actings
from vanphong.org.models import RoleChoices, Unit, UnitKindChoices, User
from vanphong.org.selectors import units_visible_to

router = Router(tags=["organisation"])


class UnitOut(Schema):
    slug: str
    full_name: str
    short_name: str
    kind: str
    kind_label: str
    issuer_code: str
    organ_id: str
    parent: str | None
    depth: int
    valid_from: dt.date
    valid_to: dt.date | None
    successor: str | None
    active: bool


class UnitDetailOut(UnitOut):
    address: str
    email: str
    phone: str
    website: str
    history: list[UnitVersionOut]


class UnitVersionOut(Schema):
    valid_from: dt.date
    valid_to: dt.date | None
    full_name: str
    short_name: str
    issuer_code: str
    organ_id: str
    parent: str | None


UnitDetailOut.model_rebuild()


class UnitFilter(Schema):
    include_closed: bool = False


def _unit_out(unit: Unit, today: dt.date) -> dict[str, object]:
    return {
        "slug": unit.slug,
        "full_name": unit.full_name,
        "short_name": unit.short_name,
        "kind": unit.kind,
        "kind_label": str(UnitKindChoices(unit.kind).label),
        "issuer_code": unit.issuer_code,
        "organ_id": unit.organ_id,
        "parent": unit.parent.slug if unit.parent is not None else None,
        "depth": unit.depth,
        "valid_from": unit.valid_from,
        "valid_to": unit.valid_to,
        "successor": unit.successor.slug if unit.successor is not None else None,
        "active": unit.is_active_on(today),
    }


@router.get("/units", response=list[UnitOut], summary="The units the caller may see")
def list_units(request: HttpRequest, filters: Query[UnitFilter]) -> list[dict[str, object]]:
    """Units in tree order (parents before children): the caller's units, everything under
    them and the chain above them; administrators of the instance see every unit.
    ``include_closed`` adds units closed by a reorganisation, with their successor."""
    from vanphong.org.selectors import today

    day = today()
    units = units_visible_to(
        request.user,  # type: ignore[arg-type]
        include_closed=filters.include_closed,
        actings=request_actings(request),
    ).select_related("parent", "successor")
    return [_unit_out(u, day) for u in units.order_by("depth", "sort_order", "path")]


@router.get("/units/{slug}", response=UnitDetailOut, summary="One unit with its history")
def get_unit(request: HttpRequest, slug: str) -> dict[str, object]:
    from vanphong.org.selectors import today

    if not slug_re.fullmatch(slug):
        # Not a slug, so no unit's: answer without asking the database, which may refuse
        # such text outright (PostgreSQL rejects a NUL byte with an error, not an empty result).
        raise NotFound(_("No such unit."), code="unit_not_found")
    unit = access_unit(request.user, slug, actings=request_actings(request))  # type: ignore[arg-type]
    body = _unit_out(unit, today())
    body.update(
        address=unit.address,
        email=unit.email,
        phone=unit.phone,
        website=unit.website,
        history=[
            {
                "valid_from": v.valid_from,
                "valid_to": v.valid_to,
                "full_name": v.full_name,
                "short_name": v.short_name,
                "issuer_code": v.issuer_code,
                "organ_id": v.organ_id,
                "parent": v.parent.slug if v.parent is not None else None,
            }
            for v in unit.versions.select_related("parent").order_by("valid_from")
        ],
    )
    return body


class ActingOut(Schema):
    key: str
    unit: str
    unit_name: str
    role: str
    role_label: str
    position: str
    delegated_by: str | None
    delegated_until: dt.datetime | None


class MeOut(Schema):
    username: str
    full_name: str
    email: str
    mobile: str
    clearance: int
    is_superuser: bool
    acting: str | None
    roles: list[ActingOut]


@router.get("/me", response=MeOut, summary="The caller, with the units and roles they act in")
def me(request: HttpRequest) -> dict[str, object]:
    """``roles`` lists every (unit, role) the caller may act in now, their own or delegated;
    ``acting`` is the key of the one used for this request (choose another with the header
    ``X-Vanphong-Acting: <key>``)."""
    user: User = request.user  # type: ignore[assignment]
    current = current_acting(request)
    return {
        "username": user.username,
        "full_name": user.full_name,
        "email": user.email,
        "mobile": user.mobile,
        "clearance": user.clearance,
        "is_superuser": user.is_superuser,
        "acting": current.key if current else None,
        "roles": [
            {
                "key": a.key,
                "unit": a.unit.slug,
                "unit_name": a.unit.full_name,
                "role": a.role.value,
                "role_label": str(RoleChoices(a.role.value).label),
                "position": a.position,
                "delegated_by": a.delegated_by.username if a.delegated_by else None,
                "delegated_until": a.delegated_until,
            }
            for a in request_actings(request)
        ],
    }
