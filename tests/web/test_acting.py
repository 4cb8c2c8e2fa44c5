"""The unit/role switcher in the header: own roles, delegated roles, and stale choices."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tests.web.conftest import follow, messages_of, page
from vanphong.org.services import delegation_grant, delegation_revoke, membership_grant


def _options(node):
    select = node.find("select", id="acting-select")
    return {o.attrs["value"]: o.text for o in select.find_all("option")}, select.find(
        "option", selected=True
    ).attrs["value"]


def test_switching_to_another_own_role_changes_the_current_unit(network, login):
    clerk = network.user("vanthu.badinh")
    second = membership_grant(by=None, user=clerk, unit=network.board, role="chuyenvien")
    client = login(clerk)
    options, selected = _options(page(client, "/"))
    assert options[f"m{second.pk}"] == "Ban Tổ chức — Chuyên viên"
    assert selected != f"m{second.pk}"

    response = client.post("/acting/", {"key": f"m{second.pk}", "next": "/units/"}, follow=True)
    assert response.redirect_chain == [("/units/", 302)]
    home = page(client, "/")
    assert home.get("current-unit").text == "Ban Tổ chức Thành ủy · Chuyên viên"
    assert _options(home)[1] == f"m{second.pk}"


def test_a_delegated_role_appears_as_an_option_and_can_be_acted_in(network, login):
    leader, specialist = network.user("lanhdao.badinh"), network.user("chuyenvien.badinh")
    now = timezone.now()
    delegation = delegation_grant(
        by=leader,
        grantor=leader,
        grantee=specialist,
        unit=network.badinh,
        role="lanhdao",
        valid_from=now,
        valid_to=now + dt.timedelta(days=3),
        reason="Nghỉ phép",
    )
    client = login(specialist)
    options, _ = _options(page(client, "/"))
    assert options[f"d{delegation.pk}"] == (
        "Quận ủy Ba Đình — Lãnh đạo (do Người lanhdao.badinh ủy quyền)"
    )
    client.post("/acting/", {"key": f"d{delegation.pk}"})
    assert page(client, "/").get("current-unit").text == "Quận ủy Ba Đình · Lãnh đạo"

    # Once revoked, the delegated role is gone at the next page, not at the next login.
    delegation_revoke(by=leader, delegation=delegation)
    home = page(client, "/")
    assert f"d{delegation.pk}" not in _options(home)[0]
    assert home.get("current-unit").text == "Quận ủy Ba Đình · Chuyên viên"


def test_a_role_one_does_not_hold_cannot_be_chosen(network, login):
    other = membership_grant(
        by=None, user=network.user("vanthu.hoankiem"), unit=network.board, role="vanthu"
    )
    client = login(network.user("vanthu.badinh"))
    landing = follow(client.post("/acting/", {"key": f"m{other.pk}"}, follow=True))
    assert messages_of(landing) == ["Vai trò này không còn dành cho bạn."]
    assert landing.get("current-unit").text == "Quận ủy Ba Đình · Văn thư"


def test_switching_never_redirects_to_another_site(network, login):
    client = login(network.user("vanthu.badinh"))
    response = client.post("/acting/", {"key": "m0", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_switching_needs_a_post(network, login):
    assert login(network.user("vanthu.badinh")).get("/acting/").status_code == 405
