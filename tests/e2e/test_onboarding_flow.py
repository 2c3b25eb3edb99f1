"""A shop owner pastes their website and gets an editable brand profile, in a real browser."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from postloom.accounts.models import User
from postloom.brands import actions
from postloom.brands.models import BrandProfile

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def log_in(page: Page, email: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.locator("form[action$='/accounts/login/'] button[type=submit]").click()


def test_paste_a_website_and_edit_the_brand(
    page: Page, shot: Callable[[str], Path], kopi_site: str
) -> None:
    owner = User.objects.create_user("sari@kopisenja.example", "Pagi-pagi 2026 ngopi!")
    business = actions.create_business(owner, name="Kopi Senja")
    log_in(page, owner.email, "Pagi-pagi 2026 ngopi!")

    page.goto(f"/b/{business.pk}/brand/")
    shot("empty-brand")
    page.get_by_test_id("onboard-form").locator("input[name=url]").fill(kopi_site + "/")
    page.get_by_role("button", name="Analyse my website").click()

    profile = page.get_by_test_id("brand-profile")
    expect(profile).to_contain_text("Kopi Senja")
    expect(profile.locator(".badge")).to_have_text("Food and drink")
    swatch = page.get_by_test_id("swatches").locator(".chip").first
    expect(swatch).to_have_css("background-color", "rgb(139, 69, 19)")  # painted by app.js
    page.get_by_test_id("sent-text").locator("summary").click()
    shot("profile")

    form = page.get_by_test_id("brand-form")
    form.locator("input[name=name]").fill("Kopi Senja Bandung")
    form.get_by_role("button", name="Save brand profile").click()
    expect(page.get_by_test_id("brand-profile")).to_contain_text("Kopi Senja Bandung")
    shot("edited")
    brand = BrandProfile.objects.get(business=business)
    assert brand.name == "Kopi Senja Bandung"
    assert "name" in brand.edited_fields
