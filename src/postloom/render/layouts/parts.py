"""Pieces layouts share: photos in frames, shading, the logo, badges and carousel marks."""

from __future__ import annotations

from concurrent.futures import Future
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image, ImageDraw, ImageStat

from postloom.render import background, backgrounds, caches, pillow
from postloom.render.color import RGB, WHITE, contrast, luminance, mix
from postloom.render.kit import Box
from postloom.render.layouts.frame import Frame
from postloom.render.layouts.text import (
    Arrangement,
    Piece,
    PillPlan,
    above,
    arrange,
    draw_arrangement,
    draw_pill,
    fit,
    paint,
    plan_pill,
    seal_above,
)
from postloom.render.logo import logo_image
from postloom.render.photo import fit_opened, open_photo
from postloom.render.textdraw import prepare
from postloom.render.textfit import TextBlock

LOGO_MAX = (240, 96)


def fill_photo(frame: Frame, box: Box, variant: str = backgrounds.GRADIENT) -> bool:
    """Put the creative's photo in `box`, or the brand background; True if a photo is shown.

    The photo is decoded on the renderer's second thread and placed when the canvas is next
    used: what a layout does before that (fitting its texts) overlaps with the decoding.
    """
    decoding = start_photo(frame, box)
    if decoding is None:
        paint_background(frame, box, variant)
        return False
    frame.place_later(decoding, lambda image: _place_photo(frame, box, image))
    return True


def start_photo(frame: Frame, box: Box) -> Future[Image.Image] | None:
    """Start decoding the creative's photo for `box` on the renderer's second thread (None
    without a photo), for a layout that draws the rest of the frame meanwhile and then
    calls `place_photo`."""
    photo = frame.creative.photo
    if photo is None:
        return None
    size, focal = (box[2] - box[0], box[3] - box[1]), frame.creative.focal_point
    return background.start_prepared(
        lambda: open_photo(photo, size), lambda opened: fit_opened(opened, size, focal)
    )


def place_photo(frame: Frame, box: Box, decoding: Future[Image.Image] | None, variant: str) -> bool:
    """Put the photo from `start_photo` in `box` once decoded, or the brand background;
    True if a photo is shown. The layout has drawn nothing in `box` yet."""
    if decoding is None:
        paint_background(frame, box, variant)
        return False
    _place_photo(frame, box, decoding.result())
    return True


def _place_photo(frame: Frame, box: Box, image: Image.Image) -> None:
    width, height = box[2] - box[0], box[3] - box[1]
    if image.mode == "RGBA":
        # A cutout stands on the brand background instead of being stretched over the frame.
        paint_background(frame, box, backgrounds.SOFT)
        left = box[0] + (width - image.width) // 2
        top = box[1] + (height - image.height) // 2
        frame.canvas.paste(image, (left, top), image)
    elif box == (0, 0, frame.width, frame.height):
        # A full-bleed photo becomes the canvas itself: no copy of 1.4 million pixels.
        frame.canvas = image
    else:
        frame.canvas.paste(image, box[:2])


def paint_background(frame: Frame, box: Box, variant: str) -> None:
    """The brand background in `box`; over the whole frame it becomes the canvas."""
    size = (box[2] - box[0], box[3] - box[1])
    if box == (0, 0, frame.width, frame.height):
        frame.canvas = backgrounds.brand_background(frame.palette, size, variant)
    else:
        frame.canvas.paste(backgrounds.shared_background(frame.palette, size, variant), box[:2])


def shade(frame: Frame, box: Box, color: RGB, strength: float, ramp: int = 0) -> None:
    """Tint `box` toward `color`: fading in over its first `ramp` px, then at `strength`.

    Used under text on photos; a fade keeps the photo visible where a flat band would not.
    The flat part is a per-channel lookup table, several times cheaper than alpha blending.
    """
    ramp = max(0, min(ramp, box[3] - box[1]))
    if box[2] <= box[0] or box[3] <= box[1]:
        return
    if ramp:
        _fade(frame, box[:2], (box[2] - box[0], ramp), color, round(strength * 255), True)
    flat = (box[0], box[1] + ramp, box[2], box[3])
    if flat[3] > flat[1]:
        table = _tint_table(color, strength)

        def tint(canvas: Image.Image, band: Box) -> None:
            canvas.paste(pillow.point(canvas.crop(band), table), band)

        frame.process(flat, tint)


def _fade(
    frame: Frame,
    at: tuple[int, int],
    size: tuple[int, int],
    color: RGB,
    peak: int,
    rising: bool,
) -> None:
    """Blend `color` into the canvas through a ramp mask (see `_ramp_mask`)."""

    def paste(canvas: Image.Image, band: Box) -> None:
        rows = (band[1] - at[1], band[3] - at[1])
        part = (size[0], rows[1] - rows[0])
        canvas.paste(_solid(part, color), band[:2], _ramp_rows(size, peak, rising, rows))

    frame.process((at[0], at[1], at[0] + size[0], at[1] + size[1]), paste)


