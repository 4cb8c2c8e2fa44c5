"""The pages of văn bản đi in the browser's terms (Django's test client): the list and its tabs,
the draft form, the document's page and every step taken from it, refusals as messages, and who
may not see or do what.

Texts are compared through the Vietnamese catalogue (``vi``), as on the incoming pages; most
checks read the page's structure (test ids, data attributes), which no translation changes.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.factories import docx_bytes, pdf_bytes, scan_png, upload
from tests.incoming.test_views import client_for, get, messages_of, page_of, vi
from tests.org.reads import roles_read
from tests.outgoing.conftest import PASSPHRASE
from vanphong.core import paging
from vanphong.documents.models import Document
from vanphong.exchange.models import Delivery
from vanphong.incoming.models import IncomingDocument
from vanphong.incoming.services import incoming_register
from vanphong.outgoing import views
from vanphong.outgoing.models import OutgoingDocument, OutgoingStatus, ReviewStep, StepStatus
from vanphong.outgoing.services import outgoing_submit, recipient_group_save

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _ids(node) -> list[int]:
    return [int(row.attrs["data-id"]) for row in node.find_all("tr", data_id=True)]


def _post(client: Client, url: str, data: dict[str, Any] | None = None) -> Any:
    """A step posted from the document's page: it comes back to the page with a message."""
    response = client.post(url, data or {})
    assert response.status_code == 302, (response.status_code, response.content[:1000])
    return page_of(client.get(response["Location"]))


def _actions(page) -> list[str]:
    box = page.find(data_testid="actions")
    return box.attrs["data-actions"].split() if box else []


def _draft_data(office, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "unit": "thanhuy",
        "document_type": "CT",
        "subject": "Về tăng cường công tác tham mưu",
        "secrecy": "thuong",
        "urgency": "khan",
        "due_date": "",
        "signer": str(office.user("lanhdao.thanhuy").pk),
        "signer_position": "",
        "authority": "T/M BAN THƯỜNG VỤ",
        "reviewers": [
            str(office.user("lanhdaovp.thanhuy").pk),
            str(office.user("phobithu.thanhuy").pk),
        ],
        "review_mode": "sequential",
        "recipient_units": ["hoankiem"],
        "outside": "",
        "main": "1",
        "uploads": [upload("du-thao.pdf", office.party_draft("web"))],
    }
    data.update(overrides)
    return data


# --- the list -------------------------------------------------------------------------------


def test_the_list_has_its_tabs_and_the_draft_button_for_those_who_draft(office):
    mine = office.create(reviewers=("lanhdaovp.thanhuy",))
    author = client_for(office.user("chuyenvien.thanhuy"))
    listing = get(author, "/outgoing/?tab=mine")
    assert listing.find("html").attrs["lang"] == "vi"
    assert listing.find("h1").text == vi("Outgoing documents")
    assert listing.has("draft-link")
    assert _ids(listing) == [mine.pk]
    tabs = [a.attrs["data-tab"] for a in listing.get("tabs").find_all("a")]
    assert tabs == ["todo", "mine", "issued", "all"]
    # Nothing waits for the author while the draft is with nobody yet.
    assert _ids(get(author, "/outgoing/")) == []

    outgoing_submit(by=mine.author, outgoing=mine)
    reviewer = client_for(office.user("lanhdaovp.thanhuy"))
    assert _ids(get(reviewer, "/outgoing/?tab=todo")) == [mine.pk]
    # A clerk does not draft; the clerk of another unit sees nothing.
    clerk = get(client_for(office.user("vanthu.thanhuy")), "/outgoing/?tab=all")
    assert not clerk.has("draft-link")
    assert _ids(clerk) == [mine.pk]
    # The unit's own pages are linked for its clerk, not for a specialist.
    for page in ("board", "books", "groups"):
        assert clerk.has(f"{page}-link")
        assert not listing.has(f"{page}-link")
        assert author.get(clerk.get(f"{page}-link").attrs["href"]).status_code == 403
    assert _ids(get(client_for(office.user("vanthu.badinh")), "/outgoing/?tab=all")) == []


