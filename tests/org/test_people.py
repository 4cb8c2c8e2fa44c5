"""Memberships and delegations (ủy quyền): who may act in which role, and for how long."""

import datetime as dt

import pytest
from django.utils import timezone

from vanphong.core.errors import Conflict, InvalidInput
from vanphong.org.models import User
from vanphong.org.roles import Role
from vanphong.org.selectors import actings_for
from vanphong.org.services import (
    delegation_grant,
    delegation_revoke,
    membership_end,
    membership_grant,
    unit_close,
    unit_create,
    user_create,
)


def _week():
    now = timezone.now()
    return now - dt.timedelta(hours=1), now + dt.timedelta(days=7)


def _leader_away(network):
    """Ba Đình's leader delegates their role to the office's leader for a week."""
    leader, deputy = network.user("lanhdao.badinh"), network.user("lanhdaovp.badinh")
    start, end = _week()
    delegation_grant(
        by=leader,
        grantor=leader,
        grantee=deputy,
        unit=network.badinh,
        role=Role.LANHDAO,
        valid_from=start,
        valid_to=end,
        reason="Nghỉ phép",
    )
    return leader, deputy


def _roles(user):
    return {(a.unit.slug, a.role.value, a.delegated_by is not None) for a in actings_for(user)}


def test_a_person_can_hold_roles_in_several_units(network):
    clerk = network.user("vanthu.badinh")
    membership_grant(
        by=None,
        user=clerk,
        unit=network.board,
        role=Role.CHUYENVIEN,
        position="Chuyên viên biệt phái",
    )
    assert _roles(clerk) == {("badinh", "vanthu", False), ("thanhuy-btc", "chuyenvien", False)}


def test_the_roles_one_acts_in_today_are_read_in_one_query_primary_first(
    network, django_assert_num_queries
):
    # Not a role that ended yesterday or starts tomorrow, nor one in a unit closed since; the
    # primary role first, then the units in the tree's order; the units as the model has them.
    clerk = network.user("vanthu.badinh")
    day = timezone.localdate()
    for unit, role, start, end in (
        (network.board, Role.CHUYENVIEN, None, None),
        (network.city, Role.CHUYENVIEN, day - dt.timedelta(days=30), day),
        (
            network.hoankiem,
            Role.CHUYENVIEN,
            day - dt.timedelta(days=30),
            day - dt.timedelta(days=1),
        ),
        (network.hoankiem, Role.LANHDAO, day + dt.timedelta(days=1), None),
    ):
        membership_grant(by=None, user=clerk, unit=unit, role=role, valid_from=start, valid_to=end)
    closed = unit_create(
        by=None,
        slug="closed",
        kind="ban",
        full_name="Ban cũ",
        parent=network.city,
        valid_from=day - dt.timedelta(days=60),
    )
    membership_grant(by=None, user=clerk, unit=closed, role=Role.CHUYENVIEN)
    unit_close(by=None, unit=closed, effective=day)
    # Closing ends its memberships; one left open there (older data) gives no role either.
    clerk.memberships.filter(unit=closed).update(valid_to=None)
    with django_assert_num_queries(1):
        actings = actings_for(clerk)
    assert [(a.unit.slug, a.role.value) for a in actings] == [
        ("badinh", "vanthu"),
        ("thanhuy", "chuyenvien"),
        ("thanhuy-btc", "chuyenvien"),
    ]
    assert actings[0].key == f"m{clerk.memberships.get(unit=network.badinh).pk}"
    assert actings[1].unit == network.city
    assert actings[1].unit.valid_from == network.city.valid_from  # a date, not text
    assert actings[1].unit.valid_to is None


def test_the_same_open_role_twice_is_refused(network):
    with pytest.raises(Conflict):
        membership_grant(
            by=None, user=network.user("vanthu.badinh"), unit=network.badinh, role="vanthu"
        )


def test_an_ended_membership_no_longer_gives_the_role(network):
    clerk = network.user("vanthu.badinh")
    membership = clerk.memberships.get()
    membership_end(by=None, membership=membership)
    assert actings_for(clerk) == []


