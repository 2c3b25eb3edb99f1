"""Fixtures and helpers for the pre-flight and media tests (imported by name, not a conftest:
the publishing tests of others share this folder): posts with real files in a per-test media
folder, and tiny pictures and videos made here."""

from __future__ import annotations

import io
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import translation
from PIL import Image

from postloom.brands.models import Business
from postloom.render.video_encode import ffmpeg_executable
from postloom.studio.models import Format, Pillar, Post, PostMedia

VIDEOS: dict[tuple[Any, ...], bytes] = {}  # made once per test run: ffmpeg is the slow part


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.BASE_URL = "https://postloom.example"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


def picture(
    size: tuple[int, int] = (1080, 1350),
    fmt: str = "JPEG",
    mode: str = "RGB",
    color: Any = (200, 120, 40),
    **save: Any,
) -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, color).save(out, fmt, **save)
    return out.getvalue()


def clip(
    seconds: float = 3.2,
    size: tuple[int, int] = (360, 640),
    fps: int = 30,
    *,
    codec: str = "libx264",
    pix_fmt: str = "yuv420p",
    audio: bool = True,
    faststart: bool = True,
    container: str = "mp4",
) -> bytes:
    """A small test-pattern video from the bundled ffmpeg (cached for the run)."""
    key = (seconds, size, fps, codec, pix_fmt, audio, faststart, container)
    if key not in VIDEOS:
        VIDEOS[key] = _make_clip(*key)
    return VIDEOS[key]


def _make_clip(
    seconds: float, size: tuple[int, int], fps: int, codec: str, pix_fmt: str, audio: bool,
    faststart: bool, container: str,
) -> bytes:  # fmt: skip
    import tempfile

    with tempfile.TemporaryDirectory() as work:
        out = Path(work) / f"clip.{container}"
        args = [
            ffmpeg_executable(), "-hide_banner", "-loglevel", "error", "-y",
            "-f", "lavfi", "-i", f"testsrc=size={size[0]}x{size[1]}:rate={fps}",
        ]  # fmt: skip
        if audio:
            args += ["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100"]
        args += ["-t", str(seconds), "-c:v", codec, "-pix_fmt", pix_fmt]
        if codec == "libx264":
            args += ["-preset", "ultrafast"]
        if audio:
            args += ["-c:a", "aac" if container != "webm" else "libopus", "-shortest"]
        if faststart and container == "mp4":
            args += ["-movflags", "+faststart"]
        args.append(str(out))
        subprocess.run(args, check=True, capture_output=True)
        return out.read_bytes()


AddMedia = Callable[..., PostMedia]


@pytest.fixture
def add_media() -> AddMedia:
    def add(post: Post, data: bytes, kind: str = PostMedia.Kind.IMAGE, ext: str = "") -> PostMedia:
        ext = ext or ("mp4" if kind == PostMedia.Kind.VIDEO else "jpg")
        name = default_storage.save(
            f"studio/{post.business_id}/{post.pk}/m.{ext}", ContentFile(data)
        )
        return PostMedia.objects.create(
            post=post, kind=kind, file=name, position=post.media.count()
        )

    return add


MakePost = Callable[..., Post]


@pytest.fixture
def make_post(business: Business, add_media: AddMedia) -> MakePost:
    """A post with the given media: bytes are pictures, ("video", bytes) videos,
    ("cover", bytes) a reel's cover."""

    def make(*media: bytes | tuple[str, bytes], **fields: Any) -> Post:
        values: dict[str, Any] = {
            "format": Format.FEED_IMAGE,
            "pillar": Pillar.TIPS,
            "caption": "Three ways to enjoy palm sugar coffee at home.",
            "hashtags": ["kopi", "#bandung"],
            "headline": "Palm sugar coffee",
            "alt_text": "A glass of iced coffee",
            **fields,
        }
        post = Post.objects.create(business=business, **values)
        for item in media:
            if isinstance(item, tuple):
                kind, data = item
                add_media(post, data, kind)
            else:
                add_media(post, item)
        return post

    return make
