"""Plan and post options: posts a week (one a day by default), a single post's network."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from postloom.accounts.models import User
from postloom.brands.models import Business
from postloom.studio import actions
from postloom.studio.models import Post
from postloom.studio.planner import plan_slots

START = date(2027, 3, 1)


def test_a_month_plan_has_a_post_a_day_by_default(business: Business) -> None:
    assert len(plan_slots(business, START, 28)) == 28


@pytest.mark.parametrize(("per_week", "posts"), [(3, 12), (5, 20), (14, 56)])
def test_the_cadence_follows_the_choice(business: Business, per_week: int, posts: int) -> None:
    assert len(plan_slots(business, START, 28, per_week)) == posts


def test_an_unknown_cadence_is_refused_and_nothing_is_planned(
    business: Business, owner: User
) -> None:
    with pytest.raises(ValidationError) as caught:
        actions.create_plan(business, by=owner, start=START, days=7, posts_per_week=9)
    assert caught.value.code == "bad_posts_per_week"
    assert "3, 5, 7, 10, 14" in caught.value.messages[0]
    assert not Post.objects.exists()


def test_the_plan_form_sends_the_cadence(
    business: Business,
    owner: User,
    client_for,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    seen: dict[str, int] = {}

    def fake_create_plan(business: Business, **kwargs: object) -> None:
        seen["per_week"] = kwargs["posts_per_week"]  # type: ignore[assignment]
        raise ValidationError("stop here", code="stop")

    monkeypatch.setattr(actions, "create_plan", fake_create_plan)
    client_for(owner).post(
        f"/b/{business.pk}/studio/plans/new/",
        {"days": "14", "start": "2099-01-01", "posts_per_week": "3"},
    )
    assert seen == {"per_week": 3}


@pytest.mark.parametrize(
    ("format", "platform"),
    [("tiktok_video", "tiktok"), ("tiktok_photo", "tiktok"), ("reel", "instagram")],
)
def test_a_single_post_belongs_to_its_formats_network(
    business: Business, owner: User, format: str, platform: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(actions, "_start_job", lambda *args, **kwargs: None)
    actions.create_single_post(business, by=owner, topic="Our new latte", format=format)
    assert Post.objects.get().platform == platform
