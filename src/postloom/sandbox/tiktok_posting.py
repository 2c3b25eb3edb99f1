"""The Content Posting API in the TikTok simulator: creator info, the inits, status, cancel.

Called by ``TikTokApp`` with the simulator's lock held (``await_transfer`` excepted).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from postloom.sandbox import tiktok_upload
from postloom.sandbox.tiktok_http import Json, Request, Response, api_error, envelope
from postloom.sandbox.tiktok_media import is_verified
from postloom.sandbox.tiktok_state import (
    FAILED,
    FINAL,
    PRIVACY_LEVELS,
    PROCESSING_DOWNLOAD,
    PROCESSING_UPLOAD,
    PUBLISH_COMPLETE,
    SEND_TO_USER_INBOX,
    Creator,
    PostRecord,
    Publish,
    TokenRecord,
    Upload,
)

if TYPE_CHECKING:
    from postloom.sandbox.tiktok_api import TikTokSim

VIDEO_TITLE_MAX = 2200  # UTF-16 code units
PHOTO_TITLE_MAX = 90
PHOTO_DESCRIPTION_MAX = 4000
PHOTO_IMAGES_MAX = 35
UNAUDITED_CREATOR_CAP = 5
FIRST_POST_ID = 7_300_000_000_000_000_000
TRANSFER_WAIT_SECONDS = 2.0


class _Refused(Exception):
    def __init__(self, code: str, message: str = "") -> None:
        super().__init__(code)
        self.code, self.message = code, message


_Handler = Callable[["TikTokSim", Request, TokenRecord], Response]


def _refusing(handler: _Handler) -> _Handler:
    """Turn a ``_Refused`` raised anywhere in a handler into TikTok's error envelope."""

    def run(sim: TikTokSim, request: Request, record: TokenRecord) -> Response:
        try:
            return handler(sim, request, record)
        except _Refused as refused:
            return api_error(refused.code, refused.message)

    return run


# --- Creator info -------------------------------------------------------------------------


def creator_info(sim: TikTokSim, request: Request, record: TokenRecord) -> Response:
    creator = sim.creators.get(record.open_id)
    if creator is None:
        return api_error("access_token_invalid")
    reason = cant_post_reason(sim, creator)
    if reason:  # TikTok answers these with HTTP 200 on purpose
        return api_error(reason, status=200)
    return envelope({
        "creator_avatar_url": creator.avatar(request.origin),
        "creator_username": creator.username,
        "creator_nickname": creator.display_name,
        "privacy_level_options": list(creator.privacy_level_options),
        "comment_disabled": creator.comment_disabled,
        "duet_disabled": creator.duet_disabled,
        "stitch_disabled": creator.stitch_disabled,
        "max_video_post_duration_sec": creator.max_video_post_duration_sec,
    })  # fmt: skip


def cant_post_reason(sim: TikTokSim, creator: Creator, *, direct: bool = True) -> str:
    """The spam-risk / cap code that stops this creator posting now, or ""."""
    now = sim.now()
    if not creator.can_post:
        return creator.cant_post_reason
    if direct and sim.daily_posts.count(creator.open_id, now) >= sim.daily_post_cap:
        return "spam_risk_too_many_posts"
    cap = sim.active_creator_cap
    if not sim.audited:
        cap = min(cap, UNAUDITED_CREATOR_CAP) if cap else UNAUDITED_CREATOR_CAP
    active = sim.active_creators.keys(now)
    if cap and creator.open_id not in active and len(active) >= cap:
        return "reached_active_user_cap"
    return ""


# --- Inits --------------------------------------------------------------------------------


