"""Fixtures for the Instagram client: the simulator on 127.0.0.1, a media server it downloads
from, settings pointing every Instagram and Facebook host at the simulator, and connected
accounts for both login variants. Nothing here reaches the internet."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from postloom.integrations.instagram.client import InstagramClient
from postloom.integrations.networks.base import (
    Account,
    Kind,
    MediaItem,
    PublishRequest,
    RemoteStatus,
)
from postloom.sandbox.instagram_api import InstagramSim, make_app
from postloom.sandbox.instagram_state import (
    FACEBOOK_LOGIN,
    INSTAGRAM_LOGIN,
    SANDBOX_FB_USER_ID,
    SANDBOX_IG_ID,
    SANDBOX_PAGE_ID,
    SANDBOX_PAGE_IG_ID,
)
from postloom.sandbox.server import serve
from tests.integrations.instagram.media import MediaServer, media_server

VERSION = "v24.0"
REDIRECT_URI = "http://postloom.test/connections/instagram/callback/"


@pytest.fixture
def sim() -> InstagramSim:
    return InstagramSim(auto_approve=True, redirect_uris=[REDIRECT_URI])


@pytest.fixture
def ig_base(sim: InstagramSim) -> Iterator[str]:
    with serve(make_app(sim)) as base:
        yield base


@pytest.fixture
def media() -> Iterator[MediaServer]:
    with media_server() as server:
        yield server


def networks_for(base: str, sim: InstagramSim, **changes: Any) -> dict[str, Any]:
    return {
        "GRAPH_API_VERSION": VERSION,
        "INSTAGRAM_APP_ID": sim.instagram_app_id,
        "INSTAGRAM_APP_SECRET": sim.instagram_app_secret,
        "INSTAGRAM_AUTHORIZE_URL": f"{base}/oauth/authorize",
        "INSTAGRAM_API_URL": base,
        "INSTAGRAM_GRAPH_URL": base,
        "FACEBOOK_APP_ID": sim.facebook_app_id,
        "FACEBOOK_APP_SECRET": sim.facebook_app_secret,
        "FACEBOOK_DIALOG_URL": base,
        "FACEBOOK_GRAPH_URL": base,
        "TIMEOUT_SECONDS": 5,
        "SANDBOX": True,
        **changes,
    }


@pytest.fixture
def networks(settings: Any, ig_base: str, sim: InstagramSim) -> dict[str, Any]:
    settings.NETWORKS = networks_for(ig_base, sim)
    return settings.NETWORKS


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def client(networks: dict[str, Any], sleeps: list[float]) -> InstagramClient:
    # Carousel video items are polled without really waiting; the pauses are recorded.
    return InstagramClient(sleep=sleeps.append, child_poll_interval=0.01, child_poll_deadline=5)


@pytest.fixture
def ig_account(sim: InstagramSim) -> Account:
    token = sim.issue_token(SANDBOX_IG_ID, INSTAGRAM_LOGIN)
    return Account("instagram", SANDBOX_IG_ID, token.token, variant=INSTAGRAM_LOGIN)


@pytest.fixture
def fb_account(sim: InstagramSim) -> Account:
    token = sim.issue_token(SANDBOX_FB_USER_ID, FACEBOOK_LOGIN)
    return Account(
        "instagram",
        SANDBOX_PAGE_IG_ID,
        token.token,
        variant=FACEBOOK_LOGIN,
        page_id=SANDBOX_PAGE_ID,
    )


@pytest.fixture(params=[INSTAGRAM_LOGIN, FACEBOOK_LOGIN])
def account(request: pytest.FixtureRequest, ig_account: Account, fb_account: Account) -> Account:
    """Each test using it runs once per login variant."""
    return ig_account if request.param == INSTAGRAM_LOGIN else fb_account


def image(url: str) -> MediaItem:
    return MediaItem(kind="image", url=url, mime="image/jpeg")


def video(url: str) -> MediaItem:
    return MediaItem(kind="video", url=url, mime="video/mp4")


@pytest.fixture
def feed_request(media: MediaServer) -> Callable[..., PublishRequest]:
    def make(
        name: str = "square.jpg", caption: str = "Fresh beans today #kopi", **extra: Any
    ) -> PublishRequest:
        return PublishRequest(Kind.FEED_IMAGE, (image(media.url(name)),), caption=caption, **extra)

    return make


def poll_until_ready(
    client: InstagramClient, account: Account, container_id: str, tries: int = 10
) -> None:
    for _ in range(tries):
        state = client.check(account, container_id)
        if state.status == RemoteStatus.READY:
            return
        assert state.status == RemoteStatus.IN_PROGRESS, state
    raise AssertionError(f"container {container_id} never became ready")