def test_a_delegation_gives_the_role_for_its_period_only(network):
    leader, deputy = network.user("lanhdao.badinh"), network.user("lanhdaovp.badinh")
    start, end = _week()
    delegation = delegation_grant(
        by=leader,
        grantor=leader,
        grantee=deputy,
        unit=network.badinh,
        role=Role.LANHDAO,
        valid_from=start,
        valid_to=end,
        reason="Đi công tác nước ngoài",
    )
    assert ("badinh", "lanhdao", True) in _roles(deputy)
    acting = next(a for a in actings_for(deputy) if a.delegated_by)
    assert acting.delegated_by == leader
    assert acting.delegated_until == end
    assert _roles(deputy) - {("badinh", "lanhdao", True)} == {("badinh", "lanhdaovp", False)}
    assert not any(a.delegated_by for a in actings_for(deputy, at=end + dt.timedelta(minutes=1)))

    delegation_revoke(by=leader, delegation=delegation)
    assert ("badinh", "lanhdao", True) not in _roles(deputy)
    with pytest.raises(Conflict):
        delegation_revoke(by=leader, delegation=delegation)


def test_a_delegated_role_is_read_with_ones_own_or_alone(network, django_assert_num_queries):
    _leader, deputy = _leader_away(network)
    # Their own roles, and whether one is delegated to them; the delegation; the grantor's role.
    with django_assert_num_queries(3):
        assert _roles(deputy) == {("badinh", "lanhdaovp", False), ("badinh", "lanhdao", True)}
    # With no role of their own left, the delegation is asked for on its own.
    membership_end(by=None, membership=deputy.memberships.get())
    with django_assert_num_queries(4):
        assert _roles(deputy) == {("badinh", "lanhdao", True)}


def test_a_delegation_dies_with_the_grantors_role(network):
    leader, deputy = _leader_away(network)
    membership_end(by=None, membership=leader.memberships.get(role="lanhdao"))
    assert ("badinh", "lanhdao", True) not in _roles(deputy)


def test_a_delegated_role_cannot_be_passed_on(network):
    _leader, deputy = _leader_away(network)
    specialist = network.user("chuyenvien.badinh")
    start, end = _week()
    with pytest.raises(Conflict) as error:
        delegation_grant(
            by=deputy,
            grantor=deputy,
            grantee=specialist,
            unit=network.badinh,
            role=Role.LANHDAO,
            valid_from=start,
            valid_to=end,
            reason="Ủy quyền lại",
        )
    assert error.value.code == "role_not_held"


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"grantee": "lanhdao.badinh"}, "delegate_to_self"),
        ({"grantee": "vanthu.hoankiem"}, "not_a_member"),
        ({"reason": "  "}, "reason_required"),
        ({"valid_to": lambda s, e: s}, "invalid_period"),
        ({"valid_to": lambda s, e: s + dt.timedelta(days=400)}, "delegation_too_long"),
        ({"role": "thutruong"}, "invalid_role"),
    ],
)
def test_bad_delegations_are_refused_with_a_reason(network, change, code):
    leader = network.user("lanhdao.badinh")
    start, end = _week()
    args = {
        "by": leader,
        "grantor": leader,
        "grantee": network.user("lanhdaovp.badinh"),
        "unit": network.badinh,
        "role": Role.LANHDAO,
        "valid_from": start,
        "valid_to": end,
        "reason": "Đi công tác",
    }
    for key, value in change.items():
        if key == "grantee":
            args[key] = network.user(value)
        elif callable(value):
            args[key] = value(start, end)
        else:
            args[key] = value
    with pytest.raises((InvalidInput, Conflict)) as error:
        delegation_grant(**args)
    assert error.value.code == code


def test_user_create_normalises_the_mobile_number_and_refuses_junk(db):
    user = user_create(
        by=None, username="nguyen.an", full_name="Nguyễn  Văn An", mobile="+84 912 345 678"
    )
    assert (user.mobile, user.full_name) == ("0912345678", "Nguyễn Văn An")
    assert not user.has_usable_password()
    with pytest.raises(InvalidInput):
        user_create(by=None, username="tran.binh", full_name="Trần Bình", mobile="024 3825 1234")
    assert not User.objects.filter(username="tran.binh").exists()
