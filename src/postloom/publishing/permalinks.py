"""The public link of a published post.

TikTok's status gives the post id of a public post; its link is made here from the account's
@username (the client leaves ``permalink`` empty). Instagram's ``media_publish`` answers with
the media id only and the link takes a read of its own: it is read after publishing, off the
publishing path, by ``fill_missing`` (run by the periodic dispatcher), a few rows at a time,
each one a call recorded like every other.
"""

from __future__ import annotations

import logging
import re
import time
from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone

from postloom.connections.models import Connection
from postloom.integrations.networks import get_client
from postloom.integrations.networks.base import Account, NetworkError, RemoteState
from postloom.publishing.models import Publication, PublicationAttempt
from postloom.studio.models import Format

log = logging.getLogger(__name__)
Step = PublicationAttempt.Step
Outcome = PublicationAttempt.Outcome
# TikTok usernames: letters, digits, "_" and "." (a display name with spaces is not one).
_TIKTOK_USERNAME = re.compile(r"[A-Za-z0-9_.]{1,64}")
LOOK_BACK = timedelta(days=2)  # an older post without a link is left without one
MAX_READS = 3  # link reads per post before giving up


def tiktok_link(username: str, post_id: str, kind: str) -> str:
    """https://www.tiktok.com/@<username>/video/<id> (``/photo/`` for a photo post); "" when
    the username is not a TikTok @handle or the post has no public id."""
    handle = username.removeprefix("@")
    if not post_id.isdigit() or not _TIKTOK_USERNAME.fullmatch(handle):
        return ""
    path = "photo" if kind == Format.TIKTOK_PHOTO else "video"
    return f"https://www.tiktok.com/@{handle}/{path}/{post_id}"


def with_link(publication: Publication, state: RemoteState) -> RemoteState:
    """The state to record for a publish, with the link made where the network gives none."""
    if state.permalink or publication.platform != "tiktok" or not state.media_id:
        return state
    connection = publication.connection
    username = connection.username if connection is not None else ""
    link = tiktok_link(username, state.media_id, _tiktok_kind(publication))
    if not link:
        return state
    return RemoteState(state.status, state.media_id, link, state.error, state.detail)


def _tiktok_kind(publication: Publication) -> str:
    """What TikTok published: photos for picture posts, a video for video posts."""
    if publication.kind in (Format.TIKTOK_PHOTO, Format.FEED_IMAGE, Format.CAROUSEL):
        return Format.TIKTOK_PHOTO
    return Format.TIKTOK_VIDEO


def missing() -> Q:
    """Published rows whose link is still to be read."""
    return Q(
        status=Publication.Status.PUBLISHED,
        platform="instagram",
        permalink="",
        published_at__gte=timezone.now() - LOOK_BACK,
    ) & ~Q(media_id="")


def fill_missing(limit: int = 20) -> int:
    """Read the links of up to ``limit`` recent posts that have none; how many were found."""
    reads = Count("calls", filter=Q(calls__step=Step.LINK))
    rows = (
        Publication.objects.filter(missing(), connection__status=Connection.Status.ACTIVE)
        .annotate(reads=reads)
        .filter(reads__lt=MAX_READS)
        .select_related("connection")
        .order_by("-published_at")[:limit]
    )
    return sum(_fill(row) for row in rows)


def _fill(publication: Publication) -> bool:
    connection = publication.connection
    assert connection is not None
    account = Account(
        platform=connection.platform,
        account_id=connection.account_id,
        access_token=connection.access_token,
        variant=connection.variant,
        page_id=connection.page_id,
    )
    started_at, started = timezone.now(), time.monotonic()
    try:
        link = get_client(publication.platform).permalink(account, publication.media_id)
        error = "" if link else "no_link"
    except NetworkError as exc:
        link, error = "", exc.code.value
    PublicationAttempt.objects.create(
        publication=publication,
        step=Step.LINK,
        worker="permalinks",
        started_at=started_at,
        finished_at=timezone.now(),
        outcome=Outcome.OK if link else Outcome.ERROR,
        error_code=error,
        duration_ms=int((time.monotonic() - started) * 1000),
    )
    if not link:
        return False
    rows = Publication.objects.filter(pk=publication.pk, permalink="")
    return bool(rows.update(permalink=link[:500], updated_at=timezone.now()))
