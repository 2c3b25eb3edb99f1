"""Which image provider runs, built from a plain configuration dict (no Django here).

The Django side passes ``settings.IMAGES`` per call (``images.generate(request, **settings.
IMAGES)``), so a changed key applies at once; ``configure()`` sets a process-wide default.
Keys (all optional; the embedded default is "none", no AI images):

    PROVIDER              none | openai | fal | fake
    TIMEOUT_SECONDS       one picture's limit, queue waits and download included (default 120)
    MAX_RETRIES           0 or 1 SDK retries of a failed OpenAI request (default 1)
    PRICES                {model: {"per_image"|"per_megapixel"|"text_input"|"image_input"|
                          "output": USD}} over the defaults in prices.py
    OPENAI_API_KEY, OPENAI_MODEL (gpt-image-1), OPENAI_BASE_URL, OPENAI_QUALITY (medium)
    FAL_API_KEY, FAL_MODEL (fal-ai/flux/dev), FAL_REFERENCE_MODEL (fal-ai/flux-pro/kontext;
                          "" sends no reference photos), FAL_BASE_URL (https://queue.fal.run),
                          FAL_POLL_SECONDS (first wait between status checks, default 0.5)
    ALLOW_LOOPBACK        let the fal download reach 127.0.0.1 (tests and the sandbox only)
    FAKE_FAIL, FAKE_CORRUPT   the fake provider's switches (see fake.py)

Other keys (the studio's CREDITS_PER_IMAGE) are ignored here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from postloom.integrations.images.base import ImageError, ImageProvider

PROVIDERS = ("none", "openai", "fal", "fake")
MAX_RETRIES_ALLOWED = 1  # a retried picture can be a paid picture

DEFAULTS: dict[str, Any] = {
    "PROVIDER": "none",
    "TIMEOUT_SECONDS": 120,
    "MAX_RETRIES": 1,
    "PRICES": {},
    "OPENAI_API_KEY": "",
    "OPENAI_MODEL": "",
    "OPENAI_BASE_URL": "",
    "OPENAI_QUALITY": "medium",
    "FAL_API_KEY": "",
    "FAL_MODEL": "",
    "FAL_REFERENCE_MODEL": None,  # None: the default model; "": none
    "FAL_BASE_URL": "",
    "FAL_POLL_SECONDS": 0.5,
    "ALLOW_LOOPBACK": False,
    "FAKE_FAIL": "",
    "FAKE_CORRUPT": False,
}

_configured: dict[str, Any] = {}


def configure(config: Mapping[str, Any]) -> None:
    """Replace the process-wide configuration (tests call it freely)."""
    global _configured
    _configured = dict(config)


def current_config() -> dict[str, Any]:
    return {**DEFAULTS, **_configured}


def get_image_provider(name: str | None = None, **overrides: Any) -> ImageProvider:
    """The named provider (default: PROVIDER), built from the configuration.

    Raises ImageError(code="not_configured", permanent=True) for an unknown name, a missing key
    or a malformed setting.
    """
    config = {**current_config(), **overrides}
    chosen = (name or config["PROVIDER"] or "none").strip().lower()
    factory = _FACTORIES.get(chosen)
    if factory is None:
        message = f"Unknown image provider {chosen!r}; choose one of {', '.join(PROVIDERS)}."
        raise ImageError("not_configured", message, permanent=True, provider=chosen)
    try:
        return factory(config)
    except (TypeError, ValueError) as exc:
        raise ImageError("not_configured", f"Image settings: {exc}.", permanent=True,
                         provider=chosen) from None  # fmt: skip


def _none(config: dict[str, Any]) -> ImageProvider:
    from postloom.integrations.images.none import NoImageProvider

    return NoImageProvider()


def _fake(config: dict[str, Any]) -> ImageProvider:
    from postloom.integrations.images.fake import FakeImageProvider

    return FakeImageProvider(
        fail=str(config["FAKE_FAIL"] or ""), corrupt=bool(config["FAKE_CORRUPT"])
    )


def _openai(config: dict[str, Any]) -> ImageProvider:
    from postloom.integrations.images.openai import DEFAULT_MODEL, OpenAIImageProvider
    from postloom.integrations.images.prices import price_table

    return OpenAIImageProvider(
        api_key=str(config["OPENAI_API_KEY"] or ""),
        model=str(config["OPENAI_MODEL"] or DEFAULT_MODEL),
        base_url=str(config["OPENAI_BASE_URL"] or ""),
        quality=str(config["OPENAI_QUALITY"] or ""),
        timeout_seconds=_timeout(config),
        max_retries=min(max(int(config["MAX_RETRIES"]), 0), MAX_RETRIES_ALLOWED),
        prices=price_table(config["PRICES"]),
    )


def _fal(config: dict[str, Any]) -> ImageProvider:
    from postloom.integrations.images.fal import (
        DEFAULT_MODEL,
        DEFAULT_REFERENCE_MODEL,
        FalImageProvider,
    )
    from postloom.integrations.images.prices import price_table

    reference = config["FAL_REFERENCE_MODEL"]
    return FalImageProvider(
        api_key=str(config["FAL_API_KEY"] or ""),
        model=str(config["FAL_MODEL"] or DEFAULT_MODEL),
        reference_model=DEFAULT_REFERENCE_MODEL if reference is None else str(reference),
        base_url=str(config["FAL_BASE_URL"] or ""),
        timeout_seconds=_timeout(config),
        poll_seconds=float(config["FAL_POLL_SECONDS"]),
        allow_loopback=bool(config["ALLOW_LOOPBACK"]),
        prices=price_table(config["PRICES"]),
    )


def _timeout(config: dict[str, Any]) -> float:
    timeout = float(config["TIMEOUT_SECONDS"])
    if timeout <= 0:
        raise ValueError("TIMEOUT_SECONDS must be a positive number of seconds")
    return timeout


_FACTORIES: dict[str, Callable[[dict[str, Any]], ImageProvider]] = {
    "none": _none,
    "openai": _openai,
    "fal": _fal,
    "fake": _fake,
}
