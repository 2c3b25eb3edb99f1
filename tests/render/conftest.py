"""Photos and kits the render tests share; everything is made in memory, nothing fetched."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageDraw

from postloom.render import BrandKit
from postloom.render.color import LINEAR


def jpeg_bytes(image: Image.Image, **save: object) -> bytes:
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, "JPEG", quality=90, **save)
    return buffer.getvalue()


def photo(kind: str, size: tuple[int, int] = (1080, 1350)) -> bytes:
    """A synthetic photo: 'light', 'dark', 'busy' (black/white checks, the hardest case for
    text) or 'scene' (coloured shapes on a gradient, like a product shot)."""
    if kind == "light":
        image = Image.new("RGB", size, (244, 241, 236))
        ImageDraw.Draw(image).ellipse((200, 300, 900, 1000), fill=(226, 214, 200))
    elif kind == "dark":
        image = Image.new("RGB", size, (18, 20, 26))
        ImageDraw.Draw(image).ellipse((200, 300, 900, 1000), fill=(48, 40, 36))
    elif kind == "busy":
        image = Image.new("RGB", size, (255, 255, 255))
        draw = ImageDraw.Draw(image)
        for y in range(0, size[1], 60):
            for x in range((y // 60) % 2 * 60, size[0], 120):
                draw.rectangle((x, y, x + 59, y + 59), fill=(0, 0, 0))
    else:
        image = Image.linear_gradient("L").resize(size).convert("RGB")
        draw = ImageDraw.Draw(image)
        draw.ellipse((300, 400, 800, 900), fill=(200, 60, 40))
        draw.rectangle((100, 100, 400, 300), fill=(30, 140, 220))
    return jpeg_bytes(image)


def luminances(image: Image.Image) -> list[float]:
    """WCAG relative luminance of each pixel, averaged over 4 px blocks (sorted)."""
    small = image.convert("RGB").reduce(4) if min(image.size) >= 8 else image.convert("RGB")
    values: list[float] = []
    for count, pixel in small.getcolors(small.width * small.height) or []:
        assert isinstance(pixel, tuple)
        r, g, b = pixel[:3]
        lum = 0.2126 * LINEAR[r] + 0.7152 * LINEAR[g] + 0.0722 * LINEAR[b]
        values.extend([lum] * count)
    return sorted(values)


@pytest.fixture
def kit() -> BrandKit:
    return BrandKit(
        name="Zorbey Cafe",
        colors=("#7a1f1f", "#f4e3c1"),
        fonts=("Playfair Display", "Lato"),
        language="tr",
    )
