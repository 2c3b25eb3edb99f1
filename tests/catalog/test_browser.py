"""A shop owner adds a product with photos in a real browser, and sees them (CSP and all)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from postloom.accounts.models import User
from postloom.brands import actions
from tests.catalog.images import phone_jpeg, png_with_alpha
from tests.e2e.conftest import browser, page, shot  # noqa: F401  (the browser fixtures)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PASSWORD = "Pagi-pagi 2026 ngopi!"


def log_in(page: Page, email: str) -> None:  # noqa: F811  (a page, not the fixture)
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form[action$='/accounts/login/'] button[type=submit]").click()


def test_add_a_product_with_photos_and_reorder_them(
    page: Page,  # noqa: F811
    shot: Callable[[str], Path],  # noqa: F811
    tmp_path: Path,
) -> None:
    owner = User.objects.create_user("sari@kopisenja.example", PASSWORD)
    business = actions.create_business(owner, name="Kopi Senja", language="id")
    (tmp_path / "IMG_0001.JPG").write_bytes(phone_jpeg())
    (tmp_path / "logo.png").write_bytes(png_with_alpha())
    (tmp_path / "menu.jpg").write_text("Kopi susu 18.000")
    log_in(page, owner.email)

    page.goto(f"/b/{business.pk}/")
    page.get_by_role("link", name="Add your products").click()
    expect(page.get_by_test_id("products-empty")).to_contain_text("No products yet")
    shot("empty")
    page.get_by_test_id("add-product").click()

    form = page.get_by_test_id("product-form")
    form.get_by_label("Name").fill("Es Kopi Susu")
    form.get_by_label("Price").fill("18000")
    expect(form.get_by_label("Currency")).to_have_value("IDR")  # from the business's language
    form.get_by_label("Highlights").fill("halal, gula aren asli")
    form.get_by_label("Add photos").set_input_files(
        [tmp_path / "IMG_0001.JPG", tmp_path / "logo.png", tmp_path / "menu.jpg"]
    )
    shot("form")
    form.get_by_role("button", name="Add product").click()

    expect(page.locator(".messages")).to_contain_text("menu.jpg: This file is not a photo.")
    photos = page.get_by_test_id("photo")
    expect(photos).to_have_count(2)
    # The photos are served by Postloom itself and load under the page's CSP.
    first = photos.first.locator("img")
    expect(first).to_have_js_property("complete", True)
    assert first.evaluate("img => img.naturalWidth") == 200  # the phone photo, upright
    shot("product")

    photos.nth(1).get_by_role("button", name="Move earlier").click()
    expect(page.get_by_test_id("photo").first.locator("img")).to_have_js_property(
        "naturalWidth", 120
    )
    page.get_by_role("link", name="All products").click()
    products = page.get_by_test_id("products")
    expect(products).to_contain_text("Es Kopi Susu")
    expect(products).to_contain_text("Rp 18,000")
    expect(products.locator("img")).to_have_js_property("naturalWidth", 120)
    shot("list")
