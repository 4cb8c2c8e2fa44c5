"""The processing pages in the browser's terms: directing a document from its page, the inbox
and the unit's follow-up, one assignment and every step its assignee takes, and the history.

Pages are read as a person reads them (``tests.web.dom``); texts are compared through the
Vietnamese catalogue (``vi``). Dates are relative to today (Vietnam time): work that must be
overdue today is given "in the past" through the services, with the clock set back.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import docx_bytes, pdf_bytes, upload, zip_bytes
from tests.incoming.test_views import client_for, field_error, get, messages_of, page_of, vi
from tests.web.dom import Node
from tests.work.helpers import (
    DOCX,
    calendar,
    docx_file,
    person,
    register,
    reply_document,
    sub_unit,
)
from vanphong.core import paging
from vanphong.documents.models import Document, DocumentEvent, DocumentFile
from vanphong.documents.storage import rejection_message
from vanphong.incoming.models import IncomingStatus
from vanphong.incoming.processing import (
    incoming_complete,
    incoming_default_deadline,
    incoming_direct,
    incoming_give_back,
    incoming_progress,
)
from vanphong.registers.services import register_create
from vanphong.work import views
from vanphong.work.models import Assignment, AssignmentStatus
from vanphong.work.services import (
    assignment_accept,
    assignment_attach,
    assignment_comment,
    assignment_hand_over,
    assignment_mark_read,
    assignment_remind,
    work_rules_set,
)


@pytest.fixture
def office(network):
    """Ba Đình with a second specialist and a board (ban) that has a specialist of its own."""
    person(network, "chuyenvien2.badinh", network.badinh)
    board = sub_unit(network, "badinh-btg", network.badinh, "Ban Tuyên giáo Quận ủy")
    person(network, "chuyenvien.badinh-btg", board)
    network.board_badinh = board
    return network


@contextmanager
def days_ago(days: int) -> Iterator[None]:
    """Run the services as if it were ``days`` days ago (registration, direction, deadline)."""
    real = timezone.now
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: real() - dt.timedelta(days=days))
        yield


_numbers = itertools.count(100)


def fresh(net, **metadata):
    """A document registered with a number and symbol of its own (not a possible duplicate)."""
    number = next(_numbers)
    return register(net, **{"symbol": f"{number}-CV/TU", **metadata})


def direct(net, incoming=None, *, lead="chuyenvien.badinh", by="lanhdaovp.badinh", **kwargs):
    """Direct a (new) registered document with ``lead`` as its lead; the lead's assignment."""
    incoming = incoming or fresh(net)
    lead_target = lead if not isinstance(lead, str) else net.user(lead)
    direction = incoming_direct(
        by=net.user(by),
        incoming=incoming,
        text=kwargs.pop("text", "Giao xử lý"),
        lead=lead_target,
        **kwargs,
    )
    return direction.assignments.order_by("pk").first()


def day(value: dt.date) -> str:
    return value.strftime("%d/%m/%Y")


def key(who: Any) -> str:
    """The value a person or unit has in the direction form."""
    return f"{'u' if hasattr(who, 'path') else 'p'}{who.pk}"


def with_class(node: Node, tag: str, name: str) -> list[Node]:
    return [n for n in node.find_all(tag) if name in n.attrs.get("class", "").split()]


def rows(node: Node, testid: str = "work-list") -> list[Node]:
    return node.get(testid).find_all("tr", data_id=True)


def counts_of(node: Node) -> dict[str, int]:
    tabs = node.get("tabs")
    return {
        a.attrs["data-bucket"]: int(a.find("span", data_testid=True).text)
        for a in tabs.find_all("a", data_bucket=True)
    }


def step_lines(node: Node, kind: str) -> list[str]:
    return [li.text for li in node.get("history").find_all("li", data_kind=kind)]


# --- directing from the document page ------------------------------------------------------


def test_the_office_leader_gets_the_direction_form_with_everyone_grouped(office):
    net = office
    incoming = fresh(net, urgency="khan")
    page = get(client_for(net.user("lanhdaovp.badinh")), f"/incoming/{incoming.pk}/")
    form = page.get("direction-form")
    assert form.attrs["action"] == f"/incoming/{incoming.pk}/direct/"
    assert page.get("direction-box").attrs.get("open") == ""
    # Units under Ba Đình first, then people by unit; one row each with the three roles.
    groups = [g.find("tr").text for g in with_class(form, "tbody", "assignee-group")]
    assert groups == [vi("Units"), "Quận ủy Ba Đình", "Ban Tuyên giáo Quận ủy"]
    board = net.board_badinh
    specialist = net.user("chuyenvien.badinh")
    row = form.find("tr", data_key=key(specialist))
    assert row.find("input", name="lead").attrs["type"] == "radio"
    assert row.find("input", name="cooperate").attrs["type"] == "checkbox"
    assert row.find("input", name="inform").attrs["type"] == "checkbox"
    assert vi("Specialist") in row.text
    assert form.find("tr", data_key=key(board))
    assert form.find("tr", data_key=key(net.user("chuyenvien.badinh-btg")))
    assert not form.find("tr", data_key=key(net.user("chuyenvien.hoankiem")))
    assert not form.find("tr", data_key=key(net.badinh))  # the unit itself is not "under" it
    # The deadline is proposed from the urgency and the rules, day first; editable.
    deadline = form.find("input", name="deadline")
    assert deadline.attrs["value"] == day(incoming_default_deadline(incoming))
    assert deadline.attrs["placeholder"] == "dd/mm/yyyy"
    # The search box is the script's to show: without it the table is all there is.
    assert "hidden" in with_class(form, "label", "assignee-search")[0].attrs


