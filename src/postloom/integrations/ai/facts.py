"""What a brand profile takes from the site as fact, and the rules every provider's output obeys.

Name, colors, fonts, products, social links and logo come from the SiteExtract: copied, never
invented. The cleaners below are applied to every provider's answer, so a language model that
was talked into odd values (a prompt injection in the site text) still yields a valid profile.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal
from urllib.parse import urlsplit

from postloom.web.site import SiteExtract

ReplyLanguage = Literal["en", "id", "tr"]

MAX_COLORS = 6
MAX_FONTS = 4
MAX_PRODUCTS = 30
MAX_KEYWORDS = 12
NAME_LIMIT = 120

_HEX = re.compile(r"#?([0-9a-fA-F]{6})")
# Font family names are style metadata, not prose: letters, digits, spaces and a few marks.
_FONT = re.compile(r"[\w][\w .'&+-]{0,59}")
_ALIASES = {"in": "id", "ind": "id", "tur": "tr", "eng": "en"}


def reply_language(code: str) -> ReplyLanguage:
    """The language descriptions are written in: en, id or tr (anything else reads English)."""
    base = (code or "en").strip().lower().replace("_", "-").split("-")[0]
    base = _ALIASES.get(base, base)
    if base == "id":
        return "id"
    if base == "tr":
        return "tr"
    return "en"


def normalise_hex(value: object) -> str | None:
    """'#AABBCC' or 'aabbcc' -> '#aabbcc'; anything else (names, #abc, rgb()) -> None."""
    if not isinstance(value, str):
        return None
    match = _HEX.fullmatch(value.strip())
    return f"#{match.group(1).lower()}" if match else None


def clean_colors(values: Iterable[object], limit: int = MAX_COLORS) -> list[str]:
    colors: list[str] = []
    for value in values:
        color = normalise_hex(value)
        if color and color not in colors:
            colors.append(color)
    return colors[:limit]


def clean_names(values: Iterable[object], limit: int, length: int = NAME_LIMIT) -> list[str]:
    """Stripped, non-empty, case-insensitively unique short strings, order kept."""
    seen: set[str] = set()
    names: list[str] = []
    for value in values:
        if not isinstance(value, str):
            continue
        name = " ".join(value.split())[:length].strip()
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(name)
    return names[:limit]


def clean_fonts(values: Iterable[object]) -> list[str]:
    fonts = clean_names(values, MAX_FONTS * 2, length=60)
    return [font for font in fonts if _FONT.fullmatch(font)][:MAX_FONTS]


def clean_keywords(values: Iterable[object]) -> list[str]:
    words = clean_names(values, MAX_KEYWORDS * 2, length=40)
    return [w for w in words if not w.replace(" ", "").isdigit()][:MAX_KEYWORDS]


def fit(text: object, limit: int) -> str:
    """A single-spaced string of at most ``limit`` characters, cut at a word when possible."""
    if not isinstance(text, str):
        return ""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,;:-") + "…"


def site_colors(site: SiteExtract) -> list[str]:
    # sorted() is stable, so colors of equal weight keep the extractor's order.
    ordered = sorted(site.colors, key=lambda color: -color.weight)
    return clean_colors(color.hex for color in ordered)


def site_fonts(site: SiteExtract) -> list[str]:
    return clean_fonts(site.fonts)


def site_products(site: SiteExtract) -> list[str]:
    return clean_names((product.name for product in site.products), MAX_PRODUCTS)


def site_social(site: SiteExtract) -> dict[str, str]:
    return {network: url for network, url in site.social.items() if _is_http_url(url)}


def site_logo(site: SiteExtract) -> str:
    return site.logo_url if _is_http_url(site.logo_url) else ""


def site_name(site: SiteExtract) -> str:
    """The business's name as the site states it; its domain when it states none."""
    for candidate in (site.name, site.title):
        name = fit(candidate, NAME_LIMIT)
        if name:
            return name
    host = urlsplit(site.url).hostname or ""
    return host.removeprefix("www.")[:NAME_LIMIT]


def site_language(site: SiteExtract) -> str:
    language = (site.language or "").strip().lower()
    return language if re.fullmatch(r"[a-z]{2,3}", language) else ""


def _is_http_url(url: str) -> bool:
    parts = urlsplit(url or "")
    return parts.scheme in ("http", "https") and bool(parts.netloc)
