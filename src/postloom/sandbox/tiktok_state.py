"""The TikTok simulator's state: creators, the fake clock, tokens, limits, caps and publishes.

Plain data and small stores with no locking of their own: ``TikTokSim`` holds one lock and
calls these under it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import secrets
import threading
from collections import deque
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

Json = dict[str, Any]

DAY = 24 * 3600
MINUTE = 60

PUBLIC_OPTIONS = ("PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS", "SELF_ONLY")
PRIVATE_OPTIONS = ("FOLLOWER_OF_CREATOR", "MUTUAL_FOLLOW_FRIENDS", "SELF_ONLY")
PRIVACY_LEVELS = frozenset(PUBLIC_OPTIONS + PRIVATE_OPTIONS)
SCOPES = frozenset({"user.info.basic", "user.info.profile", "video.publish", "video.upload"})

# Status values of /v2/post/publish/status/fetch/.
PROCESSING_UPLOAD = "PROCESSING_UPLOAD"
PROCESSING_DOWNLOAD = "PROCESSING_DOWNLOAD"
PUBLISH_COMPLETE = "PUBLISH_COMPLETE"
SEND_TO_USER_INBOX = "SEND_TO_USER_INBOX"
FAILED = "FAILED"
FINAL = frozenset({PUBLISH_COMPLETE, SEND_TO_USER_INBOX, FAILED})

AVATAR_PREFIX = "/avatars/"  # the simulator's own profile pictures: /avatars/<open_id>.png


@dataclass
class Creator:
    """A TikTok account that can consent and post; ``private`` picks the privacy options."""

    open_id: str
    display_name: str
    username: str
    union_id: str = ""
    avatar_url: str = ""  # "" = the picture the simulator draws itself (see avatar())
    private: bool = False
    comment_disabled: bool = False
    duet_disabled: bool = False
    stitch_disabled: bool = False
    max_video_post_duration_sec: int = 600
    can_post: bool = True
    cant_post_reason: str = "spam_risk_user_banned_from_posting"

    def avatar(self, origin: str) -> str:
        """The profile picture's URL; the simulator's own one lives on the simulator, so it is
        built from the origin the client used (as the Instagram simulator does)."""
        return self.avatar_url or f"{origin}{AVATAR_PREFIX}{self.open_id}.png"

    @property
    def privacy_level_options(self) -> tuple[str, ...]:
        return PRIVATE_OPTIONS if self.private else PUBLIC_OPTIONS

    def to_json(self) -> Json:
        return {**dataclasses.asdict(self), "privacy_level_options": self.privacy_level_options}

    @classmethod
    def from_json(cls, data: Json) -> Creator:
        names = {f.name for f in dataclasses.fields(cls)}
        unknown = set(data) - names - {"privacy_level_options"}
        if unknown:
            raise ValueError(f"unknown creator fields: {', '.join(sorted(unknown))}")
        values = {k: v for k, v in data.items() if k in names}
        values.setdefault("union_id", "u_" + str(values.get("open_id", "")))
        return cls(**values)


def default_creators() -> dict[str, Creator]:
    """The sandbox's own accounts, so ``postloom sandbox`` works with no set-up."""
    creators = [
        Creator(
            open_id="sbx-open-kopisenja",
            union_id="sbx-union-kopisenja",
            display_name="Kopi Senja (Sandbox)",
            username="kopisenja.sandbox",
        ),
        Creator(
            open_id="sbx-open-private",
            union_id="sbx-union-private",
            display_name="Toko Batik Private (Sandbox)",
            username="tokobatik.private",
            private=True,
            stitch_disabled=True,
            duet_disabled=True,
            max_video_post_duration_sec=180,
        ),
    ]
    return {c.open_id: c for c in creators}


@dataclass(frozen=True)
class Grant:
    client_key: str
    open_id: str
    scopes: frozenset[str]
    redirect_uri: str
    expires_at: float


@dataclass(frozen=True)
class TokenRecord:
    open_id: str
    scopes: frozenset[str]
    expires_at: float


@dataclass(frozen=True)
class IssuedTokens:
    access_token: str
    refresh_token: str
    access: TokenRecord
    refresh: TokenRecord


