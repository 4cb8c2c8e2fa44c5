"""`vanphong demo`: the network, its signing keys and recipient groups, a few weeks of documents
of four offices, the 2025 scenario."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from vanphong.audit.selectors import audit_verify_chain
from vanphong.documents.models import Document
from vanphong.exchange.models import Delivery
from vanphong.incoming.models import IncomingDocument, IncomingStatus, ReceivedVia
from vanphong.org.models import User
from vanphong.outgoing.demo import DISTRICTS
from vanphong.outgoing.models import OutgoingDocument, OutgoingStatus, RecipientGroup
from vanphong.signing.models import Keystore, TrustAnchor
from vanphong.work.models import Assignment

pytestmark = pytest.mark.slow


def as_user(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def found(username: str, q: str) -> list[str]:
    """The symbols of what ``username`` finds searching for ``q``."""
    response = as_user(username).get("/api/v1/search", {"q": q})
    assert response.status_code == 200, response.content
    return sorted(hit["symbol"] for hit in response.json()["results"])


def test_demo_command_loads_the_network_keys_and_the_scenario(db, capsys):
    call_command("demo")
    personal = Keystore.objects.filter(kind="personal", is_active=True).count()
    assert personal > 0
    assert Keystore.objects.filter(kind="agency", unit__slug="badinh", is_active=True).exists()
    assert TrustAnchor.objects.count() == 1
    districts = RecipientGroup.objects.get(owner__slug="thanhuy", name=DISTRICTS)
    assert districts.units.count() == 30
    documents = Document.objects.count()
    accepted = Assignment.objects.filter(document__unit__slug="badinh", status="accepted")
    open_work = set(accepted.values_list("pk", "assignee_user__username"))
    assert documents > 0
    assert open_work
    call_command("demo", "--reorg-2025")
    call_command("demo", "--reorg-2025")
    out = capsys.readouterr().out
    assert "2025 reorganisation applied" in out
    assert "already applied" in out
    # The new ward committees can seal what they issue.
    assert Keystore.objects.filter(kind="agency", unit__slug="phuong-ba-dinh").exists()
    assert Keystore.objects.filter(kind="personal", is_active=True).count() == personal
    assert RecipientGroup.objects.filter(owner__slug="thanhuy").count() == 2
    # The district's documents and its people's open work come through the reorganisation
    # untouched, and no demo document is added again.
    assert Document.objects.count() == documents
    assert set(accepted.values_list("pk", "assignee_user__username")) == open_work
    assert audit_verify_chain().ok


def test_demo_documents_show_the_product_at_work(db, capsys, run_jobs):
    call_command("demo")
    out = capsys.readouterr().out
    assert "demo incoming documents: 33 added" in out
    assert "demo outgoing documents: 6 added" in out
    assert (
        "(1 approved, waiting for signature; 1 draft; 1 in review; 2 issued; 1 signed, waiting "
        "to be issued)"
    ) in out
    # The steps were replayed on days past; the clock is the real one again.
    assert abs(timezone.now() - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=1)
    today = timezone.localdate()

    # The post of four offices, received through the services: số đến run from 1 in order
    # of registration, on days past; some wait for the clerk.
    incoming = IncomingDocument.objects.select_related("document", "unit")
    assert {
        slug: incoming.filter(unit__slug=slug).count()
        for slug in ("thanhuy", "badinh", "hoankiem", "sontay")
    } == {"thanhuy": 14, "badinh": 10, "hoankiem": 5, "sontay": 4}
    for slug in ("thanhuy", "badinh"):
        registered = incoming.filter(unit__slug=slug, arrival_number__isnull=False)
        assert registered.count() >= 8
        # (In early January the weeks replayed straddle two years, each numbered from 1.)
        for year in set(registered.values_list("arrival_year", flat=True)):
            numbers = registered.filter(arrival_year=year).order_by("arrived_at")
            in_order = list(numbers.values_list("arrival_number", flat=True))
            assert in_order == list(range(1, len(in_order) + 1))
        assert all(timezone.localdate(i.arrived_at) < today for i in registered)
    assert incoming.filter(status=IncomingStatus.RECEIVED).count() == 4
    assert incoming.filter(status=IncomingStatus.DONE).exists()
    assert incoming.filter(document__secrecy__gt=0).count() == 2

    # The city's drafts at every stage; two issued, numbered in the committee's term.
    statuses = sorted(OutgoingDocument.objects.values_list("status", flat=True))
    assert statuses == sorted(
        [
            OutgoingStatus.DRAFT,
            OutgoingStatus.IN_REVIEW,
            OutgoingStatus.APPROVED,
            OutgoingStatus.SIGNED,
            OutgoingStatus.ISSUED,
            OutgoingStatus.ISSUED,
        ]
    )
    issued = OutgoingDocument.objects.filter(status=OutgoingStatus.ISSUED).order_by("issued_at")
    assert [o.document.symbol for o in issued] == ["01-CV/TU", "02-CV/TU"]
    # The reply to Sơn Tây's tờ trình completed the specialist's work on it.
    to_trinh = incoming.get(unit__slug="thanhuy", document__symbol="86-TTr/TU")
    assert to_trinh.status == IncomingStatus.DONE

    # Run again: nothing is duplicated.
    counts = (Document.objects.count(), Assignment.objects.count(), Delivery.objects.count())
    call_command("demo")
    assert "demo incoming documents: none added (already loaded)" in capsys.readouterr().out
    assert (Document.objects.count(), Assignment.objects.count(), Delivery.objects.count()) == (
        counts
    )

    # My work is not empty: overdue, near due, new and done work of the district's specialist.
    work = as_user("chuyenvien.badinh").get("/api/v1/assignments").json()
    for bucket in ("new", "near_due", "overdue", "done"):
        assert work["counts"][bucket] > 0, (bucket, work["counts"])
    page = as_user("chuyenvien.badinh").get("/work/")
    assert page.status_code == 200
    assert "25-CT/TU" in page.content.decode()
    assert as_user("chuyenvien.thanhuy").get("/api/v1/assignments").json()["counts"]["total"] > 0
    page = as_user("lanhdao.thanhuy").get("/incoming/")
    assert "52-CT/TW" in page.content.decode()

    # Found by words of the file's text, typed without diacritics, right after the command.
    assert found("chuyenvien.badinh", "chung cu mini") == ["25-CT/TU"]

    # The secret documents: the uncleared specialist of Ban Nội chính sees the other work given
    # to the board, not the Mật document given to it too; the district's specialist does not
    # find the district's Mật document that their office leader finds.
    assert found("lanhdao.thanhuy", "don thu to cao") == ["38-CV/BNCTW"]
    assert found("chuyenvien.thanhuy-bnc", "don thu to cao") == []
    listed = as_user("chuyenvien.thanhuy-bnc").get("/api/v1/incoming").json()["results"]
    assert [i["symbol"] for i in listed] == ["52-CT/TW"]
    assert found("lanhdaovp.badinh", '"dat cong"') == ["17-CV/BNCTU"]
    assert found("chuyenvien.badinh", '"dat cong"') == []

    # What the demo queued runs cleanly in a worker: the issued documents reach the districts'
    # intake by the exchange, and the work already done is not done again.
    run_jobs()
    arrived = incoming.filter(received_via=ReceivedVia.EXCHANGE, document__symbol="01-CV/TU")
    assert sorted(arrived.values_list("unit__slug", flat=True)) == ["badinh", "hoankiem", "sontay"]
    assert found("vanthu.sontay", '"quan ly di san"') == ["02-CV/TU"]
