"""The delivery board page: what the acting unit sent that needs attention, for its clerks,
office leaders and leaders."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.web.dom import parse
from vanphong.exchange.models import Delivery
from vanphong.incoming.services import incoming_return
from vanphong.outgoing.recipients import RecipientInput

URL = "/outgoing/board/"

pytestmark = pytest.mark.django_db


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def english(client: Client, *args, **kwargs):
    """The page as someone who switched the interface to English sees it."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client.get(*args, **kwargs)


def lines(response) -> list[tuple[str, str]]:
    """(problem, recipient) of each line of the board."""
    assert response.status_code == 200
    board = parse(response.content).get("board")
    return [
        (row.attrs["data-problem"], row.find_all("td")[1].text)
        for row in board.find_all("tr")
        if "data-problem" in row.attrs
    ]


@pytest.fixture
def sent(office, run_jobs):
    """A directive of the city to Ba Đình, Hoàn Kiếm and an outside body (which has no
    connection configured, so its delivery fails), returned by Hoàn Kiếm."""
    outgoing = office.issued(
        recipients=[
            RecipientInput(unit=office.network.badinh),
            RecipientInput(unit=office.network.hoankiem),
            RecipientInput(organ_id="000.00.00.G01", name="Văn phòng Chính phủ"),
        ]
    )
    run_jobs()
    delivery = Delivery.objects.get(
        document=outgoing.document, recipient_unit=office.network.hoankiem, business=0
    )
    incoming_return(
        by=office.user("vanthu.hoankiem"),
        incoming=delivery.incoming,
        reason="Không đúng thẩm quyền",
    )
    run_jobs()
    return outgoing


def test_the_url_is_named(db):
    assert reverse("outgoing:board") == URL


def test_the_clerk_sees_what_failed_and_what_was_returned_with_the_reasons(office, sent):
    response = login(office.user("vanthu.thanhuy")).get(URL)
    assert sorted(lines(response)) == [
        ("failed", "Văn phòng Chính phủ"),
        ("returned", "Quận ủy Hoàn Kiếm"),
    ]
    page = parse(response.content)
    board = page.get("board")
    text = board.text
    assert "Không đúng thẩm quyền" in text  # the recipient's reason
    assert "no connection configured" in text  # the last error
    assert f'href="{reverse("outgoing:detail", args=[sent.pk])}"' in response.content.decode()
    assert "01-CT/TU" in text
    counts = {p: page.get(f"count-{p}").text for p in ("not_sent", "failed", "returned", "late")}
    assert counts == {"not_sent": "(0)", "failed": "(1)", "returned": "(1)", "late": "(0)"}


def test_one_kind_of_problem_at_a_time(office, sent):
    client = login(office.user("lanhdao.thanhuy"))
    assert lines(client.get(URL, {"problem": "returned"})) == [("returned", "Quận ủy Hoàn Kiếm")]
    assert lines(client.get(URL, {"problem": "failed"})) == [("failed", "Văn phòng Chính phủ")]
    assert len(lines(client.get(URL, {"problem": "nonsense"}))) == 2  # all of them


def test_deliveries_not_sent_yet_show_before_the_worker_runs(office):
    office.issued()
    response = login(office.user("vanthu.thanhuy")).get(URL)
    assert sorted(lines(response)) == [
        ("not_sent", "Quận ủy Ba Đình"),
        ("not_sent", "Quận ủy Hoàn Kiếm"),
    ]


def test_an_empty_board_says_so(network):
    response = english(login(network.user("vanthu.badinh")), URL)
    assert response.status_code == 200
    page = parse(response.content)
    assert page.has("board-empty")
    assert not page.has("board")
    assert "Nothing needs attention" in page.get("board-empty").text


@pytest.mark.parametrize("username", ["chuyenvien.thanhuy", "quantri.thanhuy"])
def test_others_are_refused(network, username):
    assert login(network.user(username)).get(URL).status_code == 403


def test_signing_in_comes_first(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_page_only_answers_get(network):
    assert login(network.user("vanthu.thanhuy")).post(URL).status_code == 405


def _count(client: Client) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(URL)
    assert response.status_code == 200
    return len(captured)


def test_queries_do_not_grow_with_the_board(office):
    client = login(office.user("vanthu.thanhuy"))
    content = office.party_draft()
    office.issued(content=content)
    _count(client)
    few = _count(client)
    for subject in ("Về công tác dân vận", "Về công tác kiểm tra"):
        office.issued(content=content, subject=subject)
    assert len(lines(client.get(URL))) == 6
    assert _count(client) == few
