"""Pre-flight videos: sent as they are when they meet the spec, re-encoded when they do not,
refused when the length, shape or file is wrong. The clips are tiny test patterns."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.storage import default_storage

from postloom.integrations.networks.base import Kind, TikTokOptions
from postloom.publishing import preflight_video as video
from postloom.publishing.preflight import PreflightError, build_request
from postloom.studio.approval import content_hash
from postloom.studio.models import Format
from tests.publishing.test_preflight.support import MakePost, clip, picture

pytestmark = pytest.mark.django_db
PUBLIC = TikTokOptions(privacy_level="PUBLIC_TO_EVERYONE")


def refusal(post: object, platform: str = "instagram", **kwargs: object) -> PreflightError:
    tiktok = PUBLIC if platform == "tiktok" else None
    with pytest.raises(PreflightError) as caught:
        build_request(post, platform, tiktok, **kwargs)  # type: ignore[arg-type]
    return caught.value


def test_reel_that_meets_the_spec_is_sent_as_it_is(make_post: MakePost) -> None:
    post = make_post(("video", clip()), ("cover", picture((1080, 1920))), format=Format.REEL)
    original = post.media.get(kind="video").file.name

    request = build_request(post, "instagram", None)

    (item,) = request.items
    assert request.kind == Kind.REEL
    assert item.url.endswith("/" + Path(original).name)
    assert (item.kind, item.mime, item.width, item.height) == ("video", "video/mp4", 360, 640)
    assert item.duration == pytest.approx(3.2, abs=0.05)
    assert item.size == default_storage.size(original)
    assert item.path == default_storage.path(original)
    assert request.cover is not None and (request.cover.width, request.cover.height) == (1080, 1920)
    assert request.share_to_feed is True
    assert request.alt_text == ""  # reels take none
    assert request.caption.endswith("\n\n#kopi #bandung")


def test_square_cover_is_padded_to_9_16(make_post: MakePost) -> None:
    post = make_post(("video", clip()), ("cover", picture((1080, 1080))), format=Format.REEL)
    cover = build_request(post, "instagram", None).cover
    assert cover is not None and (cover.width, cover.height, cover.mime) == (
        1080, 1920, "image/jpeg",
    )  # fmt: skip


def test_wrong_frame_rate_is_re_encoded_beside_the_original(make_post: MakePost) -> None:
    data = clip(fps=15)
    post = make_post(("video", data), format=Format.REEL)
    name = post.media.get().file.name
    approved = content_hash(post)

    (item,) = build_request(post, "instagram", None).items

    assert "/publishing/derived/" in item.path and item.path.endswith("-ig-reel-v1.mp4")
    facts = video.probe(Path(item.path))
    assert facts.fps == 30
    assert (facts.codec, facts.pix_fmt, facts.audio_codec) == ("avc1", "yuv420p", "aac")
    assert facts.moov_first and not facts.edit_list
    assert video.problems(facts, video.REEL) == []
    assert item.size == facts.size and item.duration == pytest.approx(3.2, abs=0.1)
    with default_storage.open(name, "rb") as handle:
        assert handle.read() == data
    assert content_hash(post) == approved
    again = build_request(post, "instagram", None).items[0]
    assert again.path == item.path  # the derived file is reused


def test_wrong_codec_and_pixel_format_are_re_encoded(make_post: MakePost) -> None:
    post = make_post(("video", clip(codec="mpeg4", pix_fmt="yuv420p", audio=False)),
                     format=Format.TIKTOK_VIDEO)  # fmt: skip
    (item,) = build_request(post, "tiktok", PUBLIC).items
    facts = video.probe(Path(item.path))
    assert (facts.codec, facts.profile_idc) == ("avc1", 100)
    assert facts.audio_codec == ""  # no audio stays no audio


def test_444_video_is_re_encoded_to_420(make_post: MakePost) -> None:
    post = make_post(("video", clip(pix_fmt="yuv444p")), format=Format.REEL)
    (item,) = build_request(post, "instagram", None).items
    assert "/publishing/derived/" in item.path
    assert video.probe(Path(item.path)).pix_fmt == "yuv420p"


def test_moov_at_the_end_is_fixed_for_instagram_but_fine_for_tiktok(
    make_post: MakePost, tmp_path: Path
) -> None:
    data = clip(faststart=False)
    (tmp_path / "late.mp4").write_bytes(data)
    assert not video.probe(tmp_path / "late.mp4").moov_first
    for_instagram = make_post(("video", data), format=Format.REEL)
    for_tiktok = make_post(("video", data), format=Format.TIKTOK_VIDEO)
    (ig,) = build_request(for_instagram, "instagram", None).items
    (tt,) = build_request(for_tiktok, "tiktok", PUBLIC).items
    assert video.probe(Path(ig.path)).moov_first
    assert "/publishing/derived/" not in tt.path


def test_edit_list_is_removed_for_instagram(make_post: MakePost) -> None:
    post = make_post(("video", clip(edit_list=True)), format=Format.REEL)
    (item,) = build_request(post, "instagram", None).items
    facts = video.probe(Path(item.path))
    assert "/publishing/derived/" in item.path
    assert not facts.edit_list and facts.fps == 30 and facts.audio_rate == 48_000


def test_wider_than_1920_is_scaled_down() -> None:
    assert video.target_size(3840, 2160) == (1920, 1080)
    assert video.target_size(2160, 3840) == (1080, 1920)
    assert video.target_size(200, 356) == (360, 640)  # small videos come up to 360
    assert video.target_size(1080, 1920) == (1080, 1920)
    assert (
        video.target_fps(15) == 30 and video.target_fps(59.94) == 60 and video.target_fps(0) == 30
    )


def test_tiktok_video_goes_up_as_a_local_file(make_post: MakePost) -> None:
    post = make_post(("video", clip()), format=Format.TIKTOK_VIDEO, caption="Hello")
    request = build_request(post, "tiktok", PUBLIC)
    (item,) = request.items
    assert Path(item.path).read_bytes() == clip()
    assert request.caption == "Hello\n\n#kopi #bandung" and request.title == ""
    assert request.tiktok == PUBLIC


# --- Refused ------------------------------------------------------------------------------------


def test_reel_shorter_than_3_seconds_is_refused(make_post: MakePost) -> None:
    error = refusal(make_post(("video", clip(seconds=2)), format=Format.REEL))
    assert error.code == "video_too_short"
    assert error.message == "The video lasts 2.0 seconds; Instagram needs at least 3 seconds."


def test_reel_longer_than_15_minutes_is_refused(make_post: MakePost) -> None:
    long = clip(seconds=901, size=(64, 64), fps=1, audio=False)
    error = refusal(make_post(("video", long), format=Format.REEL))
    assert error.code == "video_too_long"
    assert error.message == "The video lasts 901 seconds; Instagram takes at most 900 seconds here."


def test_story_video_longer_than_60_seconds_is_refused(make_post: MakePost) -> None:
    long = clip(seconds=61, size=(64, 64), fps=1, audio=False)
    assert refusal(make_post(("video", long), format=Format.STORY)).code == "video_too_long"


def test_tiktok_video_longer_than_the_creator_may_post_is_refused(make_post: MakePost) -> None:
    from tests.publishing.test_preflight.test_requests import creator

    post = make_post(("video", clip(seconds=6)), format=Format.TIKTOK_VIDEO)
    error = refusal(post, "tiktok", creator=creator(max_video_post_duration_sec=5))
    assert error.code == "video_too_long"
    assert "TikTok takes at most 5 seconds" in error.message
    assert build_request(post, "tiktok", PUBLIC, creator=creator()).items


def test_tiktok_video_over_10_minutes_is_refused(make_post: MakePost) -> None:
    long = clip(seconds=601, size=(64, 64), fps=1, audio=False)
    assert refusal(make_post(("video", long), format=Format.TIKTOK_VIDEO), "tiktok").code == (
        "video_too_long"
    )


def test_video_that_is_not_a_video_is_refused(make_post: MakePost) -> None:
    error = refusal(
        make_post(("video", b"\x00\x00\x00\x18ftypmp42 garbage" * 50), format=Format.REEL)
    )
    assert (error.code, error.message) == (
        "video_corrupt",
        "The video cannot be read; it may be damaged. Make it again.",
    )


def test_truncated_video_is_refused_not_shortened(make_post: MakePost) -> None:
    whole = clip(seconds=6)
    post = make_post(("video", whole[: len(whole) // 2]), format=Format.REEL)
    assert refusal(post).code == "video_corrupt"


def test_video_too_large_after_fixing_is_refused(
    make_post: MakePost, monkeypatch: pytest.MonkeyPatch
) -> None:
    small_cap = video.VideoSpec("ig-reel", 3, 900, 10_000, (0.01, 10), instagram=True)
    monkeypatch.setattr(video, "REEL", small_cap)
    error = refusal(make_post(("video", clip()), format=Format.REEL))
    assert error.code == "video_too_large"


def test_video_shape_outside_the_range_is_refused(make_post: MakePost) -> None:
    post = make_post(("video", clip(size=(64, 1088), fps=24, audio=False)), format=Format.STORY)
    assert refusal(post).code == "video_bad_shape"  # 1:17, narrower than a story's 1:10


def test_words_are_checked_before_any_video_is_converted(
    make_post: MakePost, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(video, "fix_video", lambda *a: pytest.fail("converted first"))
    post = make_post(("video", clip(fps=15)), format=Format.REEL, caption="e" * 2300)
    assert refusal(post).code == "caption_too_long"
