"""Login Kit in the TikTok simulator: the consent page, tokens, revoke and user info.

Called by ``TikTokApp`` with the simulator's lock held.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from postloom.sandbox.tiktok_http import (
    Json,
    Request,
    Response,
    api_error,
    envelope,
    html_page,
    json_response,
    oauth_error,
    redirect,
)
from postloom.sandbox.tiktok_posting import user_revoked
from postloom.sandbox.tiktok_state import SCOPES, Creator, Grant, IssuedTokens, TokenRecord

if TYPE_CHECKING:
    from postloom.sandbox.tiktok_api import TikTokSim

BASIC_FIELDS = frozenset({"open_id", "union_id", "avatar_url", "avatar_url_100",
                          "avatar_large_url", "display_name"})  # fmt: skip
PROFILE_FIELDS = frozenset({"username", "bio_description", "profile_deep_link", "is_verified"})
_PASSED_ON = ("client_key", "redirect_uri", "state", "scope", "response_type")


class _PageError(Exception):
    """A request that cannot be redirected back (unknown app or redirect URI)."""


# --- Authorize ----------------------------------------------------------------------------


def authorize(sim: TikTokSim, request: Request) -> Response:
    params = request.form() if request.method == "POST" else request.query
    try:
        redirect_uri = _trusted_redirect_uri(sim, params)
    except _PageError as exc:
        return html_page("TikTok (Sandbox)", f"<h1>Sandbox</h1><p>{html.escape(str(exc))}</p>",
                         400)  # fmt: skip
    state = params.get("state", "")
    problem = _request_problem(params)
    if problem:
        return redirect(redirect_uri, {"error": problem[0], "error_description": problem[1],
                                       "state": state})  # fmt: skip
    if sim.deny or (request.method == "POST" and params.get("decision") != "allow"):
        return redirect(redirect_uri, {"error": "access_denied",
                                       "error_description": "The user denied the request.",
                                       "state": state})  # fmt: skip
    if request.method == "POST":
        return _approve(sim, params, redirect_uri, params.get("open_id", ""))
    if sim.auto_approve:
        return _approve(sim, params, redirect_uri, sim.authorize_as)
    return _consent_page(sim, params)


def _trusted_redirect_uri(sim: TikTokSim, params: dict[str, str]) -> str:
    if params.get("client_key") != sim.client_key:
        raise _PageError("This app is not registered (unknown client_key).")
    uri = params.get("redirect_uri", "")
    parts = urlsplit(uri)
    absolute = parts.scheme in ("http", "https") and bool(parts.netloc) and not parts.fragment
    if not absolute or (sim.redirect_uris and uri not in sim.redirect_uris):
        raise _PageError("The redirect_uri is not registered for this app.")
    return uri


def _request_problem(params: dict[str, str]) -> tuple[str, str] | None:
    if params.get("response_type") != "code":
        return "unsupported_response_type", "response_type must be code."
    scopes = _scopes(params.get("scope", ""))
    if not scopes or not scopes <= SCOPES:
        return "invalid_scope", "The scope is empty or unknown."
    return None


def _scopes(value: str) -> frozenset[str]:
    return frozenset(s.strip() for s in value.split(",") if s.strip())


def _approve(sim: TikTokSim, params: dict[str, str], redirect_uri: str,
             open_id: str) -> Response:  # fmt: skip
    creator = sim.creators.get(open_id) or next(iter(sim.creators.values()), None)
    if creator is None:
        return html_page("TikTok (Sandbox)", "<h1>Sandbox</h1><p>No accounts to sign in.</p>",
                         400)  # fmt: skip
    scopes = _scopes(params.get("scope", ""))
    if sim.grant_scopes is not None:
        scopes &= frozenset(sim.grant_scopes)
    grant = Grant(sim.client_key, creator.open_id, scopes, redirect_uri,
                  sim.now() + sim.code_ttl)  # fmt: skip
    code = sim.tokens.issue_code(grant)
    return redirect(redirect_uri, {"code": code, "scopes": ",".join(sorted(scopes)),
                                   "state": params.get("state", "")})  # fmt: skip


def _consent_page(sim: TikTokSim, params: dict[str, str]) -> Response:
    hidden = "".join(
        f"<input type='hidden' name='{name}' value='{html.escape(params.get(name, ''))}'>"
        for name in _PASSED_ON
    )
    chosen = sim.authorize_as or next(iter(sim.creators), "")
    accounts = "".join(_account_choice(c, c.open_id == chosen) for c in sim.creators.values())
    scopes = "".join(f"<li>{html.escape(s)}</li>" for s in sorted(_scopes(params["scope"])))
    body = (
        "<p><span class='badge'>Sandbox</span> A simulated TikTok: no real account is used "
        "and nothing is posted anywhere.</p>"
        "<h1>Allow this app to access your TikTok account?</h1>"
        f"<p>It asks for:</p><ul>{scopes}</ul>"
        f"<form method='post' action=''>{hidden}<fieldset><legend>Account</legend>{accounts}"
        "</fieldset><p><button class='allow' name='decision' value='allow'>Allow</button>"
        "<button name='decision' value='deny'>Cancel</button></p></form>"
    )
    return html_page("Authorize — TikTok (Sandbox)", body)


def _account_choice(creator: Creator, checked: bool) -> str:
    mark = " checked" if checked else ""
    label = f"{creator.display_name} (@{creator.username})"
    return (f"<label><input type='radio' name='open_id' value='{html.escape(creator.open_id)}'"
            f"{mark}> {html.escape(label)}</label><br>")  # fmt: skip


# --- Tokens -------------------------------------------------------------------------------


def token(sim: TikTokSim, request: Request) -> Response:
    if not request.headers.get("content-type", "").startswith("application/x-www-form"):
        return oauth_error("invalid_request", "Content-Type must be form-urlencoded.")
    form = request.form()
    if not _client_ok(sim, form):
        return oauth_error("invalid_client", "Client key or secret is incorrect.")
    grant_type = form.get("grant_type")
    if grant_type == "authorization_code":
        return _code_grant(sim, form)
    if grant_type == "refresh_token":
        return _refresh_grant(sim, form)
    return oauth_error("unsupported_grant_type", "grant_type is not supported.")


def _client_ok(sim: TikTokSim, form: dict[str, str]) -> bool:
    key, secret = form.get("client_key"), form.get("client_secret")
    return key == sim.client_key and secret == sim.client_secret


def _code_grant(sim: TikTokSim, form: dict[str, str]) -> Response:
    grant = sim.tokens.redeem_code(form.get("code", ""), sim.now())
    if grant is None or grant.client_key != sim.client_key:
        return oauth_error("invalid_grant", "Authorization code is expired or invalid.")
    if form.get("redirect_uri") != grant.redirect_uri:
        return oauth_error("invalid_request", "redirect_uri does not match the authorization.")
    issued = sim.tokens.issue(grant.open_id, grant.scopes, sim.now(), sim.access_ttl,
                              sim.refresh_ttl)  # fmt: skip
    return json_response(token_body(issued, sim.now()))


def _refresh_grant(sim: TikTokSim, form: dict[str, str]) -> Response:
    now = sim.now()
    old_token = form.get("refresh_token", "")
    record = sim.tokens.valid_refresh(old_token, now)
    if record is None:
        return oauth_error("invalid_grant", "Refresh token is invalid or expired.")
    issued = sim.tokens.issue(record.open_id, record.scopes, now, sim.access_ttl, sim.refresh_ttl)
    if sim.rotate_refresh:
        del sim.tokens.refresh[old_token]  # the previous refresh token stops working
    else:  # the old behaviour: the same refresh token, its lifetime unchanged
        del sim.tokens.refresh[issued.refresh_token]
        issued = IssuedTokens(issued.access_token, old_token, issued.access, record)
    return json_response(token_body(issued, now))


def token_body(issued: IssuedTokens, now: float) -> Json:
    return {
        "access_token": issued.access_token,
        "expires_in": round(issued.access.expires_at - now),
        "open_id": issued.access.open_id,
        "refresh_expires_in": round(issued.refresh.expires_at - now),
        "refresh_token": issued.refresh_token,
        "scope": ",".join(sorted(issued.access.scopes)),
        "token_type": "Bearer",
    }


def revoke(sim: TikTokSim, request: Request) -> Response:
    form = request.form()
    if not _client_ok(sim, form):
        return oauth_error("invalid_client", "Client key or secret is incorrect.")
    if not form.get("token"):
        return oauth_error("invalid_request", "token is required.")
    record = sim.tokens.access.get(form["token"]) or sim.tokens.refresh.get(form["token"])
    if record is not None:  # an unknown token is already as revoked as it can be
        sim.tokens.revoke_user(record.open_id)
        user_revoked(sim, record.open_id)
    return json_response({})


# --- User info ----------------------------------------------------------------------------


def user_info(sim: TikTokSim, request: Request, record: TokenRecord) -> Response:
    fields = _scopes(request.query.get("fields", ""))
    if not fields or not fields <= BASIC_FIELDS | PROFILE_FIELDS:
        return api_error("invalid_params", "fields is empty or names an unknown field.")
    if fields & PROFILE_FIELDS and "user.info.profile" not in record.scopes:
        return api_error("scope_not_authorized")
    creator = sim.creators.get(record.open_id)
    if creator is None:
        return api_error("access_token_invalid")
    avatar = creator.avatar(request.origin)
    values = {
        "open_id": creator.open_id,
        "union_id": creator.union_id,
        "avatar_url": avatar,
        "avatar_url_100": avatar,
        "avatar_large_url": avatar,
        "display_name": creator.display_name,
        "username": creator.username,
        "bio_description": "",
        "profile_deep_link": f"https://www.tiktok.com/@{creator.username}",
        "is_verified": False,
    }
    return envelope({"user": {name: values[name] for name in sorted(fields)}})
