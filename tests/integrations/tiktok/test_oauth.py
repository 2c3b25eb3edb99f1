"""Login Kit through the real client: authorize URL, code exchange, rotation, revoke, profile."""

from __future__ import annotations

import urllib.request
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest

from postloom.integrations.networks.base import ErrorCode, NetworkError, Profile
from postloom.integrations.tiktok.client import TikTokClient

from .conftest import PRIVATE, PUBLIC, REDIRECT_URI, TikTok, location_of


def close_to(moment: datetime | None, seconds: int) -> bool:
    assert moment is not None
    expected = datetime.now(UTC) + timedelta(seconds=seconds)
    return abs((moment - expected).total_seconds()) < 5


def test_authorize_url_asks_for_the_three_scopes_and_carries_state(tiktok: TikTok) -> None:
    url = tiktok.client.authorize_url(state="st-42", redirect_uri=REDIRECT_URI)

    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == tiktok.url + "/v2/auth/authorize/"
    assert parse_qs(parts.query) == {
        "client_key": [tiktok.sim.client_key],
        "scope": ["user.info.basic,video.publish,video.upload"],
        "redirect_uri": [REDIRECT_URI],
        "state": ["st-42"],
        "response_type": ["code"],
    }
    redirect = parse_qs(urlsplit(location_of(url)).query)
    assert redirect["state"] == ["st-42"]
    assert redirect["scopes"] == ["user.info.basic,video.publish,video.upload"]


def test_the_url_encoded_code_is_decoded_and_exchanged(tiktok: TikTok) -> None:
    tiktok.sim.access_ttl, tiktok.sim.refresh_ttl = 7200, 15552000  # the newer lifetimes

    account, tokens = tiktok.connect()

    form = tiktok.requests("token")[0].body
    assert form["grant_type"] == "authorization_code"
    assert form["redirect_uri"] == REDIRECT_URI
    assert "*" in form["code"] and "%" not in form["code"]  # decoded before sending
    assert tokens.account_id == account.account_id == PUBLIC
    assert tokens.access_token.startswith("act.") and tokens.refresh_token.startswith("rft.")
    assert tokens.scopes == ("user.info.basic", "video.publish", "video.upload")
    assert close_to(tokens.expires_at, 7200)  # from expires_in, not assumed
    assert close_to(tokens.refresh_expires_at, 15552000)
    assert tokens.issued_at is not None


def test_a_code_works_once(tiktok: TikTok) -> None:
    location = location_of(tiktok.client.authorize_url(state="s", redirect_uri=REDIRECT_URI))
    code = parse_qs(urlsplit(location).query)["code"][0]
    tiktok.client.exchange_code(code=code, redirect_uri=REDIRECT_URI)

    with pytest.raises(NetworkError) as caught:
        tiktok.client.exchange_code(code=code, redirect_uri=REDIRECT_URI)

    assert caught.value.code is ErrorCode.OAUTH
    assert caught.value.vendor_code == "invalid_grant"
    assert caught.value.permanent and caught.value.reconnect


def test_refresh_rotates_and_the_old_refresh_token_stops_working(tiktok: TikTok) -> None:
    account, first = tiktok.connect()

    second = tiktok.client.refresh(account, first)

    assert second.refresh_token != first.refresh_token  # always the newest one
    assert second.access_token != first.access_token
    assert second.account_id == PUBLIC
    assert close_to(second.refresh_expires_at, tiktok.sim.refresh_ttl)
    with pytest.raises(NetworkError) as caught:
        tiktok.client.refresh(account, first)
    assert caught.value.code is ErrorCode.TOKEN_EXPIRED
    assert caught.value.reconnect and caught.value.permanent
    assert tiktok.client.refresh(account, second).refresh_token != second.refresh_token


