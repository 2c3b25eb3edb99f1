"""Connecting an Instagram account: Business Login for Instagram and Facebook Login
(platform-apis §1.1–1.2).

Instagram Login: authorize → code (strip a trailing ``#_``) → 1-hour token at
api.instagram.com → 60-day token at graph.instagram.com; the 60-day token is refreshed once it
is at least 24 hours old and before it expires. Facebook Login: dialog → code → short user
token → 60-day token (``fb_exchange_token``); there is no refresh, only another exchange while
the token is still valid. The person then picks a Page whose linked IG account we publish to.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlencode

from postloom.integrations.instagram.config import (
    FACEBOOK_LOGIN,
    INSTAGRAM_LOGIN,
    Config,
    check_variant,
)
from postloom.integrations.instagram.transport import Json, Transport
from postloom.integrations.networks.base import (
    Account,
    ErrorCode,
    FacebookPage,
    NetworkError,
    TokenSet,
)

IG_SCOPES = ("instagram_business_basic", "instagram_business_content_publish")
FB_SCOPES = (
    "instagram_basic",
    "instagram_content_publish",
    "pages_show_list",
    "pages_read_engagement",
    "business_management",
)
REFRESH_MIN_AGE = timedelta(hours=24)
MAX_PAGE_REQUESTS = 10  # 100 Pages each: more than any small business manages


class OAuth:
    def __init__(self, config: Config, transport: Transport, now: Callable[[], datetime]) -> None:
        self.config, self.transport, self.now = config, transport, now

    # --- Authorize ------------------------------------------------------------------------

    def authorize_url(self, *, state: str, redirect_uri: str, variant: str) -> str:
        chosen = check_variant(variant)
        app_id, _secret = self.config.app(chosen)
        scopes = IG_SCOPES if chosen == INSTAGRAM_LOGIN else FB_SCOPES
        query = urlencode(
            {
                "client_id": app_id,
                "redirect_uri": redirect_uri,
                "response_type": "code",
                "scope": ",".join(scopes),
                "state": state,
            }
        )
        if chosen == INSTAGRAM_LOGIN:
            base = self.config.ig_authorize_url
        else:
            base = f"{self.config.fb_dialog_url}/{self.config.version}/dialog/oauth"
        return f"{base}{'&' if '?' in base else '?'}{query}"

    # --- Code exchange --------------------------------------------------------------------

    def exchange_code(self, *, code: str, redirect_uri: str, variant: str) -> TokenSet:
        clean = code.strip().removesuffix("#_")  # Instagram appends "#_" to the redirect
        if not clean:
            raise NetworkError(ErrorCode.OAUTH, "The login returned no code", permanent=True)
        if check_variant(variant) == FACEBOOK_LOGIN:
            return self._facebook_code(clean, redirect_uri)
        return self._instagram_code(clean, redirect_uri)

    def _instagram_code(self, code: str, redirect_uri: str) -> TokenSet:
        app_id, secret = self.config.app(INSTAGRAM_LOGIN)
        form = {
            "client_id": app_id,
            "client_secret": secret,
            "grant_type": "authorization_code",
            "redirect_uri": redirect_uri,
            "code": code,
        }
        reply = self.transport.post(
            f"{self.config.ig_api_url}/oauth/access_token", "code exchange", oauth=True, data=form
        )
        entry = _token_entry(reply.body)
        short, user_id = entry.get("access_token"), entry.get("user_id")
        if not isinstance(short, str) or not short or user_id in (None, ""):
            raise _unexpected("code exchange")
        params = {"grant_type": "ig_exchange_token", "client_secret": secret, "access_token": short}
        long = self.transport.get(
            f"{self.config.ig_graph_url}/access_token",
            "long-lived token exchange",
            oauth=True,
            params=params,
        )
        return self._token_set(long.body, str(user_id), _scopes(entry.get("permissions")))

    def _facebook_code(self, code: str, redirect_uri: str) -> TokenSet:
        app_id, secret = self.config.app(FACEBOOK_LOGIN)
        params = {
            "client_id": app_id,
            "redirect_uri": redirect_uri,
            "client_secret": secret,
            "code": code,
        }
        reply = self.transport.get(
            f"{self.config.graph(FACEBOOK_LOGIN)}/oauth/access_token",
            "code exchange",
            oauth=True,
            params=params,
        )
        short = reply.body.get("access_token")
        if not isinstance(short, str) or not short:
            raise _unexpected("code exchange")
        long = self._facebook_exchange(short)
        user_id = self._facebook_user(long.access_token)
        return replace(long, account_id=user_id, scopes=self._granted(long.access_token))

    def _facebook_user(self, token: str) -> str:
        """The person's Facebook user id: Meta's deauthorize and data-deletion callbacks name
        them by it (best effort: the connection itself needs only the Page's IG account)."""
        try:
            url = f"{self.config.graph(FACEBOOK_LOGIN)}/me"
            reply = self.transport.get(url, "me", token=token, params={"fields": "id"})
        except NetworkError:
            return ""
        return str(reply.body.get("id") or "")

    def _facebook_exchange(self, token: str, account_id: str = "") -> TokenSet:
        app_id, secret = self.config.app(FACEBOOK_LOGIN)
        params = {
            "grant_type": "fb_exchange_token",
            "client_id": app_id,
            "client_secret": secret,
            "fb_exchange_token": token,
        }
        reply = self.transport.get(
            f"{self.config.graph(FACEBOOK_LOGIN)}/oauth/access_token",
            "long-lived token exchange",
            oauth=True,
            params=params,
        )
        return self._token_set(reply.body, account_id, ())

    def _granted(self, token: str) -> tuple[str, ...]:
        """The scopes the person left ticked (best effort: the connection works without)."""
        try:
            reply = self.transport.get(
                f"{self.config.graph(FACEBOOK_LOGIN)}/me/permissions", "permissions", token=token
            )
        except NetworkError:
            return ()
        rows = reply.body.get("data")
        if not isinstance(rows, list):
            return ()
        granted = [r for r in rows if isinstance(r, dict) and r.get("status") == "granted"]
        return tuple(str(r["permission"]) for r in granted if r.get("permission"))

    # --- Refresh --------------------------------------------------------------------------

    def refresh(self, account: Account, tokens: TokenSet) -> TokenSet:
        now = self.now()
        if tokens.expires_at is not None and tokens.expires_at <= now:
            raise NetworkError(
                ErrorCode.TOKEN_EXPIRED,
                "The Instagram token has expired; the account must be connected again",
                permanent=True,
                reconnect=True,
            )
        account_id = tokens.account_id or account.account_id
        if check_variant(account.variant) == FACEBOOK_LOGIN:
            fresh = self._facebook_exchange(tokens.access_token, account_id)
            return replace(fresh, scopes=tokens.scopes)
        if tokens.issued_at is not None and now - tokens.issued_at < REFRESH_MIN_AGE:
            wait = (tokens.issued_at + REFRESH_MIN_AGE - now).total_seconds()
            raise NetworkError(
                ErrorCode.OAUTH,
                "An Instagram token can be refreshed only once it is 24 hours old",
                permanent=False,
                retry_after=wait,
            )
        params = {"grant_type": "ig_refresh_token", "access_token": tokens.access_token}
        reply = self.transport.get(
            f"{self.config.ig_graph_url}/refresh_access_token",
            "token refresh",
            oauth=True,
            params=params,
        )
        return self._token_set(reply.body, account_id, tokens.scopes)

    # --- Facebook Pages -------------------------------------------------------------------

    def pages(self, tokens: TokenSet) -> list[FacebookPage]:
        url = f"{self.config.graph(FACEBOOK_LOGIN)}/me/accounts"
        params: Json = {"fields": "id,name,instagram_business_account", "limit": 100}
        rows = self.transport.rows(url, "me/accounts", token=tokens.access_token, params=params,
                                   max_requests=MAX_PAGE_REQUESTS)  # fmt: skip
        return [_page(row) for row in rows]

    def _token_set(self, body: Json, account_id: str, scopes: tuple[str, ...]) -> TokenSet:
        token = body.get("access_token")
        if not isinstance(token, str) or not token:
            raise _unexpected("token exchange")
        now = self.now()
        expires_in = body.get("expires_in")
        expires_at = None
        if (
            isinstance(expires_in, int | float)
            and not isinstance(expires_in, bool)
            and expires_in > 0
        ):
            expires_at = now + timedelta(seconds=int(expires_in))
        return TokenSet(
            access_token=token,
            expires_at=expires_at,
            scopes=scopes,
            account_id=account_id,
            issued_at=now,
        )


def _token_entry(body: Json) -> Json:
    """The documented ``{"data": [{...}]}`` or the flat form seen in the wild."""
    data = body.get("data")
    if isinstance(data, list) and data and isinstance(data[0], dict):
        return data[0]
    return body


def _scopes(value: Any) -> tuple[str, ...]:
    if isinstance(value, list):
        return tuple(str(v).strip() for v in value if str(v).strip())
    if isinstance(value, str):
        return tuple(s.strip() for s in value.replace(" ", ",").split(",") if s.strip())
    return ()


def _page(row: Json) -> FacebookPage:
    linked = row.get("instagram_business_account")
    ig_id = str(linked.get("id", "")) if isinstance(linked, dict) else ""
    return FacebookPage(
        page_id=str(row.get("id", "")), name=str(row.get("name", "")), instagram_account_id=ig_id
    )


def _unexpected(what: str) -> NetworkError:
    return NetworkError(
        ErrorCode.OAUTH, f"Instagram {what}: the answer had no token", permanent=True
    )
