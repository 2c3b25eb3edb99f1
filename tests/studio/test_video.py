"""A post's video: 1080x1920 H.264 at film rate, within Instagram Reels' and TikTok's rules."""

from __future__ import annotations

from postloom.render import BrandKit
from postloom.render.video_probe import read_mp4, reel_problems
from postloom.studio.models import Format, Post
from postloom.studio.video import REEL_FPS, REEL_SECONDS, render_post_video
from tests.studio.conftest import MakePost, jpeg


def test_a_reel_is_15_seconds_at_24_fps_and_within_the_rules(make_post: MakePost) -> None:
    post: Post = make_post(format=Format.REEL, picture=False)
    pictures = [jpeg(size=(900, 1200)), jpeg("teal", (900, 1200)), jpeg("navy", (1080, 1350))]

    mp4, cover = render_post_video(post, BrandKit(name="Kopi Senja"), pictures)

    video = next(t for t in read_mp4(mp4).tracks if t.handler == "vide")
    assert (video.width, video.height) == (1080, 1920)
    assert video.sample_count == REEL_SECONDS * REEL_FPS == 360
    assert reel_problems(mp4) == []
    assert cover.startswith(b"\xff\xd8")
