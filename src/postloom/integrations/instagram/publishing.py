"""Publishing to Instagram (platform-apis §1.3): containers, their status, media_publish.

    start     → POST /{ig}/media (carousel: one child per item, then the CAROUSEL container)
    check     → GET /{container}?fields=status_code,status
    finish    → POST /{ig}/media_publish (its answer is the media id only)
    permalink → GET /{media}?fields=permalink (best effort, whenever the link is wanted)

Picture containers are ready at once (``ready_on_start``): they are published without a
status read, and "not ready" (9007/2207027) from media_publish is waited for like a status.

A container never goes live without media_publish, so a ``start`` that failed can simply be
tried again; a ``finish`` that failed is checked against the container's status before the
error is raised, so a publish whose answer was lost is reported as published.
"""

from __future__ import annotations

import itertools
import re
import time
from collections.abc import Callable

from postloom.integrations.instagram import errors
from postloom.integrations.instagram.config import Config
from postloom.integrations.instagram.transport import Json, Transport, text
from postloom.integrations.networks.base import (
    Account,
    ErrorCode,
    Kind,
    MediaItem,
    NetworkError,
    PublishRequest,
    RecentMedia,
    RemoteState,
    RemoteStatus,
)

MIN_CAROUSEL, MAX_CAROUSEL = 2, 10
DEFAULT_QUOTA_TOTAL = 50  # only when Graph leaves config out; it is normally read
# After a failed media_publish these errors may hide a publish that did happen.
_MAYBE_PUBLISHED = frozenset(
    {ErrorCode.SERVER, ErrorCode.TIMEOUT, ErrorCode.CONTAINER_EXPIRED, ErrorCode.INVALID_REQUEST}
)
_SUBCODE = re.compile(r"\b(22\d{5})\b")
MEDIA_FIELDS = "id,caption,media_type,media_url,thumbnail_url,permalink,timestamp"


