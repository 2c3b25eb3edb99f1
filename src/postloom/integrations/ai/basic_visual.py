"""What a brand's colors and fonts look like, in words a designer would use.

Colors are read in HLS (lightness and saturation say "pastel", "earthy", "dark"; hue says warm or
cool); fonts by family name against lists of well-known faces. The result is a small value that
``basic_phrases`` words in the user's language.
"""

from __future__ import annotations

import colorsys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

Palette = Literal[
    "none", "monochrome", "dark", "pastel", "earthy", "vivid_warm", "vivid_cool", "fresh",
    "warm", "cool", "accent",
]  # fmt: skip
Hue = Literal["red", "orange", "yellow", "green", "teal", "blue", "purple", "pink", "brown"]
FontKind = Literal["sans", "serif", "script", "display", "mono"]

COLORS_READ = 4  # the first few colors set the impression; the rest are details

_SERIF = (
    "playfair", "merriweather", "lora", "georgia", "times", "garamond", "baskerville", "crimson",
    "cormorant", "pt serif", "noto serif", "source serif", "roboto slab", "dm serif", "bitter",
    "cardo", "spectral", "prata", "frank ruhl", "domine", "arvo", "zilla slab", "libre caslon",
    "cinzel", "marcellus", "old standard", "vollkorn", "alegreya", "gelasio", "literata",
)  # fmt: skip
_SCRIPT = (
    "pacifico", "dancing script", "great vibes", "satisfy", "sacramento", "parisienne",
    "allura", "caveat", "kaushan", "amatic", "shadows into light", "homemade apple",
    "indie flower", "patrick hand", "gochi", "cookie", "courgette", "yellowtail", "alex brush",
    "tangerine", "marck script", "comic", "handlee", "lobster",
)  # fmt: skip
_DISPLAY = (
    "bebas", "anton", "oswald", "abril fatface", "alfa slab", "righteous", "bungee",
    "archivo black", "fjalla", "league gothic", "passion one", "black ops", "staatliches",
    "bowlby", "bangers", "luckiest guy", "fredoka one", "titan one", "russo one", "teko",
)  # fmt: skip
_MONO = ("mono", "courier", "consolas", "menlo", "monaco", "source code", "fira code", "code")
_GENERIC_FAMILIES: dict[str, FontKind] = {
    "serif": "serif",
    "sans-serif": "sans",
    "monospace": "mono",
    "cursive": "script",
    "fantasy": "display",
    "system-ui": "sans",
    "-apple-system": "sans",
    "blinkmacsystemfont": "sans",
    "ui-sans-serif": "sans",
    "ui-serif": "serif",
    "ui-monospace": "mono",
}


@dataclass(frozen=True)
class _HLS:
    hue: float  # degrees, 0-360
    lightness: float  # 0-1
    saturation: float  # 0-1

    @property
    def neutral(self) -> bool:
        # Greys, near-black and near-white carry no hue worth naming.
        return self.saturation < 0.12 or self.lightness < 0.08 or self.lightness > 0.95

    @property
    def warm(self) -> bool:
        return self.hue < 70 or self.hue >= 330


@dataclass(frozen=True)
class VisualReading:
    palette: Palette
    accent: Hue | None  # the hue named by "accent" palettes
    fonts: tuple[FontKind, ...]  # heading face first; at most two, distinct


def _hls(hex_color: str) -> _HLS:
    r, g, b = (int(hex_color[i : i + 2], 16) / 255 for i in (1, 3, 5))
    hue, lightness, saturation = colorsys.rgb_to_hls(r, g, b)
    return _HLS(hue * 360, lightness, saturation)


def hue_name(color: _HLS) -> Hue:
    h = color.hue
    if 15 <= h < 45 and color.lightness < 0.45:
        return "brown"
    bounds: tuple[tuple[float, Hue], ...] = (
        (15, "red"), (40, "orange"), (65, "yellow"), (165, "green"), (195, "teal"),
        (255, "blue"), (290, "purple"), (345, "pink"), (360, "red"),
    )  # fmt: skip
    return next(name for limit, name in bounds if h < limit)


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values)


def palette_of(colors: Sequence[str]) -> tuple[Palette, Hue | None]:
    shades = [_hls(color) for color in colors[:COLORS_READ]]
    if not shades:
        return "none", None
    chromatic = [shade for shade in shades if not shade.neutral]
    if not chromatic:
        return ("dark" if _mean([s.lightness for s in shades]) < 0.3 else "monochrome"), None
    if len(chromatic) == 1 and len(shades) >= 2:
        return "accent", hue_name(chromatic[0])
    return _chromatic_palette(chromatic), None


def _chromatic_palette(shades: Sequence[_HLS]) -> Palette:
    lightness = _mean([s.lightness for s in shades])
    saturation = _mean([s.saturation for s in shades])
    lead = shades[0]
    if lightness < 0.25:
        return "dark"
    if lightness > 0.78 and saturation >= 0.25:
        return "pastel"
    if lead.warm and saturation < 0.55 and 0.15 < lightness < 0.65:
        return "earthy"
    if saturation >= 0.65 and 0.3 < lightness < 0.7:
        return "vivid_warm" if lead.warm or lead.hue >= 300 else "vivid_cool"
    if 70 <= lead.hue < 165:
        return "fresh"
    return "warm" if lead.warm else "cool"


def font_kind(family: str) -> FontKind:
    name = family.strip().strip("\"'").lower()
    if name in _GENERIC_FAMILIES:
        return _GENERIC_FAMILIES[name]
    checks: tuple[tuple[tuple[str, ...], FontKind], ...] = (
        (_MONO, "mono"),
        (_SCRIPT, "script"),
        (_DISPLAY, "display"),
        (_SERIF, "serif"),
    )
    for names, kind in checks:
        if any(known in name for known in names):
            return kind
    if "script" in name or "hand" in name:
        return "script"
    if ("serif" in name and "sans" not in name) or "slab" in name:
        return "serif"
    return "sans"  # most web fonts (Inter, Roboto, Poppins, Montserrat...) are sans-serif


def read_visual(colors: Sequence[str], fonts: Sequence[str]) -> VisualReading:
    palette, accent = palette_of(colors)
    kinds: list[FontKind] = []
    for family in fonts:
        kind = font_kind(family)
        if kind not in kinds:
            kinds.append(kind)
    return VisualReading(palette=palette, accent=accent, fonts=tuple(kinds[:2]))
