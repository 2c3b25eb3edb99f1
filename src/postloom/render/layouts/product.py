"""Layouts that sell a product: the hero shot and the price promotion."""

from __future__ import annotations

from PIL import ImageDraw

from postloom.render import backgrounds
from postloom.render.layouts.frame import GAP, Frame
from postloom.render.layouts.parts import (
    brand_mark,
    draw_badge,
    draw_words,
    fill_photo,
    left_half,
    place_photo,
    plan_badge,
    plan_words,
    shade_top,
    shade_words,
    start_photo,
)
from postloom.render.layouts.text import (
    Arrangement,
    Piece,
    PillPlan,
    arrange,
    draw_arrangement,
    draw_pill,
    plan_pill,
    seal_outside,
)
from postloom.render.textruns import upper


def product_hero(frame: Frame) -> None:
    """The photo on top, a brand-colour panel with the words below, the price on a badge."""
    c = frame.content
    share = 0.56 if frame.is_square else 0.5 if frame.is_tall else 0.6
    photo_bottom = round(frame.height * share)
    photo_box = (0, 0, frame.width, photo_bottom)
    decoding = start_photo(frame, photo_box)
    diameter = 220 if frame.is_square else 250
    centre = (c[2] - diameter // 2, photo_bottom - diameter // 2 - 32)
    price = plan_badge(frame, frame.creative.price, centre, diameter)
    cta, words = _plan_panel_words(frame, (c[0], photo_bottom + 56, c[2], c[3]))
    # The panel and its words are drawn, and written out, while the photo decodes.
    _panel(frame, photo_bottom)
    if cta is not None:
        draw_pill(frame, cta, frame.palette.accent)
    if words is not None:
        draw_arrangement(frame, words, frame.text_candidates())
    if decoding is not None:
        frame.seal_while(photo_bottom, frame.height, decoding)
    else:
        frame.seal(photo_bottom, frame.height)
    if place_photo(frame, photo_box, decoding, backgrounds.GRADIENT):
        shade_top(frame, c[1] + 96 + GAP * 2)
    brand_mark(frame, (c[0], c[1], c[2], c[1] + 96))
    draw_badge(frame, price)  # on the photo, above the panel


def _panel(frame: Frame, top: int) -> None:
    draw = ImageDraw.Draw(frame.canvas)
    draw.rectangle((0, top, frame.width - 1, frame.height - 1), fill=frame.palette.primary)
    draw.rectangle((0, top, frame.width - 1, top + 11), fill=frame.palette.accent)


def _plan_panel_words(
    frame: Frame, region: tuple[int, int, int, int]
) -> tuple[PillPlan | None, Arrangement | None]:
    creative = frame.creative
    words = region
    cta = plan_pill(frame, "cta", creative.cta, region, "left", "bottom")
    if cta is not None:
        words = (region[0], region[1], region[2], cta.box[1] - GAP)
    pieces = [
        Piece("headline", creative.headline, 0.62, max_size=96, max_lines=3),
        Piece("body", creative.body, 0.38, max_lines=3),
    ]
    return cta, arrange(frame, pieces, words, "left")


def promotion(frame: Frame) -> None:
    """A sale: the photo (or brand background) full bleed, the price as the biggest words."""
    c = frame.content
    photo = fill_photo(frame, (0, 0, frame.width, frame.height), backgrounds.GRADIENT)
    creative, palette = frame.creative, frame.palette
    top_row = (c[0], c[1], c[2], c[1] + 96)
    region = (c[0], c[1] + 96 + GAP * 2, c[2], c[3])
    pieces = [
        Piece("headline", creative.headline, 0.34, max_size=104, max_lines=3),
        Piece("price", creative.price, 0.4, max_size=180, max_lines=1),
        Piece("body", creative.body, 0.26, max_lines=3),
    ]
    words = plan_words(frame, pieces, region, "left", "bottom")
    label = plan_pill(frame, "eyebrow", _label(frame), left_half(top_row), "left")
    if photo:
        shade_words(frame, words)
        shade_top(frame, region[1])  # above the words: it never meets them
    spans = (words.cta, words.arrangement)
    seal_outside(frame, top_row, *(part.box for part in spans if part is not None))
    # The top row (label and brand) is above the words' region.
    if label is not None:
        draw_pill(frame, label, palette.accent)
    brand_mark(frame, top_row, "right")
    draw_words(frame, words, photo)


def _label(frame: Frame) -> str:
    return upper(frame.creative.eyebrow, frame.kit.language)
