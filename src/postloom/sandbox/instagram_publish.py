"""The simulator's publishing endpoints (platform-apis §1.3): containers, their state machine,
media_publish with the sliding 24-hour quota, and content_publishing_limit.

A container is IN_PROGRESS for its first k status reads (k per kind, ``polls_until_finished``),
then FINISHED; ERROR when its video failed the checks; EXPIRED ``container_ttl`` seconds after
creation unless published; PUBLISHED after media_publish. Image problems are refused at once,
as Meta does; video problems surface as an ERROR status, as Meta's asynchronous processing does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from postloom.sandbox import instagram_media as checks
from postloom.sandbox.instagram_access import ig_user, not_found, reachable
from postloom.sandbox.instagram_http import (
    GraphError,
    Reply,
    Request,
    as_bool,
    as_list,
    json_reply,
    pick_fields,
    split_version,
)
from postloom.sandbox.instagram_media import Fault, MediaInfo
from postloom.sandbox.instagram_state import (
    INSTAGRAM_LOGIN,
    Container,
    IGUser,
    Media,
    Published,
    Token,
    iso,
    new_shortcode,
)

if TYPE_CHECKING:
    from postloom.sandbox.instagram_api import InstagramSim

VIDEO_KINDS = frozenset({"VIDEO", "REELS", "STORY_VIDEO"})
_STATUS_TEXT = {
    "IN_PROGRESS": "In Progress: Media is still being processed.",
    "FINISHED": "Finished: Media has been uploaded and it is ready to be published.",
    "PUBLISHED": "Published: Media has been successfully published.",
    "EXPIRED": "Expired: Media was not published within 24 hours.",
}
# What a published container becomes: (media_type, media_product_type).
_MEDIA_TYPES = {
    "IMAGE": ("IMAGE", "FEED"),
    "VIDEO": ("VIDEO", "FEED"),
    "REELS": ("VIDEO", "REELS"),
    "STORY_IMAGE": ("IMAGE", "STORY"),
    "STORY_VIDEO": ("VIDEO", "STORY"),
    "CAROUSEL": ("CAROUSEL_ALBUM", "FEED"),
}


def _error(fault: Fault) -> GraphError:
    return GraphError(fault.code, fault.message, subcode=fault.subcode)


def _owner(sim: InstagramSim, request: Request) -> tuple[Token, IGUser]:
    ig_id = [p for p in split_version(request.path)[1].split("/") if p][0]
    token, user = ig_user(sim, request, ig_id)
    scope = "instagram_business_content_publish"
    if token.variant != INSTAGRAM_LOGIN:
        scope = "instagram_content_publish"
    if scope not in token.scopes:
        raise GraphError(10, f"Application does not have permission for this action ({scope})")
    return token, user


# --- POST /{ig_id}/media ----------------------------------------------------------------


def create_container(sim: InstagramSim, request: Request) -> Reply:
    _token, user = _owner(sim, request)
    params = request.params
    media_type = str(params.get("media_type", "")).upper()
    is_item = as_bool(params.get("is_carousel_item", False))
    image_url, video_url = request.param("image_url"), request.param("video_url")
    kind = _kind(media_type, is_item, image_url, video_url)
    caption = (
        request.param("caption") if kind in ("IMAGE", "REELS", "CAROUSEL") and not is_item else ""
    )
    fault = checks.check_caption(caption)
    if fault:
        raise _error(fault)
    if len(request.param("alt_text")) > 1000:
        raise GraphError(100, "The alt_text parameter must be 1000 characters or fewer.")
    children = as_list(params.get("children")) if kind == "CAROUSEL" else []
    if kind == "CAROUSEL":
        _check_children(sim, user, children)
    error = None if kind == "CAROUSEL" else _check_media(sim, kind, image_url or video_url)
    cover_url = request.param("cover_url") if kind == "REELS" else ""
    if cover_url:
        _check_cover(sim, cover_url)
    with sim.lock:
        polls = sim.polls_until_finished.get(kind, 0)
        if sim.stuck_containers > 0:
            sim.stuck_containers -= 1
            polls = -1
        container = Container(
            container_id=sim.ids.next(),
            ig_id=user.ig_id,
            kind=kind,
            created_at=sim.now(),
            caption=caption,
            media_url=image_url or video_url,
            cover_url=cover_url,
            alt_text=request.param("alt_text"),
            is_carousel_item=is_item,
            children=children,
            share_to_feed=as_bool(params.get("share_to_feed", True)),
            polls_left=polls,
            error=error,
        )
        sim.containers[container.container_id] = container
    return json_reply({"id": container.container_id})


def _kind(media_type: str, is_item: bool, image_url: str, video_url: str) -> str:
    if media_type == "CAROUSEL":
        return "CAROUSEL"
    if media_type == "STORIES" and not is_item:
        if image_url or video_url:
            return "STORY_IMAGE" if image_url else "STORY_VIDEO"
        raise GraphError(100, "The parameter image_url or video_url is required")
    if media_type == "REELS" and not is_item:
        if not video_url:
            raise GraphError(100, "The parameter video_url is required")
        return "REELS"
    if media_type == "VIDEO" and is_item and video_url:
        return "VIDEO"
    if media_type in ("", "IMAGE") and image_url:
        return "IMAGE"
    if media_type == "" and not image_url and not video_url:
        raise GraphError(100, "The parameter image_url is required")
    # Feed VIDEO (non-reel) is no longer supported; reels and stories cannot be album items.
    raise GraphError(100, "The media type is not supported.", subcode=2207023)


def _check_children(sim: InstagramSim, user: IGUser, children: list[str]) -> None:
    if not 2 <= len(children) <= 10:
        raise GraphError(100, "The carousel must have between 2 and 10 items.", subcode=2207028)
    now = sim.now()
    with sim.lock:
        for child_id in children:
            child = sim.containers.get(child_id)
            if child is None or child.ig_id != user.ig_id or not child.is_carousel_item:
                raise GraphError(
                    24, f"The media with id {child_id} cannot be found.", subcode=2207006
                )
            status = child.status(now, sim.container_ttl)
            if status == "IN_PROGRESS":
                raise _not_ready()
            if status == "EXPIRED":
                raise _expired(child_id)
            if status != "FINISHED":
                raise _create_failed()


def _media_info(sim: InstagramSim, url: str, limit: int) -> MediaInfo | Fault | None:
    """A fixture, a download, or None when fetching is off (everything is accepted)."""
    fixture = sim.media_fixtures.get(url)
    if fixture is not None:
        if fixture.get("unreachable"):
            return checks.UNREACHABLE
        if fixture.get("timeout"):
            return checks.FETCH_TIMEOUT
        return MediaInfo.from_fixture(fixture)
    if not url.startswith(("http://", "https://")):
        return checks.UNREACHABLE
    if not sim.fetch_media:
        return None
    return checks.fetch(url, timeout=sim.media_fetch_timeout, limit=limit)


def _check_media(sim: InstagramSim, kind: str, url: str) -> tuple[int, str] | None:
    """Image faults are raised now; a video fault is returned, to become an ERROR status."""
    is_video = kind in VIDEO_KINDS
    info = _media_info(sim, url, checks.MAX_REEL_BYTES if is_video else checks.MAX_IMAGE_BYTES)
    if isinstance(info, Fault):
        raise _error(info)
    if info is None:
        return None
    if not is_video:
        fault = checks.check_image(info, feed=kind == "IMAGE")
        if fault:
            raise _error(fault)
        return None
    fault = checks.check_video(info, story=kind == "STORY_VIDEO")
    return (fault.subcode, fault.message) if fault else None


def _check_cover(sim: InstagramSim, url: str) -> None:
    info = _media_info(sim, url, checks.MAX_IMAGE_BYTES)
    if isinstance(info, Fault):
        raise _error(info)
    fault = checks.check_image(info, feed=False) if info is not None else None
    if fault:
        raise _error(fault)


# --- GET /{container_id} ----------------------------------------------------------------


def container_status(sim: InstagramSim, request: Request, token: Token, container_id: str) -> Reply:
    with sim.lock:
        container = sim.containers[container_id]
        if not reachable(sim, token, container.ig_id):
            raise not_found(container_id)
        status = container.status(sim.now(), sim.container_ttl)
        if status == "IN_PROGRESS" and container.polls_left > 0:
            container.polls_left -= 1
        text = _STATUS_TEXT.get(status, "")
        if container.error:
            text = f"Error: Media upload has failed with error code {container.error[0]}"
        body: dict[str, Any] = {"id": container_id, "status_code": status, "status": text}
        if container.media_id:
            body["media_id"] = container.media_id
    return json_reply(pick_fields(body, request.param("fields"), ("status_code",)))


# --- POST /{ig_id}/media_publish ---------------------------------------------------------


def media_publish(sim: InstagramSim, request: Request) -> Reply:
    _token, user = _owner(sim, request)
    creation_id = request.param("creation_id")
    with sim.lock:
        now = sim.now()
        container = sim.containers.get(creation_id)
        if container is None or container.ig_id != user.ig_id or container.is_carousel_item:
            raise _expired(creation_id)
        _check_publishable(container.status(now, sim.container_ttl), creation_id)
        used = [t for t in user.publish_times if t > now - sim.quota_duration]
        if len(used) >= sim.quota_total:
            raise GraphError(
                9,
                "The user has reached the maximum number of posts allowed by the "
                f"Content Publishing API ({sim.quota_total} in 24 hours).",
                subcode=2207042,
                user_title="Too many posts",
            )
        media = _publish(sim, user, container, now)
        user.publish_times = [*used, now]
    return json_reply({"id": media.media_id})


def _expired(creation_id: str) -> GraphError:
    return GraphError(
        24,
        f"The media builder with creation id {creation_id} does not exist or has expired.",
        subcode=2207008,
    )


def _not_ready() -> GraphError:
    return GraphError(
        9007, "The media is not ready for publishing, please wait for a moment", subcode=2207027
    )


def _create_failed() -> GraphError:
    return GraphError(
        -1, "Create media failed, please try to re-create media", subcode=2207032, transient=True
    )


def _check_publishable(status: str, creation_id: str) -> None:
    if status == "EXPIRED":
        raise _expired(creation_id)
    if status == "IN_PROGRESS":
        raise _not_ready()
    if status == "ERROR":
        raise _create_failed()
    if status == "PUBLISHED":
        raise GraphError(100, "This media has already been published.")


def _publish(sim: InstagramSim, user: IGUser, container: Container, now: float) -> Media:
    children = [sim.containers[c] for c in container.children]
    media = _new_media(sim, user, container, now, is_child=False)
    media.children = [_new_media(sim, user, c, now, is_child=True).media_id for c in children]
    if children:
        media.media_url = children[0].media_url
    container.media_id = media.media_id
    urls = tuple(c.media_url for c in children) or (container.media_url,)
    sim.published.append(
        Published(
            user.ig_id,
            container.container_id,
            media.media_id,
            container.caption,
            container.kind,
            urls,
            iso(now),
        )
    )
    return media


def _new_media(
    sim: InstagramSim, user: IGUser, container: Container, now: float, *, is_child: bool
) -> Media:
    media_type, product = _MEDIA_TYPES[container.kind]
    media = Media(
        media_id=sim.ids.next(),
        ig_id=user.ig_id,
        media_type=media_type,
        product_type=product,
        caption=container.caption,
        media_url=container.media_url,
        shortcode=new_shortcode(),
        timestamp=now,
        thumbnail_url=container.cover_url,
        is_child=is_child,
    )
    sim.media[media.media_id] = media
    if not is_child:
        user.media.append(media.media_id)
    return media


# --- GET /{ig_id}/content_publishing_limit ----------------------------------------------


def publishing_limit(sim: InstagramSim, request: Request) -> Reply:
    ig_id = [p for p in split_version(request.path)[1].split("/") if p][0]
    _token, user = ig_user(sim, request, ig_id)
    with sim.lock:
        now = sim.now()
        usage = sum(1 for t in user.publish_times if t > now - sim.quota_duration)
    entry: dict[str, Any] = {"quota_usage": usage}
    if "config" in request.param("fields"):
        entry["config"] = {"quota_total": sim.quota_total, "quota_duration": sim.quota_duration}
    return json_reply({"data": [entry]})
