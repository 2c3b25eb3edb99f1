"""Bundled fonts (from PyPI font packages), matched to a brand's wished families by style.

A brand names families we cannot ship (a paid font, or one of a thousand Google Fonts); what
matters for a post is the style, so each wish maps to one of four bundled styles. All of
them cover Latin Extended (Turkish İ ı ğ ş, Indonesian); Arabic and emoji come from fallbacks.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from PIL import ImageFont

from postloom.render import caches
from postloom.render.cmap import codepoints
from postloom.render.errors import RenderError

EMOJI_FONT_PATH = "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf"
# Noto Color Emoji is a bitmap (CBDT) font with one strike; FreeType only opens it there.
EMOJI_STRIKE_SIZE = 109

SANS, SERIF, DISPLAY, HANDWRITTEN = "sans", "serif", "display", "handwritten"
STYLES = (SANS, SERIF, DISPLAY, HANDWRITTEN)


@dataclass(frozen=True)
class FontFace:
    """One font file at one weight. `axes` pins a variable font's axes (in the file's order)."""

    package: str
    filename: str
    css_family: str
    css_weight: int = 400
    italic: bool = False
    axes: tuple[int, ...] = ()

    @property
    def path(self) -> str:
        return _package_file(self.package, self.filename)


_SANS = "font_source_sans_pro"
_SERIF = "font_source_serif_pro"
_CAVEAT = "Caveat[wght].ttf"

# style -> (regular, bold, italic)
FACES: dict[str, tuple[FontFace, FontFace, FontFace]] = {
    SANS: (
        FontFace(_SANS, "SourceSansPro-Regular.ttf", "Source Sans Pro", 400),
        FontFace(_SANS, "SourceSansPro-Bold.ttf", "Source Sans Pro", 700),
        FontFace(_SANS, "SourceSansPro-It.ttf", "Source Sans Pro", 400, italic=True),
    ),
    SERIF: (
        FontFace(_SERIF, "SourceSerifPro-Regular.ttf", "Source Serif Pro", 400),
        FontFace(_SERIF, "SourceSerifPro-Bold.ttf", "Source Serif Pro", 700),
        FontFace(_SERIF, "SourceSerifPro-It.ttf", "Source Serif Pro", 400, italic=True),
    ),
    DISPLAY: (
        FontFace("font_manrope", "Manrope-Medium.ttf", "Manrope", 500),
        FontFace("font_manrope", "Manrope-ExtraBold.ttf", "Manrope", 800),
        FontFace("font_manrope", "Manrope-Medium.ttf", "Manrope", 500),
    ),
    HANDWRITTEN: (
        FontFace("fontpkg_caveat", _CAVEAT, "Caveat", 500, axes=(500,)),
        FontFace("fontpkg_caveat", _CAVEAT, "Caveat", 700, axes=(700,)),
        FontFace("fontpkg_caveat", _CAVEAT, "Caveat", 500, axes=(500,)),
    ),
}

# Scripts the brand fonts lack; tried in order after the role's own font.
ARABIC = FontFace(
    "fontpkg_noto_sans_arabic", "NotoSansArabic[wdth,wght].ttf", "Noto Sans Arabic", 500,
    axes=(500, 100),
)  # fmt: skip

# Families seen on small-business sites, by the style they read as. Anything not listed is
# guessed from words in its name, and falls back to sans.
KNOWN_FAMILIES: dict[str, str] = {
    **dict.fromkeys(
        ("playfair display", "lora", "merriweather", "georgia", "times new roman", "garamond",
         "eb garamond", "cormorant", "cormorant garamond", "libre baskerville", "crimson text",
         "dm serif display", "pt serif", "noto serif", "bodoni moda", "cinzel", "fraunces",
         "source serif pro", "marcellus", "spectral", "vollkorn", "literata", "bitter"),
        SERIF,
    ),
    **dict.fromkeys(
        ("montserrat", "poppins", "bebas neue", "oswald", "anton", "raleway", "archivo black",
         "league spartan", "manrope", "syne", "unbounded", "space grotesk", "outfit", "sora",
         "righteous", "fjalla one", "abril fatface", "alfa slab one", "lilita one", "bungee",
         "fredoka", "fredoka one", "titan one", "plus jakarta sans", "josefin sans"),
        DISPLAY,
    ),
    **dict.fromkeys(
        ("pacifico", "dancing script", "caveat", "great vibes", "lobster", "satisfy",
         "permanent marker", "indie flower", "shadows into light", "amatic sc", "kalam",
         "yellowtail", "sacramento", "parisienne", "allura", "kaushan script", "zeyada"),
        HANDWRITTEN,
    ),
}  # fmt: skip

_NAME_HINTS = (
    ("sans", SANS),
    ("script", HANDWRITTEN),
    ("hand", HANDWRITTEN),
    ("brush", HANDWRITTEN),
    ("marker", HANDWRITTEN),
    ("serif", SERIF),
    ("slab", SERIF),
    ("display", DISPLAY),
)


def style_of(family: str) -> str | None:
    """The bundled style closest to a family name; None when nothing suggests one."""
    name = " ".join(family.replace('"', " ").replace("'", " ").lower().split())
    if name in KNOWN_FAMILIES:
        return KNOWN_FAMILIES[name]
    for word, style in _NAME_HINTS:
        if word in name:
            return style
    return None


@dataclass(frozen=True)
class Typography:
    """The faces each text role uses for one brand."""

    heading: FontFace
    body: FontFace
    body_bold: FontFace
    quote: FontFace
    heading_style: str


def typography_for(fonts: tuple[str, ...]) -> Typography:
    wished = [style_of(f) for f in fonts]
    heading_style = next((s for s in wished[:1] if s), DISPLAY)
    body_style = wished[1] if len(wished) > 1 and wished[1] else SANS
    if body_style in (DISPLAY, HANDWRITTEN):
        # Script and display faces tire the eye at paragraph length.
        body_style = SANS
    quote = FACES[HANDWRITTEN][1] if heading_style == HANDWRITTEN else FACES[SERIF][2]
    return Typography(
        heading=FACES[heading_style][1],
        body=FACES[body_style][0],
        body_bold=FACES[body_style][1],
        quote=quote,
        heading_style=heading_style,
    )


def fallback_chain(face: FontFace) -> tuple[FontFace, ...]:
    """The role's face, then faces for what it may lack (Latin symbols, then Arabic)."""
    sans = FACES[SANS][1] if face.css_weight >= 700 else FACES[SANS][0]
    return (face, sans, ARABIC) if face.package != _SANS else (face, ARABIC)


