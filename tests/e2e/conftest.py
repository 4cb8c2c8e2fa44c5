"""A real Chromium (Debian's, driven by Playwright) against Django's live server.

One browser for the whole session; each test gets a fresh context (cookies, storage), so tests
stay independent without paying for a browser start each.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.conftest import require

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 375, "height": 667}

# The same patience for assertions as for actions (the context's default below): a shared CI
# machine running two workers can take seconds to answer a form that redirects to itself.
expect.set_options(timeout=10_000)


# Per module, not per session: Playwright's synchronous API keeps an event loop running in the
# thread while it is open, and the tests that run after it on the same worker must not inherit
# one (Django refuses database access from it, asyncio.run refuses to start).
@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    require("Chromium", CHROMIUM.exists(), "apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    # An English browser, as many office computers are: the interface must still be Vietnamese.
    context = browser.new_context(base_url=live_server.url, locale="en-US")
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


DEMO_PASSWORD = "vanphong-demo"  # the published demo credential (DESIGN.md §6)


def sign_in(page: Any, username: str, password: str = DEMO_PASSWORD) -> None:
    """Log in through the login form, as a person would."""
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("form button[type=submit]")
    page.wait_for_url("**/")


def horizontal_overflow(page: Any) -> int:
    """How many pixels the page is wider than the viewport (0 when nothing scrolls sideways)."""
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def htmx_settled(page: Any) -> None:
    """Wait until no htmx request is in flight or being swapped in.

    A part of the page redrawn under the pointer between the press and the release of a click
    swallows the click; a test that clicks right after something triggered a redraw (the text of
    the files has been read, say) waits for this first, as a person would see the page settle.
    """
    page.wait_for_function(
        "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')"
    )
