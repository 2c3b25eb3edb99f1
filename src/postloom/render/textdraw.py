"""Drawing a fitted text block: runs of brand font, fallback fonts and emoji on one baseline.

Each run is rasterised once into a coverage mask and filled through it in the text colour.
Masks are cached by (face, size, text, language): a brand's name, its call to action and a
list's numbers recur in every post, and FreeType rendering is the dearest part of text. The
mask is the same one ImageDraw.text would blend with, so the pixels are identical.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from PIL import Image

from postloom.render import caches, emoji, pillow
from postloom.render.color import RGB
from postloom.render.fonts import FontFace, load
from postloom.render.kit import Box
from postloom.render.textfit import Line, TextBlock
from postloom.render.textruns import Run, emoji_clusters

LEFT, CENTER, RIGHT = "left", "center", "right"


def line_offsets(block: TextBlock, width: int, align: str) -> list[int]:
    """Each line's x offset inside a box `width` wide."""
    if align == LEFT and block.rtl:
        align = RIGHT  # "start" for a right-to-left text is the right edge
    offsets = []
    for line in block.lines:
        free = width - round(line.width)
        offsets.append(0 if align == LEFT else free if align == RIGHT else free // 2)
    return offsets


def block_box(block: TextBlock, x: int, y: int, width: int, align: str) -> Box:
    """The area the block's line boxes cover when placed at (x, y) in a box `width` wide."""
    offsets = line_offsets(block, width, align)
    left = x + min(offsets)
    right = x + max(o + round(line.width) for o, line in zip(offsets, block.lines, strict=True))
    return (left, y, right, y + block.height)


def draw_block(
    canvas: Image.Image, block: TextBlock, x: int, y: int, width: int, align: str, color: RGB
) -> None:
    offsets = line_offsets(block, width, align)
    for index, (line, offset) in enumerate(zip(block.lines, offsets, strict=True)):
        baseline = y + block.ascent + index * block.line_advance
        _draw_line(canvas, block, line, x + offset, baseline, color)


def prepare(block: TextBlock) -> None:
    """Rasterise the block's runs into the caches now, before there is a canvas to draw on
    (while the photo decodes); drawing it then only blends."""
    for line in block.lines:
        for run in line.runs:
            if run.face is None:
                for cluster in emoji_clusters(run.text):
                    emoji.bitmap(cluster, block.size)
            else:
                run_mask(run.face, block.size, _drawn_text(block, run), block.language)


def _draw_line(
    canvas: Image.Image, block: TextBlock, line: Line, x: int, baseline: int, color: RGB
) -> None:
    pairs = list(zip(line.runs, line.run_widths, strict=True))
    if block.rtl:
        # Runs are in reading order; a right-to-left line shows the first one rightmost.
        pairs.reverse()
    cursor = float(x)
    for run, run_width in pairs:
        if run.face is None:
            _draw_emoji(canvas, run.text, round(cursor), baseline, block.size)
        else:
            fill_text(canvas, (round(cursor), baseline), _drawn_text(block, run), run.face,
                      block.size, block.language, color)  # fmt: skip
        cursor += run_width


def _drawn_text(block: TextBlock, run: Run) -> str:
    return run.text[::-1] if block.rtl and _only_neutrals(run.text) else run.text


def fill_text(
    canvas: Image.Image,
    origin: tuple[int, int],
    text: str,
    face: FontFace,
    size: int,
    language: str | None,
    color: RGB,
) -> None:
    """Draw one run with its baseline's left end at `origin`, as ImageDraw.text(anchor="ls")."""
    found = run_mask(face, size, text, language)
    if found is not None:
        (left, top), mask = found
        # Pasting a flat image through the mask is the same blend as filling a colour
        # through it, and Pillow does it about twice as fast.
        ink = Image.new(canvas.mode, mask.size, color)
        canvas.paste(ink, (origin[0] + left, origin[1] + top), mask)


# A line mask is its width x height in bytes (~100 kB for a big headline line).
@caches.register
@lru_cache(maxsize=256)
def run_mask(
    face: FontFace, size: int, text: str, language: str | None
) -> tuple[tuple[int, int], Image.Image] | None:
    """The run's coverage mask and where its top-left sits from the baseline origin."""
    # getmask2 is what ImageDraw.text draws with (at a whole-pixel origin, as here): one
    # shaping and rendering pass, where measuring the box first and drawing shaped twice.
    mask, offset = load(face, size).getmask2(text, "L", anchor="ls", language=language)
    width, height = mask.size
    if width <= 0 or height <= 0:
        return None
    return (offset[0], offset[1]), pillow.wrap(mask)


def _only_neutrals(text: str) -> bool:
    """Spaces and punctuation only: in a right-to-left line they read right to left too."""
    return all(unicodedata.category(char)[0] in "ZPS" for char in text)


def _draw_emoji(canvas: Image.Image, text: str, x: int, baseline: int, size: int) -> None:
    step = emoji.advance(size)
    top = baseline - emoji.metrics(size)[0]
    for index, cluster in enumerate(emoji_clusters(text)):
        bitmap = emoji.bitmap(cluster, size)
        if bitmap is not None:
            canvas.paste(bitmap, (round(x + index * step), top), bitmap)
