"""Ủy quyền through the web: delegate, see it on both sides, act in it, revoke it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.web.conftest import follow, messages_of, page
from vanphong.org.models import Delegation, Membership
from vanphong.org.selectors import today
from vanphong.org.services import delegation_grant


def _membership(user, unit):
    return Membership.objects.get(user=user, unit=unit)


def _form(network, grantor, delegate, **overrides):
    data = {
        "membership": _membership(grantor, network.badinh).pk,
        "grantee": delegate.pk,
        "valid_from": today().strftime("%d/%m/%Y"),
        "valid_to": (today() + dt.timedelta(days=4)).strftime("%d/%m/%Y"),
        "reason": "Đi công tác Đà Nẵng",
    }
    data.update(overrides)
    return data


def test_delegation_flow_from_grant_to_revoke(network, login):
    leader, specialist = network.user("lanhdao.badinh"), network.user("chuyenvien.badinh")
    leader_client, specialist_client = login(leader), login(specialist)

    form = page(leader_client, "/delegations/").get("delegation-form")
    roles = {o.text for o in form.find("select", name="membership").find_all("option")}
    assert roles == {"Quận ủy Ba Đình — Lãnh đạo"}
    people = {o.text for o in form.find("select", name="grantee").find_all("option")}
    assert "Người chuyenvien.badinh (chuyenvien.badinh)" in people
    assert not any("hoankiem" in p or "lanhdao.badinh" in p for p in people)

    landing = follow(
        leader_client.post("/delegations/", _form(network, leader, specialist), follow=True)
    )
    last_day = (today() + dt.timedelta(days=4)).strftime("%d/%m/%Y")
    assert messages_of(landing) == [
        "Người chuyenvien.badinh được ủy quyền làm Lãnh đạo của Quận ủy Ba Đình "
        f"đến hết ngày {last_day}."
    ]
    given = landing.get("given").find("tbody").find_all("tr")
    assert len(given) == 1
    assert given[0].attrs["data-state"] == "active"
    assert "Đi công tác Đà Nẵng" in given[0].text
    delegation = Delegation.objects.get()
    assert delegation.valid_to.astimezone(timezone.get_current_timezone()).time() == dt.time(
        23, 59, 59
    )

    received = page(specialist_client, "/delegations/").get("received").find("tbody")
    assert "Người lanhdao.badinh" in received.text
    assert received.find("tr").attrs["data-state"] == "active"
    specialist_client.post("/acting/", {"key": f"d{delegation.pk}"})
    assert "Lãnh đạo" in page(specialist_client, "/").get("current-unit").text

    landing = follow(leader_client.post(f"/delegations/{delegation.pk}/revoke/", follow=True))
    assert messages_of(landing) == ["Đã thu hồi ủy quyền cho Người chuyenvien.badinh."]
    assert landing.get("given").find("tr", data_state="revoked") is not None
    assert page(specialist_client, "/").get("current-unit").text == (
        "Quận ủy Ba Đình · Chuyên viên"
    )


@pytest.mark.parametrize(
    ("overrides", "field", "error"),
    [
        ({"reason": ""}, "reason", "Trường này là bắt buộc."),
        ({"valid_to": "2020-01-01"}, "valid_to", "Ngày cuối cùng trước ngày bắt đầu."),
        ({"valid_from": "2020-01-01"}, "valid_from", "Không thể ủy quyền từ một ngày đã qua."),
        ({"valid_to": "không-phải-ngày"}, "valid_to", "Nhập một ngày hợp lệ."),
        ({"grantee": "999999"}, "grantee", "Hãy chọn một lựa chọn hợp lệ."),
    ],
)
def test_bad_input_is_answered_on_the_form(network, login, overrides, field, error):
    leader = network.user("lanhdao.badinh")
    data = _form(network, leader, network.user("chuyenvien.badinh"), **overrides)
    response = login(leader).post("/delegations/", data)
    assert response.status_code == 200
    form = page_of(response).get("delegation-form")
    widget = form.find(name=field)
    assert widget.attrs.get("aria-invalid") == "true"
    assert error in form.find("small", id=f"id_{field}_error").text
    assert not Delegation.objects.exists()


def page_of(response):
    from tests.web.dom import parse

    return parse(response.content)


def test_refusals_of_the_service_are_shown_on_the_form(network, login):
    leader = network.user("lanhdao.badinh")
    client = login(leader)
    too_long = _form(
        network,
        leader,
        network.user("chuyenvien.badinh"),
        valid_to=(today() + dt.timedelta(days=400)).isoformat(),
    )
    errors = page_of(client.post("/delegations/", too_long)).get("form-errors").text
    assert errors == "Một ủy quyền chỉ được kéo dài tối đa một năm."
    assert not Delegation.objects.exists()


def test_a_role_of_someone_else_cannot_be_delegated(network, login):
    leader = network.user("lanhdao.badinh")
    data = _form(network, leader, network.user("chuyenvien.badinh"))
    data["membership"] = _membership(network.user("lanhdao.hoankiem"), network.hoankiem).pk
    form = page_of(login(leader).post("/delegations/", data)).get("delegation-form")
    assert form.find("select", name="membership").attrs.get("aria-invalid") == "true"
    assert not Delegation.objects.exists()


def _delegation(network):
    leader = network.user("lanhdao.badinh")
    now = timezone.now()
    return delegation_grant(
        by=leader,
        grantor=leader,
        grantee=network.user("chuyenvien.badinh"),
        unit=network.badinh,
        role="lanhdao",
        valid_from=now,
        valid_to=now + dt.timedelta(days=2),
        reason="Nghỉ phép",
    )


def test_only_the_delegator_or_an_administrator_may_revoke(network, login):
    delegation = _delegation(network)
    url = f"/delegations/{delegation.pk}/revoke/"
    # The delegate can see the delegation but not end it; a stranger does not learn it exists.
    assert login(network.user("chuyenvien.badinh")).post(url).status_code == 403
    assert login(network.user("vanthu.hoankiem")).post(url).status_code == 404
    delegation.refresh_from_db()
    assert delegation.revoked_at is None

    landing = follow(login(network.user("quantri.badinh")).post(url, follow=True))
    assert messages_of(landing) == ["Đã thu hồi ủy quyền cho Người chuyenvien.badinh."]
    delegation.refresh_from_db()
    assert delegation.revoked_at is not None


def test_revoking_twice_says_it_is_already_revoked(network, login):
    delegation = _delegation(network)
    client = login(network.user("lanhdao.badinh"))
    follow(client.post(f"/delegations/{delegation.pk}/revoke/", follow=True))
    landing = follow(client.post(f"/delegations/{delegation.pk}/revoke/", follow=True))
    assert messages_of(landing) == ["Ủy quyền này đã bị thu hồi."]


def test_someone_without_a_role_has_nothing_to_delegate(login, superuser):
    delegations = page(login(superuser), "/delegations/")
    assert not delegations.has("delegation-form")
    assert "Bạn không giữ vai trò nào của riêng mình để ủy quyền." in delegations.text


def test_the_lists_cost_the_same_queries_however_many_delegations(network, login):
    client = login(network.user("lanhdao.badinh"))

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/delegations/").status_code == 200
        return len(queries)

    _delegation(network)
    before = count()
    for _ in range(5):
        _delegation(network)
    assert count() == before
