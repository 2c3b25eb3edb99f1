"""What every social network client (Instagram, TikTok) offers the publishing domain.

The publishing app drives a publication one step at a time so that it can record each remote
id *before* the next call and, after a crash or a timeout, ask the network what happened
instead of posting twice:

    remote_id = client.start(account, request)      # container / publish id, recorded at once
    state = client.check(account, remote_id)        # poll until READY / PUBLISHED / FAILED
    result = client.finish(account, remote_id)      # Instagram media_publish; TikTok: a no-op
                                                    # that returns the published state

Clients know nothing of Django rows: they take an ``Account`` (decrypted tokens and ids) and
typed requests, and raise ``NetworkError`` with one of the codes below.
"""

from __future__ import annotations

import abc
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any


class ErrorCode(StrEnum):
    """Our codes for what went wrong; the domain turns them into a shop owner's words."""

    TOKEN_EXPIRED = "token_expired"  # noqa: S105  (a code, not a secret): reconnect needed
    PERMISSION = "permission"  # a scope or page role is missing: reconnect and grant it
    RATE_LIMITED = "rate_limited"  # throttled: retry after ``retry_after``
    QUOTA_REACHED = "quota_reached"  # the account's daily publishing limit
    MEDIA_REJECTED = "media_rejected"  # the network refused the media (format, size, ratio)
    MEDIA_UNREACHABLE = "media_unreachable"  # the network could not fetch our media URL
    CAPTION_REJECTED = "caption_rejected"  # too long, too many hashtags/mentions
    NOT_READY = "not_ready"  # container still processing
    CONTAINER_EXPIRED = "container_expired"  # start again with a new container
    CANT_POST_NOW = "cant_post_now"  # TikTok spam-risk / creator cap: try later
    ACCOUNT_RESTRICTED = "account_restricted"  # the account is blocked, banned or restricted
    INVALID_REQUEST = "invalid_request"  # our request was wrong (a bug or bad settings)
    SERVER = "server"  # 5xx or the vendor's "unknown" error: retry
    TIMEOUT = "timeout"  # no answer in time: the outcome is unknown, check before retrying
    UNREACHABLE = "unreachable"  # could not connect at all
    OAUTH = "oauth"  # an OAuth step failed (bad code, bad client, user denied)


class NetworkError(Exception):
    """A network call failed. ``permanent`` errors are not retried; ``reconnect`` ones mean the
    connection must be authorised again. ``vendor_code`` keeps the vendor's own code (e.g.
    ``"9/2207042"`` or ``"spam_risk_too_many_posts"``) for operators; ``message`` never holds a
    token or a vendor's free text that could."""

    def __init__(
        self,
        code: ErrorCode,
        message: str = "",
        *,
        permanent: bool,
        reconnect: bool = False,
        vendor_code: str = "",
        retry_after: float | None = None,
        http_status: int | None = None,
    ) -> None:
        super().__init__(message or code.value)
        self.code = code
        self.message = message or code.value
        self.permanent = permanent
        self.reconnect = reconnect
        self.vendor_code = vendor_code
        self.retry_after = retry_after
        self.http_status = http_status


@dataclass(frozen=True)
class TokenSet:
    """What an OAuth exchange or refresh returns. Times are aware UTC datetimes or None."""

    access_token: str = field(repr=False)  # tokens never in reprs, assertion output or logs
    expires_at: datetime | None = None
    refresh_token: str = field(default="", repr=False)
    refresh_expires_at: datetime | None = None
    scopes: tuple[str, ...] = ()
    account_id: str = ""  # IG user id / TikTok open_id
    issued_at: datetime | None = None


@dataclass(frozen=True)
class Account:
    """A connected account as a client needs it: ids and the current (decrypted) tokens."""

    platform: str  # "instagram" | "tiktok"
    account_id: str  # IG professional account id / TikTok open_id
    access_token: str = field(repr=False)
    variant: str = ""  # Instagram: "instagram_login" | "facebook_login"
    page_id: str = ""  # Facebook Login: the Page the IG account is linked to


@dataclass(frozen=True)
class Profile:
    account_id: str
    username: str
    name: str = ""
    picture_url: str = ""
    biography: str = ""
    website: str = ""
    followers: int | None = None
    media_count: int | None = None


@dataclass(frozen=True)
class RecentMedia:
    media_id: str
    media_type: str  # IMAGE | VIDEO | CAROUSEL_ALBUM
    caption: str = ""
    media_url: str = ""
    thumbnail_url: str = ""
    permalink: str = ""
    timestamp: str = ""


@dataclass(frozen=True)
class FacebookPage:
    """Facebook Login: a Page the person manages, and its linked IG account (if any)."""

    page_id: str
    name: str
    instagram_account_id: str = ""


@dataclass(frozen=True)
class CreatorInfo:
    """TikTok creator_info, asked before every post and when showing the posting screen."""

    nickname: str
    username: str
    avatar_url: str
    privacy_level_options: tuple[str, ...]
    comment_disabled: bool
    duet_disabled: bool
    stitch_disabled: bool
    max_video_post_duration_sec: int


@dataclass(frozen=True)
class MediaItem:
    """One file to publish: a public (signed, expiring) URL and, for uploads, a local path."""

    kind: str  # "image" | "video"
    url: str
    path: str = ""  # local file, for TikTok FILE_UPLOAD
    size: int = 0
    width: int = 0
    height: int = 0
    duration: float = 0.0
    mime: str = ""


