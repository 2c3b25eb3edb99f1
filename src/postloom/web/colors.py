"""The brand's colors, from where the CSS puts them and from the logo's pixels.

A color counts for more when it paints what a visitor notices — buttons, the header and
navigation, headings, links, the page background — and when its rule actually styles elements
on the pages read. Custom properties named like a brand color (--primary, --brand, --accent)
add their own weight. Greys, near-white and near-black are everywhere on every site, so they
are damped and come first only when they truly dominate.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import cast

import coloraide.css.color_names as color_names
from coloraide import Color as CAColor
from PIL import Image

from postloom.web.css import (
    PAGE_FACTOR,
    SelectorMatcher,
    StyleModel,
    is_page_selector,
    is_state,
    match_factor,
    subject,
)
from postloom.web.site import Color

MAX_COLORS = 10
MERGE_DISTANCE = 6.0  # ΔE (CIE76) under which two shades count as one color
NEUTRAL_CHROMA = 10.0
NEUTRAL_DAMPING = 0.2
CANVAS_DAMPING = 0.25  # a white or grey page background is the canvas, not a brand choice
LOGO_SHARE_OF_TOP = 0.5  # the whole logo palette weighs half of the strongest CSS color
MIN_LOGO_WEIGHT = 4.0

# How much a property shows its color: a background paints an area, a shadow barely anything.
_PROPERTY_WEIGHT = {
    "background": 1.4,
    "background-color": 1.4,
    "background-image": 1.2,
    "accent-color": 1.0,
    "color": 0.8,
    "-webkit-text-fill-color": 0.6,
    "fill": 0.7,
    "stroke": 0.5,
    "text-decoration-color": 0.3,
    "outline": 0.2,
    "outline-color": 0.2,
    "caret-color": 0.1,
    "box-shadow": 0.1,
    "text-shadow": 0.1,
}
_BORDER = re.compile(r"^border(-(top|right|bottom|left|block|inline)(-(start|end))?)?(-color)?$")

# (role, pattern, multiplier, where to look: the subject compound or the whole selector)
_ROLES: tuple[tuple[str, re.Pattern[str], float, bool], ...] = (
    ("button", re.compile(r"button|btn|\bcta\b|cta-|-cta|submit"), 3.0, True),
    ("header", re.compile(r"header|\bnav|navbar|topbar|top-bar|masthead|logo|brand"), 2.5, False),
    ("hero", re.compile(r"hero|banner|jumbotron|slider|carousel|showcase"), 1.8, False),
    ("heading", re.compile(r"^h[1-6]\b|title|heading|headline"), 1.6, True),
    ("link", re.compile(r"^a\b"), 1.5, True),
    ("footer", re.compile(r"footer"), 1.5, False),
)
_ACCENT_CLASS = re.compile(r"primary|accent|brand|highlight|special|theme")
_BRAND_VAR = re.compile(r"primary|brand|accent|main|theme")
_SECOND_VAR = re.compile(r"secondary")

_HEX = r"#(?:[0-9a-fA-F]{8}|[0-9a-fA-F]{6}|[0-9a-fA-F]{3,4})\b"
_FUNC = r"\b(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\([^()]*\)"
_WORD = r"(?<![\w#.-])[a-zA-Z]+(?![\w(-])"
_COLOR_TOKEN = re.compile(f"{_HEX}|{_FUNC}|{_WORD}", re.IGNORECASE)
_URL = re.compile(r"url\([^)]*\)", re.IGNORECASE)


@dataclass
class ColorTally:
    weight: float = 0.0
    sources: dict[str, float] = field(default_factory=dict)  # where the weight came from

    def add(self, weight: float, source: str) -> None:
        self.weight += weight
        self.sources[source] = self.sources.get(source, 0.0) + weight

    def merge(self, other: ColorTally) -> None:
        for source, weight in other.sources.items():
            self.add(weight, source)

    def top_sources(self, count: int = 3) -> list[str]:
        return sorted(self.sources, key=lambda s: -self.sources[s])[:count]


# --- reading colors --------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def parse_color(token: str) -> tuple[str, float] | None:
    """ "hsl(169 88% 75%)" -> ("#87f7e3", alpha); None for what is not a color."""
    is_word = token[0].isalpha() and "(" not in token
    if is_word and (
        token.lower() in ("transparent", "currentcolor") or not color_names.has_name(token)
    ):
        return None
    try:
        color = CAColor(token)
    except ValueError:
        return None
    alpha = float(color.alpha())
    srgb = color.convert("srgb").fit()
    return srgb.to_string(hex=True, alpha=False), alpha


def colors_in(value: str) -> list[tuple[str, float]]:
    """Every color written in a CSS value (gradients hold several), in order."""
    found = []
    for token in _COLOR_TOKEN.findall(_URL.sub(" ", value)):
        parsed = parse_color(token)
        if parsed and parsed[1] >= 0.15:  # faint overlays and shadows don't make a palette
            found.append(parsed)
    return found


def _property_weight(name: str) -> float:
    if name in _PROPERTY_WEIGHT:
        return _PROPERTY_WEIGHT[name]
    return 0.35 if _BORDER.match(name) else 0.0


# --- weighing CSS ----------------------------------------------------------------------------


def css_color_tallies(model: StyleModel, matcher: SelectorMatcher) -> dict[str, ColorTally]:
    tallies: dict[str, ColorTally] = {}
    for rule in model.rules:
        painted = [d for d in rule.declarations if _property_weight(d.name) > 0]
        if not painted:
            continue
        contexts = [_selector_context(s, rule.matched, matcher) for s in rule.selectors]
        conditional = 0.6 if rule.conditional else 1.0
        for decl in painted:
            colors = colors_in(model.resolve(decl.value))
            if not colors:
                continue
            is_background = decl.name.startswith("background")
            weight, role = max(c.weigh(is_background) for c in contexts)
            weight *= _property_weight(decl.name) * conditional
            for position, (hex_, alpha) in enumerate(colors):
                stop = 1.0 if position == 0 else 0.7  # later gradient stops matter less
                canvas = CANVAS_DAMPING if role == "background-page" and _is_neutral(hex_) else 1
                tallies.setdefault(hex_, ColorTally()).add(weight * stop * alpha * canvas, role)
    _add_brand_variables(model, tallies)
    return tallies


@dataclass
class _Context:
    roles: list[tuple[str, float]]
    page: bool
    accent: bool
    factor: float

    def weigh(self, is_background: bool) -> tuple[float, str]:
        role, multiplier = max(self.roles, key=lambda r: r[1], default=("other", 1.0))
        if self.page:
            role, multiplier = ("background-page", 3.0) if is_background else ("text", 1.0)
        elif is_background and role == "other":
            role = "background"
        if self.accent:
            multiplier *= 1.3
        return multiplier * self.factor, role


def _selector_context(selector: str, matched: int | None, matcher: SelectorMatcher) -> _Context:
    text = selector.lower()
    last = subject(text)
    roles = [
        (name, multiplier)
        for name, pattern, multiplier, on_subject in _ROLES
        if pattern.search(last if on_subject else text)
    ]
    page = is_page_selector(text)
    count = matched if matched is not None else matcher.count(selector)
    factor = PAGE_FACTOR if page else match_factor(count)
    factor *= 0.35 if is_state(text) else 1.0
    return _Context(roles, page, bool(_ACCENT_CLASS.search(last)), factor)


def _add_brand_variables(model: StyleModel, tallies: dict[str, ColorTally]) -> None:
    """--primary: #f8a5c2 is the site telling us its brand color outright."""
    used = Counter(model.var_uses)  # before resolving below adds uses of its own
    for name, value in model.variables.items():
        strength = 3.0 if _BRAND_VAR.search(name) else 1.5 if _SECOND_VAR.search(name) else 0.0
        if not strength:
            continue
        colors = colors_in(model.resolve(value))
        if len(colors) != 1:
            continue  # gradients and shadows are counted where they are used
        hex_, alpha = colors[0]
        # Declared but never used (a template's leftover --accent) says much less.
        weight = strength * alpha * (1.0 if used[name] else 0.3)
        tallies.setdefault(hex_, ColorTally()).add(weight, f"css-var:{name}")


