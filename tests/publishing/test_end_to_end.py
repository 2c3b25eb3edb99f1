"""The engine through the real Instagram and TikTok clients, against the local simulators.

Postloom's web server runs for real (``live_server``): pre-flight signs media URLs on it and
the simulators fetch the pictures from it, as Meta and TikTok do. Tasks run inline after each
commit (the test settings' immediate backend), so ``publish_now`` sends at once.
"""

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
from postloom.integrations.networks.base import TikTokOptions
from postloom.publishing import actions, problems
from postloom.publishing.models import Publication
from postloom.sandbox.instagram_api import InstagramSim
from postloom.sandbox.instagram_api import make_app as instagram_app
from postloom.sandbox.instagram_state import INSTAGRAM_LOGIN
from postloom.sandbox.server import serve
from postloom.sandbox.tiktok_api import TikTokSim
from postloom.sandbox.tiktok_api import make_app as tiktok_app
from postloom.studio import approval
from postloom.studio.models import Format, Pillar, Post, PostMedia
from tests.publishing.conftest import make_due, run
from tests.publishing.test_preflight.support import clip, picture

pytestmark = pytest.mark.django_db(transaction=True)
S = Publication.Status
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


def test_an_instagram_post_goes_out_once_with_its_permalink(sims, instagram, business, owner):
    post = approved_post(business, owner)
    pub = actions.publish_now(post, by=owner, connection=instagram)
    pub.refresh_from_db()
    assert pub.status == S.PUBLISHED, (pub.error_code, pub.error_message)
    [published] = sims.instagram.published
    assert published.caption == "Palm sugar iced coffee, made slowly.\n\n#kopi #bandung"
    assert published.media_urls[0].startswith(f"{sims_base(pub)}/public-media/")
    assert pub.media_id == published.media_id
    assert pub.permalink.endswith(f"/p/{sims.instagram.media[published.media_id].shortcode}/")
    endpoints = [r.endpoint for r in sims.instagram.requests]
    assert endpoints == [
        "publishing_limit", "media", "container", "media_publish", "media_object",
    ], endpoints  # fmt: skip
    post.refresh_from_db()
    assert post.status == Post.Status.PUBLISHED


def sims_base(pub: Publication) -> str:
    from django.conf import settings

    return str(settings.BASE_URL)


def test_a_lost_publish_answer_is_recognised_not_repeated(sims, instagram, business, owner):
    sims.instagram.lose_answers("media_publish")
    pub = actions.publish_now(approved_post(business, owner), by=owner, connection=instagram)
    pub.refresh_from_db()
    assert pub.status == S.PUBLISHED
    [published] = sims.instagram.published
    assert pub.media_id == published.media_id  # found again by its caption
    assert sims.instagram.duplicates() == 0


def test_random_faults_end_in_every_post_published_once(sims, instagram, business, owner):
    sims.instagram.fault_rate = 0.3  # a third of the calls fail; half the writes after the fact
    pubs = [
        actions.publish_now(approved_post(business, owner, caption=f"Post {n}"), by=owner,
                            connection=instagram)
        for n in range(8)
    ]  # fmt: skip
    for _ in range(60):
        waiting = Publication.objects.exclude(status__in=Publication.ENDED)
        if not waiting.exists():
            break
        for pub in waiting:
            make_due(pub)
            run(pub)
    statuses = sorted(Publication.objects.values_list("status", flat=True))
    assert statuses == [S.PUBLISHED] * len(pubs)
    assert len(sims.instagram.published) == len(pubs)
    assert sims.instagram.duplicates() == 0
    assert sum(r.status >= 500 for r in sims.instagram.requests) >= 3  # the faults did strike


def test_an_expired_token_asks_for_reconnecting(sims, instagram, business, owner):
    sims.instagram.expire_tokens(subject=sims.ig_id)
    pub = actions.publish_now(approved_post(business, owner), by=owner, connection=instagram)
    pub.refresh_from_db()
    assert (pub.status, pub.error_code) == (S.FAILED, "token_expired")
    instagram.refresh_from_db()
    assert (instagram.status, instagram.status_reason) == ("reconnect", "token_expired")
    assert sims.instagram.published == []


def test_the_daily_limit_makes_the_next_post_wait(sims, instagram, business, owner):
    sims.instagram.quota_total = 1
    first = actions.publish_now(approved_post(business, owner), by=owner, connection=instagram)
    second = actions.publish_now(
        approved_post(business, owner, caption="Another one"), by=owner, connection=instagram
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == S.PUBLISHED
    assert (second.status, second.wait_reason) == (S.WAITING, "quota_reached")
    assert len(sims.instagram.published) == 1


def test_a_processing_container_expires_and_a_new_one_goes_out(sims, instagram, business, owner):
    sims.instagram.polls_until_finished["IMAGE"] = 1
    pub = actions.publish_now(approved_post(business, owner), by=owner, connection=instagram)
    pub.refresh_from_db()
    assert (pub.status, pub.wait_reason) == (S.WAITING, "processing")
    first = pub.remote_id
    sims.instagram.advance(86_401)  # a day passes at Instagram: the container expires
    make_due(pub)
    pub = run(pub)
    assert pub.status == S.WAITING and pub.remote_id != first and pub.restarts == 1
    make_due(pub)
    pub = run(pub)
    assert pub.status == S.PUBLISHED
    assert [p.container_id for p in sims.instagram.published] == [pub.remote_id]


def test_a_tiktok_video_is_uploaded_and_published_once(sims, tiktok, business, owner):
    post = approved_post(business, owner, Format.TIKTOK_VIDEO)
    options = TikTokOptions(privacy_level="SELF_ONLY")
    pub = actions.publish_now(post, by=owner, connection=tiktok, tiktok=options)
    pub.refresh_from_db()
    assert (pub.status, pub.wait_reason) == (S.WAITING, "processing"), pub.error_message
    make_due(pub)
    pub = run(pub)
    assert pub.status == S.PUBLISHED
    [record] = sims.tiktok.posts
    assert (record.open_id, record.privacy_level, record.publish_id) == (
        TIKTOK_CREATOR, "SELF_ONLY", pub.remote_id,
    )  # fmt: skip


def test_a_lost_tiktok_init_answer_never_makes_two_videos(sims, tiktok, business, owner):
    sims.tiktok.force("video_init", "internal_error", after=True)
    post = approved_post(business, owner, Format.TIKTOK_VIDEO)
    pub = actions.publish_now(
        post, by=owner, connection=tiktok, tiktok=TikTokOptions(privacy_level="SELF_ONLY")
    )
    for _ in range(5):
        pub.refresh_from_db()
        if pub.status in Publication.ENDED:
            break
        make_due(pub)
        pub = run(pub)
    assert pub.status == S.PUBLISHED
    assert len(sims.tiktok.posts) == 1 and sims.tiktok.duplicates() == 0


def test_a_lost_tiktok_photo_answer_is_reported_not_repeated(sims, tiktok, business, owner):
    sims.tiktok.force("content_init", "internal_error", after=True)
    post = approved_post(business, owner, Format.TIKTOK_PHOTO)
    pub = actions.publish_now(
        post, by=owner, connection=tiktok, tiktok=TikTokOptions(privacy_level="SELF_ONLY")
    )
    pub.refresh_from_db()
    assert (pub.status, pub.error_code) == (S.FAILED, problems.OUTCOME_UNKNOWN)
    inits = [r for r in sims.tiktok.requests if r.endpoint == "content_init"]
    assert len(inits) == 1  # never a second photo post
