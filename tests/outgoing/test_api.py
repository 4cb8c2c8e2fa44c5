"""The outgoing API as integrators call it (DESIGN.md §6): create, submit, approve, return,
sign, issue, follow the recipients, the file; refusals as JSON; bounded queries."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.helpers import API, assert_json_error, bearer
from tests.factories import upload
from tests.outgoing.conftest import PASSPHRASE, docx
from vanphong.core import paging
from vanphong.incoming.models import IncomingDocument
from vanphong.outgoing.models import OutgoingDocument
from vanphong.outgoing.services import recipient_group_save
from vanphong.signing.services import file_verify

pytestmark = pytest.mark.django_db


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
def people(office, client):
    names = [
        "chuyenvien.thanhuy",
        "lanhdaovp.thanhuy",
        "phobithu.thanhuy",
        "lanhdao.thanhuy",
        "vanthu.thanhuy",
        "vanthu.badinh",
        "lanhdao.badinh",
    ]
    return {name: Caller(client, office.user(name)) for name in names}


def draft(people, office, *, content=None, name="du-thao.pdf", **fields):
    form = {
        "document_type": "CT",
        "subject": "Về tăng cường công tác tham mưu",
        "signer": "lanhdao.thanhuy",
        "recipients": "badinh,hoankiem",
        **fields,
    }
    return people["chuyenvien.thanhuy"].post(
        "/outgoing", file=[upload(name, content or office.party_draft(form["subject"]))], **form
    )


def created(people, office, **fields):
    response = draft(people, office, **fields)
    assert response.status_code == 201, response.content
    return response.json()


def test_the_whole_flow_through_the_api(people, office, run_jobs):
    body = created(people, office, reviewers="lanhdaovp.thanhuy,phobithu.thanhuy")
    assert body["status"] == "draft"
    assert body["planned_reviewers"] == ["lanhdaovp.thanhuy", "phobithu.thanhuy"]
    assert [r["unit"] for r in body["recipients"]] == ["badinh", "hoankiem"]
    assert body["actions"] == ["revise", "submit", "comment", "cancel"]
    pk = body["id"]
    submitted = people["chuyenvien.thanhuy"].post(f"/outgoing/{pk}/submit")
    assert submitted.json()["status"] == "in_review", submitted.content
    first = people["lanhdaovp.thanhuy"].post(f"/outgoing/{pk}/approve", {"comment": "Đồng ý"})
    assert first.status_code == 200, first.content
    assert [s["status"] for s in first.json()["steps"]] == ["approved", "pending"]
    assert people["phobithu.thanhuy"].post(f"/outgoing/{pk}/approve").json()["status"] == (
        "approved"
    )
    signer = people["lanhdao.thanhuy"]
    assert "sign" in signer.get(f"/outgoing/{pk}").json()["actions"]
    signed = signer.post(f"/outgoing/{pk}/sign", {"passphrase": PASSPHRASE})
    assert signed.json()["status"] == "signed", signed.content
    pdf = signer.get(f"/outgoing/{pk}/file")
    assert (pdf.status_code, pdf["Content-Type"]) == (200, "application/pdf")
    issued = people["vanthu.thanhuy"].post(f"/outgoing/{pk}/issue", {"passphrase": PASSPHRASE})
    assert issued.status_code == 200, issued.content
    answer = issued.json()
    assert (answer["status"], answer["number"], answer["symbol"]) == ("issued", 1, "01-CT/TU")
    assert answer["issued_date"]
    assert {(d["unit"], d["status"], d["arrival_number"]) for d in answer["deliveries"]} == {
        ("badinh", "", None),
        ("hoankiem", "", None),
    }
    content = b"".join(people["vanthu.thanhuy"].get(f"/outgoing/{pk}/file").streaming_content)
    assert content.startswith(b"%PDF")
    issued_file = OutgoingDocument.objects.get(pk=pk).issued_file
    assert [r.status for r in file_verify(issued_file)] == ["valid", "valid"]

    # Ba Đình registers its copy: the sender sees 03 with the số đến.
    run_jobs()
    copy = IncomingDocument.objects.get(unit=office.network.badinh)
    registered = people["vanthu.badinh"].post(f"/incoming/{copy.pk}/register")
    assert registered.json()["arrival_number"] == 1
    run_jobs()
    deliveries = people["chuyenvien.thanhuy"].get(f"/outgoing/{pk}").json()["deliveries"]
    assert {(d["unit"], d["status"], d["arrival_number"]) for d in deliveries} == {
        ("badinh", "03", 1),
        ("hoankiem", "01", None),
    }
    history = [
        e["kind"] for e in people["lanhdao.thanhuy"].get(f"/outgoing/{pk}").json()["history"]
    ]
    assert history.index("submitted") < history.index("signed") < history.index("issued")


def test_returns_versions_and_comments_through_the_api(people, office):
    pk = created(people, office, reviewers="lanhdaovp.thanhuy")["id"]
    author = people["chuyenvien.thanhuy"]
    author.post(f"/outgoing/{pk}/submit", {"review_mode": "parallel"})
    returned = people["lanhdaovp.thanhuy"].post(
        f"/outgoing/{pk}/return", {"comment": "Sửa lại phần căn cứ."}
    )
    assert returned.json()["status"] == "returned", returned.content
    version = author.post(
        f"/outgoing/{pk}/versions",
        file=upload("v2.pdf", office.party_draft("bản 2")),
        note="Đã sửa phần căn cứ",
    )
    assert version.status_code == 201, version.content
    body = version.json()
    assert [v["number"] for v in body["versions"]] == [1, 2]
    assert body["versions"][0]["comments"][0]["text"] == "Sửa lại phần căn cứ."
    commented = author.post(f"/outgoing/{pk}/comments", {"text": "Xin ý kiến lại", "version": 2})
    assert commented.status_code == 201
    file = author.get(f"/outgoing/{pk}/versions/1/file")
    assert file.status_code == 200
    # Submitted again, straight to the signer this time, who returns it too.
    assert author.post(f"/outgoing/{pk}/submit", {"reviewers": []}).json()["status"] == ("approved")
    back = people["lanhdao.thanhuy"].post(f"/outgoing/{pk}/return", {"comment": "Viết gọn lại"})
    assert back.json()["status"] == "returned", back.content
    forwarded = created(people, office, reviewers="lanhdaovp.thanhuy")["id"]
    author.post(f"/outgoing/{forwarded}/submit")
    moved = people["lanhdaovp.thanhuy"].post(
        f"/outgoing/{forwarded}/forward", {"to": "phobithu.thanhuy", "comment": "Xin ý kiến"}
    )
    assert [s["reviewer"] for s in moved.json()["steps"]] == [
        "lanhdaovp.thanhuy",
        "phobithu.thanhuy",
    ]


def test_a_file_whose_bytes_are_gone_from_storage_is_a_404_that_says_so(people, office):
    pk = created(people, office, subject="Văn bản có tệp bị mất")["id"]
    stored = OutgoingDocument.objects.get(pk=pk).versions.get(number=1).file
    default_storage.delete(stored.storage_name)
    answer = people["chuyenvien.thanhuy"].get(f"/outgoing/{pk}/versions/1/file")
    assert_json_error(answer, 404, "file_missing")


def test_bad_input_and_steps_out_of_turn_are_json_errors(people, office):
    author = people["chuyenvien.thanhuy"]
    assert_json_error(draft(people, office, document_type="XYZ"), 400, "invalid_metadata")
    assert_json_error(draft(people, office, due_date="2026-13-01"), 400, "invalid_metadata")
    body = assert_json_error(
        draft(people, office, recipients="badinh,khong-co-don-vi"), 400, "unknown_recipient"
    )
    assert "khong-co-don-vi" in body["detail"]
    assert_json_error(draft(people, office, recipients="fax:123"), 400, "bad_recipient")
    assert_json_error(draft(people, office, signer="ai-do"), 400, "unknown_person")
    assert_json_error(draft(people, office, signer="lanhdao.badinh"), 400, "not_a_signer")
    assert_json_error(
        people["vanthu.thanhuy"].post(
            "/outgoing",
            file=[upload("a.pdf", office.party_draft())],
            document_type="CT",
            subject="x",
            signer="lanhdao.thanhuy",
            recipients="badinh",
        ),
        403,
        "not_drafter",
    )
    assert_json_error(
        people["chuyenvien.thanhuy"].post("/outgoing", {"subject": "x"}), 422, "validation_error"
    )
    office.user("chuyenvien.thanhuy").clearance = 1
    office.user("chuyenvien.thanhuy").save()
    office.user("lanhdao.thanhuy").clearance = 1
    office.user("lanhdao.thanhuy").save()
    assert_json_error(
        draft(people, office, secrecy="mat", recipients="organ:000.00.00.G01=Văn phòng Chính phủ"),
        409,
        "secret_outside",
    )

    pk = created(people, office, reviewers="lanhdaovp.thanhuy")["id"]
    clerk = people["vanthu.thanhuy"]
    assert_json_error(
        clerk.post(f"/outgoing/{pk}/issue", {"passphrase": PASSPHRASE}), 409, "not_signed"
    )
    assert_json_error(
        people["lanhdao.thanhuy"].post(f"/outgoing/{pk}/sign", {"passphrase": PASSPHRASE}),
        409,
        "not_approved",
    )
    author.post(f"/outgoing/{pk}/submit")
    assert_json_error(
        people["phobithu.thanhuy"].post(f"/outgoing/{pk}/approve"), 403, "not_reviewer"
    )
    reviewer = people["lanhdaovp.thanhuy"]
    assert reviewer.post(f"/outgoing/{pk}/approve").status_code == 200
    assert_json_error(reviewer.post(f"/outgoing/{pk}/approve"), 403, "already_reviewed")
    signer = people["lanhdao.thanhuy"]
    wrong = assert_json_error(
        signer.post(f"/outgoing/{pk}/sign", {"passphrase": "sai"}), 400, "wrong_passphrase"
    )
    assert wrong["detail"]
    assert signer.get(f"/outgoing/{pk}").json()["status"] == "approved"
    assert_json_error(signer.get(f"/outgoing/{pk}/file"), 404, "not_signed")
    assert signer.post(f"/outgoing/{pk}/sign", {"passphrase": PASSPHRASE}).status_code == 200
    assert_json_error(
        clerk.post(f"/outgoing/{pk}/issue", {"passphrase": "sai"}), 400, "wrong_passphrase"
    )
    assert clerk.post(f"/outgoing/{pk}/issue", {"passphrase": PASSPHRASE}).status_code == 200
    assert_json_error(
        clerk.post(f"/outgoing/{pk}/issue", {"passphrase": PASSPHRASE}), 409, "already_issued"
    )
    assert_json_error(clerk.get("/outgoing/999999"), 404, "outgoing_not_found")
    assert_json_error(people["vanthu.badinh"].get(f"/outgoing/{pk}"), 404, "outgoing_not_found")
    assert_json_error(clerk.post(f"/outgoing/{pk}/sign", {}), 422, "validation_error")


def test_a_docx_final_is_refused_with_what_to_do(people, office):
    pk = created(people, office, content=docx(), name="du-thao.docx")["id"]
    people["chuyenvien.thanhuy"].post(f"/outgoing/{pk}/submit")
    body = assert_json_error(
        people["lanhdao.thanhuy"].post(f"/outgoing/{pk}/sign", {"passphrase": PASSPHRASE}),
        409,
        "final_not_pdf",
    )
    assert "PDF" in body["detail"]


def test_groups_recall_update_and_replace_through_the_api(people, office, run_jobs):
    group = recipient_group_save(
        by=None,
        owner=office.city,
        name="Các quận ủy",
        units=[office.network.badinh, office.network.hoankiem],
    )
    groups = people["chuyenvien.thanhuy"].get("/outgoing/groups").json()
    assert groups == [{"id": group.pk, "name": "Các quận ủy", "units": ["badinh", "hoankiem"]}]
    pk = created(people, office, recipients=f"group:{group.pk}, email:vanphong@example.vn")["id"]
    people["chuyenvien.thanhuy"].post(f"/outgoing/{pk}/submit")
    people["lanhdao.thanhuy"].post(f"/outgoing/{pk}/sign", {"passphrase": PASSPHRASE})
    clerk = people["vanthu.thanhuy"]
    clerk.post(f"/outgoing/{pk}/issue", {"passphrase": PASSPHRASE})
    run_jobs()
    recalled = clerk.post(f"/outgoing/{pk}/recall", {"reason": "Ban hành nhầm"})
    assert recalled.status_code == 200, recalled.content
    asked = {d["unit"]: d["requests"] for d in recalled.json()["deliveries"]}
    assert [r["kind"] for r in asked["badinh"]] == ["recall"]
    assert asked["vanphong@example.vn"] == []
    updated = clerk.post(f"/outgoing/{pk}/update", {"reason": "Sửa hạn", "due_date": "2026-12-31"})
    assert updated.status_code == 200, updated.content
    assert updated.json()["due_date"] == "2026-12-31"
    assert_json_error(
        clerk.post(f"/outgoing/{pk}/update", {"reason": "x", "document_type": "KH"}),
        400,
        "no_change",
    )
    replaced = people["chuyenvien.thanhuy"].post(
        f"/outgoing/{pk}/replace",
        file=[upload("thay.pdf", office.party_draft("thay thế"))],
        reason="Sai nội dung",
    )
    assert replaced.status_code == 201, replaced.content
    assert (replaced.json()["replaces"], replaced.json()["status"]) == (pk, "draft")


def test_the_board_through_the_api(people, office, run_jobs):
    pk = created(people, office)["id"]
    people["chuyenvien.thanhuy"].post(f"/outgoing/{pk}/submit")
    people["lanhdao.thanhuy"].post(f"/outgoing/{pk}/sign", {"passphrase": PASSPHRASE})
    people["vanthu.thanhuy"].post(f"/outgoing/{pk}/issue", {"passphrase": PASSPHRASE})
    board = people["vanthu.thanhuy"].get("/outgoing/board").json()
    assert board["unit"] == "thanhuy"
    assert board["counts"]["not_sent"] == 2
    assert {r["unit"] for r in board["results"]} == {"badinh", "hoankiem"}
    assert_json_error(people["chuyenvien.thanhuy"].get("/outgoing/board"), 403, "board_forbidden")


def test_list_paging_and_filters(people, office, index_all):
    first = created(people, office, subject="Chỉ thị về phòng cháy")["id"]
    created(people, office, subject="Chỉ thị về an toàn giao thông")
    index_all()
    author = people["chuyenvien.thanhuy"]
    listing = author.get("/outgoing", page_size=1)
    assert (listing.json()["count"], len(listing.json()["results"])) == (2, 1)
    assert [r["id"] for r in author.get("/outgoing", q="cháy").json()["results"]] == [first]
    assert author.get("/outgoing", status="issued").json()["count"] == 0
    assert author.get("/outgoing", mine="true").json()["count"] == 2
    author.post(f"/outgoing/{first}/submit")
    todo = people["lanhdao.thanhuy"].get("/outgoing", todo="true").json()
    assert [r["id"] for r in todo["results"]] == [first]
    assert people["vanthu.badinh"].get("/outgoing").json()["count"] == 0
    assert_json_error(author.get("/outgoing", page_size=500), 400, "invalid_paging")
    assert_json_error(author.get("/outgoing", page=0), 400, "invalid_paging")
    assert_json_error(author.get("/outgoing", page=10**30), 400, "invalid_paging")
    # The furthest page answered is past the end: empty, with the exact count.
    far = author.get("/outgoing", page=10**9, page_size=100).json()
    assert (far["results"], far["count"], far["count_is_lower_bound"]) == ([], 2, False)


def test_a_list_narrowed_by_words_is_paged_and_counted_alike_every_way(
    people, office, index_all, way, monkeypatch
):
    # The city's clerk sees the city's documents (a branch of one unit, whose titles are
    # listed), not a secret one: counted by the titles' ids in no order, the count keeps
    # only what the person may see, as the page does.
    monkeypatch.setattr(paging, "COUNT_CAP", 1)  # stands for 1,000
    ids = [created(people, office, subject=f"Chỉ thị về phòng cháy {i}")["id"] for i in range(3)]
    for cleared in ("chuyenvien.thanhuy", "lanhdao.thanhuy"):  # to draft and sign it
        person = office.user(cleared)
        person.clearance = 1  # the clerk is not
        person.save(update_fields=["clearance"])
    created(people, office, subject="Chỉ thị về phòng cháy, mật", secrecy="mat")
    created(people, office, subject="Chỉ thị về an toàn giao thông")
    index_all()
    clerk = people["vanthu.thanhuy"]

    def listing(page, **filters):
        body = clerk.get("/outgoing", q="phong chay", page=page, page_size=1, **filters).json()
        return body["count"], body["count_is_lower_bound"], [r["id"] for r in body["results"]]

    for unit in ({}, {"unit": "thanhuy"}):
        assert listing(1, **unit) == (2, True, ids[2:])
        assert listing(2, **unit) == (3, False, ids[1:2])
        assert listing(3, **unit) == (3, False, ids[:1])
    assert listing(1, unit="badinh") == (0, False, [])


def test_the_list_count_stops_at_the_cap_with_the_flag(people, office, monkeypatch):
    monkeypatch.setattr(paging, "COUNT_CAP", 1)  # stands for 1,000
    ids = [created(people, office, subject=f"Dự thảo {i}")["id"] for i in range(3)]
    author = people["chuyenvien.thanhuy"]

    def listing(page):
        body = author.get("/outgoing", page=page, page_size=1).json()
        return body["count"], body["count_is_lower_bound"], [r["id"] for r in body["results"]]

    assert listing(1) == (2, True, ids[2:])
    assert listing(2) == (3, False, ids[1:2])
    assert listing(3) == (3, False, ids[:1])
    assert author.get("/outgoing", status="issued").json()["count_is_lower_bound"] is False


def _count(caller, path, **params):
    with CaptureQueriesContext(connection) as queries:
        response = caller.get(path, **params)
    assert response.status_code == 200, response.content
    return len(queries)


def test_the_list_and_the_board_take_the_same_queries_for_two_or_twelve(people, office):
    for i in range(2):
        office.issued(subject=f"Chỉ thị {i}")
    clerk = people["vanthu.thanhuy"]
    clerk.get("/outgoing")  # the token's first use is recorded once
    few = (_count(clerk, "/outgoing"), _count(clerk, "/outgoing/board"))
    for i in range(10):
        office.issued(subject=f"Chỉ thị thêm {i}")
    many = (_count(clerk, "/outgoing"), _count(clerk, "/outgoing/board"))
    assert many == few
    assert clerk.get("/outgoing/board").json()["counts"]["not_sent"] == 24


def test_the_groups_take_the_same_queries_for_one_or_six(people, office):
    network = office.network
    specialist = people["chuyenvien.thanhuy"]

    def save(i):
        units = [network.badinh, network.hoankiem][: 1 + i % 2]
        recipient_group_save(by=None, owner=office.city, name=f"Nhóm {i}", units=units)

    save(0)
    specialist.get("/outgoing/groups")  # the token's first use is recorded once
    few = _count(specialist, "/outgoing/groups")
    for i in range(1, 6):
        save(i)
    assert _count(specialist, "/outgoing/groups") == few
    assert len(specialist.get("/outgoing/groups").json()) == 6