# --- the logo's pixels -----------------------------------------------------------------------


def image_palette(body: bytes, content_type: str, size: int = 6) -> list[tuple[str, float]]:
    """The main colors of an image and their share of its visible pixels."""
    if content_type == "image/svg+xml":
        return _svg_palette(body.decode("utf-8", errors="replace"))
    try:
        with Image.open(io.BytesIO(body)) as image:
            # Nearest-neighbour: resampling would invent in-between colors at every edge.
            image.thumbnail((96, 96), Image.Resampling.NEAREST)
            rgba = image.convert("RGBA")
    except Exception:  # noqa: BLE001 — a broken or exotic image simply has no palette
        return []
    # Transparent pixels are the background the logo sits on, not the logo.
    pixels = cast(list[tuple[int, int, int, int]], list(rgba.get_flattened_data()))
    opaque = [pixel[:3] for pixel in pixels if pixel[3] >= 128]
    if not opaque:
        return []
    strip = Image.new("RGB", (len(opaque), 1))
    strip.putdata(opaque)
    quantized = strip.quantize(colors=size, method=Image.Quantize.MEDIANCUT)
    palette: list[int] = list(quantized.getpalette() or [])
    counts = [(int(count), int(str(index))) for count, index in quantized.getcolors() or []]
    total = sum(count for count, _ in counts)
    shares: dict[str, ColorTally] = {}
    for count, index in counts:
        red, green, blue = palette[index * 3 : index * 3 + 3]
        shares.setdefault(f"#{red:02x}{green:02x}{blue:02x}", ColorTally()).add(
            count / total, "logo"
        )
    return [(hex_, tally.weight) for hex_, tally in _merge_close(shares) if tally.weight >= 0.02]