@pytest.mark.parametrize(
    ("username", "status"),
    [
        ("lanhdao.badinh", 200),  # a leader of the receiving unit directs too
        ("chuyenvien.badinh", 404),  # nothing assigned to them: the document is not theirs
        ("vanthu.badinh", 200),  # the clerk sees the document, not the form
        ("lanhdaovp.hoankiem", 404),
        ("lanhdao.thanhuy", 404),  # the unit above does not direct Ba Đình's work
    ],
)
def test_only_the_receiving_units_leaders_direct(office, username, status):
    incoming = register(office)
    client = client_for(office.user(username))
    response = client.get(f"/incoming/{incoming.pk}/")
    assert response.status_code == status
    page = page_of(response, status)
    assert page.has("direction-form") == (username == "lanhdao.badinh")
    lead = key(office.user("chuyenvien.badinh"))
    posted = client.post(f"/incoming/{incoming.pk}/direct/", {"lead": lead})
    expected = {"lanhdao.badinh": 302, "vanthu.badinh": 403}.get(username, 404)
    assert posted.status_code == expected
    if expected != 302:
        assert Assignment.objects.count() == 0


def test_a_leader_directs_and_the_page_shows_who_has_which_part(office):
    net = office
    incoming = fresh(net)
    client = client_for(net.user("lanhdaovp.badinh"))
    deadline = calendar().add_working_days(timezone.localdate(), 8)
    specialist, reader = net.user("chuyenvien.badinh"), net.user("lanhdao.badinh")
    response = client.post(
        f"/incoming/{incoming.pk}/direct/",
        {
            "text": "Giao đồng chí chủ trì tham mưu văn bản trả lời.",
            "lead": key(specialist),
            "cooperate": [key(net.board_badinh)],
            "inform": [key(reader)],
            "deadline": day(deadline),
        },
        follow=True,
    )
    page = page_of(response)
    assert messages_of(page) == [
        vi(
            "The direction was recorded and %(count)s assignments given, due %(date)s.",
            count=3,
            date=day(deadline),
        )
    ]
    assert page.get("doc-header").attrs["data-status"] == "in_progress"
    assert page.get("deadline").text == day(deadline)
    assert "Giao đồng chí chủ trì" in page.get("direction").text
    table = page.get("assignments")
    lines = table.find_all("tr", data_assignment=True)
    assert [(r.attrs["data-kind"], r.attrs["data-status"]) for r in lines] == [
        ("lead", "new"),
        ("cooperate", "new"),
        ("inform", "new"),
    ]
    assert specialist.get_full_name() in lines[0].text
    assert vi("Lead") in lines[0].text
    assert day(deadline) in lines[1].text
    assert "Ban Tuyên giáo" in lines[1].text
    assert lines[0].find("progress").attrs["value"] == "0"
    # Work given: the form now changes the direction, folded away.
    box = page.get("direction-box")
    assert "open" not in box.attrs
    assert page.get("direction-form").attrs["action"] == f"/incoming/{incoming.pk}/reassign/"
    # Every step in the history, with who was given what and by when.
    [directed] = step_lines(page, "directed")
    assert vi("Direction written", "history step") in directed
    assert "Giao đồng chí chủ trì" in directed
    assigned = step_lines(page, "assigned")
    assert len(assigned) == 3
    assert specialist.get_full_name() in assigned[0]
    assert vi("Lead") in assigned[0]
    assert day(deadline) in assigned[0]
    assert reader.get_full_name() in assigned[2]
    assert vi("For information") in assigned[2]


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"lead": ""}, "lead"),
        ({"lead": "p999999"}, "lead"),  # not offered
        ({"cooperate": ["u999999"]}, "cooperate"),
        ({"deadline": "31/02/2027"}, "deadline"),
        ({"deadline": "hôm nay"}, "deadline"),
        ("past", "deadline"),
        ({"text": "x" * 4001}, "text"),
        ("twice", None),  # one person as lead and co-operator
    ],
)
def test_bad_directions_are_answered_on_the_form(office, values, field):
    net = office
    incoming = fresh(net)
    specialist = net.user("chuyenvien.badinh")
    data: dict[str, Any] = {"text": "Giao xử lý", "lead": key(specialist), "deadline": ""}
    if values == "past":
        data["deadline"] = day(timezone.localdate() - dt.timedelta(days=1))
    elif values == "twice":
        data["cooperate"] = [key(specialist), key(net.user("chuyenvien2.badinh"))]
    else:
        data.update(values)
    response = client_for(net.user("lanhdaovp.badinh")).post(
        f"/incoming/{incoming.pk}/direct/", data
    )
    page = page_of(response, 400)
    form = page.get("direction-form")
    if field is None:
        assert specialist.get_full_name() in form.get("form-errors").text
    else:
        assert field_error(form, field), field
    assert Assignment.objects.count() == 0
    incoming.refresh_from_db()
    assert incoming.status == IncomingStatus.REGISTERED
    # What was chosen is still chosen.
    if data["lead"] == key(specialist):
        chosen = form.find("tr", data_key=key(specialist)).find("input", name="lead")
        assert "checked" in chosen.attrs


def test_a_secret_document_offers_only_people_cleared_for_it(office):
    net = office
    cleared = person(net, "chuyenvienmat.badinh", net.badinh, clearance=1)
    leader = person(net, "lanhdaomat.badinh", net.badinh, role="lanhdao", clearance=1)
    register_create(
        by=None, unit=net.badinh, kind="incoming", name="Sổ văn bản mật đến", min_secrecy=1
    )
    incoming = fresh(net, secrecy="mat")
    form = get(client_for(leader), f"/incoming/{incoming.pk}/").get("direction-form")
    assert form.find("tr", data_key=key(cleared))
    assert not form.find("tr", data_key=key(net.user("chuyenvien.badinh")))
    # The office leader is not cleared: the document does not exist for them.
    assert client_for(net.user("lanhdaovp.badinh")).get(
        f"/incoming/{incoming.pk}/"
    ).status_code == (404)


def test_directing_twice_is_refused_with_the_way_forward(office):
    net = office
    lead = direct(net)
    incoming = lead.document.incoming
    client = client_for(net.user("lanhdao.badinh"))
    data = {"lead": key(net.user("chuyenvien2.badinh"))}
    page = page_of(client.post(f"/incoming/{incoming.pk}/direct/", data, follow=True))
    assert messages_of(page) == [
        vi("This document is already being worked on; change the direction instead.")
    ]
    assert Assignment.objects.count() == 1