@caches.register
@lru_cache(maxsize=32)
def _tint_table(color: RGB, strength: float) -> list[int]:
    keep = 1 - strength
    return [round(v * keep + channel * strength) for channel in color for v in range(256)]


def shade_top(frame: Frame, bottom: int, strength: float = 0.55) -> None:
    """A fade from the top edge down to `bottom`, so a logo up there reads on any photo."""
    if bottom <= 0:
        return
    peak = round(strength * 255)
    _fade(frame, (0, 0), (frame.width, bottom), frame.palette.dark, peak, False)


def shade_under(frame: Frame, text_box: Box, strength: float = 0.8, ramp: int = 260) -> None:
    """The usual fade under a text group low on a photo: from above it to the bottom edge."""
    top = max(0, text_box[1] - ramp)
    shade(frame, (0, top, frame.width, frame.height), frame.palette.dark, strength, ramp)


# Fades and the flat colour pasted through them depend only on the brand palette and the
# layout's geometry, so every post of a brand reuses them (read-only: only pasted from).
@caches.register
@lru_cache(maxsize=32)
def _ramp_mask(size: tuple[int, int], peak: int, rising: bool = True) -> Image.Image:
    """0 at the top rising to `peak` at the bottom (or, not `rising`, the other way)."""
    column = Image.new("L", (1, size[1]))
    # Eased, so the fade has no visible start line.
    column.putdata([round(peak * (y / size[1]) ** 1.5) for y in range(size[1])])
    if not rising:
        column = column.transpose(Image.Transpose.FLIP_TOP_BOTTOM)
    return column.resize(size, Image.Resampling.NEAREST)


@caches.register
@lru_cache(maxsize=64)
def _ramp_rows(
    size: tuple[int, int], peak: int, rising: bool, rows: tuple[int, int]
) -> Image.Image:
    """Rows `rows` of `_ramp_mask(size, ...)`, the part of the fade that one band pastes."""
    mask = _ramp_mask(size, peak, rising)
    return mask if rows == (0, size[1]) else mask.crop((0, rows[0], size[0], rows[1]))


@caches.register
@lru_cache(maxsize=32)
def _solid(size: tuple[int, int], color: RGB) -> Image.Image:
    return Image.new("RGB", size, color)


