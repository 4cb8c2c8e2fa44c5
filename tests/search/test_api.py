"""GET /api/v1/search as an integrator calls it."""

from __future__ import annotations

import pytest

from tests.api.helpers import API, assert_json_error, bearer
from vanphong.incoming.models import IncomingDocument


@pytest.fixture
def indexed(archive):
    for i in range(3):
        archive.receive(
            f"Văn phòng cấp ủy tham mưu giỏi, lần {i}.",
            subject=f"Chỉ thị tham mưu số {i}",
            symbol=f"{15 + i}-CT/TU",
            document_type="CT",
            issued_date=f"201{6 + i}-03-12",
        )
    archive.index()
    return archive


def test_search_answers_results_snippets_and_facets(client, network, indexed):
    headers = bearer(network.user("vanthu.badinh"))
    response = client.get(f"{API}/search", {"q": "tham muu gioi"}, headers=headers)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["count"] == 3
    assert [r["symbol"] for r in body["results"]] == ["17-CT/TU", "16-CT/TU", "15-CT/TU"]
    first = body["results"][0]
    assert first["kind"] == "incoming"
    assert first["unit"] == "badinh"
    assert first["issued_date"] == "2018-03-12"
    assert "<mark>tham</mark> <mark>mưu</mark> <mark>giỏi</mark>" in first["snippet"]
    # "id" is the incoming document's: the one /incoming/{id} opens.
    detail = client.get(f"{API}/incoming/{first['id']}", headers=headers)
    assert detail.status_code == 200
    assert detail.json()["symbol"] == "17-CT/TU"
    assert body["facets"]["unit"] == [
        {"value": "badinh", "label": "Quận ủy Ba Đình", "count": 3, "kind": ""}
    ]
    assert body["facets"]["document_type"][0]["label"] == "Chỉ thị"
    assert body["facets"]["kind"][0]["value"] == "incoming"
    assert body["facets"]["status"][0] == {
        "value": "registered",
        "label": "Đã vào sổ",
        "count": 3,
        "kind": "incoming",
    }


def test_filters_and_paging(client, network, indexed):
    headers = bearer(network.user("vanthu.badinh"))
    params = {"q": "tham muu", "year": 2017, "unit": "badinh", "document_type": "CT"}
    body = client.get(f"{API}/search", params, headers=headers).json()
    assert [r["symbol"] for r in body["results"]] == ["16-CT/TU"]
    page = client.get(
        f"{API}/search", {"q": "tham muu", "page": 2, "page_size": 2}, headers=headers
    ).json()
    assert page["count"] == 3
    assert [r["symbol"] for r in page["results"]] == ["15-CT/TU"]
    assert client.get(f"{API}/search", {"q": "16/CT"}, headers=headers).json()["count"] == 1
    register = IncomingDocument.objects.values_list("register_id", flat=True).first()
    for register_id, count in ((register, 3), (register + 1000, 0)):
        body = client.get(
            f"{API}/search", {"q": "tham muu", "register": register_id}, headers=headers
        ).json()
        assert body["count"] == count


def test_nothing_of_another_unit(client, network, indexed):
    body = client.get(
        f"{API}/search", {"q": "tham muu"}, headers=bearer(network.user("vanthu.hoankiem"))
    ).json()
    assert body["count"] == 0
    assert body["results"] == []
    assert all(counts == [] for counts in body["facets"].values())


def test_the_number_of_queries_does_not_grow_with_the_results(
    client, network, archive, django_assert_num_queries
):
    headers = bearer(network.user("vanthu.badinh"))
    archive.receive("Tham mưu.", subject="Một")
    archive.index()
    client.get(f"{API}/search", {"q": "tham"}, headers=headers)  # the token's first use
    # The token with its user, their roles (1), the matches, the page's text, the unit names.
    with django_assert_num_queries(5):
        assert client.get(f"{API}/search", {"q": "tham muu"}, headers=headers).json()["count"] == 1
    for i in range(8):
        archive.receive("Tham mưu.", subject=f"Thêm {i}", unit=network.badinh)
    archive.index()
    with django_assert_num_queries(5):
        assert client.get(f"{API}/search", {"q": "tham muu"}, headers=headers).json()["count"] == 9
    # Nothing matches: no page to read, no unit to name.
    with django_assert_num_queries(3):
        assert client.get(f"{API}/search", {"q": "khong co"}, headers=headers).json()["count"] == 0


@pytest.mark.parametrize(
    ("params", "status", "code"),
    [
        ({}, 400, "empty_query"),
        ({"q": "   "}, 400, "empty_query"),
        ({"q": "x" * 201}, 400, "query_too_long"),
        ({"q": "t*"}, 400, "prefix_too_short"),
        ({"q": "tham", "unit": "nowhere"}, 400, "invalid_filter"),
        ({"q": "tham", "kind": "memo"}, 400, "invalid_filter"),
        ({"q": "tham", "status": "lost"}, 400, "invalid_filter"),
        ({"q": "tham", "document_type": "XX"}, 400, "invalid_filter"),
        ({"q": "tham", "secrecy": "very"}, 400, "invalid_filter"),
        ({"q": "tham", "year": 12}, 400, "invalid_filter"),
        ({"q": "tham", "register": 10**30}, 400, "invalid_filter"),
        ({"q": "tham", "year": "last"}, 422, "validation_error"),
        ({"q": "tham", "page": 0}, 400, "invalid_paging"),
        ({"q": "tham", "page": 10**20}, 400, "invalid_paging"),
        ({"q": "tham", "page_size": 500}, 400, "invalid_paging"),
    ],
)
def test_bad_input_is_a_json_4xx(client, network, params, status, code):
    response = client.get(f"{API}/search", params, headers=bearer(network.user("vanthu.badinh")))
    assert_json_error(response, status, code)


def test_search_needs_a_signed_in_caller(client, db):
    assert_json_error(client.get(f"{API}/search", {"q": "tham"}), 401, "not_authenticated")


def test_above_the_sample_the_count_is_a_lower_bound_and_facets_a_sample(
    client, network, indexed, monkeypatch
):
    headers = bearer(network.user("vanthu.badinh"))
    body = client.get(f"{API}/search", {"q": "tham muu"}, headers=headers).json()
    assert (body["count"], body["count_is_lower_bound"], body["facets_are_sampled"]) == (
        3,
        False,
        False,
    )
    monkeypatch.setattr("vanphong.search.selectors.SAMPLE", 2)
    body = client.get(f"{API}/search", {"q": "tham muu"}, headers=headers).json()
    assert (body["count"], body["count_is_lower_bound"], body["facets_are_sampled"]) == (
        2,
        True,
        True,
    )
    # The two newest, by relevance then date; the facets count those two.
    assert [r["symbol"] for r in body["results"]] == ["17-CT/TU", "16-CT/TU"]
    assert [(f["value"], f["count"]) for f in body["facets"]["year"]] == [("2018", 1), ("2017", 1)]
    narrowed = client.get(f"{API}/search", {"q": "tham muu", "year": 2016}, headers=headers).json()
    assert (narrowed["count"], narrowed["count_is_lower_bound"]) == (1, False)


def test_the_schema_says_when_the_count_is_a_lower_bound(client, db):
    schema = client.get(f"{API}/openapi.json").json()
    out = schema["components"]["schemas"]["SearchOut"]
    assert {"count", "count_is_lower_bound", "facets_are_sampled"} <= set(out["required"])
    assert "more than" in out["properties"]["count"]["description"]