def test_without_rotation_the_refresh_token_stays(tiktok: TikTok) -> None:
    tiktok.sim.rotate_refresh = False
    account, first = tiktok.connect()
    tiktok.sim.advance(3600)

    second = tiktok.client.refresh(account, first)

    assert second.refresh_token == first.refresh_token
    assert close_to(second.refresh_expires_at, tiktok.sim.refresh_ttl - 3600)
    assert close_to(second.expires_at, tiktok.sim.access_ttl)


def test_an_expired_refresh_token_means_connecting_again(tiktok: TikTok) -> None:
    account, tokens = tiktok.connect()
    tiktok.sim.advance(tiktok.sim.refresh_ttl + 1)

    with pytest.raises(NetworkError) as caught:
        tiktok.client.refresh(account, tokens)

    assert (caught.value.code, caught.value.reconnect) == (ErrorCode.TOKEN_EXPIRED, True)


def test_revoke_withdraws_every_token(tiktok: TikTok) -> None:
    account, tokens = tiktok.connect()

    tiktok.client.revoke(account)

    assert tiktok.requests("revoke")[0].body["token"] == tokens.access_token
    with pytest.raises(NetworkError) as caught:
        tiktok.client.profile(account)
    assert caught.value.code is ErrorCode.TOKEN_EXPIRED and caught.value.reconnect
    with pytest.raises(NetworkError):
        tiktok.client.refresh(account, tokens)


def test_profile_has_the_handle_and_the_display_name(tiktok: TikTok) -> None:
    account, _ = tiktok.connect()

    assert tiktok.client.profile(account) == Profile(
        account_id=PUBLIC,
        username="kopisenja.sandbox",
        name="Kopi Senja (Sandbox)",
        picture_url=f"{tiktok.url}/avatars/{PUBLIC}.png",
    )
    assert tiktok.requests("user_info")[0].query == {
        "fields": "open_id,union_id,avatar_url,display_name"
    }


def test_profile_of_a_creator_who_cannot_post_still_has_a_name(tiktok: TikTok) -> None:
    account, _ = tiktok.connect(PRIVATE)
    tiktok.sim.creators[PRIVATE].can_post = False

    profile = tiktok.client.profile(account)

    assert (profile.account_id, profile.username) == (PRIVATE, "Toko Batik Private (Sandbox)")


def test_a_wrong_app_secret_is_an_oauth_error_without_the_secret(tiktok: TikTok) -> None:
    client = TikTokClient(client_secret="not-the-secret-123")

    with pytest.raises(NetworkError) as caught:
        client.exchange_code(code="whatever", redirect_uri=REDIRECT_URI)

    assert caught.value.code is ErrorCode.OAUTH
    assert caught.value.vendor_code == "invalid_client"
    assert "TIKTOK_CLIENT_SECRET" in caught.value.message
    assert "not-the-secret-123" not in str(caught.value)


def test_an_app_without_credentials_is_refused_before_any_call(tiktok: TikTok) -> None:
    client = TikTokClient(client_key="", client_secret="")

    with pytest.raises(NetworkError) as caught:
        client.authorize_url(state="s", redirect_uri=REDIRECT_URI)

    assert caught.value.code is ErrorCode.INVALID_REQUEST and caught.value.permanent
    assert tiktok.sim.requests == type(tiktok.sim.requests)()


def test_the_consent_page_lets_the_person_choose_the_account(tiktok: TikTok) -> None:
    tiktok.sim.auto_approve = False
    url = tiktok.client.authorize_url(state="st-9", redirect_uri=REDIRECT_URI)
    page = urllib.request.urlopen(url, timeout=5).read().decode()
    assert "Sandbox" in page and ">Allow<" in page and "@tokobatik.private" in page

    form = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
    location = location_of(tiktok.url + "/v2/auth/authorize/",
                           form | {"decision": "allow", "open_id": PRIVATE})  # fmt: skip
    code = parse_qs(urlsplit(location).query)["code"][0]

    tokens = tiktok.client.exchange_code(code=code, redirect_uri=REDIRECT_URI)
    assert tokens.account_id == PRIVATE
