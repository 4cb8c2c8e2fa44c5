"""Roles, unit kinds, secrecy levels and what each role may do. Pure Python, no Django.

The five roles are those of a Party-committee office (DESIGN.md §1). A capability is a verb the
rest of the product checks; mapping roles to capabilities here keeps "who may do what" in one
place instead of scattered role comparisons.
"""

from __future__ import annotations

import enum
import re


class Role(enum.StrEnum):
    VANTHU = "vanthu"  # clerk: receives, registers, numbers, dispatches
    LANHDAOVP = "lanhdaovp"  # office leader: directs and assigns incoming work
    CHUYENVIEN = "chuyenvien"  # specialist: works on assignments, drafts documents
    LANHDAO = "lanhdao"  # committee leader: approves and signs
    QUANTRI = "quantri"  # administrator of the unit and its subtree


class Capability(enum.StrEnum):
    VIEW_UNIT = "view_unit"
    REGISTER_INCOMING = "register_incoming"
    DIRECT = "direct"
    WORK_ASSIGNMENTS = "work_assignments"
    DRAFT = "draft"
    REVIEW = "review"
    SIGN = "sign"
    ISSUE_OUTGOING = "issue_outgoing"
    FOLLOW_UP = "follow_up"
    ADMINISTER = "administer"


CAPABILITIES: dict[Role, frozenset[Capability]] = {
    Role.VANTHU: frozenset(
        {Capability.VIEW_UNIT, Capability.REGISTER_INCOMING, Capability.ISSUE_OUTGOING}
    ),
    Role.LANHDAOVP: frozenset(
        {
            Capability.VIEW_UNIT,
            Capability.DIRECT,
            Capability.WORK_ASSIGNMENTS,
            Capability.DRAFT,
            Capability.REVIEW,
            Capability.FOLLOW_UP,
        }
    ),
    Role.CHUYENVIEN: frozenset(
        {Capability.VIEW_UNIT, Capability.WORK_ASSIGNMENTS, Capability.DRAFT}
    ),
    Role.LANHDAO: frozenset(
        {
            Capability.VIEW_UNIT,
            Capability.DIRECT,
            Capability.WORK_ASSIGNMENTS,
            Capability.REVIEW,
            Capability.SIGN,
            Capability.FOLLOW_UP,
        }
    ),
    Role.QUANTRI: frozenset({Capability.VIEW_UNIT, Capability.ADMINISTER}),
}


def can(role: Role | str, capability: Capability) -> bool:
    """Whether ``role`` carries ``capability``."""
    return capability in CAPABILITIES[Role(role)]


class Secrecy(enum.IntEnum):
    """Độ mật (Law on Protection of State Secrets): a higher value is more secret."""

    THUONG = 0
    MAT = 1
    TOI_MAT = 2
    TUYET_MAT = 3

    @property
    def code(self) -> str:
        return self.name.lower()

    @classmethod
    def from_code(cls, code: str) -> Secrecy:
        try:
            return cls[code.upper()]
        except KeyError:
            raise ValueError(f"unknown secrecy level {code!r}") from None


def cleared_for(clearance: int, secrecy: int) -> bool:
    """A person cleared to ``clearance`` may read a document marked ``secrecy``."""
    return clearance >= secrecy


class UnitKind(enum.StrEnum):
    THANH_UY = "thanh_uy"
    TINH_UY = "tinh_uy"
    BAN = "ban"  # ban of a committee (Tổ chức, Tuyên giáo, …) and Ủy ban Kiểm tra
    VAN_PHONG = "van_phong"  # the committee's office
    QUAN_UY = "quan_uy"
    HUYEN_UY = "huyen_uy"
    THI_UY = "thi_uy"
    DANG_UY_PHUONG = "dang_uy_phuong"
    DANG_UY_XA = "dang_uy_xa"
    DANG_UY = "dang_uy"  # other Party committees (đảng ủy khối, cơ quan …)
    CO_QUAN = "co_quan"  # a state agency


PARTY_KINDS = frozenset(UnitKind) - {UnitKind.CO_QUAN}

# A committee is a body that issues documents in its own name and keeps its own registers; a
# ban or an office works for the committee above it.
COMMITTEE_KINDS = frozenset(
    {
        UnitKind.THANH_UY,
        UnitKind.TINH_UY,
        UnitKind.QUAN_UY,
        UnitKind.HUYEN_UY,
        UnitKind.THI_UY,
        UnitKind.DANG_UY_PHUONG,
        UnitKind.DANG_UY_XA,
        UnitKind.DANG_UY,
        UnitKind.CO_QUAN,
    }
)


def is_party(kind: UnitKind | str) -> bool:
    """Party units number and format documents by Quy định 399-QĐ/TW; others by NĐ 30/2020."""
    return UnitKind(kind) in PARTY_KINDS


# Mã định danh (QCVN 102:2016, Thông tư 10/2016/TT-BTTTT): NNN.NN.NN.XNN, levels 4.3.2.1.
ORGAN_ID = re.compile(r"^[0-9]{3}\.[0-9]{2}\.[0-9]{2}\.[A-Z][0-9]{2}$")


def valid_organ_id(code: str) -> bool:
    """Whether ``code`` has the shape of an organisation identifier, e.g. ``000.00.00.H26``."""
    return bool(ORGAN_ID.fullmatch(code))


ISSUER_CODE = re.compile(r"^[A-ZĐ][A-ZĐ0-9]*(-[A-ZĐ0-9]+)*$")


def valid_issuer_code(code: str) -> bool:
    """Issuer codes are upper-case letters and digits, e.g. ``TU``, ``UBKTTU``, ``UBND-VP``."""
    return bool(ISSUER_CODE.fullmatch(code))
