"""The fal image provider against the queue simulator: the queue's steps, exact payloads,
every failure, and a careful download of the finished picture."""

from __future__ import annotations

import base64
from collections.abc import Callable

import pytest

from postloom.integrations import images
from postloom.integrations.images import ImageError
from postloom.integrations.images.fal import FalImageProvider, aspect_ratio, image_size
from postloom.sandbox.fal_api import FalSimulator

from .conftest import ProviderCase, feed_request, picture

Make = Callable[..., ProviderCase]


def sim_of(case: ProviderCase) -> FalSimulator:
    assert isinstance(case.sim, FalSimulator)
    return case.sim


def failure(case: ProviderCase) -> ImageError:
    with pytest.raises(ImageError) as caught:
        case.generate(feed_request())
    return caught.value


def test_submit_poll_fetch_then_download(make_case: Make) -> None:
    case = make_case("fal")
    request = feed_request()

    case.generate(request)

    sim = sim_of(case)
    steps = [(r.method, r.path) for r in sim.requests]
    status = "/fal-ai/flux/requests/sandbox-000001/status"
    assert steps == [("POST", "/fal-ai/flux/dev"), ("GET", status), ("GET", status),
                     ("GET", status), ("GET", "/fal-ai/flux/requests/sandbox-000001"),
                     ("GET", "/files/sandbox-000001.jpg")]  # fmt: skip
    assert sim.requests[0].body == {
        "prompt": request.full_prompt(),
        "num_images": 1,
        "output_format": "jpeg",
        "image_size": {"width": 1088, "height": 1344},
        "enable_safety_checker": True,
    }
    assert all(r.headers["authorization"] == "Key fal-sandbox-key" for r in sim.requests[:5])
    assert "authorization" not in sim.requests[5].headers  # the CDN never sees the key


def test_a_persona_shot_goes_to_the_reference_model_as_a_data_uri(make_case: Make) -> None:
    case = make_case("fal")
    sari = picture("purple")

    result = case.generate(feed_request(purpose="persona", size=(1080, 1920),
                                        reference_images=(sari, picture("red"))))  # fmt: skip

    body = sim_of(case).requests[0].body
    assert sim_of(case).requests[0].path == "/fal-ai/flux-pro/kontext"
    assert body["image_url"] == "data:image/jpeg;base64," + base64.b64encode(sari).decode()
    assert (body["aspect_ratio"], body["safety_tolerance"]) == ("9:16", "2")
    assert "image_size" not in body and "image_urls" not in body
    assert (
        result.usage.cost_usd == images.prices.DEFAULT_PRICES["fal-ai/flux-pro/kontext"].per_image
    )


def test_a_multi_model_receives_every_reference(make_case: Make) -> None:
    case = make_case("fal", FAL_REFERENCE_MODEL="fal-ai/flux-pro/kontext/multi")
    photos = (picture("purple"), picture("red", kind="PNG"))

    case.generate(feed_request(purpose="persona", reference_images=photos))

    uris = sim_of(case).requests[0].body["image_urls"]
    assert [uri.partition(",")[0] for uri in uris] == ["data:image/jpeg;base64",
                                                       "data:image/png;base64"]  # fmt: skip


def test_no_reference_model_means_words_only(make_case: Make) -> None:
    case = make_case("fal", FAL_REFERENCE_MODEL="")

    result = case.generate(feed_request(purpose="persona", reference_images=(picture(),)))

    assert sim_of(case).requests[0].path == "/fal-ai/flux/dev"
    assert result.used_references is False


