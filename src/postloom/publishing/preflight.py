"""Pre-flight: a post made ready for one network before any call to it, or refused with why.

    request = build_request(post, "instagram", None)    # PublishRequest, or PreflightError

It maps the post's format to what the network publishes (``Kind``), fixes what is safe to fix
(pictures to sRGB JPEG within the size and aspect rules, videos re-encoded when they do not meet
the spec), refuses the rest with a message for the shop owner, and fills every ``MediaItem``
with a signed public URL (media_links.py), its local path, size and shape.

The publisher calls ``prepare`` once per publication: besides the request it gives what
``restore`` needs to make the same request again on a later attempt without converting,
probing or hashing anything (preflight_saved.py), only with fresh signed URLs. The files it
derives are named after the originals they were made from (see preflight_files.py), so a
derived file can only stand for those bytes; an original that meets the spec is sent as it
is, unhashed. ``release(request)`` removes temporary downloads (S3 storage only) when the
attempt is over.

Cross-posting: a reel may go to TikTok as a video and a TikTok video to Instagram as a reel; a
feed picture or carousel goes to TikTok as a photo post; a TikTok photo post goes to Instagram
as a feed picture (one image) or a carousel. Stories exist on Instagram only.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from postloom.integrations.ai import limits
from postloom.integrations.networks.base import (
    CreatorInfo,
    Kind,
    MediaItem,
    PublishRequest,
    TikTokOptions,
)
from postloom.publishing import preflight_files as files
from postloom.publishing import preflight_images as images
from postloom.publishing import preflight_saved as saved
from postloom.publishing import preflight_text as text
from postloom.publishing import preflight_video as video
from postloom.publishing.media_links import DEFAULT_EXPIRY, media_url
from postloom.publishing.preflight_errors import PreflightError, refuse
from postloom.studio.models import Format, Post, PostMedia

__all__ = ["Prepared", "PreflightError", "build_request", "kind_for", "prepare", "release",
           "restore"]  # fmt: skip

release = files.release
restore = saved.restore

CAROUSEL_MIN, CAROUSEL_MAX = 2, 10
TIKTOK_PHOTOS_MAX = 35
PRIVATE = "SELF_ONLY"

_KINDS: dict[tuple[str, str], Kind] = {
    ("instagram", Format.FEED_IMAGE): Kind.FEED_IMAGE,
    ("instagram", Format.CAROUSEL): Kind.CAROUSEL,
    ("instagram", Format.STORY): Kind.STORY,
    ("instagram", Format.REEL): Kind.REEL,
    ("instagram", Format.TIKTOK_VIDEO): Kind.REEL,
    ("tiktok", Format.TIKTOK_VIDEO): Kind.TIKTOK_VIDEO,
    ("tiktok", Format.REEL): Kind.TIKTOK_VIDEO,
    ("tiktok", Format.TIKTOK_PHOTO): Kind.TIKTOK_PHOTO,
    ("tiktok", Format.FEED_IMAGE): Kind.TIKTOK_PHOTO,
    ("tiktok", Format.CAROUSEL): Kind.TIKTOK_PHOTO,
}


def kind_for(post_format: str, platform: str, image_count: int = 1) -> Kind | None:
    """What ``platform`` publishes for a post of ``post_format``; None where it cannot."""
    if (platform, post_format) == ("instagram", Format.TIKTOK_PHOTO):
        return Kind.CAROUSEL if image_count >= CAROUSEL_MIN else Kind.FEED_IMAGE
    return _KINDS.get((platform, post_format))


@dataclass
class _Job:
    """One build: the post, where it goes, a scratch folder for conversions (made when one
    is needed), and the stored name behind each URL signed."""

    post: Post
    platform: str
    kind: Kind
    expires_in: int
    keep_scratch: bool = False
    names: dict[str, str] = field(default_factory=dict)
    _scratch: Path | None = None

    @property
    def scratch(self) -> Path:
        if self._scratch is None:
            self._scratch = files.scratch_dir()
        return self._scratch

    def clean_up(self) -> None:
        if self._scratch is not None and not self.keep_scratch:
            shutil.rmtree(self._scratch, ignore_errors=True)


@dataclass(frozen=True)
class Prepared:
    request: PublishRequest
    saved: dict[str, Any]  # for ``restore`` on a later attempt ({}: nothing worth keeping)


def build_request(
    post: Post,
    platform: str,
    tiktok: TikTokOptions | None,
    *,
    creator: CreatorInfo | None = None,
    expires_in: int = DEFAULT_EXPIRY,
) -> PublishRequest:
    """The request ``platform``'s client sends for ``post``; PreflightError when it cannot be
    made. ``creator`` (TikTok's creator_info, asked just before) adds its limits: the longest
    video, the privacy choices offered, comments/duets/stitches turned off by the creator."""
    return prepare(post, platform, tiktok, creator=creator, expires_in=expires_in).request


def prepare(
    post: Post,
    platform: str,
    tiktok: TikTokOptions | None,
    *,
    creator: CreatorInfo | None = None,
    expires_in: int = DEFAULT_EXPIRY,
    media: list[PostMedia] | None = None,
) -> Prepared:
    """``build_request``, with what a later attempt needs to make the same request again.
    ``media``: the post's media in order, when the caller read them already."""
    if media is None:
        media = list(PostMedia.objects.filter(post_id=post.pk).order_by("position", "id"))
    pictures = [m for m in media if m.kind == PostMedia.Kind.IMAGE]
    kind = kind_for(post.format, platform, len(pictures))
    if kind is None:
        network = "TikTok" if platform == "tiktok" else "Instagram"
        raise refuse("format_not_supported", format=post.get_format_display(), network=network)
    if not [m for m in media if m.kind != PostMedia.Kind.COVER]:
        raise refuse("no_media")
    options = _tiktok_options(kind, tiktok, creator)
    words = _words(post, kind, platform)  # cheap checks first: no conversion is wasted
    job = _Job(post, platform, kind, expires_in)
    try:
        request = _build(job, media, creator)
    finally:
        job.clean_up()
    request = replace(
        request, tiktok=options, caption=words.caption, title=words.title, alt_text=words.alt_text
    )
    return Prepared(request, saved.save(request, job.names))


def _build(job: _Job, media: list[PostMedia], creator: CreatorInfo | None) -> PublishRequest:
    pictures = [m for m in media if m.kind == PostMedia.Kind.IMAGE]
    videos = [m for m in media if m.kind == PostMedia.Kind.VIDEO]
    covers = [m for m in media if m.kind == PostMedia.Kind.COVER]
    kind = job.kind
    items: tuple[MediaItem, ...]
    if kind == Kind.FEED_IMAGE:
        _expect_pictures(pictures, videos, exactly=1)
        items = (_picture(job, pictures[0], images.INSTAGRAM_FEED, 1),)
    elif kind == Kind.CAROUSEL:
        items = _carousel(job, [m for m in media if m.kind != PostMedia.Kind.COVER])
    elif kind == Kind.STORY:
        items = (_story_item(job, [*videos, *pictures]),)
    elif kind == Kind.TIKTOK_PHOTO:
        _expect_pictures(pictures, videos, exactly=None)
        if len(pictures) > TIKTOK_PHOTOS_MAX:
            raise refuse("too_many_photos", count=len(pictures), maximum=TIKTOK_PHOTOS_MAX)
        items = tuple(
            _picture(job, m, images.TIKTOK_PHOTO, n) for n, m in enumerate(pictures, start=1)
        )
    else:  # REEL, TIKTOK_VIDEO
        items = (_one_video(job, videos, creator),)
    cover = None
    if kind == Kind.REEL and covers:
        cover = _picture(job, covers[0], images.INSTAGRAM_COVER, 1, cover=True)
    return PublishRequest(kind=kind, items=items, cover=cover)


def _expect_pictures(
    pictures: list[PostMedia], videos: list[PostMedia], *, exactly: int | None
) -> None:
    if not pictures:
        raise refuse("needs_pictures")
    if videos:
        raise refuse("no_videos_here")
    if exactly is not None and len(pictures) != exactly:
        raise refuse("needs_one_picture", count=len(pictures))


def _carousel(job: _Job, items: list[PostMedia]) -> tuple[MediaItem, ...]:
    if len(items) < CAROUSEL_MIN:
        raise refuse("carousel_too_small", count=len(items), minimum=CAROUSEL_MIN)
    if len(items) > CAROUSEL_MAX:
        raise refuse("carousel_too_big", count=len(items), maximum=CAROUSEL_MAX)
    built: list[MediaItem] = []
    spec = images.INSTAGRAM_FEED
    for position, media in enumerate(items, start=1):
        if media.kind == PostMedia.Kind.VIDEO:
            built.append(_video(job, media, video.CAROUSEL))
            continue
        item = _picture(job, media, spec, position)
        if spec is images.INSTAGRAM_FEED and not any(i.kind == "image" for i in built):
            # Instagram shows every picture at the first one's ratio: hold the rest to it.
            spec = images.INSTAGRAM_FEED.with_ratio(item.width / item.height)
        built.append(item)
    return tuple(built)


def _story_item(job: _Job, items: list[PostMedia]) -> MediaItem:
    if len(items) != 1:
        raise refuse("story_needs_one", count=len(items))
    media = items[0]
    if media.kind == PostMedia.Kind.VIDEO:
        return _video(job, media, video.STORY)
    return _picture(job, media, images.INSTAGRAM_STORY, 1)


def _one_video(job: _Job, videos: list[PostMedia], creator: CreatorInfo | None) -> MediaItem:
    if len(videos) != 1:
        raise refuse("needs_one_video", count=len(videos))
    if job.kind == Kind.REEL:
        return _video(job, videos[0], video.REEL)
    spec = video.TIKTOK
    if creator is not None and creator.max_video_post_duration_sec > 0:
        spec = spec.with_max_seconds(creator.max_video_post_duration_sec)
    return _video(job, videos[0], spec, need_path=True)


# --- One file ---------------------------------------------------------------------------------


def _network(job: _Job) -> str:
    return "TikTok" if job.platform == "tiktok" else "Instagram"


def _picture(
    job: _Job, media: PostMedia, spec: images.ImageSpec, position: int, *, cover: bool = False
) -> MediaItem:
    name = media.file.name or ""
    data = _read(name)
    try:
        as_is = images.accepted_as_is(data, spec)
        if as_is is not None:  # nothing to convert, so nothing to name (or hash)
            return _image_item(job, name, as_is.width, as_is.height, len(data), as_is.mime)
        derived = files.derived_name(
            job.post.business_id, job.post.pk, files.sha256_bytes(data), spec.key, "jpg"
        )
        if files.find_derived(derived):  # fixed for an earlier publication: the same bytes
            width, height, size = _stored_shape(derived)
            return _image_item(job, derived, width, height, size, "image/jpeg")
        fixed = images.fix_image(data, spec)
    except images.ImageProblem as problem:
        code = "cover_" + problem.code if cover else "image_" + problem.code
        raise refuse(code, position=position, network=_network(job), **problem.params) from None
    assert fixed.data is not None  # accepted_as_is said it needs converting
    sent = files.save_derived(derived, fixed.data)
    return _image_item(job, sent, fixed.width, fixed.height, len(fixed.data), fixed.mime)


def _stored_shape(name: str) -> tuple[int, int, int]:
    """(width, height, bytes) of a derived picture, read from its header only."""
    data = _read(name)
    shape = images.open_image(data).size
    return shape[0], shape[1], len(data)


def _image_item(job: _Job, sent: str, width: int, height: int, size: int, mime: str) -> MediaItem:
    local = files.local_path(sent)
    url = media_url(sent, expires_in=job.expires_in)
    job.names[url] = sent
    return MediaItem(
        kind="image",
        url=url,
        path=str(local) if local else "",
        size=size,
        width=width,
        height=height,
        mime=mime,
    )


def _read(name: str) -> bytes:
    try:
        return files.read_bytes(name)
    except (FileNotFoundError, OSError, ValueError):
        raise refuse("media_missing") from None


def _video(
    job: _Job, media: PostMedia, spec: video.VideoSpec, *, need_path: bool = False
) -> MediaItem:
    name = media.file.name or ""
    try:
        source = _on_disk(job, name)
    except (FileNotFoundError, OSError, ValueError):
        raise refuse("media_missing") from None
    try:
        sent, fixed = _checked_video(job, source, name, spec)
    except video.VideoProblem as problem:
        raise refuse("video_" + problem.code, network=_network(job), **problem.params) from None
    local = files.local_path(sent)
    path = local
    if path is None and need_path:  # S3: TikTok's FILE_UPLOAD needs the bytes here
        path = fixed.path
        job.keep_scratch = True
    url = media_url(sent, expires_in=job.expires_in)
    job.names[url] = sent
    return MediaItem(
        kind="video",
        url=url,
        path=str(path) if path else "",
        size=fixed.facts.size,
        width=fixed.facts.width,
        height=fixed.facts.height,
        duration=round(fixed.facts.duration, 3),
        mime="video/mp4",
    )


def _on_disk(job: _Job, name: str) -> Path:
    """The stored file as a path; a scratch folder is made only to download into."""
    local = files.local_path(name)
    return local if local is not None else files.on_disk(name, job.scratch)


def _checked_video(
    job: _Job, source: Path, name: str, spec: video.VideoSpec
) -> tuple[str, video.FixedVideo]:
    """(stored name to send, the checked file): the original when it meets the spec (it is
    not hashed then), else a derived file made earlier or a new re-encode stored as one."""
    facts, clean = video.probe_decoding(source)
    problem = video.refusal(facts, spec)
    if problem is not None:
        raise problem
    if not video.problems(facts, spec):
        if not clean:
            raise video.VideoProblem("corrupt")
        return name, video.within_size(video.FixedVideo(source, facts, False), spec)
    derived = files.derived_name(
        job.post.business_id, job.post.pk, files.sha256_file(source), spec.key, "mp4"
    )
    if files.find_derived(derived):
        earlier = _on_disk(job, derived)
        facts = video.probe(earlier)
        problem = video.refusal(facts, spec)
        if problem is not None:
            raise problem
        return derived, video.within_size(video.FixedVideo(earlier, facts, True), spec)
    fixed = video.fix_video(source, job.scratch / "fixed.mp4", spec)
    return files.save_derived(derived, fixed.path), fixed


# --- Words and TikTok's choices ----------------------------------------------------------------


@dataclass(frozen=True)
class _Words:
    caption: str = ""
    title: str = ""
    alt_text: str = ""


def _words(post: Post, kind: Kind, platform: str) -> _Words:
    """The request's caption, title and alt text, each within the network's limits."""
    network = "TikTok" if platform == "tiktok" else "Instagram"
    words = text.joined_caption(post.caption, list(post.hashtags))
    if kind == Kind.STORY:  # stories take no caption
        return _Words()
    if kind == Kind.TIKTOK_PHOTO:
        title = post.headline.strip()
        _check(text.title_problem(title, limits.TIKTOK_PHOTO.title_units or 90), network)
        _check(text.caption_problem(words, limits.TIKTOK_PHOTO), network)
        return _Words(caption=words, title=title)
    if kind == Kind.TIKTOK_VIDEO:
        _check(text.caption_problem(words, limits.TIKTOK_VIDEO), network)
        return _Words(caption=words)
    _check(text.caption_problem(words, limits.INSTAGRAM), network)
    alt = post.alt_text.strip() if kind in (Kind.FEED_IMAGE, Kind.CAROUSEL) else ""
    _check(text.alt_text_problem(alt), network)
    return _Words(caption=words, alt_text=alt)


def _check(problem: text.TextProblem | None, network: str) -> None:
    if problem is not None:
        raise refuse(problem.code, count=problem.count, limit=problem.limit, network=network)


def _tiktok_options(
    kind: Kind, options: TikTokOptions | None, creator: CreatorInfo | None
) -> TikTokOptions | None:
    """TikTok's audit rules: a privacy level the person chose among those offered, branded
    content never private, and what the creator turned off stays off."""
    if kind not in (Kind.TIKTOK_VIDEO, Kind.TIKTOK_PHOTO):
        return None
    if options is None or not options.privacy_level:
        raise refuse("tiktok_privacy_missing")
    if creator is not None and options.privacy_level not in creator.privacy_level_options:
        raise refuse("tiktok_privacy_not_offered")
    if options.commercial and not (options.your_brand or options.branded_content):
        raise refuse("tiktok_commercial_unspecified")
    if options.branded_content and options.privacy_level == PRIVATE:
        raise refuse("tiktok_branded_private")
    photo = kind == Kind.TIKTOK_PHOTO
    return replace(
        options,
        allow_comment=options.allow_comment and not (creator and creator.comment_disabled),
        allow_duet=options.allow_duet and not photo and not (creator and creator.duet_disabled),
        allow_stitch=options.allow_stitch
        and not photo
        and not (creator and creator.stitch_disabled),
    )