class Publisher:
    def __init__(
        self,
        config: Config,
        transport: Transport,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        child_poll_interval: float = 3.0,
        child_poll_deadline: float = 60.0,
    ) -> None:
        self.config, self.transport = config, transport
        self.sleep, self.clock = sleep, clock
        self.child_poll_interval = child_poll_interval
        self.child_poll_deadline = child_poll_deadline

    # --- Create ---------------------------------------------------------------------------

    def start(self, account: Account, request: PublishRequest) -> str:
        check_request(request)
        if request.kind == Kind.CAROUSEL:
            return self._carousel(account, request)
        return self._create(account, _single_payload(request))

    def _carousel(self, account: Account, request: PublishRequest) -> str:
        children = [
            self._create(account, _child_payload(item, request.alt_text)) for item in request.items
        ]
        videos = [
            cid for cid, item in zip(children, request.items, strict=True) if item.kind == "video"
        ]
        self._wait_until_finished(account, videos)
        parent: Json = {"media_type": "CAROUSEL", "children": ",".join(children)}
        if request.caption:
            parent["caption"] = request.caption
        return self._create(account, parent)

    def _create(self, account: Account, payload: Json) -> str:
        reply = self.transport.post(
            f"{self._user(account)}/media",
            "media container",
            token=account.access_token,
            json=payload,
        )
        container_id = reply.body.get("id")
        if not container_id:
            raise NetworkError(
                ErrorCode.SERVER, "Instagram media container: no id in the answer", permanent=False
            )
        return str(container_id)

    def _wait_until_finished(self, account: Account, container_ids: list[str]) -> None:
        """Carousel video items must be FINISHED before the album is created."""
        deadline = self.clock() + self.child_poll_deadline
        pending = list(container_ids)
        attempt = 0
        while pending:
            states = [(cid, self.check(account, cid)) for cid in pending]
            for _cid, state in states:
                if state.status in (RemoteStatus.FAILED, RemoteStatus.EXPIRED) and state.error:
                    raise state.error
            pending = [cid for cid, state in states if state.status != RemoteStatus.READY]
            if not pending:
                return
            if self.clock() >= deadline:
                raise NetworkError(
                    ErrorCode.NOT_READY,
                    "Instagram carousel: the videos are still processing",
                    permanent=False,
                    retry_after=self.child_poll_interval,
                )
            self.sleep(min(self.child_poll_interval, 0.25 * 2**attempt))
            attempt += 1

    # --- Status ---------------------------------------------------------------------------

    def check(self, account: Account, container_id: str) -> RemoteState:
        reply = self.transport.get(
            f"{self._graph(account)}/{container_id}",
            "container status",
            token=account.access_token,
            params={"fields": "status_code,status"},
        )
        status_code = str(reply.body.get("status_code", ""))
        detail = {"status_code": status_code, "status": str(reply.body.get("status", ""))}
        if status_code == "FINISHED":
            return RemoteState(RemoteStatus.READY, detail=detail)
        if status_code == "PUBLISHED":
            return RemoteState(RemoteStatus.PUBLISHED, detail=detail)
        if status_code == "ERROR":
            return RemoteState(
                RemoteStatus.FAILED, error=status_error(detail["status"]), detail=detail
            )
        if status_code == "EXPIRED":
            expired = NetworkError(
                ErrorCode.CONTAINER_EXPIRED,
                "Instagram container expired before it was published",
                permanent=False,
                vendor_code="EXPIRED",
            )
            return RemoteState(RemoteStatus.EXPIRED, error=expired, detail=detail)
        return RemoteState(RemoteStatus.IN_PROGRESS, detail=detail)

    # --- Publish --------------------------------------------------------------------------

    def finish(self, account: Account, container_id: str) -> RemoteState:
        try:
            reply = self.transport.post(
                f"{self._user(account)}/media_publish",
                "media_publish",
                token=account.access_token,
                json={"creation_id": container_id},
            )
        except NetworkError as exc:
            if exc.code in _MAYBE_PUBLISHED and self._is_published(account, container_id):
                # The publish happened; only its answer was lost. The media id is found later
                # by find_published (the caption is needed to recognise it).
                return RemoteState(RemoteStatus.PUBLISHED, detail={"recovered_from": exc.code})
            raise
        return RemoteState(RemoteStatus.PUBLISHED, media_id=str(reply.body.get("id") or ""))

    def find_published(self, account: Account, container_id: str, caption: str) -> RemoteState:
        """After a lost answer: the container's state, with the media id when the published
        post can be recognised by its caption among the recent posts or the live stories
        (best effort: a story has no caption, so the newest story stands for an empty one)."""
        state = self.check(account, container_id)
        if state.status != RemoteStatus.PUBLISHED:
            return state
        wanted = _normal(caption)
        sources = (lambda: self.recent_media(account, 25), lambda: self._stories(account))
        for read in sources:
            try:
                found = [m for m in read() if _normal(m.caption) == wanted]  # newest first
            except NetworkError:
                continue  # published for sure; the id can be looked up another time
            if found:
                return RemoteState(
                    RemoteStatus.PUBLISHED,
                    media_id=found[0].media_id,
                    permalink=found[0].permalink,
                    detail=state.detail,
                )
        return state

    def _stories(self, account: Account) -> list[RecentMedia]:
        body = self.transport.get(
            f"{self._user(account)}/stories",
            "stories",
            token=account.access_token,
            params={"fields": MEDIA_FIELDS},
        ).body
        return [_recent(row) for row in body.get("data") or [] if isinstance(row, dict)]

    def _is_published(self, account: Account, container_id: str) -> bool:
        try:
            return self.check(account, container_id).status == RemoteStatus.PUBLISHED
        except NetworkError:
            return False

    def permalink(self, account: Account, media_id: str) -> str:
        """Best effort: a failed read is "" (the publish has happened either way)."""
        if not media_id:
            return ""
        try:
            reply = self.transport.get(
                f"{self._graph(account)}/{media_id}",
                "permalink",
                token=account.access_token,
                params={"fields": "permalink"},
            )
        except NetworkError:
            return ""
        return str(reply.body.get("permalink") or "")

    # --- Reads ----------------------------------------------------------------------------

    def quota(self, account: Account) -> tuple[int, int]:
        reply = self.transport.get(
            f"{self._user(account)}/content_publishing_limit",
            "content_publishing_limit",
            token=account.access_token,
            params={"fields": "quota_usage,config"},
        )
        data = reply.body.get("data")
        entry: Json = data[0] if isinstance(data, list) and data else reply.body
        config: Json = entry["config"] if isinstance(entry.get("config"), dict) else {}
        used = int(entry.get("quota_usage") or 0)
        return used, int(config.get("quota_total") or DEFAULT_QUOTA_TOTAL)

    def recent_media(self, account: Account, limit: int) -> list[RecentMedia]:
        params: Json = {"fields": MEDIA_FIELDS, "limit": max(1, min(limit, 100))}
        url = f"{self._user(account)}/media"
        # Each page holds one row at least, so ``limit`` requests are always enough.
        rows = self.transport.rows(
            url, "recent media", token=account.access_token, params=params, max_requests=limit
        )
        return [_recent(row) for row in itertools.islice(rows, limit)]

    def _graph(self, account: Account) -> str:
        return self.config.graph(account.variant)

    def _user(self, account: Account) -> str:
        if not account.account_id:
            raise NetworkError(
                ErrorCode.INVALID_REQUEST, "The Instagram account id is missing", permanent=True
            )
        return f"{self._graph(account)}/{account.account_id}"


