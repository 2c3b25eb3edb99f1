"""One suite, every provider: what any image provider promises the rest of Postloom.

fake runs as it is; openai and fal talk to the local simulators of those APIs, which answer
with real pictures unless a test switches a failure on. "none" promises only to say no.
"""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from PIL import Image

from postloom.integrations import images
from postloom.integrations.images import ImageError

from .conftest import (
    ENABLED_PROVIDERS,
    EXPECTED_COST,
    MODELS,
    REFERENCE_MODELS,
    ProviderCase,
    feed_request,
    picture,
)


@pytest.fixture(params=ENABLED_PROVIDERS)
def case(request: pytest.FixtureRequest, make_case: Callable[..., ProviderCase]) -> ProviderCase:
    return make_case(request.param)


def test_returns_a_decoded_picture_that_is_what_it_says(case: ProviderCase) -> None:
    result = case.generate(feed_request())

    with Image.open(io.BytesIO(result.image)) as image:
        image.load()
        assert image.size == (result.width, result.height)
        assert image.format.lower() == result.format
    assert result.format in ("png", "jpeg", "webp")
    assert result.provider == case.name
    assert result.model == MODELS[case.name]


@pytest.mark.parametrize(
    ("size", "shape"), [((1080, 1350), "portrait"), ((1080, 1920), "portrait"),
                        ((1080, 1080), "square"), ((1920, 1080), "landscape")],
)  # fmt: skip
def test_the_picture_has_the_shape_asked_for(
    case: ProviderCase, size: tuple[int, int], shape: str
) -> None:
    result = case.generate(feed_request(size=size))

    ratio = result.width / result.height
    expected = {"portrait": ratio < 0.9, "square": 0.9 <= ratio <= 1.1, "landscape": ratio > 1.1}
    assert expected[shape], (result.width, result.height)
    assert min(result.width, result.height) >= 512


def test_the_full_prompt_is_what_the_vendor_receives(case: ProviderCase) -> None:
    request = feed_request(style="Warm, rustic and homely", brand_colors=("#6f4e37", "#f5efe6"),
                           negative="people's faces")  # fmt: skip
    case.generate(request)

    sent = case.sent_prompt()
    assert sent == request.full_prompt()
    assert "iced palm sugar coffee" in sent
    assert "Visual style: Warm, rustic and homely." in sent
    assert "#6f4e37, #f5efe6" in sent
    assert "Avoid: people's faces." in sent
    assert sent.endswith("No text, letters, numbers, logos or watermarks anywhere in the picture.")


def test_usage_names_the_model_and_prices_the_picture(case: ProviderCase) -> None:
    usage = case.generate(feed_request()).usage

    assert (usage.provider, usage.model, usage.images) == (case.name, MODELS[case.name], 1)
    assert usage.cost_usd == EXPECTED_COST[case.name]
    assert usage.duration_ms >= 0
    assert usage.note == ""


def test_reference_photos_reach_the_model(case: ProviderCase) -> None:
    sari = picture("purple")
    request = feed_request(purpose="persona", prompt="Sari pouring coffee behind the counter",
                           reference_images=(sari,))  # fmt: skip

    result = case.generate(request)

    assert result.used_references is True
    assert result.model == REFERENCE_MODELS[case.name]
    assert case.sent_references() == [sari]
    assert "same person as in the reference photos" in case.sent_prompt()


def test_at_most_four_reference_photos_are_sent(case: ProviderCase) -> None:
    photos = tuple(picture(color) for color in ("red", "green", "blue", "white", "black"))

    case.generate(feed_request(purpose="persona", reference_images=photos))

    # fal's default Kontext model takes one picture; the others take up to four.
    expected = photos[:1] if case.name == "fal" else photos[:4]
    assert case.sent_references() == list(expected)


def test_the_same_request_gives_the_same_picture(case: ProviderCase) -> None:
    first = case.generate(feed_request())
    second = case.generate(feed_request())

    assert first.image == second.image


def test_a_refusal_is_permanent_and_says_so_in_our_words(case: ProviderCase) -> None:
    case.fail_with("refused")

    with pytest.raises(ImageError) as caught:
        case.generate(feed_request())

    assert (caught.value.code, caught.value.permanent) == ("refused", True)
    assert caught.value.provider == case.name
    assert "safety system" not in str(caught.value) and "flagged" not in str(caught.value)


@pytest.mark.parametrize("failure", ["corrupt", "oversized"])
def test_bytes_that_are_not_a_usable_picture_are_invalid_output(
    case: ProviderCase, failure: str
) -> None:
    case.fail_with(failure)

    with pytest.raises(ImageError) as caught:
        case.generate(feed_request())

    assert (caught.value.code, caught.value.permanent) == ("invalid_output", True)


def test_a_passing_fault_can_be_retried(case: ProviderCase) -> None:
    case.fail_with("server")

    with pytest.raises(ImageError) as caught:
        case.generate(feed_request())

    assert (caught.value.code, caught.value.permanent) == ("server", False)


def test_a_refused_key_is_permanent(case: ProviderCase) -> None:
    case.fail_with("auth")

    with pytest.raises(ImageError) as caught:
        case.generate(feed_request())

    assert (caught.value.code, caught.value.permanent) == ("auth", True)


def test_an_empty_prompt_is_refused_before_any_call(case: ProviderCase) -> None:
    with pytest.raises(ImageError) as caught:
        case.generate(feed_request(prompt="   "))

    assert caught.value.code == "bad_request"
    if case.sim is not None:
        assert case.sim.requests == []


def test_none_makes_no_pictures(make_case: Callable[..., ProviderCase]) -> None:
    none = make_case("none")

    assert none.provider.enabled is False
    assert images.enabled() is False
    with pytest.raises(ImageError) as caught:
        none.generate(feed_request())
    assert (caught.value.code, caught.value.permanent) == ("not_configured", True)


def test_every_other_provider_is_enabled(case: ProviderCase) -> None:
    assert case.provider.enabled is True
    assert images.enabled(PROVIDER=case.name) is True
