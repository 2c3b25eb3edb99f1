"""Reels and TikTok videos from stills: pure functions, no Django.

from postloom.render.video import ReelRequest, ReelScene, render_reel

result = render_reel(ReelRequest(
    scenes=(ReelScene(photo_1, headline="Profiterol"), ReelScene(photo_2, headline="...")),
    kit=BrandKit(name="Zorbey Cafe", colors=("#7a1f1f",), language="tr"),
    duration=15, cta="Bugün gel, tadına bak", cta_detail="@zorbeycafe",
))
result.mp4         # 1080x1920 H.264 High@4.1 yuv420p, 30 fps, moov first, silent AAC
result.cover_jpeg  # 1080x1920 sRGB JPEG: the first scene's first frame with its headline

Each scene moves over its picture (a Ken Burns zoom or pan chosen by index and seed), its
headline sits in the safe area on a legible panel, scenes crossfade, and an optional closing
card carries the call to action.

How the frames are made, and why: Pillow computes every frame as Y'CbCr planes (pans as
plain crops, zooms as sub-pixel resizes, text and crossfades composited on the planes) and
pipes them raw to the ffmpeg bundled by imageio-ffmpeg, which only encodes. Measured on
2 cores at 1080x1920: ffmpeg's own zoompan and scale+crop expressions cost ~6 ms a frame
against ~13 ms for a Pillow zoom frame, but they place the picture in whole pixels, which
judders visibly at Ken Burns speeds (about one pixel a frame); its sub-pixel `perspective`
filter costs ~20 ms. Pans planned at exactly 2 px a frame are crops (~0.1 ms) and perfectly
even, and the encoder (x264) is the larger half of the time either way.
"""

from __future__ import annotations

import math

from PIL import Image

from postloom.render.color import Palette, palette_from
from postloom.render.errors import RenderError
from postloom.render.fonts import Typography, typography_for
from postloom.render.kit import TextBox
from postloom.render.motion import Move, Timeline, move_for, move_names, plan_timeline
from postloom.render.output import encode_jpeg
from postloom.render.video_encode import EncodeSettings, cpu_count, encode
from postloom.render.video_frames import (
    SOURCE_SIZE,
    Film,
    SceneSource,
    film_rgb,
    prepare_picture,
    to_overlay,
    to_planes,
)
from postloom.render.video_kit import (
    CONTAIN,
    COVER,
    HEIGHT,
    MAX_FPS,
    MAX_SECONDS,
    MIN_FPS,
    MIN_SECONDS,
    WIDTH,
    ReelRequest,
    ReelScene,
    SegmentSpan,
    VideoResult,
)
from postloom.render.video_text import TextLayer, closing_card, headline_layer

MAX_SCENES = 20
DEFAULT_TIMEOUT = 300.0

__all__ = [
    "EncodeSettings",
    "ReelRequest",
    "ReelScene",
    "SegmentSpan",
    "VideoResult",
    "plan",
    "render_reel",
]


def render_reel(
    request: ReelRequest,
    settings: EncodeSettings | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    workers: int | None = None,
) -> VideoResult:
    """Render a reel. Raises RenderError with a stable `code` for input that cannot make
    one (`no_images`, `too_many_images`, `duration_out_of_range`, `fps_out_of_range`,
    `unknown_fit`, `focal_point_out_of_range`, `photo_unreadable`, `photo_too_large`) and
    when ffmpeg fails (`video_encoding_failed`, with ffmpeg's last lines; `video_timeout`
    when the whole encode, frames included, takes over `timeout` seconds)."""
    timeline, moves = _plan(request)
    palette = palette_from(request.kit.colors)
    typography = typography_for(request.kit.fonts)
    sources, boxes, cover = _scenes(request, moves, palette, typography)
    card = None
    if _has_card(request):
        image, card_boxes = closing_card(
            request.kit, palette, typography, request.cta, request.cta_detail
        )
        card = to_planes(image)
        boxes.extend(card_boxes)
    film = Film(timeline, sources, card)
    frames = film.raw_frames(workers or _default_workers())
    mp4 = encode(frames, request.fps, timeline.frame_count, settings or EncodeSettings(), timeout)
    return VideoResult(
        mp4=mp4,
        cover_jpeg=cover,
        width=WIDTH,
        height=HEIGHT,
        fps=request.fps,
        frame_count=timeline.frame_count,
        segments=timeline.spans,
        text_boxes=tuple(boxes),
    )


