"""A plan as a calendar, in the business's local time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.test import Client

from postloom.accounts.models import User
from postloom.brands.models import Business
from postloom.studio.models import Plan, Post

ClientFor = Callable[[User | None], Client]


def day_cell(page: str, day: str) -> str:
    return page.split(f'data-date="{day}"', 1)[1].split("</section>", 1)[0]


def test_month_view_puts_posts_on_their_local_day(
    business: Business,
    plan: Plan,
    owner: User,
    client_for: ClientFor,
    make_post: Callable[..., Post],
) -> None:
    # 23:30 UTC on 3 Dec is 06:30 on 4 Dec in Jakarta: past the plan's last day, still shown.
    late = make_post(plan=plan, planned_for=datetime(2026, 12, 3, 23, 30, tzinfo=ZoneInfo("UTC")))
    page = client_for(owner).get(f"/b/{business.pk}/studio/plans/{plan.pk}/").content.decode()
    assert 'data-testid="calendar-month"' in page
    assert "Times are in Asia/Jakarta." in page
    assert ">09:00</time>" in day_cell(page, "2026-12-01")
    assert ">19:00</time>" in day_cell(page, "2026-12-02")
    assert ">12:00</time>" in day_cell(page, "2026-12-03")
    assert f'data-post="{late.pk}"' in day_cell(page, "2026-12-04")
    assert ">06:30</time>" in day_cell(page, "2026-12-04")
    assert "Feed image" in day_cell(page, "2026-12-01")
    assert "Tips" in day_cell(page, "2026-12-01")
    # The grid starts on Monday 30 November; days outside the plan are there, dimmed.
    assert 'class="day outside" data-date="2026-11-30"' in page
    assert 'data-testid="post-list"' in page and page.count('data-testid="post-card"') == 4


def test_week_view_shows_one_week(
    business: Business,
    plan: Plan,
    owner: User,
    client_for: ClientFor,
    make_post: Callable[..., Post],
) -> None:
    plan.days = 10
    plan.save()
    later = make_post(plan=plan, planned_for=datetime(2026, 12, 8, 3, 0, tzinfo=ZoneInfo("UTC")))
    url = f"/b/{business.pk}/studio/plans/{plan.pk}/?view=week&week=2"
    page = client_for(owner).get(url).content.decode()
    week = page.split('data-testid="calendar-week"', 1)[1].split('data-testid="post-list"')[0]
    assert 'data-date="2026-12-07"' in week and 'data-date="2026-12-13"' in week
    assert 'data-date="2026-12-01"' not in week
    assert ">10:00</time>" in day_cell(week, "2026-12-08")
    assert f'data-post="{later.pk}"' in week
    assert "Week 2 of 2" in page
    assert "?view=week&amp;week=1" in page  # the previous week
    assert 'data-testid="next-week"' not in page


def test_week_numbers_out_of_range_show_the_nearest_week(
    business: Business, plan: Plan, owner: User, client_for: ClientFor
) -> None:
    client = client_for(owner)
    for week in ("0", "99", "x"):
        url = f"/b/{business.pk}/studio/plans/{plan.pk}/?view=week&week={week}"
        page = client.get(url).content.decode()
        assert 'data-date="2026-12-01"' in page and "Week 1 of 1" in page


def test_the_studio_lists_plans_and_single_posts(
    business: Business,
    plan: Plan,
    owner: User,
    client_for: ClientFor,
    make_post: Callable[..., Post],
) -> None:
    single = make_post(topic="Opening day")
    page = client_for(owner).get(f"/b/{business.pk}/studio/").content.decode()
    assert f"/b/{business.pk}/studio/plans/{plan.pk}/" in page
    assert date(2026, 12, 1).strftime("%B") in page  # "December"
    singles = page.split('data-testid="single-posts"', 1)[1]
    assert f'data-post="{single.pk}"' in singles


def test_empty_studio_says_what_to_do(
    business: Business, owner: User, viewer: User, client_for: ClientFor
) -> None:
    page = client_for(owner).get(f"/b/{business.pk}/studio/").content.decode()
    assert 'data-testid="plans-empty"' in page and "No plans yet." in page
    assert "Add your products first" in page
    assert "300 credits" in page  # the welcome grant, counted before it is written
    seen = client_for(viewer).get(f"/b/{business.pk}/studio/").content.decode()
    assert "have not planned any posts" in seen
