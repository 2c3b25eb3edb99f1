"""The renderer's in-process caches, registered in one place so they can be cleared together.

Everything cached is a pure function of its key: fonts and glyph masks by face and size,
shaping by face, language and text, fits by text, style and box, brand layers by palette,
size and variant, logos by their bytes. A different brand therefore has different keys and
never gets another brand's layer; a creative's output, and its photo, are never cached.

`clear()` is for tests that swap what those functions read (the emoji font, say) and for a
long-lived worker that wants its memory back.
"""

from __future__ import annotations

from typing import Protocol


class Clearable(Protocol):
    def cache_clear(self) -> None: ...


_REGISTERED: list[Clearable] = []


def register[C: Clearable](cache: C) -> C:
    """Decorator (above functools.lru_cache) that enrols a cache in `clear()`."""
    _REGISTERED.append(cache)
    return cache


def clear() -> None:
    for cache in _REGISTERED:
        cache.cache_clear()
