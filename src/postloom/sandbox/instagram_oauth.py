"""The simulator's OAuth: Business Login for Instagram and Facebook Login (platform-apis §1.1–1.2).

Consent pages are small HTML forms labelled "Sandbox"; Allow redirects with ``code`` and
``state`` (``#_`` appended for Instagram Login, as Instagram does), Cancel with
``error=access_denied``. Codes live ``code_ttl`` seconds and are single use.
"""

from __future__ import annotations

import hmac
import secrets
from html import escape
from http import HTTPStatus
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from postloom.sandbox.instagram_http import (
    GraphError,
    InstagramOAuthError,
    Reply,
    Request,
    html_reply,
    json_reply,
    redirect,
    split_version,
)
from postloom.sandbox.instagram_state import FACEBOOK_LOGIN, INSTAGRAM_LOGIN, Grant, Token

if TYPE_CHECKING:
    from collections.abc import Callable

    from postloom.sandbox.instagram_api import InstagramSim

    Handler = Callable[[InstagramSim, Request], Reply]

IG_SCOPES = ("instagram_business_basic", "instagram_business_content_publish")
FB_SCOPES = (
    "instagram_basic",
    "instagram_content_publish",
    "pages_show_list",
    "pages_read_engagement",
    "business_management",
)
# Retired on 27 January 2025; Instagram refuses them now.
_OLD_SCOPES = {
    "business_basic",
    "business_content_publish",
    "business_manage_comments",
    "business_manage_messages",
}
PAGES = frozenset({"ig_authorize", "fb_dialog", "post_page"})
DENIED = {
    "error": "access_denied",
    "error_reason": "user_denied",
    "error_description": "The user denied your request",
}


def route(request: Request) -> tuple[str, str, Handler] | None:
    version, rest = split_version(request.path)
    if not version:
        table: dict[str, tuple[str, Handler]] = {
            "/oauth/authorize": ("ig_authorize", ig_authorize),
            "/oauth/access_token": ("ig_code", ig_code),
            "/access_token": ("ig_exchange", ig_exchange),
            "/refresh_access_token": ("ig_refresh", ig_refresh),
        }
        found = table.get(request.path.rstrip("/") or "/")
        return (found[0], "", found[1]) if found else None
    if rest.rstrip("/") == "/dialog/oauth":
        return "fb_dialog", version, fb_dialog
    if rest == "/oauth/access_token":
        return "fb_token", version, fb_token
    return None


# --- Consent ------------------------------------------------------------------------------


def ig_authorize(sim: InstagramSim, request: Request) -> Reply:
    return _authorize(sim, request, INSTAGRAM_LOGIN)


def fb_dialog(sim: InstagramSim, request: Request) -> Reply:
    return _authorize(sim, request, FACEBOOK_LOGIN)


def _authorize(sim: InstagramSim, request: Request, variant: str) -> Reply:
    params = {
        key: request.param(key)
        for key in (
            "client_id",
            "redirect_uri",
            "response_type",
            "scope",
            "state",
            "decision",
            "account",
            "auto",
        )
    }
    problem = _authorize_problem(sim, params, variant)
    if problem:
        return html_reply(
            _page("Sandbox: this login link is not valid", f"<p>{escape(problem)}</p>"),
            HTTPStatus.BAD_REQUEST,
        )
    redirect_uri, state = params["redirect_uri"], params["state"]
    if sim.deny or params["decision"] == "deny":
        return redirect(redirect_uri, {**DENIED, "state": state})
    if sim.auto_approve or params["auto"] in ("1", "true") or params["decision"] == "allow":
        return _approve(sim, params, variant)
    return html_reply(_consent_page(sim, params, variant))


def _authorize_problem(sim: InstagramSim, params: dict[str, str], variant: str) -> str:
    """Errors shown on the page itself: the redirect target is not known to be trusted yet."""
    app_id = sim.instagram_app_id if variant == INSTAGRAM_LOGIN else sim.facebook_app_id
    if params["client_id"] != app_id:
        return "Invalid app ID."
    uri = params["redirect_uri"]
    allowed = uri in sim.redirect_uris if sim.redirect_uris else _is_http_url(uri)
    if not allowed:
        return "The redirect_uri is not registered for this app."
    if params["response_type"] != "code":
        return "Only response_type=code is supported."
    scopes = set(_split_scopes(params["scope"]))
    if scopes & _OLD_SCOPES:
        return "Invalid scope: the business_* scopes were retired; use instagram_business_*."
    basic = "instagram_business_basic" if variant == INSTAGRAM_LOGIN else "instagram_basic"
    if basic not in scopes:
        return f"The {basic} scope is required."
    return ""


