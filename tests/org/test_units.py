import datetime as dt

import pytest

from vanphong.core.errors import Conflict, InvalidInput
from vanphong.org.models import Unit
from vanphong.org.selectors import unit_route, unit_version_on, units_visible_to
from vanphong.org.services import unit_close, unit_create, unit_rename


def test_rename_keeps_the_old_name_for_old_dates(network):
    unit_rename(
        by=None,
        unit=network.board,
        full_name="Ban Tổ chức Thành ủy Hà Nội",
        issuer_code="BTCTUHN",
        effective=dt.date(2020, 1, 1),
    )
    old = unit_version_on(network.board, dt.date(2016, 3, 12))
    new = unit_version_on(network.board, dt.date(2021, 1, 1))
    assert (old.full_name, old.issuer_code) == ("Ban Tổ chức Thành ủy", "BTCTU")
    assert (new.full_name, new.issuer_code) == ("Ban Tổ chức Thành ủy Hà Nội", "BTCTUHN")


def test_closed_unit_routes_to_its_successor(network):
    unit_close(
        by=None, unit=network.badinh, successor=network.hoankiem, effective=dt.date(2025, 7, 1)
    )
    network.badinh.refresh_from_db()
    assert network.badinh.valid_to == dt.date(2025, 6, 30)
    assert unit_route(network.badinh) == network.hoankiem
    assert unit_route(network.badinh, on=dt.date(2020, 1, 1)) == network.badinh


def test_duplicate_slug_and_bad_codes_are_refused(network):
    with pytest.raises(Conflict):
        unit_create(by=None, slug="badinh", kind="quan_uy", full_name="Trùng")
    with pytest.raises(InvalidInput):
        unit_create(by=None, slug="x1", kind="quan_uy", full_name="X", organ_id="H26")
    assert not Unit.objects.filter(slug="x1").exists()


def test_district_user_sees_own_subtree_and_ancestors_only(network):
    visible = set(units_visible_to(network.user("vanthu.badinh")).values_list("slug", flat=True))
    assert visible == {"badinh", "thanhuy"}


def test_a_new_term_ends_the_one_in_force(network):
    from vanphong.org.selectors import term_on
    from vanphong.org.services import term_open

    first = term_open(by=None, unit=network.city, name="XVII", starts=dt.date(2020, 10, 14))
    term_open(by=None, unit=network.city, name="XVIII", starts=dt.date(2025, 10, 16))
    first.refresh_from_db()
    assert first.ends == dt.date(2025, 10, 15)
    assert term_on(network.badinh, dt.date(2021, 1, 1)) == first  # no term of its own
    with pytest.raises(Conflict):
        term_open(by=None, unit=network.city, name="lùi", starts=dt.date(2024, 1, 1))
