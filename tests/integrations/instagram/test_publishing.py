"""Each Instagram format end to end through the real client and the simulator, and the
container lifecycle: processing, stuck, expired, not ready, quota, a lost publish answer."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from postloom.integrations.instagram.client import InstagramClient
from postloom.integrations.networks.base import (
    Account,
    ErrorCode,
    Kind,
    NetworkError,
    PublishRequest,
    RemoteStatus,
)
from postloom.sandbox.instagram_api import InstagramSim
from tests.integrations.instagram.conftest import image, networks_for, poll_until_ready, video
from tests.integrations.instagram.media import MediaServer

FeedRequest = Callable[..., PublishRequest]


def publish(client: InstagramClient, account: Account, request: PublishRequest) -> Any:
    container_id = client.start(account, request)
    poll_until_ready(client, account, container_id)
    return container_id, client.finish(account, container_id)


def test_a_feed_image_is_published_with_its_caption_and_alt_text(
    client: InstagramClient,
    sim: InstagramSim,
    account: Account,
    media: MediaServer,
    ig_base: str,
) -> None:
    request = PublishRequest(
        Kind.FEED_IMAGE,
        (image(media.url("square.jpg")),),
        caption="Fresh beans today #kopi",
        alt_text="A cup of coffee",
    )

    container_id, state = publish(client, account, request)

    container = sim.containers[container_id]
    assert (container.kind, container.caption, container.alt_text) == (
        "IMAGE",
        "Fresh beans today #kopi",
        "A cup of coffee",
    )
    assert container.media_url == media.url("square.jpg")
    assert "/square.jpg" in media.hits  # the simulator downloaded it, as Meta does
    [published] = sim.published
    assert (published.ig_id, published.container_id, published.kind, published.caption) == (
        account.account_id,
        container_id,
        "IMAGE",
        "Fresh beans today #kopi",
    )
    assert state.status == RemoteStatus.PUBLISHED
    assert (state.media_id, state.permalink) == (published.media_id, "")  # a read of its own
    link = client.permalink(account, state.media_id)
    assert link == f"{ig_base}/p/{sim.media[published.media_id].shortcode}/"
    assert client.check(account, container_id).status == RemoteStatus.PUBLISHED


def test_every_call_carries_the_configured_graph_version(
    settings: Any, ig_base: str, sim: InstagramSim, account: Account, media: MediaServer
) -> None:
    settings.NETWORKS = networks_for(ig_base, sim, GRAPH_API_VERSION="v99.0")
    client = InstagramClient()
    request = PublishRequest(Kind.FEED_IMAGE, (image(media.url("square.jpg")),), caption="Hi")

    _container_id, state = publish(client, account, request)
    client.permalink(account, state.media_id)

    assert [r.endpoint for r in sim.requests] == [
        "media",
        "container",
        "media_publish",
        "media_object",
    ]
    assert {r.version for r in sim.requests} == {"v99.0"}
    assert not any(r.token_in_url for r in sim.requests)  # the token travels in a header


def test_a_carousel_is_one_container_per_item_then_the_album(
    client: InstagramClient, sim: InstagramSim, account: Account, media: MediaServer
) -> None:
    names = ("square.jpg", "portrait.jpg", "square.jpg")
    request = PublishRequest(
        Kind.CAROUSEL,
        tuple(image(media.url(n)) for n in names),
        caption="Three new blends",
        alt_text="Coffee bags",
    )

    container_id, state = publish(client, account, request)

    parent = sim.containers[container_id]
    children = [sim.containers[c] for c in parent.children]
    assert parent.kind == "CAROUSEL" and parent.caption == "Three new blends"
    assert [(c.kind, c.is_carousel_item, c.caption, c.alt_text) for c in children] == [
        ("IMAGE", True, "", "Coffee bags")
    ] * 3
    [published] = sim.published
    assert published.kind == "CAROUSEL"
    assert published.media_urls == tuple(media.url(n) for n in names)
    album = sim.media[state.media_id]
    assert (album.media_type, len(album.children)) == ("CAROUSEL_ALBUM", 3)


def test_carousel_video_items_are_finished_before_the_album_is_created(
    client: InstagramClient,
    sim: InstagramSim,
    account: Account,
    media: MediaServer,
    sleeps: list[float],
) -> None:
    sim.polls_until_finished["VIDEO"] = 3
    request = PublishRequest(
        Kind.CAROUSEL,
        (image(media.url("square.jpg")), video(media.url("reel.mp4"))),
        caption="Mixed",
    )

    container_id = client.start(account, request)

    endpoints = [r.endpoint for r in sim.requests]
    assert endpoints == [
        "media",
        "media",
        "container",
        "container",
        "container",
        "container",
        "media",
    ]
    assert sleeps == [0.01, 0.01, 0.01]  # the pause between polls, capped by the interval
    video_child = sim.containers[sim.containers[container_id].children[1]]
    assert (video_child.kind, video_child.polls_left) == ("VIDEO", 0)
    assert client.finish(account, container_id).status == RemoteStatus.PUBLISHED


def test_a_carousel_whose_video_never_finishes_gives_up_in_time(
    settings: Any,
    client: InstagramClient,
    sim: InstagramSim,
    account: Account,
    media: MediaServer,
) -> None:
    sim.polls_until_finished["VIDEO"] = -1
    impatient = InstagramClient(sleep=lambda s: None, child_poll_interval=0, child_poll_deadline=0)
    request = PublishRequest(
        Kind.CAROUSEL, (image(media.url("square.jpg")), video(media.url("reel.mp4")))
    )

    with pytest.raises(NetworkError) as caught:
        impatient.start(account, request)

    assert (caught.value.code, caught.value.permanent) == (ErrorCode.NOT_READY, False)
    assert "CAROUSEL" not in {c.kind for c in sim.containers.values()}


@pytest.mark.parametrize("count", [1, 11])
def test_a_carousel_of_the_wrong_size_is_refused_before_any_call(
    client: InstagramClient, sim: InstagramSim, account: Account, media: MediaServer, count: int
) -> None:
    request = PublishRequest(Kind.CAROUSEL, (image(media.url("square.jpg")),) * count)

    with pytest.raises(NetworkError) as caught:
        client.start(account, request)

    assert (caught.value.code, caught.value.permanent) == (ErrorCode.INVALID_REQUEST, True)
    assert list(sim.requests) == []
    assert media.hits == []


@pytest.mark.parametrize(
    ("name", "item", "kind", "media_type"),
    [("story.jpg", image, "STORY_IMAGE", "IMAGE"), ("story.mp4", video, "STORY_VIDEO", "VIDEO")],
)
def test_a_story_is_published_without_a_caption(
    client: InstagramClient,
    sim: InstagramSim,
    account: Account,
    media: MediaServer,
    name: str,
    item: Any,
    kind: str,
    media_type: str,
) -> None:
    request = PublishRequest(Kind.STORY, (item(media.url(name)),), caption="not for stories")

    container_id, state = publish(client, account, request)

    assert (sim.containers[container_id].kind, sim.containers[container_id].caption) == (kind, "")
    story = sim.media[state.media_id]
    assert (story.media_type, story.product_type) == (media_type, "STORY")
    assert [p.kind for p in sim.published] == [kind]
    # Stories are not listed with the feed, as on Instagram.
    assert state.media_id not in {m.media_id for m in client.recent_media(account, 50)}


def test_a_reel_waits_for_processing_then_publishes(
    client: InstagramClient, sim: InstagramSim, account: Account, media: MediaServer
) -> None:
    request = PublishRequest(
        Kind.REEL,
        (video(media.url("reel.mp4")),),
        caption="Behind the bar",
        cover=image(media.url("cover.jpg")),
        share_to_feed=False,
    )

    container_id = client.start(account, request)

    container = sim.containers[container_id]
    assert (container.kind, container.caption, container.share_to_feed) == (
        "REELS",
        "Behind the bar",
        False,
    )
    assert container.cover_url == media.url("cover.jpg")
    with pytest.raises(NetworkError) as caught:
        client.finish(account, container_id)  # published too early
    error = caught.value
    assert (error.code, error.permanent, error.vendor_code) == (
        ErrorCode.NOT_READY,
        False,
        "9007/2207027",
    )
    states = [client.check(account, container_id).status for _ in range(3)]
    assert states == [RemoteStatus.IN_PROGRESS, RemoteStatus.IN_PROGRESS, RemoteStatus.READY]
    state = client.finish(account, container_id)
    reel = sim.media[state.media_id]
    assert (reel.media_type, reel.product_type, reel.thumbnail_url) == (
        "VIDEO",
        "REELS",
        media.url("cover.jpg"),
    )


def test_a_container_stuck_in_progress_stays_so(
    client: InstagramClient, sim: InstagramSim, account: Account, feed_request: FeedRequest
) -> None:
    sim.stuck_containers = 1
    container_id = client.start(account, feed_request())

    states = {client.check(account, container_id).status for _ in range(12)}

    assert states == {RemoteStatus.IN_PROGRESS}
    with pytest.raises(NetworkError) as caught:
        client.finish(account, container_id)
    assert caught.value.code == ErrorCode.NOT_READY
    assert sim.published == []


def test_an_unpublished_container_expires_after_24_hours(
    client: InstagramClient, sim: InstagramSim, account: Account, feed_request: FeedRequest
) -> None:
    container_id = client.start(account, feed_request())
    sim.advance(24 * 3600 + 1)

    state = client.check(account, container_id)

    assert state.status == RemoteStatus.EXPIRED
    assert state.error is not None and state.error.code == ErrorCode.CONTAINER_EXPIRED
    with pytest.raises(NetworkError) as caught:
        client.finish(account, container_id)
    error = caught.value
    assert (error.code, error.permanent, error.vendor_code) == (
        ErrorCode.CONTAINER_EXPIRED,
        False,
        "24/2207008",
    )
    assert sim.published == []


def test_publishing_over_the_daily_quota_is_refused(
    client: InstagramClient, sim: InstagramSim, account: Account, feed_request: FeedRequest
) -> None:
    sim.quota_total = 2
    for number in range(2):
        publish(client, account, feed_request(caption=f"Post {number}"))
    assert client.publishing_quota(account) == (2, 2)
    container_id = client.start(account, feed_request(caption="One too many"))

    with pytest.raises(NetworkError) as caught:
        client.finish(account, container_id)

    error = caught.value
    assert (error.code, error.vendor_code, error.permanent) == (
        ErrorCode.QUOTA_REACHED,
        "9/2207042",
        False,
    )
    assert error.retry_after == 3600
    assert len(sim.published) == 2
    sim.advance(24 * 3600 + 1)  # the window slides
    assert client.publishing_quota(account) == (0, 2)


def test_a_lost_publish_answer_is_recognised_as_published_and_found_by_caption(
    client: InstagramClient, sim: InstagramSim, account: Account, feed_request: FeedRequest
) -> None:
    container_id = client.start(account, feed_request(caption="Only once, please"))
    poll_until_ready(client, account, container_id)
    sim.lose_answers("media_publish")

    state = client.finish(account, container_id)

    assert (state.status, state.media_id) == (RemoteStatus.PUBLISHED, "")
    found = client.find_published(account, container_id, "Only  once, please\n")
    [published] = sim.published
    assert (found.status, found.media_id) == (RemoteStatus.PUBLISHED, published.media_id)
    assert found.permalink.endswith(f"/p/{sim.media[published.media_id].shortcode}/")
    assert sim.duplicates() == 0


def test_find_published_reports_a_container_that_was_not_published(
    client: InstagramClient, account: Account, feed_request: FeedRequest
) -> None:
    container_id = client.start(account, feed_request())
    assert client.find_published(account, container_id, "Fresh beans today #kopi").status == (
        RemoteStatus.READY
    )


def test_a_failed_permalink_read_is_an_empty_link(
    client: InstagramClient, sim: InstagramSim, account: Account, feed_request: FeedRequest
) -> None:
    _container_id, state = publish(client, account, feed_request())
    sim.force_error("media_object", 2, status=500, transient=True)

    assert state.status == RemoteStatus.PUBLISHED
    assert client.permalink(account, state.media_id) == ""
    assert client.permalink(account, "") == ""  # no media id: nothing is asked
    assert [r.endpoint for r in sim.requests][-1] == "media_object"


def test_a_picture_is_published_without_a_status_read(
    client: InstagramClient, sim: InstagramSim, account: Account, feed_request: FeedRequest
) -> None:
    request = feed_request()
    assert client.ready_on_start(request)
    container_id = client.start(account, request)

    state = client.finish(account, container_id)

    assert state.status == RemoteStatus.PUBLISHED
    assert [r.endpoint for r in sim.requests] == ["media", "media_publish"]


def test_only_pictures_are_ready_at_start(media: MediaServer) -> None:
    from postloom.integrations.instagram.publishing import ready_on_start

    picture, film = image(media.url("square.jpg")), video(media.url("reel.mp4"))
    assert ready_on_start(PublishRequest(Kind.FEED_IMAGE, (picture,)))
    assert ready_on_start(PublishRequest(Kind.STORY, (picture,)))
    assert ready_on_start(PublishRequest(Kind.CAROUSEL, (picture, picture)))
    assert not ready_on_start(PublishRequest(Kind.CAROUSEL, (picture, film)))
    assert not ready_on_start(PublishRequest(Kind.STORY, (film,)))
    assert not ready_on_start(PublishRequest(Kind.REEL, (film,), cover=picture))


def test_publishing_a_video_before_it_is_ready_is_not_ready(
    client: InstagramClient, sim: InstagramSim, account: Account, media: MediaServer
) -> None:
    request = PublishRequest(Kind.REEL, (video(media.url("reel.mp4")),), caption="Hi")
    container_id = client.start(account, request)

    with pytest.raises(NetworkError) as caught:
        client.finish(account, container_id)

    assert (caught.value.code, caught.value.permanent) == (ErrorCode.NOT_READY, False)
    assert sim.published == []


@pytest.mark.parametrize("name", ["slow-start.mp4", "notes.txt"])
def test_a_video_instagram_cannot_process_ends_the_container_in_error(
    client: InstagramClient, sim: InstagramSim, account: Account, media: MediaServer, name: str
) -> None:
    request = PublishRequest(Kind.REEL, (video(media.url(name)),), caption="Broken")
    container_id = client.start(account, request)  # video checks happen after the upload

    state = client.check(account, container_id)

    assert state.status == RemoteStatus.FAILED
    assert state.error is not None
    assert (state.error.code, state.error.permanent, state.error.vendor_code) == (
        ErrorCode.MEDIA_REJECTED,
        True,
        "ERROR/2207026",
    )
    assert sim.published == []


def test_the_quota_reads_usage_and_the_configured_total(
    client: InstagramClient, sim: InstagramSim, account: Account, feed_request: FeedRequest
) -> None:
    sim.quota_total = 100
    assert client.publishing_quota(account) == (0, 100)
    publish(client, account, feed_request())
    assert client.publishing_quota(account) == (1, 100)


def test_a_story_whose_publish_answer_was_lost_is_found_among_the_live_stories(
    client: InstagramClient, sim: InstagramSim, account: Account, media: MediaServer
) -> None:
    container_id = client.start(
        account, PublishRequest(Kind.STORY, (image(media.url("story.jpg")),))
    )
    poll_until_ready(client, account, container_id)
    sim.lose_answers("media_publish")
    assert client.finish(account, container_id).media_id == ""

    found = client.find_published(account, container_id, "")

    assert (found.status, found.media_id) == (RemoteStatus.PUBLISHED, sim.published[0].media_id)
    assert [r.endpoint for r in sim.requests][-3:] == ["container", "media_list", "stories"]
