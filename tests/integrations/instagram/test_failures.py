"""What goes wrong, typed: refused media and captions, throttling, server faults, expired and
revoked tokens, timeouts, unreachable hosts; and tokens never show in an error."""

from __future__ import annotations

import socket
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from postloom.integrations.instagram.client import InstagramClient
from postloom.integrations.networks.base import (
    Account,
    ErrorCode,
    Kind,
    NetworkError,
    PublishRequest,
    TokenSet,
)
from postloom.sandbox.instagram_api import InstagramSim
from tests.integrations.instagram.conftest import networks_for, poll_until_ready

FeedRequest = Callable[..., PublishRequest]


def refused(call: Callable[[], Any]) -> NetworkError:
    with pytest.raises(NetworkError) as caught:
        call()
    return caught.value


def assert_no_token(error: NetworkError, token: str) -> None:
    for text in (error.message, str(error), repr(error), repr(error.args), error.vendor_code):
        assert token not in text


@pytest.mark.parametrize(
    ("name", "vendor_code"),
    [
        ("logo.png", "36001/2207005"),  # JPEG only
        ("huge.jpg", "36000/2207004"),  # over 8 MiB
        ("banner.jpg", "36003/2207009"),  # 2.7:1, outside 4:5–1.91:1
    ],
)
def test_media_instagram_refuses_is_rejected_for_good(
    client: InstagramClient,
    sim: InstagramSim,
    account: Account,
    feed_request: FeedRequest,
    name: str,
    vendor_code: str,
) -> None:
    error = refused(lambda: client.start(account, feed_request(name)))

    assert (error.code, error.permanent, error.reconnect) == (ErrorCode.MEDIA_REJECTED, True, False)
    assert (error.vendor_code, error.http_status) == (vendor_code, 400)
    assert sim.containers == {}


def test_media_instagram_cannot_download_may_be_tried_again(
    client: InstagramClient, account: Account, feed_request: FeedRequest
) -> None:
    error = refused(lambda: client.start(account, feed_request("gone.jpg")))
    assert (error.code, error.permanent, error.vendor_code) == (
        ErrorCode.MEDIA_UNREACHABLE,
        False,
        "9004/2207052",
    )


@pytest.mark.parametrize(
    ("caption", "vendor_code"),
    [
        ("a" * 2201, "36004/2207010"),
        (" ".join(f"#tag{n}" for n in range(31)), "36004/2207010"),
        (" ".join(f"@friend{n}" for n in range(21)), "100/2207040"),
    ],
    ids=["2201 characters", "31 hashtags", "21 mentions"],
)
def test_a_caption_over_the_limits_is_rejected(
    client: InstagramClient,
    account: Account,
    feed_request: FeedRequest,
    caption: str,
    vendor_code: str,
) -> None:
    error = refused(lambda: client.start(account, feed_request(caption=caption)))
    assert (error.code, error.permanent, error.vendor_code) == (
        ErrorCode.CAPTION_REJECTED,
        True,
        vendor_code,
    )
    assert caption not in error.message


def test_a_caption_at_the_limits_is_accepted(
    client: InstagramClient, account: Account, feed_request: FeedRequest
) -> None:
    tags = " ".join(f"#t{n}" for n in range(30))
    mentions = " ".join(f"@f{n}" for n in range(20))
    caption = (tags + " " + mentions).ljust(2200, "x")
    assert client.start(account, feed_request(caption=caption))


def test_app_throttling_says_when_to_come_back(
    client: InstagramClient, sim: InstagramSim, account: Account, feed_request: FeedRequest
) -> None:
    sim.throttle, sim.throttle_times = "app", 1

    error = refused(lambda: client.start(account, feed_request()))

    assert (error.code, error.permanent, error.vendor_code) == (ErrorCode.RATE_LIMITED, False, "4")
    assert error.retry_after == 600  # X-App-Usage at 100 % of a rolling hour
    assert client.start(account, feed_request())  # the throttle has lifted


def test_business_use_case_throttling_uses_the_estimated_time_to_regain_access(
    client: InstagramClient, sim: InstagramSim, account: Account, feed_request: FeedRequest
) -> None:
    sim.throttle, sim.throttle_minutes = "buc", 7

    error = refused(lambda: client.start(account, feed_request()))

    assert (error.code, error.vendor_code) == (ErrorCode.RATE_LIMITED, "80002")
    assert error.retry_after == 7 * 60


def test_a_server_error_is_transient(
    client: InstagramClient, sim: InstagramSim, account: Account, feed_request: FeedRequest
) -> None:
    sim.error_rate = 1.0

    error = refused(lambda: client.start(account, feed_request()))

    assert (error.code, error.permanent, error.http_status) == (ErrorCode.SERVER, False, 500)
    assert error.vendor_code == "2"
    sim.error_rate = 0.0
    assert client.start(account, feed_request())