def test_the_issued_tab_shows_the_symbol_and_the_filters_work(office, index_all):
    issued = office.issued(subject="Về công tác cán bộ")
    draft = office.create(subject="Về công tác kiểm tra", document_type="KL")
    index_all()
    client = client_for(office.user("vanthu.thanhuy"))
    listing = get(client, "/outgoing/?tab=issued")
    assert _ids(listing) == [issued.pk]
    row = listing.find("tr", data_id=str(issued.pk))
    assert row.find(data_testid="symbol").text == "01-CT/TU"
    assert row.attrs["data-status"] == "issued"
    assert _ids(get(client, "/outgoing/?tab=all&q=kiểm tra")) == [draft.pk]
    assert _ids(get(client, "/outgoing/?tab=all&q=01-CT")) == [issued.pk]
    assert _ids(get(client, "/outgoing/?tab=all&status=draft")) == [draft.pk]
    assert _ids(get(client, "/outgoing/?tab=all&document_type=KL")) == [draft.pk]
    # Whatever a browser sends, the page answers: bad values are shown and left out.
    bad = get(client, "/outgoing/?tab=nope&status=lost&document_type=XX&page=abc")
    assert bad.get("filters").find(name="status").attrs.get("aria-invalid") == "true"


def test_a_row_shows_the_document_clipped_dated_and_marked(office):
    subject = "Về việc tăng cường công tác kiểm tra, giám sát " * 5
    issued = office.issued(subject=subject, urgency="khan")
    draft = office.create(subject="Về công tác cán bộ")
    listing = get(client_for(office.user("vanthu.thanhuy")), "/outgoing/?tab=all")

    row = listing.find("tr", data_id=str(issued.pk))
    link = row.find("a")
    assert link.attrs["href"] == f"/outgoing/{issued.pk}/"
    assert link.text == subject[:139] + "…"
    _symbol, day, unit, author, _marks, _status = row.find_all("td")
    assert day.text == f"{issued.document.issued_date:%d/%m/%Y}"
    assert (unit.text, author.text) == (issued.unit.short_name, issued.author.get_full_name())
    assert row.find("mark", data_testid="urgency").text == "Khẩn"
    assert row.find(data_testid="status").text == vi("Issued")
    unnumbered = listing.find("tr", data_id=str(draft.pk)).find_all("td")
    assert (unnumbered[0].text, unnumbered[1].text) == ("—", "—")  # no symbol or date yet
    assert unnumbered[4].attrs["class"] == "no-marks"


def test_each_tab_counts_what_its_own_list_shows_from_whichever_tab(office):
    mine = office.create(reviewers=("lanhdaovp.thanhuy",))
    outgoing_submit(by=mine.author, outgoing=mine)  # waits for the office leader
    office.create(author="lanhdaovp.thanhuy")  # the office leader's own draft
    office.issued()
    office.create()  # a specialist's draft, with nobody yet
    client = client_for(office.user("lanhdaovp.thanhuy"))
    shown = {tab: len(_ids(get(client, f"/outgoing/?tab={tab}"))) for tab in views.TABS}
    assert shown == {"todo": 1, "mine": 1, "issued": 1, "all": 4}
    for tab in views.TABS:
        # Unfiltered (the tab shown counted with its page) and filtered (each tab's whole
        # list counted, the one shown too).
        for filters in ("", "&status=draft"):
            tabs = get(client, f"/outgoing/?tab={tab}{filters}").get("tabs").find_all("a")
            assert {a.attrs["data-tab"]: a.find("small").text for a in tabs} == {
                key: f"({count})" for key, count in shown.items()
            }