def test_the_leader_changes_the_direction(office):
    net = office
    reader = net.user("lanhdao.badinh")
    lead = direct(net, cooperate=[net.user("chuyenvien2.badinh")], inform=[reader])
    incoming = lead.document.incoming
    client = client_for(net.user("lanhdaovp.badinh"))
    form = get(client, f"/incoming/{incoming.pk}/").get("direction-form")
    # The form starts from the work as it stands; readers already informed stay informed.
    assert (
        "checked"
        in form.find("tr", data_key=key(lead.assignee_user)).find("input", name="lead").attrs
    )
    reader_row = form.find("tr", data_key=key(reader))
    assert reader_row.has("informed")
    assert not reader_row.find("input", name="inform")

    board = net.board_badinh
    response = client.post(
        f"/incoming/{incoming.pk}/reassign/",
        {"text": "Giao Ban Tuyên giáo chủ trì", "lead": key(board), "reason": "Đúng chức năng"},
        follow=True,
    )
    page = page_of(response)
    assert len(messages_of(page)) == 1
    lead.refresh_from_db()
    assert (lead.status, lead.reason) == (AssignmentStatus.WITHDRAWN, "Đúng chức năng")
    open_lead = Assignment.objects.get(document=incoming.document, kind="lead", status="new")
    assert open_lead.assignee_unit == board
    withdrawn = step_lines(page, "withdrawn")
    assert len(withdrawn) == 2  # the lead and the co-operator
    assert "Đúng chức năng" in withdrawn[0]
    assert vi("Direction changed", "history step") in step_lines(page, "redirected")[0]
    # A change without a lead is answered on the form, and nothing is withdrawn.
    bad = page_of(client.post(f"/incoming/{incoming.pk}/reassign/", {"text": "x"}), 400)
    assert field_error(bad.get("direction-form"), "lead")
    assert bad.get("direction-box").attrs.get("open") == ""
    open_lead.refresh_from_db()
    assert open_lead.status == AssignmentStatus.NEW


def test_work_given_back_asks_the_leader_to_direct_again(office):
    net = office
    lead = direct(net)
    incoming = lead.document.incoming
    incoming_give_back(by=net.user("chuyenvien.badinh"), assignment=lead, reason="Sai lĩnh vực")
    client = client_for(net.user("lanhdaovp.badinh"))
    page = get(client, f"/incoming/{incoming.pk}/")
    assert page.has("given-back")
    assert page.get("direction-box").attrs.get("open") == ""
    assert page.get("direction-form").attrs["action"].endswith("/reassign/")
    assert "Sai lĩnh vực" in step_lines(page, "assignment_returned")[0]
    # Directing it as if new would leave the standing work aside: refused with the way forward.
    data = {"lead": key(net.user("chuyenvien2.badinh"))}
    refused = page_of(client.post(f"/incoming/{incoming.pk}/direct/", data, follow=True))
    assert messages_of(refused) == [
        vi("This document has been directed before; change the direction instead.")
    ]
    again = client.post(f"/incoming/{incoming.pk}/reassign/", data)
    assert again.status_code == 302
    incoming.refresh_from_db()
    assert incoming.status == IncomingStatus.IN_PROGRESS


def test_the_leader_reminds_from_the_document_page(office):
    net = office
    lead = direct(net, inform=[net.user("lanhdao.badinh")])
    incoming = lead.document.incoming
    client = client_for(net.user("lanhdaovp.badinh"))
    page = get(client, f"/incoming/{incoming.pk}/")
    reminders = page.get("assignments").find_all("button", data_testid="remind")
    assert len(reminders) == 1  # the lead's; work for information is only read
    response = client.post(f"/work/{lead.pk}/remind/", {"back": "document"}, follow=True)
    page = page_of(response)
    assert response.redirect_chain[-1][0] == f"/incoming/{incoming.pk}/"
    assert messages_of(page) == [
        vi("%(name)s was reminded of the work.", name=lead.assignee_user.get_full_name())
    ]
    assert vi("Reminder", "history step") in step_lines(page, "reminded")[0]
    # The assignee does not urge themselves on; a stranger does not even see the work.
    specialist = client_for(net.user("chuyenvien.badinh"))
    assert (
        not get(specialist, f"/incoming/{incoming.pk}/")
        .get("assignments")
        .find("button", data_testid="remind")
    )
    assert specialist.post(f"/work/{lead.pk}/remind/").status_code == 403
    assert client_for(net.user("chuyenvien2.badinh")).post(
        f"/work/{lead.pk}/remind/"
    ).status_code == (404)


# --- the inbox ----------------------------------------------------------------------------


def _five_buckets(net):
    """One piece of the specialist's work in each bucket (as of today)."""
    today = timezone.localdate()
    with days_ago(30):
        overdue = direct(net, deadline=timezone.localdate() + dt.timedelta(days=10))
    near = direct(net, deadline=today)
    far = calendar().add_working_days(today, 20)
    new = direct(net, deadline=far)
    started = direct(net, deadline=far)
    assignment_accept(by=net.user("chuyenvien.badinh"), assignment=started)
    done = direct(net, deadline=far)
    incoming_complete(by=net.user("chuyenvien.badinh"), assignment=done, result="Xong")
    return {"overdue": overdue, "near_due": near, "new": new, "in_progress": started, "done": done}


def test_my_work_has_a_tab_per_bucket_with_counts_and_marks_late_work(office):
    net = office
    work = _five_buckets(net)
    client = client_for(net.user("chuyenvien.badinh"))
    page = get(client, "/work/")
    assert counts_of(page) == {
        "all": 5,
        "new": 1,
        "in_progress": 1,
        "near_due": 1,
        "overdue": 1,
        "done": 1,
    }
    listed = {r.attrs["data-id"]: r for r in rows(page)}
    assert set(listed) == {str(a.pk) for a in work.values()}
    late = listed[str(work["overdue"].pk)]
    assert late.attrs["data-bucket"] == "overdue"
    assert "bucket-overdue" in late.attrs["class"]
    assert late.find("mark").text == vi("Overdue")
    near = listed[str(work["near_due"].pk)]
    assert "bucket-near_due" in near.attrs["class"]
    assert near.find("mark").text == vi("Near due")
    assert not listed[str(work["new"].pk)].find("mark")
    # Each row opens the assignment.
    assert f"/work/{work['new'].pk}/" in listed[str(work["new"].pk)].links()
    # A tab lists its bucket only, and says so.
    for bucket, assignment in work.items():
        tab = get(client, f"/work/?bucket={bucket}")
        assert [r.attrs["data-id"] for r in rows(tab)] == [str(assignment.pk)], bucket
        current = tab.get("tabs").find("a", aria_current="page")
        assert current.attrs["data-bucket"] == bucket
    # The navigation's "My work" is the page's.
    [nav] = with_class(page, "nav", "modules")
    assert nav.find("a", aria_current="page").attrs["href"] == "/work/"


