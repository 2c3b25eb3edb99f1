"""Keeping tokens alive: which connections are due, and refreshing one safely.

The rules, per network (see the platform reference):

- Instagram Login: a 60-day token can be refreshed once it is at least 24 hours old and before
  it expires; each refresh gives 60 days from then. We refresh when less than 30 days remain,
  so one refresh a month suffices and a worker down for weeks still catches up.
- Facebook Login: the long-lived user token is exchanged again while valid, on the same
  schedule. When Meta answers with no later expiry, the person must reconnect before it ends.
- TikTok: access tokens last hours; we refresh when less than 90 minutes remain (the job runs
  hourly). Each refresh may rotate the refresh token: the newest one is saved in the same
  UPDATE as the new access token, and only if nobody refreshed in between.

A token that already expired cannot be refreshed (Meta) or whose refresh token expired
(TikTok): the connection is marked for reconnecting without a call.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Q
from django.utils import timezone

from postloom.connections import actions, problems
from postloom.connections.models import Connection, Variant
from postloom.connections.oauth import FLOW_OF_VARIANT, is_sandbox
from postloom.integrations import networks
from postloom.integrations.networks.base import NetworkError

log = logging.getLogger(__name__)

MIN_AGE = timedelta(hours=24)  # Instagram refuses to refresh a younger token
META_WITHIN = timedelta(days=30)
TIKTOK_WITHIN = timedelta(minutes=90)
NOT_EXTENDED = "not_extended"  # a Facebook re-exchange that gave no later expiry


@dataclass(frozen=True)
class Outcome:
    connection_id: int
    result: str  # "refreshed" | "skipped" | "failed" | "reconnect"
    code: str = ""


def _expired(moment: datetime | None, now: datetime) -> bool:
    return moment is not None and moment <= now


def lapsed(connection: Connection, now: datetime) -> bool:
    """True when no refresh can save the connection any more."""
    if connection.variant == Variant.TIKTOK:
        return not connection.refresh_token_encrypted or _expired(
            connection.refresh_expires_at, now
        )
    return _expired(connection.token_expires_at, now)


def is_due(connection: Connection, now: datetime) -> bool:
    if connection.status != Connection.Status.ACTIVE or not connection.access_token_encrypted:
        return False
    if lapsed(connection, now):
        return True  # the job marks it for reconnecting
    expires = connection.token_expires_at
    if expires is None:
        return False  # a token that does not expire (some Page tokens)
    if connection.variant == Variant.TIKTOK:
        return expires - now <= TIKTOK_WITHIN
    issued = connection.token_issued_at or connection.created_at
    if now - issued < MIN_AGE:
        return False
    if connection.variant == Variant.FACEBOOK_LOGIN and connection.last_refresh_error == (
        NOT_EXTENDED
    ):
        return False  # asking again changes nothing; the page tells them to reconnect
    return expires - now <= META_WITHIN


def refresh_connection(connection: Connection, now: datetime | None = None) -> Outcome:
    """Refresh one connection now (the job, or the publisher after ``token_expired``)."""
    now = now or timezone.now()
    if lapsed(connection, now):
        actions.mark_for_reconnect(connection, problems.TOKEN_LAPSED)
        return Outcome(connection.pk, "reconnect", problems.TOKEN_LAPSED)
    before = connection.tokens()
    seen = (connection.access_token_encrypted, connection.refresh_token_encrypted)
    client = networks.get_client(connection.platform)
    try:
        fresh = client.refresh(connection.account(), before)
    except NetworkError as exc:
        return _failed(connection, exc, seen, now)
    not_extended = (
        connection.variant == Variant.FACEBOOK_LOGIN
        and before.expires_at is not None
        and fresh.expires_at is not None
        and fresh.expires_at <= before.expires_at
    )
    note = NOT_EXTENDED if not_extended else ""
    if not actions.save_refreshed_tokens(connection, seen, fresh, now=now, note=note):
        return Outcome(connection.pk, "skipped", "refreshed_elsewhere")
    log.info("connection %s refreshed", connection.pk)
    return Outcome(connection.pk, "refreshed")


def _failed(
    connection: Connection, exc: NetworkError, seen: tuple[str, str], now: datetime
) -> Outcome:
    code = exc.code.value
    if not actions.record_refresh_failure(connection, seen, code, now=now):
        # Another process refreshed first; with rotation our old refresh token was then refused.
        return Outcome(connection.pk, "skipped", "refreshed_elsewhere")
    log.warning("refreshing connection %s failed: %s", connection.pk, code)
    if exc.permanent or exc.reconnect:
        actions.mark_for_reconnect(connection, code)
        return Outcome(connection.pk, "reconnect", code)
    return Outcome(connection.pk, "failed", code)


def due_connections(now: datetime) -> list[Connection]:
    candidates = Connection.objects.filter(
        Q(token_expires_at__isnull=False) | Q(variant=Variant.TIKTOK),
        status=Connection.Status.ACTIVE,
    ).exclude(access_token_encrypted="")
    return [c for c in candidates if in_this_mode(c) and is_due(c, now)]


def in_this_mode(connection: Connection) -> bool:
    """A sandbox token must never be sent to Meta, nor a real one to a simulator (which would
    refuse it and mark the connection for reconnecting)."""
    return connection.sandbox == is_sandbox(FLOW_OF_VARIANT[connection.variant])


def refresh_due_connections(now: datetime | None = None) -> dict[str, int]:
    """The hourly job: refresh what is due; return how many ended which way."""
    now = now or timezone.now()
    counts: dict[str, int] = {}
    for connection in due_connections(now):
        try:
            result = refresh_connection(connection, now).result
        except Exception:
            # One broken row must not stop the others; the traceback holds no token.
            log.exception("refreshing connection %s crashed", connection.pk)
            result = "failed"
        counts[result] = counts.get(result, 0) + 1
    return counts