def test_the_tabs_counts_follow_a_role_given_or_ended_and_a_clearance_changed(office):
    """The statements of the tabs' counts are built once for what the person's scope is made
    of (``org.selectors.scope_key``): a change to it counts at the very next page."""
    from vanphong.org.models import Membership
    from vanphong.org.roles import Role
    from vanphong.org.services import membership_end, membership_grant

    def counts_of(name: str, tab: str) -> str:
        tabs = get(client_for(office.user(name)), "/outgoing/?tab=mine").get("tabs")
        return tabs.find("a", data_tab=tab).find("small").text

    # Two leaders of the city, of one role and clearance: each their own.
    waiting = office.create()  # the city's draft, for its leader to sign
    outgoing_submit(by=waiting.author, outgoing=waiting)
    assert (counts_of("lanhdao.thanhuy", "todo"), counts_of("phobithu.thanhuy", "todo")) == (
        "(1)",
        "(0)",
    )
    for name in ("chuyenvien.thanhuy", "lanhdao.thanhuy"):
        person = office.user(name)
        person.clearance = 1
        person.save(update_fields=["clearance"])
    office.create(secrecy="mat")  # and a secret one
    specialist = office.user("chuyenvien.badinh")
    client = client_for(specialist)

    def counts() -> dict[str, str]:
        tabs = get(client, "/outgoing/?tab=mine").get("tabs").find_all("a")
        return {a.attrs["data-tab"]: a.find("small").text for a in tabs}

    assert counts()["all"] == "(0)"
    granted = membership_grant(by=None, user=specialist, unit=office.city, role=Role.LANHDAO)
    assert counts()["all"] == "(1)"  # the city's, not the secret one
    specialist.clearance = 1
    specialist.save(update_fields=["clearance"])
    assert counts()["all"] == "(2)"
    specialist.clearance = 0
    specialist.save(update_fields=["clearance"])
    assert counts()["all"] == "(1)"
    membership_end(by=None, membership=Membership.objects.get(pk=granted.pk))
    assert counts()["all"] == "(0)"


def test_past_the_count_cap_tabs_and_pages_say_more_than_and_older_still_leads_on(
    office, monkeypatch
):
    # A cap of 2 and 1 to a page stand for 1,000 and 50: the same rules, a few drafts.
    monkeypatch.setattr(paging, "COUNT_CAP", 2)
    monkeypatch.setattr(views, "PER_PAGE", 1)
    drafts = [office.create(subject=f"Dự thảo {i}").pk for i in range(4)]
    client = client_for(office.user("chuyenvien.thanhuy"))
    first = get(client, "/outgoing/?tab=mine")
    tabs = {a.attrs["data-tab"]: a.find("small").text for a in first.get("tabs").find_all("a")}
    # Four drafts: "more than 2" where the count stopped, exact where it did not.
    assert tabs["mine"] == f"({vi('more than %(count)s', count=2)})"
    assert tabs["issued"] == "(0)"
    pager = first.get("pager")
    assert pager.find("li", aria_current="page").text == vi(
        "Page %(number)s of more than %(total)s", number=1, total=2
    )
    listed, url = [], "?tab=mine&page=1"
    while url:
        node = get(client, f"/outgoing/{url}")
        listed += _ids(node)
        older = node.get("pager").find("a", rel="next")
        url = older.attrs["href"] if older else None
    assert listed == drafts[::-1]
    last = get(client, "/outgoing/?tab=mine&page=4").get("pager")
    assert last.find("li", aria_current="page").text == vi(
        "Page %(number)s of %(total)s", number=4, total=4
    )


