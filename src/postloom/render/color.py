"""Colours: parsing, WCAG luminance and contrast, and the palette a brand kit implies."""

from __future__ import annotations

import re
from dataclasses import dataclass

RGB = tuple[int, int, int]

WHITE: RGB = (255, 255, 255)
BLACK: RGB = (0, 0, 0)
# Used when a brand gives no usable colour: a calm teal that passes AA with white text.
DEFAULT_PRIMARY: RGB = (17, 94, 89)
DEFAULT_ACCENT: RGB = (245, 158, 11)

_HEX = re.compile(r"^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


def _channel_to_linear(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


# sRGB channel value -> linear light, the first step of WCAG relative luminance.
LINEAR: tuple[float, ...] = tuple(_channel_to_linear(v) for v in range(256))


def parse_hex(text: str) -> RGB | None:
    """'#1a2b3c', '1a2b3c' or '#abc' to an RGB triple; None when it is not a hex colour."""
    match = _HEX.match(text.strip())
    if not match:
        return None
    digits = match.group(1)
    if len(digits) == 3:
        digits = "".join(ch * 2 for ch in digits)
    return (int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16))


def to_hex(rgb: RGB) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def luminance(rgb: RGB) -> float:
    """WCAG 2 relative luminance, 0 (black) to 1 (white)."""
    r, g, b = rgb
    return 0.2126 * LINEAR[r] + 0.7152 * LINEAR[g] + 0.0722 * LINEAR[b]


def contrast_ratio(lum_a: float, lum_b: float) -> float:
    light, dark = max(lum_a, lum_b), min(lum_a, lum_b)
    return (light + 0.05) / (dark + 0.05)


def contrast(a: RGB, b: RGB) -> float:
    return contrast_ratio(luminance(a), luminance(b))


def mix(a: RGB, b: RGB, amount: float) -> RGB:
    """`amount` of b over a, in sRGB space (the same blend Pillow's compositing does)."""
    return (
        round(a[0] + (b[0] - a[0]) * amount),
        round(a[1] + (b[1] - a[1]) * amount),
        round(a[2] + (b[2] - a[2]) * amount),
    )


def readable_on(background: RGB, preferred: tuple[RGB, ...] = ()) -> RGB:
    """The first preferred colour that reaches 4.5:1 on a solid background, else black/white."""
    for candidate in preferred:
        if contrast(candidate, background) >= 4.5:
            return candidate
    return WHITE if contrast(WHITE, background) >= contrast(BLACK, background) else BLACK


@dataclass(frozen=True)
class Palette:
    """The roles a layout paints with, derived from the brand's ordered colours."""

    primary: RGB
    secondary: RGB
    accent: RGB
    light: RGB
    dark: RGB

    @property
    def text_candidates(self) -> tuple[RGB, ...]:
        """Brand colours first, so text stays on-brand when it is readable."""
        return (self.light, self.dark, WHITE, BLACK)


def palette_from(colors: tuple[str, ...]) -> Palette:
    parsed = [rgb for rgb in (parse_hex(c) for c in colors) if rgb is not None]
    primary = parsed[0] if parsed else DEFAULT_PRIMARY
    secondary = parsed[1] if len(parsed) > 1 else mix(primary, BLACK, 0.35)
    accent = parsed[2] if len(parsed) > 2 else _accent_for(primary, secondary, parsed)
    return Palette(
        primary=primary,
        secondary=secondary,
        accent=accent,
        light=mix(primary, WHITE, 0.92),
        dark=mix(primary, BLACK, 0.82),
    )


def _accent_for(primary: RGB, secondary: RGB, parsed: list[RGB]) -> RGB:
    # A second brand colour that differs enough from the first makes a better accent than
    # an invented one; otherwise a warm default that stands out on most primaries.
    if len(parsed) > 1 and contrast(primary, secondary) >= 1.6:
        return secondary
    return DEFAULT_ACCENT if contrast(DEFAULT_ACCENT, primary) >= 1.6 else mix(primary, WHITE, 0.6)