@_refusing
def video_init(sim: TikTokSim, request: Request, record: TokenRecord) -> Response:
    body = _body(request)
    post_info, source_info = _object(body, "post_info"), _object(body, "source_info")
    creator = _poster(sim, record)
    _check_direct_post(sim, creator, post_info, VIDEO_TITLE_MAX)
    for flag in ("disable_duet", "disable_stitch", "disable_comment", "is_aigc"):
        _optional_bool(post_info, flag)
    source = source_info.get("source")
    if source == "FILE_UPLOAD":
        upload = _plan(sim, source_info)
        publish = _new_publish(sim, "v_pub_file~v2-1", record, "video", "direct", post_info,
                               source)  # fmt: skip
        return _with_upload(sim, request, publish, upload)
    if source == "PULL_FROM_URL":
        url = _verified_urls(sim, [source_info.get("video_url")])[0]
        publish = _new_publish(sim, "v_pub_url~v2-1", record, "video", "direct", post_info,
                               source, [url])  # fmt: skip
        return envelope({"publish_id": publish.publish_id})
    raise _Refused("invalid_param", "source_info.source must be FILE_UPLOAD or PULL_FROM_URL.")


@_refusing
def inbox_init(sim: TikTokSim, request: Request, record: TokenRecord) -> Response:
    source_info = _object(_body(request), "source_info")
    _check_inbox(sim, _poster(sim, record, direct=False))
    source = source_info.get("source")
    if source == "FILE_UPLOAD":
        upload = _plan(sim, source_info)
        publish = _new_publish(sim, "v_inbox_file~v2", record, "video", "inbox", {}, source)
        return _with_upload(sim, request, publish, upload)
    if source == "PULL_FROM_URL":
        url = _verified_urls(sim, [source_info.get("video_url")])[0]
        publish = _new_publish(sim, "v_inbox_url~v2", record, "video", "inbox", {}, source, [url])
        return envelope({"publish_id": publish.publish_id})
    raise _Refused("invalid_param", "source_info.source must be FILE_UPLOAD or PULL_FROM_URL.")


@_refusing
def content_init(sim: TikTokSim, request: Request, record: TokenRecord) -> Response:
    body = _body(request)
    post_info, source_info = _object(body, "post_info"), _object(body, "source_info")
    if body.get("media_type") != "PHOTO":
        raise _Refused("invalid_param", "media_type must be PHOTO.")
    mode = body.get("post_mode")
    needed = {"DIRECT_POST": "video.publish", "MEDIA_UPLOAD": "video.upload"}.get(str(mode))
    if needed is None:
        raise _Refused("invalid_param", "post_mode must be DIRECT_POST or MEDIA_UPLOAD.")
    if needed not in record.scopes:
        raise _Refused("scope_not_authorized")
    if source_info.get("source") != "PULL_FROM_URL":
        raise _Refused("invalid_param", "Photos can only be posted with PULL_FROM_URL.")
    images = source_info.get("photo_images")
    if not isinstance(images, list) or not 1 <= len(images) <= PHOTO_IMAGES_MAX:
        raise _Refused("invalid_param", f"photo_images must hold 1 to {PHOTO_IMAGES_MAX} URLs.")
    cover = source_info.get("photo_cover_index", 0)
    if not isinstance(cover, int) or isinstance(cover, bool) or not 0 <= cover < len(images):
        raise _Refused("invalid_param", "photo_cover_index is out of range.")
    _check_text(post_info, "description", PHOTO_DESCRIPTION_MAX)
    if mode == "DIRECT_POST":
        creator = _poster(sim, record)
        _check_direct_post(sim, creator, post_info, PHOTO_TITLE_MAX)
        for flag in ("disable_comment", "auto_add_music"):
            _optional_bool(post_info, flag)
    else:
        _check_text(post_info, "title", PHOTO_TITLE_MAX)
        _check_inbox(sim, _poster(sim, record, direct=False))
    urls = _verified_urls(sim, images)
    prefix, kind = ("p_pub_url~v2", "direct") if mode == "DIRECT_POST" else ("p_inbox_url~v2",
                                                                           "inbox")  # fmt: skip
    publish = _new_publish(sim, prefix, record, "photo", kind, post_info, "PULL_FROM_URL", urls)
    return envelope({"publish_id": publish.publish_id})


def _poster(sim: TikTokSim, record: TokenRecord, *, direct: bool = True) -> Creator:
    creator = sim.creators.get(record.open_id)
    if creator is None:
        raise _Refused("access_token_invalid")
    reason = cant_post_reason(sim, creator, direct=direct)
    if reason:
        raise _Refused(reason)
    return creator


