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
    client, network, archive, django_assert_max_num_queries
):
    headers = bearer(network.user("vanthu.badinh"))
    archive.receive("Tham mưu.", subject="Một")
    archive.index()
    with django_assert_max_num_queries(12) as few:
        assert client.get(f"{API}/search", {"q": "tham muu"}, headers=headers).json()["count"] == 1
    for i in range(8):
        archive.receive("Tham mưu.", subject=f"Thêm {i}", unit=network.badinh)
    archive.index()
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(f"{API}/search", {"q": "tham muu"}, headers=headers).json()["count"] == 9


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