def test_a_row_of_work_shows_its_document_clipped_and_marked(office):
    net = office
    subject = "Về việc tăng cường công tác kiểm tra, giám sát " * 5
    lead = direct(net, fresh(net, subject=subject, urgency="khan"))
    incoming = lead.document.incoming
    [row] = rows(get(client_for(net.user("chuyenvien.badinh")), "/work/"))
    link = row.find("a")
    assert link.attrs["href"] == f"/work/{lead.pk}/"
    assert link.text == f"{lead.document.symbol} — {subject[:139]}…"
    assert row.find("mark", data_testid="urgency").text == "Khẩn"
    assert row.find("td").text == f"{incoming.arrival_number}/{incoming.arrival_year}"
    assert with_class(row, "span", "role-lead")[0].text == vi("Lead")


def test_a_units_rules_move_work_into_near_due(office):
    net = office
    today = timezone.localdate()
    soon = calendar().add_working_days(today, 4)
    lead = direct(net, deadline=soon)
    client = client_for(net.user("chuyenvien.badinh"))
    assert rows(get(client, "/work/"))[0].attrs["data-bucket"] == "new"
    work_rules_set(by=None, unit=net.badinh, near_due_days=5)
    [row] = rows(get(client, "/work/"))
    assert (row.attrs["data-id"], row.attrs["data-bucket"]) == (str(lead.pk), "near_due")


def test_filters_narrow_the_list_and_the_counts(office):
    net = office
    specialist = net.user("chuyenvien.badinh")
    for username in ("chuyenvien.badinh", "lanhdaovp.badinh"):
        cleared = net.user(username)
        cleared.clearance = 1
        cleared.save(update_fields=["clearance"])
    secret_book = register_create(
        by=None, unit=net.badinh, kind="incoming", name="Sổ văn bản mật đến", min_secrecy=1
    )
    with days_ago(20):
        old = direct(net, fresh(net, issuer="Ban Tổ chức Thành ủy", document_type="CV"))
    urgent = direct(net, fresh(net, urgency="hoa_toc"))
    secret = direct(net, fresh(net, secrecy="mat"), lead=net.board_badinh, inform=[specialist])
    inform = Assignment.objects.get(document=secret.document, kind="inform")
    client = client_for(specialist)

    def ids(query: str) -> set[int]:
        return {int(r.attrs["data-id"]) for r in rows(get(client, "/work/?" + query))}

    assert ids("") == {old.pk, urgent.pk, inform.pk}
    assert ids("urgency=hoa_toc") == {urgent.pk}
    assert ids("issuer=T%E1%BB%95+ch%E1%BB%A9c") == {old.pk}  # "Tổ chức"
    assert ids("document_type=CV") == {old.pk}
    assert ids(f"register={secret_book.pk}") == {inform.pk}
    assert ids("kind=inform") == {inform.pk}
    assert ids("status=new&kind=lead") == {old.pk, urgent.pk}
    since = day(timezone.localdate() - dt.timedelta(days=2))
    assert ids(f"arrived_from={since}") == {urgent.pk, inform.pk}
    until = day(timezone.localdate() - dt.timedelta(days=10))
    assert ids(f"arrived_to={until}") == {old.pk}
    filtered = get(client, "/work/?urgency=hoa_toc")
    assert counts_of(filtered)["all"] == 1
    assert filtered.get("filters-box").attrs.get("open") == ""
    # Sorting: the most urgent first; the newest arrival first.
    order = [int(r.attrs["data-id"]) for r in rows(get(client, "/work/?sort=urgency"))]
    assert order[0] == urgent.pk
    order = [int(r.attrs["data-id"]) for r in rows(get(client, "/work/?sort=-arrival"))]
    assert order.index(urgent.pk) < order.index(old.pk)


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("arrived_from=99/99/9999", "arrived_from"),
        ("arrived_from=10/03/2026&arrived_to=01/03/2026", "arrived_to"),
        ("urgency=asap", "urgency"),
        ("register=abc", "register"),
        ("sort=bogus", "sort"),
        ("status=%3Cscript%3E", "status"),
        ("bucket=weird&page=abc", None),
        ("page=-3", None),
        ("issuer=" + "x" * 300, "issuer"),
    ],
)
def test_odd_filters_are_shown_as_errors_never_a_500(office, query, field):
    direct(office)
    page = get(client_for(office.user("chuyenvien.badinh")), "/work/?" + query)
    if field:
        assert field_error(page.get("filters"), field), field
    assert len(rows(page)) == 1  # what is not valid does not filter


def test_pages_of_25_keep_the_filters_and_the_tab(office):
    net = office
    # A deadline of its own, far off: an urgent document's default one falls within the near
    # due days on a working day, and the work would not be new.
    far = timezone.localdate() + dt.timedelta(days=30)
    for _ in range(27):
        direct(net, fresh(net, urgency="khan"), deadline=far)
    direct(net, fresh(net), deadline=far)  # ordinary: filtered out
    client = client_for(net.user("chuyenvien.badinh"))
    first = get(client, "/work/?urgency=khan&bucket=new")
    assert len(rows(first)) == 25
    pager = first.get("pager")
    assert vi("Page %(number)s of %(total)s", number=1, total=2) in pager.text
    next_url = pager.find("a", rel="next").attrs["href"]
    assert "urgency=khan" in next_url
    assert "bucket=new" in next_url
    second = get(client, "/work/" + next_url)
    assert len(rows(second)) == 2
    assert not second.get("pager").find("a", rel="next")
    assert "page" not in second.get("pager").find("a", rel="prev").attrs["href"]
    seen = {r.attrs["data-id"] for r in rows(first)} | {r.attrs["data-id"] for r in rows(second)}
    assert len(seen) == 27
    # A page past the end (work done meanwhile) goes to the last one.
    response = client.get("/work/?urgency=khan&bucket=new&page=9")
    assert response.status_code == 302
    assert "page=2" in response["Location"]
    assert "urgency=khan" in response["Location"]


