"""The administration area: who gets in, and what the overview shows them."""

from __future__ import annotations

import pytest

from tests.web.conftest import page


def _nav(node):
    return [a.text for a in node.find("nav", aria_label="Phân hệ").find_all("a")]


@pytest.mark.parametrize("username", ["vanthu.thanhuy", "lanhdao.badinh", "chuyenvien.hoankiem"])
def test_people_who_do_not_administer_are_kept_out(network, login, username):
    client = login(network.user(username))
    assert "Quản trị" not in _nav(page(client, "/"))
    for url in ("/manage/", "/manage/reorg-2025/", "/manage/jobs/", "/manage/audit/"):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "Không được phép" in response.content.decode()


def test_a_unit_administrator_gets_the_overview_without_the_job_queue(network, login):
    client = login(network.user("quantri.badinh"))
    home = page(client, "/")
    assert "Quản trị" in _nav(home)
    overview = page(client, "/manage/")
    assert not overview.has("jobs-card")
    assert "/manage/jobs/" not in overview.links()
    assert "Bạn quản trị 1 đơn vị." in overview.text
    assert client.get("/manage/jobs/").status_code == 403


def test_the_city_administrator_and_superusers_see_the_job_counts(network, login, superuser):
    for user in (network.user("quantri.thanhuy"), superuser):
        overview = page(login(user), "/manage/")
        assert overview.get("jobs-failed").text == "0"
        assert overview.get("jobs-retrying").text == "0"
        assert "/manage/jobs/" in overview.links()


def test_administration_follows_the_role_one_acts_in(network, login):
    from vanphong.org.models import Membership
    from vanphong.org.services import membership_grant

    admin = network.user("quantri.badinh")
    clerk = membership_grant(by=None, user=admin, unit=network.hoankiem, role="vanthu")
    client = login(admin)
    assert client.get("/manage/").status_code == 200
    client.post("/acting/", {"key": f"m{clerk.pk}"})
    assert client.get("/manage/").status_code == 403
    own = Membership.objects.get(user=admin, unit=network.badinh)
    client.post("/acting/", {"key": f"m{own.pk}"})
    assert client.get("/manage/").status_code == 200