def _check_direct_post(sim: TikTokSim, creator: Creator, post_info: Json, title_max: int) -> None:
    privacy = post_info.get("privacy_level")
    if privacy not in PRIVACY_LEVELS:
        raise _Refused("invalid_param", "post_info.privacy_level is missing or unknown.")
    if not sim.audited and (not creator.private or privacy != "SELF_ONLY"):
        raise _Refused("unaudited_client_can_only_post_to_private_accounts")
    if privacy not in creator.privacy_level_options:
        raise _Refused("privacy_level_option_mismatch")
    _check_text(post_info, "title", title_max)
    for toggle in ("brand_content_toggle", "brand_organic_toggle"):
        _optional_bool(post_info, toggle)
    if post_info.get("brand_content_toggle") and privacy == "SELF_ONLY":
        raise _Refused("invalid_param", "Branded content cannot be private (SELF_ONLY).")


def _check_inbox(sim: TikTokSim, creator: Creator) -> None:
    if sim.pending_shares.count(creator.open_id, sim.now()) >= sim.pending_share_cap:
        raise _Refused("spam_risk_too_many_pending_share")


def _check_text(post_info: Json, name: str, limit: int) -> None:
    value = post_info.get(name, "")
    if not isinstance(value, str):
        raise _Refused("invalid_param", f"post_info.{name} must be a string.")
    if len(value.encode("utf-16-le")) // 2 > limit:
        raise _Refused("invalid_param", f"post_info.{name} is longer than {limit} characters.")


def _optional_bool(post_info: Json, name: str) -> None:
    if name in post_info and not isinstance(post_info[name], bool):
        raise _Refused("invalid_param", f"post_info.{name} must be a boolean.")


def _verified_urls(sim: TikTokSim, urls: list[Any]) -> list[str]:
    if not all(isinstance(u, str) and u for u in urls):
        raise _Refused("invalid_param", "Every media URL must be a non-empty string.")
    if not all(is_verified(u, sim.verified_urls) for u in urls):
        raise _Refused("url_ownership_unverified")
    return list(urls)


def _body(request: Request) -> Json:
    body = request.json()
    if body is None:
        raise _Refused("invalid_param", "The body must be a JSON object.")
    return body


def _object(body: Json, name: str) -> Json:
    value = body.get(name, {})
    if not isinstance(value, dict):
        raise _Refused("invalid_param", f"{name} must be an object.")
    return value


def _new_publish(
    sim: TikTokSim,
    prefix: str,
    record: TokenRecord,
    kind: str,
    mode: str,
    post_info: Json,
    source: str,
    urls: list[str] | None = None,
) -> Publish:
    now = sim.now()
    publish = Publish(
        publish_id=f"{prefix}.{FIRST_POST_ID + len(sim.publishes) + 1}",
        open_id=record.open_id,
        kind=kind,
        mode=mode,
        source=source,
        title=str(post_info.get("title", "")),
        privacy_level=str(post_info.get("privacy_level", "")),
        created_at=now,
        urls=urls or [],
        status=PROCESSING_UPLOAD if source == "FILE_UPLOAD" else PROCESSING_DOWNLOAD,
        fail_reason=sim.fail_reasons.pop(0) if sim.fail_reasons else "",
    )
    sim.publishes[publish.publish_id] = publish
    if mode == "direct":
        sim.daily_posts.add(record.open_id, now)
    else:
        sim.pending_shares.add(record.open_id, now)
    if record.open_id not in sim.active_creators.keys(now):
        sim.active_creators.add(record.open_id, now)
    if urls:
        tiktok_upload.start_pull(sim, publish)
    return publish


def _plan(sim: TikTokSim, source_info: Json) -> Upload:
    try:
        return tiktok_upload.plan(sim, source_info)
    except ValueError as exc:
        raise _Refused("invalid_param", str(exc)) from None


def _with_upload(sim: TikTokSim, request: Request, publish: Publish, upload: Upload) -> Response:
    publish.upload = upload
    sim.uploads[upload.upload_id] = publish.publish_id
    url = f"{request.origin}/upload/?upload_id={upload.upload_id}&upload_token={upload.token}"
    return envelope({"publish_id": publish.publish_id, "upload_url": url})


