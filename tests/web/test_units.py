"""The organisation pages: the visible tree, one unit with its history, who may see members."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.org.reads import roles_read
from tests.web.conftest import page
from vanphong.org.services import unit_close, unit_create, unit_rename

REORG = dt.date(2025, 7, 1)


def _tree_slugs(node):
    return [li.attrs["data-slug"] for li in node.get("unit-tree").find_all("li", data_slug=True)]


def _close_badinh_into_a_ward(network):
    ward = unit_create(
        by=None,
        slug="phuong-ba-dinh",
        kind="dang_uy_phuong",
        full_name="Đảng ủy phường Ba Đình",
        issuer_code="ĐU",
        parent=network.city,
        valid_from=REORG,
    )
    unit_close(
        by=None,
        unit=network.badinh,
        successor=ward,
        effective=REORG,
        decision="Nghị quyết 1656/NQ-UBTVQH15",
    )
    return ward


def test_district_clerk_sees_their_branch_of_the_tree_only(network, login):
    tree = page(login(network.user("vanthu.badinh")), "/units/")
    assert _tree_slugs(tree) == ["thanhuy", "badinh"]
    city = tree.find("li", data_slug="thanhuy")
    assert city.find("a", **{"class": "unit-name"}).text == "Thành ủy"  # the short name
    # Kind, issuer code and organisation identifier under the name.
    assert city.find("small", **{"class": "unit-meta"}).text == "Thành ủy · TU · 000.00.00.T26"
    assert city.find("details").attrs.get("open") is not None  # opened down to my unit


def test_city_leader_sees_the_whole_tree_nested(network, login):
    tree = page(login(network.user("lanhdao.thanhuy")), "/units/")
    assert set(_tree_slugs(tree)) == {"thanhuy", "thanhuy-btc", "badinh", "hoankiem"}
    city = tree.find("li", data_slug="thanhuy")
    nested = {li.attrs["data-slug"] for li in city.find("ul").find_all("li")}
    assert nested == {"thanhuy-btc", "badinh", "hoankiem"}
    meta = tree.find("li", data_slug="badinh").find("small", **{"class": "unit-meta"})
    assert meta.text == "Quận ủy · QU · 000.00.11.T26"  # the kind, translated


def test_dissolved_units_are_shown_on_request_with_their_successor(network, login):
    ward = _close_badinh_into_a_ward(network)
    client = login(network.user("lanhdao.thanhuy"))
    assert "badinh" not in _tree_slugs(page(client, "/units/"))

    tree = page(client, "/units/?closed=1")
    closed = tree.find("li", data_slug="badinh")
    assert "closed" in closed.attrs["class"].split()
    assert "30/06/2025" in closed.text
    assert f"/units/{ward.slug}/" in closed.links()
    assert "closed" not in tree.find("li", data_slug=ward.slug).attrs["class"].split()
    assert tree.find("input", name="closed").attrs.get("checked") is not None


def test_the_tree_costs_the_same_queries_however_large_it_is(network, login):
    client = login(network.user("lanhdao.thanhuy"))

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/units/?closed=1").status_code == 200
        return len(queries)

    before = count()
    for i in range(15):
        unit = unit_create(
            by=None, slug=f"ban-{i}", kind="ban", full_name=f"Ban {i}", parent=network.city
        )
        unit_create(by=None, slug=f"vp-{i}", kind="van_phong", full_name=f"VP {i}", parent=unit)
    assert count() == before


def test_unit_page_shows_attributes_history_and_reorganisations(network, login):
    unit_rename(
        by=None,
        unit=network.badinh,
        full_name="Quận ủy Ba Đình (mới)",
        issuer_code="QUBD",
        effective=dt.date(2020, 1, 1),
    )
    ward = _close_badinh_into_a_ward(network)
    detail = page(login(network.user("lanhdao.thanhuy")), "/units/badinh/")
    assert detail.find("h1").text == "Quận ủy Ba Đình (mới)"
    assert detail.has("dissolved")
    attributes = detail.get("attributes").text
    assert "QUBD" in attributes
    assert "000.00.11.T26" in attributes
    assert "từ 01/01/2015 đến 30/06/2025" in attributes

    rows = [tr.text for tr in detail.get("versions").find("tbody").find_all("tr")]
    assert len(rows) == 2
    assert rows[0].startswith("01/01/2020 – 30/06/2025 Quận ủy Ba Đình (mới)")
    assert rows[1].startswith("01/01/2015 – 31/12/2019 Quận ủy Ba Đình")
    assert "QU" in rows[1]
    assert "Thành ủy Hà Nội" in rows[1]

    changes = detail.get("changes").text
    assert "01/07/2025 · Giải thể" in changes
    assert "Nghị quyết 1656/NQ-UBTVQH15" in changes
    assert "01/01/2020 · Đổi tên" in changes
    assert f"/units/{ward.slug}/" in detail.get("succession").links()

    successor = page(login(network.user("lanhdao.thanhuy")), f"/units/{ward.slug}/")
    assert "/units/badinh/" in successor.get("succession").links()
    assert "Quận ủy Ba Đình (mới)" in successor.get("succession").text


def test_members_are_shown_to_people_of_the_unit_and_above(network, login):
    clerk_view = page(login(network.user("vanthu.badinh")), "/units/badinh/")
    members = clerk_view.get("members").text
    assert "Người lanhdao.badinh" in members
    assert "Lãnh đạo" in members
    assert "Người vanthu.hoankiem" not in members
    # The city's leader is above the district; the district clerk is not above the city.
    assert page(login(network.user("lanhdao.thanhuy")), "/units/badinh/").has("members")
    city_seen_from_district = page(login(network.user("vanthu.badinh")), "/units/thanhuy/")
    assert not city_seen_from_district.has("members")
    assert city_seen_from_district.find("h1").text == "Thành ủy Hà Nội"


def test_administrators_see_members_whatever_role_they_act_in(network, login, superuser):
    assert page(login(superuser), "/units/hoankiem/").has("members")


@pytest.mark.parametrize("slug", ["hoankiem", "thanhuy-btc", "no-such-unit"])
def test_units_one_may_not_see_are_not_found(network, login, slug):
    response = login(network.user("vanthu.badinh")).get(f"/units/{slug}/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_organisation_pages_need_a_login(network, client):
    assert client.get("/units/").status_code == 302
    assert client.get("/units/badinh/").status_code == 302


@pytest.mark.parametrize(
    "url", ["/units/", "/units/badinh/", "/api/v1/units", "/api/v1/units/badinh", "/api/v1/me"]
)
def test_the_units_pages_read_the_persons_roles_once(network, login, url):
    client = login(network.user("lanhdao.thanhuy"))
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    assert roles_read(captured) == 1
