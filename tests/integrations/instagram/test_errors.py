"""Graph error envelopes → NetworkError, for the whole table of platform-apis §1.6."""

from __future__ import annotations

import json
from typing import Any

import pytest

from postloom.integrations.instagram import errors
from postloom.integrations.instagram.publishing import status_error
from postloom.integrations.networks.base import ErrorCode

E = ErrorCode


def graph(code: int, subcode: int | None = None, **extra: Any) -> dict[str, Any]:
    error: dict[str, Any] = {
        "message": "vendor text with EAAsecret",
        "type": "OAuthException",
        "code": code,
        "fbtrace_id": "A1",
        **extra,
    }
    if subcode is not None:
        error["error_subcode"] = subcode
    return {"error": error}


PUBLISHING_TABLE = [  # code, subcode, ErrorCode, permanent
    (-2, 2207003, E.MEDIA_UNREACHABLE, False),
    (-2, 2207020, E.CONTAINER_EXPIRED, False),
    (-1, 2207001, E.SERVER, False),
    (-1, 2207032, E.SERVER, False),
    (-1, 2207053, E.SERVER, False),
    (1, 2207057, E.INVALID_REQUEST, True),
    (4, 2207051, E.CANT_POST_NOW, True),
    (9, 2207042, E.QUOTA_REACHED, False),
    (24, 2207006, E.CONTAINER_EXPIRED, False),
    (24, 2207008, E.CONTAINER_EXPIRED, False),
    (25, 2207050, E.ACCOUNT_RESTRICTED, True),
    (100, 2207023, E.MEDIA_REJECTED, True),
    (100, 2207028, E.INVALID_REQUEST, True),
    (100, 2207035, E.INVALID_REQUEST, True),
    (100, 2207036, E.INVALID_REQUEST, True),
    (100, 2207037, E.INVALID_REQUEST, True),
    (100, 2207040, E.CAPTION_REJECTED, True),
    (352, 2207026, E.MEDIA_REJECTED, True),
    (9004, 2207052, E.MEDIA_UNREACHABLE, False),
    (9007, 2207027, E.NOT_READY, False),
    (36000, 2207004, E.MEDIA_REJECTED, True),
    (36001, 2207005, E.MEDIA_REJECTED, True),
    (36003, 2207009, E.MEDIA_REJECTED, True),
    (36004, 2207010, E.CAPTION_REJECTED, True),
]

GENERIC_TABLE = [  # code, ErrorCode, permanent, reconnect
    (1, E.SERVER, False, False),
    (2, E.SERVER, False, False),
    (3, E.INVALID_REQUEST, True, False),
    (4, E.RATE_LIMITED, False, False),
    (10, E.PERMISSION, True, True),
    (17, E.RATE_LIMITED, False, False),
    (32, E.RATE_LIMITED, False, False),
    (100, E.INVALID_REQUEST, True, False),
    (102, E.TOKEN_EXPIRED, True, True),
    (190, E.TOKEN_EXPIRED, True, True),
    (200, E.PERMISSION, True, True),
    (250, E.PERMISSION, True, True),
    (299, E.PERMISSION, True, True),
    (341, E.RATE_LIMITED, False, False),
    (368, E.ACCOUNT_RESTRICTED, True, False),
    (613, E.RATE_LIMITED, False, False),
    (80002, E.RATE_LIMITED, False, False),
]


@pytest.mark.parametrize(("code", "subcode", "expected", "permanent"), PUBLISHING_TABLE)
def test_publishing_errors_follow_the_subcode(
    code: int, subcode: int, expected: ErrorCode, permanent: bool
) -> None:
    error = errors.from_response(400, graph(code, subcode), {}, "media_publish")
    assert (error.code, error.permanent, error.reconnect) == (expected, permanent, False)
    assert (error.vendor_code, error.http_status) == (f"{code}/{subcode}", 400)
    assert "vendor text" not in error.message and "EAAsecret" not in error.message


@pytest.mark.parametrize(("code", "expected", "permanent", "reconnect"), GENERIC_TABLE)
def test_generic_graph_codes(
    code: int, expected: ErrorCode, permanent: bool, reconnect: bool
) -> None:
    error = errors.from_response(400, graph(code), {}, "profile")
    assert (error.code, error.permanent, error.reconnect) == (expected, permanent, reconnect)
    assert error.vendor_code == str(code)


