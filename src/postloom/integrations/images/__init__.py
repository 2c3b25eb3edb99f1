"""The AI image capability. Callers use this facade, never a provider class.

    from postloom.integrations import images

    if images.enabled(**settings.IMAGES):                     # "none" (the default) is off
        result = images.generate(ImageRequest(prompt, "lifestyle", (1080, 1350)),
                                 **settings.IMAGES)
        result.image, result.width, result.height, result.usage.cost_usd

Every result has been opened and decoded with Pillow (PNG, JPEG or WebP, at most 4096 px a
side). Failures raise ImageError with a ``code`` the product translates and a ``permanent``
flag that says whether a retry can help.
"""

from __future__ import annotations

from typing import Any

from postloom.integrations.images.base import (
    MAX_REFERENCES,
    PURPOSES,
    ImageError,
    ImageProvider,
    ImageRequest,
    ImageResult,
    ImageUsage,
    Purpose,
)
from postloom.integrations.images.registry import (
    PROVIDERS,
    configure,
    current_config,
    get_image_provider,
)

__all__ = [
    "MAX_REFERENCES",
    "PROVIDERS",
    "PURPOSES",
    "ImageError",
    "ImageProvider",
    "ImageRequest",
    "ImageResult",
    "ImageUsage",
    "Purpose",
    "configure",
    "current_config",
    "enabled",
    "generate",
    "get_image_provider",
    "provider_name",
]


def provider_name(**config: Any) -> str:
    """The configured provider's name ("none" when AI images are off)."""
    merged = {**current_config(), **config}
    return str(merged.get("PROVIDER") or "none").strip().lower()


def enabled(**config: Any) -> bool:
    """Whether an image provider is chosen (building it, and so its key, is checked later)."""
    return provider_name(**config) != "none"


def generate(
    request: ImageRequest, provider: str | ImageProvider | None = None, **config: Any
) -> ImageResult:
    """One picture with ``provider`` (a name, an instance, or the configured one)."""
    if not request.prompt.strip():
        raise ImageError("bad_request", "An image needs a prompt.", permanent=True)
    chosen = (
        provider if isinstance(provider, ImageProvider) else get_image_provider(provider, **config)
    )
    return chosen.generate(request)
