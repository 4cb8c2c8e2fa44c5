"""The foundation in a real browser: sign in, switch role, read the tree on a phone, sign out."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tests.e2e.conftest import PHONE, horizontal_overflow, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_clerk_signs_in_switches_role_reads_the_tree_on_a_phone_and_signs_out(page):
    from vanphong.org.demo import demo_load
    from vanphong.org.models import Unit, User
    from vanphong.org.services import delegation_grant

    demo_load()
    office_leader = User.objects.get(username="lanhdaovp.badinh")
    now = timezone.now()
    delegation = delegation_grant(
        by=office_leader,
        grantor=office_leader,
        grantee=User.objects.get(username="vanthu.badinh"),
        unit=Unit.objects.get(slug="badinh"),
        role="lanhdaovp",
        valid_from=now,
        valid_to=now + dt.timedelta(days=2),
        reason="Đi công tác",
    )

    sign_in(page, "vanthu.badinh")
    # The vendored Pico CSS and htmx are served by the application itself (no CDN).
    assert page.evaluate(
        "getComputedStyle(document.documentElement).getPropertyValue('--pico-primary')"
    ).strip()
    assert page.evaluate("typeof htmx") == "object"
    assert page.get_attribute("html", "lang") == "vi"
    assert page.text_content("h1").startswith("Xin chào, ")
    current = page.get_by_test_id("current-unit")
    assert current.text_content() == "Quận ủy Ba Đình · Văn thư · Văn thư"

    # The switcher submits on change; the delegated role is one of its options.
    with page.expect_navigation():
        page.select_option("#acting-select", value=f"d{delegation.pk}")
    assert current.text_content() == "Quận ủy Ba Đình · Lãnh đạo văn phòng"

    # Keyboard first: the first Tab lands on the skip link.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"

    page.set_viewport_size(PHONE)
    page.goto("/units/")
    assert page.locator("[data-slug=badinh] .unit-name").first.text_content() == "Quận ủy Ba Đình"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # htmx redraws the tree in place and keeps the address shareable.
    page.get_by_test_id("include-closed").check()
    page.wait_for_url("**/units/?closed=1")
    assert page.locator("[data-slug=badinh]").count() == 1
    for url in ("/", "/units/badinh/", "/delegations/"):
        page.goto(url)
        assert horizontal_overflow(page) == 0, url

    page.click("details.user-menu > summary")
    page.get_by_test_id("logout").click()
    page.wait_for_url("**/accounts/login/")
    page.goto("/")
    assert "/accounts/login/" in page.url


def test_administration_pages_fit_a_phone(page, network):
    sign_in(page, "quantri.thanhuy")
    page.set_viewport_size(PHONE)
    for url in ("/manage/", "/manage/reorg-2025/", "/manage/jobs/", "/manage/audit/"):
        page.goto(url)
        assert page.locator("h1").count() == 1, url
        assert horizontal_overflow(page) == 0, url
    assert page.get_by_test_id("verdict").get_attribute("data-ok") == "true"
