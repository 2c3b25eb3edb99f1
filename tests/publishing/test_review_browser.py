"""Review and the TikTok posting screen in a real browser: htmx approve, the audit's live rules,
no CSP errors."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from postloom.accounts.models import User
from postloom.brands import actions
from postloom.studio.models import Format, Post
from tests.e2e.conftest import browser, page, shot  # noqa: F401  (the browser fixtures)
from tests.e2e.test_onboarding_flow import log_in
from tests.publishing.review_support import approve, connect, fake_tiktok, jpeg, make_post

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PASSWORD = "Pagi-pagi 2026 ngopi!"


@pytest.fixture(autouse=True)
def media(settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"


def stand_in_pictures(browser_page: Page) -> None:
    """Pictures from here, not the live server (see tests/studio/test_browser.py for why)."""
    picture = jpeg("teal")
    browser_page.route(
        "**/studio/media/**", lambda route: route.fulfill(body=picture, content_type="image/jpeg")
    )


def test_approve_in_the_queue_then_the_tiktok_screen(
    page: Page,  # noqa: F811
    shot: Callable[[str], Path],  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tiktok = fake_tiktok(monkeypatch)
    owner = User.objects.create_user("sari@kopisenja.example", PASSWORD)
    business = actions.create_business(owner, name="Kopi Senja", timezone_name="Asia/Jakarta")
    post = make_post(business, headline="Palm sugar latte")
    photo = approve(make_post(business, format=Format.TIKTOK_PHOTO), owner)
    connect(business, "tiktok", sandbox=True)
    stand_in_pictures(page)
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    log_in(page, owner.email, PASSWORD)

    page.goto(f"/b/{business.pk}/review/")
    item = page.locator(f"#review-post-{post.pk}")
    expect(item.get_by_test_id("preview-feed")).to_be_visible()
    shot("queue")
    item.get_by_role("button", name="Approve").click()
    expect(page.locator(f"#review-post-{post.pk}").get_by_test_id("approved-now")).to_be_visible()
    assert Post.objects.get(pk=post.pk).status == Post.Status.APPROVED

    page.goto(f"/b/{business.pk}/studio/posts/{post.pk}/")
    expect(page.get_by_test_id("editor-publish")).to_be_visible()
    shot("editor")

    page.goto(f"/b/{business.pk}/publish/posts/{photo.pk}/")
    expect(page.get_by_test_id("creator-nickname")).to_contain_text("Kopi Senja Official")
    publish = page.get_by_test_id("publish-now")
    expect(publish).to_be_enabled()
    page.get_by_test_id("commercial").check()
    expect(page.get_by_test_id("blocked-reason")).to_be_visible()
    expect(page.get_by_text("Choose who can see this post.")).to_have_count(0)  # still choosing
    expect(page.get_by_test_id("publish-now")).to_be_disabled()
    expect(page.get_by_test_id("schedule")).to_be_disabled()
    page.get_by_test_id("branded_content").check()
    expect(page.get_by_test_id("label-prompt")).to_have_text(
        "Your photo will be labeled as 'Paid partnership'"
    )
    expect(page.get_by_test_id("publish-now")).to_be_enabled()
    expect(page.locator("option[value=SELF_ONLY]")).to_be_disabled()
    shot("tiktok-screen")
    assert len(tiktok.asked) == 1  # the clicks were redrawn without asking TikTok again
    assert problems == []