def _svg_palette(svg: str) -> list[tuple[str, float]]:
    found = re.findall(r"(?:fill|stop-color|stroke|color)\s*[:=]\s*['\"]?([^'\";>\s]+)", svg)
    counts: Counter[str] = Counter()
    for token in found:
        parsed = parse_color(token)
        if parsed and parsed[1] >= 0.15:
            counts[parsed[0]] += 1
    total = sum(counts.values())
    return [(hex_, n / total) for hex_, n in counts.most_common()] if total else []


def image_size(body: bytes) -> tuple[int, int] | None:
    try:
        with Image.open(io.BytesIO(body)) as image:
            return image.size
    except Exception:  # noqa: BLE001
        return None


# --- ranking ---------------------------------------------------------------------------------


def rank_colors(
    tallies: dict[str, ColorTally], logo_palette: list[tuple[str, float]] | None = None
) -> list[Color]:
    tallies = {hex_: ColorTally(t.weight, dict(t.sources)) for hex_, t in tallies.items()}
    if logo_palette:
        top = max((t.weight for t in tallies.values()), default=0.0)
        logo_weight = max(MIN_LOGO_WEIGHT, LOGO_SHARE_OF_TOP * top)
        for hex_, share in logo_palette:
            tallies.setdefault(hex_, ColorTally()).add(logo_weight * share, "logo")
    for hex_, tally in tallies.items():
        if _is_neutral(hex_):
            tally.weight *= NEUTRAL_DAMPING
    merged = _merge_close(tallies)
    if not merged:
        return []
    top = merged[0][1].weight or 1.0
    return [
        Color(hex_, round(t.weight / top, 3), t.top_sources()) for hex_, t in merged[:MAX_COLORS]
    ]


@lru_cache(maxsize=4096)
def _lab(hex_: str) -> tuple[float, float, float]:
    l_, a, b = CAColor(hex_).convert("lab").coords()
    return float(l_), float(a), float(b)


def _is_neutral(hex_: str) -> bool:
    lightness, a, b = _lab(hex_)
    chroma = (a * a + b * b) ** 0.5
    return chroma < NEUTRAL_CHROMA or lightness > 97 or lightness < 4


def _merge_close(tallies: dict[str, ColorTally]) -> list[tuple[str, ColorTally]]:
    kept: list[tuple[str, ColorTally]] = []
    for hex_, tally in sorted(tallies.items(), key=lambda kv: -kv[1].weight):
        if tally.weight <= 0:
            continue
        close = next((k for k in kept if _distance(k[0], hex_) < MERGE_DISTANCE), None)
        if close:
            close[1].merge(tally)
        else:
            kept.append((hex_, tally))
    return sorted(kept, key=lambda kv: -kv[1].weight)


def _distance(one: str, other: str) -> float:
    a, b = _lab(one), _lab(other)
    return sum((x - y) ** 2 for x, y in zip(a, b, strict=True)) ** 0.5