def test_the_list_costs_the_same_queries_however_many_documents(office):
    client = client_for(office.user("vanthu.thanhuy"))

    def queries(tab: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/outgoing/?tab={tab}").status_code == 200
        return len(captured)

    office.create()
    office.signed()
    office.issued()
    before = {tab: queries(tab) for tab in ("todo", "all", "issued")}
    for _ in range(4):
        office.create(urgency="hoa_toc")
    office.signed()
    office.issued()
    assert {tab: queries(tab) for tab in ("todo", "all", "issued")} == before
    # The person's roles are read once for the page, its layout and its tabs' counts (they
    # were read again for each of the four tabs: 27 queries, 30 ms, for an empty list).
    with CaptureQueriesContext(connection) as captured:
        client.get("/outgoing/")
    assert [q["sql"].count('FROM "org_membership"') for q in captured].count(1) == 1
    # The tab shown counted with its page, the others in one statement.
    assert before == {"todo": 6, "all": 6, "issued": 6}


def test_a_documents_page_and_answer_read_the_persons_roles_once(office):
    # The steps a clerk may take on an issued document ask their roles four times over.
    issued = office.issued()
    client = client_for(office.user("vanthu.thanhuy"))
    for url in (f"/outgoing/{issued.pk}/", f"/api/v1/outgoing/{issued.pk}"):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        assert roles_read(captured) == 1, url


# --- the draft form -------------------------------------------------------------------------


def test_a_specialist_drafts_with_a_group_units_outside_recipients_and_reviewers(office):
    group = recipient_group_save(
        by=None,
        owner=office.city,
        name="Hai quận",
        units=[office.network.badinh, office.network.hoankiem],
    )
    client = client_for(office.user("chuyenvien.thanhuy"))
    form = get(client, "/outgoing/new/").get("draft-form")
    assert form.attrs["enctype"] == "multipart/form-data"
    assert form.find("input", name="csrfmiddlewaretoken") is not None
    assert form.get("recipient-groups").find("label", data_group=str(group.pk)) is not None
    assert form.get("unit-picker").find("li", data_slug="badinh") is not None
    signers = [o.attrs["value"] for o in form.find(name="signer").find_all("option")]
    assert str(office.user("lanhdao.thanhuy").pk) in signers
    assert str(office.user("lanhdao.badinh").pk) not in signers
    reviewers = [o.attrs["value"] for o in form.get("reviewer-1").find_all("option")]
    assert str(office.user("lanhdaovp.thanhuy").pk) in reviewers
    assert str(office.user("lanhdao.badinh").pk) not in reviewers  # another committee's leader

    attachment = upload("phu-luc.docx", docx_bytes(["Phụ lục"]), DOCX)
    main = upload("du-thao.pdf", office.party_draft("web"))
    data = _draft_data(
        office,
        uploads=[attachment, main],
        main="2",
        recipient_groups=[str(group.pk)],
        recipient_units=["hoankiem", "thanhuy-btc"],
        outside="organ:000.00.00.H99=Sở Nội vụ, email:vanthu@example.vn",
    )
    response = client.post("/outgoing/new/", data)
    if response.status_code != 302:
        page = page_of(response, 400)
        errors = [e.text for e in page.find_all("small", **{"class": "field-error"})]
        pytest.fail(f"{errors} {messages_of(page)} {page.find(data_testid='form-errors')}")
    outgoing = OutgoingDocument.objects.select_related("document").get()
    assert response["Location"] == f"/outgoing/{outgoing.pk}/"
    assert (outgoing.status, outgoing.author, outgoing.unit) == (
        OutgoingStatus.DRAFT,
        office.user("chuyenvien.thanhuy"),
        office.city,
    )
    assert outgoing.planned_reviewers == [
        office.user("lanhdaovp.thanhuy").pk,
        office.user("phobithu.thanhuy").pk,
    ]
    assert outgoing.document.urgency == "khan"
    files = list(outgoing.document.files.order_by("-is_main", "position"))
    assert [(f.name, f.is_main) for f in files] == [("du-thao.pdf", True), ("phu-luc.docx", False)]
    names = [str(r) for r in outgoing.recipients.all()]
    assert names == [
        "Quận ủy Ba Đình",
        "Quận ủy Hoàn Kiếm",
        "Ban Tổ chức Thành ủy",
        "Sở Nội vụ",
        "vanthu@example.vn",
    ]
    page = get(client, f"/outgoing/{outgoing.pk}/")
    attachment_url = page.get("attachments").find("a").attrs["href"]
    assert client.get(attachment_url).status_code == 200
    assert messages_of(page) == [vi("The draft was saved. Submit it for review when it is ready.")]
    assert page.get("doc-header").attrs["data-status"] == "draft"
    assert set(_actions(page)) >= {"revise", "submit", "cancel", "comment"}
    submit = page.get("submit-form")
    chosen = [s.find("option", selected=True) for s in submit.find_all("select", name="reviewers")]
    assert [o.attrs["value"] for o in chosen if o] == [str(pk) for pk in outgoing.planned_reviewers]
    assert page.get("history").find("li", data_kind="draft_created") is not None


def test_bad_drafts_come_back_with_messages_and_nothing_is_kept(office):
    client = client_for(office.user("chuyenvien.thanhuy"))
    before = Document.objects.count()
    cases: list[dict[str, Any]] = [
        {"subject": "", "signer": ""},  # the form's own checks
        {"uploads": [upload("anh.png", scan_png(), "image/png")]},  # not DOCX or PDF
        {"uploads": [upload("trong.pdf", b"")]},  # an empty file
        {"outside": "fax:123"},  # not a recipient
        {"recipient_units": [], "outside": ""},  # nobody
        {"document_type": "GM"},  # a Party type without an abbreviation
        {"reviewers": [str(office.user("lanhdao.thanhuy").pk)]},  # the signer reviews
    ]
    for overrides in cases:
        response = client.post("/outgoing/new/", _draft_data(office, **overrides))
        page = page_of(response, 400)
        errors = page.find_all("small", **{"class": "field-error"}) + page.find_all(
            data_testid="form-errors"
        )
        assert errors or messages_of(page), overrides
        assert page.has("draft-form")
    assert Document.objects.count() == before
    assert not OutgoingDocument.objects.exists()


def test_only_those_who_draft_open_the_form(office):
    assert client_for(office.user("vanthu.thanhuy")).get("/outgoing/new/").status_code == 403
    anonymous = Client().get("/outgoing/new/")
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/accounts/login/")


def test_a_reply_is_drafted_from_the_incoming_documents_page(office):
    from tests.incoming.test_views import registered

    incoming = registered(office.network, pdf_bytes())
    specialist = client_for(office.user("chuyenvien.badinh"))
    # The specialist sees the incoming document once it is assigned; the leader directs it.
    from vanphong.incoming.processing import incoming_direct

    incoming_direct(
        by=office.user("lanhdao.badinh"),
        incoming=incoming,
        text="Đề nghị trả lời",
        lead=office.user("chuyenvien.badinh"),
    )
    page = get(specialist, f"/incoming/{incoming.pk}/")
    link = page.get("draft-reply").attrs["href"]
    assert link == f"/outgoing/new/?reply_to={incoming.pk}"
    form = get(specialist, link)
    assert form.has("reply-to")
    assert form.get("draft-form").find(name="reply_to").attrs["value"] == str(incoming.pk)
    # The clerk registers, does not draft: no link.
    assert not get(client_for(office.user("vanthu.badinh")), f"/incoming/{incoming.pk}/").has(
        "draft-reply"
    )


# --- the document's page and its steps ------------------------------------------------------


def test_the_whole_way_through_the_web_to_the_recipients_status(office, run_jobs):
    outgoing = office.create()
    author = client_for(office.user("chuyenvien.thanhuy"))
    url = f"/outgoing/{outgoing.pk}/"
    reviewers = [office.user("lanhdaovp.thanhuy"), office.user("phobithu.thanhuy")]
    page = _post(
        author,
        url + "submit/",
        {"reviewers": [str(u.pk) for u in reviewers], "review_mode": "sequential"},
    )
    assert page.get("doc-header").attrs["data-status"] == "in_review"
    steps = page.get("review").find_all("tr", data_step=True)
    assert [s.attrs["data-status"] for s in steps] == ["pending", "waiting"]

    # The second reviewer's turn has not come: the step is refused (403), nothing changes.
    second = client_for(reviewers[1])
    assert second.post(url + "approve/").status_code == 403
    first = client_for(reviewers[0])
    assert "approve" in _actions(get(first, url))
    _post(first, url + "approve/", {"comment": "Đồng ý"})
    page = _post(second, url + "approve/")
    assert page.get("doc-header").attrs["data-status"] == "approved"

    signer = client_for(office.user("lanhdao.thanhuy"))
    assert "sign" in _actions(get(signer, url))
    page = _post(signer, url + "sign/", {"passphrase": "sai"})
    assert page.get("doc-header").attrs["data-status"] == "approved"
    assert messages_of(page), "the wrong passphrase is said"
    page = _post(signer, url + "sign/", {"passphrase": PASSPHRASE})
    assert page.get("doc-header").attrs["data-status"] == "signed"
    assert page.has("signed-file")

    clerk = client_for(office.user("vanthu.thanhuy"))
    page = _post(clerk, url + "issue/", {"passphrase": PASSPHRASE})
    assert page.get("symbol").text == "Số 01-CT/TU"
    assert messages_of(page) == [vi("Issued as %(symbol)s.", symbol="01-CT/TU")]
    pdf = clerk.get(url + "file/")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")

    run_jobs()
    copy = Delivery.objects.get(recipient_unit=office.network.badinh).incoming
    copy = incoming_register(by=office.user("vanthu.badinh"), incoming=copy)
    run_jobs()
    page = get(clerk, url)
    rows = {r.attrs["data-unit"]: r for r in page.get("deliveries").find_all("tr", data_unit=True)}
    assert rows["badinh"].attrs["data-status"] == "03"
    assert rows["badinh"].find(data_testid="arrival-number").text == f"1/{copy.arrival_year}"
    assert rows["hoankiem"].attrs["data-status"] == "01"
    history = page.get("history")
    for kind in ("submitted", "review_approved", "signed", "numbered", "issued"):
        assert history.find("li", data_kind=kind) is not None, kind
    assert set(_actions(page)) >= {"recall", "update"}


def test_return_comment_revise_and_submit_again(office):
    outgoing = office.create(reviewers=("lanhdaovp.thanhuy",))
    url = f"/outgoing/{outgoing.pk}/"
    author = client_for(office.user("chuyenvien.thanhuy"))
    _post(author, url + "submit/", {"reviewers": [], "review_mode": "parallel"})
    outgoing.refresh_from_db()
    # No reviewer: straight to the signer, who returns it (a comment is required).
    assert outgoing.status == OutgoingStatus.APPROVED
    signer = client_for(office.user("lanhdao.thanhuy"))
    page = _post(signer, url + "return/", {"comment": ""})
    assert page.get("doc-header").attrs["data-status"] == "approved"
    assert messages_of(page)
    page = _post(signer, url + "return/", {"comment": "Sửa phần mở đầu"})
    assert page.get("doc-header").attrs["data-status"] == "returned"

    page = _post(author, url + "comment/", {"text": "Đã sửa theo ý kiến", "version": "1"})
    comments = page.get("versions").find("li", data_version="1").get("comments")
    assert "Sửa phần mở đầu" in comments.text
    assert "Đã sửa theo ý kiến" in comments.text
    new = upload("du-thao-2.docx", docx_bytes(["Dự thảo lần 2"]), DOCX)
    page = _post(author, url + "versions/", {"upload": new, "note": "Sửa mở đầu"})
    assert page.get("versions").find("li", data_version="2") is not None
    version = author.get(url + "versions/2/file/")
    assert version.status_code == 200
    # A bad file is a message; the page stays as it was.
    page = _post(author, url + "versions/", {"upload": upload("a.png", scan_png(), "image/png")})
    assert page.get("versions").find("li", data_version="3") is None
    assert messages_of(page)

    reviewer = office.user("lanhdaovp.thanhuy")
    _post(author, url + "submit/", {"reviewers": [str(reviewer.pk)], "review_mode": "sequential"})
    page = _post(client_for(reviewer), url + "return/", {"comment": "Chưa đạt"})
    assert page.get("doc-header").attrs["data-status"] == "returned"
    step = ReviewStep.objects.get(outgoing=outgoing, round=2)
    assert (step.status, step.comment) == (StepStatus.RETURNED, "Chưa đạt")


def test_forward_and_cancel(office):
    outgoing = office.create(reviewers=("lanhdaovp.thanhuy",))
    outgoing_submit(by=outgoing.author, outgoing=outgoing)
    url = f"/outgoing/{outgoing.pk}/"
    reviewer = client_for(office.user("lanhdaovp.thanhuy"))
    assert get(reviewer, url).has("forward-form")
    target = office.user("phobithu.thanhuy")
    _post(reviewer, url + "forward/", {"to": str(target.pk), "comment": "Xin ý kiến"})
    assert "approve" in _actions(get(client_for(target), url))
    author = client_for(office.user("chuyenvien.thanhuy"))
    page = _post(author, url + "cancel/", {"reason": ""})
    assert messages_of(page)
    page = _post(author, url + "cancel/", {"reason": "Không cần ban hành nữa"})
    assert page.get("doc-header").attrs["data-status"] == "cancelled"
    assert _actions(page) == []


def test_after_issue_update_recall_and_replace(office, run_jobs):
    outgoing = office.issued()
    url = f"/outgoing/{outgoing.pk}/"
    run_jobs()
    clerk = client_for(office.user("vanthu.thanhuy"))
    page = _post(
        clerk,
        url + "update/",
        {
            "subject": "Về công tác tham mưu (sửa)",
            "urgency": "khan",
            "due_date": "",
            "reason": "Sai",
        },
    )
    assert page.get("subject").text == "Về công tác tham mưu (sửa)"
    page = _post(clerk, url + "recall/", {"reason": "Ban hành nhầm"})
    rows = page.get("deliveries").find_all("tr", data_unit=True)
    assert all(r.find("small", data_request="recall") is not None for r in rows)

    author = client_for(office.user("chuyenvien.thanhuy"))
    response = author.post(
        url + "replace/",
        {"upload": upload("thay-the.pdf", office.party_draft("thay")), "reason": "Sai nội dung"},
    )
    assert response.status_code == 302
    replacement = OutgoingDocument.objects.get(replaces=outgoing)
    assert response["Location"] == f"/outgoing/{replacement.pk}/"
    assert get(author, response["Location"]).has("replaces")


def test_nobody_else_sees_or_acts(office):
    outgoing = office.create()
    url = f"/outgoing/{outgoing.pk}/"
    outsider = client_for(office.user("vanthu.badinh"))
    assert outsider.get(url).status_code == 404
    assert outsider.get(url + "versions/1/file/").status_code == 404
    assert outsider.post(url + "cancel/", {"reason": "x"}).status_code == 404
    # The clerk of the unit sees the draft but takes no step on it yet.
    clerk = client_for(office.user("vanthu.thanhuy"))
    page = get(clerk, url)
    assert "cancel" not in _actions(page)
    assert clerk.post(url + "cancel/", {"reason": "x"}).status_code == 403
    assert clerk.post(url + "issue/", {"passphrase": PASSPHRASE}).status_code == 403
    assert clerk.get(url + "file/").status_code == 404  # not signed yet
    assert get(clerk, "/outgoing/999999/", 404)
    # Every step needs its CSRF token.
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(office.user("chuyenvien.thanhuy"))
    assert strict.post(url + "cancel/", {"reason": "x"}).status_code == 403
    outgoing.refresh_from_db()
    assert outgoing.status == OutgoingStatus.DRAFT
    assert not IncomingDocument.objects.exists()


@pytest.mark.parametrize("tab", ["todo", "mine", "issued", "all"])
def test_every_tab_renders_for_every_role(office, tab):
    office.issued()
    for name in ("vanthu.thanhuy", "chuyenvien.thanhuy", "lanhdao.thanhuy", "quantri.thanhuy"):
        get(client_for(office.user(name)), f"/outgoing/?tab={tab}")
