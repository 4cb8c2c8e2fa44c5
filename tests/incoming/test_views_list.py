"""The list of văn bản đến: the acting unit's documents the person may see, filtered, paged."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import pdf_bytes
from tests.incoming.test_views import client_for, get, receive, registered, vi
from vanphong.core import paging
from vanphong.incoming import views
from vanphong.incoming.models import IncomingDocument
from vanphong.incoming.services import incoming_return


def _ids(node) -> list[int]:
    return [int(row.attrs["data-id"]) for row in node.find_all("tr", data_id=True)]


def test_clerks_see_what_waits_for_registration_first_then_newest_first(network):
    first = registered(network, pdf_bytes(["Một"]))
    waiting = receive(network, pdf_bytes(["Hai"]))
    second = registered(network, pdf_bytes(["Ba"]), symbol="16-CT/TU")
    clerk = get(client_for(network.user("vanthu.badinh")), "/incoming/")
    assert _ids(clerk) == [waiting.pk, second.pk, first.pk]
    assert clerk.has("receive-link")
    row = clerk.find("tr", data_id=str(second.pk))
    assert "16-CT/TU" in row.text
    assert f"{second.arrival_number}/{second.arrival_year}" in row.text
    assert row.find("a").attrs["href"] == f"/incoming/{second.pk}/"
    assert clerk.find("tr", data_id=str(waiting.pk)).attrs["class"] == "waiting"

    # A leader reads registered documents only, newest first, and receives nothing.
    leader = get(client_for(network.user("lanhdao.badinh")), "/incoming/")
    assert _ids(leader) == [second.pk, first.pk]
    assert not leader.has("receive-link")
    # Another unit's people see none of them; a specialist sees what is assigned (nothing yet).
    for username in ("vanthu.hoankiem", "chuyenvien.badinh"):
        assert _ids(get(client_for(network.user(username)), "/incoming/")) == []


def test_a_row_shows_the_register_line_clipped_marked_and_on_the_local_day(network, monkeypatch):
    subject = "Về việc tăng cường công tác kiểm tra, giám sát " * 5
    # Received at 01:30 on 2 March in Hà Nội, still 1 March in UTC.
    monkeypatch.setattr(timezone, "now", lambda: dt.datetime(2025, 3, 1, 18, 30, tzinfo=dt.UTC))
    urgent = registered(network, pdf_bytes(["Một"]), subject=subject, urgency="hoa_toc")
    monkeypatch.undo()
    plain = registered(network, pdf_bytes(["Hai"]), symbol="16-CT/TU")
    page = get(client_for(network.user("lanhdao.badinh")), "/incoming/")

    row = page.find("tr", data_id=str(urgent.pk))
    assert row.find("a").text == subject[:139] + "…"
    assert row.find("mark", data_testid="urgency").text == "Hỏa tốc"
    assert row.find_all("td")[1].text == "02/03/2025"
    assert row.find_all("td")[-1].text == vi("Registered")
    other = page.find("tr", data_id=str(plain.pk))
    assert other.find("a").text == plain.document.subject
    assert other.find("mark") is None
    assert other.find_all("td")[4].attrs["class"] == "no-marks"


def test_the_navigation_leads_to_the_list(network):
    home = get(client_for(network.user("vanthu.badinh")), "/")
    assert "/incoming/" in home.find("nav", aria_label=vi("Modules")).links()


def test_filters_by_status_text_and_dates(network, index_all):
    ordinary = registered(network, pdf_bytes(["Một"]), subject="Về công tác cán bộ")
    other = registered(
        network, pdf_bytes(["Hai"]), issuer="Ban Tổ chức Thành ủy", symbol="9-HD/BTCTU"
    )
    returned = receive(network, pdf_bytes(["Ba"]))
    incoming_return(by=network.user("vanthu.badinh"), incoming=returned, reason="Nhầm")
    index_all()
    client = client_for(network.user("vanthu.badinh"))

    assert _ids(get(client, "/incoming/?status=returned")) == [returned.pk]
    assert _ids(get(client, "/incoming/?q=cán bộ")) == [ordinary.pk]
    assert _ids(get(client, "/incoming/?q=BTCTU")) == [other.pk]
    assert _ids(get(client, "/incoming/?q=ban tổ chức")) == [other.pk]
    today = timezone.localdate()
    yesterday = (today - dt.timedelta(days=1)).strftime("%d/%m/%Y")
    tomorrow = (today + dt.timedelta(days=1)).strftime("%d/%m/%Y")
    assert len(_ids(get(client, f"/incoming/?date_from={yesterday}&date_to={tomorrow}"))) == 3
    assert _ids(get(client, f"/incoming/?date_from={tomorrow}")) == []
    nothing = get(client, "/incoming/?q=không có văn bản nào như thế")
    assert nothing.get("empty").text == vi("No incoming document matches these filters.")


def test_bad_filters_are_shown_and_left_out_never_a_500(network):
    one = registered(network)
    client = client_for(network.user("vanthu.badinh"))
    listing = get(client, "/incoming/?status=lost&date_from=31/02/2026&q=" + "x" * 500)
    filters = listing.get("filters")
    for name in ("status", "date_from", "q"):
        assert filters.find(name=name).attrs.get("aria-invalid") == "true", name
    assert _ids(listing) == [one.pk]
    reversed_range = get(client, "/incoming/?date_from=10/03/2026&date_to=01/03/2026")
    assert reversed_range.get("filters").find(name="date_to").attrs.get("aria-invalid") == "true"
    for page in ("0", "-1", "abc", "999"):
        assert _ids(get(client, f"/incoming/?page={page}")) == [one.pk]


def _receive_many(network, count: int) -> None:
    content = pdf_bytes()  # one stored file shared by all: intake stays fast
    for _ in range(count):
        receive(network, content, metadata={"issuer": "Thành ủy", "subject": "Về việc"})


def test_fifty_to_a_page_and_the_filters_stay_when_paging(network, index_all):
    _receive_many(network, 52)
    index_all()
    client = client_for(network.user("vanthu.badinh"))
    first = get(client, "/incoming/?q=Về việc")
    assert len(_ids(first)) == 50
    pager = first.get("pager")
    assert pager.find("a", rel="next").attrs["href"] == "?q=V%E1%BB%81+vi%E1%BB%87c&page=2"
    second = get(client, "/incoming/?q=Về việc&page=2")
    assert len(_ids(second)) == 2
    assert set(_ids(first)).isdisjoint(_ids(second))
    assert IncomingDocument.objects.count() == 52


def _waiting():
    """The ids of what waits for registration, newest first (as the clerk's list puts it)."""
    return list(
        IncomingDocument.objects.filter(status="received")
        .order_by("-received_at", "-pk")
        .values_list("pk", flat=True)
    )


def test_a_page_can_hold_the_last_waiting_documents_and_the_first_registered_ones(network):
    done = [registered(network, pdf_bytes([f"Đã vào sổ {i}"])).pk for i in range(3)]
    _receive_many(network, 49)
    waiting = _waiting()
    client = client_for(network.user("vanthu.badinh"))
    first, second = _ids(get(client, "/incoming/")), _ids(get(client, "/incoming/?page=2"))
    assert first + second == waiting + done[::-1]
    assert len(first) == 50


def _older(node):
    """The pager's "Page N of M" and the link to the older page, if any."""
    pager = node.get("pager")
    older = pager.find("a", rel="next")
    return pager.find("li", aria_current="page").text, older.attrs["href"] if older else None


def test_past_the_count_cap_the_pages_say_more_than_and_older_leads_to_the_end(
    network, monkeypatch
):
    # A cap of 3 and 2 to a page stand for 1,000 and 50: the same rules, a few documents.
    monkeypatch.setattr(paging, "COUNT_CAP", 3)
    monkeypatch.setattr(views, "PER_PAGE", 2)
    done = [registered(network, pdf_bytes([f"Đã vào sổ {i}"])).pk for i in range(4)]
    _receive_many(network, 3)
    waiting = _waiting()
    client = client_for(network.user("vanthu.badinh"))
    listed, shown, url = [], [], "?page=1"
    while url:
        node = get(client, f"/incoming/{url}")
        listed += _ids(node)
        text, url = _older(node)
        shown.append(text)
    # Every document once, in order, the waiting ones first, reached by "Older" alone.
    assert listed == waiting + done[::-1]
    more = "Page %(number)s of more than %(total)s"
    assert shown == [
        vi(more, number=1, total=2),
        vi(more, number=2, total=3),
        vi("Page %(number)s of %(total)s", number=3, total=4),
        vi("Page %(number)s of %(total)s", number=4, total=4),
    ]
    # Below the cap the count is exact; a page number past the end still gives the last page.
    assert _older(get(client, "/incoming/?status=registered"))[0] == vi(
        "Page %(number)s of %(total)s", number=1, total=2
    )
    for page in ("0", "-1", "abc"):
        assert _ids(get(client, f"/incoming/?page={page}")) == waiting[:2]
    assert _ids(get(client, "/incoming/?page=99")) == [done[0]]


def test_a_leaders_pages_are_read_with_their_count_in_one_statement(network, monkeypatch):
    monkeypatch.setattr(paging, "COUNT_CAP", 3)
    monkeypatch.setattr(views, "PER_PAGE", 2)
    done = [registered(network, pdf_bytes([f"Đã vào sổ {i}"])).pk for i in range(5)]
    client = client_for(network.user("lanhdao.badinh"))

    def read(url):
        with CaptureQueriesContext(connection) as captured:
            node = get(client, f"/incoming/{url}")
        return node, len(captured)

    listed, shown, url = [], [], "?page=1"
    while url:
        node, queries = read(url)
        # The session, the person, their roles (memberships, and whether a role is delegated to
        # them, in one query); the page with the count, in one statement; the page's documents.
        assert queries == 5
        listed += _ids(node)
        text, url = _older(node)
        shown.append(text)
    assert listed == done[::-1]
    assert shown == [
        vi("Page %(number)s of more than %(total)s", number=1, total=2),
        vi("Page %(number)s of %(total)s", number=2, total=3),
        vi("Page %(number)s of %(total)s", number=3, total=3),
    ]
    # Past the end: the count says where the end is, and the last page is read after it.
    node, queries = read("?page=99")
    assert (_ids(node), queries) == ([done[0]], 6)


def test_the_list_costs_the_same_queries_however_many_documents(network):
    client = client_for(network.user("vanthu.badinh"))

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/incoming/").status_code == 200
        return len(captured)

    _receive_many(network, 2)
    registered(network, pdf_bytes(["Một"]), secrecy="thuong", urgency="khan")
    before = queries()
    _receive_many(network, 20)
    registered(network, pdf_bytes(["Hai"]), urgency="hoa_toc")
    assert queries() == before
    # The session, the person, their roles (one query, read once for the whole page); for a
    # clerk, what waits for registration and the rest are counted and read
    # apart (each in its index's order, never the whole archive sorted): two counts, two reads.
    assert before == 7
