"""What each planned post is: its format, its pillar and, where it sells, its product.

Each is a fair share (largest remainder over weights) laid out so that nothing repeats
more than it must: no format three times in a row, no pillar twice in a row, never the
same product on two product posts in a row.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence

from postloom.planning.content import (
    PRODUCT_PILLARS,
    SELLING_PILLARS,
    STILL_FORMATS,
    Format,
    Pillar,
)
from postloom.planning.mix import Noise, arrange, limit_runs, quotas
from postloom.planning.occasion_types import Tone
from postloom.planning.schedule import Slot, Window

# Share of each format when all are on; reels and TikTok videos together are ~40 %.
FORMAT_WEIGHTS: dict[Format, float] = {
    Format.REEL: 0.24,
    Format.TIKTOK_VIDEO: 0.18,
    Format.CAROUSEL: 0.18,
    Format.FEED_IMAGE: 0.14,
    Format.STORY: 0.14,
    Format.TIKTOK_PHOTO: 0.12,
}
# Selling pillars (spotlight + promotion) come to 35 %, under the ~40 % ceiling.
PILLAR_WEIGHTS: dict[Pillar, float] = {
    Pillar.PRODUCT_SPOTLIGHT: 0.24,
    Pillar.TIPS: 0.20,
    Pillar.BEHIND_THE_SCENES: 0.16,
    Pillar.SOCIAL_PROOF: 0.15,
    Pillar.QUESTION: 0.14,
    Pillar.PROMOTION: 0.11,
}
SELLING_SHARE = 0.4

# Which formats people take to at each time of day.
_WINDOW_FORMATS = {
    Window.MORNING: {Format.STORY: 1.0, Format.FEED_IMAGE: 0.5, Format.TIKTOK_PHOTO: 0.3},
    Window.LUNCH: {
        Format.CAROUSEL: 1.0,
        Format.FEED_IMAGE: 0.8,
        Format.TIKTOK_PHOTO: 0.8,
        Format.STORY: 0.3,
    },
    Window.EVENING: {Format.REEL: 1.0, Format.TIKTOK_VIDEO: 1.0, Format.CAROUSEL: 0.4},
}
# Which formats tell each kind of story best.
_PILLAR_FORMATS = {
    Pillar.PRODUCT_SPOTLIGHT: {
        Format.REEL: 1.0,
        Format.TIKTOK_VIDEO: 0.8,
        Format.FEED_IMAGE: 0.8,
        Format.CAROUSEL: 0.6,
        Format.TIKTOK_PHOTO: 0.6,
    },
    Pillar.BEHIND_THE_SCENES: {Format.TIKTOK_VIDEO: 1.0, Format.REEL: 0.8, Format.STORY: 0.8},
    Pillar.TIPS: {Format.CAROUSEL: 1.0, Format.TIKTOK_PHOTO: 0.8, Format.TIKTOK_VIDEO: 0.6},
    Pillar.SOCIAL_PROOF: {Format.FEED_IMAGE: 1.0, Format.CAROUSEL: 0.6, Format.STORY: 0.6},
    Pillar.PROMOTION: {Format.STORY: 1.0, Format.FEED_IMAGE: 0.8, Format.REEL: 0.6},
    Pillar.QUESTION: {Format.STORY: 1.0, Format.TIKTOK_VIDEO: 0.5, Format.FEED_IMAGE: 0.4},
}
# On a solemn day nothing sells and nothing asks for playful engagement.
_QUIET_PILLARS = frozenset({Pillar.TIPS, Pillar.BEHIND_THE_SCENES})


def _needs_quiet(slot: Slot) -> bool:
    return slot.quiet or (slot.occasion is not None and slot.occasion.tone is Tone.SOLEMN)


def assign_formats(slots: Sequence[Slot], enabled: Sequence[Format], noise: Noise) -> list[Format]:
    weights = {f: FORMAT_WEIGHTS[f] for f in enabled}
    counts = limit_runs(quotas(weights, len(slots), noise, "formats"), 2, weights)
    still = [f for f in enabled if f in STILL_FORMATS]

    def allowed(i: int, fmt: Format) -> bool:
        return fmt in STILL_FORMATS or not (still and _needs_quiet(slots[i]))

    return arrange(
        len(slots),
        counts,
        max_run=2,
        noise=noise,
        label="formats",
        allowed=allowed,
        affinity=lambda i, f: _WINDOW_FORMATS[slots[i].window].get(f, 0.0),
        spare=still or list(enabled),
    )


def assign_pillars(
    slots: Sequence[Slot],
    formats: Sequence[Format],
    enabled: Sequence[Pillar],
    has_products: bool,
    noise: Noise,
) -> list[Pillar]:
    fixed = {i: Pillar.LOCAL_OCCASION for i, slot in enumerate(slots) if slot.occasion}
    free = [
        p
        for p in enabled
        if p is not Pillar.LOCAL_OCCASION and (has_products or p is not Pillar.PRODUCT_SPOTLIGHT)
    ]
    weights: dict[Pillar, float] = {p: PILLAR_WEIGHTS[p] for p in free}
    counts = quotas(weights, len(slots) - len(fixed), noise, "pillars")
    counts = limit_runs(_cap_selling(counts, len(slots), weights), 1, weights)

    def allowed(i: int, pillar: Pillar) -> bool:
        if slots[i].no_sale and pillar is Pillar.PROMOTION:
            return False
        return pillar in _QUIET_PILLARS or not _needs_quiet(slots[i])

    return arrange(
        len(slots),
        counts,
        max_run=1,
        noise=noise,
        label="pillars",
        fixed=fixed,
        allowed=allowed,
        affinity=lambda i, p: _PILLAR_FORMATS[p].get(formats[i], 0.0),
        spare=[p for p in free if p in _QUIET_PILLARS] or free,
    )


def _cap_selling(
    counts: dict[Pillar, int], total: int, weights: dict[Pillar, float]
) -> dict[Pillar, int]:
    """Keep spotlight + promotion at or under ~40 % of the plan, where other pillars are on."""
    counts = dict(counts)
    limit = max(1, math.floor(total * SELLING_SHARE))
    others = [p for p in counts if p not in SELLING_PILLARS]
    while others and sum(counts[p] for p in SELLING_PILLARS if p in counts) > limit:
        seller = max((p for p in counts if p in SELLING_PILLARS), key=lambda p: counts[p])
        taker = min(others, key=lambda p: counts[p] / weights[p])
        counts[seller] -= 1
        counts[taker] += 1
    return counts


def carries_product(slot: Slot, pillar: Pillar) -> bool:
    """Product posts, and occasion posts where a product fits (a sale, a gift)."""
    occasion = slot.occasion
    if slot.quiet:
        return False
    if occasion is None:
        return pillar in PRODUCT_PILLARS
    sells = {Pillar.PRODUCT_SPOTLIGHT, Pillar.PROMOTION} & set(occasion.pillars)
    return occasion.promotion_friendly and bool(sells)


def assign_products[P: Hashable](places: int, weights: dict[P, float], noise: Noise) -> list[P]:
    """Products for `places` product posts in a row: fair shares, weighted, no repeats."""
    if not places or not weights:
        return []
    counts = limit_runs(quotas(weights, places, noise, "products"), 1, weights)
    return arrange(places, counts, max_run=1, noise=noise, label="products")
