"""Whether Instagram and TikTok can fetch Postloom's media URLs from the internet.

Instagram creates every container by fetching our picture or video URL, and TikTok pulls photo
posts from one. If those URLs point at localhost or a private network, the network fails later
with a vague error; we say so up front, in words an operator can act on.

Which address matters: with local storage, ``settings.BASE_URL`` (the signed view lives there);
with S3, the storage's custom domain or endpoint (a MinIO on localhost is as unreachable), and
none for AWS itself. The check reads the host only (no DNS lookup: a name that resolves to a
private address on this machine may be public elsewhere, and tests stay offline); it uses the
same address classes as the safe HTTP client (web/addresses.py).

Sandbox connections publish to the local simulators, which fetch from this machine: no warning.
"""

from __future__ import annotations

from typing import Protocol
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _

from postloom.integrations.networks.base import Kind
from postloom.publishing.preflight_files import is_local_storage
from postloom.web.addresses import is_allowed_address, parse_ip_literal

# Names no public DNS answers for: special-use (RFC 6761, 6762, 8375) and common home or
# office suffixes.
LOCAL_SUFFIXES = (
    ".localhost", ".local", ".internal", ".lan", ".home", ".home.arpa", ".localdomain",
    ".intranet", ".corp", ".private", ".test", ".invalid", ".example",
)  # fmt: skip


class _Connection(Protocol):
    platform: str
    sandbox: bool


def media_base_url() -> str | None:
    """Where the networks fetch our media from; None when it is a public cloud's own host."""
    if is_local_storage():
        return str(settings.BASE_URL)
    domain = getattr(default_storage, "custom_domain", None)
    if domain:
        return f"https://{domain}"
    endpoint = getattr(default_storage, "endpoint_url", None)
    return str(endpoint) if endpoint else None


def host_problem(host: str) -> str | None:
    """Why ``host`` cannot be reached from the internet, or None when it may be."""
    host = host.strip("[]").rstrip(".").lower()
    address = parse_ip_literal(host)
    if address is not None:
        if address.is_loopback or address.is_unspecified:
            return "loopback"
        return None if is_allowed_address(address) else "private"
    if host == "localhost" or host.endswith(LOCAL_SUFFIXES):
        return "loopback" if host.endswith("localhost") else "local_name"
    if "." not in host:
        return "local_name"
    return None


def public_url_problem(base_url: str | None = None) -> str | None:
    """A warning for the publish screen and the publisher when the media URLs are not
    reachable from the internet; None when they may be."""
    url = base_url if base_url is not None else media_base_url()
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    reason = host_problem(host)
    if reason is None:
        return None
    setting = "POSTLOOM_BASE_URL" if is_local_storage() else "S3_ENDPOINT_URL"
    params = {"url": url, "setting": setting}
    if reason == "loopback":
        message = _(
            "Postloom's address %(url)s points at this computer, so Instagram and TikTok "
            "cannot fetch the post's pictures or video from it. Publishing will fail until "
            "%(setting)s is set to an address that can be reached from the internet."
        )
    elif reason == "private":
        message = _(
            "Postloom's address %(url)s is on a private network that Instagram and TikTok "
            "cannot reach. Publishing will fail until %(setting)s is set to an address that "
            "can be reached from the internet."
        )
    else:
        message = _(
            "Postloom's address %(url)s is a name only your own network knows, so Instagram "
            "and TikTok cannot fetch the post's media from it. Publishing will fail until "
            "%(setting)s is set to a public address."
        )
    return message % params


def public_url_note(base_url: str | None = None) -> str | None:
    """A remark, not a blocker: media served over plain http (Instagram fetches it; TikTok
    pulls photos only over https)."""
    url = base_url if base_url is not None else media_base_url()
    if not url or urlsplit(url).scheme != "http" or public_url_problem(url) is not None:
        return None
    return _(
        "Postloom's address uses plain http. Instagram can fetch media from it, but TikTok "
        "photo posts need an https address."
    )


def check_reachable_for(connection: _Connection, kind: Kind | None = None) -> str | None:
    """The warning that matters for publishing ``kind`` through ``connection``: none for a
    sandbox connection, none for TikTok videos (uploaded, never fetched), and for TikTok
    photos also the need for https."""
    if connection.sandbox:
        return None
    if connection.platform == "tiktok" and kind == Kind.TIKTOK_VIDEO:
        return None
    problem = public_url_problem()
    if problem is not None:
        return problem
    if connection.platform == "tiktok" and kind in (None, Kind.TIKTOK_PHOTO):
        url = media_base_url()
        if url and urlsplit(url).scheme == "http":
            return _(
                "TikTok fetches photos only over https, and Postloom's address %(url)s uses "
                "plain http. Set an https address before publishing photos to TikTok."
            ) % {"url": url}
    return None
