"""The inner slides of a carousel: one point per slide, numbered, with progress marks."""

from __future__ import annotations

from PIL import ImageDraw

from postloom.render import backgrounds
from postloom.render.layouts.frame import GAP, Frame
from postloom.render.layouts.parts import (
    arrow,
    brand_mark,
    dots,
    paint_background,
    place_photo,
    start_photo,
)
from postloom.render.layouts.text import (
    Piece,
    arrange,
    draw_arrangement,
    fit,
    paint,
)
from postloom.render.textfit import TextBlock

CUE = 56


def carousel_slide(frame: Frame) -> None:
    c = frame.content
    creative = frame.creative
    paint_background(frame, (0, 0, frame.width, frame.height), backgrounds.SOFT)
    photo_bottom = round(frame.height * (0.42 if frame.is_square else 0.45))
    photo_box = (0, 0, frame.width, photo_bottom)
    decoding = start_photo(frame, photo_box)
    text_top = c[1] if decoding is None else max(c[1], photo_bottom + GAP * 2)
    number_region = (c[0], text_top, c[2] // 2, text_top + 150)
    number = _fit_slide_number(frame, number_region)
    number_top = text_top + (number.height if number is not None else 0)
    pieces = [
        Piece("headline", creative.headline, 0.45, max_size=84, max_lines=3),
        Piece("body", creative.body, 0.55, max_lines=7),
    ]
    words = arrange(frame, pieces, (c[0], number_top + GAP, c[2], c[3] - CUE - GAP), "left")
    if decoding is not None:
        # Everything else is below the photo: drawn, and written out, while it decodes.
        ImageDraw.Draw(frame.canvas).rectangle(
            (0, photo_bottom, frame.width - 1, photo_bottom + 9), fill=frame.palette.accent
        )
    else:
        brand_mark(frame, (c[0], c[1], c[2], c[1] + 80), "right")
    if number is not None:
        candidates = frame.text_candidates(frame.palette.accent, frame.palette.primary)
        width = number_region[2] - number_region[0]
        paint(frame, "slide_number", number, number_region[:2], width, "left", candidates)
    if words is not None:  # the progress marks go below the words
        draw_arrangement(frame, words, sealing=decoding is None)
    _progress(frame)
    if decoding is not None:
        frame.seal_while(photo_bottom, frame.height, decoding)
        place_photo(frame, photo_box, decoding, backgrounds.SOFT)


def _fit_slide_number(frame: Frame, region: tuple[int, int, int, int]) -> TextBlock | None:
    """The slide's number ("02"), to be drawn large in the accent colour at the top of
    `region`; the text starts below it."""
    text = f"{frame.creative.slide_index:02d}"
    width, height = region[2] - region[0], region[3] - region[1]
    return fit(frame, Piece("slide_number", text), width, height)


def _progress(frame: Frame) -> None:
    c = frame.content
    creative = frame.creative
    ink = frame.palette.primary
    middle = c[3] - CUE // 2
    dots(frame, creative.slide_index, creative.slide_count, (frame.width // 2, middle), ink)
    if creative.slide_index < creative.slide_count:
        arrow(frame, (c[2] - 96, c[3] - CUE, c[2], c[3]), ink)
