"""Placing text in a layout: fit, check contrast on what is behind it, draw, and record it.

Layouts plan (arrange, plan_pill) before they draw: planning needs no canvas and also
rasterises the texts, so it runs while the photo is still being decoded.
"""

from __future__ import annotations

from dataclasses import dataclass

from PIL import ImageDraw

from postloom.render.color import RGB, to_hex
from postloom.render.contrast import make_legible, on_solid, required_ratio
from postloom.render.kit import Box, TextBox
from postloom.render.layouts.frame import GAP, Frame
from postloom.render.textdraw import block_box, draw_block, prepare
from postloom.render.textfit import TextBlock, fit_text


@dataclass(frozen=True)
class Piece:
    """One text of a stack and its share of the stack's height."""

    role: str
    text: str
    share: float = 1.0
    max_size: int | None = None
    max_lines: int | None = None


def fit(frame: Frame, piece: Piece, width: int, height: int) -> TextBlock | None:
    style = frame.style(piece.role, max_size=piece.max_size, max_lines=piece.max_lines)
    return fit_text(piece.text, style, width, height)


def paint(
    frame: Frame,
    role: str,
    block: TextBlock,
    at: tuple[int, int],
    width: int,
    align: str,
    candidates: tuple[RGB, ...] = (),
    region: Box | None = None,
    solid: RGB | None = None,
) -> TextBox:
    """Draw a fitted block at `at` in a column `width` wide, in a colour that passes WCAG
    on what is behind it (`solid` when that is known to be one flat colour)."""
    x, y = at
    box = block_box(block, x, y, width, align)
    face = frame.style(role).face
    needed = required_ratio(block.size, bold=face.css_weight >= 700)
    candidates = candidates or frame.text_candidates()
    if solid is not None:
        legible = on_solid(solid, candidates, needed)
    else:
        tints = (frame.palette.dark, frame.palette.light)
        legible = make_legible(
            frame.canvas, box, candidates, needed, _scrim_area(frame, box), tints
        )
    draw_block(frame.canvas, block, x, y, width, align, legible.color)
    record = TextBox(
        role=role,
        lines=tuple(line.text for line in block.lines),
        box=box,
        region=region or (x, y, x + width, y + block.height),
        font_family=face.css_family,
        font_weight=face.css_weight,
        italic=face.italic,
        font_size=block.size,
        color=to_hex(legible.color),
        contrast=round(legible.ratio, 2),
        min_contrast=needed,
        truncated=block.truncated,
    )
    frame.text_boxes.append(record)
    return record


# A scrim hugs its text: padded by less than the gap between texts, so it never covers a
# neighbour drawn earlier.
SCRIM_PAD = GAP * 2 // 3


def _scrim_area(frame: Frame, box: Box) -> Box:
    pad = SCRIM_PAD
    return (
        max(0, box[0] - pad),
        max(0, box[1] - pad),
        min(frame.width, box[2] + pad),
        min(frame.height, box[3] + pad),
    )


def drawn_from(*parts: Arrangement | PillPlan | None) -> int | None:
    """The top row that drawing these texts can touch (their scrims included)."""
    tops = [part.box[1] for part in parts if part is not None]
    return min(tops) - SCRIM_PAD if tops else None


def seal_outside(frame: Frame, *boxes: Box | None) -> None:
    """Seal the rows that none of these boxes, all that is left to draw, reaches (with the
    pad of a scrim): the second thread writes them while the rest is drawn."""
    spans = sorted((box[1] - SCRIM_PAD, box[3] + SCRIM_PAD) for box in boxes if box is not None)
    row = 0
    for top, bottom in spans:
        if top > row:
            frame.seal(row, top)
        row = max(row, bottom)
    if row < frame.height:
        frame.seal(row, frame.height)


def seal_above(frame: Frame, *parts: Arrangement | PillPlan | None) -> None:
    """Everything above these texts is drawn: let the JPEG of those rows be written."""
    top = drawn_from(*parts)
    if top is not None:
        frame.seal(0, top)


@dataclass(frozen=True)
class Arrangement:
    """Fitted texts with their positions, before anything is drawn."""

    placed: tuple[tuple[Piece, TextBlock, int], ...]
    """piece, block, top y"""
    region: Box
    align: str
    box: Box
    """what the texts will cover"""


