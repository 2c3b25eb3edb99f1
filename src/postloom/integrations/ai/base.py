"""The AI text capability: typed requests and results, one error type, the provider interface.

Callers use the facade (``integrations.ai.analyse_brand``, ``write_captions``), never a provider
class; the caption types live in ``captions_base``. Providers:
``basic`` (built in, offline, deterministic), ``anthropic``, ``openai``, ``openai-compatible``.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, Field

from postloom.web.site import SiteExtract

if TYPE_CHECKING:
    from postloom.integrations.ai.captions_base import CaptionBatchResult, CaptionRequest

INDUSTRIES = (
    "food_beverage",  # restaurants, cafes, bakeries, catering, food products
    "fashion_retail",  # clothing, apparel printing, shoes, accessories
    "beauty",  # salons, barbers, spas, cosmetics
    "health",  # clinics, dentists, pharmacies, therapists
    "fitness",  # gyms, studios, sports coaching, supplements
    "home_services",  # locksmiths, cleaning, repairs, plumbing, gardening
    "retail",  # general shops, groceries, electronics, gifts
    "education",  # courses, tutoring, schools
    "hospitality_travel",  # hotels, guesthouses, tours
    "professional_services",  # lawyers, accountants, agencies, consultants
    "automotive",  # workshops, car wash, dealers
    "arts_crafts",  # handmade, photography, design, events
    "technology",  # software, IT services, gadgets
    "other",
)
Industry = Literal[
    "food_beverage",
    "fashion_retail",
    "beauty",
    "health",
    "fitness",
    "home_services",
    "retail",
    "education",
    "hospitality_travel",
    "professional_services",
    "automotive",
    "arts_crafts",
    "technology",
    "other",
]

HEX = r"^#[0-9a-f]{6}$"

# Instagram text (biography and recent captions) is capped like the site's text, for the same
# reason: the user can read exactly what a provider was sent.
INSTAGRAM_TEXT_LIMIT = 1000


class BrandProfile(BaseModel):
    """What the analysis returns; every provider returns exactly this, validated."""

    name: str = Field(max_length=120)
    description: str = Field(default="", max_length=600)
    industry: Industry = "other"
    target_audience: str = Field(default="", max_length=400)
    tone: str = Field(default="", max_length=400, description="tone of voice, in a sentence")
    keywords: list[str] = Field(default_factory=list, max_length=15)
    colors: list[str] = Field(default_factory=list, max_length=6, description="#rrggbb, main first")
    fonts: list[str] = Field(default_factory=list, max_length=4)
    visual_theme: str = Field(default="", max_length=300)
    language: str = Field(default="", max_length=8, description="ISO 639-1 of the site's text")
    logo_url: str = ""
    products: list[str] = Field(default_factory=list, max_length=30)
    social: dict[str, str] = Field(default_factory=dict)


@dataclass
class InstagramInput:
    """An Instagram account's public profile, when one is connected (publishing issue)."""

    username: str
    biography: str = ""
    website: str = ""
    followers: int | None = None
    # (text, likes, comments) of recent posts, newest first
    recent_captions: list[tuple[str, int, int]] = field(default_factory=list)


@dataclass
class BrandRequest:
    site: SiteExtract
    instagram: InstagramInput | None = None
    reply_language: str = "en"  # the language the user reads (descriptions, tone, audience)

    def quoted_text(self) -> str:
        """The exact site text a provider sees (≤ 2,000 characters), to show the user."""
        return self.site.ai_text()

    def quoted_instagram_text(self) -> str:
        """The exact Instagram text a provider sees (≤ INSTAGRAM_TEXT_LIMIT characters)."""
        if self.instagram is None:
            return ""
        handle = f"@{self.instagram.username}" if self.instagram.username else ""
        parts = [handle, self.instagram.biography]
        parts += [caption for caption, _likes, _comments in self.instagram.recent_captions]
        text = "\n\n".join(p.strip() for p in parts if p and p.strip())
        return _cut_at_word(text, INSTAGRAM_TEXT_LIMIT)


@dataclass
class Usage:
    provider: str
    model: str
    input_tokens: int = 0
    output_tokens: int = 0
    cost_usd: Decimal = Decimal("0")
    duration_ms: int = 0
    note: str = ""  # e.g. why the cost is 0 ("no price known for model ...")


@dataclass
class BrandResult:
    profile: BrandProfile
    usage: Usage
    sent_text: str  # exactly what the provider received as site text
    sent_instagram_text: str = ""  # exactly what it received from Instagram ("" when none)


class AIError(Exception):
    """A provider failed. ``permanent``: retrying will not help (bad key, refusal, bad output)."""

    def __init__(
        self,
        code: str,
        message: str,
        *,
        permanent: bool,
        provider: str = "",
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message)
        # "not_configured", "auth", "quota", "rate_limited", "timeout", "server", "unreachable",
        # "bad_request", "refused", "invalid_output"
        self.code = code
        self.permanent = permanent
        self.provider = provider
        self.retry_after = retry_after  # seconds the vendor asked us to wait, when it said

    def __repr__(self) -> str:
        return f"AIError({self.code!r}, {str(self)!r}, permanent={self.permanent})"


class TextProvider(ABC):
    name: str

    @abstractmethod
    def analyse_brand(self, request: BrandRequest) -> BrandResult: ...

    @abstractmethod
    def write_captions(self, request: CaptionRequest) -> CaptionBatchResult:
        """One caption per brief, in order, within each brief's platform limits."""


def _cut_at_word(text: str, limit: int) -> str:
    # Same rule as SiteExtract.ai_text: cut at a space near the limit rather than mid-word.
    if len(text) <= limit:
        return text
    cut = text[:limit]
    return cut[: cut.rfind(" ")] if " " in cut[-40:] else cut
