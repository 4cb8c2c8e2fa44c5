"""Books too long to make in the request (``registers.prints``): offered, made by a worker, listed
on the page while they are being made, downloaded by their requester only."""

from __future__ import annotations

import datetime as dt
import io
from urllib.parse import unquote

import openpyxl
import pypdfium2 as pdfium
import pytest
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks_db.models import DBTaskResult

from tests.web.dom import parse
from vanphong.org.models import Membership
from vanphong.org.services import membership_end
from vanphong.registers import prints
from vanphong.registers.models import BookPrint, PrintStatus

URL = "/incoming/registers/"
PANEL = "/incoming/registers/prints/"
MARCH = {"start": "01/03/2026", "end": "31/03/2026"}
ASKED = {**MARCH, "book": "register", "register": "", "format": "pdf"}


@pytest.fixture(autouse=True)
def short_books(monkeypatch):
    """Books of more than two lines are long here (a few documents, not hundreds)."""
    monkeypatch.setattr(prints, "PRINT_NOW", {"pdf": 2, "xlsx": 2})


@pytest.fixture
def three(arrive, run_jobs):
    """Three documents registered in March, the jobs their registration queued run."""
    documents = [arrive(dt.date(2026, 3, day), subject=f"Về việc số {day}") for day in (2, 3, 4)]
    run_jobs()
    return documents


def print_jobs():
    return DBTaskResult.objects.filter(task_path="vanphong.incoming.tasks.print_incoming_book")


def offer_of(response):
    assert response.status_code == 200
    assert not response.has_header("Content-Disposition")
    return parse(response.content).get("print-offer")


def asked_fields(offer) -> dict[str, str]:
    return {
        i.attrs["name"]: i.attrs.get("value", "")
        for i in offer.find_all("input")
        if i.attrs.get("type") == "hidden" and i.attrs["name"] != "csrfmiddlewaretoken"
    }


def listed(client, url=PANEL):
    response = client.get(url)
    assert response.status_code == 200
    return parse(response.content).get("book-prints")


def test_a_long_book_is_offered_made_by_a_worker_and_downloaded(network, login, three, run_jobs):
    client = login(network.user("vanthu.badinh"))
    offer = offer_of(client.get(URL, ASKED))
    assert "3" in offer.text
    fields = asked_fields(offer)
    assert fields == {**ASKED, "register": ""}

    asked = client.post(URL, fields)
    assert asked.status_code == 302
    assert asked["Location"] == URL
    page = parse(client.get(URL).content)
    prints_list = page.get("book-prints")
    assert prints_list.attrs["hx-get"] == PANEL  # asks again while the book is being made
    item = prints_list.find("li", **{"data-status": "queued"})
    assert item is not None
    assert not prints_list.has("print-download")
    assert str(PrintStatus.QUEUED.label) in item.text

    assert run_jobs() == 1
    after = listed(client)
    assert "hx-get" not in after.attrs  # nothing left to wait for
    link = after.get("print-download")
    response = client.get(link.attrs["href"])
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    content = b"".join(response.streaming_content)
    assert content.startswith(b"%PDF-")
    name = unquote(response["Content-Disposition"].split("filename*=UTF-8''", 1)[1])
    assert name == "Sổ đăng ký văn bản đến - Quận ủy Ba Đình - 01-03-2026 - 31-03-2026.pdf"
    pdf = pdfium.PdfDocument(content)
    text = " ".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    pdf.close()
    for incoming in three:
        assert incoming.document.symbol in text
    made = BookPrint.objects.get()
    assert (made.status, made.lines, made.clearance) == (PrintStatus.DONE, 3, 0)


def test_a_short_book_is_still_the_file_at_once(network, login, arrive):
    arrive(dt.date(2026, 3, 2))
    response = login(network.user("vanthu.badinh")).get(URL, ASKED)
    assert response["Content-Type"] == "application/pdf"
    assert not BookPrint.objects.exists()


