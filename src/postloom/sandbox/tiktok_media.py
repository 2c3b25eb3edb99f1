"""What the TikTok simulator checks about media: URL ownership, photo and video bytes.

TikTok pulls PULL_FROM_URL media only from a verified domain or URL prefix, over https and
without following redirects; photos must be JPEG or WebP, at most 1080p and 20 MB; videos
must be MP4/MOV/WebM (the simulator checks the MP4 ``ftyp`` box and reads the duration from
``mvhd`` when it can).
"""

from __future__ import annotations

import functools
import io
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import SplitResult, urlsplit

from PIL import Image, UnidentifiedImageError

from postloom.sandbox.mp4 import duration as mp4_duration

PHOTO_MAX_BYTES = 20 * 1000 * 1000
PHOTO_MAX_LONG_SIDE = 1920  # "1080p": 1920 × 1080 in either orientation
PHOTO_MAX_SHORT_SIDE = 1080
VIDEO_PULL_MAX_BYTES = 512 * 1024 * 1024  # the simulator's own cap; TikTok allows 4 GB


@dataclass(frozen=True)
class Fetched:
    data: bytes = b""
    fail_reason: str = ""  # a status/fetch fail_reason, "" when the bytes came


def is_verified(url: str, verified: list[str]) -> bool:
    """Whether ``url`` is under one of the verified entries.

    An entry is either a domain (``media.example.com``: itself and its subdomains, https
    only) or a URL prefix (``https://cdn.example.com/posts/``: same scheme, host and port,
    path starting with the prefix's). ``http://127.0.0.1`` style prefixes are the local
    opt-in for tests and the sandbox.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return False
    return any(_matches(parts, entry) for entry in verified)


def _matches(url: SplitResult, entry: str) -> bool:
    host = (url.hostname or "").lower()
    if "://" not in entry:  # a verified domain covers its subdomains, never its parent
        domain = entry.lower().strip(".")
        return url.scheme == "https" and (host == domain or host.endswith("." + domain))
    prefix = urlsplit(entry)
    if prefix.scheme != url.scheme or (prefix.hostname or "").lower() != host:
        return False
    if prefix.port is not None and prefix.port != url.port:
        return False
    return url.path.startswith(prefix.path or "/")


def fetch(url: str, max_bytes: int, timeout: float, fail_reason: str) -> Fetched:
    """GET the URL without following redirects; any failure gives ``fail_reason``."""
    try:
        with _opener().open(url, timeout=timeout) as response:  # noqa: S310  (verified above)
            if response.status != 200:
                return Fetched(fail_reason=fail_reason)
            data = response.read(max_bytes + 1)
    except (urllib.error.URLError, OSError, ValueError):
        return Fetched(fail_reason=fail_reason)
    if len(data) > max_bytes:
        return Fetched(fail_reason="picture_size_check_failed" if fail_reason ==
                       "photo_pull_failed" else "file_format_check_failed")  # fmt: skip
    return Fetched(data=data)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None  # a 3xx is an invalid media URL for TikTok


@functools.cache
def _opener() -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(_NoRedirect)  # once: building one loads the CA bundle


def photo_problem(data: bytes) -> str:
    """The fail_reason for a fetched photo, or "" when TikTok would take it."""
    is_jpeg = data[:3] == b"\xff\xd8\xff"
    is_webp = data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    if not (is_jpeg or is_webp):
        return "file_format_check_failed"
    try:
        width, height = Image.open(io.BytesIO(data)).size
    except (UnidentifiedImageError, OSError, ValueError):
        return "file_format_check_failed"
    if max(width, height) > PHOTO_MAX_LONG_SIDE or min(width, height) > PHOTO_MAX_SHORT_SIDE:
        return "picture_size_check_failed"
    return ""


def video_problem(data: bytes, max_duration_sec: int) -> str:
    """The fail_reason for uploaded video bytes, or "" when TikTok would take them."""
    if data[4:8] != b"ftyp":
        return "file_format_check_failed"
    duration = mp4_duration(data)
    if duration is not None and duration > max_duration_sec:
        return "duration_check_failed"
    return ""
