"""The organisation API: who am I (``/me``), which units may I see (``/units``), and the API's
behaviour at its edges (errors, schema, health)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.api.helpers import API, assert_json_error, bearer
from vanphong.org.models import Membership
from vanphong.org.roles import Role
from vanphong.org.services import (
    delegation_grant,
    membership_grant,
    unit_close,
    unit_create,
    unit_rename,
    user_create,
)

SINCE = dt.date(2015, 1, 1)


@pytest.fixture
def superuser(network):
    return user_create(by=None, username="root", full_name="Quản trị hệ thống", is_superuser=True)


def get(client, path, user=None, **params):
    headers = bearer(user) if user is not None else {}
    return client.get(f"{API}{path}", params, headers=headers)


def slugs(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [u["slug"] for u in response.json()]


# /me ------------------------------------------------------------------------------------------


def test_me_lists_the_callers_own_role(client, network):
    body = get(client, "/me", network.user("vanthu.badinh")).json()
    assert body["username"] == "vanthu.badinh"
    membership = Membership.objects.get(user=network.user("vanthu.badinh"))
    assert body["roles"] == [
        {
            "key": f"m{membership.pk}",
            "unit": "badinh",
            "unit_name": "Quận ủy Ba Đình",
            "role": "vanthu",
            "role_label": body["roles"][0]["role_label"],
            "position": "",
            "delegated_by": None,
            "delegated_until": None,
        }
    ]
    assert body["roles"][0]["role_label"]
    assert body["acting"] == f"m{membership.pk}"


@pytest.fixture
def signing_delegated(network):
    """The Ba Đình leader lets the Ba Đình specialist sign for a week (ủy quyền)."""
    leader = network.user("lanhdao.badinh")
    now = timezone.now()
    return delegation_grant(
        by=leader,
        grantor=leader,
        grantee=network.user("chuyenvien.badinh"),
        unit=network.badinh,
        role=Role.LANHDAO,
        valid_from=now - dt.timedelta(minutes=1),
        valid_to=now + dt.timedelta(days=7),
        reason="Đi công tác nước ngoài",
    )


def test_me_lists_a_delegated_role_with_who_delegated_it_and_until_when(
    client, network, signing_delegated
):
    body = get(client, "/me", network.user("chuyenvien.badinh")).json()
    assert [(r["unit"], r["role"], r["delegated_by"]) for r in body["roles"]] == [
        ("badinh", "chuyenvien", None),
        ("badinh", "lanhdao", "lanhdao.badinh"),
    ]
    until = dt.datetime.fromisoformat(body["roles"][1]["delegated_until"])
    assert abs(until - signing_delegated.valid_to) < dt.timedelta(milliseconds=1)
    assert body["acting"] == body["roles"][0]["key"], "own role first unless another is chosen"


def test_the_acting_header_chooses_a_delegated_role(client, network, signing_delegated):
    headers = {
        **bearer(network.user("chuyenvien.badinh")),
        "X-Vanphong-Acting": f"d{signing_delegated.pk}",
    }
    body = client.get(f"{API}/me", headers=headers).json()
    assert body["acting"] == f"d{signing_delegated.pk}"


def test_the_acting_header_cannot_borrow_someone_elses_role(client, network):
    leaders_role = Membership.objects.get(user=network.user("lanhdao.badinh"))
    headers = {
        **bearer(network.user("chuyenvien.badinh")),
        "X-Vanphong-Acting": f"m{leaders_role.pk}",
    }
    body = client.get(f"{API}/me", headers=headers).json()
    own = Membership.objects.get(user=network.user("chuyenvien.badinh"))
    assert body["acting"] == f"m{own.pk}"
    assert [r["role"] for r in body["roles"]] == ["chuyenvien"]


def test_a_revoked_delegation_disappears_from_me_at_once(client, network, signing_delegated):
    from vanphong.org.services import delegation_revoke

    delegation_revoke(by=network.user("lanhdao.badinh"), delegation=signing_delegated)
    body = get(client, "/me", network.user("chuyenvien.badinh")).json()
    assert [r["role"] for r in body["roles"]] == ["chuyenvien"]


# /units ---------------------------------------------------------------------------------------


def test_a_district_clerk_sees_their_district_and_the_city_above_it(client, network):
    assert slugs(get(client, "/units", network.user("vanthu.badinh"))) == ["thanhuy", "badinh"]


def test_the_city_clerk_sees_the_whole_city_tree(client, network):
    assert set(slugs(get(client, "/units", network.user("vanthu.thanhuy")))) == {
        "thanhuy",
        "thanhuy-btc",
        "badinh",
        "hoankiem",
    }


def test_the_instance_administrator_sees_every_unit(client, network, superuser):
    unit_create(by=None, slug="hcm", kind="thanh_uy", full_name="Thành ủy TP Hồ Chí Minh")
    assert set(slugs(get(client, "/units", superuser))) == {
        "thanhuy",
        "thanhuy-btc",
        "badinh",
        "hoankiem",
        "hcm",
    }


def test_a_person_without_a_role_sees_no_unit(client, network):
    loner = user_create(by=None, username="khach", full_name="Khách")
    assert slugs(get(client, "/units", loner)) == []


def test_units_come_parents_first_with_what_a_client_needs(client, network):
    units = get(client, "/units", network.user("vanthu.badinh")).json()
    city, badinh = units
    assert badinh == {
        "slug": "badinh",
        "full_name": "Quận ủy Ba Đình",
        "short_name": "Quận ủy Ba Đình",
        "kind": "quan_uy",
        "kind_label": badinh["kind_label"],
        "issuer_code": "QU",
        "organ_id": "000.00.11.T26",
        "parent": "thanhuy",
        "depth": 1,
        "valid_from": "2015-01-01",
        "valid_to": None,
        "successor": None,
        "active": True,
    }
    assert (city["slug"], city["parent"], city["depth"]) == ("thanhuy", None, 0)


def test_a_closed_unit_shows_only_when_asked_with_its_successor(client, network, superuser):
    unit_close(
        by=superuser, unit=network.hoankiem, successor=network.badinh, effective=dt.date(2025, 7, 1)
    )
    assert "hoankiem" not in slugs(get(client, "/units", superuser))
    units = get(client, "/units", superuser, include_closed="true").json()
    closed = next(u for u in units if u["slug"] == "hoankiem")
    assert (closed["active"], closed["successor"], closed["valid_to"]) == (
        False,
        "badinh",
        "2025-06-30",
    )
    assert slugs(get(client, "/units", superuser, include_closed="false")) == slugs(
        get(client, "/units", superuser)
    )


def test_a_district_clerk_does_not_see_a_closed_neighbour_even_when_asking(client, network):
    unit_close(by=None, unit=network.hoankiem, effective=dt.date(2025, 7, 1))
    clerk = network.user("vanthu.badinh")
    assert slugs(get(client, "/units", clerk, include_closed="true")) == ["thanhuy", "badinh"]


def test_one_unit_comes_with_its_history(client, network):
    unit_rename(
        by=None,
        unit=network.badinh,
        full_name="Đảng ủy Quận Ba Đình",
        issuer_code="ĐU",
        effective=dt.date(2020, 1, 1),
    )
    body = get(client, "/units/badinh", network.user("vanthu.badinh")).json()
    assert (body["full_name"], body["issuer_code"]) == ("Đảng ủy Quận Ba Đình", "ĐU")
    assert [(v["valid_from"], v["valid_to"], v["issuer_code"]) for v in body["history"]] == [
        ("2015-01-01", "2019-12-31", "QU"),
        ("2020-01-01", None, "ĐU"),
    ]
    assert {"address", "email", "phone", "website"} <= set(body)


@pytest.mark.parametrize(
    "slug", ["hoankiem", "thanhuy-btc", "khong-ton-tai", "BADINH", "%00", "badinh%00", "x" * 300]
)
def test_a_unit_the_caller_may_not_see_or_that_does_not_exist_is_404_json(client, network, slug):
    response = client.get(f"{API}/units/{slug}", headers=bearer(network.user("vanthu.badinh")))
    assert_json_error(response, 404, "unit_not_found")


# Errors, schema, health -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        f"{API}/khong-co",
        f"{API}/units/badinh/members/extra",
        f"{API}/units/",
        "/api/v2/units",
        "/api/",
        f"{API}/me/",
    ],
)
def test_an_unknown_api_path_is_404_json_not_an_html_page(client, network, path):
    for headers in ({}, bearer(network.user("vanthu.badinh"))):
        assert_json_error(client.get(path, headers=headers), 404, "not_found")


def test_a_wrong_method_is_405_json(client, network):
    response = client.post(f"{API}/units", headers=bearer(network.user("vanthu.badinh")))
    assert_json_error(response, 405, "method_not_allowed")
    assert "GET" in response["Allow"]


@pytest.mark.parametrize("value", ["maybe", "", "2", "tru e"])
def test_a_bad_query_value_is_422_json_naming_the_field(client, network, value):
    response = get(client, "/units", network.user("vanthu.badinh"), include_closed=value)
    body = assert_json_error(response, 422, "validation_error")
    assert "include_closed" in body["detail"]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("vi", "include_closed: Hãy nhập true hoặc false."),
        ("en", "include_closed: Give true or false."),
    ],
)
def test_a_bad_query_value_is_explained_in_the_requests_language(
    client, network, language, expected
):
    # Pydantic writes English; the API says what it wants in the language of the request, as
    # its own messages do, and keeps pydantic's type of error for programs.
    response = client.get(
        f"{API}/units",
        {"include_closed": "maybe"},
        headers={**bearer(network.user("vanthu.badinh")), "Accept-Language": language},
    )
    body = assert_json_error(response, 422, "validation_error")
    assert body["detail"] == expected
    assert body["errors"] == [
        {"loc": ["query", "include_closed"], "msg": expected.split(": ")[1], "type": "bool_parsing"}
    ]


def test_validation_messages_take_their_values_from_the_error_or_keep_pydantics():
    from django.utils import translation

    from vanphong.api.urls import _message

    with translation.override("en"):
        assert (
            _message(
                {
                    "type": "enum",
                    "msg": "x",
                    "ctx": {"expected": "'draft', 'issued' or 'cancelled'"},
                }
            )
            == "Give one of: 'draft', 'issued', 'cancelled'."
        )
        assert _message({"type": "string_too_long", "msg": "x", "ctx": {"max_length": 200}}) == (
            "Give at most 200 characters."
        )
        # A type not known here, a template whose value is missing, a validator's own words.
        assert _message({"type": "url_parsing", "msg": "Input should be a URL"}) == (
            "Input should be a URL"
        )
        assert _message({"type": "string_too_long", "msg": "Too long"}) == "Too long"
        assert _message({"type": "value_error", "msg": "Value error, Ngày sai"}) == "Ngày sai"


def test_the_openapi_schema_lists_the_endpoints_and_the_bearer_scheme(client):
    response = client.get(f"{API}/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert {"title", "version"} <= set(schema["info"])
    assert {f"{API}/units", f"{API}/units/{{slug}}", f"{API}/me"} <= set(schema["paths"])
    schemes = schema["components"]["securitySchemes"].values()
    assert {"type": "http", "scheme": "bearer"} in [
        {k: s[k] for k in ("type", "scheme") if k in s} for s in schemes
    ]
    units = schema["paths"][f"{API}/units"]["get"]
    assert units["security"], "the unit list is not public"
    assert any(p["name"] == "include_closed" for p in units["parameters"])
    assert_every_reference_resolves(schema)


def assert_every_reference_resolves(schema: dict) -> None:
    def walk(node):
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str):
                target = schema
                for part in ref.removeprefix("#/").split("/"):
                    assert part in target, f"dangling reference {ref}"
                    target = target[part]
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert operation.get("responses"), f"{method.upper()} {path} documents no response"


def test_healthz_says_ok(client, db):
    response = client.get("/healthz")
    assert (response.status_code, response.json()) == (200, {"status": "ok"})


# Query counts ---------------------------------------------------------------------------------


def add_units(parent, count: int, *, start: int = 0, close_some: bool = True) -> None:
    """``count`` ward committees under ``parent``; every third one closed into ``parent``."""
    for i in range(start, start + count):
        unit = unit_create(
            by=None,
            slug=f"{parent.slug}-p{i}",
            kind="dang_uy_phuong",
            full_name=f"Đảng ủy Phường {i}",
            parent=parent,
            valid_from=SINCE,
        )
        if close_some and i % 3 == 2:
            unit_close(by=None, unit=unit, successor=parent, effective=dt.date(2025, 7, 1))


def count_queries(client, path: str, headers: dict) -> int:
    client.get(path, headers=headers)  # first use of a token records it: not part of the count
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, headers=headers)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("who", ["vanthu.badinh", "superuser"])
@pytest.mark.parametrize("path", ["/units", "/units?include_closed=true"])
def test_listing_units_takes_as_many_queries_for_60_units_as_for_5(
    client, network, superuser, who, path, django_assert_max_num_queries
):
    user = superuser if who == "superuser" else network.user(who)
    headers = bearer(user)
    add_units(network.badinh, 5)
    few = count_queries(client, f"{API}{path}", headers)
    add_units(network.badinh, 55, start=5)
    assert len(client.get(f"{API}{path}", headers=headers).json()) > 40
    with django_assert_max_num_queries(few):
        client.get(f"{API}{path}", headers=headers)


def test_me_takes_as_many_queries_for_ten_roles_as_for_one(
    client, network, django_assert_max_num_queries
):
    clerk = network.user("chuyenvien.badinh")
    headers = bearer(clerk)
    now = timezone.now()

    def delegate(grantor: str, role: Role) -> None:
        delegation_grant(
            by=network.user(grantor),
            grantor=network.user(grantor),
            grantee=clerk,
            unit=network.badinh,
            role=role,
            valid_from=now,
            valid_to=now + dt.timedelta(days=1),
            reason="Nghỉ phép",
        )

    # (A delegation costs one query more, whether there is one or several.)
    delegate("lanhdao.badinh", Role.LANHDAO)
    few = count_queries(client, f"{API}/me", headers)
    add_units(network.badinh, 9, close_some=False)
    for unit in network.badinh.children.all():
        membership_grant(by=None, user=clerk, unit=unit, role=Role.CHUYENVIEN, valid_from=SINCE)
    delegate("vanthu.badinh", Role.VANTHU)
    assert len(client.get(f"{API}/me", headers=headers).json()["roles"]) == 12
    with django_assert_max_num_queries(few):
        client.get(f"{API}/me", headers=headers)


def test_one_unit_takes_as_many_queries_with_ten_versions_as_with_one(
    client, network, django_assert_max_num_queries
):
    headers = bearer(network.user("vanthu.badinh"))
    few = count_queries(client, f"{API}/units/badinh", headers)
    for year in range(2016, 2025):
        unit_rename(
            by=None,
            unit=network.badinh,
            full_name=f"Quận ủy Ba Đình ({year})",
            effective=dt.date(year, 1, 1),
        )
    assert len(client.get(f"{API}/units/badinh", headers=headers).json()["history"]) == 10
    with django_assert_max_num_queries(few):
        client.get(f"{API}/units/badinh", headers=headers)


def test_healthz_answers_head_requests_for_load_balancers(client, db):
    assert client.head("/healthz").status_code == 200
