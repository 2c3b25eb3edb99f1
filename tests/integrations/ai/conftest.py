"""Fixtures for the AI text capability: small invented businesses and every provider, ready.

AI providers talk to the local simulators (``postloom.sandbox``) through their base URLs, as
they would talk to the vendors; nothing here reaches the internet.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest

from postloom.integrations import ai
from postloom.integrations.ai.base import BrandRequest, TextProvider
from postloom.sandbox.anthropic_api import AnthropicSimulator
from postloom.sandbox.openai_api import OpenAISimulator
from postloom.sandbox.server import serve
from postloom.web.site import Color, Product, SiteExtract

AI_PROVIDERS = ("anthropic", "openai", "openai-compatible")
ALL_PROVIDERS = ("basic", *AI_PROVIDERS)

# Fixed token counts, so the cost of a priced model can be checked to the micro-dollar.
INPUT_TOKENS = 1200
OUTPUT_TOKENS = 300
MODELS = {
    "anthropic": "claude-haiku-4-5",
    "openai": "gpt-4.1-mini",
    "openai-compatible": "qwen3:8b",
}
EXPECTED_COST = {  # 1200 in + 300 out at the list prices in prices.DEFAULT_PRICES
    "basic": Decimal("0"),
    "anthropic": Decimal("0.002700"),  # $1 / $5 per million
    "openai": Decimal("0.000960"),  # $0.40 / $1.60 per million
    "openai-compatible": Decimal("0"),  # a local model has no price
}

_WEBSITE_TEXT = re.compile(r"<website_text>\n(.*)\n</website_text>", re.DOTALL)
_INSTAGRAM_TEXT = re.compile(r"<instagram_text>\n(.*)\n</instagram_text>", re.DOTALL)

Simulator = AnthropicSimulator | OpenAISimulator


def kopi_senja(**changes: Any) -> SiteExtract:
    """An Indonesian coffee shop in Bandung, with everything a crawler finds."""
    site = SiteExtract(
        url="https://kopisenja.example/",
        name="Kopi Senja",
        title="Kopi Senja | Kedai Kopi di Bandung",
        description="Kedai kopi kecil di Bandung dengan kopi susu gula aren dan roti bakar.",
        main_text=(
            "Selamat datang di Kopi Senja! Kami menyeduh kopi dari petani Jawa Barat setiap hari. "
            "Menu favorit: kopi susu gula aren, es kopi, teh tarik, roti bakar dan pisang goreng. "
            "Tempatnya nyaman untuk nongkrong bersama teman atau kerja dari kafe. "
            "Buka setiap hari jam 08.00 sampai 22.00 di Jalan Braga, Bandung."
        ),
        language="id",
        logo_url="https://kopisenja.example/logo.png",
        colors=[Color("#6f4e37", 3.0), Color("#f5efe6", 2.0), Color("#2e7d32", 1.0)],
        fonts=["Poppins", "Lora"],
        social={"instagram": "https://instagram.com/kopisenja"},
        products=[Product("Kopi Susu Gula Aren"), Product("Roti Bakar"), Product("Teh Tarik")],
    )
    for key, value in changes.items():
        setattr(site, key, value)
    return site


def quoted_in(text: str, pattern: re.Pattern[str] = _WEBSITE_TEXT) -> str | None:
    match = pattern.search(text)
    return match.group(1) if match else None


def instagram_quoted_in(text: str) -> str | None:
    return quoted_in(text, _INSTAGRAM_TEXT)


@dataclass
class ProviderCase:
    """One provider under test, and the simulator behind it (None for basic)."""

    name: str
    provider: TextProvider
    sim: Simulator | None

    def analyse(self, request: BrandRequest) -> ai.BrandResult:
        return ai.analyse_brand(request, self.provider)

    def answer_with(self, **fields: Any) -> None:
        """What the simulated model answers; basic has no model, so this changes nothing."""
        if self.sim is not None:
            self.sim.answer.update(fields)

    def sent_user_text(self) -> str:
        assert self.sim is not None and self.sim.requests, "no request reached the simulator"
        return self.sim.requests[0].user_text()


def simulator_config(name: str, base_url: str, **extra: Any) -> dict[str, Any]:
    """Settings that point provider ``name`` at a simulator at ``base_url``."""
    config: dict[str, dict[str, Any]] = {
        "anthropic": {
            "ANTHROPIC_API_KEY": "sk-ant-sandbox",
            "ANTHROPIC_BASE_URL": base_url,
            "ANTHROPIC_MODEL": MODELS["anthropic"],
        },
        "openai": {
            "OPENAI_API_KEY": "sk-sandbox",
            "OPENAI_BASE_URL": f"{base_url}/v1",
            "OPENAI_MODEL": MODELS["openai"],
        },
        "openai-compatible": {
            "OPENAI_COMPATIBLE_BASE_URL": f"{base_url}/v1",
            "OPENAI_COMPATIBLE_MODEL": MODELS["openai-compatible"],
        },
    }
    return {**config[name], **extra}


def new_simulator(name: str) -> Simulator:
    if name == "anthropic":
        return AnthropicSimulator(input_tokens=INPUT_TOKENS, output_tokens=OUTPUT_TOKENS)
    # A local OpenAI-compatible server (Ollama) usually asks for no key at all.
    key = None if name == "openai-compatible" else "sk-sandbox"
    return OpenAISimulator(api_key=key, input_tokens=INPUT_TOKENS, output_tokens=OUTPUT_TOKENS)


@pytest.fixture
def make_case() -> Iterator[Callable[..., ProviderCase]]:
    """make_case(name, **settings): a provider, with its simulator started when it has one."""
    with ExitStack() as servers:

        def make(name: str, **settings: Any) -> ProviderCase:
            if name == "basic":
                return ProviderCase(name, ai.get_text_provider("basic"), None)
            sim = new_simulator(name)
            base_url = servers.enter_context(serve(sim))
            provider = ai.get_text_provider(name, **simulator_config(name, base_url, **settings))
            return ProviderCase(name, provider, sim)

        yield make


@pytest.fixture(autouse=True)
def _fresh_configuration() -> Iterator[None]:
    # configure() is process-wide; each test starts from the embedded defaults.
    ai.configure({})
    yield
    ai.configure({})
