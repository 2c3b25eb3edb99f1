"""Layouts led by words: a customer's quote and a list of tips."""

from __future__ import annotations

from concurrent.futures import Future
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image, ImageDraw

from postloom.render import background, backgrounds, caches
from postloom.render.fonts import load
from postloom.render.kit import Box
from postloom.render.layouts.frame import GAP, Frame
from postloom.render.layouts.parts import (
    brand_mark,
    left_half,
    number_disc,
    paint_background,
    place_photo,
    shade,
    start_photo,
)
from postloom.render.layouts.text import (
    Piece,
    arrange,
    draw_arrangement,
    draw_pill,
    drawn_from,
    fit,
    paint,
    plan_pill,
)
from postloom.render.photo import fit_opened, open_photo
from postloom.render.textdraw import fill_text, prepare
from postloom.render.textfit import TextBlock
from postloom.render.textruns import upper

MAX_ITEMS = 6
AVATAR = 168


def quote(frame: Frame) -> None:
    """A testimonial on a calm brand background, with the customer's photo as an avatar."""
    c = frame.content
    footer_top = c[3] - AVATAR
    avatar = _start_avatar(frame)
    words_left = c[0] + (AVATAR + GAP if avatar is not None else 0)
    attribution = arrange(frame, [Piece("attribution", _attribution_text(frame))],
                          (words_left, footer_top, c[2], c[3]), "left", "middle")  # fmt: skip
    region = (c[0], c[1] + 170, c[2], footer_top - GAP * 2)
    said = arrange(frame, [Piece("quote", frame.creative.quote or frame.creative.headline)],
                   region, "left", "middle")  # fmt: skip
    paint_background(frame, (0, 0, frame.width, frame.height), backgrounds.SOFT)
    _quote_mark(frame, (c[0] - 8, c[1] - 40))
    # The brand's row is above the quote's region.
    brand_mark(frame, (c[0], c[1], c[2], c[1] + 96), "right")
    if said is not None:  # above the attribution and the avatar beside it
        draw_arrangement(frame, said, sealing=True)
    if attribution is not None:
        # The avatar may reach higher than the attribution's words: seal above both.
        frame.seal(0, min(footer_top, drawn_from(attribution) or footer_top))
        draw_arrangement(frame, attribution)
    if avatar is not None:
        # Last, so that everything above is drawn while it decodes; nothing else is drawn
        # where it goes, not even the attribution's scrim, which keeps a gap from it.
        frame.canvas.paste(avatar.result().convert("RGB"), (c[0], footer_top),
                           _circle_mask(AVATAR))  # fmt: skip


def _quote_mark(frame: Frame, at: tuple[int, int]) -> None:
    # Decorative: a large opening quote in the accent colour; it carries no words.
    face, size = frame.typography.heading, 280
    baseline = at[1] + load(face, size).getmetrics()[0]
    fill_text(frame.canvas, (at[0], baseline), "\u201c", face, size, None, frame.palette.accent)


def _start_avatar(frame: Frame) -> Future[Image.Image] | None:
    data, focal = frame.creative.photo, frame.creative.focal_point
    if data is None:
        return None
    size = (AVATAR, AVATAR)
    return background.start_prepared(
        lambda: open_photo(data, size), lambda opened: fit_opened(opened, size, focal)
    )


def _attribution_text(frame: Frame) -> str:
    text = frame.creative.attribution
    if text and not text.startswith(("—", "-")):
        text = f"— {text}"
    return text


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
    decoding = start_photo(frame, header)
    top_row = (c[0], c[1], c[2], c[1] + 72)
    label = upper(frame.creative.eyebrow, frame.kit.language)
    chip = plan_pill(frame, "eyebrow", label, left_half(top_row), "left")
    headline = arrange(frame, [Piece("headline", frame.creative.headline, max_size=92,
                       max_lines=3)], (c[0], c[1] + 72 + GAP, c[2], header_bottom - GAP * 2),
                       "left", "middle")  # fmt: skip
    items = _plan_items(frame, (c[0], header_bottom + GAP * 2, c[2], c[3]))
    # The list below the header is drawn, and written out, while the photo decodes.
    body = (0, header_bottom, frame.width - 1, frame.height - 1)
    ImageDraw.Draw(frame.canvas).rectangle(body, fill=frame.palette.light)
    if items is not None:
        _draw_items(frame, items)
    if decoding is not None:
        frame.seal_while(header_bottom, frame.height, decoding)
    else:
        frame.seal(header_bottom, frame.height)
    if place_photo(frame, header, decoding, backgrounds.GRADIENT):
        shade(frame, header, frame.palette.dark, 0.85)
    else:
        ImageDraw.Draw(frame.canvas).rectangle(
            (0, 0, frame.width - 1, header_bottom - 1), fill=frame.palette.primary
        )
    if chip is not None:
        draw_pill(frame, chip, frame.palette.accent)
    brand_mark(frame, top_row, "right")
    if headline is not None:
        draw_arrangement(frame, headline)


@dataclass(frozen=True)
class _Items:
    region: Box
    row: int
    disc: int
    blocks: tuple[TextBlock | None, ...]


def _plan_items(frame: Frame, region: Box) -> _Items | None:
    items = [item for item in frame.creative.items if item.strip()][:MAX_ITEMS]
    if not items:
        return None
    row = min(220, (region[3] - region[1] + GAP) // len(items) - GAP)
    disc = min(76, row)
    width = region[2] - region[0] - disc - GAP
    pieces = [Piece("item", item, max_lines=3) for item in items]
    sizes = [b.size for b in (fit(frame, piece, width, row) for piece in pieces) if b is not None]
    if not sizes:
        return None
    # One size for the whole list, the largest every item fits at, so it reads as a list.
    common = min(sizes)
    blocks = []
    for piece in pieces:
        block = fit(frame, Piece("item", piece.text, max_size=common, max_lines=3), width, row)
        if block is not None:
            prepare(block)
        blocks.append(block)
    return _Items(region, row, disc, tuple(blocks))


def _draw_items(frame: Frame, items: _Items) -> None:
    region, row, disc = items.region, items.row, items.disc
    text_left = region[0] + disc + GAP
    width = region[2] - text_left
    top = region[1]
    for number, block in enumerate(items.blocks, start=1):
        number_disc(frame, number, (region[0], top, region[0] + disc, top + disc))
        if block is not None:
            paint(frame, "item", block, (text_left, top), width, "left", region=region)
        top += row + GAP
