"""The page of saved recipient groups: the list, creating and changing a group through
recipient_group_save, its refusals as messages, and who may open it."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.org.reads import roles_read
from tests.web.dom import parse
from vanphong.outgoing.models import RecipientGroup
from vanphong.outgoing.services import recipient_group_save

URL = "/outgoing/groups/"

pytestmark = pytest.mark.django_db


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def boxes(page) -> dict[str, bool]:
    """Unit id → ticked, for every box of the form's unit tree."""
    form = parse(page.content).get("group-form")
    return {
        i.attrs["value"]: "checked" in i.attrs
        for i in form.find_all("input", type="checkbox", name="units")
    }


def messages_of(response) -> list[str]:
    page = parse(response.content)
    return [p.text for p in page.find_all("p") if "message" in p.attrs.get("class", "").split()]


def test_the_url_is_named(db):
    assert reverse("outgoing:groups") == URL


@pytest.mark.parametrize("username", ["vanthu.thanhuy", "lanhdaovp.thanhuy", "quantri.thanhuy"])
def test_the_page_offers_the_units_of_the_tree_but_not_the_unit_itself(network, username):
    response = login(network.user(username)).get(URL)
    assert response.status_code == 200
    page = parse(response.content)
    assert page.has("groups-empty")
    offered = boxes(response)
    assert str(network.badinh.pk) in offered
    assert str(network.hoankiem.pk) in offered
    assert str(network.city.pk) not in offered
    assert not any(offered.values())
    # The tree: the districts come after the city's board, indented under the city.
    labels = parse(response.content).get("unit-choices").find_all("label")
    assert any("Quận ủy Ba Đình" in label.text for label in labels)


def test_creating_a_group(network):
    client = login(network.user("vanthu.thanhuy"))
    units = [network.badinh.pk, network.hoankiem.pk]
    response = client.post(URL, {"name": "  Các quận ủy ", "units": units})
    assert response.status_code == 302
    assert response["Location"] == URL
    group = RecipientGroup.objects.get(owner=network.city)
    assert group.name == "Các quận ủy"
    assert set(group.units.values_list("pk", flat=True)) == set(units)
    page = client.get(URL)
    assert len(messages_of(page)) == 1  # saved
    table = parse(page.content).get("groups")
    assert "Các quận ủy" in table.text
    assert "Quận ủy Ba Đình" in table.text
    assert "Quận ủy Hoàn Kiếm" in table.text


def test_changing_a_group(network):
    group = recipient_group_save(
        by=None, owner=network.city, name="Các quận", units=[network.badinh]
    )
    client = login(network.user("lanhdaovp.thanhuy"))
    response = client.get(URL, {"edit": group.pk})
    assert response.status_code == 200
    form = parse(response.content).get("group-form")
    assert form.find("input", name="name").attrs["value"] == "Các quận"
    assert form.find("input", name="group").attrs["value"] == str(group.pk)
    ticked = {pk for pk, on in boxes(response).items() if on}
    assert ticked == {str(network.badinh.pk)}
    response = client.post(
        URL, {"group": group.pk, "name": "Hai quận", "units": [network.hoankiem.pk]}
    )
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.name == "Hai quận"
    assert list(group.units.all()) == [network.hoankiem]
    assert RecipientGroup.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "code"),
    [
        ({"name": "", "units": ["BADINH"]}, "name"),
        ({"name": "Nhóm", "units": []}, "units"),
        ({"name": "Nhóm", "units": ["abc"]}, "unknown"),
        ({"name": "Nhóm", "units": ["99999999"]}, "unknown"),
        ({"name": "x" * 151, "units": ["BADINH"]}, "name"),
        ({"name": "Đã có", "units": ["BADINH"]}, "duplicate"),
    ],
)
def test_refusals_are_told_in_a_message_and_the_form_keeps_what_was_typed(network, data, code):
    recipient_group_save(by=None, owner=network.city, name="Đã có", units=[network.hoankiem])
    units = [str(network.badinh.pk) if u == "BADINH" else u for u in data["units"]]
    response = login(network.user("vanthu.thanhuy")).post(URL, {**data, "units": units})
    assert response.status_code == 200
    assert len(messages_of(response)) == 1, code
    assert RecipientGroup.objects.count() == 1
    form = parse(response.content).get("group-form")
    assert form.find("input", name="name").attrs["value"] == data["name"]
    if "BADINH" in data["units"]:
        assert boxes(response)[str(network.badinh.pk)] is True


def test_the_groups_of_another_unit_are_not_found(network):
    other = recipient_group_save(
        by=None, owner=network.badinh, name="Các phường", units=[network.hoankiem]
    )
    client = login(network.user("vanthu.thanhuy"))
    assert client.get(URL, {"edit": other.pk}).status_code == 404
    response = client.post(URL, {"group": other.pk, "name": "Của tôi", "units": [other.pk]})
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.name == "Các phường"


@pytest.mark.parametrize("username", ["chuyenvien.thanhuy", "chuyenvien.badinh"])
def test_specialists_are_refused(network, username):
    client = login(network.user(username))
    assert client.get(URL).status_code == 403
    response = client.post(URL, {"name": "Nhóm", "units": [network.hoankiem.pk]})
    assert response.status_code == 403
    assert not RecipientGroup.objects.exists()


def test_each_unit_manages_its_own_groups(network):
    recipient_group_save(by=None, owner=network.city, name="Của Thành ủy", units=[network.badinh])
    response = login(network.user("lanhdao.badinh")).get(URL)
    assert response.status_code == 200
    page = parse(response.content)
    assert page.has("groups-empty")  # Ba Đình has none; the city's are not shown


def test_signing_in_comes_first(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def _count(client: Client) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(URL)
    assert response.status_code == 200
    return len(captured)


def test_queries_do_not_grow_with_the_groups(network):
    client = login(network.user("vanthu.thanhuy"))
    recipient_group_save(by=None, owner=network.city, name="Nhóm 1", units=[network.badinh])
    _count(client)
    few = _count(client)
    for n in range(2, 6):
        recipient_group_save(
            by=None,
            owner=network.city,
            name=f"Nhóm {n}",
            units=[network.badinh, network.hoankiem],
        )
    assert _count(client) == few


def test_the_page_reads_the_persons_roles_once(network):
    client = login(network.user("vanthu.thanhuy"))
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL).status_code == 200
    assert roles_read(captured) == 1
