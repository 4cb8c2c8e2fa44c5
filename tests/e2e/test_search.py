"""The header's search box in a real browser: suggestions as one types, chosen with the
keyboard, on a desktop and on a phone; and the results page without JavaScript."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import PHONE, horizontal_overflow, sign_in
from tests.search.conftest import Archive

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def indexed(network, run_jobs):
    archive = Archive(network, run_jobs)
    for i in range(10):
        archive.receive(
            f"Văn phòng cấp ủy tham mưu giỏi, lần {i}.",
            subject=f"Chỉ thị tham mưu số {i}",
            symbol=f"{15 + i}-CT/TU",
            document_type="CT",
        )
    archive.index()
    return archive


def test_suggestions_as_you_type_chosen_with_the_keyboard(page, indexed):
    sign_in(page, "vanthu.badinh")
    box = page.locator("#header-search-q")
    listbox = page.locator("#header-search-list")
    expect(box).to_have_attribute("aria-expanded", "false")
    box.press_sequentially("tham mu", delay=30)
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    expect(listbox.locator("[data-hit]")).to_have_count(8)
    box.press("ArrowDown")
    box.press("ArrowDown")
    second = listbox.locator("[role=option]").nth(1)
    expect(second).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", "search-suggest-2")
    href = second.get_attribute("data-href")
    box.press("Escape")
    expect(listbox).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    box.press("ArrowDown")  # opens the list again on the first option
    expect(listbox).to_be_visible()
    box.press("ArrowDown")
    expect(box).to_have_attribute("aria-activedescendant", "search-suggest-2")
    box.press("Enter")
    page.wait_for_url(f"**{href}")


def test_enter_opens_the_results_page_and_the_box_fits_a_phone(page, indexed):
    page.set_viewport_size(PHONE)
    sign_in(page, "vanthu.badinh")
    box = page.locator("#header-search-q")
    expect(box).to_be_visible()
    box.fill("tham muu gioi")
    expect(page.locator("#header-search-list [data-hit]").first).to_be_visible()
    assert horizontal_overflow(page) == 0
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=tham"))
    expect(page.locator(".search-hit")).to_have_count(10)
    expect(page.locator(".hit-snippet mark").first).to_be_visible()
    assert horizontal_overflow(page) == 0
