"""Văn bản đi in a real browser, the issue's whole way: a specialist of the city committee drafts a
directive for the 30 district committees (one click on the saved group), two reviewers approve
it, the secretary signs it with his key, the clerk numbers and issues it; the deliveries reach the
districts, the clerk of Quận ủy Ba Đình registers it from the intake list, and the sender's page
shows Ba Đình as accepted (03) with its số đến.

One browser context; the people take turns in it (signing out is clearing the cookies). The
worker's jobs run in the test's thread while the page's requests are held back, as in the
incoming browser test (see ``tests/e2e/test_incoming.py``).
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.utils import timezone, translation
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in
from tests.e2e.test_incoming import hold_requests
from tests.outgoing.conftest import PASSPHRASE, draft_bytes

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DETAIL_URL = re.compile(r"/outgoing/\d+/$")


def _network() -> dict[str, Any]:
    """The demo network with its recipient groups, and demo keys for the two who sign here
    (the secretary's own, the city committee's seal): keys for every leader would only cost
    time."""
    from vanphong.org.demo import demo_load
    from vanphong.org.models import Unit, User
    from vanphong.outgoing.demo import DISTRICTS, outgoing_demo_load
    from vanphong.outgoing.models import RecipientGroup
    from vanphong.signing.ca import to_pem
    from vanphong.signing.services import demo_ca, keystore_create_demo, trust_anchor_add

    demo_load()
    outgoing_demo_load()
    issuer = demo_ca()
    trust_anchor_add(by=None, pem=to_pem(issuer.certificate), name="CA thử nghiệm")
    secretary = User.objects.get(username="lanhdao.thanhuy")
    keystore_create_demo(by=None, owner=secretary, issuer=issuer, position="Bí thư Thành ủy")
    keystore_create_demo(by=None, owner=Unit.objects.get(slug="thanhuy"), issuer=issuer)
    people = {
        name: User.objects.get(username=name)
        for name in ("lanhdao.thanhuy", "lanhdaovp.thanhuy", "lanhdao.thanhuy-btc")
    }
    return {
        "people": people,
        "group": RecipientGroup.objects.get(owner__slug="thanhuy", name=DISTRICTS),
    }


def _as(page: Any, username: str) -> None:
    page.context.clear_cookies()
    sign_in(page, username)


def _label(code: str) -> str:
    from vanphong.exchange.models import StatusCode

    with translation.override("vi"):
        return str(StatusCode(code).label)


def test_a_directive_is_drafted_reviewed_signed_issued_and_accepted_by_ba_dinh(page, run_jobs):
    data = _network()
    people = data["people"]
    subject = "Về tăng cường công tác tham mưu của Văn phòng cấp ủy"
    content = draft_bytes(signer=people["lanhdao.thanhuy"].full_name, tag="e2e")

    # The specialist drafts the directive for the 30 districts and submits it for review.
    _as(page, "chuyenvien.thanhuy")
    page.goto("/outgoing/")
    page.get_by_test_id("draft-link").click()
    page.wait_for_url("**/outgoing/new/")
    page.set_input_files(
        "input[name=uploads]",
        files=[{"name": "chi-thi.pdf", "mimeType": "application/pdf", "buffer": content}],
    )
    expect(page.get_by_test_id("chosen-files").locator("li")).to_have_count(1)
    page.select_option("#id_document_type", value="CT")
    page.fill("#id_subject", subject)
    page.select_option("#id_signer", value=str(people["lanhdao.thanhuy"].pk))
    page.fill("#id_authority", "T/M BAN THƯỜNG VỤ")
    page.select_option("[data-testid=reviewer-1]", value=str(people["lanhdaovp.thanhuy"].pk))
    page.select_option("[data-testid=reviewer-2]", value=str(people["lanhdao.thanhuy-btc"].pk))
    page.get_by_test_id("recipient-groups").get_by_label(data["group"].name).check()
    page.get_by_test_id("save-draft").click()
    page.wait_for_url(DETAIL_URL)
    detail = page.url
    header = page.get_by_test_id("doc-header")
    expect(header).to_have_attribute("data-status", "draft")
    expect(page.get_by_test_id("recipients").locator("li")).to_have_count(30)
    page.get_by_test_id("submit").click()
    expect(header).to_have_attribute("data-status", "in_review")

    # The two reviewers approve, one after the other.
    for reviewer in ("lanhdaovp.thanhuy", "lanhdao.thanhuy-btc"):
        _as(page, reviewer)
        page.goto("/outgoing/")
        page.get_by_test_id("outgoing-list").get_by_role("link", name=subject).click()
        page.wait_for_url(detail)
        page.get_by_test_id("approve").click()
        expect(
            page.get_by_test_id("review").locator(f"tr[data-reviewer='{reviewer}']")
        ).to_have_attribute("data-status", "approved")
    expect(header).to_have_attribute("data-status", "approved")

    # The secretary signs with his key's passphrase.
    _as(page, "lanhdao.thanhuy")
    page.goto(detail)
    page.get_by_test_id("sign-form").locator("input[name=passphrase]").fill(PASSPHRASE)
    page.get_by_test_id("sign").click()
    expect(header).to_have_attribute("data-status", "signed")

    # The clerk numbers and issues it.
    _as(page, "vanthu.thanhuy")
    page.goto("/outgoing/")
    page.get_by_test_id("outgoing-list").get_by_role("link", name=subject).click()
    page.get_by_test_id("issue-form").locator("input[name=passphrase]").fill(PASSPHRASE)
    page.get_by_test_id("issue").click()
    expect(header).to_have_attribute("data-status", "issued")
    expect(page.get_by_test_id("symbol")).to_have_text("Số 01-CT/TU")
    deliveries = page.get_by_test_id("deliveries")
    expect(deliveries.locator("tr[data-unit]")).to_have_count(30)

    # The worker delivers to the 30 intakes.
    with hold_requests(page):
        assert run_jobs() >= 30
    page.reload()
    expect(deliveries.locator("tr[data-unit=badinh]")).to_have_attribute("data-status", "01")

    # Ba Đình's clerk finds it in the intake list and registers it.
    _as(page, "vanthu.badinh")
    page.goto("/incoming/")
    row = page.get_by_test_id("incoming-list").locator("tr[data-id]")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("01-CT/TU")
    row.get_by_role("link").click()
    page.get_by_test_id("register").click()
    year = timezone.localdate().year
    expect(page.get_by_test_id("arrival-number")).to_contain_text(f"1/{year}")

    # The receipt goes back; the sender sees Ba Đình accepted, with its số đến.
    with hold_requests(page):
        run_jobs()
    _as(page, "vanthu.thanhuy")
    page.goto(detail)
    badinh = page.get_by_test_id("deliveries").locator("tr[data-unit=badinh]")
    expect(badinh).to_have_attribute("data-status", "03")
    expect(badinh.get_by_test_id("delivery-status")).to_contain_text("03")
    expect(badinh.get_by_test_id("delivery-status")).to_contain_text(_label("03"))
    expect(badinh.get_by_test_id("arrival-number")).to_have_text(f"1/{year}")
    expect(page.get_by_test_id("deliveries").locator("tr[data-unit=hoankiem]")).to_have_attribute(
        "data-status", "01"
    )
