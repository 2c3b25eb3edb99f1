"""What a caller hands the reel renderer and what it gets back, and the limits it keeps.

The limits are the stricter of Instagram Reels and TikTok (see `platform-apis.md`): both take
H.264 in MP4 at 23-60 fps; Instagram wants the moov atom first, no edit lists, closed GOPs,
4:2:0, AAC audio at 48 kHz or less, and a JPEG cover of at most 8 MB.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from postloom.render.kit import Box, BrandKit, TextBox

WIDTH, HEIGHT = 1080, 1920
MIN_SECONDS, MAX_SECONDS = 5.0, 30.0
MIN_FPS, MAX_FPS = 24, 60
DEFAULT_FPS = 30
# Instagram's profile row and TikTok's tabs cover the top; the caption, the sound and the
# reply bar the bottom; TikTok's like/comment/share column the right (120-180 px in the
# guides). Text and logos stay inside SAFE; photos run under all of it.
UNSAFE_TOP, UNSAFE_BOTTOM, UNSAFE_RIGHT, MARGIN_LEFT = 250, 340, 150, 72
SAFE: Box = (MARGIN_LEFT, UNSAFE_TOP, WIDTH - UNSAFE_RIGHT, HEIGHT - UNSAFE_BOTTOM)

COVER, CONTAIN = "cover", "contain"


@dataclass(frozen=True)
class ReelScene:
    """One still of the reel: a product photo, or a rendered creative.

    `fit` "cover" fills the frame, cropping around `focal_point` (fractions of the width and
    height); "contain" shows the whole picture on a blurred copy of itself, for creatives
    whose edges carry text. A PNG or WebP cutout with transparency stands on the brand's
    background either way.
    """

    image: bytes = field(repr=False)
    headline: str = ""
    focal_point: tuple[float, float] = (0.5, 0.5)
    fit: str = COVER


@dataclass(frozen=True)
class ReelRequest:
    """A reel (or TikTok video): the scenes in order, then an optional closing card.

    The card shows `cta` (the call to action) with `cta_detail` (a handle, an address,
    "link in bio") under it on the brand's background. `seed` picks each scene's camera
    move; the same request always gives the same video.
    """

    scenes: tuple[ReelScene, ...]
    kit: BrandKit
    duration: float = 15.0
    cta: str = ""
    cta_detail: str = ""
    fps: int = DEFAULT_FPS
    seed: int = 0


@dataclass(frozen=True)
class SegmentSpan:
    """Where one scene (or the card) plays, in frames; `last` is inclusive.

    Neighbouring spans overlap by the crossfade; `solo` is the part no other span shares.
    """

    kind: str
    """"scene" or "card" """
    index: int
    first: int
    last: int
    solo: tuple[int, int]
    motion: str


@dataclass(frozen=True)
class VideoResult:
    mp4: bytes = field(repr=False)
    cover_jpeg: bytes = field(repr=False)
    width: int
    height: int
    fps: int
    frame_count: int
    segments: tuple[SegmentSpan, ...]
    text_boxes: tuple[TextBox, ...]

    @property
    def duration(self) -> float:
        return self.frame_count / self.fps
