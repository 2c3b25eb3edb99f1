"""Browser fixtures for the end-to-end tests: Playwright (sync API) driving the system Chromium.

No browser is ever downloaded: the tests use the Chromium the OS provides
(``/usr/bin/chromium`` on Debian; ``POSTLOOM_E2E_CHROMIUM`` points elsewhere). Where it is
missing the tests are skipped, except in CI (``CI`` set), where a missing browser is an error.

Screenshots of every step go to ``test-output/e2e/`` at the repository root.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from pytest_django.live_server_helper import LiveServer

CHROMIUM = Path(os.environ.get("POSTLOOM_E2E_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOT_DIR = Path(__file__).resolve().parents[2] / "test-output" / "e2e"
TIMEOUT_MS = 15_000


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        message = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)

    # Playwright's sync API keeps an asyncio loop running on this thread, so Django's
    # "you cannot call this from an async context" guard would refuse the ORM calls the tests
    # make. Lift it only while the browser is open, not for the rest of the session.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            try:
                yield browser
            finally:
                browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser: Browser, live_server: LiveServer) -> Iterator[Page]:
    """A fresh browser context (no cookies) in English, one page, for each test."""
    context = browser.new_context(
        base_url=str(live_server),
        locale="en-US",
        extra_http_headers={"Accept-Language": "en-US,en;q=0.9"},
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


@pytest.fixture
def shot(page: Page, request: pytest.FixtureRequest) -> Callable[[str], Path]:
    """``shot("name")`` saves a full-page screenshot as test-output/e2e/<test>-NN-<name>.png."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    test = re.sub(r"[^A-Za-z0-9_-]+", "-", request.node.name).strip("-")
    for old in SCREENSHOT_DIR.glob(f"{test}-*.png"):
        old.unlink()
    counter = iter(range(1, 100))

    def take(name: str) -> Path:
        path = SCREENSHOT_DIR / f"{test}-{next(counter):02d}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
