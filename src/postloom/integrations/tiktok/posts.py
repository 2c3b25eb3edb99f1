"""What a TikTok post sends (post_info, source_info) and what is refused before sending it.

TikTok's audit rules (platform-apis.md §2.12) are enforced here rather than trusted to the
screen: a privacy level must have been chosen and be one the creator offers; comments, duets
and stitches are off unless allowed, and forced off where the creator disabled them;
branded content cannot be private; a video may not be longer than the creator may post.
Text is never shortened: the approved caption is exactly what is posted, or nothing.
"""

from __future__ import annotations

import os
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from postloom.integrations.networks.base import (
    CreatorInfo,
    ErrorCode,
    MediaItem,
    NetworkError,
    PublishRequest,
    TikTokOptions,
)

Json = dict[str, Any]

VIDEO_TITLE_MAX = 2200  # UTF-16 code units, as TikTok counts
PHOTO_TITLE_MAX = 90
PHOTO_DESCRIPTION_MAX = 4000
PHOTO_IMAGES_MAX = 35
PHOTO_TYPES = frozenset({"image/jpeg", "image/webp"})
PHOTO_EXTENSIONS = frozenset({".jpg", ".jpeg", ".webp"})
VIDEO_TYPES = {".mp4": "video/mp4", ".mov": "video/quicktime", ".webm": "video/webm"}
SELF_ONLY = "SELF_ONLY"


def refuse(code: ErrorCode, message: str, vendor_code: str = "") -> NetworkError:
    return NetworkError(code, message, permanent=True, vendor_code=vendor_code)


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def chosen_options(request: PublishRequest) -> TikTokOptions:
    """The person's choices; TikTok forbids a default audience, so none chosen is refused."""
    options = request.tiktok
    if options is None or not options.privacy_level:
        raise refuse(ErrorCode.INVALID_REQUEST, "Choose who can see the TikTok post first")
    if options.commercial and not (options.your_brand or options.branded_content):
        raise refuse(ErrorCode.INVALID_REQUEST, "Say whether the post promotes your own brand, "
                     "a third party, or both")  # fmt: skip
    if options.commercial and options.branded_content and options.privacy_level == SELF_ONLY:
        raise refuse(ErrorCode.INVALID_REQUEST, "Branded content can't be private ('Only me')")
    return options


def check_privacy(options: TikTokOptions, info: CreatorInfo) -> None:
    if options.privacy_level not in info.privacy_level_options:
        raise refuse(ErrorCode.INVALID_REQUEST, "The chosen audience is not one this TikTok "
                     "account offers", "privacy_level_option_mismatch")  # fmt: skip


def check_text(text: str, limit: int, what: str) -> None:
    if utf16_length(text) > limit:
        raise refuse(ErrorCode.CAPTION_REJECTED, f"The {what} is longer than TikTok's "
                     f"{limit} characters")  # fmt: skip


def brand_toggles(options: TikTokOptions) -> Json:
    return {
        "brand_content_toggle": options.commercial and options.branded_content,
        "brand_organic_toggle": options.commercial and options.your_brand,
    }


# --- Video --------------------------------------------------------------------------------


def video_file(request: PublishRequest) -> tuple[MediaItem, int]:
    """The one video to upload and its size; it and the caption are checked before TikTok is
    asked anything."""
    videos = [item for item in request.items if item.kind == "video"]
    if len(videos) != 1 or len(request.items) != 1:
        raise refuse(ErrorCode.INVALID_REQUEST, "A TikTok video post needs exactly one video")
    item = videos[0]
    try:
        size = os.path.getsize(item.path) if item.path else -1
    except OSError:
        size = -1
    if size <= 0:
        raise refuse(ErrorCode.MEDIA_REJECTED, "The video file is missing or empty")
    check_text(request.caption or request.title, VIDEO_TITLE_MAX, "caption")
    return item, size


def video_size(request: PublishRequest) -> int:
    """The bytes the video's upload declares (0 when the file cannot be found now)."""
    videos = [item for item in request.items if item.kind == "video"]
    if len(videos) != 1:
        return 0
    try:
        return os.path.getsize(videos[0].path) if videos[0].path else videos[0].size
    except OSError:
        return videos[0].size


def check_duration(item: MediaItem, info: CreatorInfo) -> None:
    limit = info.max_video_post_duration_sec
    if limit and item.duration > limit:
        raise refuse(ErrorCode.MEDIA_REJECTED, f"The video is longer than this TikTok account "
                     f"may post ({limit} seconds)", "duration_check_failed")  # fmt: skip


def video_content_type(item: MediaItem) -> str:
    if item.mime in VIDEO_TYPES.values():
        return item.mime
    return VIDEO_TYPES.get(PurePosixPath(item.path).suffix.lower(), "video/mp4")


def video_post_info(request: PublishRequest, options: TikTokOptions, info: CreatorInfo) -> Json:
    return {
        "privacy_level": options.privacy_level,
        "title": request.caption or request.title,
        "disable_comment": info.comment_disabled or not options.allow_comment,
        "disable_duet": info.duet_disabled or not options.allow_duet,
        "disable_stitch": info.stitch_disabled or not options.allow_stitch,
        **brand_toggles(options),
        "is_aigc": options.is_aigc,
    }


# --- Photos -------------------------------------------------------------------------------


def check_photos(request: PublishRequest) -> None:
    items = request.items
    if not 1 <= len(items) <= PHOTO_IMAGES_MAX or any(i.kind != "image" for i in items):
        raise refuse(ErrorCode.INVALID_REQUEST, f"A TikTok photo post needs 1 to "
                     f"{PHOTO_IMAGES_MAX} pictures")  # fmt: skip
    for item in items:
        suffix = PurePosixPath(urlsplit(item.url).path).suffix.lower()
        wrong_type = item.mime and item.mime not in PHOTO_TYPES
        if not item.url or wrong_type or (not item.mime and suffix and suffix not in
                                          PHOTO_EXTENSIONS):  # fmt: skip
            raise refuse(ErrorCode.MEDIA_REJECTED, "TikTok takes JPEG or WebP pictures only")
    check_text(request.title, PHOTO_TITLE_MAX, "title")
    check_text(request.caption, PHOTO_DESCRIPTION_MAX, "description")


def photo_body(request: PublishRequest, options: TikTokOptions, info: CreatorInfo,
               *, auto_add_music: bool) -> Json:  # fmt: skip
    urls = [item.url for item in request.items]
    cover = urls.index(request.cover.url) if request.cover and request.cover.url in urls else 0
    return {
        "post_info": {
            "title": request.title,
            "description": request.caption,
            "disable_comment": info.comment_disabled or not options.allow_comment,
            "privacy_level": options.privacy_level,
            "auto_add_music": auto_add_music,
            **brand_toggles(options),
        },
        "source_info": {
            "source": "PULL_FROM_URL",
            "photo_cover_index": cover,
            "photo_images": urls,
        },  # fmt: skip
        "post_mode": "DIRECT_POST",
        "media_type": "PHOTO",
    }