@pytest.mark.parametrize("subcode", [458, 459, 460, 463, 464, 467])
def test_every_token_subcode_asks_for_a_reconnect(subcode: int) -> None:
    error = errors.from_response(400, graph(190, subcode), {}, "profile")
    assert (error.code, error.reconnect, error.vendor_code) == (
        E.TOKEN_EXPIRED,
        True,
        f"190/{subcode}",
    )


@pytest.mark.parametrize(
    ("status", "body", "expected", "permanent"),
    [
        (500, None, E.SERVER, False),  # a proxy's HTML page
        (503, {"unexpected": True}, E.SERVER, False),
        (429, None, E.RATE_LIMITED, False),
        (400, graph(12345, is_transient=True), E.SERVER, False),  # unknown but transient
        (400, graph(12345), E.INVALID_REQUEST, True),
        (200, None, E.SERVER, False),  # an unreadable "success"
    ],
)
def test_unknown_answers_fall_back_on_is_transient_and_the_status(
    status: int, body: Any, expected: ErrorCode, permanent: bool
) -> None:
    error = errors.from_response(status, body, {}, "media container")
    assert (error.code, error.permanent) == (expected, permanent)


def test_login_refusals_are_oauth_errors() -> None:
    used = {
        "error_type": "OAuthException",
        "code": 400,
        "error_message": "Matching code was not found or was already used",
    }
    assert errors.from_response(400, used, {}, "code exchange", oauth=True).code == E.OAUTH
    bad_secret = graph(1)  # "Error validating client secret" is code 1, yet not a fault
    assert errors.from_response(400, bad_secret, {}, "x", oauth=True).code == E.OAUTH
    assert errors.from_response(400, graph(100, 36009), {}, "x", oauth=True).code == E.OAUTH
    expired = errors.from_response(400, graph(190, 463), {}, "x", oauth=True)
    assert (expired.code, expired.reconnect) == (E.TOKEN_EXPIRED, True)
    flaky = errors.from_response(500, graph(2, is_transient=True), {}, "x", oauth=True)
    assert (flaky.code, flaky.permanent) == (E.SERVER, False)


def usage(minutes: int) -> str:
    return json.dumps(
        {
            "1784": [
                {"type": "instagram", "call_count": 100, "estimated_time_to_regain_access": minutes}
            ]
        }
    )


@pytest.mark.parametrize(
    ("headers", "seconds"),
    [
        ({"X-Business-Use-Case-Usage": usage(12)}, 720),
        ({"x-business-use-case-usage": usage(0), "Retry-After": "30"}, 30),
        ({"X-App-Usage": json.dumps({"call_count": 100, "total_time": 20})}, 600),
        ({"X-App-Usage": json.dumps({"call_count": 40})}, 60),
        ({"X-App-Usage": "not json", "X-Business-Use-Case-Usage": "[]"}, 60),
        ({}, 60),
    ],
)
def test_retry_after_comes_from_the_usage_headers(headers: dict[str, str], seconds: float) -> None:
    error = errors.from_response(400, graph(80002), headers, "media")
    assert error.retry_after == seconds


def test_only_rate_limits_and_quota_carry_a_retry_after() -> None:
    assert errors.from_response(400, graph(9, 2207042), {}, "x").retry_after == 3600
    assert errors.from_response(400, graph(100), {"Retry-After": "5"}, "x").retry_after is None


def test_redact_hides_secrets_in_urls() -> None:
    url = (
        "https://graph.instagram.com/access_token?grant_type=ig_exchange_token"
        "&client_secret=s3cret&access_token=IGAAtoken&fields=id"
    )
    redacted = errors.redact(url)
    assert "s3cret" not in redacted and "IGAAtoken" not in redacted
    assert redacted.startswith(
        "https://graph.instagram.com/access_token?grant_type=ig_exchange_token"
    )
    assert "fields=id" in redacted


@pytest.mark.parametrize(
    ("status", "expected", "permanent", "vendor"),
    [
        (
            "Error: Media upload has failed with error code 2207026",
            E.MEDIA_REJECTED,
            True,
            "ERROR/2207026",
        ),
        (
            "Error: Media upload has failed with error code 2207052",
            E.MEDIA_UNREACHABLE,
            False,
            "ERROR/2207052",
        ),
        ("Error: something else", E.MEDIA_REJECTED, True, "ERROR"),
    ],
)
def test_an_error_container_status_is_typed_by_its_subcode(
    status: str, expected: ErrorCode, permanent: bool, vendor: str
) -> None:
    error = status_error(status)
    assert (error.code, error.permanent, error.vendor_code) == (expected, permanent, vendor)
