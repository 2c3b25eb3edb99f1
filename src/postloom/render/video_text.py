"""The reel's words: a headline card over each scene, and the closing call-to-action card.

Text is fitted and drawn with the creative renderer's own helpers (fonts, fitting, emoji,
contrast), so a reel speaks in the same type as the brand's posts. Under a moving photo the
background changes every frame, so a headline sits on a translucent panel in the brand's
darkest tint, dense enough that the text passes WCAG AA over black and white alike.
"""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image, ImageDraw

from postloom.render import backgrounds
from postloom.render.color import BLACK, RGB, WHITE, Palette, contrast, mix, to_hex
from postloom.render.contrast import make_legible, on_solid, required_ratio
from postloom.render.fonts import FontFace, Typography
from postloom.render.kit import Box, BrandKit, TextBox
from postloom.render.logo import logo_image
from postloom.render.textdraw import CENTER, LEFT, block_box, draw_block
from postloom.render.textfit import TextBlock, TextStyle, fit_text
from postloom.render.video_kit import HEIGHT, SAFE, UNSAFE_RIGHT, WIDTH

PANEL_PAD = (40, 30)
PANEL_RADIUS = 28
PANEL_ALPHAS = (0.62, 0.7, 0.78, 0.86, 0.94, 1.0)
HEADLINE_MAX_HEIGHT = 520
# Centred text needs the same margin on both sides, so the card keeps off the left edge as
# far as TikTok's buttons keep it off the right.
CARD_COLUMN: Box = (UNSAFE_RIGHT, SAFE[1], WIDTH - UNSAFE_RIGHT, SAFE[3])
CARD_GAP = 48
LOGO_MAX = (420, 220)


@dataclass(frozen=True)
class TextLayer:
    """Text on a transparent RGBA layer, to lay over frames at (x, y)."""

    image: Image.Image
    x: int
    y: int
    boxes: tuple[TextBox, ...]


def _style(face: FontFace, low: int, high: int, lines: int, kit: BrandKit) -> TextStyle:
    return TextStyle(face, low, high, line_spacing=1.1, max_lines=lines, language=kit.language)


def headline_layer(
    text: str, kit: BrandKit, palette: Palette, typography: Typography
) -> TextLayer | None:
    """The scene's headline on a panel, low in the safe area and left-aligned; None if empty."""
    face = typography.heading
    width = SAFE[2] - SAFE[0] - 2 * PANEL_PAD[0]
    block = fit_text(
        text, _style(face, 48, 96, 3, kit), width, HEADLINE_MAX_HEIGHT - 2 * PANEL_PAD[1]
    )
    if block is None:
        return None
    needed = required_ratio(block.size, bold=face.css_weight >= 700)
    ink, alpha, ratio = _panel_ink(palette, needed)
    size = (block.width + 2 * PANEL_PAD[0], block.height + 2 * PANEL_PAD[1])
    x, y = SAFE[0], SAFE[3] - size[1]
    layer = Image.new("RGBA", size, (*palette.dark, 0))
    ImageDraw.Draw(layer).rounded_rectangle(
        (0, 0, size[0] - 1, size[1] - 1), radius=PANEL_RADIUS, fill=(*palette.dark, alpha)
    )
    # Ink drawn on its own layer of its own colour, so anti-aliased edges keep their colour.
    words = Image.new("RGBA", size, (*ink, 0))
    draw_block(words, block, PANEL_PAD[0], PANEL_PAD[1], block.width, LEFT, ink)
    layer.alpha_composite(words)
    at = (x + PANEL_PAD[0], y + PANEL_PAD[1])
    box = block_box(block, at[0], at[1], block.width, LEFT)
    panel = (x, y, x + size[0], y + size[1])
    record = _record("headline", block, face, box, panel, ink, ratio, needed)
    return TextLayer(layer, x, y, (record,))


def _panel_ink(palette: Palette, needed: float) -> tuple[RGB, int, float]:
    """The lightest panel (and its text colour) that passes over any photo: the worst case
    behind a translucent panel is pure white or pure black."""
    for alpha in PANEL_ALPHAS:
        for ink in (palette.light, WHITE):
            ratio = min(
                contrast(ink, mix(ground, palette.dark, alpha)) for ground in (WHITE, BLACK)
            )
            if ratio >= needed:
                return ink, round(alpha * 255), ratio
    return WHITE, 255, contrast(WHITE, palette.dark)


