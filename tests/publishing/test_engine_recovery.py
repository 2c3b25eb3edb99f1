"""The step machine against the fake network: a start that reports its remote id before it
sends anything (TikTok), the publishing limit read once and counted, and TikTok's links."""

from __future__ import annotations

import pytest

from postloom.connections.models import Connection
from postloom.integrations.networks.base import RemoteState, RemoteStatus, TikTokOptions
from postloom.publishing import actions, permalinks
from postloom.publishing.models import Publication
from postloom.studio.models import Post
from tests.publishing.conftest import expire_lease, make_due, run
from tests.publishing.fake_network import Crash

S = Publication.Status


def publish_tiktok(post: Post, connection: Connection) -> Publication:
    options = TikTokOptions(privacy_level="SELF_ONLY")
    return actions.publish_now(post, by=None, connection=connection, tiktok=options)


@pytest.fixture
def tiktok_post(make_approved) -> Post:  # type: ignore[no-untyped-def]
    return make_approved(format="tiktok_photo")


def test_the_remote_id_is_recorded_before_the_media_are_sent(
    fake_tiktok, tiktok_post, tt_connection
):
    seen: list[tuple[str, str]] = []
    original = fake_tiktok.start

    def start(account, request, *, on_remote_id=None):  # type: ignore[no-untyped-def]
        def spy(remote_id: str) -> None:
            on_remote_id(remote_id)
            row = Publication.objects.get(post=tiktok_post)  # what a second worker would see
            seen.append((row.remote_id, row.in_flight))

        return original(account, request, on_remote_id=spy)

    fake_tiktok.start = start
    pub = run(publish_tiktok(tiktok_post, tt_connection))
    assert seen == [("c1", "start")]
    assert pub.status == S.PUBLISHED and fake_tiktok.steps() == ["start", "check"]


def test_killed_before_the_media_went_out_it_starts_again_once(
    fake_tiktok, tiktok_post, tt_connection
):
    fake_tiktok.crash_midway("start")
    pub = publish_tiktok(tiktok_post, tt_connection)
    with pytest.raises(Crash):
        run(pub)
    pub.refresh_from_db()
    assert (pub.status, pub.in_flight, pub.remote_id) == (S.IN_PROGRESS, "start", "c1")
    expire_lease(pub)
    pub = run(pub)
    assert (pub.status, pub.remote_id) == (S.PUBLISHED, "c2")
    assert fake_tiktok.steps() == ["start", "started", "start", "check"]
    assert [p.remote_id for p in fake_tiktok.published] == ["c2"]


def test_killed_after_the_media_went_out_it_is_followed_never_sent_again(
    fake_tiktok, tiktok_post, tt_connection
):
    fake_tiktok.crash_after("start")
    pub = publish_tiktok(tiktok_post, tt_connection)
    with pytest.raises(Crash):
        run(pub)
    expire_lease(pub)
    pub = run(pub)
    assert (pub.status, pub.remote_id, pub.attempts) == (S.PUBLISHED, "c1", 1)
    assert fake_tiktok.steps() == ["start", "started"]
    assert len(fake_tiktok.published) == 1


def test_a_lost_start_answer_with_its_id_reported_is_asked_about(
    fake_tiktok, tiktok_post, tt_connection
):
    fake_tiktok.safe_start = False  # a photo: TikTok downloads it and may post it by itself
    fake_tiktok.lose_answer("start")
    pub = run(publish_tiktok(tiktok_post, tt_connection))
    assert (pub.status, pub.in_flight, pub.remote_id) == (S.WAITING, "start", "c1")
    make_due(pub)
    pub = run(pub)
    assert pub.status == S.PUBLISHED  # not "outcome unknown": the id said what happened
    assert fake_tiktok.steps() == ["start", "started"] and len(fake_tiktok.published) == 1


def test_a_start_deleted_post_with_a_reported_id_records_the_truth(
    fake_tiktok, tiktok_post, tt_connection
):
    fake_tiktok.crash_after("start")
    pub = publish_tiktok(tiktok_post, tt_connection)
    with pytest.raises(Crash):
        run(pub)
    Post.objects.filter(pk=tiktok_post.pk).delete()
    expire_lease(pub)
    pub = run(pub)
    assert (pub.status, pub.post_id) == (S.PUBLISHED, None)
    assert fake_tiktok.steps() == ["start", "check"]  # followed; nothing to start again from


def test_the_limit_is_read_once_and_counted_until_it_is_reached(fake, make_approved, ig_connection):
    fake.quota = (48, 50)
    first = run(actions.publish_now(make_approved(), by=None, connection=ig_connection))
    second = run(actions.publish_now(make_approved(), by=None, connection=ig_connection))
    assert (first.status, second.status) == (S.PUBLISHED, S.PUBLISHED)
    assert fake.steps() == ["quota", "start", "finish", "start", "finish"]
    # 48 + 2 published here: the count says full, so the network is asked before any wait.
    fake.quota = (49, 50)  # it counts one fewer (one of those fell out of its window)
    third = run(actions.publish_now(make_approved(), by=None, connection=ig_connection))
    assert third.status == S.PUBLISHED
    assert fake.steps()[5:] == ["quota", "start", "finish"]
    fake.quota = (50, 50)
    fourth = run(actions.publish_now(make_approved(), by=None, connection=ig_connection))
    assert (fourth.status, fourth.wait_reason) == (S.WAITING, "quota_reached")
    assert fake.steps()[8:] == ["quota"]


def test_a_limit_reading_is_trusted_only_so_long(fake, make_approved, ig_connection, settings):
    settings.PUBLISHING = {**settings.PUBLISHING, "quota_reuse_seconds": 0}
    fake.quota = (1, 50)
    for _ in range(2):
        run(actions.publish_now(make_approved(), by=None, connection=ig_connection))
    assert fake.steps() == ["quota", "start", "finish", "quota", "start", "finish"]


@pytest.mark.parametrize(
    ("username", "post_id", "kind", "link"),
    [
        ("kopisenja", "7301", "tiktok_video", "https://www.tiktok.com/@kopisenja/video/7301"),
        ("@toko.batik_2", "88", "tiktok_photo", "https://www.tiktok.com/@toko.batik_2/photo/88"),
        ("Kopi Senja", "7301", "tiktok_video", ""),  # a display name, not an @handle
        ("kopisenja", "", "tiktok_video", ""),  # private posts get no id
        ("kopisenja", "mc1", "tiktok_video", ""),
    ],
)
def test_tiktok_links_are_made_from_the_handle_and_the_post_id(username, post_id, kind, link):
    assert permalinks.tiktok_link(username, post_id, kind) == link


def test_a_tiktok_link_is_made_for_the_published_state(tt_connection):
    pub = Publication(platform="tiktok", kind="tiktok_video", connection=tt_connection)
    state = permalinks.with_link(pub, RemoteState(RemoteStatus.PUBLISHED, media_id="7301"))
    assert state.permalink == "https://www.tiktok.com/@kopisenja/video/7301"
    instagram = Publication(platform="instagram", kind="feed_image", connection=tt_connection)
    unchanged = RemoteState(RemoteStatus.PUBLISHED, media_id="7301")
    assert permalinks.with_link(instagram, unchanged) is unchanged
