"""Designed backgrounds in brand colours, for creatives without a photo (never a blank).

They depend only on the palette and the size, so each is drawn once per brand and copied
for every post; shapes are drawn at twice the size and scaled down for smooth edges.
"""

from __future__ import annotations

import zlib
from functools import lru_cache

from PIL import Image, ImageDraw

from postloom.render import caches
from postloom.render.color import BLACK, RGB, WHITE, Palette, contrast, luminance, mix

GRADIENT = "gradient"
SOFT = "soft"
_SUPERSAMPLE = 2


def brand_background(palette: Palette, size: tuple[int, int], variant: str) -> Image.Image:
    """A fresh copy of the brand background (callers draw on it)."""
    return _cached(palette, size, variant).copy()


def shared_background(palette: Palette, size: tuple[int, int], variant: str) -> Image.Image:
    """The cached background itself, to paste from without a copy. Never draw on it."""
    return _cached(palette, size, variant)


# Up to 6 MB each (a story): enough for the brands one worker serves in a row.
@caches.register
@lru_cache(maxsize=16)
def _cached(palette: Palette, size: tuple[int, int], variant: str) -> Image.Image:
    if variant == SOFT:
        base = Image.new("RGB", size, palette.light)
        return _with_shapes(base, _shapes(palette.light, palette.primary, 0.1), variant)
    start, end = bold_ends(palette)
    # Shapes move away from the text colour (darker on a dark ground, lighter on a light
    # one), so they add depth without ever taking contrast from the words.
    deeper = palette.dark if luminance(start) < 0.3 else WHITE
    base = diagonal_gradient(size, start, end)
    return _with_shapes(base, _shapes(start, deeper, 0.35), variant)


def bold_ends(palette: Palette) -> tuple[RGB, RGB]:
    """Gradient ends that both read with the same text colour (white or black) at 4.5:1."""
    primary = palette.primary
    if contrast(WHITE, primary) >= 4.5:
        return primary, mix(primary, palette.dark, 0.45)
    if contrast(BLACK, primary) >= 4.5:
        return primary, mix(primary, WHITE, 0.45)
    start = primary
    while contrast(WHITE, start) < 4.5:
        start = mix(start, palette.dark, 0.2)
    return start, mix(start, palette.dark, 0.45)


def diagonal_gradient(size: tuple[int, int], start: RGB, end: RGB) -> Image.Image:
    """Top-left `start` to bottom-right `end`, built small and scaled (it is smooth anyway)."""
    small_w, small_h = 48, max(2, round(48 * size[1] / size[0]))
    mask = Image.new("L", (small_w, small_h))
    span = small_w + small_h - 2
    mask.putdata([round(255 * (x + y) / span) for y in range(small_h) for x in range(small_w)])
    mask = mask.resize(size, Image.Resampling.BILINEAR)
    return Image.composite(Image.new("RGB", size, end), Image.new("RGB", size, start), mask)


Shape = tuple[float, float, float, RGB, int]
"""centre x, centre y, radius (fractions of the width), colour, alpha."""


def _shapes(base: RGB, toward: RGB, amount: float) -> list[Shape]:
    tone = mix(base, toward, amount)
    return [
        (0.92, 0.06, 0.36, tone, 255),
        (0.04, 0.96, 0.44, tone, 160),
        (0.80, 0.72, 0.12, tone, 110),
    ]


def _with_shapes(base: Image.Image, shapes: list[Shape], variant: str) -> Image.Image:
    width, height = base.size
    big = (width * _SUPERSAMPLE, height * _SUPERSAMPLE)
    layer = Image.new("RGBA", big, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    # A small, stable shift per variant so different layouts do not look stamped out.
    shift = (zlib.crc32(variant.encode()) % 7 - 3) / 100
    for cx, cy, radius, color, alpha in shapes:
        x, y, r = (cx + shift) * big[0], cy * big[1], radius * big[0]
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(*color, alpha))
    layer = layer.resize((width, height), Image.Resampling.LANCZOS)
    result = base.convert("RGBA")
    result.alpha_composite(layer)
    return result.convert("RGB")
