"""Direct Post videos: creator_info first, the checks it drives, the init, the chunked upload."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from postloom.integrations.networks.base import ErrorCode, NetworkError, RemoteStatus
from postloom.integrations.tiktok import upload
from postloom.integrations.tiktok.client import TikTokClient

from .conftest import CAPTION, PRIVATE, TikTok, video_request


def put_ranges(tiktok: TikTok) -> list[tuple[str, int]]:
    return [(r.headers["content-range"], r.status) for r in tiktok.requests("upload")]


def test_the_production_chunk_plan_is_the_one_of_the_reference() -> None:
    assert (TikTokClient.single_chunk_limit, TikTokClient.chunk_size) == (64_000_000, 10_000_000)
    assert TikTokClient.max_chunks == 1000
    assert upload.chunk_plan(64_000_000) == upload.ChunkPlan(64_000_000, 64_000_000, 1)
    assert upload.chunk_plan(4_999_999) == upload.ChunkPlan(4_999_999, 4_999_999, 1)
    plan = upload.chunk_plan(64_000_001)
    assert plan == upload.ChunkPlan(64_000_001, 10_000_000, 6)
    assert plan.chunk_at(50_000_000) == (50_000_000, 64_000_000)  # the last absorbs the rest
    assert plan.chunk_at(10_000_000) == (10_000_000, 19_999_999)
    assert plan.chunk_at(10_000_001) is None
    assert upload.chunk_plan(4_000_000_000).total_chunks == 400
    with pytest.raises(NetworkError) as caught:
        upload.chunk_plan(10_010_000_000)  # 1001 chunks
    assert caught.value.code is ErrorCode.MEDIA_REJECTED


def test_a_small_video_goes_in_one_chunk_after_creator_info(tiktok: TikTok) -> None:
    account = tiktok.account()
    item = tiktok.video(50_123)

    publish_id = tiktok.client.start(account, video_request(item))

    assert publish_id.startswith("v_pub_file~")
    assert tiktok.endpoints()[-3:] == ["creator_info", "video_init", "upload"]
    assert tiktok.requests("video_init")[0].body == {
        "post_info": {
            "privacy_level": "PUBLIC_TO_EVERYONE",
            "title": CAPTION,
            "disable_comment": True,  # nothing allowed: everything off
            "disable_duet": True,
            "disable_stitch": True,
            "brand_content_toggle": False,
            "brand_organic_toggle": False,
            "is_aigc": True,
        },
        "source_info": {"source": "FILE_UPLOAD", "video_size": 50_123, "chunk_size": 50_123,
                        "total_chunk_count": 1},
    }  # fmt: skip
    put = tiktok.requests("upload")[0]
    assert (put.method, put.headers["content-type"]) == ("PUT", "video/mp4")
    assert (put.headers["content-range"], put.headers["content-length"]) == (
        "bytes 0-50122/50123", "50123")  # fmt: skip
    assert put.status == 201
    state = tiktok.poll(account, publish_id)
    assert state.status is RemoteStatus.PUBLISHED and state.media_id.isdigit()
    assert [p.publish_id for p in tiktok.sim.posts] == [publish_id]


def test_a_large_video_goes_in_sequential_chunks_the_last_absorbing_the_rest(
    tiktok: TikTok,
) -> None:
    account = tiktok.account()
    item = tiktok.video(150_123)  # over the (scaled) 64,000 single-chunk limit

    publish_id = tiktok.client.start(account, video_request(item))

    source = tiktok.requests("video_init")[0].body["source_info"]
    assert source == {"source": "FILE_UPLOAD", "video_size": 150_123, "chunk_size": 10_000,
                      "total_chunk_count": 15}  # fmt: skip
    expected = [(f"bytes {i * 10_000}-{i * 10_000 + 9_999}/150123", 206) for i in range(14)]
    assert put_ranges(tiktok) == [*expected, ("bytes 140000-150122/150123", 201)]
    assert tiktok.requests("upload")[-1].body == {"length": 10_123}
    sha = hashlib.sha256(Path(item.path).read_bytes()).hexdigest()
    assert tiktok.sim.publishes[publish_id].media_sha256 == sha  # every byte, in order
    assert tiktok.poll(account, publish_id).status is RemoteStatus.PUBLISHED


def test_after_a_lost_answer_the_upload_resumes_where_tiktok_is(tiktok: TikTok) -> None:
    account = tiktok.account()
    item = tiktok.video(30_500)
    tiktok.client.single_chunk_limit = 20_000  # three chunks
    tiktok.sim.force("upload", "500", after=True)  # chunk 1 arrives, its answer is lost

    publish_id = tiktok.client.start(account, video_request(item))

    assert put_ranges(tiktok) == [
        ("bytes 0-9999/30500", 500),
        ("bytes 0-9999/30500", 416),  # TikTok has it: Content-Range says where to go on
        ("bytes 10000-19999/30500", 206),
        ("bytes 20000-30499/30500", 201),
    ]
    sha = hashlib.sha256(Path(item.path).read_bytes()).hexdigest()
    assert tiktok.sim.publishes[publish_id].media_sha256 == sha


def test_a_416_before_anything_arrived_restarts_from_the_first_byte(tiktok: TikTok) -> None:
    account = tiktok.account()
    tiktok.sim.force("upload", "416")

    tiktok.client.start(account, video_request(tiktok.video(20_000)))

    assert put_ranges(tiktok) == [("bytes 0-19999/20000", 416), ("bytes 0-19999/20000", 201)]


def test_a_lost_answer_to_the_last_chunk_is_not_an_error(tiktok: TikTok) -> None:
    account = tiktok.account()
    tiktok.sim.force("upload", "502", after=True)

    publish_id = tiktok.client.start(account, video_request(tiktok.video(20_000)))

    assert put_ranges(tiktok) == [("bytes 0-19999/20000", 502), ("bytes 0-19999/20000", 416)]
    assert tiktok.poll(account, publish_id).status is RemoteStatus.PUBLISHED
    assert len(tiktok.sim.posts) == 1


def test_a_5xx_on_a_chunk_sends_that_chunk_again(tiktok: TikTok) -> None:
    account = tiktok.account()
    tiktok.client.single_chunk_limit = 20_000
    tiktok.sim.force("upload", "503", times=2)

    tiktok.client.start(account, video_request(tiktok.video(25_000)))

    assert put_ranges(tiktok) == [
        ("bytes 0-9999/25000", 503),
        ("bytes 0-9999/25000", 503),
        ("bytes 0-9999/25000", 206),
        ("bytes 10000-24999/25000", 201),
    ]


def test_a_chunk_that_keeps_failing_is_a_transient_server_error(tiktok: TikTok) -> None:
    account = tiktok.account()
    tiktok.sim.force("upload", "500", times=4)

    with pytest.raises(NetworkError) as caught:
        tiktok.client.start(account, video_request(tiktok.video(20_000)))

    assert caught.value.code is ErrorCode.SERVER and not caught.value.permanent
    assert len(tiktok.requests("upload")) == 4  # the first try and three more
    assert tiktok.endpoints()[-1] == "status"  # asked whether TikTok had it all anyway
    assert tiktok.sim.posts == []


def test_an_expired_upload_url_means_starting_again(
    tiktok: TikTok, monkeypatch: pytest.MonkeyPatch
) -> None:
    account = tiktok.account()
    original = upload.Uploader.upload

    def an_hour_later(self: upload.Uploader, *args: object) -> None:
        tiktok.sim.advance(3601)  # the upload_url is valid for one hour
        original(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(upload.Uploader, "upload", an_hour_later)

    with pytest.raises(NetworkError) as caught:
        tiktok.client.start(account, video_request(tiktok.video(20_000)))

    assert caught.value.code is ErrorCode.CONTAINER_EXPIRED
    assert (caught.value.permanent, caught.value.http_status) == (False, 403)
    assert put_ranges(tiktok) == [("bytes 0-19999/20000", 403)]


def test_privacy_must_be_one_the_creator_offers(tiktok: TikTok) -> None:
    account = tiktok.account(PRIVATE)  # private: FOLLOWER_OF_CREATOR, MUTUAL..., SELF_ONLY
    tiktok.sim.requests.clear()

    with pytest.raises(NetworkError) as caught:
        tiktok.client.start(account, video_request(tiktok.video(), "PUBLIC_TO_EVERYONE"))

    assert caught.value.code is ErrorCode.INVALID_REQUEST and caught.value.permanent
    assert caught.value.vendor_code == "privacy_level_option_mismatch"
    assert tiktok.endpoints() == ["creator_info"]  # asked, then nothing sent


@pytest.mark.parametrize("privacy", ["", None])
def test_no_privacy_chosen_is_refused_without_a_default(tiktok: TikTok, privacy: str) -> None:
    account = tiktok.account()
    tiktok.sim.requests.clear()
    request = video_request(tiktok.video(), privacy or "")
    if privacy is None:
        request = type(request)(request.kind, request.items, caption=request.caption)

    with pytest.raises(NetworkError) as caught:
        tiktok.client.start(account, request)

    assert caught.value.code is ErrorCode.INVALID_REQUEST and caught.value.permanent
    assert list(tiktok.sim.requests) == []


def test_what_the_creator_disabled_is_forced_off(tiktok: TikTok) -> None:
    account = tiktok.account(PRIVATE)  # duet and stitch disabled by the creator
    request = video_request(tiktok.video(), "SELF_ONLY", allow_comment=True, allow_duet=True,
                            allow_stitch=True)  # fmt: skip

    tiktok.client.start(account, request)

    post_info = tiktok.requests("video_init")[0].body["post_info"]
    assert (post_info["disable_comment"], post_info["disable_duet"],
            post_info["disable_stitch"]) == (False, True, True)  # fmt: skip


def test_commercial_content_sets_the_brand_toggles(tiktok: TikTok) -> None:
    account = tiktok.account()
    request = video_request(tiktok.video(), commercial=True, your_brand=True, is_aigc=False)

    tiktok.client.start(account, request)

    post_info = tiktok.requests("video_init")[0].body["post_info"]
    assert (post_info["brand_organic_toggle"], post_info["brand_content_toggle"]) == (True, False)
    assert post_info["is_aigc"] is False


@pytest.mark.parametrize(
    ("options", "privacy"),
    [
        ({"commercial": True}, "PUBLIC_TO_EVERYONE"),  # commercial, but whose brand?
        ({"commercial": True, "branded_content": True}, "SELF_ONLY"),  # branded can't be private
    ],
)
def test_commercial_content_rules_are_checked_first(
    tiktok: TikTok, options: dict[str, bool], privacy: str
) -> None:
    account = tiktok.account(PRIVATE)
    tiktok.sim.requests.clear()

    with pytest.raises(NetworkError) as caught:
        tiktok.client.start(account, video_request(tiktok.video(), privacy, **options))

    assert caught.value.code is ErrorCode.INVALID_REQUEST
    assert list(tiktok.sim.requests) == []


def test_a_video_longer_than_the_creator_may_post_is_refused(tiktok: TikTok) -> None:
    account = tiktok.account(PRIVATE)  # 180 seconds at most
    tiktok.sim.requests.clear()

    with pytest.raises(NetworkError) as caught:
        tiktok.client.start(account, video_request(tiktok.video(seconds=181), "SELF_ONLY"))

    assert caught.value.code is ErrorCode.MEDIA_REJECTED and caught.value.permanent
    assert "180" in caught.value.message
    assert tiktok.endpoints() == ["creator_info"]


def test_tiktok_checks_the_duration_in_the_file_too(tiktok: TikTok) -> None:
    account = tiktok.account(PRIVATE)
    item = tiktok.video(seconds=200)
    item = type(item)(item.kind, item.url, item.path, item.size, duration=0.0)  # not known

    publish_id = tiktok.client.start(account, video_request(item, "SELF_ONLY"))

    state = tiktok.poll(account, publish_id)
    assert state.status is RemoteStatus.FAILED and state.error is not None
    assert (state.error.code, state.error.vendor_code) == (ErrorCode.MEDIA_REJECTED,
                                                           "duration_check_failed")  # fmt: skip


def test_bytes_that_are_not_a_video_fail_the_format_check(tiktok: TikTok) -> None:
    account = tiktok.account()
    item = tiktok.video()
    Path(item.path).write_bytes(b"GIF89a" + bytes(50_000))

    state = tiktok.poll(account, tiktok.client.start(account, video_request(item)))

    assert state.error is not None and state.error.vendor_code == "file_format_check_failed"


def test_captions_are_counted_in_utf16_and_never_cut(tiktok: TikTok) -> None:
    account = tiktok.account()
    at_limit = "☕" * 1000 + "😀" * 600  # 1000 + 1200 UTF-16 units = 2200

    tiktok.client.start(account, video_request(tiktok.video(), caption=at_limit))
    assert tiktok.requests("video_init")[0].body["post_info"]["title"] == at_limit

    with pytest.raises(NetworkError) as caught:
        tiktok.client.start(account, video_request(tiktok.video(), caption=at_limit + "😀"))
    assert caught.value.code is ErrorCode.CAPTION_REJECTED


def test_a_missing_file_is_refused_before_tiktok_is_asked(tiktok: TikTok) -> None:
    account = tiktok.account()
    item = tiktok.video()
    Path(item.path).unlink()
    tiktok.sim.requests.clear()

    with pytest.raises(NetworkError) as caught:
        tiktok.client.start(account, video_request(item))

    assert caught.value.code is ErrorCode.MEDIA_REJECTED
    assert list(tiktok.sim.requests) == []


def test_an_unaudited_app_may_only_post_privately_to_private_accounts(tiktok: TikTok) -> None:
    tiktok.sim.audited = False
    public, private = tiktok.account(), tiktok.account(PRIVATE)

    with pytest.raises(NetworkError) as caught:
        tiktok.client.start(public, video_request(tiktok.video(), "SELF_ONLY"))

    assert caught.value.code is ErrorCode.INVALID_REQUEST and caught.value.permanent
    assert caught.value.vendor_code == "unaudited_client_can_only_post_to_private_accounts"
    assert caught.value.http_status == 403
    assert tiktok.client.start(private, video_request(tiktok.video(), "SELF_ONLY"))


def test_the_daily_post_cap_stops_posting_at_creator_info(tiktok: TikTok) -> None:
    tiktok.sim.daily_post_cap = 2
    tiktok.sim.access_ttl = 7 * 24 * 3600  # the token outlives the day this test waits
    account = tiktok.account()
    for _ in range(2):
        tiktok.client.start(account, video_request(tiktok.video()))

    with pytest.raises(NetworkError) as caught:
        tiktok.client.start(account, video_request(tiktok.video()))

    assert caught.value.code is ErrorCode.CANT_POST_NOW and caught.value.permanent
    assert (caught.value.vendor_code, caught.value.http_status) == ("spam_risk_too_many_posts",
                                                                    200)  # fmt: skip
    assert tiktok.endpoints().count("video_init") == 2
    tiktok.sim.advance(24 * 3600 + 1)
    assert tiktok.client.start(account, video_request(tiktok.video()))


def test_the_init_rate_limit_is_six_a_minute(tiktok: TikTok) -> None:
    account = tiktok.account()
    for _ in range(6):
        tiktok.client.start(account, video_request(tiktok.video()))

    with pytest.raises(NetworkError) as caught:
        tiktok.client.start(account, video_request(tiktok.video()))

    assert caught.value.code is ErrorCode.RATE_LIMITED and not caught.value.permanent
    assert (caught.value.vendor_code, caught.value.retry_after) == ("rate_limit_exceeded", 60.0)
    tiktok.sim.advance(61)
    assert tiktok.client.start(account, video_request(tiktok.video()))


def test_start_timing_out_is_safe_for_a_video(tiktok: TikTok) -> None:
    assert tiktok.client.start_timeout_is_safe(video_request(tiktok.video())) is True