def _approve(sim: InstagramSim, params: dict[str, str], variant: str) -> Reply:
    if variant == INSTAGRAM_LOGIN:
        subject = params["account"] if params["account"] in sim.users else sim.login_instagram_user
    else:
        subject = sim.login_facebook_user
    app_id = sim.instagram_app_id if variant == INSTAGRAM_LOGIN else sim.facebook_app_id
    scopes = [s for s in _split_scopes(params["scope"]) if s not in sim.withhold_scopes]
    code = "AQ" + secrets.token_urlsafe(48)
    with sim.lock:
        sim.codes[code] = Grant(
            variant, subject, app_id, params["redirect_uri"], scopes, sim.now() + sim.code_ttl
        )
    fragment = "#_" if variant == INSTAGRAM_LOGIN else ""
    return redirect(params["redirect_uri"], {"code": code, "state": params["state"]}, fragment)


def _consent_page(sim: InstagramSim, params: dict[str, str], variant: str) -> str:
    hidden = "".join(
        f'<input type="hidden" name="{name}" value="{escape(params[name])}">'
        for name in ("client_id", "redirect_uri", "response_type", "scope", "state")
    )
    if variant == INSTAGRAM_LOGIN:
        who = "".join(
            f'<label><input type="radio" name="account" value="{escape(u.ig_id)}"'
            f"{' checked' if u.ig_id == sim.login_instagram_user else ''}> @{escape(u.username)}"
            "</label><br>"
            for u in sim.users.values()
            if u.variant == INSTAGRAM_LOGIN
        )
        title = "Sandbox Instagram: allow access?"
    else:
        person = sim.fb_users.get(sim.login_facebook_user)
        who = f"<p>Signed in as {escape(person.name if person else 'nobody')}</p>"
        title = "Sandbox Facebook: allow access?"
    scopes = "".join(f"<li>{escape(s)}</li>" for s in _split_scopes(params["scope"]))
    body = (
        '<p class="sandbox">Sandbox — a local simulator, not the real network.</p>'
        f"<p>An app asks to use your account with these permissions:</p><ul>{scopes}</ul>"
        f'<form method="post">{hidden}{who}'
        '<button type="submit" name="decision" value="allow">Allow</button> '
        '<button type="submit" name="decision" value="deny">Cancel</button></form>'
    )
    return _page(title, body)


def _page(title: str, body: str) -> str:
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}'
        "</title><style>body{font-family:sans-serif;max-width:32rem;margin:3rem auto}"
        ".sandbox{background:#fde68a;padding:.5rem;border-radius:.3rem}</style></head>"
        f"<body><h1>{escape(title)}</h1>{body}</body></html>"
    )


# --- Instagram Login tokens ---------------------------------------------------------------


def ig_code(sim: InstagramSim, request: Request) -> Reply:
    """POST api.instagram.com/oauth/access_token: a code → a 1-hour token."""
    if request.method != "POST":
        raise InstagramOAuthError("Unsupported method; use POST", HTTPStatus.METHOD_NOT_ALLOWED)
    form = request.params
    if form.get("client_id") != sim.instagram_app_id or not _same(
        str(form.get("client_secret", "")), sim.instagram_app_secret
    ):
        raise InstagramOAuthError("Invalid platform app")
    if form.get("grant_type") != "authorization_code":
        raise InstagramOAuthError("Invalid grant_type: use authorization_code")
    grant = _redeem(sim, str(form.get("code", "")), INSTAGRAM_LOGIN)
    if grant is None:
        raise InstagramOAuthError("Matching code was not found or was already used")
    if form.get("redirect_uri") != grant.redirect_uri:
        raise InstagramOAuthError(
            "Error validating verification code. Please make sure your redirect_uri is "
            "identical to the one you used in the OAuth dialog request"
        )
    token = sim.issue_token(grant.subject, INSTAGRAM_LOGIN, kind="short", scopes=grant.scopes)
    if sim.flat_token_response:  # as integrations report it; user_id then comes as a number
        flat = {
            "access_token": token.token,
            "user_id": int(grant.subject),
            "permissions": grant.scopes,
        }
        return json_reply(flat)
    entry = {
        "access_token": token.token,
        "user_id": grant.subject,
        "permissions": ",".join(grant.scopes),
    }
    return json_reply({"data": [entry]})


