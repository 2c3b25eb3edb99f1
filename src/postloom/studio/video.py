"""Reels and TikTok videos for a post: its photos and creatives, with motion and its headline."""

from __future__ import annotations

from postloom.render import BrandKit
from postloom.render.video import render_reel
from postloom.render.video_kit import CONTAIN, COVER, ReelRequest, ReelScene
from postloom.studio.models import Post

REEL_SECONDS = 15.0
# Film rate: smooth for slow pans and zooms, inside both networks' 23–60 fps, and a fifth
# fewer frames to draw and encode than 30 fps (a month's plan holds a dozen videos).
REEL_FPS = 24


def render_post_video(post: Post, kit: BrandKit, pictures: list[bytes]) -> tuple[bytes, bytes]:
    """(mp4, cover jpeg). Product photos fill the frame; rendered creatives are shown whole."""
    photos, creatives = pictures[:-1], pictures[-1:]
    scenes = [ReelScene(image=photo, fit=COVER) for photo in photos[:4]]
    scenes += [ReelScene(image=creative, fit=CONTAIN) for creative in creatives]
    if photos:  # creatives carry their own headline; only a photo needs one laid over it
        scenes[0] = ReelScene(image=scenes[0].image, headline=post.headline, fit=COVER)
    request = ReelRequest(
        scenes=tuple(scenes),
        kit=kit,
        duration=REEL_SECONDS if len(scenes) > 1 else 6.0,
        cta=post.headline if len(scenes) > 1 else "",
        seed=post.pk or 0,
        fps=REEL_FPS,
    )
    result = render_reel(request)
    return result.mp4, result.cover_jpeg
