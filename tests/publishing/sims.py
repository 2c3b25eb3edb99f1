"""The local simulators served for the engine's end-to-end tests, and the connections and
approved posts those tests publish (fixtures: ``sims``, ``instagram``, ``tiktok``)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from postloom.accounts.models import User
from postloom.brands.models import Business
from postloom.connections.models import Connection
from postloom.sandbox.instagram_api import InstagramSim
from postloom.sandbox.instagram_api import make_app as instagram_app
from postloom.sandbox.instagram_state import INSTAGRAM_LOGIN
from postloom.sandbox.server import serve
from postloom.sandbox.tiktok_api import TikTokSim
from postloom.sandbox.tiktok_api import make_app as tiktok_app
from postloom.studio import approval
from postloom.studio.models import Format, Pillar, Post, PostMedia
from tests.publishing.test_preflight.support import clip, picture

TIKTOK_CREATOR = "sbx-open-kopisenja"


@dataclass
class Networks:
    instagram: InstagramSim
    tiktok: TikTokSim
    ig_id: str


@pytest.fixture
def sims(settings: Any, live_server: Any, tmp_path: Any) -> Iterator[Networks]:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.BASE_URL = live_server.url
    settings.PUBLISHING = {"retry_base_seconds": 1.0, "poll_base_seconds": 1.0}
    ig, tt = InstagramSim(seed=7), TikTokSim(seed=7)
    shop = ig.add_instagram_account("kopisenja")
    with serve(instagram_app(ig)) as ig_url, serve(tiktok_app(tt)) as tt_url:
        settings.NETWORKS = {
            **settings.NETWORKS,
            "INSTAGRAM_API_URL": ig_url,
            "INSTAGRAM_GRAPH_URL": ig_url,
            "FACEBOOK_GRAPH_URL": ig_url,
            "TIKTOK_API_URL": tt_url,
            "TIKTOK_AUTHORIZE_URL": f"{tt_url}/v2/auth/authorize/",
            "TIKTOK_CLIENT_KEY": tt.client_key,
            "TIKTOK_CLIENT_SECRET": tt.client_secret,
            "TIMEOUT_SECONDS": 5,
        }
        yield Networks(ig, tt, shop.ig_id)


@pytest.fixture
def instagram(sims: Networks, business: Business) -> Connection:
    connection = Connection(
        business=business, platform="instagram", variant="instagram_login",
        account_id=sims.ig_id, username="kopisenja", sandbox=True,
    )  # fmt: skip
    connection.access_token = sims.instagram.issue_token(sims.ig_id, INSTAGRAM_LOGIN).token
    connection.save()
    return connection


@pytest.fixture
def tiktok(sims: Networks, business: Business) -> Connection:
    tokens = sims.tiktok.issue_tokens(TIKTOK_CREATOR)
    connection = Connection(
        business=business, platform="tiktok", variant="tiktok", account_id=TIKTOK_CREATOR,
        username="kopisenja.sandbox", sandbox=True,
    )  # fmt: skip
    connection.access_token = tokens["access_token"]
    connection.refresh_token = tokens["refresh_token"]
    connection.save()
    return connection


def approved_post(business: Business, owner: User, fmt: str = Format.FEED_IMAGE, **kw: Any) -> Post:
    post = Post.objects.create(
        business=business, format=fmt, pillar=Pillar.TIPS, hashtags=["kopi", "bandung"],
        caption=kw.pop("caption", "Palm sugar iced coffee, made slowly."), **kw,
    )  # fmt: skip
    video = fmt in (Format.TIKTOK_VIDEO, Format.REEL)
    data, ext = (clip(), "mp4") if video else (picture(), "jpg")
    name = default_storage.save(f"studio/{post.pk}/m.{ext}", ContentFile(data))
    kind = PostMedia.Kind.VIDEO if video else PostMedia.Kind.IMAGE
    PostMedia.objects.create(post=post, kind=kind, file=name, width=1080, height=1350)
    return approval.approve_post(post, by=owner)
