"""Reads of connections: the business's list with each one's health, tenancy-checked lookups,
and what other parts read from a connected Instagram account (brand analysis, grid preview)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from postloom.accounts.models import User
from postloom.brands.models import Access, Business, Membership
from postloom.brands.selectors import get_business_for_user
from postloom.connections import problems, refresh
from postloom.connections.models import Connection, ImportedMedia, Platform, Variant
from postloom.integrations.ai.base import InstagramInput

WARN_WITHIN = timedelta(days=7)


def connections_of(business: Business) -> QuerySet[Connection]:
    return Connection.objects.filter(business=business).order_by("platform", "username", "id")


def get_connection_for_user(
    user: User | AnonymousUser, business_id: int, connection_id: int, need: Access = Access.VIEW
) -> tuple[Connection, Business, Membership]:
    """A connection of a business the user may reach (404 for outsiders, 403 for weak roles)."""
    business, membership = get_business_for_user(user, business_id, need)
    connection = get_object_or_404(Connection, pk=connection_id, business=business)
    return connection, business, membership


@dataclass(frozen=True)
class Health:
    level: str  # "ok" | "warning" | "error" | "off"
    message: str
    expires_at: datetime | None  # what ends the connection unless renewed
    days_left: int | None
    auto_refresh: bool


def _limit(connection: Connection) -> datetime | None:
    """The moment the connection stops working unless something renews it."""
    if connection.variant == Variant.TIKTOK:
        # Access tokens last hours and are renewed; the refresh token is what runs out.
        return connection.refresh_expires_at
    return connection.token_expires_at


def can_auto_refresh(connection: Connection) -> bool:
    if connection.variant == Variant.FACEBOOK_LOGIN:
        return connection.last_refresh_error != refresh.NOT_EXTENDED
    # A TikTok refresh token is renewed by rotation only; without it the end is fixed.
    return connection.variant == Variant.INSTAGRAM_LOGIN


def health(connection: Connection, now: datetime | None = None) -> Health:
    now = now or timezone.now()
    limit = _limit(connection)
    days = math.ceil((limit - now) / timedelta(days=1)) if limit else None
    auto = can_auto_refresh(connection)
    if connection.status == Connection.Status.DISCONNECTED:
        message = problems.problem(connection.status_reason, connection.platform)
        return Health("off", message, None, None, False)
    if connection.status == Connection.Status.RECONNECT or (limit and limit <= now):
        reason = connection.status_reason or problems.TOKEN_LAPSED
        return Health("error", problems.problem(reason, connection.platform), limit, days, auto)
    if limit is None or days is None or limit - now > WARN_WITHIN:
        return Health("ok", _("Connected"), limit, days, auto)
    if auto:
        message = ngettext(
            "Expires in %(days)s day — Postloom will refresh it automatically.",
            "Expires in %(days)s days — Postloom will refresh it automatically.",
            days,
        )
    else:
        message = ngettext(
            "Expires in %(days)s day — reconnect to keep publishing.",
            "Expires in %(days)s days — reconnect to keep publishing.",
            days,
        )
    return Health("warning", message % {"days": days}, limit, days, auto)


def last_refresh_problem(connection: Connection) -> str:
    """Why the last automatic refresh failed, when it did and Postloom keeps trying."""
    code = connection.last_refresh_error
    if not code or code == refresh.NOT_EXTENDED or connection.status != Connection.Status.ACTIVE:
        return ""
    return problems.problem(code, connection.platform)


def instagram_connection(business: Business) -> Connection | None:
    """The business's Instagram account the analysis reads: a working one first."""
    found = (
        Connection.objects.filter(business=business, platform=Platform.INSTAGRAM)
        .exclude(status=Connection.Status.DISCONNECTED)
        .order_by("status", "-updated_at", "-id")  # "active" sorts before "reconnect"
    )
    return found.first()


def instagram_input(business: Business) -> InstagramInput | None:
    """The connected Instagram profile and recent captions for the brand analysis."""
    connection = instagram_connection(business)
    if connection is None or not connection.username:
        return None
    captions = [
        (media.caption, 0, 0) for media in connection.media.order_by("position") if media.caption
    ]
    return InstagramInput(
        username=connection.username,
        biography=connection.biography,
        website=connection.website,
        followers=connection.followers,
        recent_captions=captions,
    )


def grid_media(business: Business, limit: int = 9) -> list[ImportedMedia]:
    """The newest imported posts, newest first, for the 3-column grid preview."""
    connection = instagram_connection(business)
    if connection is None:
        return []
    return list(connection.media.order_by("position")[:limit])