# --- Payloads -----------------------------------------------------------------------------


def ready_on_start(request: PublishRequest) -> bool:
    """Pictures (a feed picture, a picture story, a carousel of pictures) are processed while
    the container is made; videos take a while (platform-apis §1.3, §1.8)."""
    items = [*request.items, *([request.cover] if request.cover else [])]
    return request.kind != Kind.REEL and all(item.kind == "image" for item in items)


def check_request(request: PublishRequest) -> None:
    """Refuse, before any call, what Instagram would refuse for its shape."""
    items, kind = request.items, request.kind
    problem = ""
    if any(not item.url for item in items):
        problem = "every item needs a public URL"
    elif any(item.kind not in ("image", "video") for item in items):
        problem = "items must be images or videos"
    elif kind == Kind.CAROUSEL and not MIN_CAROUSEL <= len(items) <= MAX_CAROUSEL:
        problem = f"a carousel needs {MIN_CAROUSEL} to {MAX_CAROUSEL} items, not {len(items)}"
    elif kind in (Kind.FEED_IMAGE, Kind.STORY, Kind.REEL) and len(items) != 1:
        problem = f"a {kind.value} takes exactly one item"
    elif kind == Kind.FEED_IMAGE and items[0].kind != "image":
        problem = "a feed post takes an image (videos are published as reels)"
    elif kind == Kind.REEL and items[0].kind != "video":
        problem = "a reel takes a video"
    elif kind not in (Kind.FEED_IMAGE, Kind.CAROUSEL, Kind.STORY, Kind.REEL):
        problem = f"{kind.value} is not an Instagram format"
    if problem:
        raise NetworkError(ErrorCode.INVALID_REQUEST, f"Instagram: {problem}", permanent=True)


def _single_payload(request: PublishRequest) -> Json:
    item = request.items[0]
    if request.kind == Kind.STORY:  # stories take no caption
        key = "image_url" if item.kind == "image" else "video_url"
        return {"media_type": "STORIES", key: item.url}
    if request.kind == Kind.REEL:
        reel: Json = {
            "media_type": "REELS",
            "video_url": item.url,
            "share_to_feed": request.share_to_feed,
        }
        if request.caption:
            reel["caption"] = request.caption
        if request.cover is not None and request.cover.url:
            reel["cover_url"] = request.cover.url
        return reel
    image: Json = {"image_url": item.url}
    if request.caption:
        image["caption"] = request.caption
    if request.alt_text:
        image["alt_text"] = request.alt_text
    return image


def _child_payload(item: MediaItem, alt_text: str) -> Json:
    if item.kind == "video":
        return {"media_type": "VIDEO", "video_url": item.url, "is_carousel_item": True}
    child: Json = {"image_url": item.url, "is_carousel_item": True}
    if alt_text:
        child["alt_text"] = alt_text
    return child


def status_error(status: str) -> NetworkError:
    """An ERROR container's ``status`` text carries the subcode ("... error code 2207026")."""
    match = _SUBCODE.search(status)
    subcode = int(match.group(1)) if match else None
    rule = errors.BY_SUBCODE.get(subcode or 0, errors.Rule(ErrorCode.MEDIA_REJECTED, True))
    vendor = f"ERROR/{subcode}" if subcode else "ERROR"
    return NetworkError(
        rule.code,
        f"Instagram could not process the media ({vendor})",
        permanent=rule.permanent,
        reconnect=rule.reconnect,
        vendor_code=vendor,
    )


def _recent(row: Json) -> RecentMedia:
    return RecentMedia(
        media_id=text(row, "id"),
        media_type=text(row, "media_type"),
        caption=text(row, "caption"),
        media_url=text(row, "media_url"),
        thumbnail_url=text(row, "thumbnail_url"),
        permalink=text(row, "permalink"),
        timestamp=text(row, "timestamp"),
    )


def _normal(caption: str) -> str:
    return " ".join(caption.split())
