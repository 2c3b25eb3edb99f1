"""The engine through the real Instagram and TikTok clients, against the local simulators.

Postloom's web server runs for real (``live_server``): pre-flight signs media URLs on it and
the simulators fetch the pictures from it, as Meta and TikTok do. Tasks run inline after each
commit (the test settings' immediate backend), so ``publish_now`` sends at once.
"""

from __future__ import annotations

import pytest

from postloom.integrations.networks.base import TikTokOptions
from postloom.publishing import actions, problems
from postloom.publishing.models import Publication
from postloom.publishing.worker import dispatch_due
from postloom.studio.models import Format, Post
from tests.publishing.conftest import make_due, run
from tests.publishing.sims import TIKTOK_CREATOR, approved_post

pytestmark = pytest.mark.django_db(transaction=True)
S = Publication.Status


def test_an_instagram_post_goes_out_once_with_its_permalink(sims, instagram, business, owner):
    post = approved_post(business, owner)
    pub = actions.publish_now(post, by=owner, connection=instagram)
    pub.refresh_from_db()
    assert pub.status == S.PUBLISHED, (pub.error_code, pub.error_message)
    [published] = sims.instagram.published
    assert published.caption == "Palm sugar iced coffee, made slowly.\n\n#kopi #bandung"
    assert published.media_urls[0].startswith(f"{sims_base(pub)}/public-media/")
    assert pub.media_id == published.media_id
    endpoints = [r.endpoint for r in sims.instagram.requests]
    assert endpoints == ["publishing_limit", "media", "media_publish"], endpoints  # a picture
    post.refresh_from_db()
    assert post.status == Post.Status.PUBLISHED
    # The link is read after publishing, off the publishing path: the dispatcher's minute.
    assert pub.permalink == ""
    assert dispatch_due() == 0
    pub.refresh_from_db()
    assert pub.permalink.endswith(f"/p/{sims.instagram.media[published.media_id].shortcode}/")
    assert [r.endpoint for r in sims.instagram.requests][3:] == ["media_object"]
    link_read = pub.calls.get(step="link")
    assert (link_read.outcome, link_read.worker) == ("ok", "permalinks")
    assert dispatch_due() == 0 and len(sims.instagram.requests) == 4  # read once


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
    while pub.status == S.WAITING:  # the new container is read until it is ready
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
