"""Reading an account: the profile (brand analysis) and recent media (the grid preview)."""

from __future__ import annotations

import pytest

from postloom.integrations.instagram.client import InstagramClient
from postloom.integrations.networks.base import (
    Account,
    ErrorCode,
    NetworkError,
    Profile,
    RecentMedia,
)
from postloom.sandbox.instagram_api import InstagramSim
from postloom.sandbox.instagram_seed import SEED_CAPTIONS
from postloom.sandbox.instagram_state import (
    SANDBOX_IG_ID,
    SANDBOX_PAGE_IG_ID,
    Media,
    iso,
    new_shortcode,
)


def test_instagram_login_profile_comes_from_me(
    client: InstagramClient, sim: InstagramSim, ig_account: Account, ig_base: str
) -> None:
    profile = client.profile(ig_account)

    assert profile == Profile(
        account_id=SANDBOX_IG_ID,
        username="sandbox.shop",
        name="Sandbox Shop",
        picture_url=f"{ig_base}/_sim/media/avatar-{SANDBOX_IG_ID}.jpg",
        biography="Small-batch coffee, roasted in the sandbox. Not a real shop.",
        website="https://sandbox-shop.example",
        followers=1200,
        media_count=3,
    )
    [request] = sim.requests
    assert (request.path, request.endpoint) == ("/v24.0/me", "me")


def test_facebook_login_profile_comes_from_the_ig_user(
    client: InstagramClient, sim: InstagramSim, fb_account: Account
) -> None:
    profile = client.profile(fb_account)

    assert (profile.account_id, profile.username, profile.name) == (
        SANDBOX_PAGE_IG_ID,
        "sandbox.page.shop",
        "Sandbox Page",
    )
    assert profile.biography == "The sandbox shop's page account. Not a real shop."
    assert [r.path for r in sim.requests] == [f"/v24.0/{SANDBOX_PAGE_IG_ID}"]


def test_profile_is_read_again_without_biography_where_graph_refuses_that_field(
    client: InstagramClient, sim: InstagramSim, ig_account: Account
) -> None:
    sim.force_error("me", 100, message="(#100) Tried accessing nonexisting field (biography)")

    profile = client.profile(ig_account)

    assert profile.username == "sandbox.shop"
    assert [r.status for r in sim.requests] == [400, 200]


def test_profile_passes_other_errors_on(
    client: InstagramClient, sim: InstagramSim, ig_account: Account
) -> None:
    sim.force_error("me", 190, 463)
    with pytest.raises(NetworkError) as caught:
        client.profile(ig_account)
    assert caught.value.code == ErrorCode.TOKEN_EXPIRED
    assert len(sim.requests) == 1


def test_recent_media_lists_the_newest_first(
    client: InstagramClient, account: Account, ig_base: str, sim: InstagramSim
) -> None:
    media = client.recent_media(account, limit=2)

    assert [m.caption for m in media] == [SEED_CAPTIONS[2], SEED_CAPTIONS[1]]
    first = sim.media[media[0].media_id]
    assert media[0] == RecentMedia(
        media_id=first.media_id,
        media_type="IMAGE",
        caption=SEED_CAPTIONS[2],
        media_url=f"{ig_base}{first.media_url}",
        permalink=f"{ig_base}/p/{first.shortcode}/",
        timestamp=iso(first.timestamp),
    )


def test_recent_media_follows_the_cursor(
    client: InstagramClient, sim: InstagramSim, ig_account: Account
) -> None:
    user = sim.users[SANDBOX_IG_ID]
    for number in range(120):
        item = Media(
            sim.ids.next(),
            SANDBOX_IG_ID,
            "IMAGE",
            "FEED",
            f"Post {number}",
            "/_sim/media/x.jpg",
            new_shortcode(),
            sim.now() + number,
        )
        sim.media[item.media_id] = item
        user.media.append(item.media_id)

    media = client.recent_media(ig_account, limit=110)

    assert len(media) == 110
    assert media[0].caption == "Post 119"
    assert media[-1].caption == "Post 10"
    assert [r.endpoint for r in sim.requests] == ["media_list", "media_list"]