@dataclass(frozen=True)
class TikTokOptions:
    """The choices TikTok's audit requires the person to make on the posting screen."""

    privacy_level: str  # one of CreatorInfo.privacy_level_options, chosen, never defaulted
    allow_comment: bool = False
    allow_duet: bool = False
    allow_stitch: bool = False
    commercial: bool = False
    your_brand: bool = False  # brand_organic_toggle
    branded_content: bool = False  # brand_content_toggle
    is_aigc: bool = True  # Postloom's media are generated


class Kind(StrEnum):
    FEED_IMAGE = "feed_image"
    CAROUSEL = "carousel"
    STORY = "story"
    REEL = "reel"
    TIKTOK_VIDEO = "tiktok_video"
    TIKTOK_PHOTO = "tiktok_photo"


@dataclass(frozen=True)
class PublishRequest:
    kind: Kind
    items: tuple[MediaItem, ...]
    caption: str = ""
    alt_text: str = ""
    cover: MediaItem | None = None  # reels: cover_url; TikTok photo: cover index 0
    share_to_feed: bool = True
    title: str = ""  # TikTok photo title (≤ 90)
    tiktok: TikTokOptions | None = None


class RemoteStatus(StrEnum):
    IN_PROGRESS = "in_progress"  # container processing / TikTok PROCESSING_*
    READY = "ready"  # container FINISHED: call finish()
    PUBLISHED = "published"
    FAILED = "failed"
    EXPIRED = "expired"  # container expired: start again


@dataclass(frozen=True)
class RemoteState:
    status: RemoteStatus
    media_id: str = ""
    permalink: str = ""
    error: NetworkError | None = None
    detail: dict[str, Any] = field(default_factory=dict)


class NetworkClient(abc.ABC):
    """One per network. Base URLs come from settings so tests reach the local simulators."""

    platform: str

    # --- OAuth ---------------------------------------------------------------------------
    @abc.abstractmethod
    def authorize_url(self, *, state: str, redirect_uri: str, variant: str = "") -> str: ...

    @abc.abstractmethod
    def exchange_code(self, *, code: str, redirect_uri: str, variant: str = "") -> TokenSet:
        """Code → the longest-lived token the network gives (IG: 60-day token)."""

    @abc.abstractmethod
    def refresh(self, account: Account, tokens: TokenSet) -> TokenSet: ...

    @abc.abstractmethod
    def profile(self, account: Account) -> Profile: ...

    # --- Publishing ----------------------------------------------------------------------
    # Whether ``start`` calls ``on_remote_id`` (see there). Callers pass it only where this is
    # True, so a client written before it existed keeps working unchanged.
    reports_remote_id: bool = False

    @abc.abstractmethod
    def start(
        self,
        account: Account,
        request: PublishRequest,
        *,
        on_remote_id: Callable[[str], None] | None = None,
    ) -> str:
        """Create the remote object (container / publish id) and return its id.

        ``on_remote_id`` (where ``reports_remote_id``) is called with the id as soon as the
        network gives it, before anything more is sent for it (a TikTok upload's bytes):
        the caller records it there, so that a start that stops half-way leaves an id that
        ``check_started`` can ask about. Whatever it raises ends the start unsent.
        """

    @abc.abstractmethod
    def check(self, account: Account, remote_id: str) -> RemoteState: ...

    @abc.abstractmethod
    def finish(self, account: Account, remote_id: str) -> RemoteState:
        """Publish a READY container (Instagram) or return the current state (TikTok)."""

    def start_timeout_is_safe(self, request: PublishRequest) -> bool:
        """Whether a ``start`` that timed out can simply be tried again.

        True where an unrecorded remote object can never go live by itself (an Instagram
        container needs media_publish; a TikTok FILE_UPLOAD needs our bytes). False where the
        network may publish on its own (TikTok PULL_FROM_URL photos): then the outcome is
        unknown and the person must be told instead of posting twice.
        """
        return True

    def check_started(
        self, account: Account, remote_id: str, request: PublishRequest
    ) -> RemoteState:
        """After a start that never ended (its worker stopped, or its answer was lost) but
        whose remote id was reported: what became of it. ``EXPIRED`` means nothing can go
        live from it (a TikTok upload that never got all its bytes): start again; anything
        else is followed as ``check`` would be."""
        return self.check(account, remote_id)

    def ready_on_start(self, request: PublishRequest) -> bool:
        """Whether the remote object is normally ready as soon as ``start`` returns, so that
        ``finish`` may follow at once without a status read (Instagram pictures, §1.3); a
        "not ready" answer from ``finish`` is then waited for like a status read."""
        return False

    # --- Optional, per network (the defaults say "not offered") ------------------------
    def permalink(self, account: Account, media_id: str) -> str:
        """The public link of a published post, where it takes a read of its own (Instagram's
        media_publish answers with the media id only); "" when unknown."""
        return ""

    def publishing_quota(self, account: Account) -> tuple[int, int] | None:
        """(used, total) in the network's moving window, or None where there is none."""
        return None

    def recent_media(self, account: Account, limit: int = 12) -> list[RecentMedia]:
        return []

    def pages(self, tokens: TokenSet) -> list[FacebookPage]:
        """Facebook Login: the Pages the person manages, with their linked IG accounts."""
        return []

    def creator_info(self, account: Account) -> CreatorInfo | None:
        """TikTok: asked before every post and when drawing the posting screen."""
        return None

    def revoke(self, account: Account) -> None:
        """Withdraw the tokens at the network where it offers that (TikTok)."""
        return None

    def find_published(self, account: Account, remote_id: str, caption: str) -> RemoteState:
        """After a lost answer to a publish call: what the network shows for this object."""
        return self.check(account, remote_id)
