"""Error typing: every TikTok code, the envelope over the HTTP status, transport failures, and
no token or secret in any message or log line."""

from __future__ import annotations

import logging
import socket

import pytest

from postloom.integrations.networks.base import ErrorCode, NetworkError
from postloom.integrations.tiktok.client import TikTokClient

from .conftest import TikTok, photo_request, video_request

E = ErrorCode

API_CODES = [  # code, our code, permanent, reconnect
    ("access_token_invalid", E.TOKEN_EXPIRED, True, True),
    ("scope_not_authorized", E.PERMISSION, True, True),
    ("scope_permission_missed", E.PERMISSION, True, True),
    ("rate_limit_exceeded", E.RATE_LIMITED, False, False),
    ("spam_risk_too_many_posts", E.CANT_POST_NOW, True, False),
    ("spam_risk_user_banned_from_posting", E.CANT_POST_NOW, True, False),
    ("spam_risk_too_many_pending_share", E.CANT_POST_NOW, True, False),
    ("reached_active_user_cap", E.CANT_POST_NOW, True, False),
    ("unaudited_client_can_only_post_to_private_accounts", E.INVALID_REQUEST, True, False),
    ("privacy_level_option_mismatch", E.INVALID_REQUEST, True, False),
    ("url_ownership_unverified", E.INVALID_REQUEST, True, False),
    ("invalid_param", E.INVALID_REQUEST, True, False),
    ("invalid_params", E.INVALID_REQUEST, True, False),
    ("invalid_file_upload", E.MEDIA_REJECTED, True, False),
    ("app_version_check_failed", E.INVALID_REQUEST, True, False),
    ("invalid_publish_id", E.INVALID_REQUEST, True, False),
    ("token_not_authorized_for_specified_publish_id", E.INVALID_REQUEST, True, False),
    ("publish_not_cancellable", E.INVALID_REQUEST, True, False),
    ("internal_error", E.SERVER, False, False),
]


@pytest.mark.parametrize(("vendor", "code", "permanent", "reconnect"), API_CODES)
def test_every_api_code_is_typed(
    tiktok: TikTok, vendor: str, code: ErrorCode, permanent: bool, reconnect: bool
) -> None:
    account = tiktok.account()
    tiktok.sim.force("video_init", vendor)

    with pytest.raises(NetworkError) as caught:
        tiktok.client.start(account, video_request(tiktok.video()))

    error = caught.value
    assert (error.code, error.permanent, error.reconnect) == (code, permanent, reconnect)
    assert error.vendor_code == vendor
    assert "upload" not in tiktok.endpoints()


@pytest.mark.parametrize("vendor", ["internal_error", "spam_risk_too_many_posts", "invalid_param"])
def test_an_error_code_is_a_failure_even_with_http_200(tiktok: TikTok, vendor: str) -> None:
    account = tiktok.account()
    tiktok.sim.force("creator_info", vendor, status=200)

    with pytest.raises(NetworkError) as caught:
        tiktok.client.creator_info(account)

    assert (caught.value.vendor_code, caught.value.http_status) == (vendor, 200)


def test_unknown_codes_follow_the_http_status(tiktok: TikTok) -> None:
    account = tiktok.account()
    tiktok.sim.force("creator_info", "brand_new_code", status=503)
    tiktok.sim.force("creator_info", "another_new_code", status=400)

    with pytest.raises(NetworkError) as server:
        tiktok.client.creator_info(account)
    with pytest.raises(NetworkError) as client:
        tiktok.client.creator_info(account)

    assert (server.value.code, server.value.permanent) == (E.SERVER, False)
    assert (client.value.code, client.value.permanent) == (E.INVALID_REQUEST, True)


def test_an_answer_that_is_not_json_is_a_transient_server_error(tiktok: TikTok) -> None:
    account = tiktok.account()
    tiktok.sim.force("creator_info", "bad_gateway")

    with pytest.raises(NetworkError) as caught:
        tiktok.client.creator_info(account)

    assert (caught.value.code, caught.value.permanent, caught.value.http_status) == (
        E.SERVER, False, 502)  # fmt: skip