def _scenes(
    request: ReelRequest, moves: list[Move], palette: Palette, typography: Typography
) -> tuple[list[SceneSource], list[TextBox], bytes]:
    """Each scene ready to film (picture as planes, move, headline), what text went where,
    and the cover. Pictures are decoded one at a time and kept only as planes."""
    sources: list[SceneSource] = []
    boxes: list[TextBox] = []
    cover = b""
    for index, (scene, move) in enumerate(zip(request.scenes, moves, strict=True)):
        picture = prepare_picture(scene.image, scene.focal_point, scene.fit, palette, index + 1)
        layer = headline_layer(scene.headline, request.kit, palette, typography)
        if index == 0:
            cover = _cover(picture, move, layer)
        overlay = None
        if layer is not None:
            overlay = to_overlay(layer.image, layer.x, layer.y)
            boxes.extend(layer.boxes)
        sources.append(SceneSource.from_rgb(picture, move, overlay))
    return sources, boxes, cover


def plan(request: ReelRequest) -> Timeline:
    """The timeline a request would get, without rendering (for previews and tests)."""
    return _plan(request)[0]


def _plan(request: ReelRequest) -> tuple[Timeline, list[Move]]:
    _validate(request)
    gentle = [scene.fit == CONTAIN for scene in request.scenes]
    names = move_names(gentle, request.seed)
    timeline = plan_timeline(
        len(request.scenes), names, request.duration, request.fps, _has_card(request)
    )
    moves = [
        move_for(name, scene.focal_point, span.last - span.first + 1, SOURCE_SIZE, soft)
        for name, scene, span, soft in zip(
            names, request.scenes, timeline.spans, gentle, strict=False
        )
    ]
    return timeline, moves


def _has_card(request: ReelRequest) -> bool:
    return bool(request.cta.strip() or request.cta_detail.strip())


def _cover(picture: Image.Image, move: Move, layer: TextLayer | None) -> bytes:
    """The first frame, headline included, at full quality (not a decoded video frame)."""
    first = film_rgb(picture, move, 0.0)
    if layer is not None:
        first.paste(layer.image, (layer.x, layer.y), layer.image)
    return encode_jpeg(first)


def _validate(request: ReelRequest) -> None:
    scenes = request.scenes
    if not scenes:
        raise RenderError("no_images", "a reel needs at least one image")
    if len(scenes) > MAX_SCENES:
        raise RenderError("too_many_images", f"a reel takes at most {MAX_SCENES} images")
    duration = request.duration
    if not (math.isfinite(duration) and MIN_SECONDS <= duration <= MAX_SECONDS):
        raise RenderError(
            "duration_out_of_range",
            f"a reel lasts {MIN_SECONDS:g} to {MAX_SECONDS:g} seconds, not {duration:g}",
        )
    if not (MIN_FPS <= request.fps <= MAX_FPS):
        raise RenderError(
            "fps_out_of_range", f"frame rate must be {MIN_FPS} to {MAX_FPS}, not {request.fps}"
        )
    for number, scene in enumerate(scenes, start=1):
        _validate_scene(scene, number)


def _validate_scene(scene: ReelScene, number: int) -> None:
    if scene.fit not in (COVER, CONTAIN):
        raise RenderError("unknown_fit", f"image {number}: fit must be cover or contain")
    if not all(0.0 <= v <= 1.0 for v in scene.focal_point):  # NaN fails too
        raise RenderError(
            "focal_point_out_of_range", f"image {number}: the focal point is outside the image"
        )
    if not scene.image:
        raise RenderError("photo_unreadable", f"image {number}: the file is empty")


def _default_workers() -> int:
    # Frame threads share the cores with x264's; more than a few only queue up.
    return max(1, min(4, cpu_count()))
