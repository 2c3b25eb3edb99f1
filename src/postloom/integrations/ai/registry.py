"""Which text provider runs, built from a plain configuration dict (no Django here).

The Django side hands its settings over once, at start-up: ``ai.configure(settings.AI)``.
Keys (all optional; the embedded default is the offline "basic" provider):

    AI_PROVIDER                  basic | anthropic | openai | openai-compatible
    AI_TIMEOUT_SECONDS           one attempt's limit; all attempts get (retries + 1) times it
    AI_MAX_RETRIES               0 or 1 SDK retries of a failed request (default 1)
    AI_PRICES                    {model: (input, output)} USD per 1M tokens, over the defaults
    ANTHROPIC_API_KEY, ANTHROPIC_MODEL, ANTHROPIC_BASE_URL
    OPENAI_API_KEY, OPENAI_MODEL, OPENAI_BASE_URL
    OPENAI_COMPATIBLE_BASE_URL, OPENAI_COMPATIBLE_API_KEY, OPENAI_COMPATIBLE_MODEL
    OPENAI_COMPATIBLE_OUTPUT     tool (default) | native | prompted, for servers without tools

``PROVIDER``, ``TIMEOUT_SECONDS``, ``MAX_RETRIES`` and ``PRICES`` are accepted without the
``AI_`` prefix too, as the settings module spells them inside its ``AI`` dict.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, cast

from postloom.integrations.ai.base import AIError, TextProvider

if TYPE_CHECKING:
    from postloom.integrations.ai.llm import LLMSettings, OutputMode

PROVIDERS = ("basic", "anthropic", "openai", "openai-compatible")
MAX_RETRIES_ALLOWED = 1  # a retry costs the user time and the business money; one is plenty

DEFAULTS: dict[str, Any] = {
    "AI_PROVIDER": "basic",
    "AI_TIMEOUT_SECONDS": 60,
    "AI_MAX_RETRIES": 1,
    "AI_PRICES": {},
    "ANTHROPIC_API_KEY": "",
    "ANTHROPIC_MODEL": "",
    "ANTHROPIC_BASE_URL": "",
    "OPENAI_API_KEY": "",
    "OPENAI_MODEL": "",
    "OPENAI_BASE_URL": "",
    "OPENAI_COMPATIBLE_BASE_URL": "",
    "OPENAI_COMPATIBLE_API_KEY": "",
    "OPENAI_COMPATIBLE_MODEL": "",
    "OPENAI_COMPATIBLE_OUTPUT": "tool",
}
_UNPREFIXED = ("PROVIDER", "TIMEOUT_SECONDS", "MAX_RETRIES", "PRICES")

_configured: dict[str, Any] = {}


def _normalised(config: Mapping[str, Any]) -> dict[str, Any]:
    keys = {key: f"AI_{key}" if key in _UNPREFIXED else key for key in config}
    return {keys[key]: value for key, value in config.items()}


def configure(config: Mapping[str, Any]) -> None:
    """Replace the configuration (called once by the Django side; tests call it freely)."""
    global _configured
    _configured = _normalised(config)


def current_config() -> dict[str, Any]:
    return {**DEFAULTS, **_configured}


def get_text_provider(name: str | None = None, **overrides: Any) -> TextProvider:
    """The named provider (default: AI_PROVIDER), built from the configuration.

    Raises AIError(code="not_configured", permanent=True) for an unknown name or a missing key.
    """
    config = {**current_config(), **_normalised(overrides)}
    chosen = (name or config["AI_PROVIDER"] or "basic").strip().lower()
    factory = _FACTORIES.get(chosen)
    if factory is None:
        choices = ", ".join(PROVIDERS)
        message = f"Unknown AI provider {chosen!r}; choose one of {choices}."
        raise AIError("not_configured", message, permanent=True, provider=chosen)
    return factory(config)


# --- Factories (imported lazily: the basic provider never loads pydantic-ai) ---------------


def _basic(config: dict[str, Any]) -> TextProvider:
    from postloom.integrations.ai.basic import BasicProvider

    return BasicProvider()


def _anthropic(config: dict[str, Any]) -> TextProvider:
    from postloom.integrations.ai.anthropic import DEFAULT_MODEL, AnthropicTextProvider

    return AnthropicTextProvider(
        _llm_settings(config, "anthropic", config["ANTHROPIC_MODEL"] or DEFAULT_MODEL),
        api_key=config["ANTHROPIC_API_KEY"],
        base_url=config["ANTHROPIC_BASE_URL"],
    )


def _openai(config: dict[str, Any]) -> TextProvider:
    from postloom.integrations.ai.openai import DEFAULT_MODEL, OpenAITextProvider

    return OpenAITextProvider(
        _llm_settings(config, "openai", config["OPENAI_MODEL"] or DEFAULT_MODEL),
        api_key=config["OPENAI_API_KEY"],
        base_url=config["OPENAI_BASE_URL"],
    )


def _openai_compatible(config: dict[str, Any]) -> TextProvider:
    from postloom.integrations.ai.openai import OpenAICompatibleTextProvider

    settings = _llm_settings(
        config,
        "openai-compatible",
        config["OPENAI_COMPATIBLE_MODEL"],
        output_mode=config["OPENAI_COMPATIBLE_OUTPUT"] or "tool",
    )
    return OpenAICompatibleTextProvider(
        settings,
        base_url=config["OPENAI_COMPATIBLE_BASE_URL"],
        api_key=config["OPENAI_COMPATIBLE_API_KEY"],
    )


_FACTORIES: dict[str, Callable[[dict[str, Any]], TextProvider]] = {
    "basic": _basic,
    "anthropic": _anthropic,
    "openai": _openai,
    "openai-compatible": _openai_compatible,
}


def _llm_settings(
    config: dict[str, Any], provider: str, model: str, output_mode: str = "tool"
) -> LLMSettings:
    from postloom.integrations.ai.llm import LLMSettings
    from postloom.integrations.ai.prices import price_table

    try:
        timeout = float(config["AI_TIMEOUT_SECONDS"])
        retries = int(config["AI_MAX_RETRIES"])
        prices = price_table(config["AI_PRICES"])
    except (TypeError, ValueError) as exc:
        raise _bad_setting(provider, str(exc)) from None
    if timeout <= 0:
        raise _bad_setting(provider, "AI_TIMEOUT_SECONDS must be a positive number of seconds")
    return LLMSettings(
        model=model,
        timeout_seconds=timeout,
        max_retries=min(max(retries, 0), MAX_RETRIES_ALLOWED),
        prices=prices,
        output_mode=_output_mode(output_mode, provider),
    )


def _output_mode(value: str, provider: str) -> OutputMode:
    if value not in ("tool", "native", "prompted"):
        raise _bad_setting(provider, "OPENAI_COMPATIBLE_OUTPUT must be tool, native or prompted")
    return cast("OutputMode", value)


def _bad_setting(provider: str, problem: str) -> AIError:
    return AIError("not_configured", f"AI settings: {problem}.", permanent=True, provider=provider)
