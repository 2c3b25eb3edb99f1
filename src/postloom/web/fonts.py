"""The brand's typefaces: what the body and headings are set in, and what the site loads.

A family counts when a rule that styles the page uses it (body and headings most), and counts
double when the site also loads it (Google Fonts and similar links, @font-face). Generic
families (sans-serif...), system aliases and icon fonts (Font Awesome, ionicons...) are not
typefaces a brand chooses.
"""

from __future__ import annotations

import re
from collections import defaultdict
from urllib.parse import parse_qs, unquote, urlsplit

from selectolax.lexbor import LexborHTMLParser

from postloom.web.css import (
    PAGE_FACTOR,
    SelectorMatcher,
    StyleModel,
    is_page_selector,
    is_state,
    match_factor,
    subject,
)

MAX_FONTS = 4

_GENERIC = {
    "serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui", "ui-sans-serif",
    "ui-serif", "ui-monospace", "ui-rounded", "emoji", "math", "fangsong", "inherit", "initial",
    "unset", "revert", "revert-layer", "-apple-system", "blinkmacsystemfont", "none", "normal",
    "apple color emoji", "segoe ui emoji", "segoe ui symbol", "noto color emoji",
}  # fmt: skip
_ICON_FONT = re.compile(
    r"awesome|icon|ionic|glyph|material symbols|remix|feather|themify|linear|dashicons|"
    r"flaticon|icomoon|elegant|pe-7|fontello|typicons|bootstrap|weathericons|socicon|swiper",
    re.IGNORECASE,
)
_FONT_SERVICES = ("fonts.googleapis.com", "fonts.bunny.net", "fonts.cdnfonts.com",
                  "api.fontshare.com")  # fmt: skip
# The size (and optional /line-height) in a `font:` shorthand; the families follow it.
_SIZE = re.compile(
    r"(?:^|\s)(?:[\d.]+(?:px|pt|em|rem|%|vw|vh|ex|ch|vmin|vmax)|xx-small|x-small|small|medium"
    r"|large|x-large|xx-large|larger|smaller)(?:\s*/\s*\S+)?\s+",
    re.IGNORECASE,
)


def rank_fonts(
    model: StyleModel, matcher: SelectorMatcher, trees: list[LexborHTMLParser]
) -> list[str]:
    loaded = loaded_families(model, trees)
    loaded_keys = {f.casefold() for f in loaded}
    # The service's spelling ("Playfair Display") beats a stylesheet's ("playfair display").
    spelling: dict[str, str] = {f.casefold(): f for f in loaded}
    weights: dict[str, float] = defaultdict(float)
    for family, weight in _used_families(model, matcher):
        key = family.casefold()
        spelling.setdefault(key, family)
        weights[key] += weight * (2.0 if key in loaded_keys else 1.0)
    for family in loaded:
        weights[family.casefold()] += 1.0
    ranked = sorted((k for k, w in weights.items() if w > 0), key=lambda k: -weights[k])
    if not ranked:
        return []
    top = weights[ranked[0]]
    return [spelling[k] for k in ranked if weights[k] >= 0.1 * top][:MAX_FONTS]


def _used_families(model: StyleModel, matcher: SelectorMatcher) -> list[tuple[str, float]]:
    used = []
    for rule in model.rules:
        for decl in rule.declarations:
            if decl.name not in ("font-family", "font"):
                continue
            value = model.resolve(decl.value)
            family = first_family(value if decl.name == "font-family" else _shorthand(value))
            if not family:
                continue
            weight = max(_selector_weight(s, rule.matched, matcher) for s in rule.selectors)
            used.append((family, weight * (0.6 if rule.conditional else 1.0)))
    return used


def _selector_weight(selector: str, matched: int | None, matcher: SelectorMatcher) -> float:
    text = selector.lower()
    last = re.sub(r":.*$", "", subject(text))
    if is_page_selector(text):
        return 3.0 * PAGE_FACTOR  # the body's font is inherited by nearly every word
    if re.match(r"h[1-6]\b", last) or re.search(r"title|heading|headline", last):
        role = 2.0
    elif re.search(r"button|btn|nav|menu|logo|brand", text):
        role = 1.0
    else:
        role = 0.6
    count = matched if matched is not None else matcher.count(selector)
    return role * match_factor(count) * (0.35 if is_state(text) else 1.0)


def _shorthand(value: str) -> str:
    """The family part of `font: italic 700 1rem/1.5 "Sora", sans-serif` ("" for `inherit`)."""
    match = _SIZE.search(value)
    return value[match.end() :].strip() if match else ""


def first_family(stack: str) -> str:
    """The family a designer chose: the first in the stack that names a real typeface."""
    for raw in stack.split(","):
        family = re.sub(r"\s+", " ", raw.strip().strip("'\"")).strip()
        if not family or "(" in family or family.casefold() in _GENERIC:
            continue
        if _ICON_FONT.search(family) or family.startswith("--"):
            return ""
        return family
    return ""


def loaded_families(model: StyleModel, trees: list[LexborHTMLParser]) -> list[str]:
    """Families the site downloads: font service links, @import of them, @font-face."""
    urls = [node.attributes.get("href") or "" for tree in trees for node in tree.css("link[href]")]
    urls += model.imports
    families: list[str] = []
    for url in urls:
        families += families_from_font_url(url)
    families += [f for f in model.font_faces if f and not _ICON_FONT.search(f)]
    unique: dict[str, str] = {}
    for family in families:
        unique.setdefault(family.casefold(), family)
    return list(unique.values())


def families_from_font_url(url: str) -> list[str]:
    """Family names in a Google Fonts (css and css2), Bunny, Fontshare or CDNFonts URL."""
    parts = urlsplit(url.replace("&amp;", "&"))
    host = (parts.hostname or "").lower()
    if host not in _FONT_SERVICES:
        return []
    query = parse_qs(parts.query)
    if host == "api.fontshare.com":
        # f[]=satoshi@400,700 — one parameter per family, weights after the @
        names = [v.split("@")[0].replace("-", " ").title() for v in query.get("f[]", [])]
    elif host == "fonts.cdnfonts.com":
        slug = unquote(parts.path.rsplit("/", 1)[-1]).removesuffix(".css")
        names = [slug.replace("-", " ").title()] if slug else []
    else:
        names = [spec.split(":")[0] for v in query.get("family", []) for spec in v.split("|")]
    return [n.strip() for n in names if n.strip() and not _ICON_FONT.search(n)]