@pytest.mark.parametrize(
    ("code", "subcode", "expected", "permanent", "reconnect"),
    [
        (4, None, ErrorCode.RATE_LIMITED, False, False),
        (17, None, ErrorCode.RATE_LIMITED, False, False),
        (32, None, ErrorCode.RATE_LIMITED, False, False),
        (613, None, ErrorCode.RATE_LIMITED, False, False),
        (10, None, ErrorCode.PERMISSION, True, True),
        (200, None, ErrorCode.PERMISSION, True, True),
        (299, None, ErrorCode.PERMISSION, True, True),
        (25, 2207050, ErrorCode.ACCOUNT_RESTRICTED, True, False),
        (-1, 2207001, ErrorCode.SERVER, False, False),
        (-2, 2207003, ErrorCode.MEDIA_UNREACHABLE, False, False),
        (24, 2207006, ErrorCode.CONTAINER_EXPIRED, False, False),
        (190, 460, ErrorCode.TOKEN_EXPIRED, True, True),
        (100, None, ErrorCode.INVALID_REQUEST, True, False),
        (368, None, ErrorCode.ACCOUNT_RESTRICTED, True, False),
    ],
)
def test_forced_graph_errors_are_typed_by_code_and_subcode(
    client: InstagramClient,
    sim: InstagramSim,
    account: Account,
    feed_request: FeedRequest,
    code: int,
    subcode: int | None,
    expected: ErrorCode,
    permanent: bool,
    reconnect: bool,
) -> None:
    sim.force_error("media", code, subcode)

    error = refused(lambda: client.start(account, feed_request()))

    assert (error.code, error.permanent, error.reconnect) == (expected, permanent, reconnect)
    assert error.vendor_code == (f"{code}/{subcode}" if subcode else str(code))
    assert "Forced by the sandbox" not in error.message  # vendor text stays out
    assert client.start(account, feed_request())  # only the next call was forced


def test_a_token_that_expires_mid_flow_asks_for_a_reconnect(
    client: InstagramClient, sim: InstagramSim, account: Account, feed_request: FeedRequest
) -> None:
    container_id = client.start(account, feed_request())
    sim.expire_tokens(token=account.access_token)

    error = refused(lambda: client.check(account, container_id))

    assert (error.code, error.permanent, error.reconnect) == (ErrorCode.TOKEN_EXPIRED, True, True)
    assert error.vendor_code == "190/463"
    assert_no_token(error, account.access_token)


def test_a_revoked_token_asks_for_a_reconnect(
    client: InstagramClient, sim: InstagramSim, account: Account, feed_request: FeedRequest
) -> None:
    container_id = client.start(account, feed_request())
    poll_until_ready(client, account, container_id)
    sim.revoke_tokens(token=account.access_token)

    error = refused(lambda: client.finish(account, container_id))

    assert (error.code, error.reconnect, error.vendor_code) == (
        ErrorCode.TOKEN_EXPIRED,
        True,
        "190/458",
    )
    assert sim.published == []


def test_a_slow_answer_is_a_timeout_whose_outcome_is_unknown(
    settings: Any, ig_base: str, sim: InstagramSim, account: Account, feed_request: FeedRequest
) -> None:
    settings.NETWORKS = networks_for(ig_base, sim, TIMEOUT_SECONDS=0.2)
    sim.latency = 0.6

    error = refused(lambda: InstagramClient().start(account, feed_request()))

    assert (error.code, error.permanent) == (ErrorCode.TIMEOUT, False)
    assert_no_token(error, account.access_token)


def test_a_host_that_does_not_answer_is_unreachable(
    settings: Any, sim: InstagramSim, account: Account, feed_request: FeedRequest
) -> None:
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    settings.NETWORKS = networks_for(f"http://127.0.0.1:{port}", sim)

    error = refused(lambda: InstagramClient().start(account, feed_request()))

    assert (error.code, error.permanent) == (ErrorCode.UNREACHABLE, False)


def test_tokens_and_secrets_never_appear_in_errors(
    client: InstagramClient, sim: InstagramSim, account: Account, feed_request: FeedRequest
) -> None:
    secrets = [account.access_token, sim.instagram_app_secret, sim.facebook_app_secret]
    errors = [refused(lambda: client.start(account, feed_request("logo.png")))]
    sim.force_error("*", 190, 467, times=3)
    errors.append(refused(lambda: client.profile(account)))
    errors.append(refused(lambda: client.recent_media(account)))
    errors.append(refused(lambda: client.publishing_quota(account)))
    sim.force_error("ig_refresh", 190, 463)
    sim.force_error("fb_token", 1)
    old = TokenSet(account.access_token, issued_at=datetime.now(UTC) - timedelta(days=2))
    errors.append(refused(lambda: client.refresh(account, old)))
    for error in errors:
        for secret in secrets:
            assert_no_token(error, secret)


def test_the_token_is_sent_in_the_header_except_where_the_api_wants_it_in_the_query(
    client: InstagramClient, sim: InstagramSim, account: Account, feed_request: FeedRequest
) -> None:
    container_id = client.start(account, feed_request())
    poll_until_ready(client, account, container_id)
    published = client.finish(account, container_id)
    assert client.permalink(account, published.media_id)
    client.profile(account)
    client.recent_media(account)
    client.publishing_quota(account)

    in_url = [r.endpoint for r in sim.requests if r.token_in_url]

    assert in_url == []
    assert len(sim.requests) >= 7


def test_an_unknown_login_variant_is_a_bug(
    client: InstagramClient, feed_request: FeedRequest
) -> None:
    account = Account("instagram", "1", "t", variant="myspace_login")
    error = refused(lambda: client.start(account, feed_request()))
    assert (error.code, error.permanent) == (ErrorCode.INVALID_REQUEST, True)


def test_tiktok_formats_are_not_instagram_formats(
    client: InstagramClient, sim: InstagramSim, account: Account, feed_request: FeedRequest
) -> None:
    request = PublishRequest(Kind.TIKTOK_VIDEO, feed_request().items)
    error = refused(lambda: client.start(account, request))
    assert error.code == ErrorCode.INVALID_REQUEST
    assert list(sim.requests) == []