@caches.register
@lru_cache(maxsize=512)
def load(face: FontFace, size: int) -> ImageFont.FreeTypeFont:
    """A loaded font at a pixel size; cached because every post of a brand reuses them."""
    try:
        font = ImageFont.truetype(face.path, size, layout_engine=ImageFont.Layout.RAQM)
    except OSError as error:
        raise RenderError("fonts_missing", f"cannot open font {face.filename}: {error}") from error
    if face.axes:
        font.set_variation_by_axes(list(face.axes))
    return font


def emoji_font() -> ImageFont.FreeTypeFont | None:
    """The colour emoji font at its only strike, or None when it is not installed."""
    return _emoji_font_at(EMOJI_FONT_PATH)


def emoji_codepoints() -> frozenset[int]:
    return codepoints(EMOJI_FONT_PATH) if emoji_font() is not None else frozenset()


@caches.register
@lru_cache(maxsize=4)
def _emoji_font_at(path: str) -> ImageFont.FreeTypeFont | None:
    if not os.path.exists(path):
        return None
    try:
        return ImageFont.truetype(path, EMOJI_STRIKE_SIZE, layout_engine=ImageFont.Layout.RAQM)
    except OSError:
        return None


@caches.register
@lru_cache(maxsize=32)
def _package_file(package: str, filename: str) -> str:
    try:
        directory = resources.files(package)
    except ModuleNotFoundError as error:
        raise RenderError("fonts_missing", f"font package {package} is not installed") from error
    # The pimoroni packages keep fonts under files/; fontpkg packages do too.
    return str(directory / "files" / filename)
