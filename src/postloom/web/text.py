"""Text helpers: Unicode clean-up and the folding used to compare words across languages."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
# ™ ® © ℠ ℹ and emoji/pictographs say nothing about a name or a product.
_SYMBOLS = re.compile(
    "[\u2122\u00ae\u00a9\u2120\u2139\u24b8\u24c7\u200b-\u200d\ufe0f"
    "\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff]"
)
# Turkish dotless/dotted i do not decompose under NFKD; fold them by hand.
_FOLD_EXTRA = str.maketrans({"ı": "i", "İ": "i", "ß": "ss", "ø": "o", "đ": "d", "ł": "l"})


def clean(text: str) -> str:
    """NFKC (so 𝓩𝓸𝓻𝓫𝓮𝔂 reads Zorbey), no ™/®/emoji, single spaces."""
    # Symbols go before NFKC too, which would turn ™ into the letters "TM".
    text = unicodedata.normalize("NFKC", _SYMBOLS.sub(" ", text))
    text = _SYMBOLS.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def squash(text: str) -> str:
    """Collapse whitespace only (for text we show as written)."""
    return _SPACES.sub(" ", text).strip()


def fold(text: str) -> str:
    """Lower case, accents removed, punctuation to spaces: "Hakkımızda" -> "hakkimizda"."""
    text = unicodedata.normalize("NFKC", text).translate(_FOLD_EXTRA)
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _SPACES.sub(" ", re.sub(r"[^\w]+|_", " ", text)).strip()


def key(text: str) -> str:
    """Letters and digits only, folded: "KOMBET30S" and "Kombet 30s" share a key."""
    return fold(text).replace(" ", "")


def truncate(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,.;:-") + "…"
