"""OpenAI, and any server that speaks its Chat Completions API, through pydantic-ai.

Both providers live here because they share one SDK (which must be imported in one module only)
and one wire API; they differ in defaults: "openai" needs a key and knows OpenAI's models,
"openai-compatible" (Ollama, vLLM, LM Studio, a gateway) needs a base URL and a model name, and
a key only if the server asks for one. The profile comes back as a tool call by default.
"""

from __future__ import annotations

from pydantic_ai.models import Model
from pydantic_ai.models.openai import OpenAIChatModel
from pydantic_ai.providers.openai import OpenAIProvider
from pydantic_ai.providers.openai_compatible import OpenAICompatibleProvider

from postloom.integrations.ai.base import AIError
from postloom.integrations.ai.llm import LLMProvider, LLMSettings

DEFAULT_MODEL = "gpt-4.1-mini"


def _not_configured(provider: str, what: str) -> AIError:
    message = f"The {provider} AI provider needs {what}."
    return AIError("not_configured", message, permanent=True, provider=provider)


class OpenAITextProvider(LLMProvider):
    name = "openai"

    def __init__(self, settings: LLMSettings, *, api_key: str, base_url: str = "") -> None:
        if not api_key:
            raise _not_configured(self.name, "an API key: set OPENAI_API_KEY")
        super().__init__(settings)
        self._api_key = api_key
        self._base_url = base_url or None

    def build_model(self) -> Model:
        vendor = OpenAIProvider(base_url=self._base_url, api_key=self._api_key)
        return OpenAIChatModel(self.settings.model, provider=vendor)


class OpenAICompatibleTextProvider(LLMProvider):
    name = "openai-compatible"

    def __init__(self, settings: LLMSettings, *, base_url: str, api_key: str = "") -> None:
        if not base_url:
            raise _not_configured(self.name, "the server's address: set OPENAI_COMPATIBLE_BASE_URL")
        if not settings.model:
            raise _not_configured(self.name, "a model name: set OPENAI_COMPATIBLE_MODEL")
        super().__init__(settings)
        self._base_url = base_url
        self._api_key = api_key or None

    def build_model(self) -> Model:
        vendor = OpenAICompatibleProvider(self.name, base_url=self._base_url, api_key=self._api_key)
        return OpenAIChatModel(self.settings.model, provider=vendor)
