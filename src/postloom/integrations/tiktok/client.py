"""TikTok: Login Kit (OAuth v2) and the Content Posting API (platform-apis.md §2).

Videos go by Direct Post with FILE_UPLOAD (our bytes, chunked: see upload.py), photos with
PULL_FROM_URL from our signed media URLs. TikTok publishes by itself once it has the media,
so ``finish`` only reads the status, like ``check``. creator_info is asked before every post,
as TikTok's audit requires, and its answer decides what may be sent (see posts.py).

Hosts and app credentials come from ``settings.NETWORKS`` (TIKTOK_AUTHORIZE_URL,
TIKTOK_API_URL, TIKTOK_CLIENT_KEY/SECRET, TIMEOUT_SECONDS), so tests and the sandbox reach
``postloom.sandbox.tiktok_api``. Tokens travel only in headers and form bodies; no message
or log line holds one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import unquote, urlencode

from django.conf import settings

from postloom.integrations.networks.base import (
    Account,
    CreatorInfo,
    ErrorCode,
    Kind,
    NetworkClient,
    NetworkError,
    Profile,
    PublishRequest,
    RemoteState,
    RemoteStatus,
    TikTokOptions,
    TokenSet,
)
from postloom.integrations.tiktok import errors, posts, upload
from postloom.integrations.tiktok.transport import Transport

logger = logging.getLogger(__name__)

SCOPES = ("user.info.basic", "video.publish", "video.upload")
TOKEN_PATH = "/v2/oauth/token/"  # noqa: S105  (a path)
REVOKE_PATH = "/v2/oauth/revoke/"
USER_INFO_PATH = "/v2/user/info/"
CREATOR_INFO_PATH = "/v2/post/publish/creator_info/query/"
VIDEO_INIT_PATH = "/v2/post/publish/video/init/"
CONTENT_INIT_PATH = "/v2/post/publish/content/init/"
STATUS_PATH = "/v2/post/publish/status/fetch/"
USER_FIELDS = "open_id,union_id,avatar_url,display_name"

_IN_PROGRESS = {"PROCESSING_UPLOAD", "PROCESSING_DOWNLOAD"}


class TikTokClient(NetworkClient):
    platform = "tiktok"

    # The chunk plan of §2.6 (tests shrink these on an instance, never here).
    single_chunk_limit = upload.SINGLE_CHUNK_LIMIT
    chunk_size = upload.CHUNK_SIZE
    max_chunks = upload.MAX_CHUNKS
    chunk_retries = 3
    chunk_retry_delay = 1.0  # seconds, times the attempt number
    auto_add_music = True  # photo posts: TikTok's own default for photo mode

    def __init__(self, *, api_url: str | None = None, authorize_url: str | None = None,
                 client_key: str | None = None, client_secret: str | None = None,
                 timeout: float | None = None) -> None:  # fmt: skip
        conf = settings.NETWORKS
        self.api_url = (api_url or conf["TIKTOK_API_URL"]).rstrip("/")
        self.authorize_endpoint = authorize_url or conf["TIKTOK_AUTHORIZE_URL"]
        self.client_key = client_key if client_key is not None else conf["TIKTOK_CLIENT_KEY"]
        self._client_secret = (client_secret if client_secret is not None
                               else conf["TIKTOK_CLIENT_SECRET"])  # fmt: skip
        self._http = Transport(float(timeout or conf["TIMEOUT_SECONDS"]))

    def __repr__(self) -> str:
        return f"<TikTokClient {self.api_url}>"

    # --- OAuth ---------------------------------------------------------------------------

    def authorize_url(self, *, state: str, redirect_uri: str, variant: str = "") -> str:
        self._require_app()
        params = {
            "client_key": self.client_key,
            "scope": ",".join(SCOPES),
            "redirect_uri": redirect_uri,
            "state": state,
            "response_type": "code",
        }
        joiner = "&" if "?" in self.authorize_endpoint else "?"
        return f"{self.authorize_endpoint}{joiner}{urlencode(params, safe=',')}"

    def exchange_code(self, *, code: str, redirect_uri: str, variant: str = "") -> TokenSet:
        # TikTok's codes come URL-encoded; decoding an already decoded one changes nothing.
        form = {"code": unquote(code), "grant_type": "authorization_code",
                "redirect_uri": redirect_uri}  # fmt: skip
        return _token_set(self._oauth(TOKEN_PATH, form, refreshing=False), TokenSet(""))

    def refresh(self, account: Account, tokens: TokenSet) -> TokenSet:
        if not tokens.refresh_token:
            raise NetworkError(ErrorCode.TOKEN_EXPIRED, "There is no TikTok refresh token; "
                               "connect TikTok again", permanent=True, reconnect=True)  # fmt: skip
        form = {"grant_type": "refresh_token", "refresh_token": tokens.refresh_token}
        return _token_set(self._oauth(TOKEN_PATH, form, refreshing=True), tokens)

    def revoke(self, account: Account) -> None:
        self._oauth(REVOKE_PATH, {"token": account.access_token}, refreshing=False)

    def profile(self, account: Account) -> Profile:
        data = self._api("GET", USER_INFO_PATH, account, params={"fields": USER_FIELDS})
        found = data.get("user")
        user: dict[str, Any] = found if isinstance(found, dict) else {}
        name = str(user.get("display_name") or "")
        return Profile(account_id=str(user.get("open_id") or account.account_id),
                       username=self._username(account) or name, name=name,
                       picture_url=str(user.get("avatar_url") or ""))  # fmt: skip

    def _username(self, account: Account) -> str:
        """The @handle, which only creator_info gives without the user.info.profile scope."""
        try:
            info = self.creator_info(account)
        except NetworkError:
            return ""  # a creator who can't post now still has a display name
        return info.username

    # --- Creator info --------------------------------------------------------------------

    def creator_info(self, account: Account) -> CreatorInfo:
        data = self._api("POST", CREATOR_INFO_PATH, account)
        options = data.get("privacy_level_options")
        return CreatorInfo(
            nickname=str(data.get("creator_nickname") or ""),
            username=str(data.get("creator_username") or ""),
            avatar_url=str(data.get("creator_avatar_url") or ""),
            privacy_level_options=tuple(str(o) for o in options) if isinstance(options, list)
            else (),
            comment_disabled=bool(data.get("comment_disabled")),
            duet_disabled=bool(data.get("duet_disabled")),
            stitch_disabled=bool(data.get("stitch_disabled")),
            max_video_post_duration_sec=_int(data.get("max_video_post_duration_sec")),
        )  # fmt: skip

    # --- Publishing ----------------------------------------------------------------------

    reports_remote_id = True  # the publish id is handed over before the first byte is sent

    def start(self, account: Account, request: PublishRequest, *,
              on_remote_id: Callable[[str], None] | None = None) -> str:  # fmt: skip
        if request.kind not in (Kind.TIKTOK_VIDEO, Kind.TIKTOK_PHOTO):
            raise posts.refuse(ErrorCode.INVALID_REQUEST, f"TikTok can't post a {request.kind}")
        options = posts.chosen_options(request)
        report = on_remote_id or _ignore
        if request.kind is Kind.TIKTOK_VIDEO:
            return self._start_video(account, request, options, report)
        return self._start_photo(account, request, options, report)

    def _start_video(self, account: Account, request: PublishRequest, options: TikTokOptions,
                     report: Callable[[str], None]) -> str:  # fmt: skip
        item, size = posts.video_file(request)
        plan = upload.chunk_plan(size, self.single_chunk_limit, self.chunk_size, self.max_chunks)
        info = self.creator_info(account)  # before every post, and its answer decides
        posts.check_privacy(options, info)
        posts.check_duration(item, info)
        body = {"post_info": posts.video_post_info(request, options, info),
                "source_info": plan.source_info()}  # fmt: skip
        data = self._api("POST", VIDEO_INIT_PATH, account, json=body)
        publish_id, upload_url = _required(data, "publish_id"), _required(data, "upload_url")
        report(publish_id)  # recorded before any byte: a stop half-way is found by its id
        uploader = upload.Uploader(self._http, retries=self.chunk_retries,
                                   retry_delay=self.chunk_retry_delay)  # fmt: skip
        try:
            uploader.upload(upload_url, item.path, plan, posts.video_content_type(item))
        except NetworkError as exc:
            if exc.permanent or exc.code is ErrorCode.CONTAINER_EXPIRED:
                raise
            if self._has_every_byte(account, publish_id, size):
                return publish_id  # the last answer was lost, but TikTok has every byte
            raise
        return publish_id

    def _has_every_byte(self, account: Account, publish_id: str, size: int) -> bool:
        try:
            data = self._api("POST", STATUS_PATH, account, json={"publish_id": publish_id})
        except NetworkError:
            return False
        return not _upload_unfinished(data, size)

    def _start_photo(self, account: Account, request: PublishRequest, options: TikTokOptions,
                     report: Callable[[str], None]) -> str:  # fmt: skip
        posts.check_photos(request)
        info = self.creator_info(account)
        posts.check_privacy(options, info)
        body = posts.photo_body(request, options, info, auto_add_music=self.auto_add_music)
        publish_id = _required(self._api("POST", CONTENT_INIT_PATH, account, json=body),
                               "publish_id")  # fmt: skip
        report(publish_id)  # TikTok is already downloading the pictures
        return publish_id

    def start_timeout_is_safe(self, request: PublishRequest) -> bool:
        # A FILE_UPLOAD post needs our bytes to go live; a PULL_FROM_URL one may go by itself.
        return request.kind is not Kind.TIKTOK_PHOTO

    def check_started(self, account: Account, remote_id: str,
                      request: PublishRequest) -> RemoteState:  # fmt: skip
        """A video whose upload never got every byte can never go live (§2.6): EXPIRED, so
        it is started again. Anything else (a complete upload, a photo being downloaded, a
        post) is followed like a status read."""
        data = self._api("POST", STATUS_PATH, account, json={"publish_id": remote_id})
        size = posts.video_size(request) if request.kind is Kind.TIKTOK_VIDEO else 0
        if size and _upload_unfinished(data, size):
            return RemoteState(RemoteStatus.EXPIRED, detail={"upload": "unfinished"})
        return _state(data, remote_id)

    def check(self, account: Account, remote_id: str) -> RemoteState:
        data = self._api("POST", STATUS_PATH, account, json={"publish_id": remote_id})
        return _state(data, remote_id)

    def finish(self, account: Account, remote_id: str) -> RemoteState:
        return self.check(account, remote_id)  # TikTok publishes once it has the media

    # --- HTTP ----------------------------------------------------------------------------

    def _api(self, method: str, path: str, account: Account, *, json: Any = None,
             params: dict[str, str] | None = None) -> dict[str, Any]:  # fmt: skip
        headers = {"Authorization": f"Bearer {account.access_token}",
                   "Content-Type": "application/json; charset=UTF-8"}  # fmt: skip
        body: dict[str, Any] = {"json": json} if json is not None else {"content": b""}
        if method == "GET":
            body = {}
        reply = self._http.request(method, self.api_url + path, headers=headers, params=params,
                                   **body)  # fmt: skip
        try:
            return errors.envelope_data(reply)
        except NetworkError as exc:
            _log(path, exc)
            raise

    def _oauth(self, path: str, form: dict[str, str], *, refreshing: bool) -> dict[str, Any]:
        self._require_app()
        form = {"client_key": self.client_key, "client_secret": self._client_secret, **form}
        headers = {"Content-Type": "application/x-www-form-urlencoded",
                   "Cache-Control": "no-cache"}  # fmt: skip
        reply = self._http.request("POST", self.api_url + path, data=form, headers=headers)
        body = reply.json()
        try:
            if isinstance(body, dict) and isinstance(body.get("error"), str) and body["error"]:
                raise errors.oauth_error(body["error"], reply, body.get("log_id"),
                                         refreshing=refreshing)  # fmt: skip
            if isinstance(body, dict) and isinstance(body.get("error"), dict):
                return errors.envelope_data(reply)  # some gateways answer in the API's shape
            if not isinstance(body, dict) or reply.status >= 300:
                raise errors.status_error(reply)
        except NetworkError as exc:
            _log(path, exc)
            raise
        return body

    def _require_app(self) -> None:
        if not self.client_key or not self._client_secret:
            raise NetworkError(ErrorCode.INVALID_REQUEST, "TikTok is not set up: "
                               "TIKTOK_CLIENT_KEY and TIKTOK_CLIENT_SECRET are needed",
                               permanent=True)  # fmt: skip


def _ignore(remote_id: str) -> None:
    return None


def _state(data: dict[str, Any], remote_id: str) -> RemoteState:
    """A status fetch's answer (§2.9). The client leaves ``permalink`` empty: TikTok gives the
    post id, and the link is made from the creator's @username by whoever knows it."""
    status = str(data.get("status") or "")
    if status == "PUBLISH_COMPLETE":
        return RemoteState(RemoteStatus.PUBLISHED, media_id=_post_id(data))
    if status == "SEND_TO_USER_INBOX":
        return RemoteState(RemoteStatus.PUBLISHED, detail={"inbox": True})
    if status == "FAILED":
        reason = str(data.get("fail_reason") or "")
        return RemoteState(RemoteStatus.FAILED, error=errors.fail_reason_error(reason))
    if status not in _IN_PROGRESS:
        logger.warning("TikTok status fetch gave an unknown status for %s", remote_id)
    return RemoteState(RemoteStatus.IN_PROGRESS)


