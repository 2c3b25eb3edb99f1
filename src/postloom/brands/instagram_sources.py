"""How the connected Instagram account (profile, recent captions) reaches the brand analysis.

The connections app registers its reader here at start-up: it sits above brands and may read
them, while brands must not import it. A module of its own, so that registering does not load
the analysis (the crawler, the extractors) into every process that starts Django.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from postloom.brands.models import Business
    from postloom.integrations.ai.base import InstagramInput

Source = Callable[["Business"], "InstagramInput | None"]
SOURCES: list[Source] = []


def register(source: Source) -> None:
    if source not in SOURCES:
        SOURCES.append(source)


def instagram_input(business: Business) -> InstagramInput | None:
    """What the first registered reader finds for the business, or None."""
    for source in SOURCES:
        found = source(business)
        if found is not None:
            return found
    return None
