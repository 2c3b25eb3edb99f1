"""Fixtures for the AI image capability: every provider, ready, with its simulator running.

openai and fal talk to the local simulators (``postloom.sandbox.openai_images``, ``fal_api``)
through their base URLs, as they would talk to the vendors; nothing here reaches the internet.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from PIL import Image

from postloom.integrations import images
from postloom.integrations.images import ImageProvider, ImageRequest, ImageResult
from postloom.integrations.images.fake import FakeImageProvider
from postloom.sandbox.fal_api import SANDBOX_KEY as FAL_KEY
from postloom.sandbox.fal_api import FalSimulator
from postloom.sandbox.openai_images import SANDBOX_KEY as OPENAI_KEY
from postloom.sandbox.openai_images import OpenAIImagesSimulator
from postloom.sandbox.server import serve

AI_PROVIDERS = ("openai", "fal")
ENABLED_PROVIDERS = ("fake", *AI_PROVIDERS)
ALL_PROVIDERS = ("none", *ENABLED_PROVIDERS)

MODELS = {"fake": "fake-gradient-1", "openai": "gpt-image-1", "fal": "fal-ai/flux/dev"}
REFERENCE_MODELS = {"fake": "fake-gradient-1", "openai": "gpt-image-1",
                    "fal": "fal-ai/flux-pro/kontext"}  # fmt: skip
# A feed portrait (1080 × 1350) at the simulators' token counts and the default price table.
EXPECTED_COST = {
    "fake": Decimal("0"),
    "openai": Decimal("0.042540"),  # 60 text tokens at $5 + 1056 image tokens at $40 per 1M
    "fal": Decimal("0.050000"),  # 1088 × 1344 = 1.46 MP, billed as 2 MP at $0.025
}

Simulator = OpenAIImagesSimulator | FalSimulator


def picture(color: str = "red", size: tuple[int, int] = (200, 240), kind: str = "JPEG") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, kind)
    return out.getvalue()


def feed_request(**changes: Any) -> ImageRequest:
    values: dict[str, Any] = {
        "prompt": "A glass of iced palm sugar coffee on a wooden cafe table, morning light",
        "purpose": "lifestyle",
        "size": (1080, 1350),
        **changes,
    }
    return ImageRequest(**values)


@dataclass
class ProviderCase:
    """One provider under test, and the simulator behind it (None for none and fake)."""

    name: str
    provider: ImageProvider
    sim: Simulator | None

    def generate(self, request: ImageRequest) -> ImageResult:
        return images.generate(request, self.provider)

    def fail_with(self, failure: str) -> None:
        """Switch the provider (or its simulator) to one kind of failure."""
        if isinstance(self.provider, FakeImageProvider):
            if failure in ("corrupt", "oversized"):
                self.provider.corrupt = True
            else:
                self.provider.fail = failure
            return
        flags = {"refused": {"refuse": True}, "corrupt": {"corrupt": True},
                 "oversized": {"oversized": True}, "rate_limited": {"status": 429},
                 "server": {"status": 500}, "auth": {"api_key": "another-key"}}  # fmt: skip
        for flag, value in flags[failure].items():
            setattr(self.sim, flag, value)

    def sent_prompt(self) -> str:
        """The prompt of the request that reached the vendor."""
        if isinstance(self.provider, FakeImageProvider):
            return self.provider.requests[-1].full_prompt()
        if isinstance(self.sim, OpenAIImagesSimulator):
            return str(self.sim.requests[-1].fields["prompt"])
        assert isinstance(self.sim, FalSimulator)
        return str(self.sim.requests[0].body["prompt"])

    def sent_references(self) -> list[bytes]:
        """The reference photos that reached the vendor, as bytes."""
        if isinstance(self.provider, FakeImageProvider):
            return list(self.provider.requests[-1].reference_images)
        if isinstance(self.sim, OpenAIImagesSimulator):
            return [data for _name, _type, data in self.sim.requests[-1].files]
        assert isinstance(self.sim, FalSimulator)
        body = self.sim.requests[0].body
        uris = body.get("image_urls") or [body["image_url"]]
        return [base64.b64decode(uri.partition(",")[2]) for uri in uris]


def simulator_config(name: str, base_url: str, **extra: Any) -> dict[str, Any]:
    """Settings that point provider ``name`` at a simulator at ``base_url``."""
    config: dict[str, dict[str, Any]] = {
        "openai": {"OPENAI_API_KEY": OPENAI_KEY, "OPENAI_BASE_URL": f"{base_url}/v1",
                   "MAX_RETRIES": 0},
        "fal": {"FAL_API_KEY": FAL_KEY, "FAL_BASE_URL": base_url, "ALLOW_LOOPBACK": True,
                "FAL_POLL_SECONDS": 0.01},
    }  # fmt: skip
    return {**config[name], **extra}


def new_simulator(name: str) -> Simulator:
    return OpenAIImagesSimulator() if name == "openai" else FalSimulator()


@pytest.fixture
def make_case() -> Iterator[Callable[..., ProviderCase]]:
    """make_case(name, **settings): a provider, with its simulator started when it has one."""
    with ExitStack() as servers:

        def make(name: str, **settings: Any) -> ProviderCase:
            if name in ("none", "fake"):
                return ProviderCase(name, images.get_image_provider(name, **settings), None)
            sim = new_simulator(name)
            base_url = servers.enter_context(serve(sim))
            config = simulator_config(name, base_url, **settings)
            return ProviderCase(name, images.get_image_provider(name, **config), sim)

        yield make


@pytest.fixture(autouse=True)
def _fresh_configuration() -> Iterator[None]:
    # configure() is process-wide; each test starts from the embedded defaults.
    images.configure({})
    yield
    images.configure({})
