"""Fixtures for the AI text capability: small invented businesses and every provider, ready.

AI providers talk to the local simulators (``postloom.sandbox``) through their base URLs, as
they would talk to the vendors; nothing here reaches the internet.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

import pytest

from postloom.integrations import ai
from postloom.integrations.ai.base import BrandRequest, TextProvider
from postloom.integrations.ai.captions_base import (
    BrandVoice,
    CaptionBatchResult,
    CaptionRequest,
    Persona,
    PostBrief,
    ProductBrief,
)
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

    def write(self, request: CaptionRequest) -> CaptionBatchResult:
        return ai.write_captions(request, self.provider)


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


# --- Captions -------------------------------------------------------------------------------

KOPI_SUSU = ProductBrief(
    name="Kopi Susu Gula Aren",
    description="Es kopi susu dengan gula aren asli dari Garut.",
    price="Rp25.000",
    highlights=("gula aren asli", "susu segar", "diseduh saat dipesan"),
)
ROTI_BAKAR = ProductBrief(
    name="Roti Bakar Cokelat Keju",
    price="Rp18.000",
    highlights=("roti tebal", "topping melimpah"),
)
TEH_TARIK = ProductBrief(name="Teh Tarik", highlights=("manis pas", "ditarik langsung"))


def kopi_senja_voice(language: str = "id", **changes: Any) -> BrandVoice:
    """Kopi Senja's brand voice, as the brand profile and the catalog give it."""
    voice = BrandVoice(
        name="Kopi Senja",
        industry="food_beverage",
        tone="Ramah dan hangat; menyapa pelanggan secara santai dan akrab.",
        target_audience="Mahasiswa dan anak muda di Bandung.",
        keywords=("kopi susu", "roti bakar", "nongkrong", "kopi gula aren"),
        language=language,  # type: ignore[arg-type]
        persona=Persona(name="Sari", voice="ceria, suka menyapa pengikut dengan 'Kak'"),
        website="https://kopisenja.example",
    )
    return replace(voice, **changes)


def plan_briefs(language: str, count: int = 30, platform_mix: bool = True) -> list[PostBrief]:
    """A month's plan: every format, every pillar, three products and none, two occasions."""
    formats = ("feed_image", "carousel", "reel", "story", "tiktok_video", "tiktok_photo")
    pillars = ("product_spotlight", "behind_the_scenes", "tips", "social_proof", "promotion",
               "question", "local_occasion")  # fmt: skip
    products = (KOPI_SUSU, ROTI_BAKAR, None, TEH_TARIK)
    briefs = []
    for day in range(count):
        post_type = formats[(day * 5) % len(formats)]
        pillar = pillars[day % len(pillars)]
        occasion = ""
        if pillar == "local_occasion":
            occasion = ("Ramadan", "Harbolnas 12.12", "Tahun Baru")[day % 3]
        platform = "tiktok" if platform_mix and post_type.startswith("tiktok") else "instagram"
        if not platform_mix and post_type.startswith("tiktok"):
            post_type = "reel"
        briefs.append(
            PostBrief(
                post_type=post_type,  # type: ignore[arg-type]
                pillar=pillar,  # type: ignore[arg-type]
                language=language,  # type: ignore[arg-type]
                platform=platform,  # type: ignore[arg-type]
                product=products[day % len(products)],
                occasion=occasion,
            )
        )
    return briefs


def caption_request(language: str = "id", count: int = 30, **voice: Any) -> CaptionRequest:
    return CaptionRequest(kopi_senja_voice(language, **voice), tuple(plan_briefs(language, count)))
