"""The home page: who I am, where I act, and what roles I have."""

from __future__ import annotations

from tests.web.conftest import page
from tests.web.dom import parse
from vanphong.org.services import user_create


def test_anonymous_visitor_is_sent_to_the_login_page(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/"


def test_home_greets_the_person_and_shows_their_unit_card(network, login):
    home = page(login(network.user("vanthu.badinh")), "/")
    assert home.find("h1").text == "Xin chào, Người vanthu.badinh"
    assert home.get("current-unit").text == "Quận ủy Ba Đình · Văn thư"
    card = home.get("unit-card").text
    assert "Thành ủy Hà Nội" in card  # the parent unit
    assert "QU" in card
    assert "000.00.11.T26" in card
    assert "/units/badinh/" in home.get("unit-card").links()
    roles = home.get("my-roles").text
    assert "Quận ủy Ba Đình — Văn thư" in roles


def test_home_lists_every_role_and_offers_to_switch_to_the_others(network, login):
    from vanphong.org.services import membership_grant

    clerk = network.user("vanthu.badinh")
    membership_grant(by=None, user=clerk, unit=network.board, role="chuyenvien")
    roles = page(login(clerk), "/").get("my-roles")
    assert "Ban Tổ chức — Chuyên viên" in roles.text
    # One switch button: the current role is marked, not offered.
    assert len(roles.find_all("button")) == 1
    assert roles.find("strong", aria_current="true").text == "Quận ủy Ba Đình — Văn thư"


def test_person_without_a_role_is_told_to_ask_an_administrator(db, login):
    newcomer = user_create(by=None, username="moi", full_name="Người Mới", password="x-y-z-123")
    home = page(login(newcomer), "/")
    assert not home.has("current-unit")
    assert "quản trị" in home.find("main").text


def test_a_form_sent_without_its_security_token_gets_an_explanation(network):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(network.user("vanthu.badinh"))
    response = client.post("/acting/", {"key": "m1"})
    assert response.status_code == 403
    assert parse(response.content).find("h1").text == "Biểu mẫu đã hết hạn"
