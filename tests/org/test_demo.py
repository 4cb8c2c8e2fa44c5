"""The demonstration network of DESIGN.md §6 and its 2025 reorganisation."""

import pytest
from django.contrib.auth import authenticate

from vanphong.audit.selectors import audit_verify_chain
from vanphong.core.errors import Conflict
from vanphong.org.data.hanoi import DISTRICTS
from vanphong.org.demo import demo_load, reorg_2025_apply
from vanphong.org.models import Unit, User
from vanphong.org.selectors import actings_for, today, unit_route, units_visible_to

SLUGS = [
    "badinh",
    "hoankiem",
    "tayho",
    "longbien",
    "caugiay",
    "dongda",
    "haibatrung",
    "hoangmai",
    "thanhxuan",
    "hadong",
    "bactuliem",
    "namtuliem",
    "bavi",
    "chuongmy",
    "danphuong",
    "donganh",
    "gialam",
    "hoaiduc",
    "melinh",
    "myduc",
    "phuxuyen",
    "phuctho",
    "quocoai",
    "socson",
    "thachthat",
    "thanhoai",
    "thanhtri",
    "thuongtin",
    "unghoa",
    "sontay",
]

pytestmark = pytest.mark.slow


@pytest.fixture
def demo(db):
    return demo_load()


def test_demo_has_the_city_its_boards_and_the_30_districts_of_2016(demo):
    city = Unit.objects.get(slug="thanhuy")
    assert city.full_name == "Thành ủy Hà Nội"
    assert [slug for slug, _, _ in DISTRICTS] == SLUGS
    districts = Unit.objects.filter(parent=city, slug__in=SLUGS)
    assert districts.count() == 30
    assert Unit.objects.get(slug="sontay").full_name == "Thị ủy Sơn Tây"
    assert Unit.objects.get(slug="unghoa").full_name == "Huyện ủy Ứng Hòa"
    boards = set(city.children.exclude(slug__in=SLUGS).values_list("short_name", flat=True))
    assert boards == {
        "Văn phòng",
        "Ban Tổ chức",
        "Ban Tuyên giáo",
        "Ban Dân vận",
        "Ban Nội chính",
        "Ủy ban Kiểm tra",
    }
    for slug in SLUGS:
        assert Unit.objects.get(slug=f"{slug}-vp").parent.slug == slug


def test_demo_users_sign_in_with_the_demo_password_and_act_in_their_unit(demo):
    for role in ("vanthu", "lanhdaovp", "chuyenvien", "lanhdao", "quantri"):
        for slug in ("thanhuy", "badinh", "sontay"):
            user = authenticate(username=f"{role}.{slug}", password="vanphong-demo")
            assert user is not None, f"{role}.{slug}"
            assert [(a.unit.slug, a.role.value) for a in actings_for(user)] == [(slug, role)]
            assert user.mobile.startswith("09")
            assert len(user.mobile) == 10
            assert user.email.endswith(".test")
    assert User.objects.get(username="quantri.thanhuy").is_superuser
    assert not User.objects.get(username="quantri.badinh").is_superuser


def test_demo_is_idempotent(demo):
    units, users = Unit.objects.count(), User.objects.count()
    again = demo_load()
    assert (again.units_created, again.users_created) == (0, 0)
    assert (Unit.objects.count(), User.objects.count()) == (units, users)
    assert audit_verify_chain().ok


def test_reorganisation_2025_routes_districts_to_wards_and_keeps_people_working(demo):
    summary = reorg_2025_apply(by=User.objects.get(username="quantri.thanhuy"))
    assert summary.units_created == 127  # 126 wards and communes, and the merged board
    active = Unit.objects.active_on(today())
    assert active.filter(kind="dang_uy_phuong").count() == 51
    assert active.filter(kind="dang_uy_xa").count() == 75
    assert not active.filter(slug__in=SLUGS).exists()
    ba_dinh = Unit.objects.get(slug="badinh")
    assert ba_dinh.full_name == "Quận ủy Ba Đình"  # history keeps the old name
    assert unit_route(ba_dinh).full_name == "Đảng ủy phường Ba Đình"
    assert unit_route(Unit.objects.get(slug="badinh-vp")).slug == "phuong-ba-dinh"
    assert unit_route(Unit.objects.get(slug="thanhuy-btg")).slug == "thanhuy-btgdv"
    clerk = User.objects.get(username="vanthu.badinh")
    assert [(a.unit.slug, a.role.value) for a in actings_for(clerk)] == [
        ("phuong-ba-dinh", "vanthu")
    ]
    assert set(units_visible_to(clerk).values_list("slug", flat=True)) == {
        "phuong-ba-dinh",
        "thanhuy",
    }
    assert audit_verify_chain().ok
    with pytest.raises(Conflict):
        reorg_2025_apply(by=None)


def test_after_the_reorganisation_a_ward_clerk_can_see_the_district_it_took_over(demo):
    reorg_2025_apply(by=None)
    clerk = User.objects.get(username="vanthu.badinh")
    history = set(units_visible_to(clerk, include_closed=True).values_list("slug", flat=True))
    assert {"phuong-ba-dinh", "badinh", "badinh-vp", "thanhuy"} <= history
    assert "hoankiem" not in history
    assert "phuong-ngoc-ha" not in history  # a sibling successor is not the clerk's history


def test_the_scenario_refuses_a_network_that_lacks_a_district(demo):
    from vanphong.org.services import unit_close

    unit_close(by=None, unit=Unit.objects.get(slug="sontay-vp"), effective=today())
    unit_close(by=None, unit=Unit.objects.get(slug="sontay"), effective=today())
    with pytest.raises(Conflict) as error:
        reorg_2025_apply(by=None)
    assert error.value.code == "district_missing"
    assert not Unit.objects.filter(slug="phuong-ba-dinh").exists()


def test_party_numbering_terms_follow_the_committee_and_serve_its_boards(demo):
    import datetime as dt

    from vanphong.org.selectors import term_on

    city, board = Unit.objects.get(slug="thanhuy"), Unit.objects.get(slug="thanhuy-btc")
    assert term_on(city, dt.date(2018, 5, 1)).name.startswith("XVI ")
    assert term_on(board, dt.date(2026, 1, 5)).name.startswith("XVIII")
    assert term_on(Unit.objects.get(slug="badinh"), dt.date(2021, 3, 1)).name == "2020–2025"
    assert term_on(city, dt.date(2010, 1, 1)) is None


def test_the_reorganisation_routes_the_work_given_to_a_district_to_its_ward(demo, run_jobs):
    # The city gives Ba Đình the lead on a document; after 1 July 2025 the ward that took Ba
    # Đình over has it, and Ba Đình's specialist, now of that ward, acts on it.
    from types import SimpleNamespace

    from tests.work.helpers import register
    from vanphong.incoming.processing import incoming_direct
    from vanphong.work.access import can_act

    people = SimpleNamespace(user=lambda name: User.objects.get(username=name))
    incoming = register(people, unit=Unit.objects.get(slug="thanhuy"), clerk="vanthu.thanhuy")
    direction = incoming_direct(
        by=User.objects.get(username="lanhdaovp.thanhuy"),
        incoming=incoming,
        text="Giao Quận ủy Ba Đình chủ trì",
        lead=Unit.objects.get(slug="badinh"),
    )
    reorg_2025_apply(by=None)
    run_jobs()
    routed = direction.assignments.get(assignee_unit__slug="badinh").handed_over_to
    assert routed.assignee_unit.slug == "phuong-ba-dinh"
    assert can_act(User.objects.get(username="chuyenvien.badinh"), routed)