@pytest.mark.parametrize(
    ("switches", "code", "permanent"),
    [
        ({"api_key": "another"}, "auth", True),
        ({"status": 403}, "auth", True),
        ({"no_balance": True}, "quota", True),
        ({"status": 500}, "server", False),
        ({"status": 503}, "server", False),
        ({"refuse": True}, "refused", True),
        ({"nsfw": True}, "refused", True),
        ({"result_status": 500}, "server", False),
        ({"result_status": 504}, "timeout", False),
        ({"no_images": True}, "invalid_output", True),
        ({"corrupt": True}, "invalid_output", True),
        ({"wrong_type": True}, "invalid_output", True),
        ({"oversized": True}, "invalid_output", True),
        ({"private_url": True}, "invalid_output", True),
    ],
)
def test_vendor_failures_map_to_our_codes(
    make_case: Make, switches: dict[str, object], code: str, permanent: bool
) -> None:
    case = make_case("fal")
    for name, value in switches.items():
        setattr(case.sim, name, value)

    error = failure(case)

    assert (error.code, error.permanent, error.provider) == (code, permanent, "fal")
    assert "fal-sandbox-key" not in str(error) and "flagged" not in str(error)


def test_a_rate_limit_says_how_long_to_wait(make_case: Make) -> None:
    case = make_case("fal")
    sim_of(case).status, sim_of(case).retry_after = 429, 7

    error = failure(case)

    assert (error.code, error.permanent, error.retry_after) == ("rate_limited", False, 7.0)


def test_a_request_that_never_finishes_times_out_and_is_cancelled(make_case: Make) -> None:
    case = make_case("fal", TIMEOUT_SECONDS=0.5)
    sim_of(case).stuck = True

    error = failure(case)

    assert (error.code, error.permanent) == ("timeout", False)
    assert sim_of(case).cancelled == ["sandbox-000001"]


def test_a_slow_submit_is_a_timeout(make_case: Make) -> None:
    case = make_case("fal", TIMEOUT_SECONDS=0.3)
    sim_of(case).delay = 1.0

    assert failure(case).code == "timeout"


def test_the_download_refuses_loopback_unless_allowed(make_case: Make) -> None:
    case = make_case("fal", ALLOW_LOOPBACK=False)

    error = failure(case)

    assert (error.code, error.permanent) == ("invalid_output", True)
    assert "blocked_address" in str(error)


def test_queue_urls_on_another_host_are_never_sent_the_key() -> None:
    provider = FalImageProvider(api_key="k", base_url="https://queue.fal.run")
    own = "https://queue.fal.run/fal-ai/flux/requests/abc-123"
    queued = {"request_id": "abc-123", "status_url": "https://evil.example/s",
              "response_url": "https://queue.fal.run.evil.example/r",
              "cancel_url": f"{own}/cancel"}  # fmt: skip

    handle = provider._handle(queued, "fal-ai/flux/dev")

    assert (handle.status_url, handle.response_url) == (f"{own}/status", own)
    assert handle.cancel_url == queued["cancel_url"]
    with pytest.raises(ImageError) as caught:
        provider._handle({"request_id": "../../x"}, "fal-ai/flux/dev")
    assert caught.value.code == "invalid_output"


@pytest.mark.parametrize(
    ("size", "expected"),
    [((1080, 1350), (1088, 1344)), ((1080, 1920), (928, 1664)), ((1080, 1080), (1088, 1088)),
     ((400, 300), (384, 288))],
)  # fmt: skip
def test_image_sizes_stay_in_fluxs_range(size: tuple[int, int], expected: tuple[int, int]) -> None:
    sized = image_size(size)
    assert (sized["width"], sized["height"]) == expected
    assert sized["width"] * sized["height"] <= 1536 * 1024 * 1.02


@pytest.mark.parametrize(
    ("aspect", "name"), [(0.8, "3:4"), (0.5625, "9:16"), (1.0, "1:1"), (1.78, "16:9")]
)
def test_aspect_ratios_are_the_nearest_kontext_offers(aspect: float, name: str) -> None:
    assert aspect_ratio(aspect) == name


def test_the_key_stays_out_of_the_repr() -> None:
    provider = FalImageProvider(api_key="fal-very-secret")
    assert "fal-very-secret" not in repr(provider)