def _upload_unfinished(data: dict[str, Any], size: int) -> bool:
    """Still PROCESSING_UPLOAD with fewer bytes than the video has. Without ``uploaded_bytes``
    nobody can tell: the upload is then taken as complete (followed, never sent twice)."""
    uploaded = data.get("uploaded_bytes")
    if data.get("status") != "PROCESSING_UPLOAD" or not isinstance(uploaded, int):
        return False
    return uploaded < size


def _token_set(body: dict[str, Any], previous: TokenSet) -> TokenSet:
    """The newest tokens; lifetimes from expires_in / refresh_expires_in, never assumed."""
    now = datetime.now(UTC)
    access = body.get("access_token")
    if not isinstance(access, str) or not access:
        raise NetworkError(ErrorCode.SERVER, "TikTok's token answer had no access token",
                           permanent=False)  # fmt: skip
    rotated = isinstance(body.get("refresh_token"), str) and bool(body["refresh_token"])
    scope = str(body.get("scope") or "").replace(" ", ",")
    return TokenSet(
        access_token=access,
        expires_at=_after(now, body.get("expires_in")),
        refresh_token=body["refresh_token"] if rotated else previous.refresh_token,
        refresh_expires_at=_after(now, body.get("refresh_expires_in"))
        or (None if rotated else previous.refresh_expires_at),
        scopes=tuple(s for s in scope.split(",") if s) or previous.scopes,
        account_id=str(body.get("open_id") or previous.account_id),
        issued_at=now,
    )  # fmt: skip


def _after(now: datetime, seconds: Any) -> datetime | None:
    if isinstance(seconds, int | float) and not isinstance(seconds, bool) and seconds > 0:
        return now + timedelta(seconds=seconds)
    return None


def _post_id(data: dict[str, Any]) -> str:
    # TikTok spells it "publicaly"; a fixed spelling may come one day. Empty is normal.
    ids = data.get("publicaly_available_post_id") or data.get("publicly_available_post_id")
    if isinstance(ids, list):
        return str(ids[0]) if ids else ""
    return str(ids) if isinstance(ids, int | str) and ids else ""


def _required(data: dict[str, Any], name: str) -> str:
    value = data.get(name)
    if not isinstance(value, str) or not value:
        raise NetworkError(ErrorCode.SERVER, f"TikTok's answer had no {name}", permanent=False)
    return value


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _log(path: str, exc: NetworkError) -> None:
    # Codes and statuses only: the message is ours and tokens never reach it either.
    logger.info("TikTok %s failed: %s (%s, HTTP %s)", path, exc.code.value, exc.vendor_code,
                exc.http_status)  # fmt: skip
