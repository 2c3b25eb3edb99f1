"""The AI image capability: typed requests and results, one error type, the provider interface.

An AI image is never the final asset: it is the photo (a background, a lifestyle scene or a
persona shot) that the creative renderer composes with the brand kit and the post's words.
Callers use the facade (``integrations.images.generate``), never a provider class. Providers:
``none`` (the default: no AI images), ``fake`` (deterministic, for tests), ``openai``, ``fal``.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

Purpose = Literal["background", "lifestyle", "persona"]
PURPOSES: tuple[Purpose, ...] = ("background", "lifestyle", "persona")

PROMPT_LIMIT = 2000  # characters sent as the prompt; image models read little more usefully
MAX_REFERENCES = 4  # persona photos sent with one request

# What each kind of picture is for: the renderer lays words over it, so it must carry none.
_PURPOSE_GUIDANCE: dict[str, str] = {
    "background": (
        "An uncluttered background picture for a social media post: soft shapes, texture and "
        "light, with calm space where words will be laid over it."
    ),
    "lifestyle": "A natural, candid lifestyle photograph for a small business's social media.",
    "persona": (
        "A natural photograph of the same person as in the reference photos, in a scene for a "
        "small business's social media; keep their face, hair and build."
    ),
}
_PERSONA_DESCRIBED = (
    "A natural photograph of the person described below, in a scene for a small business's "
    "social media."
)
_ALWAYS = "No text, letters, numbers, logos or watermarks anywhere in the picture."


@dataclass(frozen=True)
class ImageRequest:
    """One picture to make. ``size`` is what the renderer will fill (width, height in pixels);
    a provider picks its nearest supported size and the renderer crops to fit."""

    prompt: str
    purpose: Purpose = "lifestyle"
    size: tuple[int, int] = (1080, 1350)
    reference_images: tuple[bytes, ...] = field(default=(), repr=False)
    negative: str = ""  # what the picture must not show
    style: str = ""  # the brand's visual theme, in a sentence
    brand_colors: tuple[str, ...] = ()  # "#rrggbb", main first

    def full_prompt(self) -> str:
        """Exactly the text a provider sends: the purpose, the subject, the brand's look.

        At most PROMPT_LIMIT characters; only the subject is shortened, so the rules survive.
        """
        described = self.purpose == "persona" and not self.reference_images
        before = [_PERSONA_DESCRIBED if described else _PURPOSE_GUIDANCE[self.purpose]]
        after = []
        if self.style.strip():
            after.append(f"Visual style: {self.style.strip()[:300]}")
        if self.brand_colors:
            after.append(f"Colour palette drawn from {', '.join(self.brand_colors[:4])}")
        if self.negative.strip():
            after.append(f"Avoid: {self.negative.strip()[:300]}")
        after.append(_ALWAYS)
        fixed = len(_sentences(before + after)) + 2
        subject = self.prompt.strip()[: max(0, PROMPT_LIMIT - fixed)].strip()
        return _sentences([*before, subject, *after])

    @property
    def aspect(self) -> float:
        width, height = self.size
        return width / height if height else 1.0


@dataclass
class ImageUsage:
    provider: str
    model: str
    input_tokens: int = 0
    output_tokens: int = 0
    images: int = 1
    cost_usd: Decimal = Decimal("0")
    duration_ms: int = 0
    note: str = ""  # e.g. why the cost is 0, or that reference photos were left out


@dataclass
class ImageResult:
    """A picture that Pillow has opened and fully decoded (``check.checked_result``)."""

    image: bytes = field(repr=False)
    format: str  # "png", "jpeg" or "webp"
    width: int
    height: int
    usage: ImageUsage
    revised_prompt: str = ""  # the prompt the model says it used, when it says
    used_references: bool = False  # whether reference photos shaped the picture

    @property
    def provider(self) -> str:
        return self.usage.provider

    @property
    def model(self) -> str:
        return self.usage.model


class ImageError(Exception):
    """A provider failed. ``permanent``: retrying will not help (bad key, refusal, bad output)."""

    CODES = (
        "not_configured",
        "auth",
        "quota",
        "rate_limited",
        "timeout",
        "server",
        "unreachable",
        "bad_request",
        "refused",  # the vendor's content policy declined the prompt or the picture
        "invalid_output",  # no picture, or bytes that are not a usable picture
    )

    def __init__(
        self,
        code: str,
        message: str,
        *,
        permanent: bool,
        provider: str = "",
        retry_after: float | None = None,
    ) -> None:
        assert code in self.CODES, code
        super().__init__(message)
        self.code = code
        self.permanent = permanent
        self.provider = provider
        self.retry_after = retry_after  # seconds the vendor asked us to wait, when it said

    def __repr__(self) -> str:
        return f"ImageError({self.code!r}, {str(self)!r}, permanent={self.permanent})"


def _sentences(parts: list[str]) -> str:
    return " ".join(part.rstrip(".") + "." for part in parts if part)


class ImageProvider(ABC):
    name: str
    model: str = ""
    # Whether reference photos reach the model (persona consistency); a provider that cannot
    # use them makes the picture from the words alone and says so in ``usage.note``.
    supports_references: bool = False

    @property
    def enabled(self) -> bool:
        """False only for the "none" provider: callers skip AI images altogether."""
        return True

    @abstractmethod
    def generate(self, request: ImageRequest) -> ImageResult:
        """One picture for ``request``; ImageError on any failure."""