def test_done_work_past_the_counting_limit_is_more_than_and_follows_the_open_work(
    office, monkeypatch
):
    net = office
    monkeypatch.setattr(paging, "COUNT_CAP", 2)
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    specialist = net.user("chuyenvien.badinh")
    today = timezone.localdate()
    done = []
    for days in (1, 2, 3):
        done.append(direct(net, deadline=calendar().add_working_days(today, days)))
        incoming_complete(by=specialist, assignment=done[-1], result="Xong")
    open_ = direct(net, deadline=calendar().add_working_days(today, 10))
    client = client_for(specialist)
    first = get(client, "/work/")
    tabs = {
        a.attrs["data-bucket"]: a.find("span", data_testid=True)
        for a in first.get("tabs").find_all("a", data_bucket=True)
    }
    assert {key: tab.text for key, tab in tabs.items()} == {
        "all": "3+",
        "new": "1",
        "in_progress": "0",
        "near_due": "0",
        "overdue": "0",
        "done": "2+",
    }
    assert tabs["done"].attrs["title"] == vi("More than %(count)s", count=2)
    assert "data-lower-bound" not in tabs["new"].attrs
    # The open work first, though the done work was due sooner, then the latest done; no
    # total of pages is claimed.
    assert [r.attrs["data-id"] for r in rows(first)] == [str(open_.pk), str(done[2].pk)]
    pager = first.get("pager")
    assert pager.find("li", aria_current="page").text == vi("Page %(number)s", number=1)
    second = get(client, "/work/" + pager.find("a", rel="next").attrs["href"])
    assert [r.attrs["data-id"] for r in rows(second)] == [str(done[1].pk), str(done[0].pk)]
    assert not second.get("pager").find("a", rel="next")
    done_tab = get(client, "/work/?bucket=done")
    assert [r.attrs["data-id"] for r in rows(done_tab)] == [str(done[0].pk), str(done[1].pk)]
    assert done_tab.get("pager").find("a", rel="next")
    # Past the end, the pages are counted and the last one shown.
    for query, last in (("page=7", 2), ("bucket=done&page=7", 2)):
        response = client.get("/work/?" + query)
        assert response.status_code == 302, query
        assert f"page={last}" in response["Location"], query
    under_the_limit = get(client, "/work/?bucket=new")
    assert under_the_limit.get("tabs").find("a", aria_current="page").attrs["data-bucket"] == "new"
    assert not under_the_limit.find("nav", data_testid="pager")


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_the_pages_take_the_same_number_of_queries_whatever_the_number_of_rows(office):
    net = office
    leader = client_for(net.user("lanhdaovp.badinh"))
    specialist = client_for(net.user("chuyenvien.badinh"))

    def measure(lead: Assignment) -> dict[str, int]:
        return {
            name: _queries(client, url)
            for name, client, url in [
                ("inbox", specialist, "/work/"),
                ("unit", leader, "/work/unit/?subunits=on"),
                ("document", leader, f"/incoming/{lead.document.incoming.pk}/"),
                ("assignment", specialist, f"/work/{lead.pk}/"),
            ]
        }

    first = direct(net)
    few = measure(first)
    for _ in range(5):
        direct(net, fresh(net), cooperate=[net.board_badinh])
    busy = direct(
        net,
        cooperate=[net.user("chuyenvien2.badinh"), net.board_badinh],
        inform=[net.user("lanhdao.badinh"), net.user("chuyenvien.badinh-btg")],
    )
    incoming_progress(by=net.user("chuyenvien.badinh"), assignment=busy, percent=30)
    assignment_comment(by=net.user("chuyenvien.badinh"), assignment=busy, text="Đang làm")
    assignment_remind(by=net.user("lanhdaovp.badinh"), assignment=busy, note="Khẩn trương")
    assert measure(busy) == few
    # The lists: the session, the person, their roles (one query, read once per page), the
    # registers of the filter, the deadline rules and calendar (two), the counts, the page
    # (its ids, its rows); the follow-up list also reads the people and units work can be
    # given to (two).
    assert (few["inbox"], few["unit"]) == (9, 11)
    assert len(rows(get(specialist, "/work/"))) == 7
    # A page that runs from the open work into the done work reads the done work: one more.
    incoming_complete(by=net.user("chuyenvien.badinh"), assignment=first, result="Xong")
    assert _queries(specialist, "/work/") == 10
    assert _queries(specialist, "/work/?bucket=done") == 9
    assert _queries(leader, "/work/unit/?subunits=on") == 12


# --- the unit's follow-up -----------------------------------------------------------------


def test_leaders_follow_up_the_units_work_with_its_assignees(office):
    net = office
    lead = direct(net, cooperate=[net.board_badinh])
    board_work = Assignment.objects.get(document=lead.document, kind="cooperate")
    client = client_for(net.user("lanhdaovp.badinh"))
    page = get(client, "/work/unit/")
    [row] = rows(page)
    assert row.attrs["data-id"] == str(lead.pk)
    assert lead.assignee_user.get_full_name() in row.text
    assert page.get("unit-work-link").attrs.get("aria-current") == "page"
    # With the units under it, the board's part too; filtered by assignee, the board's only.
    assert {r.attrs["data-id"] for r in rows(get(client, "/work/unit/?subunits=on"))} == {
        str(lead.pk),
        str(board_work.pk),
    }
    query = f"/work/unit/?subunits=on&assignee={key(net.board_badinh)}"
    [board_row] = rows(get(client, query))
    assert board_row.attrs["data-id"] == str(board_work.pk)
    assert net.board_badinh.short_name in board_row.text  # work given to the board itself
    query = f"/work/unit/?subunits=on&assignee={key(lead.assignee_user)}"
    filtered = get(client, query)
    assert [r.attrs["data-id"] for r in rows(filtered)] == [str(lead.pk)]
    chosen = filtered.get("filters").find("select", name="assignee").find("option", selected=True)
    assert chosen.attrs["value"] == key(lead.assignee_user)
    assert chosen.text == lead.assignee_user.get_full_name()
    # Specialists and clerks have their own work, not the unit's.
    for username in ("chuyenvien.badinh", "vanthu.badinh"):
        assert client_for(net.user(username)).get("/work/unit/").status_code == 403
    assert not get(client_for(net.user("chuyenvien.badinh")), "/work/").has("unit-work-link")


