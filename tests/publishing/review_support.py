"""Helpers for the review, publish-screen and API tests: posts, connections, a TikTok fake."""

from __future__ import annotations

import io
from dataclasses import dataclass, field, replace
from datetime import timedelta
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from PIL import Image

from postloom.accounts.models import User
from postloom.brands.models import Business
from postloom.connections.models import Connection
from postloom.integrations.networks.base import Account, CreatorInfo, ErrorCode, NetworkError
from postloom.publishing.models import Publication
from postloom.studio import approval
from postloom.studio.models import ApprovalEvent, Format, Pillar, Post, PostMedia


def jpeg(color: str = "orange") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (108, 135), color).save(out, "JPEG")
    return out.getvalue()


def make_post(business: Business, *, media: bool = True, **fields: Any) -> Post:
    values: dict[str, Any] = {
        "format": Format.FEED_IMAGE,
        "pillar": Pillar.TIPS,
        "caption": "Three ways to enjoy palm sugar coffee at home.",
        "hashtags": ["kopi", "bandung"],
        "headline": "Palm sugar coffee",
        "alt_text": "A glass of iced coffee",
        **fields,
    }
    if values["format"].startswith("tiktok"):
        values.setdefault("platform", "tiktok")
    post = Post.objects.create(business=business, **values)
    if media:
        add_file(post, PostMedia.Kind.IMAGE, jpeg())
    return post


def add_file(post: Post, kind: str, data: bytes) -> PostMedia:
    ext = "mp4" if kind == PostMedia.Kind.VIDEO else "jpg"
    name = default_storage.save(f"studio/{post.business_id}/{post.pk}/m.{ext}", ContentFile(data))
    return PostMedia.objects.create(
        post=post, kind=kind, file=name, width=1080, height=1350, position=post.media.count()
    )


def approve(post: Post, by: User) -> Post:
    return approval.approve_post(post, by=by)


def connect(
    business: Business, platform: str = "instagram", *, sandbox: bool = False, **fields: Any
) -> Connection:
    count = Connection.objects.filter(business=business).count()
    values: dict[str, Any] = {
        "variant": "instagram_login" if platform == "instagram" else "tiktok",
        "account_id": f"{platform}-{business.pk}-{count}",
        "username": f"kopisenja{count or ''}",
        "display_name": "Kopi Senja",
        "sandbox": sandbox,
        **fields,
    }
    connection = Connection(business=business, platform=platform, **values)
    connection.access_token = "act.secret-token-never-shown"  # noqa: S105
    connection.save()
    return connection


CREATOR = CreatorInfo(
    nickname="Kopi Senja Official",
    username="kopisenja",
    avatar_url="https://example.invalid/a.jpg",
    privacy_level_options=("PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS", "SELF_ONLY"),
    comment_disabled=False,
    duet_disabled=False,
    stitch_disabled=True,
    max_video_post_duration_sec=300,
)


@dataclass
class FakeTikTok:
    """Stands for get_client("tiktok") on the posting screen: answers creator_info."""

    creator: CreatorInfo = CREATOR
    error: NetworkError | None = None
    asked: list[Account] = field(default_factory=list)

    def creator_info(self, account: Account) -> CreatorInfo:
        self.asked.append(account)
        if self.error is not None:
            raise self.error
        return self.creator

    def with_creator(self, **changes: Any) -> FakeTikTok:
        self.creator = replace(self.creator, **changes)
        return self


def cant_post_now() -> NetworkError:
    return NetworkError(
        ErrorCode.CANT_POST_NOW, permanent=False, vendor_code="spam_risk_too_many_posts"
    )


def fake_tiktok(monkeypatch: pytest.MonkeyPatch) -> FakeTikTok:
    fake = FakeTikTok()
    monkeypatch.setattr("postloom.integrations.networks.get_client", lambda platform: fake)
    return fake


def snapshot() -> list[Any]:
    """Everything these screens could change."""
    return [
        list(Post.objects.values_list("id", "status", "approved_by", "approved_hash", "caption")),
        list(ApprovalEvent.objects.values_list("id", "action", "by", "comment")),
        list(Publication.objects.values_list("id", "status", "cancelled_by", "error_code")),
    ]


def build_world(business: Business, owner: User) -> dict[str, int]:
    """A draft, an approved post, a connection, a scheduled and a failed publication."""
    draft = make_post(business)
    approved = approve(make_post(business), owner)
    connection = connect(business)
    other_post = approve(make_post(business), owner)
    scheduled = Publication.objects.create(
        business=business, post=other_post, connection=connection, platform="instagram",
        kind=other_post.format, status="scheduled", content_hash=other_post.approved_hash,
        scheduled_for=timezone.now() + timedelta(days=1),
    )  # fmt: skip
    failed_post = approve(make_post(business), owner)
    Post.objects.filter(pk=failed_post.pk).update(status=Post.Status.FAILED)
    failed = Publication.objects.create(
        business=business, post=failed_post, connection=connection, platform="instagram",
        kind=failed_post.format, status="failed", error_code="server",
        content_hash=failed_post.approved_hash,
    )  # fmt: skip
    return {
        "b": business.pk,
        "draft": draft.pk,
        "approved": approved.pk,
        "c": connection.pk,
        "scheduled": scheduled.pk,
        "failed": failed.pk,
    }
