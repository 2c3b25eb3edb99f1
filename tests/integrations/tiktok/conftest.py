"""The TikTok client against the TikTok simulator, served on 127.0.0.1.

``tiktok`` points ``settings.NETWORKS`` at a fresh simulator and builds the real client with
the chunk thresholds of platform-apis.md §2.6 scaled down a thousand times (64,000 bytes in
one chunk, else 10,000-byte chunks), and the simulator's chunk rules scaled the same way, so
multi-chunk uploads need no 64 MB files.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from postloom.integrations.networks.base import (
    Account,
    Kind,
    MediaItem,
    PublishRequest,
    RemoteState,
    RemoteStatus,
    TikTokOptions,
    TokenSet,
)
from postloom.integrations.tiktok.client import TikTokClient
from postloom.sandbox.server import serve
from postloom.sandbox.tiktok_api import RecordedRequest, TikTokSim, make_app

from .media import write_video

REDIRECT_URI = "https://shop.example/connections/tiktok/callback/"
PUBLIC = "sbx-open-kopisenja"  # the simulator's seeded public creator
PRIVATE = "sbx-open-private"  # its seeded private creator (duet and stitch disabled)
CAPTION = "Kopi susu gula aren, dingin dan manis. #kopi #bandung"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)  # once: building one loads the CA bundle


def location_of(url: str, form: dict[str, str] | None = None) -> str:
    """The Location a GET (or a form POST) of ``url`` redirects to."""
    data = urllib.parse.urlencode(form).encode() if form is not None else None
    try:
        _OPENER.open(url, data, timeout=5)
    except urllib.error.HTTPError as redirect:
        assert redirect.code == 302, redirect.code
        return str(redirect.headers["Location"])
    raise AssertionError("no redirect")


@dataclass
class TikTok:
    sim: TikTokSim
    url: str
    client: TikTokClient
    tmp: Path
    accounts: dict[str, tuple[Account, TokenSet]] = field(default_factory=dict)

    def connect(self, open_id: str = PUBLIC) -> tuple[Account, TokenSet]:
        """The whole OAuth dance, as the connections app does it."""
        self.sim.authorize_as = open_id
        location = location_of(self.client.authorize_url(state="st-1", redirect_uri=REDIRECT_URI))
        raw_code = re.search(r"[?&]code=([^&]+)", location)
        assert raw_code is not None, location
        # The code is passed as it stands in the redirect (still URL-encoded).
        tokens = self.client.exchange_code(code=raw_code.group(1), redirect_uri=REDIRECT_URI)
        account = Account("tiktok", tokens.account_id, tokens.access_token)
        self.accounts[open_id] = (account, tokens)
        return account, tokens

    def account(self, open_id: str = PUBLIC) -> Account:
        if open_id not in self.accounts:
            self.connect(open_id)
        return self.accounts[open_id][0]

    def video(self, size: int = 50_123, seconds: float = 12.0, name: str = "reel.mp4") -> MediaItem:
        path = write_video(self.tmp, size, seconds, name)
        return MediaItem("video", url="", path=str(path), size=size, duration=seconds,
                         mime="video/mp4")  # fmt: skip

    def requests(self, endpoint: str) -> list[RecordedRequest]:
        return [r for r in self.sim.requests if r.endpoint == endpoint]

    def endpoints(self) -> list[str]:
        return [r.endpoint for r in self.sim.requests]

    def poll(self, account: Account, remote_id: str, tries: int = 10) -> RemoteState:
        for _ in range(tries):
            state = self.client.check(account, remote_id)
            if state.status is not RemoteStatus.IN_PROGRESS:
                return state
        raise AssertionError(f"{remote_id} still in progress")


def video_request(item: MediaItem, privacy: str = "PUBLIC_TO_EVERYONE", caption: str = CAPTION,
                  **options: Any) -> PublishRequest:  # fmt: skip
    return PublishRequest(Kind.TIKTOK_VIDEO, (item,), caption=caption,
                          tiktok=TikTokOptions(privacy_level=privacy, **options))  # fmt: skip


def photo_request(urls: list[str], privacy: str = "PUBLIC_TO_EVERYONE", title: str = "Kopi Senja",
                  caption: str = CAPTION, **options: Any) -> PublishRequest:  # fmt: skip
    items = tuple(MediaItem("image", url=u) for u in urls)
    return PublishRequest(Kind.TIKTOK_PHOTO, items, caption=caption, title=title,
                          tiktok=TikTokOptions(privacy_level=privacy, **options))  # fmt: skip


def scaled_sim(**switches: Any) -> TikTokSim:
    return TikTokSim(auto_approve=True, processing_polls=0, min_chunk_bytes=5_000,
                     max_chunk_bytes=64_000, max_final_chunk_bytes=128_000,
                     **switches)  # fmt: skip


@pytest.fixture
def sim() -> TikTokSim:
    return scaled_sim()


@pytest.fixture
def tiktok(sim: TikTokSim, settings: Any, tmp_path: Path) -> Iterator[TikTok]:
    with serve(make_app(sim)) as url:
        settings.NETWORKS = {
            **settings.NETWORKS,
            "TIKTOK_API_URL": url,
            "TIKTOK_AUTHORIZE_URL": url + "/v2/auth/authorize/",
            "TIKTOK_CLIENT_KEY": sim.client_key,
            "TIKTOK_CLIENT_SECRET": sim.client_secret,
            "TIMEOUT_SECONDS": 5,
        }
        client = TikTokClient()
        client.single_chunk_limit = 64_000
        client.chunk_size = 10_000
        client.chunk_retry_delay = 0.0
        yield TikTok(sim, url, client, tmp_path)
