"""Layouts with words over a full-bleed photo or brand background."""

from __future__ import annotations

from postloom.render import backgrounds
from postloom.render.color import BLACK, WHITE
from postloom.render.contrast import luminance_range
from postloom.render.kit import Box
from postloom.render.layouts.frame import GAP, Frame
from postloom.render.layouts.parts import (
    BadgePlan,
    arrow,
    brand_mark,
    dots,
    draw_badge,
    draw_words,
    fill_photo,
    plan_badge,
    plan_words,
    shade,
    shade_top,
    shade_under,
    shade_words,
)
from postloom.render.layouts.text import (
    Arrangement,
    Piece,
    PillPlan,
    above,
    arrange,
    draw_arrangement,
    draw_pill,
    plan_pill,
    seal_above,
    seal_outside,
)
from postloom.render.textruns import upper

TOP_ROW = 96
CUE = 56


def _full_bleed(frame: Frame) -> bool:
    return fill_photo(frame, (0, 0, frame.width, frame.height), backgrounds.GRADIENT)


def _top_row(frame: Frame) -> Box:
    c = frame.content
    return (c[0], c[1], c[2], c[1] + TOP_ROW)


def _below_top_row(frame: Frame) -> Box:
    c = frame.content
    return (c[0], c[1] + TOP_ROW + GAP * 2, c[2], c[3])


def announcement(frame: Frame) -> None:
    """News (an opening, new hours, an event), centred, on the brand's bold background."""
    photo = _full_bleed(frame)
    region = _below_top_row(frame)
    label = upper(frame.creative.eyebrow, frame.kit.language)
    chip = plan_pill(frame, "eyebrow", label, region, "center")
    if chip is not None:
        region = (region[0], chip.box[3] + GAP, region[2], region[3])
    pieces = [
        Piece("headline", frame.creative.headline, 0.64, max_size=120, max_lines=4),
        Piece("body", frame.creative.body, 0.36, max_lines=4),
    ]
    plan = plan_pill(frame, "cta", frame.creative.cta, region, "center", "bottom")
    arrangement = arrange(frame, pieces, above(plan, region), "center", "middle")
    if photo:
        shade(frame, (0, 0, frame.width, frame.height), frame.palette.dark, 0.55)
    seal_outside(frame, _top_row(frame), *_boxes(chip, plan, arrangement))
    brand_mark(frame, _top_row(frame), "center")
    if chip is not None:
        draw_pill(frame, chip, frame.palette.accent)
    if arrangement is not None:  # above the call to action
        candidates = frame.text_candidates(WHITE) if photo else ()
        draw_arrangement(frame, arrangement, candidates, sealing=True)
    if plan is not None:
        seal_above(frame, plan)
        draw_pill(frame, plan, frame.palette.accent)


def story(frame: Frame) -> None:
    """A 9:16 story or reel cover: words low in the safe area, call to action below them."""
    photo = _full_bleed(frame)
    top_row = _top_row(frame)
    diameter = 230
    centre = (top_row[2] - diameter // 2, top_row[3] + GAP + diameter // 2)
    region = _below_top_row(frame)
    if frame.creative.price.strip():
        region = (region[0], centre[1] + diameter // 2 + GAP, region[2], region[3])
    label = upper(frame.creative.eyebrow, frame.kit.language)
    pieces = [
        Piece("eyebrow", label, 0.1, max_lines=1),
        Piece("headline", frame.creative.headline, 0.5, max_size=116, max_lines=4),
        Piece("body", frame.creative.body, 0.4, max_lines=4),
    ]
    words = plan_words(frame, pieces, region, "left", "bottom")
    price = plan_badge(frame, frame.creative.price, centre, diameter)
    if photo:
        # Instagram's profile row sits on top of every story; keep the logo readable under it.
        shade_top(frame, frame.content[1] + TOP_ROW + GAP * 2)
        shade_words(frame, words)
    seal_outside(frame, top_row, *_boxes(price, words.cta, words.arrangement))
    brand_mark(frame, top_row)
    draw_badge(frame, price)  # above the words' region
    draw_words(frame, words, photo)


def carousel_cover(frame: Frame) -> None:
    """The first slide of a carousel: a big promise and a cue to swipe."""
    photo = _full_bleed(frame)
    creative = frame.creative
    top_row = _top_row(frame)
    c = frame.content
    region = (c[0], top_row[3] + GAP * 2, c[2], c[3] - CUE - GAP * 2)
    label = upper(creative.eyebrow, frame.kit.language)
    pieces = [
        Piece("eyebrow", label, 0.08, max_lines=1),
        Piece("headline", creative.headline, 0.62, max_size=140, max_lines=5),
        Piece("body", creative.body, 0.3, max_lines=3),
    ]
    arrangement = arrange(frame, pieces, region, "left", "bottom")
    if photo:
        shade_top(frame, top_row[3] + GAP * 2)
        if arrangement is not None:
            shade_under(frame, arrangement.box, 0.82)
    cue = (c[0], c[3] - CUE, c[2], c[3])
    seal_outside(frame, top_row, cue, *_boxes(arrangement))
    brand_mark(frame, top_row)
    if arrangement is not None:  # the swipe cue goes below the words
        draw_arrangement(frame, arrangement, frame.text_candidates(WHITE), sealing=True)
    ink = WHITE if _dark_at(frame, (c[2] - 96, c[3] - CUE, c[2], c[3])) else BLACK
    arrow(frame, (c[2] - 96, c[3] - CUE, c[2], c[3]), ink)
    dots(frame, 1, creative.slide_count, (frame.width // 2, c[3] - CUE // 2), ink)


def _boxes(*planned: BadgePlan | PillPlan | Arrangement | None) -> list[Box]:
    return [part.box for part in planned if part is not None]


def _dark_at(frame: Frame, box: Box) -> bool:
    darkest, lightest = luminance_range(frame.canvas, box)
    return (darkest + lightest) / 2 < 0.3
