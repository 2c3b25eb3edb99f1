"""Fixtures for the publishing engine's tests: connected accounts, approved posts, the fake
network wired in through the client facade, and helpers that move time along."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from PIL import Image

from postloom.accounts.models import User
from postloom.brands.models import Business
from postloom.connections.models import Connection
from postloom.integrations.networks.base import Kind, MediaItem, PublishRequest, TikTokOptions
from postloom.publishing import claims, dispatch, policy, quota, worker
from postloom.publishing.models import Publication
from postloom.publishing.preflight import Prepared
from postloom.studio import approval
from postloom.studio.models import Format, Pillar, Post, PostMedia
from tests.publishing.fake_network import FakeInstagram, FakeNetwork, FakeTikTok
from tests.publishing.sims import instagram, sims, tiktok  # noqa: F401  (fixtures)

IG_TOKEN = "IGQ-secret-access-token-123"
TT_TOKEN = "act.secret-tiktok-token-456"
ENGINE_SETTINGS = {
    "retry_base_seconds": 10.0,
    "poll_base_seconds": 2.0,
    "lease_seconds": 60.0,
    "idle_sleep_seconds": 0.05,
}


def jpeg(color: str = "orange") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (108, 135), color).save(out, "JPEG")
    return out.getvalue()


@pytest.fixture
def engine_media(settings, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PUBLISHING = ENGINE_SETTINGS
    return settings.MEDIA_ROOT


def make_connection(business: Business, platform: str = "instagram", **extra: Any) -> Connection:
    connection = Connection(
        business=business,
        platform=platform,
        variant="instagram_login" if platform == "instagram" else "tiktok",
        account_id=extra.pop("account_id", f"{platform}-{business.pk}"),
        username=extra.pop("username", "kopisenja"),
        **extra,
    )
    connection.access_token = IG_TOKEN if platform == "instagram" else TT_TOKEN
    connection.save()
    return connection


@pytest.fixture
def ig_connection(business: Business) -> Connection:
    return make_connection(business)


@pytest.fixture
def tt_connection(business: Business) -> Connection:
    return make_connection(business, "tiktok")


MakeApproved = Callable[..., Post]


@pytest.fixture
def make_approved(business: Business, owner: User, engine_media: Path) -> MakeApproved:
    """A post with words and a picture, approved by the owner."""
    counter = iter(range(1, 100_000))

    def make(*, format: str = Format.FEED_IMAGE, caption: str = "", **fields: Any) -> Post:
        n = next(counter)
        post = Post.objects.create(
            business=business,
            format=format,
            platform="tiktok" if format.startswith("tiktok") else "instagram",
            pillar=Pillar.TIPS,
            caption=caption or f"Palm sugar coffee, way {n}.",
            hashtags=["kopi"],
            **fields,
        )
        name = default_storage.save(f"studio/{post.pk}/m.jpg", ContentFile(jpeg()))
        PostMedia.objects.create(post=post, kind="image", file=name, width=108, height=135)
        return approval.approve_post(post, by=owner)

    return make


@pytest.fixture
def approved(make_approved: MakeApproved) -> Post:
    return make_approved()


def simple_request(post: Post, platform: str, options: TikTokOptions | None) -> Any:
    item = MediaItem(kind="image", url=f"https://media.example/{post.pk}.jpg", mime="image/jpeg")
    kind = Kind.TIKTOK_PHOTO if platform == "tiktok" else Kind.FEED_IMAGE
    caption = f"{post.caption} #kopi"  # pre-flight adds the hashtags
    return PublishRequest(kind=kind, items=(item,), caption=caption, tiktok=options)


def simple_prepared(post: Post, platform: str, options: TikTokOptions | None) -> Prepared:
    """Pre-flight reduced to one signed URL, with nothing kept for a later attempt."""
    return Prepared(simple_request(post, platform, options), {})


@pytest.fixture(autouse=True)
def fresh_quota_readings() -> None:
    """Limit readings are kept per process: each test starts without any."""
    quota.clear()


@pytest.fixture
def networks(monkeypatch: pytest.MonkeyPatch, engine_media: Path) -> dict[str, FakeNetwork]:
    """The fake networks behind ``get_client`` (pre-flight reduced to one signed URL)."""
    fakes: dict[str, FakeNetwork] = {"instagram": FakeInstagram(), "tiktok": FakeTikTok()}
    monkeypatch.setattr(dispatch, "get_client", lambda platform: fakes[platform])
    monkeypatch.setattr(dispatch, "prepare_request", simple_prepared)
    monkeypatch.setattr(dispatch, "release_files", lambda request: None)
    return fakes


@pytest.fixture
def fake(networks: dict[str, FakeNetwork]) -> FakeNetwork:
    return networks["instagram"]


@pytest.fixture
def fake_tiktok(networks: dict[str, FakeNetwork]) -> FakeNetwork:
    return networks["tiktok"]


def make_due(publication: Publication) -> None:
    """Time passes: whatever the row waits for is now due."""
    Publication.objects.filter(pk=publication.pk).update(
        next_attempt_at=timezone.now() - timedelta(seconds=1)
    )


def expire_lease(publication: Publication) -> None:
    """The worker holding the row died: its lease runs out."""
    Publication.objects.filter(pk=publication.pk).update(
        claim_expires_at=timezone.now() - timedelta(seconds=1)
    )


def run(publication: Publication) -> Publication:
    """One worker pass over the row, as the task would make it."""
    worker.run_one(publication.pk)
    publication.refresh_from_db()
    return publication


def claim_now(publication: Publication) -> claims.Claim | None:
    found = claims.claim(policy.current(), only_id=publication.pk)
    return found[0] if found else None
