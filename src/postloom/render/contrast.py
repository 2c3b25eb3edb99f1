"""Legibility: WCAG contrast measured on the pixels that will sit behind a piece of text.

The background is measured at its worst case (the lightest and darkest areas under the
text, averaged over 4 px blocks so that JPEG noise does not count as a feature). A colour
passes only if it contrasts enough with both; when no candidate does, a scrim (a translucent
band of a brand-tinted dark or light) is laid behind the text, as dense as it needs to be.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PIL import Image, ImageDraw

from postloom.render import pillow
from postloom.render.color import (
    BLACK,
    LINEAR,
    RGB,
    WHITE,
    contrast_ratio,
    luminance,
    mix,
)
from postloom.render.kit import Box

# WCAG's "large text" is 18 pt, or 14 pt bold, at CSS pixels. A 1080 px creative is shown
# about 390 CSS px wide on a phone, so one CSS px is ~2.77 image px.
LARGE_BOLD_PX = 52
LARGE_PX = 67
BODY_RATIO = 4.5
LARGE_RATIO = 3.0
_BLOCK = 4
_SCRIM_STEPS = (0.35, 0.5, 0.62, 0.75, 0.88, 1.0)

# Linear light as 8-bit values, rounded up; the darkest value is then taken one step lower,
# so the measured range always contains the true one and a pass is never a rounding artefact.
_LINEAR_LUT = [math.ceil(v * 255) for v in LINEAR] * 3
_LUMA = (0.2126, 0.7152, 0.0722, 0.0)


def required_ratio(size: int, bold: bool) -> float:
    large = size >= LARGE_PX or (bold and size >= LARGE_BOLD_PX)
    return LARGE_RATIO if large else BODY_RATIO


def luminance_range(canvas: Image.Image, box: Box) -> tuple[float, float]:
    """Darkest and lightest relative luminance under `box` (clipped to the canvas)."""
    left = min(max(0, box[0]), canvas.width - 1)
    top = min(max(0, box[1]), canvas.height - 1)
    right = max(min(canvas.width, box[2]), left + 1)
    bottom = max(min(canvas.height, box[3]), top + 1)
    if right - left >= _BLOCK and bottom - top >= _BLOCK:
        # Averaged straight from the canvas: no copy of the full-resolution region.
        region = canvas.reduce(_BLOCK, box=(left, top, right, bottom))
    else:
        region = canvas.crop((left, top, right, bottom))
    extrema = pillow.point(region, _LINEAR_LUT).convert("L", _LUMA).getextrema()
    darkest, lightest = (int(v) for v in extrema if isinstance(v, int | float))
    # One step for the rounded-up table, one for the rounding in convert().
    return max(0, darkest - 2) / 255, min(255, lightest + 1) / 255


def worst_ratio(color: RGB, lum_range: tuple[float, float]) -> float:
    text = luminance(color)
    return min(contrast_ratio(text, lum_range[0]), contrast_ratio(text, lum_range[1]))


@dataclass(frozen=True)
class Legibility:
    color: RGB
    ratio: float
    scrim: bool


def pick_color(
    lum_range: tuple[float, float], candidates: tuple[RGB, ...], needed: float
) -> Legibility | None:
    for candidate in candidates:
        ratio = worst_ratio(candidate, lum_range)
        if ratio >= needed:
            return Legibility(candidate, ratio, scrim=False)
    return None


def on_solid(fill: RGB, candidates: tuple[RGB, ...], needed: float) -> Legibility:
    """The first candidate that passes on a known flat colour (a pill, a badge, a panel)."""
    lum = luminance(fill)
    found = pick_color((lum, lum), candidates, needed)
    if found is not None:
        return found
    best = max((WHITE, BLACK), key=lambda c: worst_ratio(c, (lum, lum)))
    return Legibility(best, worst_ratio(best, (lum, lum)), scrim=False)


def make_legible(
    canvas: Image.Image,
    text_box: Box,
    candidates: tuple[RGB, ...],
    needed: float,
    scrim_box: Box,
    tints: tuple[RGB, RGB] = (BLACK, WHITE),
) -> Legibility:
    """A text colour that passes on the pixels under `text_box`, adding a scrim if needed.

    Candidates are tried in order; `tints` are the (dark, light) scrim colours, normally the
    brand's darkest and lightest.
    """
    lum_range = luminance_range(canvas, text_box)
    found = pick_color(lum_range, candidates, needed)
    if found is not None:
        return found
    # Keep the colour the layout wanted first (white on photos, say) and make the background
    # fit it: a dark scrim under light text, a light one under dark text.
    text_color = candidates[0] if candidates else WHITE
    light_text = luminance(text_color) > 0.5
    scrim_color = tints[0] if light_text else tints[1]
    if not _solid_ok(text_color, scrim_color):
        text_color = WHITE if light_text else BLACK
    for alpha in _SCRIM_STEPS:
        if worst_ratio(text_color, _blended_range(lum_range, scrim_color, alpha)) >= needed:
            break
    _paint_scrim(canvas, scrim_box, scrim_color, alpha)
    ratio = worst_ratio(text_color, luminance_range(canvas, text_box))
    if ratio < needed:
        # The estimate treats the background as grey; a saturated photo can defeat it.
        _paint_scrim(canvas, scrim_box, scrim_color, 1.0)
        ratio = worst_ratio(text_color, luminance_range(canvas, text_box))
    return Legibility(text_color, ratio, scrim=True)


def _solid_ok(color: RGB, scrim: RGB) -> bool:
    return contrast_ratio(luminance(color), luminance(scrim)) >= BODY_RATIO + 1


def _gray_with(lum: float) -> RGB:
    """The sRGB grey whose relative luminance is `lum`."""
    level = next((v for v in range(256) if LINEAR[v] >= lum), 255)
    return (level, level, level)


def _blended_range(lum_range: tuple[float, float], scrim: RGB, alpha: float) -> tuple[float, float]:
    ends = [luminance(mix(_gray_with(lum), scrim, alpha)) for lum in lum_range]
    return min(ends), max(ends)


def _paint_scrim(canvas: Image.Image, box: Box, color: RGB, alpha: float) -> None:
    ImageDraw.Draw(canvas, "RGBA").rounded_rectangle(
        (box[0], box[1], box[2] - 1, box[3] - 1), radius=14, fill=(*color, round(alpha * 255))
    )