# --- one assignment -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("username", "status", "actions"),
    [
        (
            "chuyenvien.badinh",
            200,
            {"accept", "progress", "complete", "comment", "attach", "hand-over", "give-back"},
        ),
        ("lanhdaovp.badinh", 200, {"comment", "remind"}),  # gave it
        ("lanhdao.badinh", 200, {"comment", "remind"}),  # leads the unit
        ("chuyenvien2.badinh", 404, None),  # a colleague not on it
        ("vanthu.badinh", 404, None),  # sees the document, not the work
        ("chuyenvien.hoankiem", 404, None),
        ("lanhdao.thanhuy", 404, None),
    ],
)
def test_who_may_open_an_assignment_and_what_each_may_do(office, username, status, actions):
    lead = direct(office)
    response = client_for(office.user(username)).get(f"/work/{lead.pk}/")
    assert response.status_code == status
    if actions is None:
        return
    page = page_of(response)
    offered = {
        n.attrs["data-testid"].removesuffix("-form")
        for n in page.get("actions").find_all("form", data_testid=True)
    }
    assert offered == actions
    assert page.get("document-link").attrs["href"] == f"/incoming/{lead.document.incoming.pk}/"
    assert page.get("direction").text.startswith("Giao xử lý")


def test_the_assignee_accepts_reports_and_completes(office):
    net = office
    lead = direct(net)
    incoming = lead.document.incoming
    client = client_for(net.user("chuyenvien.badinh"))
    url = f"/work/{lead.pk}/"
    page = page_of(client.post(url + "accept/", follow=True))
    assert messages_of(page) == [vi("You accepted the work.")]
    assert page.get("assignment-header").attrs["data-status"] == "accepted"
    assert not page.has("accept-form")
    # Accepting again (a page left open) is answered with the reason.
    again = page_of(client.post(url + "accept/", follow=True))
    assert len(messages_of(again)) == 1
    assert vi("Accepted") in messages_of(again)[0]

    for bad in ("150", "-1", "abc", ""):
        refused = page_of(client.post(url + "progress/", {"percent": bad}), 400)
        assert refused.get("progress-box").attrs.get("open") == ""
        assert field_error(refused.get("progress-form"), "percent"), bad
    page = page_of(
        client.post(url + "progress/", {"percent": "50", "note": "Đã dự thảo"}, follow=True)
    )
    assert messages_of(page) == [vi("Progress reported: %(percent)s%%.", percent=50)]
    assert page.get("progress").text == "50%"
    line = step_lines(page, "progress_reported")[0]
    assert "50%" in line
    assert "Đã dự thảo" in line

    empty = page_of(client.post(url + "complete/", {"result": "  "}), 400)
    assert empty.get("complete-form").get("form-errors").text == vi(
        "Write the result or link the reply document."
    )
    page = page_of(client.post(url + "complete/", {"result": "Đã báo cáo"}, follow=True))
    assert messages_of(page) == [
        vi("The work is completed, and with it the processing of the document.")
    ]
    assert page.get("result").text == "Đã báo cáo"
    assert not page.has("actions")  # nothing left to do
    incoming.refresh_from_db()
    assert incoming.status == IncomingStatus.DONE


def test_comments_by_the_assignee_and_by_the_leader(office):
    net = office
    lead = direct(net)
    url = f"/work/{lead.pk}/comment/"
    specialist = client_for(net.user("chuyenvien.badinh"))
    refused = page_of(specialist.post(url, {"text": " "}), 400)
    assert field_error(refused.get("comment-form"), "text") == vi("Write the comment.")
    specialist.post(url, {"text": "Xin ý kiến về số liệu"})
    page = page_of(
        client_for(net.user("lanhdaovp.badinh")).post(
            url, {"text": "Dùng số liệu quý III"}, follow=True
        )
    )
    assert messages_of(page) == [vi("Your comment was added.")]
    lines = step_lines(page, "commented")
    assert ["Xin ý kiến về số liệu" in lines[0], "Dùng số liệu quý III" in lines[1]] == [True, True]
    assert vi("Comment", "history step") in lines[0]


def test_working_files_are_attached_and_refusals_named(office):
    net = office
    lead = direct(net)
    client = client_for(net.user("chuyenvien.badinh"))
    url = f"/work/{lead.pk}/attach/"
    draft = docx_bytes(["Dự thảo"])
    before = DocumentFile.objects.count()
    refused = page_of(
        client.post(
            url, {"uploads": [upload("du-thao.docx", draft, DOCX), upload("a.zip", zip_bytes())]}
        ),
        400,
    )
    with_reason = vi(
        "“%(name)s” was not accepted: %(reason)s", name="a.zip", reason=_vi_rejection("archive")
    )
    assert field_error(refused.get("attach-form"), "uploads") == with_reason
    assert DocumentFile.objects.count() == before  # nothing saved
    page = page_of(
        client.post(url, {"uploads": [upload("du-thao.docx", draft, DOCX)]}, follow=True)
    )
    assert messages_of(page) == [vi("Files attached: %(names)s.", names="du-thao.docx")]
    assert "du-thao.docx" in page.get("files").text
    assert "du-thao.docx" in step_lines(page, "file_attached")[0]
    # The same file again: said so.
    again = page_of(client.post(url, {"uploads": [upload("lai.docx", draft, DOCX)]}, follow=True))
    assert messages_of(again) == [vi("This file is already attached to the document.")]
    nothing = page_of(client.post(url, {}), 400)
    assert field_error(nothing.get("attach-form"), "uploads") == vi("Choose the files to attach.")