def left_half(row: Box) -> Box:
    """The part of a top row a label may take, leaving the other half to the brand mark."""
    return (row[0], row[1], (row[0] + row[2]) // 2 - 14, row[3])


def brand_mark(frame: Frame, region: Box, align: str = "left") -> Box | None:
    """The logo (on a chip when it would vanish into the background) or the brand name."""
    if frame.kit.logo is None:
        return _wordmark(frame, region, align)
    logo = logo_image(frame.kit.logo, *LOGO_MAX)
    left = _aligned(region, logo.width, align)
    box = (left, region[1], left + logo.width, region[1] + logo.height)
    if not _logo_stands_out(frame, logo, box):
        chip = (box[0] - 18, box[1] - 14, box[2] + 18, box[3] + 14)
        fill = frame.palette.light if _logo_is_dark(logo) else frame.palette.dark
        ImageDraw.Draw(frame.canvas).rounded_rectangle(chip, radius=18, fill=fill)
    frame.canvas.paste(logo, box[:2], logo)
    return box


def _wordmark(frame: Frame, region: Box, align: str) -> Box | None:
    # At most half the row, like a logo, so a long name never runs into what shares the row.
    width = min(region[2] - region[0], (frame.content[2] - frame.content[0]) // 2)
    block = fit(frame, Piece("brand", frame.kit.name), width, LOGO_MAX[1])
    if block is None:
        return None
    left = _aligned(region, width, align)
    return paint(frame, "brand", block, (left, region[1]), width, align).box


def _aligned(region: Box, width: int, align: str) -> int:
    if align == "center":
        return region[0] + (region[2] - region[0] - width) // 2
    return region[2] - width if align == "right" else region[0]


def _mean_opaque(logo: Image.Image) -> RGB:
    # Average only where the logo is drawn; transparent pixels are often black underneath.
    drawn = logo.getchannel("A").point(lambda a: 255 if a > 128 else 0)
    if drawn.getbbox() is None:
        return (0, 0, 0)
    return _as_rgb(ImageStat.Stat(logo.convert("RGB"), drawn).mean)


def _as_rgb(values: list[float]) -> RGB:
    return (round(values[0]), round(values[1]), round(values[2]))


def _logo_is_dark(logo: Image.Image) -> bool:
    return luminance(_mean_opaque(logo)) < 0.35


def _logo_stands_out(frame: Frame, logo: Image.Image, box: Box) -> bool:
    behind = _as_rgb(ImageStat.Stat(frame.canvas.crop(box)).mean)
    # 3:1 is WCAG's figure for graphical objects.
    return contrast(_mean_opaque(logo), behind) >= 3.0


@dataclass(frozen=True)
class BadgePlan:
    box: Box
    inner: int
    block: TextBlock | None


def plan_badge(frame: Frame, text: str, centre: tuple[int, int], diameter: int) -> BadgePlan | None:
    """A round badge for the price (or a discount) at `centre`, fitted but not drawn yet."""
    if not text.strip():
        return None
    radius = diameter // 2
    box = (centre[0] - radius, centre[1] - radius, centre[0] + radius, centre[1] + radius)
    inner = round(diameter * 0.68)  # the square inscribed in the circle, with a little air
    block = fit(frame, Piece("price", text, max_size=diameter // 3), inner, inner)
    if block is not None:
        prepare(block)
    return BadgePlan(box, inner, block)


def draw_badge(frame: Frame, plan: BadgePlan | None) -> Box | None:
    if plan is None:
        return None
    box = plan.box
    ImageDraw.Draw(frame.canvas).ellipse(
        (box[0], box[1], box[2] - 1, box[3] - 1), fill=frame.palette.accent
    )
    if plan.block is None:
        return box
    centre = ((box[0] + box[2]) // 2, (box[1] + box[3]) // 2)
    top = centre[1] - plan.block.height // 2
    ink = (frame.palette.dark, frame.palette.light)
    at = (centre[0] - plan.inner // 2, top)
    accent = frame.palette.accent
    paint(frame, "price", plan.block, at, plan.inner, "center", ink, box, solid=accent)
    return box


def number_disc(frame: Frame, number: int, box: Box) -> None:
    """A filled circle with a list number, the marker of a tips list."""
    ImageDraw.Draw(frame.canvas).ellipse(
        (box[0], box[1], box[2] - 1, box[3] - 1), fill=frame.palette.accent
    )
    side = box[2] - box[0]
    inner = round(side * 0.62)
    block = fit(frame, Piece("number", str(number), max_size=round(side * 0.5)), inner, inner)
    if block is None:
        return
    left, top = box[0] + (side - inner) // 2, box[1] + (side - block.height) // 2
    ink = (frame.palette.dark, frame.palette.light)
    paint(
        frame, "number", block, (left, top), inner, "center", ink, box, solid=frame.palette.accent
    )


def dots(frame: Frame, index: int, count: int, centre: tuple[int, int], color: RGB) -> None:
    """Carousel progress: one dot per slide, the current one wide."""
    if count <= 1:
        return
    size, gap, wide = 14, 14, 40
    total = (count - 1) * (size + gap) + wide
    x = centre[0] - total // 2
    draw = ImageDraw.Draw(frame.canvas)
    faded = mix(color, _behind(frame, centre), 0.55)
    for slide in range(1, count + 1):
        width = wide if slide == index else size
        fill = color if slide == index else faded
        draw.rounded_rectangle(
            (x, centre[1] - size // 2, x + width, centre[1] + size // 2),
            radius=size // 2,
            fill=fill,
        )
        x += width + gap


def _behind(frame: Frame, point: tuple[int, int]) -> RGB:
    return _as_rgb(ImageStat.Stat(frame.canvas.crop((*point, point[0] + 1, point[1] + 1))).mean)


def arrow(frame: Frame, box: Box, color: RGB) -> None:
    """A right-pointing "swipe" arrow drawn as a shape, so no font needs the glyph."""
    left, top, right, bottom = box
    middle, thickness = (top + bottom) // 2, max(6, (bottom - top) // 7)
    head = (bottom - top) // 2
    draw = ImageDraw.Draw(frame.canvas)
    draw.rectangle(
        (left, middle - thickness // 2, right - head // 2, middle + thickness // 2), fill=color
    )
    draw.polygon([(right - head, top), (right, middle), (right - head, bottom)], fill=color)


@dataclass(frozen=True)
class WordsPlan:
    cta: PillPlan | None
    arrangement: Arrangement | None


def plan_words(
    frame: Frame, pieces: list[Piece], region: Box, align: str, anchor: str
) -> WordsPlan:
    """The call to action at the bottom of `region` and the pieces above it."""
    cta = plan_pill(frame, "cta", frame.creative.cta, region, align, "bottom")
    return WordsPlan(cta, arrange(frame, pieces, above(cta, region), align, anchor))


def shade_words(frame: Frame, plan: WordsPlan) -> None:
    """The fade under the words on a photo, from above them to the bottom edge."""
    behind = plan.arrangement.box if plan.arrangement is not None else None
    behind = behind or (plan.cta.box if plan.cta is not None else None)
    if behind is not None:
        shade_under(frame, behind)


def draw_words(frame: Frame, plan: WordsPlan, photo: bool) -> None:
    """The words, then the call to action below them; light text is preferred on photos,
    as designers do. On a photo, `shade_words` goes first. The rows above each are sealed
    as it is drawn: the layout draws nothing after them."""
    if plan.arrangement is not None:
        preferred = (WHITE,) if photo else ()
        candidates = frame.text_candidates(*preferred)
        draw_arrangement(frame, plan.arrangement, candidates, sealing=True)
    if plan.cta is not None:
        seal_above(frame, plan.cta)
        draw_pill(frame, plan.cta, frame.palette.accent)
