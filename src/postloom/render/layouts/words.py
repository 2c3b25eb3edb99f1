"""Layouts led by words: a customer's quote and a list of tips."""

from __future__ import annotations

from functools import lru_cache

from PIL import Image, ImageDraw

from postloom.render import backgrounds, caches
from postloom.render.fonts import load
from postloom.render.kit import Box
from postloom.render.layouts.frame import GAP, Frame
from postloom.render.layouts.parts import (
    brand_mark,
    fill_photo,
    left_half,
    number_disc,
    paint_background,
    shade,
)
from postloom.render.layouts.text import Piece, fit, paint, pill, stack
from postloom.render.photo import fit_photo
from postloom.render.textdraw import fill_text
from postloom.render.textruns import upper

MAX_ITEMS = 6
AVATAR = 168


def quote(frame: Frame) -> None:
    """A testimonial on a calm brand background, with the customer's photo as an avatar."""
    c = frame.content
    paint_background(frame, (0, 0, frame.width, frame.height), backgrounds.SOFT)
    _quote_mark(frame, (c[0] - 8, c[1] - 40))
    footer_top = c[3] - AVATAR
    _attribution(frame, (c[0], footer_top, c[2], c[3]))
    region = (c[0], c[1] + 170, c[2], footer_top - GAP * 2)
    stack(frame, [Piece("quote", frame.creative.quote or frame.creative.headline)], region,
          "left", "middle")  # fmt: skip
    brand_mark(frame, (c[0], c[1], c[2], c[1] + 96), "right")


def _quote_mark(frame: Frame, at: tuple[int, int]) -> None:
    # Decorative: a large opening quote in the accent colour; it carries no words.
    face, size = frame.typography.heading, 280
    baseline = at[1] + load(face, size).getmetrics()[0]
    fill_text(frame.canvas, (at[0], baseline), "\u201c", face, size, None, frame.palette.accent)


def _attribution(frame: Frame, region: Box) -> None:
    left = region[0]
    if frame.creative.photo is not None:
        avatar = fit_photo(frame.creative.photo, (AVATAR, AVATAR), frame.creative.focal_point)
        frame.canvas.paste(avatar.convert("RGB"), region[:2], _circle_mask(AVATAR))
        left += AVATAR + GAP
    text = frame.creative.attribution
    if text and not text.startswith(("—", "-")):
        text = f"— {text}"
    stack(frame, [Piece("attribution", text)], (left, region[1], region[2], region[3]),
          "left", "middle")  # fmt: skip


@caches.register
@lru_cache(maxsize=8)
def _circle_mask(diameter: int) -> Image.Image:
    big = Image.new("L", (diameter * 4, diameter * 4), 0)
    ImageDraw.Draw(big).ellipse((0, 0, diameter * 4 - 1, diameter * 4 - 1), fill=255)
    return big.resize((diameter, diameter), Image.Resampling.LANCZOS)


def tips(frame: Frame) -> None:
    """A header with the topic, then numbered tips that share one type size."""
    c = frame.content
    header_bottom = c[1] + (300 if frame.is_square else 380)
    header = (0, 0, frame.width, header_bottom)
    if fill_photo(frame, header):
        shade(frame, header, frame.palette.dark, 0.85)
    else:
        ImageDraw.Draw(frame.canvas).rectangle(
            (0, 0, frame.width - 1, header_bottom - 1), fill=frame.palette.primary
        )
    body = (0, header_bottom, frame.width - 1, frame.height - 1)
    ImageDraw.Draw(frame.canvas).rectangle(body, fill=frame.palette.light)
    top_row = (c[0], c[1], c[2], c[1] + 72)
    label = upper(frame.creative.eyebrow, frame.kit.language)
    pill(frame, "eyebrow", label, left_half(top_row), "left", frame.palette.accent)
    brand_mark(frame, top_row, "right")
    headline = (c[0], c[1] + 72 + GAP, c[2], header_bottom - GAP * 2)
    stack(frame, [Piece("headline", frame.creative.headline, max_size=92, max_lines=3)],
          headline, "left", "middle")  # fmt: skip
    _items(frame, (c[0], header_bottom + GAP * 2, c[2], c[3]))


def _items(frame: Frame, region: Box) -> None:
    items = [item for item in frame.creative.items if item.strip()][:MAX_ITEMS]
    if not items:
        return
    row = min(220, (region[3] - region[1] + GAP) // len(items) - GAP)
    disc = min(76, row)
    text_left = region[0] + disc + GAP
    width = region[2] - text_left
    pieces = [Piece("item", item, max_lines=3) for item in items]
    sizes = [b.size for b in (fit(frame, piece, width, row) for piece in pieces) if b is not None]
    if not sizes:
        return
    # One size for the whole list, the largest every item fits at, so it reads as a list.
    common = min(sizes)
    top = region[1]
    for number, piece in enumerate(pieces, start=1):
        block = fit(frame, Piece("item", piece.text, max_size=common, max_lines=3), width, row)
        number_disc(frame, number, (region[0], top, region[0] + disc, top + disc))
        if block is not None:
            paint(frame, "item", block, (text_left, top), width, "left", region=region)
        top += row + GAP
