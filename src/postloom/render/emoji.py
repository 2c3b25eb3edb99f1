"""Colour emoji: drawn once at the font's only bitmap size, scaled to the text, and cached.

Caching a rendered emoji per size is a glyph cache (the same 😍 recurs in every post of a
brand); it never caches a creative.
"""

from __future__ import annotations

from functools import lru_cache

from PIL import Image, ImageDraw

from postloom.render import caches, fonts


def advance(size: int) -> float:
    """Horizontal space one emoji takes next to text of `size` px."""
    font = fonts.emoji_font()
    if font is None:
        return 0.0
    return _strike_advance(fonts.EMOJI_FONT_PATH) * size / fonts.EMOJI_STRIKE_SIZE


def metrics(size: int) -> tuple[int, int]:
    """(ascent, descent) of an emoji line at `size` px, to size the line box."""
    font = fonts.emoji_font()
    if font is None:
        return (0, 0)
    ascent, descent = font.getmetrics()
    scale = size / fonts.EMOJI_STRIKE_SIZE
    return (round(ascent * scale + 0.5), round(descent * scale + 0.5))


def bitmap(cluster: str, size: int) -> Image.Image | None:
    """The emoji cluster as an RGBA image whose top sits `metrics(size)[0]` above baseline."""
    return _bitmap(fonts.EMOJI_FONT_PATH, cluster, size)


@caches.register
@lru_cache(maxsize=8)
def _strike_advance(path: str) -> float:
    font = fonts.emoji_font()
    return font.getlength("\U0001f600") if font is not None else 0.0


# A few hundred emoji at text sizes are a few megabytes; big ones are rarer.
@caches.register
@lru_cache(maxsize=256)
def _bitmap(path: str, cluster: str, size: int) -> Image.Image | None:
    font = fonts.emoji_font()
    if font is None:
        return None
    ascent, descent = font.getmetrics()
    width = round(_strike_advance(path))
    strike = Image.new("RGBA", (width, ascent + descent))
    ImageDraw.Draw(strike).text((0, ascent), cluster, font=font, embedded_color=True, anchor="ls")
    scale = size / fonts.EMOJI_STRIKE_SIZE
    target = (max(1, round(width * scale)), max(1, round((ascent + descent) * scale)))
    return strike.resize(target, Image.Resampling.LANCZOS)