def closing_card(
    kit: BrandKit, palette: Palette, typography: Typography, cta: str, detail: str
) -> tuple[Image.Image, tuple[TextBox, ...]]:
    """The last card: logo or name, the call to action, and the detail on a pill, centred."""
    canvas = backgrounds.brand_background(palette, (WIDTH, HEIGHT), backgrounds.GRADIENT)
    width = CARD_COLUMN[2] - CARD_COLUMN[0]
    logo = logo_image(kit.logo, *LOGO_MAX) if kit.logo is not None else None
    name = None if logo is not None else _fit(kit.name, typography.body_bold, 40, 56, 2, kit)
    call = _fit(cta, typography.heading, 64, 120, 4, kit, width, 620)
    pill_pad = (44, 24)
    pill_text = _fit(detail, typography.body_bold, 34, 44, 2, kit, width - 2 * pill_pad[0], 140)
    heights = [
        logo.height if logo is not None else 0,
        name.height if name is not None else 0,
        call.height if call is not None else 0,
        pill_text.height + 2 * pill_pad[1] if pill_text is not None else 0,
    ]
    used = [h for h in heights if h]
    top = CARD_COLUMN[1] + (CARD_COLUMN[3] - CARD_COLUMN[1] - sum(used)) // 2
    top -= CARD_GAP * (len(used) - 1) // 2
    boxes: list[TextBox] = []
    ink = _card_ink(palette)
    if logo is not None:
        top = _paste_logo(canvas, logo, top, palette) + CARD_GAP
    if name is not None:
        boxes.append(_centred_text(canvas, "brand", name, typography.body_bold, top, ink, palette))
        top += name.height + CARD_GAP
    if call is not None:
        boxes.append(_centred_text(canvas, "cta", call, typography.heading, top, ink, palette))
        top += call.height + CARD_GAP
    if pill_text is not None:
        boxes.append(_pill(canvas, pill_text, typography.body_bold, top, pill_pad, palette))
    return canvas, tuple(boxes)


def _fit(
    text: str,
    face: FontFace,
    low: int,
    high: int,
    lines: int,
    kit: BrandKit,
    width: int = CARD_COLUMN[2] - CARD_COLUMN[0],
    height: int = 160,
) -> TextBlock | None:
    return fit_text(text, _style(face, low, high, lines, kit), width, height)


def _card_ink(palette: Palette) -> RGB:
    # The gradient's ends are chosen so one of white or black reads on both.
    start, end = backgrounds.bold_ends(palette)
    return WHITE if min(contrast(WHITE, start), contrast(WHITE, end)) >= 4.5 else BLACK


def _paste_logo(canvas: Image.Image, logo: Image.Image, top: int, palette: Palette) -> int:
    """The logo on a light chip (a logo's own colours are unknown); returns its bottom."""
    pad = 28
    left = (WIDTH - logo.width) // 2
    chip = (left - pad, top, left + logo.width + pad, top + logo.height + 2 * pad)
    ImageDraw.Draw(canvas).rounded_rectangle(chip, radius=PANEL_RADIUS, fill=palette.light)
    canvas.paste(logo, (left, top + pad), logo)
    return chip[3]


def _centred_text(
    canvas: Image.Image,
    role: str,
    block: TextBlock,
    face: FontFace,
    top: int,
    ink: RGB,
    palette: Palette,
) -> TextBox:
    width = CARD_COLUMN[2] - CARD_COLUMN[0]
    box = block_box(block, CARD_COLUMN[0], top, width, CENTER)
    needed = required_ratio(block.size, bold=face.css_weight >= 700)
    scrim = (box[0] - 16, box[1] - 16, box[2] + 16, box[3] + 16)
    legible = make_legible(canvas, box, (ink,), needed, scrim, (palette.dark, palette.light))
    draw_block(canvas, block, CARD_COLUMN[0], top, width, CENTER, legible.color)
    region = (CARD_COLUMN[0], top, CARD_COLUMN[2], top + block.height)
    return _record(role, block, face, box, region, legible.color, legible.ratio, needed)


def _pill(
    canvas: Image.Image,
    block: TextBlock,
    face: FontFace,
    top: int,
    pad: tuple[int, int],
    palette: Palette,
) -> TextBox:
    size = (block.width + 2 * pad[0], block.height + 2 * pad[1])
    left = (WIDTH - size[0]) // 2
    pill = (left, top, left + size[0], top + size[1])
    ImageDraw.Draw(canvas).rounded_rectangle(
        (pill[0], pill[1], pill[2] - 1, pill[3] - 1), radius=size[1] // 2, fill=palette.accent
    )
    needed = required_ratio(block.size, bold=face.css_weight >= 700)
    candidates = (palette.dark, palette.light, WHITE, BLACK)
    legible = on_solid(palette.accent, candidates, needed)
    at = (left + pad[0], top + pad[1])
    draw_block(canvas, block, at[0], at[1], block.width, CENTER, legible.color)
    box = block_box(block, at[0], at[1], block.width, CENTER)
    return _record("cta_detail", block, face, box, pill, legible.color, legible.ratio, needed)


def _record(
    role: str,
    block: TextBlock,
    face: FontFace,
    box: Box,
    region: Box,
    ink: RGB,
    ratio: float,
    needed: float,
) -> TextBox:
    return TextBox(
        role=role,
        lines=tuple(line.text for line in block.lines),
        box=box,
        region=region,
        font_family=face.css_family,
        font_weight=face.css_weight,
        italic=face.italic,
        font_size=block.size,
        color=to_hex(ink),
        contrast=round(ratio, 2),
        min_contrast=needed,
        truncated=block.truncated,
    )
