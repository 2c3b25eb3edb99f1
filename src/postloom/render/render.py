"""brand kit + creative -> JPEG: the renderer's one entry point."""

from __future__ import annotations

from postloom.render.color import palette_from
from postloom.render.errors import RenderError
from postloom.render.fonts import typography_for
from postloom.render.kit import SIZES, BrandKit, Creative, RenderResult
from postloom.render.layouts import LAYOUTS, Frame


def render_creative(kit: BrandKit, creative: Creative) -> RenderResult:
    """Render one still creative. Raises RenderError for unknown layouts or sizes and for
    photos or logos that cannot be read; everything else degrades (no photo: brand
    background; text too long: smaller, wrapped, and as a last resort ellipsized)."""
    frame = compose(kit, creative)
    return RenderResult(
        jpeg=frame.encoder.finish(frame.canvas),
        width=frame.width,
        height=frame.height,
        text_boxes=tuple(frame.text_boxes),
    )


def compose(kit: BrandKit, creative: Creative) -> Frame:
    """The drawn canvas before encoding, with what was placed where (tests look at both)."""
    layout = LAYOUTS.get(creative.layout)
    if layout is None:
        known = ", ".join(sorted(LAYOUTS))
        raise RenderError("unknown_layout", f"unknown layout {creative.layout!r}; use {known}")
    size = SIZES.get(creative.size)
    if size is None:
        known = ", ".join(sorted(SIZES))
        raise RenderError("unknown_size", f"unknown size {creative.size!r}; use {known}")
    frame = Frame(
        kit=kit,
        creative=creative,
        size=size,
        palette=palette_from(kit.colors),
        typography=typography_for(kit.fonts),
    )
    layout(frame)
    frame.settle()  # a photo still decoding is placed now, or its RenderError raised
    return frame