def _vi_rejection(code: str) -> str:
    from django.utils import translation

    with translation.override("vi"):
        return rejection_message(code)


@override_settings(MAX_UPLOAD_MB=1)
def test_a_file_over_the_limit_is_refused_with_the_limit(office):
    lead = direct(office)
    big = b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 10)
    response = client_for(office.user("chuyenvien.badinh")).post(
        f"/work/{lead.pk}/attach/", {"uploads": [upload("lon.pdf", big)]}, follow=True
    )
    assert messages_of(page_of(response)) == [_vi_rejection("too_large")]
    assert not DocumentFile.objects.filter(name="lon.pdf").exists()


@override_settings(DATA_UPLOAD_MAX_NUMBER_FILES=2, MAX_UPLOAD_FILES=2)
def test_too_many_files_at_once_are_refused(office):
    lead = direct(office)
    files = [upload(f"{i}.docx", docx_bytes([f"Tệp {i}"]), DOCX) for i in range(3)]
    response = client_for(office.user("chuyenvien.badinh")).post(
        f"/work/{lead.pk}/attach/", {"uploads": files}, follow=True
    )
    assert messages_of(page_of(response)) == [
        vi("At most %(count)d files can be sent at once.", count=2)
    ]
    assert DocumentFile.objects.filter(document=lead.document).count() == 1


def test_the_steps_that_take_files_still_check_the_csrf_token(office):
    lead = direct(office)
    client = Client(enforce_csrf_checks=True)
    client.force_login(office.user("chuyenvien.badinh"))
    data = {"uploads": [upload("a.docx", docx_bytes(["A"]), DOCX)]}
    assert client.post(f"/work/{lead.pk}/attach/", data).status_code == 403
    assert client.post(f"/work/{lead.pk}/complete/", {"result": "x"}).status_code == 403
    assert client.post(f"/work/{lead.pk}/accept/").status_code == 403


def test_completing_with_a_reply_uploaded_or_chosen(office):
    net = office
    lead = direct(net, cooperate=[net.user("chuyenvien2.badinh")])
    coop = Assignment.objects.get(document=lead.document, kind="cooperate")
    incoming = lead.document.incoming
    client = client_for(net.user("chuyenvien.badinh"))
    url = f"/work/{lead.pk}/complete/"
    drafted = reply_document(net)  # written earlier by the same specialist
    form = get(client, f"/work/{lead.pk}/").get("complete-form")
    offered = [o.attrs["value"] for o in form.find("select", name="reply").find_all("option")]
    assert offered == ["", str(drafted.pk)]
    both = client.post(
        url, {"reply": str(drafted.pk), "reply_file": upload("tl.pdf", pdf_bytes(["Trả lời"]))}
    )
    assert field_error(page_of(both, 400).get("complete-form"), "reply_file")
    stranger = reply_document(net, user="chuyenvien2.badinh")  # not theirs to link
    refused = page_of(client.post(url, {"reply": str(stranger.pk)}), 400)
    assert field_error(refused.get("complete-form"), "reply")
    empty = page_of(client.post(url, {"reply_file": upload("trong.pdf", b"")}), 400)
    assert "trong.pdf" in field_error(empty.get("complete-form"), "reply_file")
    documents = Document.objects.count()

    page = page_of(
        client.post(
            url,
            {
                "result": "Đã trình ký văn bản trả lời",
                "reply_file": upload("tra-loi.pdf", pdf_bytes(["Công văn trả lời"])),
                "reply_subject": "Về việc trả lời Thành ủy",
            },
            follow=True,
        )
    )
    assert Document.objects.count() == documents + 1
    lead.refresh_from_db()
    reply = lead.reply_document
    assert (reply.direction, reply.subject, reply.created_by) == (
        "out",
        "Về việc trả lời Thành ủy",
        net.user("chuyenvien.badinh"),
    )
    link = page.get("reply").attrs["href"]
    assert link == f"/incoming/{incoming.pk}/replies/{reply.pk}/"
    # The document page's history links the reply for whoever may read the document.
    clerk = client_for(net.user("vanthu.badinh"))
    history = get(clerk, f"/incoming/{incoming.pk}/").get("history")
    assert history.get("reply-link").attrs["href"] == link
    download = clerk.get(link)
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert clerk.get(f"/incoming/{incoming.pk}/replies/{drafted.pk}/").status_code == 404
    # Work on a finished document can no longer go on: the co-operator is told, not offered it.
    coop_page = get(client_for(net.user("chuyenvien2.badinh")), f"/work/{coop.pk}/")
    assert not coop_page.has("complete-form")
    assert not coop_page.has("progress-form")


def test_handing_over_to_a_colleague(office):
    net = office
    lead = direct(net)
    client = client_for(net.user("chuyenvien.badinh"))
    form = get(client, f"/work/{lead.pk}/").get("hand-over-form")
    offered = {o.attrs["value"] for o in form.find_all("option") if o.attrs["value"]}
    # Colleagues who work on assignments; not oneself, not the clerk or the administrator.
    assert offered == {
        str(net.user(u).pk) for u in ("chuyenvien2.badinh", "lanhdao.badinh", "lanhdaovp.badinh")
    }
    clerk = net.user("vanthu.badinh")
    refused = page_of(client.post(f"/work/{lead.pk}/hand-over/", {"to": str(clerk.pk)}), 400)
    assert field_error(refused.get("hand-over-form"), "to")
    colleague = net.user("chuyenvien2.badinh")
    page = page_of(
        client.post(
            f"/work/{lead.pk}/hand-over/",
            {"to": str(colleague.pk), "note": "Đi công tác"},
            follow=True,
        )
    )
    assert messages_of(page) == [
        vi("The work was handed over to %(name)s.", name=colleague.get_full_name())
    ]
    assert page.get("assignment-header").attrs["data-status"] == "handed_over"
    successor = Assignment.objects.get(document=lead.document, status="new")
    assert successor.assignee_user == colleague
    line = step_lines(page, "handed_over")[0]
    assert colleague.get_full_name() in line
    assert "Đi công tác" in line
    # The successor's page shows how the work came to them.
    theirs = get(client_for(colleague), f"/work/{successor.pk}/")
    assert step_lines(theirs, "handed_over")
    assert theirs.has("accept-form")


