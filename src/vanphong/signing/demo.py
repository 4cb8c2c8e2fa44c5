"""Demo signing keys: the demo CA trusted, a key for every signer and every committee."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from vanphong.org.models import Membership, Unit
from vanphong.org.roles import Role, UnitKind
from vanphong.org.selectors import today
from vanphong.signing.ca import certificate_info, to_pem
from vanphong.signing.models import Keystore, TrustAnchor
from vanphong.signing.services import (
    DEMO_CA_NAME,
    demo_ca,
    keystore_create_demo,
    trust_anchor_add,
)

SIGNER_ROLES = (Role.LANHDAO.value, Role.LANHDAOVP.value)
# The committees (and state agencies) get a seal; boards and offices can import theirs.
COMMITTEE_KINDS = (
    UnitKind.THANH_UY.value,
    UnitKind.TINH_UY.value,
    UnitKind.QUAN_UY.value,
    UnitKind.HUYEN_UY.value,
    UnitKind.THI_UY.value,
    UnitKind.DANG_UY_PHUONG.value,
    UnitKind.DANG_UY_XA.value,
    UnitKind.DANG_UY.value,
    UnitKind.CO_QUAN.value,
)


@dataclass
class DemoKeys:
    anchor_created: bool = False
    personal: int = 0
    agency: int = 0


@transaction.atomic
def signing_demo_load() -> DemoKeys:
    """Trust the demo CA and give a demo key to every signer (lãnh đạo, lãnh đạo văn phòng) and
    every committee of the network that has none. Safe to run again."""
    summary = DemoKeys()
    issuer = demo_ca()
    fingerprint = certificate_info(issuer.certificate).fingerprint
    summary.anchor_created = not TrustAnchor.objects.filter(fingerprint=fingerprint).exists()
    trust_anchor_add(by=None, pem=to_pem(issuer.certificate), name=DEMO_CA_NAME)
    day = today()
    with_key = set(
        Keystore.objects.filter(is_active=True, user__isnull=False).values_list("user", flat=True)
    )
    memberships = (
        Membership.objects.active_on(day)
        .filter(role__in=SIGNER_ROLES, unit__in=Unit.objects.active_on(day))
        .select_related("user", "unit")
        .order_by("user__username", "-is_primary")
    )
    for membership in memberships:
        if membership.user_id in with_key:
            continue
        keystore_create_demo(
            by=None,
            owner=membership.user,
            issuer=issuer,
            position=membership.position,
            organization=membership.unit.full_name,
        )
        with_key.add(membership.user_id)
        summary.personal += 1
    sealed = set(
        Keystore.objects.filter(is_active=True, unit__isnull=False).values_list("unit", flat=True)
    )
    for unit in (
        Unit.objects.active_on(day).filter(kind__in=COMMITTEE_KINDS).select_related("parent")
    ):
        if unit.pk in sealed:
            continue
        keystore_create_demo(by=None, owner=unit, issuer=issuer)
        summary.agency += 1
    return summary
