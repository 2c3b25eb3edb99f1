"""A new shop owner, in a real browser: sign up, create a business, switch to Indonesian.

Run just these with ``.venv/bin/pytest -m e2e``; leave them out with ``-m "not e2e"``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from postloom.accounts.models import User
from postloom.brands.models import Business

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

Shot = Callable[[str], Path]

EMAIL = "sari@kopisenja.example"
PASSWORD = "Pagi-pagi 2026 ngopi!"
NAME = "Sari Wulandari"
DASHBOARD_HINT = "Here is what to do next."


def fill_signup(page: Page, *, confirm_age: bool, accept_privacy: bool) -> None:
    form = page.get_by_test_id("signup-form")
    form.locator("input[name=email]").fill(EMAIL)
    form.locator("input[name=password1]").fill(PASSWORD)
    form.locator("input[name=password2]").fill(PASSWORD)
    form.locator("input[name=name]").fill(NAME)
    form.locator("input[name=confirm_age]").set_checked(confirm_age)
    form.locator("input[name=accept_privacy]").set_checked(accept_privacy)


def submit_signup(page: Page) -> None:
    page.get_by_test_id("signup-form").locator("button[type=submit]").click()


def test_signup_create_business_and_switch_to_indonesian(
    page: Page, shot: Shot, browser: Browser, live_server: LiveServer
) -> None:
    page.goto("/accounts/signup/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_test_id("signup-form")).to_be_visible()
    shot("signup-page")

    fill_signup(page, confirm_age=True, accept_privacy=True)
    shot("signup-filled")
    submit_signup(page)

    expect(page.get_by_test_id("welcome")).to_be_visible()
    expect(page.get_by_test_id("welcome")).to_contain_text("Sari")
    shot("welcome")
    user = User.objects.get(email=EMAIL)
    assert user.name == NAME
    assert user.age_confirmed_at is not None
    assert user.language == "en"

    page.get_by_test_id("welcome").get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"/b/new/$"))
    form = page.get_by_test_id("business-form")
    form.locator("input[name=name]").fill("Kopi Senja")
    form.locator("input[name=website]").fill("https://kopisenja.example")
    shot("business-form")
    form.locator("button[type=submit]").click()

    title = page.get_by_test_id("dashboard-title")
    expect(title).to_have_text("Kopi Senja")
    expect(page.get_by_text(DASHBOARD_HINT)).to_be_visible()
    business = Business.objects.get(name="Kopi Senja")
    expect(page).to_have_url(re.compile(rf"/b/{business.pk}/$"))
    shot("dashboard-en")

    page.get_by_test_id("lang-id").click()
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page).to_have_url(re.compile(rf"/b/{business.pk}/$"))
    expect(page.get_by_test_id("dashboard-title")).to_have_text("Kopi Senja")
    shot("dashboard-id")
    # The Indonesian for the hint, from the compiled catalogue (locale/id/LC_MESSAGES/django.mo).
    with translation.override("id"):
        hint_id = translation.gettext(DASHBOARD_HINT)
    assert hint_id != DASHBOARD_HINT, (
        f"no Indonesian translation of {DASHBOARD_HINT!r}: is "
        "src/postloom/locale/id/LC_MESSAGES/django.mo compiled (make messages)?"
    )
    expect(page.get_by_text(hint_id)).to_be_visible()
    expect(page.get_by_text(DASHBOARD_HINT, exact=True)).to_have_count(0)
    expect(page.get_by_test_id("lang-id")).to_have_attribute("aria-pressed", "true")

    # The choice is saved on the account: it survives a reload, and a new browser (no language
    # cookie, English Accept-Language) shows Indonesian as soon as the user logs in.
    assert User.objects.get(pk=user.pk).language == "id"
    page.reload()
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page.get_by_text(hint_id)).to_be_visible()
    shot("dashboard-id-reloaded")

    other = browser.new_context(base_url=str(live_server), locale="en-US")
    try:
        fresh = other.new_page()
        fresh.goto("/accounts/login/")
        expect(fresh.locator("html")).to_have_attribute("lang", "en")
        fresh.locator("input[name=login]").fill(EMAIL)
        fresh.locator("input[name=password]").fill(PASSWORD)
        fresh.locator("form[action$='/accounts/login/'] button[type=submit]").click()
        expect(fresh.get_by_test_id("dashboard-title")).to_have_text("Kopi Senja")
        expect(fresh.locator("html")).to_have_attribute("lang", "id")
        expect(fresh.get_by_text(hint_id)).to_be_visible()
    finally:
        other.close()


def test_signup_refused_without_age_confirmation(page: Page, shot: Shot) -> None:
    page.goto("/accounts/signup/")
    fill_signup(page, confirm_age=False, accept_privacy=True)
    shot("signup-no-age")

    # The browser itself refuses first: the age box is a required field.
    submit_signup(page)
    age_box = page.locator("input[name=confirm_age]")
    expect(age_box).to_have_attribute("required", "")
    assert age_box.evaluate("el => !el.checkValidity()")
    expect(page).to_have_url(re.compile(r"/accounts/signup/$"))
    assert not User.objects.filter(email=EMAIL).exists()

    # The server refuses too, for a client that skips the browser's checks.
    page.get_by_test_id("signup-form").evaluate("form => { form.noValidate = true; }")
    submit_signup(page)
    page.wait_for_load_state()
    expect(page).to_have_url(re.compile(r"/accounts/signup/$"))
    error = f"You must be at least {settings.MIN_AGE} years old to use Postloom."
    expect(page.get_by_test_id("signup-form").get_by_text(error)).to_be_visible()
    # What the user typed is kept (the passwords are not sent back, on purpose).
    expect(page.locator("input[name=email]")).to_have_value(EMAIL)
    expect(page.locator("input[name=name]")).to_have_value(NAME)
    shot("signup-age-error")
    assert User.objects.count() == 0
