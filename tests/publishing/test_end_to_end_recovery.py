"""Workers that die mid-start, through the real TikTok client against the simulator: the
publish id is recorded before the first byte of the upload, so the next worker asks TikTok
what became of it instead of posting twice. Also: TikTok's public link, made from the
@username, and pre-flight run once per publication."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from postloom.connections.models import Connection
from postloom.integrations.networks.base import TikTokOptions
from postloom.integrations.tiktok import upload
from postloom.publishing import actions, preflight
from postloom.publishing.models import Publication
from postloom.studio.models import Format, Post
from tests.publishing.conftest import expire_lease, make_due, run
from tests.publishing.fake_network import Crash
from tests.publishing.sims import approved_post

pytestmark = pytest.mark.django_db(transaction=True)
S = Publication.Status
PRIVATE = TikTokOptions(privacy_level="SELF_ONLY")


def due(post: Post, connection: Connection) -> Publication:
    """A publication due now that no task has run yet (the test calls the worker itself)."""
    later = timezone.now() + timedelta(hours=1)
    pub = actions.schedule_post(post, by=None, connection=connection, when=later, tiktok=PRIVATE)
    make_due(pub)
    return pub


def run_until_ended(pub: Publication, rounds: int = 8) -> Publication:
    for _ in range(rounds):
        pub.refresh_from_db()
        if pub.status in Publication.ENDED:
            break
        make_due(pub)
        expire_lease(pub)  # a row a dead worker held is free again
        pub = run(pub)
    return pub


def crash_in_upload(monkeypatch: pytest.MonkeyPatch, *, after_last_chunk: bool) -> None:
    """The worker dies inside the upload, once: before its first chunk, or once TikTok has
    answered the last one (201) and before the engine hears of it."""
    original = upload.Uploader.upload
    crashes = [True]

    def dying(self: Any, *args: Any, **kwargs: Any) -> None:
        if crashes and not after_last_chunk:
            crashes.pop()
            raise Crash("before the first chunk")
        original(self, *args, **kwargs)
        if crashes:
            crashes.pop()
            raise Crash("after the last chunk")

    monkeypatch.setattr(upload.Uploader, "upload", dying)


def test_killed_after_the_last_chunk_the_video_is_followed_not_sent_again(
    sims, tiktok, business, owner, monkeypatch
):
    crash_in_upload(monkeypatch, after_last_chunk=True)
    pub = due(approved_post(business, owner, Format.TIKTOK_VIDEO), tiktok)
    with pytest.raises(Crash):
        run(pub)
    pub.refresh_from_db()
    [init] = [r for r in sims.tiktok.requests if r.endpoint == "video_init"]
    publish_id = next(iter(sims.tiktok.publishes))
    # What the dead worker left: the id, recorded before any byte, and the start in flight.
    assert (pub.status, pub.in_flight, pub.remote_id) == (S.IN_PROGRESS, "start", publish_id)
    assert init.status == 200

    pub = run_until_ended(pub)

    assert pub.status == S.PUBLISHED, (pub.error_code, pub.error_message)
    assert [r.endpoint for r in sims.tiktok.requests].count("video_init") == 1
    [record] = sims.tiktok.posts
    assert record.publish_id == pub.remote_id == publish_id
    assert sims.tiktok.duplicates() == 0


def test_killed_before_the_upload_the_video_is_started_again_once(
    sims, tiktok, business, owner, monkeypatch
):
    crash_in_upload(monkeypatch, after_last_chunk=False)
    pub = due(approved_post(business, owner, Format.TIKTOK_VIDEO), tiktok)
    with pytest.raises(Crash):
        run(pub)
    pub.refresh_from_db()
    first = pub.remote_id
    assert first and pub.in_flight == "start"

    pub = run_until_ended(pub)

    assert pub.status == S.PUBLISHED, (pub.error_code, pub.error_message)
    assert pub.remote_id != first  # the first never got its bytes: it can never go live
    assert [r.endpoint for r in sims.tiktok.requests].count("video_init") == 2
    [record] = sims.tiktok.posts
    assert record.publish_id == pub.remote_id
    assert sims.tiktok.publishes[first].status == "PROCESSING_UPLOAD"


def test_a_public_tiktok_post_gets_its_link_from_the_username(sims, tiktok, business, owner):
    sims.tiktok.processing_polls = 0
    post = approved_post(business, owner, Format.TIKTOK_VIDEO)
    public = TikTokOptions(privacy_level="PUBLIC_TO_EVERYONE")
    actions.publish_now(post, by=owner, connection=tiktok, tiktok=public)
    pub = run_until_ended(Publication.objects.get(post=post))
    assert pub.status == S.PUBLISHED
    [record] = sims.tiktok.posts
    assert pub.media_id == str(record.post_id)
    assert pub.permalink == f"https://www.tiktok.com/@kopisenja.sandbox/video/{record.post_id}"


def test_a_private_tiktok_post_has_no_link(sims, tiktok, business, owner):
    post = approved_post(business, owner, Format.TIKTOK_VIDEO)
    actions.publish_now(post, by=owner, connection=tiktok, tiktok=PRIVATE)
    pub = run_until_ended(Publication.objects.get(post=post))
    assert (pub.status, pub.media_id, pub.permalink) == (S.PUBLISHED, "", "")


def test_pre_flight_runs_once_and_a_retry_sends_the_same_files(
    sims, instagram, business, owner, monkeypatch
):
    made: list[int] = []
    original = preflight.prepare

    def counting(*args: Any, **kwargs: Any) -> preflight.Prepared:
        made.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(preflight, "prepare", counting)
    sims.instagram.force_error("media", 4, status=403, transient=True)  # throttled once
    post = approved_post(business, owner)
    pub = actions.publish_now(post, by=owner, connection=instagram)
    pub.refresh_from_db()
    assert (pub.status, pub.wait_reason) == (S.WAITING, "rate_limited")
    assert pub.prepared["for"] == pub.content_hash
    pub = run_until_ended(pub)
    assert pub.status == S.PUBLISHED
    assert made == [1]  # the second attempt signed fresh URLs for the kept request
    assert pub.prepared["items"][0]["name"] == post.media.get().file.name  # sent as it is
    assert len(sims.instagram.published) == 1
