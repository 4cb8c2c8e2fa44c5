"""Merge, split, move and close keep history: old dates still resolve to what was true then."""

import datetime as dt

import pytest

from vanphong.audit.models import AuditEvent
from vanphong.core.errors import Conflict, InvalidInput
from vanphong.org.models import Membership, Unit, UnitChange
from vanphong.org.selectors import actings_for, today, unit_route, unit_version_on
from vanphong.org.services import (
    unit_close,
    unit_create,
    unit_merge,
    unit_move,
    unit_split,
)

JULY_2025 = dt.date(2025, 7, 1)


def _board(network, slug, name):
    return unit_create(
        by=None,
        slug=slug,
        kind="ban",
        full_name=name,
        parent=network.city,
        valid_from=dt.date(2015, 1, 1),
    )


def test_merge_closes_sources_into_the_target_and_routes_to_it(network):
    btg = _board(network, "btg", "Ban Tuyên giáo Thành ủy")
    bdv = _board(network, "bdv", "Ban Dân vận Thành ủy")
    merged = unit_create(
        by=None,
        slug="btgdv",
        kind="ban",
        full_name="Ban Tuyên giáo và Dân vận",
        parent=network.city,
        valid_from=JULY_2025,
    )

    change = unit_merge(
        by=None,
        sources=[btg, bdv],
        target=merged,
        effective=JULY_2025,
        decision="Quyết định 01-QĐ/TU",
    )

    btg.refresh_from_db()
    assert btg.valid_to == dt.date(2025, 6, 30)
    assert unit_route(btg) == merged
    assert unit_route(bdv) == merged
    assert change.kind == UnitChange.Kind.MERGE
    assert set(change.sources.all()) == {btg, bdv}
    assert list(change.targets.all()) == [merged]
    # Before the merger the boards existed under their own names.
    assert unit_version_on(btg, dt.date(2020, 1, 1)).full_name == "Ban Tuyên giáo Thành ủy"
    assert unit_version_on(btg, dt.date(2025, 7, 2)) is None


def test_merge_moves_the_units_under_a_source_to_the_target(network):
    office = unit_create(
        by=None,
        slug="badinh-vp",
        kind="van_phong",
        full_name="Văn phòng Quận ủy",
        parent=network.badinh,
        valid_from=dt.date(2015, 1, 1),
    )
    unit_merge(by=None, sources=[network.badinh], target=network.hoankiem, effective=JULY_2025)
    office.refresh_from_db()
    assert office.parent == network.hoankiem
    assert office.path == f"{network.hoankiem.path}{office.pk}/"
    assert office.is_active_on(JULY_2025)


def test_split_routes_to_the_primary_successor(network):
    wards = [
        unit_create(
            by=None,
            slug=slug,
            kind="dang_uy_phuong",
            full_name=name,
            parent=network.city,
            valid_from=JULY_2025,
        )
        for slug, name in [
            ("phuong-ba-dinh", "Đảng ủy phường Ba Đình"),
            ("phuong-ngoc-ha", "Đảng ủy phường Ngọc Hà"),
        ]
    ]
    change = unit_split(
        by=None, source=network.badinh, targets=wards, primary=wards[0], effective=JULY_2025
    )
    assert unit_route(network.badinh) == wards[0]
    assert set(change.targets.all()) == set(wards)
    with pytest.raises(InvalidInput):
        unit_split(
            by=None,
            source=network.hoankiem,
            targets=wards[:1],
            primary=wards[1],
            effective=JULY_2025,
        )


def test_close_ends_roles_in_the_unit(network):
    clerk = network.user("vanthu.badinh")
    assert [a.unit for a in actings_for(clerk)] == [network.badinh]
    unit_close(by=None, unit=network.badinh, successor=network.hoankiem, effective=JULY_2025)
    assert actings_for(clerk) == []
    membership = Membership.objects.get(user=clerk, unit=network.badinh)
    assert membership.valid_to == dt.date(2025, 6, 30)