def ig_exchange(sim: InstagramSim, request: Request) -> Reply:
    """GET graph.instagram.com/access_token?grant_type=ig_exchange_token: short → 60 days."""
    if request.param("grant_type") != "ig_exchange_token":
        raise GraphError(100, "Unsupported grant_type")
    if not _same(request.param("client_secret"), sim.instagram_app_secret):
        raise GraphError(101, "Error validating client secret.")
    short = _valid_token(sim, request.token, INSTAGRAM_LOGIN)
    if short.kind != "short":
        raise GraphError(190, "Invalid OAuth access token: not a short-lived token")
    long = sim.issue_token(short.subject, INSTAGRAM_LOGIN, scopes=short.scopes)
    return json_reply(_token_body(long, sim.long_token_ttl))


def ig_refresh(sim: InstagramSim, request: Request) -> Reply:
    """GET graph.instagram.com/refresh_access_token: ≥ 24 h old, unexpired → another 60 days."""
    if request.param("grant_type") != "ig_refresh_token":
        raise GraphError(100, "Unsupported grant_type")
    old = _valid_token(sim, request.token, INSTAGRAM_LOGIN)
    if old.kind != "long":
        raise GraphError(190, "Invalid OAuth access token: only long-lived tokens can be refreshed")
    if sim.now() - old.issued_at < sim.refresh_min_age:
        raise GraphError(
            190,
            "Error validating access token: the token must be at least 24 "
            "hours old to be refreshed",
        )
    fresh = sim.issue_token(old.subject, INSTAGRAM_LOGIN, scopes=old.scopes)
    return json_reply(_token_body(fresh, sim.long_token_ttl))


# --- Facebook Login tokens ----------------------------------------------------------------


def fb_token(sim: InstagramSim, request: Request) -> Reply:
    """GET graph.facebook.com/{v}/oauth/access_token: a code, or fb_exchange_token."""
    if request.param("client_id") != sim.facebook_app_id:
        raise GraphError(101, "Error validating application. Invalid application ID.")
    if not _same(request.param("client_secret"), sim.facebook_app_secret):
        raise GraphError(1, "Error validating client secret.", kind="OAuthException")
    if request.param("grant_type") == "fb_exchange_token":
        old = _valid_token(sim, request.param("fb_exchange_token"), FACEBOOK_LOGIN)
        long = sim.issue_token(old.subject, FACEBOOK_LOGIN, scopes=old.scopes)
        return json_reply(_token_body(long, sim.long_token_ttl))
    code = request.param("code")
    with sim.lock:
        grant = sim.codes.get(code)
    if grant is None or grant.variant != FACEBOOK_LOGIN:
        raise GraphError(100, "This authorization code has been used.", subcode=36009)
    _redeem(sim, code, FACEBOOK_LOGIN)
    if grant.expires_at < sim.now():
        raise GraphError(100, "This authorization code has expired.", subcode=36007)
    if request.param("redirect_uri") != grant.redirect_uri:
        raise GraphError(
            100,
            "Error validating verification code. Please make sure your "
            "redirect_uri is identical to the one you used in the OAuth dialog "
            "request",
            subcode=36008,
        )
    short = sim.issue_token(grant.subject, FACEBOOK_LOGIN, kind="short", scopes=grant.scopes)
    return json_reply(_token_body(short, sim.fb_short_token_ttl))


# --- Helpers ------------------------------------------------------------------------------


def _redeem(sim: InstagramSim, code: str, variant: str) -> Grant | None:
    with sim.lock:
        grant = sim.codes.pop(code, None)  # popped even when refused: single use
    if grant is None or grant.variant != variant or grant.expires_at < sim.now():
        return None
    return grant


def _valid_token(sim: InstagramSim, value: str, variant: str) -> Token:
    token = check_token(sim, value)
    if token.variant != variant:
        raise GraphError(190, "Invalid OAuth access token - Cannot parse access token")
    return token


def check_token(sim: InstagramSim, value: str) -> Token:
    """The token a Graph call carries, or the Graph error Meta answers for it."""
    if not value:
        raise GraphError(104, "An access token is required to request this resource.")
    with sim.lock:
        token = sim.tokens.get(value)
    if token is None:
        raise GraphError(190, "Invalid OAuth access token - Cannot parse access token")
    if token.revoked:
        raise GraphError(
            190,
            "Error validating access token: The user has not authorized application.",
            subcode=458,
        )
    if token.expires_at is not None and token.expires_at <= sim.now():
        raise GraphError(190, "Error validating access token: Session has expired.", subcode=463)
    return token


def _token_body(token: Token, ttl: int) -> dict[str, object]:
    return {"access_token": token.token, "token_type": "bearer", "expires_in": ttl}


def _split_scopes(value: str) -> list[str]:
    return [s for s in value.replace(",", " ").split() if s]


def _same(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode(), expected.encode())


def _is_http_url(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)
