"""Loading the demonstration network and applying its 2025 reorganisation, through the services."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from vanphong.core.errors import Conflict
from vanphong.core.text import fold
from vanphong.org.data import hanoi
from vanphong.org.models import Membership, Term, Unit, User
from vanphong.org.roles import Role, Secrecy
from vanphong.org.services import (
    membership_grant,
    term_open,
    unit_close,
    unit_create,
    unit_merge,
    unit_split,
    user_create,
)

DEMO_PASSWORD = "vanphong-demo"  # noqa: S105 - published demo credential (DESIGN.md §6)
DEMO_MAIL_DOMAIN = "demo.vanphong.test"

ROLE_ORDER = [Role.VANTHU, Role.LANHDAOVP, Role.CHUYENVIEN, Role.LANHDAO, Role.QUANTRI]
CLEARANCE = {
    Role.VANTHU: Secrecy.TOI_MAT,  # clerks register and file secret documents
    Role.LANHDAOVP: Secrecy.TOI_MAT,
    Role.CHUYENVIEN: Secrecy.THUONG,
    Role.LANHDAO: Secrecy.TUYET_MAT,
    Role.QUANTRI: Secrecy.THUONG,
}


def _positions(committee_word: str) -> dict[Role, str]:
    return {
        Role.VANTHU: "Văn thư",
        Role.LANHDAOVP: f"Chánh Văn phòng {committee_word}",
        Role.CHUYENVIEN: "Chuyên viên",
        Role.LANHDAO: f"Bí thư {committee_word}",
        Role.QUANTRI: "Quản trị hệ thống",
    }


def demo_name(index: int) -> str:
    """A plausible Vietnamese full name, the same for the same index on every load."""
    family = hanoi.FAMILY[index % len(hanoi.FAMILY)]
    middle = hanoi.MIDDLE[(index // 3) % len(hanoi.MIDDLE)]
    given = hanoi.GIVEN[(index * 7) % len(hanoi.GIVEN)]
    return f"{family} {middle} {given}"


def demo_mobile(unit_index: int, role_index: int) -> str:
    return f"091{unit_index:03d}{role_index:02d}00"


@dataclass
class DemoSummary:
    units_created: int = 0
    users_created: int = 0
    memberships_created: int = 0
    notes: list[str] = field(default_factory=list)


class _Loader:
    def __init__(self) -> None:
        self.summary = DemoSummary()
        # One hash for every demo account: 170 PBKDF2 runs would take minutes for nothing.
        self.password_hash = make_password(DEMO_PASSWORD)

    def unit(self, *, slug: str, **fields: object) -> Unit:
        existing = Unit.objects.filter(slug=slug).first()
        if existing is not None:
            return existing
        self.summary.units_created += 1
        return unit_create(by=None, slug=slug, reason="Dữ liệu trình diễn", **fields)  # type: ignore[arg-type]

    def user(self, *, username: str, index: int, unit_index: int, role: Role) -> User:
        existing = User.objects.filter(username=username).first()
        if existing is not None:
            return existing
        self.summary.users_created += 1
        return user_create(
            by=None,
            username=username,
            full_name=demo_name(index),
            email=f"{username}@{DEMO_MAIL_DOMAIN}",
            mobile=demo_mobile(unit_index, ROLE_ORDER.index(role) + 1),
            password_hash=self.password_hash,
            clearance=CLEARANCE[role],
            is_superuser=username == "quantri.thanhuy",
        )

    def member(self, *, user: User, unit: Unit, role: Role, position: str, since: dt.date) -> None:
        if Membership.objects.filter(user=user, unit=unit, role=role.value).exists():
            return
        self.summary.memberships_created += 1
        membership_grant(
            by=None,
            user=user,
            unit=unit,
            role=role,
            position=position,
            valid_from=since,
            is_primary=True,
        )

    def terms(self, unit: Unit, terms: list[tuple[str, dt.date]]) -> None:
        for name, starts in terms:
            if not Term.objects.filter(unit=unit, starts=starts).exists():
                term_open(by=None, unit=unit, name=name, starts=starts)

    def staff(self, unit: Unit, unit_index: int, committee_word: str, roles: list[Role]) -> None:
        positions = _positions(committee_word)
        for role in roles:
            username = f"{role.value}.{unit.slug}"
            user = self.user(
                username=username,
                index=unit_index * 5 + ROLE_ORDER.index(role),
                unit_index=unit_index,
                role=role,
            )
            self.member(
                user=user, unit=unit, role=role, position=positions[role], since=unit.valid_from
            )


@transaction.atomic
def demo_load() -> DemoSummary:
    """Load Thành ủy Hà Nội, its boards and office, and the 30 district committees of 2016
    with their offices and demo users. Safe to run again: what exists is left as it is."""
    loader = _Loader()
    city_fields = dict(hanoi.CITY)
    city = loader.unit(**city_fields)  # type: ignore[arg-type]
    loader.staff(city, 0, "Thành ủy", ROLE_ORDER)
    loader.terms(city, hanoi.CITY_TERMS)
    for i, (suffix, kind, full_name, short_name, code) in enumerate(hanoi.BOARDS, start=1):
        board = loader.unit(
            slug=f"thanhuy-{suffix}",
            kind=kind,
            full_name=full_name,
            short_name=short_name,
            issuer_code=code,
            organ_id=f"000.00.{i:02d}.T26",
            parent=city,
            sort_order=i,
            valid_from=city.valid_from,
        )
        if kind == "ban":
            loader.staff(board, 100 + i, short_name, [Role.VANTHU, Role.CHUYENVIEN, Role.LANHDAO])
    for j, (slug, kind, place) in enumerate(hanoi.DISTRICTS, start=1):
        prefix = hanoi.DISTRICT_PREFIX[kind]
        since = hanoi.DISTRICT_SINCE.get(slug, city.valid_from)
        district = loader.unit(
            slug=slug,
            kind=kind,
            full_name=f"{prefix} {place}",
            short_name=f"{prefix} {place}",
            issuer_code=hanoi.DISTRICT_CODE[kind],
            organ_id=f"000.00.{10 + j:02d}.T26",
            parent=city,
            sort_order=10 + j,
            valid_from=since,
            email=f"{slug}@{DEMO_MAIL_DOMAIN}",
        )
        loader.unit(
            slug=f"{slug}-vp",
            kind="van_phong",
            full_name=f"Văn phòng {prefix} {place}",
            short_name="Văn phòng",
            issuer_code=f"VP{hanoi.DISTRICT_CODE[kind]}",
            organ_id=f"000.01.{10 + j:02d}.T26",
            parent=district,
            valid_from=since,
        )
        loader.staff(district, j, prefix, ROLE_ORDER)
        loader.terms(district, hanoi.DISTRICT_TERMS)
    return loader.summary


def _commune_spec(district_slug: str, name: str, index: int) -> dict[str, object]:
    kind_hint, _names = hanoi.COMMUNES_2025[district_slug]
    is_ward = kind_hint == "phuong" or (kind_hint == "mixed" and name in hanoi.WARDS_IN_MIXED)
    word = "phường" if is_ward else "xã"
    return {
        "slug": f"{'phuong' if is_ward else 'xa'}-{slugify(fold(name))}",
        "kind": "dang_uy_phuong" if is_ward else "dang_uy_xa",
        "full_name": f"Đảng ủy {word} {name}",
        "short_name": f"Đảng ủy {word} {name}",
        "issuer_code": "ĐU",
        "organ_id": f"{index:03d}.00.00.T26",
    }


def reorg_2025_plan() -> list[dict[str, object]]:
    """What applying the 2025 reorganisation will do, district by district, for a preview."""
    plan: list[dict[str, object]] = []
    index = 0
    for slug, (_kind, names) in hanoi.COMMUNES_2025.items():
        specs = []
        for name in names:
            index += 1
            specs.append(_commune_spec(slug, name, index))
        plan.append({"district": slug, "successors": specs, "primary": specs[0]["slug"]})
    return plan


def reorg_2025_applied() -> bool:
    return Unit.objects.filter(slug=f"thanhuy-{hanoi.BOARD_MERGER_2025['slug']}").exists()


@transaction.atomic
def reorg_2025_apply(*, by: User | None) -> DemoSummary:
    """Apply the 2025 reorganisation to the demo network (effective 01/07/2025).

    The 30 district committees and their offices close; 126 ward and commune Party committees
    open directly under the city; each district's open work routes to its primary successor,
    where its staff continue in the same roles. Ban Tuyên giáo and Ban Dân vận merge.
    """
    if reorg_2025_applied():
        raise Conflict(
            _("The 2025 reorganisation has already been applied."), code="already_applied"
        )
    city = Unit.objects.filter(slug="thanhuy").first()
    if city is None:
        raise Conflict(_("Load the demo network first."), code="no_demo_network")
    effective = hanoi.REORG_2025
    decision = hanoi.REORG_2025_DECISION
    summary = DemoSummary()
    for step in reorg_2025_plan():
        district = Unit.objects.filter(slug=step["district"]).first()
        if district is None or district.valid_to is not None:
            raise Conflict(
                _("District %(slug)s of the demo network is missing or already closed.")
                % {"slug": step["district"]},
                code="district_missing",
            )
        successors = []
        for spec in step["successors"]:  # type: ignore[attr-defined]
            successors.append(
                unit_create(
                    by=by,
                    parent=city,
                    valid_from=effective,
                    decision=decision,
                    reason=_("Reorganisation of local government, 2025"),
                    **spec,
                )
            )
            for name, starts in hanoi.COMMUNE_TERMS:
                term_open(by=by, unit=successors[-1], name=name, starts=starts)
            summary.units_created += 1
        primary = successors[0]
        staff = list(Membership.objects.active_on(effective).filter(unit=district))
        for office in district.children.active_on(effective):
            unit_close(
                by=by,
                unit=office,
                successor=primary,
                effective=effective,
                decision=decision,
                reason=_("District level abolished"),
            )
        unit_split(
            by=by,
            source=district,
            targets=successors,
            primary=primary,
            effective=effective,
            decision=decision,
            reason=_("District level abolished"),
        )
        for m in staff:
            membership_grant(
                by=by,
                user=m.user,
                unit=primary,
                role=m.role,
                position=m.position,
                valid_from=effective,
                is_primary=m.is_primary,
            )
            summary.memberships_created += 1
    merger = hanoi.BOARD_MERGER_2025
    sources = [Unit.objects.get(slug=f"thanhuy-{s}") for s in merger["sources"]]
    merged = unit_create(
        by=by,
        slug=f"thanhuy-{merger['slug']}",
        kind="ban",
        full_name=str(merger["full_name"]),
        short_name=str(merger["short_name"]),
        issuer_code=str(merger["issuer_code"]),
        organ_id="000.00.07.T26",
        parent=city,
        valid_from=effective,
        sort_order=3,
        decision=decision,
        reason=_("Merger of boards, 2025"),
    )
    summary.units_created += 1
    staff = list(Membership.objects.active_on(effective).filter(unit__in=sources))
    unit_merge(
        by=by,
        sources=sources,
        target=merged,
        effective=effective,
        decision=decision,
        reason=_("Merger of boards, 2025"),
    )
    for m in staff:
        if (
            not Membership.objects.active_on(effective)
            .filter(user=m.user, unit=merged, role=m.role)
            .exists()
        ):
            membership_grant(
                by=by,
                user=m.user,
                unit=merged,
                role=m.role,
                position=m.position,
                valid_from=effective,
                is_primary=m.is_primary,
            )
            summary.memberships_created += 1
    return summary