class TokenStore:
    """Codes, access tokens and refresh tokens; a rotated refresh token stops working."""

    def __init__(self) -> None:
        self.codes: dict[str, Grant] = {}
        self.access: dict[str, TokenRecord] = {}
        self.refresh: dict[str, TokenRecord] = {}

    def issue_code(self, grant: Grant) -> str:
        # '*' and '!' make the code need URL-decoding, as TikTok's real codes do.
        code = f"sbx*{secrets.token_urlsafe(24)}!{len(self.codes) % 10}"
        self.codes[code] = grant
        return code

    def redeem_code(self, code: str, now: float) -> Grant | None:
        grant = self.codes.pop(code, None)  # popped even when refused: single use
        return grant if grant is not None and grant.expires_at > now else None

    def issue(self, open_id: str, scopes: frozenset[str], now: float, access_ttl: int,
              refresh_ttl: int) -> IssuedTokens:  # fmt: skip
        access = TokenRecord(open_id, scopes, now + access_ttl)
        refresh = TokenRecord(open_id, scopes, now + refresh_ttl)
        access_token = "act." + secrets.token_urlsafe(32)
        refresh_token = "rft." + secrets.token_urlsafe(32)
        self.access[access_token] = access
        self.refresh[refresh_token] = refresh
        return IssuedTokens(access_token, refresh_token, access, refresh)

    def valid_access(self, token: str, now: float) -> TokenRecord | None:
        record = self.access.get(token)
        return record if record is not None and record.expires_at > now else None

    def valid_refresh(self, token: str, now: float) -> TokenRecord | None:
        record = self.refresh.get(token)
        return record if record is not None and record.expires_at > now else None

    def expire(self, open_id: str, now: float) -> int:
        """Access tokens of ``open_id`` (all when empty) stop working now."""
        chosen = [t for t, r in self.access.items() if not open_id or r.open_id == open_id]
        for token in chosen:
            self.access[token] = dataclasses.replace(self.access[token], expires_at=now)
        return len(chosen)

    def revoke_user(self, open_id: str) -> None:
        """TikTok's revoke withdraws the whole authorization, not one token."""
        for store in (self.access, self.refresh):
            for token in [t for t, r in store.items() if r.open_id == open_id]:
                del store[token]


class RateLimiter:
    """A one-minute sliding window per token and endpoint."""

    def __init__(self) -> None:
        self._hits: dict[tuple[str, str], deque[float]] = {}

    def allow(self, token: str, endpoint: str, limit: int, now: float) -> bool:
        hits = self._hits.setdefault((hashlib.sha256(token.encode()).hexdigest(), endpoint),
                                     deque())  # fmt: skip
        while hits and hits[0] <= now - MINUTE:
            hits.popleft()
        if len(hits) >= limit:
            return False
        hits.append(now)
        return True

    def clear(self) -> None:
        self._hits.clear()


class DailyCounter:
    """Events per key within the last 24 hours of the fake clock."""

    def __init__(self) -> None:
        self._events: dict[str, deque[float]] = {}

    def count(self, key: str, now: float) -> int:
        events = self._events.setdefault(key, deque())
        while events and events[0] <= now - DAY:
            events.popleft()
        return len(events)

    def add(self, key: str, now: float) -> None:
        self.count(key, now)
        self._events[key].append(now)

    def keys(self, now: float) -> list[str]:
        return [key for key in list(self._events) if self.count(key, now)]

    def clear(self) -> None:
        self._events.clear()


@dataclass
class Upload:
    """A FILE_UPLOAD transfer: the chunk plan declared at init and what has arrived."""

    upload_id: str
    token: str
    video_size: int
    chunk_size: int
    total_chunks: int
    expires_at: float
    received: int = 0
    data: bytearray = field(default_factory=bytearray)

    def expected_length(self, first_byte: int) -> int:
        index = first_byte // self.chunk_size
        if index >= self.total_chunks - 1:
            return self.video_size - first_byte  # the last chunk absorbs the remainder
        return self.chunk_size


@dataclass
class Publish:
    """One publish_id from init to its final status."""

    publish_id: str
    open_id: str
    kind: str  # "video" | "photo"
    mode: str  # "direct" | "inbox"
    source: str  # "FILE_UPLOAD" | "PULL_FROM_URL"
    title: str
    privacy_level: str
    created_at: float
    upload: Upload | None = None
    urls: list[str] = field(default_factory=list)
    status: str = PROCESSING_UPLOAD
    transferred: bool = False  # every byte is in (upload complete / download finished)
    bytes_done: int = 0
    polls: int = 0  # status fetches since the transfer finished
    fail_reason: str = ""  # the fate once processing ends; "" is success
    post_id: int | None = None
    polls_since_complete: int = 0
    media_sha256: str = ""
    worker: threading.Thread | None = None

    def summary(self) -> Json:
        return {
            "publish_id": self.publish_id,
            "open_id": self.open_id,
            "kind": self.kind,
            "mode": self.mode,
            "source": self.source,
            "title": self.title,
            "privacy_level": self.privacy_level,
            "status": self.status,
            "fail_reason": self.fail_reason if self.status == FAILED else "",
            "bytes_done": self.bytes_done,
            "post_id": self.post_id,
            "created_at": self.created_at,
        }


@dataclass(frozen=True)
class PostRecord:
    """A post that reached the creator's profile or inbox; the benchmark counts duplicates."""

    open_id: str
    publish_id: str
    kind: str
    mode: str
    title: str
    privacy_level: str
    time: float
    post_id: int | None
    media_sha256: str
    media_urls: tuple[str, ...] = ()

    @property
    def media_key(self) -> str:
        """What makes two posts the same media: the bytes, else the URLs without a query
        (signed URLs change between attempts)."""
        if self.media_sha256:
            return self.media_sha256
        return " ".join(urlsplit(u)._replace(query="").geturl() for u in self.media_urls)

    def to_json(self) -> Json:
        return {**dataclasses.asdict(self), "media_urls": list(self.media_urls)}
