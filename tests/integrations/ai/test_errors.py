"""Every way an AI provider fails becomes one AIError: a code the product translates, and
``permanent`` saying whether a retry can help. Run against each AI provider's simulator."""

from __future__ import annotations

import socket
from collections.abc import Callable

import pytest

from postloom.integrations import ai
from postloom.integrations.ai.base import AIError, BrandRequest

from .conftest import AI_PROVIDERS, ProviderCase, kopi_senja

# Retries are switched off unless a test is about them: each would add a back-off wait.
NO_RETRY = {"AI_MAX_RETRIES": 0}
OVERLOADED = {"anthropic": 529, "openai": 503, "openai-compatible": 503}


@pytest.fixture(params=AI_PROVIDERS)
def name(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def failing(case: ProviderCase) -> AIError:
    with pytest.raises(AIError) as caught:
        case.analyse(BrandRequest(site=kopi_senja()))
    assert caught.value.provider == case.name
    return caught.value


@pytest.mark.parametrize("status", [401, 403])
def test_refused_credentials_are_auth_and_permanent(
    make_case: Callable[..., ProviderCase], name: str, status: int
) -> None:
    case = make_case(name, **NO_RETRY)
    assert case.sim is not None
    case.sim.status = status

    error = failing(case)

    assert (error.code, error.permanent) == ("auth", True)
    assert f"HTTP {status}" in str(error)
    assert len(case.sim.requests) == 1  # a bad key is not retried


def test_a_wrong_key_is_auth(make_case: Callable[..., ProviderCase], name: str) -> None:
    key = {"anthropic": "ANTHROPIC_API_KEY", "openai": "OPENAI_API_KEY"}
    key["openai-compatible"] = "OPENAI_COMPATIBLE_API_KEY"
    case = make_case(name, **{key[name]: "sk-wrong-key-123456"})
    assert case.sim is not None
    case.sim.api_key = "sk-the-right-one"

    error = failing(case)

    assert (error.code, error.permanent) == ("auth", True)
    assert "sk-wrong-key-123456" not in str(error) and "123456" not in repr(error)


def test_rate_limit_is_transient_with_retry_after(
    make_case: Callable[..., ProviderCase], name: str
) -> None:
    case = make_case(name, **NO_RETRY)
    assert case.sim is not None
    case.sim.status, case.sim.retry_after = 429, 20

    error = failing(case)

    assert (error.code, error.permanent) == ("rate_limited", False)
    assert error.retry_after == 20.0


@pytest.mark.parametrize("kind", ["internal", "overloaded"])
def test_server_errors_are_transient(
    make_case: Callable[..., ProviderCase], name: str, kind: str
) -> None:
    case = make_case(name, **NO_RETRY)
    assert case.sim is not None
    case.sim.status = 500 if kind == "internal" else OVERLOADED[name]

    error = failing(case)

    assert (error.code, error.permanent) == ("server", False)


def test_no_answer_in_time_is_a_transient_timeout(
    make_case: Callable[..., ProviderCase], name: str
) -> None:
    case = make_case(name, AI_TIMEOUT_SECONDS=0.2, **NO_RETRY)
    assert case.sim is not None
    case.sim.delay = 1.0

    error = failing(case)

    assert (error.code, error.permanent) == ("timeout", False)


def test_malformed_output_is_permanent_after_one_more_try(
    make_case: Callable[..., ProviderCase], name: str
) -> None:
    case = make_case(name)
    assert case.sim is not None
    case.sim.malformed = True

    error = failing(case)

    assert (error.code, error.permanent) == ("invalid_output", True)
    assert len(case.sim.requests) == 2  # the first answer, and one retry with the errors


def test_a_refusal_is_permanent(make_case: Callable[..., ProviderCase], name: str) -> None:
    case = make_case(name)
    assert case.sim is not None
    case.sim.refuse = True

    error = failing(case)

    assert (error.code, error.permanent) == ("refused", True)


def test_an_unreachable_server_is_transient(name: str) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{probe.getsockname()[1]}"
    config = {
        "anthropic": {"ANTHROPIC_API_KEY": "k", "ANTHROPIC_BASE_URL": dead},
        "openai": {"OPENAI_API_KEY": "k", "OPENAI_BASE_URL": f"{dead}/v1"},
        "openai-compatible": {
            "OPENAI_COMPATIBLE_BASE_URL": f"{dead}/v1",
            "OPENAI_COMPATIBLE_MODEL": "qwen3:8b",
        },
    }[name]
    provider = ai.get_text_provider(name, AI_MAX_RETRIES=0, **config)

    with pytest.raises(AIError) as caught:
        provider.analyse_brand(BrandRequest(site=kopi_senja()))

    assert (caught.value.code, caught.value.permanent) == ("unreachable", False)


# --- At most one retry ----------------------------------------------------------------------


def test_a_passing_server_error_is_retried_once(
    make_case: Callable[..., ProviderCase], name: str
) -> None:
    case = make_case(name)  # the default: one retry
    assert case.sim is not None
    case.sim.status, case.sim.fail_times = 500, 1

    result = case.analyse(BrandRequest(site=kopi_senja()))

    assert result.profile.name == "Kopi Senja"
    assert len(case.sim.requests) == 2


def test_a_lasting_rate_limit_is_tried_twice_at_most(
    make_case: Callable[..., ProviderCase], name: str
) -> None:
    case = make_case(name, AI_MAX_RETRIES=5)  # asking for more changes nothing
    assert case.sim is not None
    case.sim.status, case.sim.retry_after = 429, 0.05

    error = failing(case)

    assert error.code == "rate_limited"
    assert len(case.sim.requests) == 2


# --- Configuration --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("provider", "settings", "names"),
    [
        ("anthropic", {}, "ANTHROPIC_API_KEY"),
        ("openai", {"OPENAI_BASE_URL": "http://127.0.0.1:9/v1"}, "OPENAI_API_KEY"),
        ("openai-compatible", {"OPENAI_COMPATIBLE_MODEL": "m"}, "OPENAI_COMPATIBLE_BASE_URL"),
        ("openai-compatible", {"OPENAI_COMPATIBLE_BASE_URL": "http://x/v1"},
         "OPENAI_COMPATIBLE_MODEL"),
    ],
)  # fmt: skip
def test_a_missing_setting_is_not_configured(
    provider: str, settings: dict[str, str], names: str
) -> None:
    with pytest.raises(AIError) as caught:
        ai.get_text_provider(provider, **settings)

    assert (caught.value.code, caught.value.permanent) == ("not_configured", True)
    assert names in str(caught.value)


def test_an_unknown_provider_is_not_configured() -> None:
    with pytest.raises(AIError) as caught:
        ai.analyse_brand(BrandRequest(site=kopi_senja()), "gemini")

    assert (caught.value.code, caught.value.permanent) == ("not_configured", True)
    assert str(caught.value) == (
        "Unknown AI provider 'gemini'; choose one of basic, anthropic, openai, openai-compatible."
    )


@pytest.mark.parametrize(
    "settings",
    [
        {"AI_TIMEOUT_SECONDS": "soon"},
        {"AI_TIMEOUT_SECONDS": 0},
        {"AI_PRICES": {"gpt-4.1-mini": ["cheap", "1"]}},
        {"OPENAI_COMPATIBLE_OUTPUT": "xml"},
    ],
)
def test_bad_settings_are_not_configured(settings: dict[str, object]) -> None:
    base = {"OPENAI_COMPATIBLE_BASE_URL": "http://x/v1", "OPENAI_COMPATIBLE_MODEL": "m"}

    with pytest.raises(AIError) as caught:
        ai.get_text_provider("openai-compatible", **base, **settings)

    assert caught.value.code == "not_configured"
    assert str(caught.value).startswith("AI settings: ")