def test_a_tracking_sheet_as_a_spreadsheet_in_the_background(network, login, three, run_jobs):
    client = login(network.user("lanhdaovp.badinh"))
    tracking = {**ASKED, "book": "tracking", "format": "xlsx"}
    fields = asked_fields(offer_of(client.get(URL, tracking)))
    client.post(URL, fields)
    run_jobs()
    response = client.get(listed(client).get("print-download").attrs["href"])
    assert response["Content-Disposition"].endswith(".xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert sheet["A2"].value == "QUẬN ỦY BA ĐÌNH"
    numbers = [row[0].value for row in sheet.iter_rows(min_col=1, max_col=1)]
    assert {1, 2, 3} <= set(numbers)


def test_the_same_book_asked_again_while_it_is_made_is_one(network, login, three):
    client = login(network.user("vanthu.badinh"))
    fields = asked_fields(offer_of(client.get(URL, ASKED)))
    client.post(URL, fields)
    client.post(URL, fields)
    assert BookPrint.objects.count() == 1
    assert print_jobs().count() == 1
    client.post(URL, {**fields, "format": "xlsx"})  # another book
    assert BookPrint.objects.count() == 2


def test_a_wrong_request_is_told_on_the_form_and_asks_for_nothing(network, login, three):
    client = login(network.user("vanthu.badinh"))
    response = client.post(URL, {**ASKED, "start": "31/03/2026", "end": "01/03/2026"})
    assert response.status_code == 200
    assert "31/03/2026" in parse(response.content).get("books-form").text
    assert not BookPrint.objects.exists()
    assert client.post(URL, {**ASKED, "book": "outgoing"}).status_code == 200
    assert not BookPrint.objects.exists()


def test_those_who_do_not_print_the_registers_ask_for_nothing(network, login, three):
    client = login(network.user("chuyenvien.badinh"))
    assert client.post(URL, ASKED).status_code == 403
    assert client.get(PANEL).status_code == 403
    assert not BookPrint.objects.exists()


def test_a_print_is_given_to_its_requester_only(network, login, three, run_jobs):
    clerk = login(network.user("vanthu.badinh"))
    clerk.post(URL, asked_fields(offer_of(clerk.get(URL, ASKED))))
    run_jobs()
    href = listed(clerk).get("print-download").attrs["href"]
    for other in ("lanhdao.badinh", "vanthu.hoankiem", "chuyenvien.badinh"):
        client = login(network.user(other))
        assert client.get(href).status_code == 404, other
        if other != "chuyenvien.badinh":
            assert not listed(client).find("li")  # nor listed to them
    assert clerk.get(href).status_code == 200


def test_no_longer_printing_the_registers_or_cleared_as_far_takes_the_print_away(
    network, login, arrive, run_jobs
):
    clerk = network.user("vanthu.badinh")
    clerk.clearance = 1
    clerk.save(update_fields=["clearance"])
    for day in (2, 3, 4):
        arrive(dt.date(2026, 3, day), secrecy="mat" if day == 3 else "thuong")
    run_jobs()
    client = login(clerk)
    client.post(URL, asked_fields(offer_of(client.get(URL, ASKED))))
    run_jobs()
    made = BookPrint.objects.get()
    assert (made.lines, made.clearance) == (3, 1)  # the secret document is in it
    href = listed(client).get("print-download").attrs["href"]

    clerk.clearance = 0
    clerk.save(update_fields=["clearance"])
    assert client.get(href).status_code == 403
    clerk.clearance = 1
    clerk.save(update_fields=["clearance"])
    assert client.get(href).status_code == 200
    membership_end(by=None, membership=Membership.objects.get(user=clerk))
    assert client.get(href).status_code == 403


def test_a_requester_who_lost_the_role_before_the_worker_came_gets_nothing(
    network, login, three, run_jobs
):
    leader = network.user("lanhdao.badinh")
    client = login(leader)
    client.post(URL, asked_fields(offer_of(client.get(URL, ASKED))))
    membership_end(by=None, membership=Membership.objects.get(user=leader))
    run_jobs()
    made = BookPrint.objects.get()
    assert made.status == PrintStatus.FAILED
    assert made.error == _("You no longer print the registers of %(unit)s.") % {
        "unit": "Quận ủy Ba Đình"
    }
    assert not made.storage_name
    assert print_jobs().get().status == "FAILED"  # not tried again: it cannot help


def test_a_book_that_cannot_be_made_says_so_once_the_worker_gives_up(network, login, three):
    client = login(network.user("vanthu.badinh"))
    client.post(URL, asked_fields(offer_of(client.get(URL, ASKED))))
    made = BookPrint.objects.get()

    def broken(book):
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        prints.print_run(made.pk, broken, last_attempt=False)
    made.refresh_from_db()
    assert made.status == PrintStatus.QUEUED  # tried again later
    with pytest.raises(RuntimeError):
        prints.print_run(made.pk, broken, last_attempt=True)
    made.refresh_from_db()
    assert made.status == PrintStatus.FAILED
    error = listed(client).get("print-error")
    message = _("The book could not be made: ask for it again or tell the administrator.")
    assert error.text == message


def test_made_twice_is_made_once(network, login, three, run_jobs):
    from vanphong.incoming.tasks import _lines

    client = login(network.user("vanthu.badinh"))
    client.post(URL, asked_fields(offer_of(client.get(URL, ASKED))))
    made = BookPrint.objects.get()
    assert prints.print_run(made.pk, _lines, last_attempt=False) == PrintStatus.DONE
    name = BookPrint.objects.get().storage_name
    assert prints.print_run(made.pk, _lines, last_attempt=False) == PrintStatus.DONE
    assert run_jobs() == 1  # the queued job finds it made
    assert BookPrint.objects.get().storage_name == name


def test_prints_are_kept_a_week_then_deleted_with_their_files(network, login, three, run_jobs):
    client = login(network.user("vanthu.badinh"))
    client.post(URL, asked_fields(offer_of(client.get(URL, ASKED))))
    run_jobs()
    made = BookPrint.objects.get()
    assert default_storage.exists(made.storage_name)
    href = listed(client).get("print-download").attrs["href"]

    BookPrint.objects.update(requested_at=timezone.now() - prints.KEEP - dt.timedelta(minutes=1))
    assert client.get(href).status_code == 404  # no longer given
    assert not listed(client).find("li")
    client.post(URL, {**asked_fields(offer_of(client.get(URL, ASKED))), "format": "xlsx"})
    assert list(BookPrint.objects.values_list("fmt", flat=True)) == ["xlsx"]
    assert not default_storage.exists(made.storage_name)
