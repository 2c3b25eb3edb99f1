"""What the Instagram simulator remembers: accounts, Pages, codes, tokens, containers, media,
and every publication (so tests and the benchmark can count duplicates).

Times are seconds on the simulator's fake clock (``clock.Clock``), which tests move forward to
expire tokens and containers without waiting.
"""

from __future__ import annotations

import itertools
import secrets
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

Json = dict[str, Any]

INSTAGRAM_LOGIN = "instagram_login"
FACEBOOK_LOGIN = "facebook_login"

# The accounts every simulator starts with, so `postloom sandbox` works out of the box.
SANDBOX_IG_ID = "17841400000000001"  # Instagram Login: @sandbox.shop
SANDBOX_FB_USER_ID = "10000000000000001"  # Facebook Login: the person who consents
SANDBOX_PAGE_ID = "100000000000001"  # "Sandbox Page", linked to @sandbox.page.shop
SANDBOX_PAGE_IG_ID = "17841400000000002"
SANDBOX_UNLINKED_PAGE_ID = "100000000000002"  # a Page with no Instagram account


def iso(moment: float) -> str:
    """Graph's timestamp format: ISO 8601, UTC, ``+0000``."""
    return datetime.fromtimestamp(moment, UTC).strftime("%Y-%m-%dT%H:%M:%S+0000")


def absolute(url: str, origin: str) -> str:
    """Seeded media live on the simulator itself (``/_sim/media/...``)."""
    return origin + url if url.startswith("/") else url


@dataclass
class Media:
    media_id: str
    ig_id: str
    media_type: str  # IMAGE | VIDEO | CAROUSEL_ALBUM
    product_type: str  # FEED | REELS | STORY
    caption: str
    media_url: str
    shortcode: str
    timestamp: float
    thumbnail_url: str = ""
    like_count: int = 0
    comments_count: int = 0
    children: list[str] = field(default_factory=list)
    is_child: bool = False

    def as_graph(self, origin: str) -> Json:
        body: Json = {
            "id": self.media_id,
            "caption": self.caption,
            "media_type": self.media_type,
            "media_product_type": self.product_type,
            "media_url": absolute(self.media_url, origin),
            "thumbnail_url": absolute(self.thumbnail_url, origin) or None,
            "shortcode": self.shortcode,
            "timestamp": iso(self.timestamp),
            "like_count": self.like_count,
            "comments_count": self.comments_count,
            "username": None,
        }
        if not self.is_child:  # album children have no permalink
            body["permalink"] = f"{origin}/p/{self.shortcode}/"
        return body


@dataclass
class IGUser:
    ig_id: str
    username: str
    name: str
    variant: str  # which login reaches it: instagram_login | facebook_login
    biography: str = ""
    website: str = ""
    followers_count: int = 1200
    follows_count: int = 180
    account_type: str = "BUSINESS"
    app_scoped_id: str = ""
    media: list[str] = field(default_factory=list)  # media ids, oldest first
    publish_times: list[float] = field(default_factory=list)

    def as_graph(self, origin: str) -> Json:
        return {
            "id": self.ig_id,
            "user_id": self.ig_id,
            "username": self.username,
            "name": self.name,
            "account_type": self.account_type,
            "biography": self.biography,
            "website": self.website,
            "followers_count": self.followers_count,
            "follows_count": self.follows_count,
            "media_count": len(self.media),
            "profile_picture_url": f"{origin}/_sim/media/avatar-{self.ig_id}.jpg",
        }


@dataclass
class Page:
    page_id: str
    name: str
    ig_id: str = ""  # the linked Instagram professional account, if any
    category: str = "Shopping & retail"
    access_token: str = ""


@dataclass
class FBUser:
    user_id: str
    name: str
    pages: list[str] = field(default_factory=list)


@dataclass
class Grant:
    """An authorization code: who consented, for which app, scopes and redirect URI."""

    variant: str
    subject: str  # IG user id (Instagram Login) or FB user id (Facebook Login)
    client_id: str
    redirect_uri: str
    scopes: list[str]
    expires_at: float


@dataclass
class Token:
    token: str
    variant: str
    subject: str  # IG user id or FB user id
    kind: str  # short | long | page
    scopes: list[str]
    issued_at: float
    expires_at: float | None
    revoked: bool = False


@dataclass
class Container:
    container_id: str
    ig_id: str
    kind: str  # IMAGE | VIDEO | REELS | STORY_IMAGE | STORY_VIDEO | CAROUSEL
    created_at: float
    caption: str = ""
    media_url: str = ""
    cover_url: str = ""
    alt_text: str = ""
    share_to_feed: bool = True
    is_carousel_item: bool = False
    children: list[str] = field(default_factory=list)
    polls_left: int = 0  # -1: never finishes
    error: tuple[int, str] | None = None  # (subcode, text) once processing failed
    media_id: str = ""  # set when published

    def status(self, now: float, ttl: float) -> str:
        if self.media_id:
            return "PUBLISHED"
        if self.error:
            return "ERROR"
        if now - self.created_at > ttl:
            return "EXPIRED"
        if self.polls_left != 0:
            return "IN_PROGRESS"
        return "FINISHED"


@dataclass(frozen=True)
class Published:
    """One media_publish that took effect: what the benchmark counts."""

    ig_id: str
    container_id: str
    media_id: str
    caption: str
    kind: str
    media_urls: tuple[str, ...]
    published_at: str

    def as_json(self) -> Json:
        body = asdict(self)
        body["media_urls"] = list(self.media_urls)
        return body


@dataclass
class ForcedError:
    """``code``/``subcode`` answered on the next ``times`` calls of ``endpoint`` ("*": any);
    ``after``: the call takes effect first and only its answer is replaced (a lost answer)."""

    endpoint: str
    code: int
    subcode: int | None = None
    times: int = 1
    status: int = 400
    message: str = "Forced by the sandbox"
    transient: bool = False
    after: bool = False


class Ids:
    """Graph ids are long decimal strings; one counter keeps them unique across kinds."""

    def __init__(self) -> None:
        self._counter = itertools.count(17_900_000_000_000_001)

    def next(self) -> str:
        return str(next(self._counter))


def new_token(variant: str) -> str:
    # Real Instagram Login tokens start with "IG", Facebook ones with "EAA".
    prefix = "IGAA" if variant == INSTAGRAM_LOGIN else "EAAS"
    return prefix + "Sandbox" + secrets.token_urlsafe(32)


def new_shortcode() -> str:
    return "SBX" + secrets.token_urlsafe(8).replace("-", "x").replace("_", "y")


# Status reads a new container stays IN_PROGRESS for, by kind (images are ready at once).
DEFAULT_POLLS = {
    "IMAGE": 0,
    "STORY_IMAGE": 0,
    "VIDEO": 1,
    "STORY_VIDEO": 1,
    "REELS": 2,
    "CAROUSEL": 0,
}


@dataclass(frozen=True)
class RecordedRequest:
    """One API call as the simulator saw it (tokens are not kept)."""

    method: str
    path: str
    endpoint: str
    version: str  # the Graph version in the path ("" when none)
    token_in_url: bool
    status: int = 0
