"""The vocabulary of a content plan: where a post goes, in what shape, and what it is about."""

from __future__ import annotations

from enum import StrEnum


class Platform(StrEnum):
    INSTAGRAM = "instagram"
    TIKTOK = "tiktok"


class Format(StrEnum):
    FEED_IMAGE = "feed_image"
    CAROUSEL = "carousel"
    STORY = "story"
    REEL = "reel"
    TIKTOK_VIDEO = "tiktok_video"
    TIKTOK_PHOTO = "tiktok_photo"

    @property
    def platform(self) -> Platform:
        return Platform.TIKTOK if self in _TIKTOK_FORMATS else Platform.INSTAGRAM

    @property
    def is_video(self) -> bool:
        return self in VIDEO_FORMATS


_TIKTOK_FORMATS = frozenset({Format.TIKTOK_VIDEO, Format.TIKTOK_PHOTO})
VIDEO_FORMATS = frozenset({Format.REEL, Format.TIKTOK_VIDEO})
# Formats that suit a quiet, respectful post (no music, no motion).
STILL_FORMATS = frozenset({Format.FEED_IMAGE, Format.CAROUSEL, Format.STORY, Format.TIKTOK_PHOTO})


class Pillar(StrEnum):
    PRODUCT_SPOTLIGHT = "product_spotlight"
    BEHIND_THE_SCENES = "behind_the_scenes"
    TIPS = "tips"
    SOCIAL_PROOF = "social_proof"
    PROMOTION = "promotion"
    QUESTION = "question"
    LOCAL_OCCASION = "local_occasion"


# Pillars whose posts are about one product, when the business has products.
PRODUCT_PILLARS = frozenset({Pillar.PRODUCT_SPOTLIGHT, Pillar.PROMOTION, Pillar.SOCIAL_PROOF})
# Pillars that sell; together they stay at or under ~40 % of a plan.
SELLING_PILLARS = frozenset({Pillar.PRODUCT_SPOTLIGHT, Pillar.PROMOTION})
