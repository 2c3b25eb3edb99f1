"""Pixel-by-pixel operations on a canvas, run on two threads by splitting it into two bands.

An operation (a tint, a fade) changes each pixel from that pixel alone, so applying it to
the rows above a line and, at the same time, to the rows below gives the pixels it gives in
one go. Several operations are applied in their order within each band, which is also what
applying them one after the other gives. Pillow's point, crop and paste release the GIL.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PIL import Image

from postloom.render import background
from postloom.render.kit import Box

Work = Callable[[Image.Image, Box], None]
"""Applies an operation to one box of the canvas (a band of the operation's box)."""

# Below this a second thread costs more (waking it, ~0.1-0.3 ms) than half the work saves.
SPLIT_FROM_PIXELS = 300_000


def apply(canvas: Image.Image, operations: Sequence[tuple[Box, Work]]) -> None:
    """Apply each (box, work) to the canvas in order, in two bands of rows at once."""
    total = sum(_area(box) for box, _ in operations)
    if total < SPLIT_FROM_PIXELS:
        for box, work in operations:
            if _area(box):
                work(canvas, box)
        return
    line = _balancing_row(operations, total)
    background.both(
        lambda: _apply_rows(canvas, operations, (0, line)),
        lambda: _apply_rows(canvas, operations, (line, canvas.height)),
    )


def _apply_rows(canvas: Image.Image, operations: Sequence[tuple[Box, Work]],
                rows: tuple[int, int]) -> None:  # fmt: skip
    for (left, top, right, bottom), work in operations:
        band = (left, max(top, rows[0]), right, min(bottom, rows[1]))
        if _area(band):
            work(canvas, band)


def _balancing_row(operations: Sequence[tuple[Box, Work]], total: int) -> int:
    """The row with as many of the operations' pixels above it as below."""
    low = min(box[1] for box, _ in operations)
    high = max(box[3] for box, _ in operations)
    while low < high:
        middle = (low + high) // 2
        above = sum(_area((b[0], b[1], b[2], min(b[3], middle))) for b, _ in operations)
        if 2 * above < total:
            low = middle + 1
        else:
            high = middle
    return low


def _area(box: Box) -> int:
    return max(0, box[2] - box[0]) * max(0, box[3] - box[1])
