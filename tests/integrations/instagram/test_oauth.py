"""Connecting accounts through the real client and the simulator: Instagram Login and
Facebook Login, their refusals, and token refresh."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from postloom.integrations.instagram.client import InstagramClient
from postloom.integrations.instagram.oauth import FB_SCOPES, IG_SCOPES
from postloom.integrations.networks.base import (
    Account,
    ErrorCode,
    FacebookPage,
    NetworkError,
    TokenSet,
)
from postloom.sandbox.instagram_api import InstagramSim
from postloom.sandbox.instagram_state import (
    FACEBOOK_LOGIN,
    INSTAGRAM_LOGIN,
    SANDBOX_FB_USER_ID,
    SANDBOX_IG_ID,
    SANDBOX_PAGE_ID,
    SANDBOX_PAGE_IG_ID,
    SANDBOX_UNLINKED_PAGE_ID,
)
from tests.integrations.instagram.conftest import REDIRECT_URI

DAY = timedelta(days=1)
SIXTY_DAYS = timedelta(seconds=5_184_000)


def consent(url: str) -> httpx.Response:
    """What the browser gets from the authorize URL (the simulator approves at once)."""
    response = httpx.get(url, follow_redirects=False)
    assert response.status_code == 302, response.text
    return response


def redirect_params(response: httpx.Response) -> dict[str, str]:
    location = urlsplit(response.headers["location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == REDIRECT_URI
    return {key: values[0] for key, values in parse_qs(location.query).items()}


def ig_login(client: InstagramClient, state: str = "st-42") -> tuple[str, httpx.Response]:
    response = consent(
        client.authorize_url(state=state, redirect_uri=REDIRECT_URI, variant=INSTAGRAM_LOGIN)
    )
    return redirect_params(response)["code"], response


def near(moment: datetime | None, expected: datetime, slack: float = 5.0) -> bool:
    return moment is not None and abs((moment - expected).total_seconds()) <= slack


# --- Instagram Login --------------------------------------------------------------------


def test_instagram_authorize_url_asks_for_the_publishing_scopes(
    client: InstagramClient, ig_base: str, sim: InstagramSim
) -> None:
    url = client.authorize_url(state="st-1", redirect_uri=REDIRECT_URI)
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{ig_base}/oauth/authorize"
    assert parse_qs(parts.query) == {
        "client_id": [sim.instagram_app_id],
        "redirect_uri": [REDIRECT_URI],
        "response_type": ["code"],
        "scope": ["instagram_business_basic,instagram_business_content_publish"],
        "state": ["st-1"],
    }


def test_instagram_login_gives_a_60_day_token_for_the_account(
    client: InstagramClient, sim: InstagramSim
) -> None:
    code, response = ig_login(client)
    assert response.headers["location"].endswith("#_")  # Instagram's quirk, kept by the fake
    assert redirect_params(response)["state"] == "st-42"
    before = datetime.now(UTC)

    tokens = client.exchange_code(code=code + "#_", redirect_uri=REDIRECT_URI)

    assert tokens.account_id == SANDBOX_IG_ID
    assert tokens.scopes == IG_SCOPES
    assert near(tokens.issued_at, before)
    assert near(tokens.expires_at, before + SIXTY_DAYS)
    held = sim.tokens[tokens.access_token]
    assert (held.kind, held.subject, held.variant) == ("long", SANDBOX_IG_ID, INSTAGRAM_LOGIN)
    endpoints = [r.endpoint for r in sim.requests]
    assert endpoints == ["ig_code", "ig_exchange"]


def test_instagram_login_accepts_the_flat_answer_too(
    client: InstagramClient, sim: InstagramSim
) -> None:
    sim.flat_token_response = True  # user_id then comes as a JSON number
    code, _ = ig_login(client)

    tokens = client.exchange_code(code=code, redirect_uri=REDIRECT_URI)

    assert tokens.account_id == SANDBOX_IG_ID
    assert tokens.scopes == IG_SCOPES
    assert sim.tokens[tokens.access_token].kind == "long"


def test_a_code_works_once(client: InstagramClient) -> None:
    code, _ = ig_login(client)
    client.exchange_code(code=code, redirect_uri=REDIRECT_URI)

    with pytest.raises(NetworkError) as caught:
        client.exchange_code(code=code, redirect_uri=REDIRECT_URI)

    error = caught.value
    assert (error.code, error.permanent, error.reconnect) == (ErrorCode.OAUTH, True, False)
    assert error.vendor_code == "OAuthException"
    assert code not in error.message


def test_a_different_redirect_uri_is_refused(client: InstagramClient) -> None:
    code, _ = ig_login(client)
    with pytest.raises(NetworkError) as caught:
        client.exchange_code(code=code, redirect_uri=REDIRECT_URI + "other/")
    assert caught.value.code == ErrorCode.OAUTH


def test_a_cancelled_login_redirects_with_the_error_and_no_code(
    client: InstagramClient, sim: InstagramSim
) -> None:
    sim.deny = True
    response = consent(client.authorize_url(state="st-9", redirect_uri=REDIRECT_URI))

    assert redirect_params(response) == {
        "error": "access_denied",
        "error_reason": "user_denied",
        "error_description": "The user denied your request",
        "state": "st-9",
    }
    with pytest.raises(NetworkError) as caught:
        client.exchange_code(code="", redirect_uri=REDIRECT_URI)
    assert (caught.value.code, caught.value.permanent) == (ErrorCode.OAUTH, True)
    assert list(sim.requests) == []  # the consent page is not an API call; nothing else ran


def test_an_unconfigured_app_is_a_settings_error(settings: Any, client: InstagramClient) -> None:
    settings.NETWORKS = {**settings.NETWORKS, "INSTAGRAM_APP_ID": ""}
    with pytest.raises(NetworkError) as caught:
        InstagramClient().authorize_url(state="s", redirect_uri=REDIRECT_URI)
    assert (caught.value.code, caught.value.permanent) == (ErrorCode.INVALID_REQUEST, True)
    assert "INSTAGRAM_APP_ID" in caught.value.message


# --- Refresh (Instagram Login) ----------------------------------------------------------


def _connected(sim: InstagramSim, age: timedelta = timedelta(0)) -> tuple[Account, TokenSet]:
    token = sim.issue_token(SANDBOX_IG_ID, INSTAGRAM_LOGIN)
    issued = datetime.now(UTC) - age
    sim.advance(age.total_seconds())  # the simulator's clock agrees on the token's age
    tokens = TokenSet(
        token.token,
        expires_at=issued + SIXTY_DAYS,
        scopes=IG_SCOPES,
        account_id=SANDBOX_IG_ID,
        issued_at=issued,
    )
    return Account("instagram", SANDBOX_IG_ID, token.token, variant=INSTAGRAM_LOGIN), tokens


def test_a_token_younger_than_24_hours_is_not_refreshed_and_nothing_is_called(
    client: InstagramClient, sim: InstagramSim
) -> None:
    account, tokens = _connected(sim, age=timedelta(hours=20))

    with pytest.raises(NetworkError) as caught:
        client.refresh(account, tokens)

    error = caught.value
    assert (error.code, error.permanent, error.reconnect) == (ErrorCode.OAUTH, False, False)
    assert error.retry_after == pytest.approx(4 * 3600, abs=5)
    assert list(sim.requests) == []


def test_a_day_old_token_is_refreshed_for_another_60_days(
    client: InstagramClient, sim: InstagramSim, ig_account: Account
) -> None:
    account, tokens = _connected(sim, age=timedelta(hours=25))
    before = datetime.now(UTC)

    fresh = client.refresh(account, tokens)

    assert fresh.access_token != tokens.access_token
    assert (fresh.account_id, fresh.scopes) == (SANDBOX_IG_ID, IG_SCOPES)
    assert near(fresh.issued_at, before)
    assert near(fresh.expires_at, before + SIXTY_DAYS)
    assert [r.endpoint for r in sim.requests] == ["ig_refresh"]
    renewed = Account("instagram", SANDBOX_IG_ID, fresh.access_token, variant=INSTAGRAM_LOGIN)
    assert client.profile(renewed).username == "sandbox.shop"


def test_an_expired_token_cannot_be_refreshed(client: InstagramClient, sim: InstagramSim) -> None:
    account, tokens = _connected(sim, age=timedelta(days=61))

    with pytest.raises(NetworkError) as caught:
        client.refresh(account, tokens)

    error = caught.value
    assert (error.code, error.permanent, error.reconnect) == (ErrorCode.TOKEN_EXPIRED, True, True)
    assert list(sim.requests) == []


def test_the_simulator_refuses_to_refresh_an_expired_token_the_client_thought_valid(
    client: InstagramClient, sim: InstagramSim
) -> None:
    account, tokens = _connected(sim, age=timedelta(days=2))
    sim.expire_tokens(token=tokens.access_token)

    with pytest.raises(NetworkError) as caught:
        client.refresh(account, tokens)

    error = caught.value
    assert (error.code, error.reconnect, error.vendor_code) == (
        ErrorCode.TOKEN_EXPIRED,
        True,
        "190/463",
    )
    assert tokens.access_token not in error.message


# --- Facebook Login ---------------------------------------------------------------------


def fb_login(client: InstagramClient) -> str:
    response = consent(
        client.authorize_url(state="st-fb", redirect_uri=REDIRECT_URI, variant=FACEBOOK_LOGIN)
    )
    assert "#" not in response.headers["location"]
    params = redirect_params(response)
    assert params["state"] == "st-fb"
    return params["code"]


def test_facebook_authorize_url_opens_the_versioned_dialog(
    client: InstagramClient, ig_base: str, sim: InstagramSim
) -> None:
    url = client.authorize_url(state="st-1", redirect_uri=REDIRECT_URI, variant=FACEBOOK_LOGIN)
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{ig_base}/v24.0/dialog/oauth"
    assert parse_qs(parts.query) == {
        "client_id": [sim.facebook_app_id],
        "redirect_uri": [REDIRECT_URI],
        "response_type": ["code"],
        "scope": [",".join(FB_SCOPES)],
        "state": ["st-1"],
    }


def test_facebook_login_gives_a_long_lived_user_token_and_the_granted_scopes(
    client: InstagramClient, sim: InstagramSim
) -> None:
    sim.withhold_scopes = ["business_management"]
    before = datetime.now(UTC)

    tokens = client.exchange_code(
        code=fb_login(client), redirect_uri=REDIRECT_URI, variant=FACEBOOK_LOGIN
    )

    held = sim.tokens[tokens.access_token]
    assert (held.kind, held.subject, held.variant) == ("long", SANDBOX_FB_USER_ID, FACEBOOK_LOGIN)
    assert tokens.scopes == tuple(s for s in FB_SCOPES if s != "business_management")
    # The person's Facebook id (Meta's deauthorize callback names them by it); the IG account
    # is chosen later, with the Page.
    assert tokens.account_id == SANDBOX_FB_USER_ID
    assert near(tokens.expires_at, before + SIXTY_DAYS)
    assert [r.endpoint for r in sim.requests] == ["fb_token", "fb_token", "me", "permissions"]
    assert {r.version for r in sim.requests} == {"v24.0"}


def test_facebook_code_is_single_use(client: InstagramClient) -> None:
    code = fb_login(client)
    client.exchange_code(code=code, redirect_uri=REDIRECT_URI, variant=FACEBOOK_LOGIN)
    with pytest.raises(NetworkError) as caught:
        client.exchange_code(code=code, redirect_uri=REDIRECT_URI, variant=FACEBOOK_LOGIN)
    assert (caught.value.code, caught.value.vendor_code) == (ErrorCode.OAUTH, "100/36009")


def test_pages_lists_the_pages_with_their_instagram_accounts(
    client: InstagramClient, fb_account: Account
) -> None:
    pages = client.pages(TokenSet(fb_account.access_token))
    assert pages == [
        FacebookPage(SANDBOX_PAGE_ID, "Sandbox Page", SANDBOX_PAGE_IG_ID),
        FacebookPage(SANDBOX_UNLINKED_PAGE_ID, "Sandbox Page Without Instagram", ""),
    ]


def test_pages_follows_the_cursor_past_the_first_hundred(
    client: InstagramClient, sim: InstagramSim, fb_account: Account
) -> None:
    for number in range(120):
        sim.add_page(f"Branch {number:03}")

    pages = client.pages(TokenSet(fb_account.access_token))

    assert len(pages) == 122
    assert pages[-1].name == "Branch 119"
    assert [r.endpoint for r in sim.requests] == ["accounts", "accounts"]


def test_facebook_refresh_exchanges_the_token_again_while_it_is_valid(
    client: InstagramClient, sim: InstagramSim, fb_account: Account
) -> None:
    tokens = TokenSet(
        fb_account.access_token,
        expires_at=datetime.now(UTC) + 10 * DAY,
        scopes=FB_SCOPES,
        account_id=SANDBOX_PAGE_IG_ID,
    )

    fresh = client.refresh(fb_account, tokens)

    assert fresh.access_token != tokens.access_token
    assert (fresh.account_id, fresh.scopes) == (SANDBOX_PAGE_IG_ID, FB_SCOPES)
    assert near(fresh.expires_at, datetime.now(UTC) + SIXTY_DAYS)
    assert sim.tokens[fresh.access_token].kind == "long"


def test_an_expired_facebook_token_means_reconnecting(
    client: InstagramClient, sim: InstagramSim, fb_account: Account
) -> None:
    tokens = TokenSet(fb_account.access_token, expires_at=datetime.now(UTC) - DAY)
    with pytest.raises(NetworkError) as caught:
        client.refresh(fb_account, tokens)
    assert (caught.value.code, caught.value.reconnect) == (ErrorCode.TOKEN_EXPIRED, True)
    assert list(sim.requests) == []
