"""Applying the demo network's 2025 reorganisation from the administration area."""

from __future__ import annotations

import pytest

from tests.web.conftest import follow, messages_of, page
from vanphong.org.demo import demo_load
from vanphong.org.models import Unit
from vanphong.org.selectors import today
from vanphong.org.services import membership_grant, user_create

pytestmark = pytest.mark.slow


@pytest.fixture
def demo(db):
    demo_load()


def _user(username):
    from vanphong.org.models import User

    return User.objects.get(username=username)


def test_plan_lists_every_district_with_its_successors_and_the_primary_marked(demo, login):
    plan = page(login(_user("quantri.thanhuy")), "/manage/reorg-2025/")
    rows = plan.get("reorg-plan").find("tbody").find_all("tr")
    assert len(rows) == 30
    badinh = rows[0]
    assert badinh.find("th").text == "Quận ủy Ba Đình"
    assert badinh.find("strong").text == "Đảng ủy phường Ba Đình"
    assert "Đảng ủy phường Ngọc Hà" in badinh.text
    assert "chính" in badinh.text
    assert "Ban Tuyên giáo Thành ủy, Ban Dân vận Thành ủy" in plan.text
    assert plan.has("reorg-apply")


def test_superuser_applies_it_once_with_confirmation(demo, login):
    client = login(_user("quantri.thanhuy"))  # the demo's instance administrator

    refused = follow(client.post("/manage/reorg-2025/", {}, follow=True))
    assert messages_of(refused) == ["Hãy đánh dấu ô xác nhận để áp dụng việc sắp xếp tổ chức."]
    assert Unit.objects.active_on(today()).filter(slug="badinh").exists()

    applied = follow(client.post("/manage/reorg-2025/", {"confirm": "yes"}, follow=True))
    assert messages_of(applied) == [
        "Đã áp dụng việc sắp xếp tổ chức năm 2025: thành lập 127 đơn vị, "
        "chuyển 156 vai trò sang các đơn vị kế thừa."
    ]
    assert not Unit.objects.active_on(today()).filter(slug="badinh").exists()
    assert Unit.objects.get(slug="badinh").successor.slug == "phuong-ba-dinh"
    assert applied.get("reorg-status").text == "Việc sắp xếp tổ chức năm 2025 đã được áp dụng."
    assert not applied.has("reorg-apply")

    again = follow(client.post("/manage/reorg-2025/", {"confirm": "yes"}, follow=True))
    assert messages_of(again) == ["Việc sắp xếp tổ chức năm 2025 đã được áp dụng."]


def test_the_administrator_of_thanh_uy_may_apply_it_too(demo, login):
    city_admin = user_create(by=None, username="qt2", full_name="Quản trị Hai", password="x1-y2-z3")
    membership_grant(
        by=None, user=city_admin, unit=Unit.objects.get(slug="thanhuy"), role="quantri"
    )
    client = login(city_admin)
    assert page(client, "/manage/reorg-2025/").has("reorg-apply")
    client.post("/manage/reorg-2025/", {"confirm": "yes"})
    assert Unit.objects.filter(slug="phuong-ba-dinh").exists()


def test_a_district_administrator_sees_the_plan_but_may_not_apply_it(demo, login):
    client = login(_user("quantri.badinh"))
    plan = page(client, "/manage/reorg-2025/")
    assert not plan.has("reorg-apply")
    assert plan.get("reorg-status").text == (
        "Chỉ quản trị viên của Thành ủy mới được áp dụng việc sắp xếp tổ chức."
    )
    assert client.post("/manage/reorg-2025/", {"confirm": "yes"}).status_code == 403
    assert not Unit.objects.filter(slug="phuong-ba-dinh").exists()


def test_without_the_demo_network_the_page_explains_instead_of_failing(network, login, superuser):
    client = login(superuser)
    plan = page(client, "/manage/reorg-2025/")
    assert not plan.has("reorg-apply")
    assert "Chưa nạp mạng lưới trình diễn" in plan.get("reorg-status").text
    landing = follow(client.post("/manage/reorg-2025/", {"confirm": "yes"}, follow=True))
    [message] = messages_of(landing)
    assert message.startswith("Chưa nạp mạng lưới trình diễn (thiếu: tayho")
    assert not Unit.objects.filter(slug="phuong-ba-dinh").exists()