# --- Status and cancel --------------------------------------------------------------------


def await_transfer(sim: TikTokSim, request: Request) -> None:
    """Give a running download a moment, so a local fetch settles before the answer."""
    body = request.json() or {}
    with sim.lock:
        publish = sim.publishes.get(str(body.get("publish_id", "")))
        worker = publish.worker if publish is not None else None
    if worker is not None:
        worker.join(TRANSFER_WAIT_SECONDS)


@_refusing
def status(sim: TikTokSim, request: Request, record: TokenRecord) -> Response:
    publish = _owned_publish(sim, request, record)
    _advance(sim, publish)
    ids = [publish.post_id] if publish.post_id is not None else []
    data: Json = {"status": publish.status, sim.post_id_field: ids}
    data["uploaded_bytes" if publish.source == "FILE_UPLOAD" else "downloaded_bytes"] = (
        publish.bytes_done
    )
    if publish.status == FAILED:
        data["fail_reason"] = publish.fail_reason
    return envelope(data)


@_refusing
def cancel(sim: TikTokSim, request: Request, record: TokenRecord) -> Response:
    publish = _owned_publish(sim, request, record)
    if publish.status in FINAL:
        raise _Refused("publish_not_cancellable")
    publish.status, publish.fail_reason, publish.transferred = FAILED, "publish_cancelled", True
    return envelope({})


def _owned_publish(sim: TikTokSim, request: Request, record: TokenRecord) -> Publish:
    publish_id = _body(request).get("publish_id")
    publish = sim.publishes.get(publish_id) if isinstance(publish_id, str) else None
    if publish is None:
        raise _Refused("invalid_publish_id")
    if publish.open_id != record.open_id:
        raise _Refused("token_not_authorized_for_specified_publish_id")
    return publish


def _advance(sim: TikTokSim, publish: Publish) -> None:
    """One status fetch's worth of progress through TikTok's state machine."""
    if publish.status == PUBLISH_COMPLETE:
        publish.polls_since_complete += 1
        _maybe_post_id(sim, publish)
    elif publish.status not in FINAL and publish.transferred:
        if publish.polls >= sim.processing_polls:
            finalize(sim, publish)
        else:
            publish.polls += 1


def finalize(sim: TikTokSim, publish: Publish) -> None:
    if publish.fail_reason:
        publish.status = FAILED
        return
    publish.status = SEND_TO_USER_INBOX if publish.mode == "inbox" else PUBLISH_COMPLETE
    _maybe_post_id(sim, publish)
    sim.posts.append(PostRecord(
        open_id=publish.open_id, publish_id=publish.publish_id, kind=publish.kind,
        mode=publish.mode, title=publish.title, privacy_level=publish.privacy_level,
        time=sim.now(), post_id=publish.post_id, media_sha256=publish.media_sha256,
        media_urls=tuple(publish.urls),
    ))  # fmt: skip


def _maybe_post_id(sim: TikTokSim, publish: Publish) -> None:
    # Only public posts get an id, and only after moderation (post_id_delay_polls).
    public = publish.privacy_level == "PUBLIC_TO_EVERYONE"
    due = publish.polls_since_complete >= sim.post_id_delay_polls
    if public and publish.post_id is None and due:
        publish.post_id = FIRST_POST_ID + secrets.randbelow(10**15)


def settle(sim: TikTokSim) -> None:
    with sim.lock:
        publishes = list(sim.publishes.values())
    for publish in publishes:
        if publish.worker is not None:
            publish.worker.join(TRANSFER_WAIT_SECONDS)
    with sim.lock:
        for publish in publishes:
            if publish.transferred and publish.status not in FINAL:
                finalize(sim, publish)


def user_revoked(sim: TikTokSim, open_id: str) -> None:
    """Work in flight for a user who withdrew the app fails with ``auth_removed``."""
    for publish in sim.publishes.values():
        if publish.open_id == open_id and publish.status not in FINAL:
            publish.status, publish.fail_reason, publish.transferred = FAILED, "auth_removed", True
