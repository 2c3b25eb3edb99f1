from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import translation
from PIL import Image

from postloom.brands.models import Business
from postloom.studio.models import Format, Pillar, Plan, Post, PostMedia


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    """Each test keeps its media in its own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Messages are asserted in English, whatever language an earlier test left active."""
    with translation.override("en"):
        yield


def jpeg(color: str = "orange", size: tuple[int, int] = (108, 135)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "JPEG")
    return out.getvalue()


def add_media(post: Post, kind: str = PostMedia.Kind.IMAGE, data: bytes | None = None) -> PostMedia:
    ext = "mp4" if kind == PostMedia.Kind.VIDEO else "jpg"
    name = default_storage.save(
        f"studio/{post.business_id}/{post.pk}/m.{ext}", ContentFile(data or jpeg())
    )
    position = post.media.count()
    return PostMedia.objects.create(
        post=post, kind=kind, file=name, width=1080, height=1350, position=position
    )


MakePost = Callable[..., Post]


@pytest.fixture
def make_post(business: Business) -> MakePost:
    """A finished post (words and a picture) made directly in the database."""

    def make(owner: Business | None = None, *, picture: bool = True, **fields: Any) -> Post:
        values: dict[str, Any] = {
            "format": Format.FEED_IMAGE,
            "pillar": Pillar.TIPS,
            "caption": "Three ways to enjoy palm sugar coffee at home.",
            "hashtags": ["kopi", "bandung"],
            "headline": "Palm sugar coffee",
            "alt_text": "A glass of iced coffee",
            **fields,
        }
        post = Post.objects.create(business=owner or business, **values)
        if picture:
            add_media(post)
        return post

    return make


@pytest.fixture
def post(make_post: MakePost) -> Post:
    return make_post()


def at(zone: str, day: date, hour: int, minute: int = 0) -> datetime:
    """A local time where the business is, as the UTC moment stored on a post."""
    local = datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZoneInfo(zone))
    return local.astimezone(ZoneInfo("UTC"))


def simple_slots(
    business: Business, start: date, days: int, posts_per_week: int = 7
) -> list[dict[str, Any]]:
    """A stand-in for the planner in tests about screens and permissions: one post a day."""
    return [
        {
            "format": Format.FEED_IMAGE,
            "pillar": Pillar.TIPS,
            "planned_for": at(business.timezone, start + timedelta(days=i), 10),
        }
        for i in range(days)
    ]


@pytest.fixture
def simple_planner(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("postloom.studio.actions.plan_slots", simple_slots)


@pytest.fixture
def plan(business: Business, make_post: MakePost) -> Plan:
    """Three days from 1 Dec 2026; the business is in Jakarta (UTC+7)."""
    business.timezone = "Asia/Jakarta"
    business.save()
    plan = Plan.objects.create(business=business, start_date=date(2026, 12, 1), days=3)
    for day, hour in ((1, 9), (2, 19), (3, 12)):
        make_post(plan=plan, planned_for=at("Asia/Jakarta", date(2026, 12, day), hour))
    return plan
