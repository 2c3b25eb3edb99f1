"""The AI text capability. Callers use this facade, never a provider class.

    from postloom.integrations import ai

    ai.configure(settings.AI)                      # once, by the Django side
    result = ai.analyse_brand(BrandRequest(site))  # the configured provider (default "basic")
    result = ai.analyse_brand(request, "basic")    # or a named one
    batch = ai.write_captions(CaptionRequest(brand_voice, briefs))  # one caption per brief

Failures raise AIError with a ``code`` the product translates and a ``permanent`` flag that
says whether a retry can help.
"""

from __future__ import annotations

from postloom.integrations.ai.base import (
    INDUSTRIES,
    AIError,
    BrandProfile,
    BrandRequest,
    BrandResult,
    InstagramInput,
    TextProvider,
    Usage,
)
from postloom.integrations.ai.captions_base import (
    Adjustment,
    BrandVoice,
    Caption,
    CaptionBatchResult,
    CaptionRequest,
    Persona,
    PostBrief,
    PostUsage,
    ProductBrief,
)
from postloom.integrations.ai.limits import enforce_limits, limits_for
from postloom.integrations.ai.registry import (
    PROVIDERS,
    configure,
    current_config,
    get_text_provider,
)

__all__ = [
    "INDUSTRIES",
    "PROVIDERS",
    "AIError",
    "Adjustment",
    "BrandProfile",
    "BrandRequest",
    "BrandResult",
    "BrandVoice",
    "Caption",
    "CaptionBatchResult",
    "CaptionRequest",
    "InstagramInput",
    "Persona",
    "PostBrief",
    "PostUsage",
    "ProductBrief",
    "TextProvider",
    "Usage",
    "analyse_brand",
    "configure",
    "current_config",
    "enforce_limits",
    "get_text_provider",
    "limits_for",
    "write_captions",
]


def analyse_brand(request: BrandRequest, provider: str | TextProvider | None = None) -> BrandResult:
    """Analyse a business's brand with ``provider`` (a name, an instance, or the configured one)."""
    chosen = provider if isinstance(provider, TextProvider) else get_text_provider(provider)
    return chosen.analyse_brand(request)


def write_captions(
    request: CaptionRequest, provider: str | TextProvider | None = None
) -> CaptionBatchResult:
    """Captions for every brief of ``request``, in order, each within its platform's limits."""
    if not request.briefs:
        return CaptionBatchResult(captions=[], usage=Usage(provider="", model=""))
    chosen = provider if isinstance(provider, TextProvider) else get_text_provider(provider)
    return chosen.write_captions(request)