def arrange(
    frame: Frame, pieces: list[Piece], region: Box, align: str, anchor: str = "top", gap: int = GAP
) -> Arrangement | None:
    """Fit pieces top to bottom in `region`, each within its share of the height, as one
    group anchored at the region's top, middle or bottom."""
    pieces = [p for p in pieces if p.text.strip()]
    if not pieces:
        return None
    width = region[2] - region[0]
    room = region[3] - region[1] - gap * (len(pieces) - 1)
    total = sum(p.share for p in pieces)
    shares = [int(room * p.share / total) for p in pieces]
    fitted = [fit(frame, p, width, h) for p, h in zip(pieces, shares, strict=True)]
    _give_spare_room(frame, pieces, fitted, shares, width, room)
    blocks = [(p, b) for p, b in zip(pieces, fitted, strict=True) if b is not None]
    if not blocks:
        return None
    height = sum(b.height for _, b in blocks) + gap * (len(blocks) - 1)
    y = _anchored_top(region, height, anchor)
    placed = []
    boxes = []
    for piece, block in blocks:
        prepare(block)
        placed.append((piece, block, y))
        boxes.append(block_box(block, region[0], y, width, align))
        y += block.height + gap
    return Arrangement(tuple(placed), region, align, _union(boxes))


def _give_spare_room(
    frame: Frame,
    pieces: list[Piece],
    fitted: list[TextBlock | None],
    shares: list[int],
    width: int,
    room: int,
) -> None:
    """Refit pieces that had to be cut short, with the height the others did not use."""
    spare = room - sum(b.height for b in fitted if b is not None)
    for index, block in enumerate(fitted):
        if spare > 0 and (block is None or block.truncated):
            used = block.height if block is not None else 0
            refit = fit(frame, pieces[index], width, shares[index] + spare)
            if refit is not None:
                fitted[index] = refit
                spare -= refit.height - used


def draw_arrangement(
    frame: Frame, arrangement: Arrangement, candidates: tuple[RGB, ...] = (), sealing: bool = False
) -> None:
    """Draw the texts top to bottom. With `sealing`, the rows above each text are sealed
    before it is drawn (see `Frame.seal`): for a layout that draws nothing above the last
    text afterwards."""
    region = arrangement.region
    width = region[2] - region[0]
    for piece, block, y in arrangement.placed:
        if sealing:
            frame.seal(0, y - SCRIM_PAD)
        at = (region[0], y)
        paint(frame, piece.role, block, at, width, arrangement.align, candidates, region)


def stack(
    frame: Frame,
    pieces: list[Piece],
    region: Box,
    align: str,
    anchor: str = "top",
    candidates: tuple[RGB, ...] = (),
) -> Box | None:
    """Arrange and draw; returns the area the texts cover."""
    arrangement = arrange(frame, pieces, region, align, anchor)
    if arrangement is None:
        return None
    draw_arrangement(frame, arrangement, candidates)
    return arrangement.box


def _anchored_top(region: Box, height: int, anchor: str) -> int:
    if anchor == "bottom":
        return region[3] - height
    if anchor == "middle":
        return region[1] + (region[3] - region[1] - height) // 2
    return region[1]


def _union(boxes: list[Box]) -> Box:
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


@dataclass(frozen=True)
class PillPlan:
    role: str
    block: TextBlock
    box: Box
    pad: tuple[int, int]


def plan_pill(
    frame: Frame, role: str, text: str, region: Box, align: str, anchor: str = "top"
) -> PillPlan | None:
    """Where a label or call-to-action pill goes in `region`, without drawing it yet."""
    if not text.strip():
        return None
    style = frame.style(role)
    pad_x, pad_y = round(style.max_size * 0.9), round(style.max_size * 0.45)
    block = fit_text(text, style, region[2] - region[0] - 2 * pad_x, style.max_size * 2)
    if block is None:
        return None
    prepare(block)
    width, height = block.width + 2 * pad_x, block.height + 2 * pad_y
    left = _aligned_left(region, width, align)
    top = region[3] - height if anchor == "bottom" else region[1]
    return PillPlan(role, block, (left, top, left + width, top + height), (pad_x, pad_y))


def draw_pill(frame: Frame, plan: PillPlan, fill: RGB) -> Box:
    box = plan.box
    radius = (box[3] - box[1]) // 2
    ImageDraw.Draw(frame.canvas).rounded_rectangle(
        (box[0], box[1], box[2] - 1, box[3] - 1), radius=radius, fill=fill
    )
    ink = (frame.palette.dark, frame.palette.light)
    at = (box[0] + plan.pad[0], box[1] + plan.pad[1])
    paint(frame, plan.role, plan.block, at, plan.block.width, "left", ink, box, solid=fill)
    return box


def pill(
    frame: Frame, role: str, text: str, region: Box, align: str, fill: RGB, anchor: str = "top"
) -> Box | None:
    """A label or call to action on a rounded, filled pill placed in `region`."""
    plan = plan_pill(frame, role, text, region, align, anchor)
    return None if plan is None else draw_pill(frame, plan, fill)


def above(plan: PillPlan | None, region: Box) -> Box:
    """What is left of `region` above a pill anchored at its bottom."""
    return region if plan is None else (region[0], region[1], region[2], plan.box[1] - GAP)


def _aligned_left(region: Box, width: int, align: str) -> int:
    if align == "center":
        return region[0] + (region[2] - region[0] - width) // 2
    if align == "right":
        return region[2] - width
    return region[0]
