"""The inner slides of a carousel: one point per slide, numbered, with progress marks."""

from __future__ import annotations

from PIL import ImageDraw

from postloom.render import backgrounds
from postloom.render.layouts.frame import GAP, Frame
from postloom.render.layouts.parts import arrow, brand_mark, dots, fill_photo, paint_background
from postloom.render.layouts.text import Piece, fit, paint, stack

CUE = 56


def carousel_slide(frame: Frame) -> None:
    c = frame.content
    creative = frame.creative
    paint_background(frame, (0, 0, frame.width, frame.height), backgrounds.SOFT)
    text_top = c[1]
    if creative.photo is not None:
        photo_bottom = round(frame.height * (0.42 if frame.is_square else 0.45))
        fill_photo(frame, (0, 0, frame.width, photo_bottom))
        ImageDraw.Draw(frame.canvas).rectangle(
            (0, photo_bottom, frame.width - 1, photo_bottom + 9), fill=frame.palette.accent
        )
        text_top = max(c[1], photo_bottom + GAP * 2)
    else:
        brand_mark(frame, (c[0], c[1], c[2], c[1] + 80), "right")
    number_top = _slide_number(frame, (c[0], text_top, c[2] // 2, text_top + 150))
    bottom = c[3] - CUE - GAP
    pieces = [
        Piece("headline", creative.headline, 0.45, max_size=84, max_lines=3),
        Piece("body", creative.body, 0.55, max_lines=7),
    ]
    stack(frame, pieces, (c[0], number_top + GAP, c[2], bottom), "left")
    _progress(frame)


def _slide_number(frame: Frame, region: tuple[int, int, int, int]) -> int:
    """The slide's number ("02") large in the accent colour; returns where text may start."""
    text = f"{frame.creative.slide_index:02d}"
    width, height = region[2] - region[0], region[3] - region[1]
    block = fit(frame, Piece("slide_number", text), width, height)
    if block is None:
        return region[1]
    candidates = frame.text_candidates(frame.palette.accent, frame.palette.primary)
    record = paint(frame, "slide_number", block, region[:2], width, "left", candidates)
    return record.box[3]


def _progress(frame: Frame) -> None:
    c = frame.content
    creative = frame.creative
    ink = frame.palette.primary
    middle = c[3] - CUE // 2
    dots(frame, creative.slide_index, creative.slide_count, (frame.width // 2, middle), ink)
    if creative.slide_index < creative.slide_count:
        arrow(frame, (c[2] - 96, c[3] - CUE, c[2], c[3]), ink)
