"""What a caller hands the renderer (a brand kit and a creative request) and what it gets back."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class CanvasSize:
    """An output size and the bands that Instagram covers with its own UI on that format."""

    name: str
    width: int
    height: int
    # Stories and reel covers put the profile row at the top and the reply bar at the bottom;
    # text and logos stay out of these bands. Backgrounds and photos may run under them.
    unsafe_top: int = 0
    unsafe_bottom: int = 0


FEED_PORTRAIT = CanvasSize("feed_portrait", 1080, 1350)
SQUARE = CanvasSize("square", 1080, 1080)
STORY = CanvasSize("story", 1080, 1920, unsafe_top=250, unsafe_bottom=340)
SIZES: dict[str, CanvasSize] = {s.name: s for s in (FEED_PORTRAIT, SQUARE, STORY)}


@dataclass(frozen=True)
class BrandKit:
    """The brand as the renderer needs it.

    `colors` are hex strings, most important first. `fonts` are the family names the brand
    uses (headings first, body second); they are matched to a bundled font of the same style.
    `language` is a BCP 47 code ("en", "id", "tr") used for shaping and upper-casing.
    """

    name: str
    colors: tuple[str, ...] = ()
    fonts: tuple[str, ...] = ()
    logo: bytes | None = field(default=None, repr=False)
    language: str = "en"


@dataclass(frozen=True)
class Creative:
    """One still image to render. Fields a layout does not use are ignored; empty ones skipped.

    `focal_point` is where the subject of the photo is, as fractions of its width and height;
    cropping keeps it in view. `slide_index` counts from 1.
    """

    layout: str
    size: str = FEED_PORTRAIT.name
    headline: str = ""
    body: str = ""
    eyebrow: str = ""
    price: str = ""
    cta: str = ""
    items: tuple[str, ...] = ()
    quote: str = ""
    attribution: str = ""
    photo: bytes | None = field(default=None, repr=False)
    focal_point: tuple[float, float] = (0.5, 0.5)
    slide_index: int = 1
    slide_count: int = 1


Box = tuple[int, int, int, int]
"""left, top, right, bottom in canvas pixels (right and bottom exclusive)."""


@dataclass(frozen=True)
class TextBox:
    """Where one piece of text went, for tests and for previews that outline text."""

    role: str
    lines: tuple[str, ...]
    box: Box
    region: Box
    font_family: str
    font_weight: int
    italic: bool
    font_size: int
    color: str
    contrast: float
    min_contrast: float
    truncated: bool


@dataclass(frozen=True)
class RenderResult:
    jpeg: bytes = field(repr=False)
    width: int
    height: int
    text_boxes: tuple[TextBox, ...]