def test_a_member_takes_on_work_given_to_the_unit(office):
    net = office
    lead = direct(net, lead=net.board_badinh)
    member = net.user("chuyenvien.badinh-btg")
    client = client_for(member)
    page = get(client, f"/work/{lead.pk}/")
    mine = page.get("hand-over-form").find("option", value=str(member.pk))
    assert mine.text == vi("%(name)s (me)", name=member.get_full_name())
    response = client.post(f"/work/{lead.pk}/hand-over/", {"to": str(member.pk)}, follow=True)
    page = page_of(response)
    successor = Assignment.objects.get(document=lead.document, assignee_user=member)
    assert response.redirect_chain[-1][0] == f"/work/{successor.pk}/"
    assert messages_of(page) == [vi("The work is yours now.")]
    assert get(client, "/work/").find("tr", data_id=str(successor.pk))


def test_giving_the_work_back_needs_a_reason(office):
    net = office
    lead = direct(net)
    client = client_for(net.user("chuyenvien.badinh"))
    url = f"/work/{lead.pk}/give-back/"
    refused = page_of(client.post(url, {"reason": " "}), 400)
    assert refused.get("give-back-box").attrs.get("open") == ""
    assert field_error(refused.get("give-back-form"), "reason")
    page = page_of(client.post(url, {"reason": "Không thuộc lĩnh vực"}, follow=True))
    assert messages_of(page) == [
        vi(
            "The work was given back to %(name)s.",
            name=net.user("lanhdaovp.badinh").get_full_name(),
        )
    ]
    assert page.get("reason").text == "Không thuộc lĩnh vực"
    lead.document.incoming.refresh_from_db()
    assert lead.document.incoming.status == IncomingStatus.REGISTERED


def test_work_for_information_is_marked_read(office):
    net = office
    lead = direct(net, inform=[net.user("lanhdao.badinh")])
    info = Assignment.objects.get(document=lead.document, kind="inform")
    client = client_for(net.user("lanhdao.badinh"))
    page = get(client, f"/work/{info.pk}/")
    forms = {n.attrs["data-testid"] for n in page.get("actions").find_all("form", data_testid=True)}
    assert forms == {"read-form", "comment-form", "attach-form", "hand-over-form"}
    assert not page.has("progress")  # no progress on reading
    page = page_of(client.post(f"/work/{info.pk}/read/", follow=True))
    assert messages_of(page) == [vi("Marked as read.")]
    assert page.get("assignment-header").attrs["data-status"] == "read"
    assert vi("Read", "history step") in step_lines(page, "read")[0]
    # Accepting it is not a step of reading: refused with the reason.
    refused = page_of(client.post(f"/work/{info.pk}/accept/", follow=True))
    assert messages_of(refused)


def test_odd_requests_on_assignments_get_a_4xx(office):
    lead = direct(office)
    client = client_for(office.user("chuyenvien.badinh"))
    huge = 10**30
    assert client.get(f"/work/{huge}/").status_code == 404
    assert client.get("/work/abc/").status_code == 404
    assert client.post(f"/work/{huge}/accept/").status_code == 404
    assert client.get(f"/work/{lead.pk}/accept/").status_code == 405
    assert client.post(f"/work/{lead.pk}/progress/", {"percent": "1e9"}).status_code == 400
    assert client.post(f"/work/{lead.pk}/hand-over/", {"to": "abc"}).status_code == 400
    assert Client().get(f"/work/{lead.pk}/").status_code == 302  # to the login page
    assert Client().get("/work/").status_code == 302


# --- the history --------------------------------------------------------------------------


def test_every_processing_step_reads_in_the_history(office):
    net = office
    specialist, colleague = net.user("chuyenvien.badinh"), net.user("chuyenvien2.badinh")
    reader = net.user("lanhdao.badinh")
    lead = direct(net, cooperate=[colleague], inform=[reader], text="Chủ trì tham mưu")
    coop = Assignment.objects.get(document=lead.document, kind="cooperate")
    info = Assignment.objects.get(document=lead.document, kind="inform")
    assignment_accept(by=specialist, assignment=lead)
    assignment_comment(by=specialist, assignment=lead, text="Cần thêm số liệu")
    with docx_file("so-lieu.docx") as spooled:
        assignment_attach(by=specialist, assignment=lead, files=[spooled])
    incoming_progress(by=specialist, assignment=lead, percent=60, note="Đã có dự thảo")
    assignment_remind(by=net.user("lanhdaovp.badinh"), assignment=lead, note="Khẩn trương")
    assignment_mark_read(by=reader, assignment=info)
    incoming_give_back(by=colleague, assignment=coop, reason="Đang nghỉ phép")
    second = assignment_hand_over(by=specialist, assignment=lead, to=colleague, note="Bàn giao")
    incoming_complete(by=colleague, assignment=second, result="Đã hoàn thành báo cáo")
    page = get(client_for(net.user("lanhdaovp.badinh")), f"/incoming/{lead.document.incoming.pk}/")
    history = page.get("history")
    expected = {
        "directed": ["Chủ trì tham mưu"],
        "assigned": [specialist.get_full_name(), vi("Lead")],
        "accepted": [specialist.get_full_name()],
        "commented": ["Cần thêm số liệu"],
        "file_attached": ["so-lieu.docx"],
        "progress_reported": ["60%", "Đã có dự thảo"],
        "reminded": ["Khẩn trương"],
        "read": [reader.get_full_name()],
        "assignment_returned": ["Đang nghỉ phép", net.user("lanhdaovp.badinh").get_full_name()],
        "handed_over": [colleague.get_full_name(), "Bàn giao"],
        "completed": ["Đã hoàn thành báo cáo"],
        "done": [],
    }
    for kind, parts in expected.items():
        lines = history.find_all("li", data_kind=kind)
        assert lines, kind
        [label] = with_class(lines[0], "strong", "step-label")
        assert label.find("code") is None, kind  # a label, not a code
        for part in parts:
            assert part in lines[0].text, (kind, part)
    assert DocumentEvent.objects.filter(document=lead.document).count() == len(
        history.find_all("li", data_kind=True)
    )
