"""Every change to a connection goes through a function here.

Tokens are only ever written through the model's encrypting properties, and nothing here logs
more than ids and codes. Network calls happen outside transactions: a slow vendor must not
hold a database lock.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from postloom.accounts.models import User
from postloom.brands.models import Business
from postloom.connections import problems
from postloom.connections.models import Connection, DeletionRequest, ImportedMedia, Platform
from postloom.connections.oauth import FLOW_OF_VARIANT, is_sandbox
from postloom.integrations import networks
from postloom.integrations.networks.base import NetworkError, Profile, RecentMedia, TokenSet

log = logging.getLogger(__name__)

RECENT_MEDIA = 12  # enough for a 3-column grid preview and the brand analysis


@transaction.atomic
def save_connection(
    business: Business,
    *,
    by: User | None,
    variant: str,
    tokens: TokenSet,
    profile: Profile,
    page_id: str = "",
) -> Connection:
    """Create the connection, or update the row when the same account connects again."""
    flow = FLOW_OF_VARIANT[variant]
    account_id = profile.account_id or tokens.account_id
    connection, created = Connection.objects.select_for_update().get_or_create(
        business=business,
        platform=flow.platform,
        account_id=account_id,
        defaults={"variant": variant, "connected_by": by},
    )
    connection.variant = variant
    connection.page_id = page_id
    connection.remote_user_id = tokens.account_id or account_id
    _apply_profile(connection, profile)
    apply_tokens(connection, tokens, now=timezone.now())
    connection.sandbox = is_sandbox(flow)
    connection.status = Connection.Status.ACTIVE
    connection.status_reason = connection.last_refresh_error = ""
    connection.disconnected_at = None
    connection.connected_by = by
    connection.save()
    log.info(
        "connection %s %s (%s) for business %s",
        connection.pk,
        "created" if created else "reconnected",
        variant,
        business.pk,
    )
    return connection


def _apply_profile(connection: Connection, profile: Profile) -> None:
    connection.username = profile.username[:150]
    connection.display_name = profile.name[:150]
    connection.picture_url = profile.picture_url[:1000]
    connection.biography = profile.biography
    connection.website = profile.website[:500]
    connection.followers = profile.followers
    connection.media_count = profile.media_count


def apply_tokens(connection: Connection, tokens: TokenSet, *, now: datetime) -> None:
    connection.access_token = tokens.access_token
    # TikTok may answer a refresh without a new refresh token: keep the one that still works.
    if tokens.refresh_token:
        connection.refresh_token = tokens.refresh_token
        connection.refresh_expires_at = tokens.refresh_expires_at
    connection.token_issued_at = tokens.issued_at or now
    connection.token_expires_at = tokens.expires_at
    if tokens.scopes:
        connection.scopes = list(tokens.scopes)


def save_refreshed_tokens(
    connection: Connection, seen: tuple[str, str], fresh: TokenSet, *, now: datetime, note: str
) -> bool:
    """Store a refresh's tokens in one UPDATE, only if the row still holds the tokens we sent
    (``seen``, encrypted): with TikTok's rotation, a refresh that lost a race must not
    overwrite the newer pair. Returns whether it was stored."""
    apply_tokens(connection, fresh, now=now)
    stored = Connection.objects.filter(
        pk=connection.pk,
        access_token_encrypted=seen[0],
        refresh_token_encrypted=seen[1],
        status=Connection.Status.ACTIVE,
    ).update(
        access_token_encrypted=connection.access_token_encrypted,
        refresh_token_encrypted=connection.refresh_token_encrypted,
        token_issued_at=connection.token_issued_at,
        token_expires_at=connection.token_expires_at,
        refresh_expires_at=connection.refresh_expires_at,
        scopes=connection.scopes,
        last_refresh_at=now,
        last_refresh_error=note,
        updated_at=now,
    )
    connection.refresh_from_db()
    return bool(stored)


def record_refresh_failure(
    connection: Connection, seen: tuple[str, str], code: str, *, now: datetime
) -> bool:
    """Note a failed refresh, unless the tokens changed meanwhile (then it was not ours)."""
    noted = Connection.objects.filter(
        pk=connection.pk, access_token_encrypted=seen[0], refresh_token_encrypted=seen[1]
    ).update(last_refresh_error=code[:40], updated_at=now)
    connection.refresh_from_db()
    return bool(noted)


def import_recent_media(connection: Connection) -> int | None:
    """Read the account's recent posts (Instagram) for the brand analysis and grid preview.

    Best effort: a failure (None) leaves what was imported before and is logged by code."""
    client = networks.get_client(connection.platform)
    try:
        items = client.recent_media(connection.account(), limit=RECENT_MEDIA)
    except NetworkError as exc:
        log.warning("media import for connection %s failed: %s", connection.pk, exc.code)
        return None
    with transaction.atomic():
        connection.media.all().delete()
        ImportedMedia.objects.bulk_create(
            [_media_row(connection, item, position) for position, item in enumerate(items)]
        )
        connection.imported_at = timezone.now()
        connection.save(update_fields=["imported_at", "updated_at"])
    return len(items)


def _media_row(connection: Connection, item: RecentMedia, position: int) -> ImportedMedia:
    posted_at = None
    if item.timestamp:
        try:
            # Graph writes "+0000"; fromisoformat reads it since Python 3.11.
            posted_at = datetime.fromisoformat(item.timestamp)
        except ValueError:
            posted_at = None
    return ImportedMedia(
        connection=connection,
        media_id=item.media_id[:64],
        media_type=item.media_type[:20],
        caption=item.caption,
        media_url=item.media_url[:2000],
        thumbnail_url=item.thumbnail_url[:2000],
        permalink=item.permalink[:1000],
        posted_at=posted_at,
        position=position,
    )


def mark_for_reconnect(connection: Connection, code: str) -> None:
    """The network no longer accepts the token (refresh or publish said so)."""
    Connection.objects.filter(pk=connection.pk).exclude(
        status=Connection.Status.DISCONNECTED
    ).update(status=Connection.Status.RECONNECT, status_reason=code[:40], updated_at=timezone.now())
    connection.refresh_from_db()
    log.info("connection %s needs reconnecting: %s", connection.pk, code)


def _erase_tokens(connection: Connection, reason: str, now: datetime) -> None:
    connection.access_token_encrypted = connection.refresh_token_encrypted = ""
    connection.token_expires_at = connection.refresh_expires_at = None
    connection.status = Connection.Status.DISCONNECTED
    connection.status_reason = reason
    connection.disconnected_at = now
    connection.save()
    connection.media.all().delete()


def disconnect(connection: Connection, *, reason: str = problems.DISCONNECTED_BY_USER) -> bool:
    """Withdraw the tokens at the network where it offers that, then delete them here, with the
    imported posts. The row stays (as disconnected) so past publications keep their account,
    and scheduled ones fail with a clear reason. Returns whether the network confirmed."""
    revoked = True
    if connection.access_token_encrypted:
        try:
            networks.get_client(connection.platform).revoke(connection.account())
        except NetworkError as exc:
            revoked = False
            log.warning("revoking connection %s failed: %s", connection.pk, exc.code)
    with transaction.atomic():
        locked = Connection.objects.select_for_update().get(pk=connection.pk)
        _erase_tokens(locked, reason, timezone.now())
    connection.refresh_from_db()
    log.info("connection %s disconnected (%s)", connection.pk, reason)
    return revoked


# --- Meta's callbacks ---------------------------------------------------------------------

META_APPS = {"instagram": "instagram_login", "facebook": "facebook_login"}


def _meta_connections(app: str, user_id: str) -> list[Connection]:
    return list(
        Connection.objects.select_for_update().filter(
            Q(remote_user_id=user_id) | Q(account_id=user_id),
            platform=Platform.INSTAGRAM,
            variant=META_APPS[app],
        )
    )


@transaction.atomic
def deauthorize_meta_user(app: str, user_id: str) -> int:
    """The person removed our app at Meta: their tokens are dead; delete them."""
    now = timezone.now()
    found = _meta_connections(app, user_id)
    for connection in found:
        _erase_tokens(connection, problems.DEAUTHORIZED, now)
    log.info("meta deauthorize (%s): %s connection(s) disconnected", app, len(found))
    return len(found)


def _user_hash(app: str, user_id: str) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"{app}:{user_id}".encode(), hashlib.sha256).hexdigest()


@transaction.atomic
def delete_meta_user_data(app: str, user_id: str) -> DeletionRequest:
    """Meta forwards a person's request to delete what we hold from them: the tokens, the
    imported posts and profile. Done at once; the request row backs the public status page."""
    now = timezone.now()
    request = DeletionRequest.objects.create(
        code=secrets.token_hex(10), app=app, user_hash=_user_hash(app, user_id)
    )
    found = _meta_connections(app, user_id)
    for connection in found:
        _scrub_profile(connection)
        _erase_tokens(connection, problems.DATA_DELETED, now)
    request.status = DeletionRequest.Status.COMPLETED
    request.erased = len(found)
    request.completed_at = timezone.now()
    request.save()
    log.info("meta data deletion %s (%s): %s connection(s) erased", request.pk, app, len(found))
    return request


def _scrub_profile(connection: Connection) -> None:
    connection.username = connection.display_name = connection.picture_url = ""
    connection.biography = connection.website = ""
    connection.followers = connection.media_count = None
    connection.remote_user_id = ""
    connection.scopes = []
    # The account id is theirs too; a placeholder keeps the row unique for past publications.
    connection.account_id = f"deleted-{connection.pk}"
