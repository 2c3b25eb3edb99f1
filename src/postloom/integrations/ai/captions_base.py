"""Captions: the typed request (a brand voice once, a batch of post briefs) and the result.

Every provider answers a CaptionRequest with a CaptionBatchResult: one Caption per brief, in
the briefs' order, each within its platform's limits (``limits.enforce_limits``), and the tokens
the call cost, in total and per post.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, Field, StringConstraints

from postloom.integrations.ai.base import BrandProfile, Industry, Usage

PostType = Literal["feed_image", "carousel", "story", "reel", "tiktok_video", "tiktok_photo"]
Pillar = Literal[
    "product_spotlight",
    "behind_the_scenes",
    "tips",
    "social_proof",
    "promotion",
    "question",
    "local_occasion",
]
Platform = Literal["instagram", "tiktok"]
CaptionLanguage = Literal["en", "id", "tr"]

POST_TYPES: tuple[PostType, ...] = (
    "feed_image", "carousel", "story", "reel", "tiktok_video", "tiktok_photo",
)  # fmt: skip
PILLARS: tuple[Pillar, ...] = (
    "product_spotlight", "behind_the_scenes", "tips", "social_proof", "promotion", "question",
    "local_occasion",
)  # fmt: skip
# Copywriting frameworks a caption can follow; "other" when a model names none of these.
FRAMEWORKS = (
    "aida",  # attention, interest, desire, action
    "pas",  # problem, agitate, solution
    "fab",  # features, advantages, benefits
    "bab",  # before, after, bridge
    "4u",  # useful, urgent, unique, ultra-specific
    "storytelling",
    "question",  # question-led: ask, give context, invite answers
    "listicle",  # a short list (tips, reasons)
    "other",
)

HEADLINE_LIMIT = 40  # on-image text: short enough to read at a glance on a phone
ALT_TEXT_LIMIT = 500  # Instagram allows 1,000; a description longer than this helps nobody
IMAGE_PROMPT_LIMIT = 1000
CTA_LIMIT = 200
HASHTAG_LIMIT = 30  # Instagram's limit; the most any provider's caption is given
HASHTAG_CHARS = 60

# A hashtag as stored: one word, no '#', no spaces or punctuation but "_".
Hashtag = Annotated[str, StringConstraints(pattern=r"^\w{1,60}$")]


@dataclass(frozen=True)
class ProductBrief:
    name: str
    description: str = ""
    price: str = ""  # as the business writes it ("Rp25.000", "₺120", "from $9")
    highlights: tuple[str, ...] = ()  # highlight angles: "handmade", "halal", "ships same day"


@dataclass(frozen=True)
class Persona:
    """The "influencer" whose voice captions take, when the business has one."""

    name: str = ""
    voice: str = ""  # how they talk, in the user's words ("playful, calls followers 'bestie'")


@dataclass(frozen=True)
class PostBrief:
    post_type: PostType
    pillar: Pillar
    language: CaptionLanguage = "en"
    platform: Platform = "instagram"
    product: ProductBrief | None = None
    occasion: str = ""  # "Ramadan", "Harbolnas 11.11", "Cumhuriyet Bayramı", ...
    topic: str = ""  # what the user typed for a single post


@dataclass(frozen=True)
class BrandVoice:
    name: str
    industry: Industry = "other"
    tone: str = ""  # a sentence, as the brand profile says it
    target_audience: str = ""
    keywords: tuple[str, ...] = ()
    language: CaptionLanguage = "en"
    persona: Persona | None = None
    city: str = ""  # where the business is, when known; never guessed
    website: str = ""  # the only site captions may link to

    @classmethod
    def from_profile(
        cls, profile: BrandProfile, persona: Persona | None = None, city: str = "",
        website: str = "",
    ) -> BrandVoice:  # fmt: skip
        language = profile.language if profile.language in ("en", "id", "tr") else "en"
        return cls(
            name=profile.name,
            industry=profile.industry,
            tone=profile.tone,
            target_audience=profile.target_audience,
            keywords=tuple(profile.keywords),
            language=language,  # type: ignore[arg-type]  # checked just above
            persona=persona,
            city=city,
            website=website,
        )


@dataclass(frozen=True)
class CaptionRequest:
    brand: BrandVoice
    briefs: tuple[PostBrief, ...]


class Caption(BaseModel):
    """One post's words. ``caption`` is the body; hashtags are kept apart, without '#'."""

    caption: str = Field(description="the caption body, in the post's language, no hashtags")
    hashtags: list[Hashtag] = Field(default_factory=list)
    alt_text: str = Field(default="", max_length=ALT_TEXT_LIMIT)
    headline: str = Field(default="", max_length=HEADLINE_LIMIT, description="on-image text")
    image_prompt: str = Field(default="", max_length=IMAGE_PROMPT_LIMIT)
    call_to_action: str = Field(default="", max_length=CTA_LIMIT)
    framework: str = Field(default="other", max_length=20)

    def hashtag_line(self) -> str:
        return " ".join(f"#{tag}" for tag in self.hashtags)

    def published_text(self) -> str:
        """The text as it goes to the network: the body, a blank line, the hashtags."""
        tags = self.hashtag_line()
        return f"{self.caption}\n\n{tags}" if tags and self.caption else self.caption or tags


@dataclass(frozen=True)
class Adjustment:
    """One change made to keep a caption within its platform's limits."""

    kind: Literal["hashtags_dropped", "hashtags_unlinked", "mentions_unlinked", "text_shortened"]
    before: int  # count (hashtags, mentions) or length in UTF-16 units (text)
    after: int

    def __str__(self) -> str:
        return f"{self.kind}: {self.before} -> {self.after}"


@dataclass(frozen=True)
class PostUsage:
    """One post's share of a batch call: the call's tokens and cost divided evenly."""

    input_tokens: int = 0
    output_tokens: int = 0
    cost_usd: Decimal = Decimal("0")


@dataclass
class CaptionBatchResult:
    captions: list[Caption]  # one per brief, in the briefs' order
    usage: Usage  # the whole batch (all calls together)
    per_post: list[PostUsage] = field(default_factory=list)
    adjustments: list[tuple[Adjustment, ...]] = field(default_factory=list)  # per caption
    calls: int = 0  # model calls made (0 for basic)
