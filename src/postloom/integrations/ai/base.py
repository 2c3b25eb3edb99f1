"""The AI text capability: typed requests and results, one error type, the provider interface.

Callers use the facade (``integrations.ai.analyse_brand``), never a provider class. Providers:
``basic`` (built in, offline, deterministic), ``anthropic``, ``openai``, ``openai-compatible``.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field

from postloom.web.site import SiteExtract

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
    recent_captions: list[tuple[str, int, int]] = field(default_factory=list)  # text, likes, comments


@dataclass
class BrandRequest:
    site: SiteExtract
    instagram: InstagramInput | None = None
    reply_language: str = "en"  # the language the user reads (descriptions, tone, audience)

    def quoted_text(self) -> str:
        """The exact site text a provider sees (≤ 2,000 characters), to show the user."""
        return self.site.ai_text()


@dataclass
class Usage:
    provider: str
    model: str
    input_tokens: int = 0
    output_tokens: int = 0
    cost_usd: Decimal = Decimal("0")
    duration_ms: int = 0


@dataclass
class BrandResult:
    profile: BrandProfile
    usage: Usage
    sent_text: str  # exactly what the provider received as site text


class AIError(Exception):
    """A provider failed. ``permanent``: retrying will not help (bad key, refusal, bad output)."""

    def __init__(self, code: str, message: str, *, permanent: bool, provider: str = "") -> None:
        super().__init__(message)
        self.code = code  # "timeout", "auth", "rate_limited", "refused", "invalid_output", ...
        self.permanent = permanent
        self.provider = provider


class TextProvider(ABC):
    name: str

    @abstractmethod
    def analyse_brand(self, request: BrandRequest) -> BrandResult: ...