def test_close_refuses_a_unit_with_open_units_under_it(network):
    unit_create(
        by=None,
        slug="badinh-vp",
        kind="van_phong",
        full_name="Văn phòng Quận ủy Ba Đình",
        parent=network.badinh,
        valid_from=dt.date(2015, 1, 1),
    )
    with pytest.raises(Conflict) as error:
        unit_close(by=None, unit=network.badinh, effective=JULY_2025)
    assert error.value.code == "unit_has_children"
    network.badinh.refresh_from_db()
    assert network.badinh.valid_to is None


def test_close_to_a_successor_that_does_not_exist_yet_is_refused(network):
    later = unit_create(
        by=None,
        slug="later",
        kind="dang_uy_phuong",
        full_name="Mới",
        parent=network.city,
        valid_from=dt.date(2025, 8, 1),
    )
    with pytest.raises(Conflict):
        unit_close(by=None, unit=network.badinh, successor=later, effective=JULY_2025)


def test_move_rewrites_the_whole_subtree_and_refuses_cycles(network):
    office = unit_create(
        by=None,
        slug="badinh-vp",
        kind="van_phong",
        full_name="Văn phòng",
        parent=network.badinh,
        valid_from=dt.date(2015, 1, 1),
    )
    unit_move(by=None, unit=network.badinh, parent=network.board, effective=dt.date(2020, 1, 1))
    office.refresh_from_db()
    network.badinh.refresh_from_db()
    assert network.badinh.path == f"{network.board.path}{network.badinh.pk}/"
    assert office.path == f"{network.badinh.path}{office.pk}/"
    assert (network.badinh.depth, office.depth) == (2, 3)
    assert unit_version_on(network.badinh, dt.date(2019, 1, 1)).parent == network.city
    assert unit_version_on(network.badinh, dt.date(2020, 1, 1)).parent == network.board
    with pytest.raises(InvalidInput):
        unit_move(by=None, unit=network.badinh, parent=office)


def test_changes_cannot_be_dated_in_the_future_or_before_the_latest_change(network):
    with pytest.raises(InvalidInput):
        unit_close(by=None, unit=network.badinh, effective=today() + dt.timedelta(days=30))
    unit_move(by=None, unit=network.badinh, parent=network.board, effective=dt.date(2020, 1, 1))
    with pytest.raises(Conflict):
        unit_close(by=None, unit=network.badinh, effective=dt.date(2019, 1, 1))


def test_a_failed_change_leaves_nothing_behind(network):
    events = AuditEvent.objects.count()
    changes = UnitChange.objects.count()
    unit_create(
        by=None,
        slug="badinh-vp",
        kind="van_phong",
        full_name="Văn phòng",
        parent=network.badinh,
        valid_from=dt.date(2015, 1, 1),
    )
    with pytest.raises(Conflict):
        unit_merge(
            by=None,
            sources=[network.badinh, network.hoankiem],
            target=network.board,
            effective=dt.date(2014, 1, 1),
        )
    assert AuditEvent.objects.count() == events + 1  # only the office's creation
    assert UnitChange.objects.count() == changes + 1
    assert Unit.objects.get(slug="hoankiem").valid_to is None


def test_every_change_is_in_the_audit_journal(network):
    unit_close(
        by=network.user("quantri.thanhuy"),
        unit=network.badinh,
        successor=network.hoankiem,
        effective=JULY_2025,
    )
    event = AuditEvent.objects.filter(action="unit.close").get()
    assert event.actor == network.user("quantri.thanhuy")
    assert event.before["valid_to"] is None
    assert event.after["valid_to"] == "2025-06-30"
    assert event.after["successor"] == network.hoankiem.pk


def test_a_closed_unit_does_not_change_any_more(network):
    unit_close(by=None, unit=network.badinh, successor=network.hoankiem, effective=JULY_2025)
    with pytest.raises(Conflict) as error:
        unit_close(by=None, unit=network.badinh, effective=dt.date(2025, 3, 1))
    assert error.value.code == "unit_closed"
    network.badinh.refresh_from_db()
    assert network.badinh.valid_to == dt.date(2025, 6, 30)
