"""The network client contract (contract.py), run by the TikTok client against the simulator,
for a video (FILE_UPLOAD) and a photo post (PULL_FROM_URL)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .conftest import TikTok, photo_request, video_request
from .contract import ContractCase, NetworkClientContract
from .media import media_host, picture


@pytest.fixture
def photo_urls() -> Iterator[list[str]]:
    with media_host({"/p/1.jpg": ("image/jpeg", picture())}) as (base, _):
        yield [base + "/p/1.jpg"]


@pytest.fixture(params=["video", "photo"])
def case(request: pytest.FixtureRequest, tiktok: TikTok, photo_urls: list[str]) -> ContractCase:
    sim = tiktok.sim
    sim.processing_polls = 1  # one IN_PROGRESS answer before the final one
    video = request.param == "video"
    publish = video_request(tiktok.video()) if video else photo_request(photo_urls)
    return ContractCase(
        client=tiktok.client,
        account=tiktok.account(),
        request=publish,
        published=lambda: len(sim.posts),
        break_tokens=sim.expire_tokens,
        fail_next_start=lambda: sim.force("video_init" if video else "content_init",
                                          "internal_error"),
        unknown_remote_id="v_pub_file~v2-1.1" if video else "p_pub_url~v2.1",
    )  # fmt: skip


class TestTikTokContract(NetworkClientContract):
    pass