def test_oauth_server_errors_are_transient(tiktok: TikTok) -> None:
    account, tokens = tiktok.connect()
    tiktok.sim.force("token", "internal_error")

    with pytest.raises(NetworkError) as caught:
        tiktok.client.refresh(account, tokens)

    assert (caught.value.code, caught.value.permanent) == (E.SERVER, False)
    assert tiktok.client.refresh(account, tokens).access_token  # the old token still works


def test_an_expired_access_token_asks_for_a_refresh_or_reconnect(tiktok: TikTok) -> None:
    account, tokens = tiktok.connect()
    tiktok.sim.advance(tiktok.sim.access_ttl + 1)

    with pytest.raises(NetworkError) as caught:
        tiktok.client.creator_info(account)

    assert (caught.value.code, caught.value.reconnect) == (E.TOKEN_EXPIRED, True)
    fresh = tiktok.client.refresh(account, tokens)
    renewed = type(account)(account.platform, account.account_id, fresh.access_token)
    assert tiktok.client.creator_info(renewed).username == "kopisenja.sandbox"


def test_a_scope_the_person_did_not_grant_means_reconnecting(tiktok: TikTok) -> None:
    tiktok.sim.grant_scopes = ["user.info.basic"]
    account, tokens = tiktok.connect()

    with pytest.raises(NetworkError) as caught:
        tiktok.client.creator_info(account)

    assert tokens.scopes == ("user.info.basic",)
    assert (caught.value.code, caught.value.reconnect) == (E.PERMISSION, True)


def test_no_answer_in_time_is_a_timeout(tiktok: TikTok) -> None:
    account = tiktok.account()
    tiktok.sim.latency = 1.0
    client = TikTokClient(timeout=0.2)

    with pytest.raises(NetworkError) as caught:
        client.creator_info(account)

    assert (caught.value.code, caught.value.permanent) == (E.TIMEOUT, False)


def test_a_closed_port_is_unreachable(tiktok: TikTok) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    client = TikTokClient(api_url=f"http://127.0.0.1:{port}")

    with pytest.raises(NetworkError) as caught:
        client.creator_info(tiktok.account())

    assert (caught.value.code, caught.value.permanent) == (E.UNREACHABLE, False)


def test_the_rate_limit_carries_a_retry_after(tiktok: TikTok) -> None:
    account = tiktok.account()
    for _ in range(20):
        tiktok.client.creator_info(account)

    with pytest.raises(NetworkError) as caught:
        tiktok.client.creator_info(account)

    assert (caught.value.code, caught.value.retry_after) == (E.RATE_LIMITED, 60.0)
    tiktok.sim.rate_limit_enabled = False  # a load test lifts it
    assert tiktok.client.creator_info(account)


def test_no_token_or_secret_reaches_a_message_or_the_log(
    tiktok: TikTok, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    account, tokens = tiktok.connect()
    failures: list[NetworkError] = []
    tiktok.client.single_chunk_limit = 20_000
    tiktok.sim.force("upload", "500", times=4)
    calls = [
        lambda: tiktok.client.start(account, video_request(tiktok.video(30_000))),
        lambda: tiktok.client.start(account, photo_request(["https://else.example/a.jpg"])),
        lambda: tiktok.client.refresh(account, tokens) and tiktok.client.refresh(account, tokens),
        lambda: tiktok.sim.expire_tokens() and tiktok.client.creator_info(account),
        lambda: TikTokClient(timeout=0.1).exchange_code(code=tokens.refresh_token,
                                                        redirect_uri="https://x.example/"),
    ]  # fmt: skip
    for call in calls:
        tiktok.sim.latency = 0.3 if len(failures) == 4 else 0.0
        with pytest.raises(NetworkError) as caught:
            call()
        failures.append(caught.value)
    upload_url = next(r for r in tiktok.sim.requests if r.endpoint == "upload")
    secrets = [tokens.access_token, tokens.refresh_token, tiktok.sim.client_secret,
               upload_url.query["upload_token"]]  # fmt: skip

    assert [f.code for f in failures] == [E.SERVER, E.INVALID_REQUEST, E.TOKEN_EXPIRED,
                                          E.TOKEN_EXPIRED, E.TIMEOUT]  # fmt: skip
    texts = [str(f) + f.message + repr(f) + f.vendor_code for f in failures]
    texts += [caplog.text, repr(tiktok.client)]
    for secret in secrets:
        assert all(secret not in text for text in texts)
    assert "upload_token=[hidden]" in caplog.text
