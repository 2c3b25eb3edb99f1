"""Where the renderer reaches below Pillow's public API, kept in one place.

Pillow is pinned to 13.0 and tests check both against the public calls they stand for.
"""

from __future__ import annotations

from PIL import Image


def wrap(core: Image.core.ImagingCore) -> Image.Image:
    """An Image around a core image Pillow handed over (as `getmask2` does)."""
    return Image.Image()._new(core)


def point(image: Image.Image, table: list[int]) -> Image.Image:
    """`image.point(table)` for a table of whole numbers. Pillow's own first rounds every
    entry in Python, 768 of them for an RGB table, which costs more than the lookup itself
    on a small image; a cached table is already whole."""
    image.load()
    return image._new(image.im.point(table, None))
