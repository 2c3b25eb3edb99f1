"""What Instagram checks about the media and caption of a new container (platform-apis §1.4).

Meta downloads ``image_url`` / ``video_url`` when the container is created. The simulator does
the same over HTTP, or reads a URL → metadata fixture, and applies the published limits: JPEG
only, at most 8 MiB, aspect 4:5 to 1.91:1 for feed images; MP4/MOV with the ``moov`` atom in
front for video; caption at most 2,200 characters, 30 hashtags and 20 @-mentions.
"""

from __future__ import annotations

import io
import re
import struct
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

from postloom.sandbox import mp4

MIB = 1024 * 1024
MAX_IMAGE_BYTES = 8 * MIB
MAX_REEL_BYTES = 300 * MIB
MAX_STORY_VIDEO_BYTES = 100 * MIB
MIN_RATIO, MAX_RATIO = 0.8, 1.91
MAX_CAPTION, MAX_HASHTAGS, MAX_MENTIONS = 2200, 30, 20
REEL_SECONDS = (3.0, 900.0)
STORY_SECONDS = (3.0, 60.0)

_HASHTAG = re.compile(r"(?<![\w#])#\w+")
_MENTION = re.compile(r"(?<![\w@])@[\w.]+")


@dataclass(frozen=True)
class MediaInfo:
    """What the simulator learned about one file (also the shape of a fixture entry)."""

    format: str  # jpeg | png | gif | webp | mp4 | unknown
    size: int
    width: int = 0
    height: int = 0
    duration: float = 0.0  # seconds; 0 = unknown
    moov_first: bool = True

    @classmethod
    def from_fixture(cls, data: dict[str, Any]) -> MediaInfo:
        return cls(
            format=str(data.get("format", "jpeg")).lower(),
            size=int(data.get("bytes", data.get("size", 100_000))),
            width=int(data.get("width", 1080)),
            height=int(data.get("height", 1080)),
            duration=float(data.get("duration", 0.0)),
            moov_first=bool(data.get("moov_first", True)),
        )


@dataclass(frozen=True)
class Fault:
    """A refusal in Graph's terms: code, subcode and Meta's message."""

    code: int
    subcode: int
    message: str


UNREACHABLE = Fault(9004, 2207052, "Media could not be fetched from this URI")
FETCH_TIMEOUT = Fault(-2, 2207003, "Timeout while downloading the media")
TOO_BIG = Fault(36000, 2207004, "The image size is too large.")
BAD_FORMAT = Fault(36001, 2207005, "The image format is not supported.")
BAD_RATIO = Fault(36003, 2207009, "The submitted image with aspect ratio is not supported.")
LONG_CAPTION = Fault(36004, 2207010, "The caption is too long or has too many hashtags.")
MENTIONS = Fault(100, 2207040, "Cannot use more than 20 tags per created media.")
BAD_VIDEO = Fault(352, 2207026, "The video format is not supported. Please check the spec.")


def fetch(url: str, *, timeout: float, limit: int) -> MediaInfo | Fault:
    """Download up to ``limit`` + 1 bytes: enough to tell "too big" without reading it all."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310
            data = response.read(limit + 1)
    except TimeoutError:
        return FETCH_TIMEOUT
    except (urllib.error.URLError, OSError, ValueError) as exc:
        if isinstance(getattr(exc, "reason", None), TimeoutError):
            return FETCH_TIMEOUT
        return UNREACHABLE
    return inspect(data)


def inspect(data: bytes) -> MediaInfo:
    if data.startswith(b"\xff\xd8\xff"):
        width, height = _image_size(data)
        return MediaInfo("jpeg", len(data), width, height)
    if data.startswith(b"\x89PNG"):
        width, height = _image_size(data)
        return MediaInfo("png", len(data), width, height)
    if data[:4] == b"GIF8":
        return MediaInfo("gif", len(data))
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return MediaInfo("webp", len(data))
    if data[4:8] == b"ftyp":
        return _inspect_mp4(data)
    return MediaInfo("unknown", len(data))


def check_image(info: MediaInfo, *, feed: bool) -> Fault | None:
    """Feed and carousel images must fit the 4:5–1.91:1 range; stories are cropped instead."""
    if info.format != "jpeg":
        return BAD_FORMAT
    if info.size > MAX_IMAGE_BYTES:
        return TOO_BIG
    if feed and info.width and info.height:
        ratio = info.width / info.height
        if not MIN_RATIO - 0.005 <= ratio <= MAX_RATIO + 0.005:
            return BAD_RATIO
    return None


def check_video(info: MediaInfo, *, story: bool) -> Fault | None:
    if info.format != "mp4" or not info.moov_first:
        return BAD_VIDEO
    if info.size > (MAX_STORY_VIDEO_BYTES if story else MAX_REEL_BYTES):
        return BAD_VIDEO
    low, high = STORY_SECONDS if story else REEL_SECONDS
    if info.duration and not low <= info.duration <= high:
        return BAD_VIDEO
    return None


def check_caption(caption: str) -> Fault | None:
    if len(caption) > MAX_CAPTION or len(_HASHTAG.findall(caption)) > MAX_HASHTAGS:
        return LONG_CAPTION
    if len(_MENTION.findall(caption)) > MAX_MENTIONS:
        return MENTIONS
    return None


def _image_size(data: bytes) -> tuple[int, int]:
    from PIL import Image  # only the simulator needs Pillow here; keep import cost off start-up

    try:
        with Image.open(io.BytesIO(data)) as image:
            return image.size
    except Exception:  # noqa: BLE001  (a corrupt file has no size; the format check decides)
        return 0, 0


def _inspect_mp4(data: bytes) -> MediaInfo:
    """Walk the top-level boxes: ``moov`` must come before ``mdat`` (fast start)."""
    order: list[str] = []
    duration, width, height = 0.0, 0, 0
    for kind, payload in mp4.boxes(data):
        name = kind.decode("latin-1")
        order.append(name)
        if name == "moov":
            duration = mp4.movie_duration(payload) or 0.0
            width, height = _video_size(payload)
    moov_first = "moov" in order and (
        "mdat" not in order or order.index("moov") < order.index("mdat")
    )
    return MediaInfo("mp4", len(data), width, height, duration, moov_first)


def _video_size(moov: bytes) -> tuple[int, int]:
    """Width and height from the first sized ``tkhd``: audio tracks have no size."""
    start = 0
    while (index := moov.find(b"tkhd", start)) >= 4:
        box_end = index - 4 + struct.unpack(">I", moov[index - 4 : index])[0]
        w, h = struct.unpack(">II", moov[box_end - 8 : box_end])
        if w and h:
            return w >> 16, h >> 16
        start = index + 4
    return 0, 0
