"""Anthropic (Claude) through pydantic-ai; the only module that touches Anthropic's SDK.

Requests go to the Messages API (``{base_url}/v1/messages``); the profile comes back as a tool
call. ``ANTHROPIC_BASE_URL`` points it at a proxy or at the local simulator
(``postloom.sandbox.anthropic_api``).
"""

from __future__ import annotations

from pydantic_ai.models import Model
from pydantic_ai.models.anthropic import AnthropicModel
from pydantic_ai.providers.anthropic import AnthropicProvider

from postloom.integrations.ai.base import AIError
from postloom.integrations.ai.llm import LLMProvider, LLMSettings

# Used when ANTHROPIC_MODEL is empty; claude-sonnet-4-5 reaches end of life on 2026-11-30.
DEFAULT_MODEL = "claude-sonnet-5-5"


class AnthropicTextProvider(LLMProvider):
    name = "anthropic"

    def __init__(self, settings: LLMSettings, *, api_key: str, base_url: str = "") -> None:
        if not api_key:
            raise AIError(
                "not_configured",
                "The anthropic AI provider needs an API key: set ANTHROPIC_API_KEY.",
                permanent=True,
                provider=self.name,
            )
        super().__init__(settings)
        self._api_key = api_key
        self._base_url = base_url or None

    def build_model(self) -> Model:
        vendor = AnthropicProvider(api_key=self._api_key, base_url=self._base_url)
        return AnthropicModel(self.settings.model, provider=vendor)
