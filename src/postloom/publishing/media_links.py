"""Signed, expiring public addresses of stored files, for the networks to fetch.

Instagram fetches every picture and video from a URL at container creation, and TikTok pulls
photos from one; neither sends a cookie. So each file gets its own address that works without
a session, for that one file only, until it expires:

- local storage: ``BASE_URL/public-media/<token>/<file name>`` (not under MEDIA_URL, which a
  proxy may serve from disk); the token is ``django.core.signing`` over the stored name and
  the expiry time (salted for this use only, so no other signed value of Postloom opens a
  file). The view (media_views.py) serves exactly
  the signed name, with byte ranges.
- S3: the storage's presigned URL (django-storages, ``querystring_auth``), valid as long.

Expiry: 24 hours by default, Instagram's container lifetime; a publication asks for fresh
URLs on every attempt (pre-flight runs again), so a retry never carries a dead one.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.conf import settings
from django.core import signing
from django.core.files.storage import default_storage
from django.urls import reverse

from postloom.publishing.preflight_files import is_local_storage

SALT = "postloom.publishing.public-media"
DEFAULT_EXPIRY = 24 * 3600


MEDIA_URLCONF = "postloom.publishing.media_urls"


def _now() -> float:
    return time.time()


def is_safe_name(name: str) -> bool:
    """A relative storage name with no way out of the storage root."""
    if not name or "\\" in name or "\x00" in name or ":" in name:
        return False
    return all(part not in ("", ".", "..") for part in name.split("/"))


def media_url(file_name: str, *, expires_in: int = DEFAULT_EXPIRY) -> str:
    """A public URL for the stored file ``file_name`` that stops working after ``expires_in``
    seconds."""
    if not is_safe_name(file_name):
        raise ValueError("not a storage name that may be published")
    if expires_in <= 0:
        raise ValueError("expires_in must be positive")
    if not is_local_storage():
        # django-storages' S3 storage presigns for ``expire`` seconds (querystring_auth).
        return str(default_storage.url(file_name, expire=expires_in))  # type: ignore[call-arg]
    token = sign(file_name, int(_now()) + expires_in)
    # Reversed in the media URLconf alone (included at the root of the site's): a worker need
    # not import every view of the site to sign a link.
    path = reverse("public_media", MEDIA_URLCONF, args=[token, PurePosixPath(file_name).name])
    return f"{settings.BASE_URL}{path}"


def sign(file_name: str, expires_at: int) -> str:
    return signing.dumps({"n": file_name, "x": expires_at}, salt=SALT)


@dataclass(frozen=True)
class Opened:
    """What a token says, once its signature holds."""

    name: str
    expires_at: int

    @property
    def expired(self) -> bool:
        return _now() > self.expires_at

    @property
    def seconds_left(self) -> int:
        return max(0, int(self.expires_at - _now()))


def read_token(token: str) -> Opened | None:
    """The signed name and expiry, or None for a token that was not made by ``sign``."""
    try:
        payload = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict):
        return None
    name, expires_at = payload.get("n"), payload.get("x")
    if not isinstance(name, str) or not isinstance(expires_at, int) or not is_safe_name(name):
        return None
    return Opened(name, expires_at)
