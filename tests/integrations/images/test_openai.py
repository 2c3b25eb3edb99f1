"""The OpenAI image provider against the Images API simulator: exact requests, every failure."""

from __future__ import annotations

import socket
from collections.abc import Callable

import pytest

from postloom.integrations import ai, images
from postloom.integrations.ai.base import BrandRequest
from postloom.integrations.images import ImageError
from postloom.integrations.images.prices import DEFAULT_PRICES
from postloom.sandbox.openai_api import OpenAISimulator
from postloom.sandbox.openai_images import (
    EDITS_PATH,
    GENERATIONS_PATH,
    OpenAIImagesSimulator,
    with_chat,
)
from postloom.sandbox.server import serve
from postloom.web.site import SiteExtract

from .conftest import ProviderCase, feed_request, picture

Make = Callable[..., ProviderCase]


def sim_of(case: ProviderCase) -> OpenAIImagesSimulator:
    assert isinstance(case.sim, OpenAIImagesSimulator)
    return case.sim


def failure(case: ProviderCase) -> ImageError:
    with pytest.raises(ImageError) as caught:
        case.generate(feed_request())
    return caught.value


def test_a_picture_from_words_is_one_generation_request(make_case: Make) -> None:
    case = make_case("openai")
    request = feed_request()

    case.generate(request)

    [sent] = sim_of(case).requests
    assert (sent.method, sent.path) == ("POST", GENERATIONS_PATH)
    assert sent.headers["authorization"] == "Bearer sk-sandbox"
    assert sent.fields == {"model": "gpt-image-1", "prompt": request.full_prompt(), "n": 1,
                           "size": "1024x1536", "output_format": "jpeg",
                           "quality": "medium"}  # fmt: skip


def test_a_persona_shot_is_an_edit_with_the_reference_photos(make_case: Make) -> None:
    case = make_case("openai", OPENAI_QUALITY="high")
    photos = (picture("purple"), picture("white", kind="PNG"))

    result = case.generate(feed_request(purpose="persona", size=(1080, 1920),
                                        reference_images=photos))  # fmt: skip

    [sent] = sim_of(case).requests
    assert sent.path == EDITS_PATH
    assert sent.fields["size"] == "1024x1536"
    assert sent.fields["quality"] == "high"
    assert [(name, kind) for name, kind, _data in sent.files] == [
        ("image[]", "image/jpeg"), ("image[]", "image/png")
    ]  # fmt: skip
    assert result.usage.input_tokens == 60 + 2 * 323  # text plus two pictures read


def test_dall_e_3_asks_for_base64_and_leaves_out_references(make_case: Make) -> None:
    case = make_case("openai", OPENAI_MODEL="dall-e-3")
    sim_of(case).revised_prompt = "A glass of iced coffee on a rustic table."

    result = case.generate(feed_request(purpose="persona", size=(1920, 1080),
                                        reference_images=(picture(),)))  # fmt: skip

    [sent] = sim_of(case).requests
    assert sent.path == GENERATIONS_PATH
    assert sent.fields["response_format"] == "b64_json"
    assert (sent.fields["size"], sent.fields["quality"]) == ("1792x1024", "standard")
    assert "output_format" not in sent.fields
    assert result.used_references is False
    assert result.usage.note == "dall-e-3 cannot use reference photos; made from the words alone"
    assert result.usage.cost_usd == DEFAULT_PRICES["dall-e-3"].per_image
    assert result.revised_prompt == "A glass of iced coffee on a rustic table."


@pytest.mark.parametrize(
    ("switches", "code", "permanent"),
    [
        ({"status": 401}, "auth", True),
        ({"status": 403}, "auth", True),
        ({"no_quota": True}, "quota", True),
        ({"status": 500}, "server", False),
        ({"status": 503}, "server", False),
        ({"refuse": True}, "refused", True),
        ({"corrupt": True}, "invalid_output", True),
    ],
)
def test_vendor_failures_map_to_our_codes(
    make_case: Make, switches: dict[str, object], code: str, permanent: bool
) -> None:
    case = make_case("openai")
    for name, value in switches.items():
        setattr(case.sim, name, value)

    error = failure(case)

    assert (error.code, error.permanent, error.provider) == (code, permanent, "openai")
    assert "sk-sandbox" not in str(error) and "safety system" not in str(error)


def test_a_rate_limit_says_how_long_to_wait(make_case: Make) -> None:
    case = make_case("openai")
    sim_of(case).status, sim_of(case).retry_after = 429, 2.5

    error = failure(case)

    assert (error.code, error.permanent, error.retry_after) == ("rate_limited", False, 2.5)


def test_one_retry_gets_past_a_passing_fault(make_case: Make) -> None:
    case = make_case("openai", MAX_RETRIES=1)
    sim = sim_of(case)
    sim.status, sim.fail_times, sim.retry_after = 429, 1, 0.01

    result = case.generate(feed_request())

    assert result.width == 1024
    assert len(sim.requests) == 2


def test_a_slow_answer_is_a_timeout(make_case: Make) -> None:
    case = make_case("openai", TIMEOUT_SECONDS=0.3)
    sim_of(case).delay = 1.5

    error = failure(case)

    assert (error.code, error.permanent) == ("timeout", False)


def test_an_address_nobody_answers_is_unreachable() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    provider = images.get_image_provider(
        "openai", OPENAI_API_KEY="sk-x", OPENAI_BASE_URL=f"http://127.0.0.1:{port}/v1",
        MAX_RETRIES=0,
    )  # fmt: skip

    with pytest.raises(ImageError) as caught:
        images.generate(feed_request(), provider)

    assert (caught.value.code, caught.value.permanent) == ("unreachable", False)


def test_the_key_stays_out_of_reprs_and_errors(make_case: Make) -> None:
    case = make_case("openai", OPENAI_API_KEY="sk-very-secret-123")

    error = failure(case)

    assert error.code == "auth"
    assert "sk-very-secret-123" not in repr(case.provider) + str(error) + repr(error)


def test_one_address_can_serve_chat_and_images() -> None:
    chat, pictures = OpenAISimulator(), OpenAIImagesSimulator()
    with serve(with_chat(chat, pictures)) as base_url:
        settings = {"OPENAI_API_KEY": "sk-sandbox", "OPENAI_BASE_URL": f"{base_url}/v1"}
        brand = ai.analyse_brand(BrandRequest(SiteExtract(url="https://kopi.example/",
                                                          name="Kopi")),
                                 ai.get_text_provider("openai", **settings))  # fmt: skip
        result = images.generate(feed_request(), "openai", MAX_RETRIES=0, **settings)

    assert brand.profile.name and result.width == 1024
    assert (len(chat.requests), len(pictures.requests)) == (1, 1)
