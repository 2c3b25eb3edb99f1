"""The reel's timeline (which scene plays when, and the crossfades) and each scene's camera move.

Everything is counted in whole frames, so the video is exactly as long as asked to within a
frame. A camera move is a window over the scene's picture that glides and zooms from one
place to another. Zoom windows have sub-pixel positions and pans move by whole pixels at a
constant speed, so slow moves stay smooth: no uneven 1 px stepping, which is what ffmpeg's
zoompan shows at these speeds.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from postloom.render.errors import RenderError
from postloom.render.video_kit import SegmentSpan

# Pictures are prepared this much larger than the frame, so the closest zoom still shows
# them at 1:1 and no frame is ever upscaled.
OVERSIZE = 1.2
CROSSFADE_SECONDS = 0.5
MIN_SCENE_SECONDS = 1.0
CARD_SHARE, MIN_CARD_SECONDS, MAX_CARD_SECONDS = 0.18, 1.5, 3.0

ZOOM_IN, ZOOM_OUT = "zoom_in", "zoom_out"
PAN_LEFT, PAN_RIGHT, PAN_UP, PAN_DOWN = "pan_left", "pan_right", "pan_up", "pan_down"
STILL = "still"
# Alternating in and out and changing direction keeps a run of product shots from feeling
# stamped; the seed rotates where the cycle starts.
MOVES = (ZOOM_IN, PAN_RIGHT, ZOOM_OUT, PAN_UP, ZOOM_IN, PAN_LEFT, ZOOM_OUT, PAN_DOWN)
GENTLE_MOVES = (ZOOM_IN, ZOOM_OUT)
"""For contained creatives: a pan would push their edges (and their text) out of frame."""
GENTLE_ZOOM = 1 + (OVERSIZE - 1) / 2
"""A contained creative fills the frame's width at this zoom, and is never cut."""


@dataclass(frozen=True)
class Window:
    """A view of the prepared picture: centre and zoom, in fractions of its size.

    Zoom 1 shows the whole prepared picture; zoom OVERSIZE shows it at 1:1.
    """

    cx: float
    cy: float
    zoom: float

    def box(self, width: float, height: float) -> tuple[float, float, float, float]:
        """The window in pixels of a picture `width` x `height` (floats: sub-pixel)."""
        w, h = width / self.zoom, height / self.zoom
        left, top = self.cx * width - w / 2, self.cy * height - h / 2
        return (left, top, left + w, top + h)


@dataclass(frozen=True)
class Move:
    name: str
    start: Window
    end: Window

    def at(self, progress: float) -> Window:
        """The window `progress` (0..1) of the way through; zoom changes at a steady rate
        to the eye (geometrically), the centre at a steady speed."""
        p = min(1.0, max(0.0, progress))
        zoom = self.start.zoom * (self.end.zoom / self.start.zoom) ** p
        cx = self.start.cx + (self.end.cx - self.start.cx) * p
        cy = self.start.cy + (self.end.cy - self.start.cy) * p
        return _clamped(cx, cy, zoom)


def move_names(gentle: list[bool], seed: int) -> list[str]:
    """Each scene's move: deterministic for a seed, varied along the reel."""
    names = []
    for index, soft in enumerate(gentle):
        moves = GENTLE_MOVES if soft else MOVES
        names.append(moves[(index + seed) % len(moves)])
    return names


def move_for(
    name: str,
    focal: tuple[float, float],
    frames: int,
    picture: tuple[int, int],
    gentle: bool = False,
) -> Move:
    """The move `name` over a picture of `picture` pixels lasting `frames`, towards the
    focal point. Zooms go between the whole picture and its 1:1 part around the focal point
    (`gentle`: half as far, on the centre); pans slide a 1:1 window (see `slide`)."""
    fx, fy = focal
    if name in (ZOOM_IN, ZOOM_OUT):
        far = Window(0.5, 0.5, 1.0)
        near = Window(0.5, 0.5, GENTLE_ZOOM) if gentle else _clamped(fx, fy, OVERSIZE)
        return Move(name, far, near) if name == ZOOM_IN else Move(name, near, far)
    horizontal = name in (PAN_LEFT, PAN_RIGHT)
    size = picture[0] if horizontal else picture[1]
    a, b = slide(fx if horizontal else fy, size, frames)
    if horizontal:
        start, end = _clamped(a, fy, OVERSIZE), _clamped(b, fy, OVERSIZE)
    else:
        start, end = _clamped(fx, a, OVERSIZE), _clamped(fx, b, OVERSIZE)
    forward = name in (PAN_RIGHT, PAN_DOWN)
    return Move(name, start, end) if forward else Move(name, end, start)


