"""What Postloom reads from a website: plain dataclasses, JSON-friendly, no Django.

Produced by ``web.crawl.crawl_site`` + ``web.extract.extract_site``; consumed by the AI analysis
(``integrations.ai``) and stored by ``brands`` (``SiteExtract.to_dict`` / ``from_dict``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# The text an AI provider may see is capped; the user can read exactly what was sent.
AI_TEXT_LIMIT = 2000

SOCIAL_NETWORKS = (
    "instagram",
    "tiktok",
    "facebook",
    "whatsapp",
    "youtube",
    "linkedin",
    "x",
    "pinterest",
)


@dataclass
class Image:
    url: str
    alt: str = ""
    width: int | None = None
    height: int | None = None


@dataclass
class Color:
    hex: str  # "#rrggbb", lower case
    weight: float  # relative importance; colors are sorted by it, highest first
    sources: list[str] = field(default_factory=list)  # e.g. ["button", "css-var:--primary"]


@dataclass
class Product:
    name: str
    description: str = ""
    price: str = ""
    image_url: str = ""


@dataclass
class Contact:
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    address: str = ""


@dataclass
class PageNote:
    """A page that was fetched, or that could not be (code from FetchError)."""

    url: str
    ok: bool
    error: str = ""


@dataclass
class SiteExtract:
    url: str  # the home page actually read (after redirects)
    name: str = ""
    name_source: str = ""  # "json-ld", "og:site_name", "logo-alt", "header", "title"
    title: str = ""
    description: str = ""
    main_text: str = ""  # boilerplate removed, all pages read, home first
    language: str = ""  # ISO 639-1 detected from the text ("" when unknown)
    declared_language: str = ""  # <html lang>, for information only
    images: list[Image] = field(default_factory=list)
    logo_url: str = ""
    colors: list[Color] = field(default_factory=list)
    fonts: list[str] = field(default_factory=list)  # family names, most important first
    social: dict[str, str] = field(default_factory=dict)  # network (SOCIAL_NETWORKS) -> URL
    products: list[Product] = field(default_factory=list)
    contact: Contact = field(default_factory=Contact)
    pages: list[PageNote] = field(default_factory=list)

    def ai_text(self) -> str:
        """The site's words as they go to an AI provider: at most AI_TEXT_LIMIT characters."""
        parts = [self.name, self.description, self.main_text]
        text = "\n\n".join(p.strip() for p in parts if p and p.strip())
        if len(text) <= AI_TEXT_LIMIT:
            return text
        cut = text[:AI_TEXT_LIMIT]
        return cut[: cut.rfind(" ")] if " " in cut[-40:] else cut

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SiteExtract:
        data = dict(data)
        data["images"] = [Image(**i) for i in data.get("images", [])]
        data["colors"] = [Color(**c) for c in data.get("colors", [])]
        data["products"] = [Product(**p) for p in data.get("products", [])]
        data["contact"] = Contact(**data.get("contact", {}))
        data["pages"] = [PageNote(**p) for p in data.get("pages", [])]
        return cls(**data)
