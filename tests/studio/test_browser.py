"""The studio in a real browser: one post from a topic, live counters, previews, no CSP errors."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from postloom.accounts.models import User
from postloom.brands import actions
from postloom.studio.models import Post
from tests.e2e.conftest import browser, page, shot  # noqa: F401  (the browser fixtures)
from tests.e2e.test_onboarding_flow import log_in
from tests.studio.conftest import add_media, at, jpeg

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PASSWORD = "Pagi-pagi 2026 ngopi!"


def stand_in_pictures(browser_page: Page) -> None:
    """Answer the browser's picture requests here, not from the live server.

    With the in-memory SQLite test database, the live server's threads share one connection;
    a calendar's dozen parallel picture requests then race on it and can lose the session.
    Serving the files is tested without a browser (test_generation, test_tenancy).
    """
    picture = jpeg("teal", (216, 270))
    browser_page.route(
        "**/studio/media/**", lambda route: route.fulfill(body=picture, content_type="image/jpeg")
    )


def test_one_post_then_edit_it_with_live_counters(
    page: Page,  # noqa: F811
    shot: Callable[[str], Path],  # noqa: F811
) -> None:
    owner = User.objects.create_user("sari@kopisenja.example", PASSWORD)
    business = actions.create_business(owner, name="Kopi Senja", timezone_name="Asia/Jakarta")
    stand_in_pictures(page)
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    log_in(page, owner.email, PASSWORD)

    page.goto(f"/b/{business.pk}/studio/")
    expect(page.get_by_test_id("plans-empty")).to_be_visible()
    shot("empty-studio")
    form = page.get_by_test_id("single-post-form")
    form.locator("textarea[name=topic]").fill("Our new iced palm sugar latte")
    form.locator("select[name=format]").select_option("carousel")
    form.get_by_role("button", name="Write and design it").click()

    expect(page.get_by_test_id("preview-feed")).to_be_visible()
    post = Post.objects.get()
    expect(page.get_by_test_id("preview-feed").locator("img").first).to_have_js_property(
        "complete", True
    )
    shot("editor")

    chars = page.locator('[data-counter="chars"] [data-value]')
    caption = page.locator("textarea[name=caption]")
    caption.fill("Hello")
    page.locator("input[name=hashtags]").fill("#kopi, bandung")
    expect(chars).to_have_text(str(len("Hello\n\n#kopi #bandung")))
    expect(page.locator('[data-counter="tags"] [data-value]')).to_have_text("2")
    expect(page.locator("[data-warning]")).to_be_hidden()
    caption.fill("x" * 2200)
    expect(page.locator("[data-warning]")).to_be_visible()
    expect(page.locator('[data-counter="chars"]')).to_have_class("counter over")
    shot("over-the-limit")
    caption.fill("Fresh today.")
    page.get_by_test_id("save-post").click()
    page.wait_for_load_state()
    shot("saved")
    print("URL", page.url)
    expect(page.locator(".messages")).to_contain_text("Saved.")
    post.refresh_from_db()
    assert (post.caption, post.hashtags) == ("Fresh today.", ["kopi", "bandung"])
    assert not [p for p in problems if "Content Security Policy" in p or "Refused" in p]


def test_the_plan_calendar_in_local_time(
    page: Page,  # noqa: F811
    shot: Callable[[str], Path],  # noqa: F811
) -> None:
    from datetime import date

    from postloom.studio.models import Plan

    owner = User.objects.create_user("sari@kopisenja.example", PASSWORD)
    business = actions.create_business(owner, name="Kopi Senja", timezone_name="Asia/Jakarta")
    plan = Plan.objects.create(business=business, start_date=date(2026, 12, 1), days=10)
    formats = ["feed_image", "carousel", "story", "reel", "tiktok_video"]
    for day in range(1, 11):
        post = Post.objects.create(
            business=business,
            plan=plan,
            format=formats[day % 5],
            pillar="tips",
            caption="Words",
            headline=f"Day {day}",
            planned_for=at("Asia/Jakarta", date(2026, 12, day), 8 + day),
        )
        add_media(post)
    stand_in_pictures(page)
    log_in(page, owner.email, PASSWORD)

    page.goto(f"/b/{business.pk}/studio/plans/{plan.pk}/")
    month = page.get_by_test_id("calendar-month")
    expect(month.locator('[data-date="2026-12-03"] time')).to_have_text("11:00")
    shot("month")
    page.get_by_test_id("view-week").click()
    week = page.get_by_test_id("calendar-week")
    expect(week.locator('[data-date="2026-12-01"] time')).to_have_text("09:00")
    page.get_by_test_id("next-week").click()
    expect(
        page.get_by_test_id("calendar-week").locator('[data-date="2026-12-08"] time')
    ).to_have_text("16:00")
    shot("week-2")