def slide(focal: float, size: int, frames: int) -> tuple[float, float]:
    """Where a pan along one axis of `size` pixels starts and ends (window centres, as
    fractions of `size`), travelling around the focal point.

    At 1:1 a pan of 2 px a frame (1 px in the half-size chroma) needs no resampling at all:
    each frame is a crop, perfectly even and ~100x cheaper than a sub-pixel resize. A scene
    too long for that pans at 1 px a frame; past that, it glides over the whole margin at a
    sub-pixel speed.
    """
    window = round(size / OVERSIZE)
    margin = size - window
    steps = max(1, frames - 1)
    speed = next((v for v in (2, 1) if v * steps <= margin), margin / steps)
    travel = speed * steps
    first = min(max(focal * size - window / 2 - travel / 2, 0.0), margin - travel)
    if speed >= 1:
        first = float(int(first) // 2 * 2)  # even, so the chroma lands on whole pixels too
    return (first + window / 2) / size, (first + travel + window / 2) / size


def _clamped(cx: float, cy: float, zoom: float) -> Window:
    """Keep the window inside the picture."""
    half = 0.5 / zoom
    return Window(min(max(cx, half), 1 - half), min(max(cy, half), 1 - half), zoom)


@dataclass(frozen=True)
class Timeline:
    frame_count: int
    crossfade: int
    spans: tuple[SegmentSpan, ...]

    def active(self, frame: int) -> list[tuple[int, float]]:
        """The spans showing at `frame` with their weights (one, or two in a crossfade)."""
        shown = [i for i, s in enumerate(self.spans) if s.first <= frame <= s.last]
        if len(shown) == 1:
            return [(shown[0], 1.0)]
        leaving, coming = shown[0], shown[1]
        # Weights strictly between 0 and 1, so no crossfade frame repeats a solo frame.
        weight = (frame - self.spans[coming].first + 1) / (self.crossfade + 1)
        return [(leaving, 1.0 - weight), (coming, weight)]

    def progress(self, index: int, frame: int) -> float:
        span = self.spans[index]
        return (frame - span.first) / max(1, span.last - span.first)


def plan_timeline(
    scene_count: int, moves: list[str], duration: float, fps: int, card: bool
) -> Timeline:
    """Share `duration` between the scenes and the card; neighbours overlap by a crossfade."""
    total = round(duration * fps)
    segments = scene_count + (1 if card else 0)
    card_frames = round(_card_seconds(duration) * fps) if card else 0
    min_scene = math.ceil(MIN_SCENE_SECONDS * fps)
    fade = round(CROSSFADE_SECONDS * fps) if segments > 1 else 0
    scene_total = total - card_frames + fade * (segments - 1)
    if scene_total < scene_count * min_scene:
        room = total - card_frames + fade * (segments - scene_count - 1)
        most = room // (min_scene - fade)
        raise RenderError(
            "too_many_images",
            f"{scene_count} images do not fit in {duration:g} s (each needs at least "
            f"{MIN_SCENE_SECONDS:g} s); use at most {max(1, most)} or a longer video",
        )
    # A crossfade never takes more than a third of the shortest segment.
    shortest = min([scene_total // scene_count] + ([card_frames] if card else []))
    fade = min(fade, shortest // 3)
    scene_total = total - card_frames + fade * (segments - 1)
    base, extra = divmod(scene_total, scene_count)
    lengths = [base + (1 if i < extra else 0) for i in range(scene_count)]
    if card:
        lengths.append(card_frames)
    spans = []
    first = 0
    for index, length in enumerate(lengths):
        is_card = card and index == scene_count
        last = first + length - 1
        solo_first = first + (fade if index > 0 else 0)
        solo_last = last - (fade if index < segments - 1 else 0)
        spans.append(
            SegmentSpan(
                kind="card" if is_card else "scene",
                index=0 if is_card else index,
                first=first,
                last=last,
                solo=(solo_first, solo_last),
                motion=STILL if is_card else moves[index],
            )
        )
        first = last + 1 - fade
    return Timeline(frame_count=total, crossfade=fade, spans=tuple(spans))


def _card_seconds(duration: float) -> float:
    return min(MAX_CARD_SECONDS, max(MIN_CARD_SECONDS, duration * CARD_SHARE))
