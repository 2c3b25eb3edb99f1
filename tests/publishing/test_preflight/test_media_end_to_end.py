"""Pre-flight and signed URLs end to end: Postloom serves its media on 127.0.0.1, the Instagram
simulator downloads them from the signed URLs (no session, as Meta would) and checks them
against the published spec, through the real client."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.wsgi import get_wsgi_application

from postloom.integrations.instagram.client import InstagramClient
from postloom.integrations.networks.base import (
    Account,
    ErrorCode,
    MediaItem,
    NetworkError,
    PublishRequest,
    RemoteStatus,
)
from postloom.publishing.media_links import media_url
from postloom.publishing.preflight import build_request
from postloom.sandbox.instagram_api import InstagramSim, make_app
from postloom.sandbox.instagram_state import INSTAGRAM_LOGIN, SANDBOX_IG_ID
from postloom.sandbox.server import serve
from postloom.studio.models import Format
from tests.integrations.instagram.conftest import networks_for
from tests.publishing.test_preflight.support import MakePost, clip, picture

pytestmark = pytest.mark.django_db


@pytest.fixture
def postloom(settings: Any) -> Iterator[str]:
    """Postloom itself on a free port; its media URLs point there."""
    with serve(get_wsgi_application()) as base:
        settings.BASE_URL = base
        yield base


@pytest.fixture
def sim() -> InstagramSim:
    return InstagramSim(auto_approve=True, fetch_media=True)


@pytest.fixture
def client(settings: Any, sim: InstagramSim) -> Iterator[InstagramClient]:
    with serve(make_app(sim)) as base:
        settings.NETWORKS = networks_for(base, sim)
        yield InstagramClient(sleep=lambda _: None, child_poll_interval=0.01)


@pytest.fixture
def account(sim: InstagramSim) -> Account:
    token = sim.issue_token(SANDBOX_IG_ID, INSTAGRAM_LOGIN)
    return Account("instagram", SANDBOX_IG_ID, token.token, variant=INSTAGRAM_LOGIN)


def publish(client: InstagramClient, account: Account, request: PublishRequest) -> RemoteStatus:
    container = client.start(account, request)
    for _ in range(20):
        state = client.check(account, container)
        if state.status != RemoteStatus.IN_PROGRESS:
            break
    assert state.status == RemoteStatus.READY, state
    return client.finish(account, container).status


def test_fixed_panorama_png_is_fetched_and_published(
    postloom: str, client: InstagramClient, account: Account, make_post: MakePost
) -> None:
    post = make_post(picture((3000, 1000), fmt="PNG"))
    request = build_request(post, "instagram", None)
    assert request.items[0].url.startswith(postloom + "/public-media/")
    assert publish(client, account, request) == RemoteStatus.PUBLISHED


def test_the_unfixed_original_would_have_been_refused(
    postloom: str, client: InstagramClient, account: Account, make_post: MakePost
) -> None:
    post = make_post(picture((3000, 1000), fmt="PNG"))
    request = build_request(post, "instagram", None)
    raw = media_url(post.media.get().file.name)
    unfixed = PublishRequest(request.kind, (MediaItem("image", raw),))  # the PNG itself
    with pytest.raises(NetworkError) as caught:
        client.start(account, unfixed)
    assert caught.value.code == ErrorCode.MEDIA_REJECTED


def test_re_encoded_reel_with_cover_is_fetched_and_published(
    postloom: str, client: InstagramClient, account: Account, make_post: MakePost
) -> None:
    post = make_post(
        ("video", clip(fps=15, faststart=False)), ("cover", picture((1080, 1080))),
        format=Format.REEL,
    )  # fmt: skip
    request = build_request(post, "instagram", None)
    assert "/publishing/derived/" in request.items[0].path
    assert publish(client, account, request) == RemoteStatus.PUBLISHED
