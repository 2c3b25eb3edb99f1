"""The brand logo, decoded and scaled once per brand and size."""

from __future__ import annotations

from functools import lru_cache

from PIL import Image

from postloom.render import caches, photo


@caches.register
@lru_cache(maxsize=32)
def logo_image(data: bytes, max_width: int, max_height: int) -> Image.Image:
    """The logo as RGBA, fitted inside max_width x max_height (never enlarged past 2x)."""
    image = photo.load(photo.open_image(data, "logo"), "logo").convert("RGBA")
    bbox = image.getchannel("A").getbbox()
    if bbox:
        # Logos often come with wide transparent margins; trim them so the mark sizes right.
        image = image.crop(bbox)
    scale = min(max_width / image.width, max_height / image.height, 2.0)
    target = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    return image.resize(target, Image.Resampling.LANCZOS)
