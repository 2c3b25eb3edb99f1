"""The pieces of an OAuth round trip that live on our side: which flows exist, their redirect
URIs (from settings.BASE_URL), the ``state`` kept in the session (CSRF), and whether a flow
talks to a local simulator.

A state is single-use and expires; it also remembers which business the person was connecting,
because the redirect URI must be the same static address for every business.
"""

from __future__ import annotations

import ipaddress
import secrets
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.urls import reverse

from postloom.connections import secrets as token_secrets
from postloom.connections.models import Platform, Variant
from postloom.integrations.networks.base import FacebookPage, TokenSet


@dataclass(frozen=True)
class Flow:
    slug: str  # in URLs: /connections/<slug>/callback/
    variant: Variant
    platform: Platform
    app_setting: str  # the NETWORKS key that must be set for the flow to be offered
    host_settings: tuple[str, ...]  # NETWORKS keys of the hosts it talks to


FLOWS = {
    flow.slug: flow
    for flow in (
        Flow(
            "instagram",
            Variant.INSTAGRAM_LOGIN,
            Platform.INSTAGRAM,
            "INSTAGRAM_APP_ID",
            ("INSTAGRAM_AUTHORIZE_URL", "INSTAGRAM_API_URL", "INSTAGRAM_GRAPH_URL"),
        ),
        Flow(
            "facebook",
            Variant.FACEBOOK_LOGIN,
            Platform.INSTAGRAM,
            "FACEBOOK_APP_ID",
            ("FACEBOOK_DIALOG_URL", "FACEBOOK_GRAPH_URL"),
        ),
        Flow(
            "tiktok",
            Variant.TIKTOK,
            Platform.TIKTOK,
            "TIKTOK_CLIENT_KEY",
            ("TIKTOK_AUTHORIZE_URL", "TIKTOK_API_URL"),
        ),
    )
}
FLOW_OF_VARIANT = {flow.variant.value: flow for flow in FLOWS.values()}

STATE_KEY = "connections.oauth"
PAGES_KEY = "connections.facebook_pages"
STATE_TTL = 15 * 60  # seconds: longer than any consent screen needs, short enough to be stale
MAX_PENDING = 5  # a few tabs at once; older attempts are forgotten


def is_configured(flow: Flow) -> bool:
    return bool(settings.NETWORKS.get(flow.app_setting))


def redirect_uri(flow: Flow) -> str:
    return settings.BASE_URL + reverse("connections_callback", args=[flow.slug])


def _is_loopback(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def is_sandbox(flow: Flow) -> bool:
    """Connections made now would be sandbox ones: sandbox mode, or a simulator on loopback."""
    networks = settings.NETWORKS
    return bool(networks.get("SANDBOX")) or any(
        _is_loopback(str(networks.get(key, ""))) for key in flow.host_settings
    )


# --- state ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pending:
    business_id: int
    flow: Flow


def _fresh(entries: dict[str, Any], now: float) -> dict[str, Any]:
    return {k: v for k, v in entries.items() if now - float(v.get("at", 0)) < STATE_TTL}


def begin(session: SessionBase, business_id: int, flow: Flow) -> str:
    """A new state for this attempt, remembered in the session."""
    now = time.time()
    pending = _fresh(dict(session.get(STATE_KEY, {})), now)
    state = secrets.token_urlsafe(32)
    pending[state] = {"business": business_id, "flow": flow.slug, "at": now}
    newest = sorted(pending.items(), key=lambda item: item[1]["at"])[-MAX_PENDING:]
    session[STATE_KEY] = dict(newest)
    return state


def finish(session: SessionBase, state: str, flow: Flow) -> Pending | None:
    """The attempt this state belongs to, used up; None if it is unknown, stale or for
    another flow (a forged or replayed callback)."""
    pending = dict(session.get(STATE_KEY, {}))
    entry = pending.pop(state, None) if state else None
    session[STATE_KEY] = _fresh(pending, time.time())
    if entry is None or entry.get("flow") != flow.slug:
        return None
    if time.time() - float(entry.get("at", 0)) >= STATE_TTL:
        return None
    return Pending(business_id=int(entry["business"]), flow=flow)


# --- Facebook Login: the token waits in the session (encrypted) while a Page is chosen -----


def keep_pages(
    session: SessionBase, business_id: int, tokens: TokenSet, pages: list[FacebookPage]
) -> None:
    session[PAGES_KEY] = {
        "business": business_id,
        "at": time.time(),
        "token": token_secrets.encrypt(tokens.access_token),
        "expires_at": tokens.expires_at.isoformat() if tokens.expires_at else "",
        "issued_at": tokens.issued_at.isoformat() if tokens.issued_at else "",
        "scopes": list(tokens.scopes),
        "user_id": tokens.account_id,
        "pages": [
            {"id": p.page_id, "name": p.name, "instagram": p.instagram_account_id} for p in pages
        ],
    }


@dataclass(frozen=True)
class PagesChoice:
    business_id: int
    tokens: TokenSet
    pages: list[FacebookPage]


def pages_choice(session: SessionBase, business_id: int) -> PagesChoice | None:
    data = session.get(PAGES_KEY)
    if not data or data.get("business") != business_id:
        return None
    if time.time() - float(data.get("at", 0)) >= STATE_TTL:
        return None
    token = token_secrets.decrypt(data["token"])
    if not token:
        return None

    def when(value: str) -> datetime | None:
        return datetime.fromisoformat(value) if value else None

    tokens = TokenSet(
        access_token=token,
        expires_at=when(data["expires_at"]),
        issued_at=when(data["issued_at"]),
        scopes=tuple(data["scopes"]),
        account_id=data["user_id"],
    )
    pages = [FacebookPage(p["id"], p["name"], p["instagram"]) for p in data["pages"]]
    return PagesChoice(business_id, tokens, pages)


def forget_pages(session: SessionBase) -> None:
    session.pop(PAGES_KEY, None)
