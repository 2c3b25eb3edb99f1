"""Choosing and building image providers from settings; prices; the checks on every picture."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from PIL import Image

from postloom.integrations import images
from postloom.integrations.images import ImageError, ImageRequest
from postloom.integrations.images.check import picture_facts
from postloom.integrations.images.fal import FalImageProvider
from postloom.integrations.images.openai import OpenAIImageProvider
from postloom.integrations.images.prices import ImagePrice, cost_of, find_price, price_table
from postloom.sandbox.openai_images import bomb

from .conftest import picture


def not_configured(name: str | None = None, **config: object) -> ImageError:
    with pytest.raises(ImageError) as caught:
        images.get_image_provider(name, **config)
    assert (caught.value.code, caught.value.permanent) == ("not_configured", True)
    return caught.value


def test_the_default_is_no_ai_images() -> None:
    assert images.provider_name() == "none"
    assert images.enabled() is False
    assert images.get_image_provider().name == "none"


def test_the_provider_comes_from_the_settings_dict() -> None:
    provider = images.get_image_provider(PROVIDER="fal", FAL_API_KEY="k", FAL_MODEL="m/x")
    assert isinstance(provider, FalImageProvider)
    assert (provider.model, provider.reference_model) == ("m/x", "fal-ai/flux-pro/kontext")
    assert provider.base_url == "https://queue.fal.run"


def test_configure_sets_the_process_default() -> None:
    images.configure({"PROVIDER": "openai", "OPENAI_API_KEY": "sk-1", "OPENAI_MODEL": "gpt-x"})
    provider = images.get_image_provider()
    assert isinstance(provider, OpenAIImageProvider)
    assert provider.model == "gpt-x"
    assert images.enabled() is True


def test_unknown_providers_and_missing_keys_are_not_configured() -> None:
    assert "choose one of none, openai, fal, fake" in str(not_configured("midjourney"))
    assert "OPENAI_API_KEY" in str(not_configured("openai"))
    assert "FAL_KEY" in str(not_configured("fal"))


@pytest.mark.parametrize(
    "bad", [{"TIMEOUT_SECONDS": 0}, {"TIMEOUT_SECONDS": "soon"}, {"PRICES": {"m": "free"}},
            {"PRICES": {"m": {"per_picture": 1}}}, {"MAX_RETRIES": "x"}],
)  # fmt: skip
def test_malformed_settings_are_not_configured(bad: dict[str, object]) -> None:
    not_configured("openai", OPENAI_API_KEY="sk-1", **bad)


def test_retries_are_capped_at_one() -> None:
    provider = images.get_image_provider("openai", OPENAI_API_KEY="sk-1", MAX_RETRIES=5)
    assert isinstance(provider, OpenAIImageProvider)
    assert provider._client.max_retries == 1


def test_an_operators_prices_win() -> None:
    table = price_table({"fal-ai/flux/dev": {"per_megapixel": "0.03"}, "my-model": "0.5"})
    assert table["fal-ai/flux/dev"] == ImagePrice(per_megapixel=Decimal("0.03"))
    assert table["my-model"] == ImagePrice(per_image=Decimal("0.5"))


def test_models_are_found_by_their_family_name() -> None:
    table = price_table()
    assert find_price("gpt-image-1-mini-2026-01-01", table) == table["gpt-image-1-mini"]
    assert find_price("fal-ai/flux-pro/kontext/max", table) == table["fal-ai/flux-pro/kontext/max"]
    assert find_price("fal-ai/flux-pro/kontext/multi", table) == table["fal-ai/flux-pro/kontext"]
    assert find_price("gpt-image-10", table) is None


def test_costs_by_tokens_by_megapixel_and_unknown() -> None:
    table = price_table()
    tokens = cost_of("gpt-image-1", table, size=(1024, 1536), text_tokens=100,
                     image_tokens=500, output_tokens=1000)  # fmt: skip
    assert tokens.usd == Decimal("0.045500")  # 100 × $5 + 500 × $10 + 1000 × $40 per million
    no_tokens = cost_of("gpt-image-1", table, size=(1024, 1536))
    assert no_tokens.usd == Decimal("0.063000")
    assert cost_of("fal-ai/flux/schnell", table, size=(1024, 1024)).usd == Decimal("0.006000")
    unknown = cost_of("someone/else", table, size=(1024, 1024))
    assert unknown.usd == 0 and "no price known" in unknown.note


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (b"", "was empty"),
        (b"GIF89a not really", "is not a readable picture"),
        (picture(kind="JPEG")[:200], "is not a readable picture"),  # cut off mid-way
        (picture(kind="GIF"), "unexpected format (GIF)"),
        (picture(size=(40, 40)), "smaller than 64 pixels"),
        (bomb(), "too large to decode"),
        (picture(size=(4200, 100)), "larger than 4096 pixels"),
    ],
)
def test_unusable_pictures_are_invalid_output(data: bytes, why: str) -> None:
    with pytest.raises(ImageError) as caught:
        picture_facts(data, "openai")
    assert (caught.value.code, caught.value.permanent) == ("invalid_output", True)
    assert why in str(caught.value)


def test_a_good_picture_reports_its_real_format_and_size() -> None:
    out = io.BytesIO()
    Image.new("RGB", (300, 200), "blue").save(out, "WEBP")
    assert picture_facts(out.getvalue(), "fal") == ("webp", 300, 200)


def test_the_prompt_is_capped_and_always_forbids_text() -> None:
    request = ImageRequest("coffee " * 1000, "background")
    prompt = request.full_prompt()
    assert 1990 <= len(prompt) <= 2000
    assert prompt.startswith("An uncluttered background picture")
    assert prompt.endswith(
        "No text, letters, numbers, logos or watermarks anywhere in the picture."
    )


def test_a_persona_without_reference_photos_is_described_not_referred_to() -> None:
    described = ImageRequest("Sari, short black hair", "persona").full_prompt()
    referenced = ImageRequest("Sari", "persona", reference_images=(picture(),)).full_prompt()
    assert described.startswith("A natural photograph of the person described below")
    assert "reference photos" not in described
    assert "same person as in the reference photos" in referenced
