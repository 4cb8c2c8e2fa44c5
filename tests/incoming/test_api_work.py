"""The processing API: a leader directs, assignees act, the inbox counts; refusals as JSON."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.helpers import API, assert_json_error, bearer
from tests.factories import HEADER_PARTY, pdf_bytes, upload
from vanphong.core import paging


class Caller:
    """A client signed in as one person with an API token."""

    def __init__(self, client, user):
        self.client = client
        self.auth = bearer(user)["Authorization"]

    def get(self, path, **params):
        return self.client.get(f"{API}{path}", params, HTTP_AUTHORIZATION=self.auth)

    def post(self, path, body=None, **files):
        if files:
            return self.client.post(f"{API}{path}", files, HTTP_AUTHORIZATION=self.auth)
        return self.client.post(
            f"{API}{path}",
            body or {},
            content_type="application/json",
            HTTP_AUTHORIZATION=self.auth,
        )


@pytest.fixture
def people(network, client):
    return {
        name: Caller(client, network.user(name))
        for name in [
            "vanthu.badinh",
            "lanhdaovp.badinh",
            "chuyenvien.badinh",
            "lanhdao.badinh",
            "vanthu.hoankiem",
        ]
    }


def registered(people, i=0):
    response = people["vanthu.badinh"].post(
        "/incoming",
        file=[upload(f"{i}.pdf", pdf_bytes([*HEADER_PARTY, f"bản {i}"]))],
        register="true",
    )
    assert response.status_code == 201, response.content
    return response.json()


def test_direct_work_and_complete_it_through_the_api(people):
    incoming = registered(people)
    given = people["lanhdaovp.badinh"].post(
        f"/incoming/{incoming['id']}/direct",
        {
            "text": "Giao chuyên viên chủ trì tham mưu, báo cáo trước hạn.",
            "lead": {"user": "chuyenvien.badinh"},
            "inform": [{"user": "lanhdao.badinh"}],
        },
    )
    assert given.status_code == 200, given.content
    lead = next(a for a in given.json() if a["kind"] == "lead")
    assert (lead["assignee_user"], lead["status"]) == ("chuyenvien.badinh", "new")
    assert lead["deadline"]  # defaulted from the urgency and the unit's rules

    specialist = people["chuyenvien.badinh"]
    inbox = specialist.get("/assignments").json()
    assert [r["id"] for r in inbox["results"]] == [lead["id"]]
    assert inbox["counts"]["new"] == 1
    assert specialist.post(f"/assignments/{lead['id']}/accept").json()["status"] == "accepted"
    assert (
        specialist.post(
            f"/assignments/{lead['id']}/progress", {"percent": 50, "note": "Đã có dự thảo"}
        ).json()["progress"]
        == 50
    )
    done = specialist.post(
        f"/assignments/{lead['id']}/complete", {"result": "Đã tham mưu văn bản trả lời"}
    )
    assert done.json()["status"] == "done"

    detail = people["lanhdaovp.badinh"].get(f"/incoming/{incoming['id']}").json()
    assert detail["status"] == "done"
    assert detail["directions"][0]["by"] == "lanhdaovp.badinh"
    kinds = [e["kind"] for e in detail["history"]]
    for step in (
        "registered",
        "directed",
        "assigned",
        "accepted",
        "progress_reported",
        "completed",
    ):
        assert step in kinds, kinds
    reader = next(a for a in detail["assignments"] if a["kind"] == "inform")
    read = people["lanhdao.badinh"].post(f"/assignments/{reader['id']}/read")
    assert read.json()["status"] == "read"


def test_refusals_come_back_as_json(people):
    incoming = registered(people)
    url = f"/incoming/{incoming['id']}/direct"
    body = {"text": "Giao xử lý", "lead": {"user": "chuyenvien.badinh"}}
    assert_json_error(people["vanthu.badinh"].post(url, body), 403, "not_director")
    assert_json_error(people["vanthu.hoankiem"].post(url, body), 404, "incoming_not_found")
    assert_json_error(people["lanhdaovp.badinh"].post(url, {**body, "lead": {}}), 400, "bad_target")
    assert_json_error(
        people["lanhdaovp.badinh"].post(url, {**body, "lead": {"user": "ai"}}),
        400,
        "unknown_target",
    )
    assert_json_error(people["lanhdaovp.badinh"].post(url, {"text": "x"}), 422, "validation_error")
    lead = people["lanhdaovp.badinh"].post(url, body).json()[0]
    assert_json_error(people["lanhdaovp.badinh"].post(url, body), 409, "already_directed")
    assert_json_error(
        people["lanhdao.badinh"].post(f"/assignments/{lead['id']}/accept"), 403, "not_assignee"
    )
    specialist = people["chuyenvien.badinh"]
    assert_json_error(
        specialist.post(f"/assignments/{lead['id']}/progress", {"percent": 130}),
        400,
        "bad_percent",
    )
    assert_json_error(
        specialist.post(f"/assignments/{lead['id']}/return", {"reason": " "}),
        400,
        "reason_required",
    )
    assert_json_error(specialist.post("/assignments/999999/accept"), 404, "assignment_not_found")
    assert_json_error(specialist.get("/assignments", bucket="later"), 400, "bad_bucket")
    assert_json_error(specialist.get("/assignments", sort="random"), 400, "bad_sort")
    assert_json_error(specialist.get("/assignments", page=0), 400, "invalid_paging")
    assert_json_error(specialist.get("/assignments", page_size=101), 400, "invalid_paging")
    # Past the databases' integers: refused like any page out of range, not a 500.
    assert_json_error(specialist.get("/assignments", page=10**30), 400, "invalid_paging")
    assert_json_error(specialist.get("/assignments", page="abc"), 422, "validation_error")


def test_the_inbox_query_count_does_not_grow(people, django_assert_max_num_queries):
    leader, specialist = people["lanhdaovp.badinh"], people["chuyenvien.badinh"]
    body = {"text": "Giao xử lý", "lead": {"user": "chuyenvien.badinh"}}
    leader.post(f"/incoming/{registered(people, 0)['id']}/direct", body)
    with CaptureQueriesContext(connection) as one:
        specialist.get("/assignments")
    queries = len(one.captured_queries)
    for i in range(1, 6):
        leader.post(f"/incoming/{registered(people, i)['id']}/direct", body)
    with django_assert_max_num_queries(queries):
        response = specialist.get("/assignments")
    assert response.json()["counts"]["total"] == 6
    # The token with its person, its first use recorded, the roles (one query, read once),
    # the deadline rules and calendar (two), the counts, the page (its ids, its rows).
    assert queries == 8


def test_the_inbox_says_when_the_done_work_was_counted_only_so_far(people, monkeypatch):
    monkeypatch.setattr(paging, "COUNT_CAP", 1)
    leader, specialist = people["lanhdaovp.badinh"], people["chuyenvien.badinh"]
    body = {"text": "Giao xử lý", "lead": {"user": "chuyenvien.badinh"}}
    given = [leader.post(f"/incoming/{registered(people, i)['id']}/direct", body) for i in range(3)]
    for response in given[1:]:
        [lead] = response.json()
        specialist.post(f"/assignments/{lead['id']}/complete", {"result": "Xong"})
    listed = specialist.get("/assignments").json()
    assert listed["counts"] == {
        "total": 2,
        "new": 1,
        "in_progress": 0,
        "near_due": 0,
        "overdue": 0,
        "done": 1,
    }
    assert (listed["done_is_lower_bound"], listed["count"], listed["count_is_lower_bound"]) == (
        True,
        2,
        True,
    )
    # Every item is listed all the same, the open work first.
    assert [item["status"] for item in listed["results"]] == ["new", "done", "done"]
    new = specialist.get("/assignments", bucket="new").json()
    assert (new["done_is_lower_bound"], new["count"], new["count_is_lower_bound"]) == (
        True,
        1,
        False,
    )
    done = specialist.get("/assignments", bucket="done", page_size=1).json()
    assert (done["count"], done["count_is_lower_bound"], done["has_next"]) == (1, True, True)
    assert (
        specialist.get("/assignments", bucket="done", page=2, page_size=1).json()["has_next"]
        is False
    )
    # The schema tells integrators what the flags mean.
    schema = specialist.client.get(f"{API}/openapi.json").json()
    fields = schema["components"]["schemas"]["InboxOut"]["properties"]
    assert "lower bound" in fields["counts"]["description"]
    assert fields["count_is_lower_bound"]["description"]
    assert fields["done_is_lower_bound"]["description"]


def test_after_the_lead_gives_the_work_back_the_leader_redirects_it(people):
    incoming = registered(people)
    leader, specialist = people["lanhdaovp.badinh"], people["chuyenvien.badinh"]
    [lead] = leader.post(
        f"/incoming/{incoming['id']}/direct",
        {"text": "Giao xử lý", "lead": {"user": "chuyenvien.badinh"}},
    ).json()
    specialist.post(f"/assignments/{lead['id']}/return", {"reason": "Không thuộc lĩnh vực"})
    body = {"text": "Giao lại", "lead": {"user": "lanhdao.badinh"}, "reason": "Đổi người"}
    assert_json_error(
        leader.post(f"/incoming/{incoming['id']}/direct", body), 409, "already_directed"
    )
    redirected = leader.post(f"/incoming/{incoming['id']}/redirect", body)
    assert redirected.status_code == 200, redirected.content
    assert [(a["kind"], a["assignee_user"]) for a in redirected.json()] == [
        ("lead", "lanhdao.badinh")
    ]
