"""Roles, secrecy and organisation codes (org/roles.py): pure rules.

Kept in tests/core because tests/org belongs to the organisation work going on in parallel.
"""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vanphong.org.roles import (
    CAPABILITIES,
    Capability,
    Role,
    Secrecy,
    UnitKind,
    can,
    cleared_for,
    is_party,
    valid_issuer_code,
    valid_organ_id,
)

C = Capability

# Who may do what in a Party-committee office (DESIGN.md §1), as the product must enforce it.
EXPECTED = {
    Role.VANTHU: {C.VIEW_UNIT, C.REGISTER_INCOMING, C.ISSUE_OUTGOING},
    Role.LANHDAOVP: {C.VIEW_UNIT, C.DIRECT, C.WORK_ASSIGNMENTS, C.DRAFT, C.REVIEW, C.FOLLOW_UP},
    Role.CHUYENVIEN: {C.VIEW_UNIT, C.WORK_ASSIGNMENTS, C.DRAFT},
    Role.LANHDAO: {C.VIEW_UNIT, C.DIRECT, C.WORK_ASSIGNMENTS, C.REVIEW, C.SIGN, C.FOLLOW_UP},
    Role.QUANTRI: {C.VIEW_UNIT, C.ADMINISTER},
}


@pytest.mark.parametrize("role", list(Role))
def test_each_role_carries_exactly_the_capabilities_of_its_job(role):
    assert {c for c in Capability if can(role, c)} == EXPECTED[role]
    assert {c for c in Capability if can(role.value, c)} == EXPECTED[role]


def test_only_a_leader_signs_and_only_a_clerk_registers_and_issues():
    assert [r for r in Role if can(r, C.SIGN)] == [Role.LANHDAO]
    assert [r for r in Role if can(r, C.REGISTER_INCOMING)] == [Role.VANTHU]
    assert [r for r in Role if can(r, C.ISSUE_OUTGOING)] == [Role.VANTHU]
    assert [r for r in Role if can(r, C.ADMINISTER)] == [Role.QUANTRI]


def test_every_role_has_its_capabilities_listed():
    assert set(CAPABILITIES) == set(Role)


def test_an_unknown_role_is_refused_not_silently_powerless():
    with pytest.raises(ValueError, match="giamdoc"):
        can("giamdoc", C.VIEW_UNIT)


def test_secrecy_levels_rise_from_ordinary_to_absolutely_secret():
    assert sorted(Secrecy, key=int) == [
        Secrecy.THUONG,
        Secrecy.MAT,
        Secrecy.TOI_MAT,
        Secrecy.TUYET_MAT,
    ]
    assert Secrecy.THUONG < Secrecy.MAT < Secrecy.TOI_MAT < Secrecy.TUYET_MAT


@given(clearance=st.sampled_from(Secrecy), secrecy=st.sampled_from(Secrecy))
def test_a_person_reads_up_to_their_clearance_and_nothing_above(clearance, secrecy):
    assert cleared_for(clearance, secrecy) == (secrecy <= clearance)


@pytest.mark.parametrize("clearance", list(Secrecy))
def test_the_clearance_filter_checks_only_below_the_highest_level(clearance):
    from django.db.models import Q

    from vanphong.org.selectors import cleared_q

    expected = Q() if clearance == Secrecy.TUYET_MAT else Q(document__secrecy__lte=clearance)
    assert cleared_q(clearance) == expected
    assert cleared_q(clearance, "secrecy") == (
        Q() if clearance == Secrecy.TUYET_MAT else Q(secrecy__lte=clearance)
    )


@pytest.mark.parametrize("level", list(Secrecy))
def test_secrecy_codes_of_the_api_round_trip(level):
    assert Secrecy.from_code(level.code) is level
    assert Secrecy.from_code(level.code.upper()) is level


def test_secrecy_codes_are_those_of_the_api():
    assert [s.code for s in Secrecy] == ["thuong", "mat", "toi_mat", "tuyet_mat"]


@pytest.mark.parametrize("code", ["secret", "", "toi mat", "1"])
def test_an_unknown_secrecy_code_is_refused(code):
    with pytest.raises(ValueError, match="unknown secrecy level"):
        Secrecy.from_code(code)


@pytest.mark.parametrize("code", ["000.00.00.H26", "000.00.11.T26", "123.45.67.A01"])
def test_organisation_identifiers_of_qcvn_102_are_accepted(code):
    assert valid_organ_id(code)


@pytest.mark.parametrize(
    "code",
    [
        "H26",
        "000.00.00.h26",
        "000.00.00.H2",
        "000.00.00.H266",
        "0000.00.00.H26",
        "000.00.00.26",
        "000-00-00-H26",
        " 000.00.00.H26",
        "000.00.00.H26\n",
        "",
    ],
)
def test_malformed_organisation_identifiers_are_refused(code):
    assert not valid_organ_id(code)


def test_organisation_identifiers_with_non_ascii_digits_are_refused():
    assert not valid_organ_id("٠٠٠.٠٠.٠٠.H٢٦")


@pytest.mark.parametrize("code", ["TU", "QU", "UBKTTU", "BTCTU", "UBND-VP", "ĐU", "HU1"])
def test_issuer_codes_in_capitals_with_hyphens_are_accepted(code):
    assert valid_issuer_code(code)


@pytest.mark.parametrize(
    "code", ["tu", "Tu", "-TU", "TU-", "TU--VP", "T U", "1TU", "TU/VP", "", "TU\n", "đU"]
)
def test_malformed_issuer_codes_are_refused(code):
    assert not valid_issuer_code(code)


def test_state_agencies_are_not_party_units():
    assert not is_party(UnitKind.CO_QUAN)
    assert all(is_party(kind) for kind in UnitKind if kind is not UnitKind.CO_QUAN)
    assert is_party("quan_uy")
