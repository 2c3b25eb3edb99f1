"""Helpers for the pre-flight and media tests: tiny pictures and videos made here, and an
in-memory storage that stands in for S3 (the fixtures are in conftest.py)."""

from __future__ import annotations

import io
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from PIL import Image

from postloom.render.video_encode import ffmpeg_executable
from postloom.studio.models import Post

MakePost = Callable[..., Post]
_VIDEOS: dict[tuple[Any, ...], bytes] = {}  # made once per test run: ffmpeg is the slow part


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
    edit_list: bool = False,
) -> bytes:
    """A small test-pattern MP4 (with a 440 Hz tone) from the bundled ffmpeg, made once per
    run. By default it meets both networks' specs: its sound is muxed from ADTS, so no edit
    list is needed (``edit_list=True``: encoded in one go, as most tools do, with one)."""
    key = (seconds, size, fps, codec, pix_fmt, audio, faststart, edit_list)
    if key not in _VIDEOS:
        _VIDEOS[key] = _make_clip(*key)
    return _VIDEOS[key]


_HEAD = ["-hide_banner", "-loglevel", "error", "-y"]


def _make_clip(
    seconds: float, size: tuple[int, int], fps: int, codec: str, pix_fmt: str, audio: bool,
    faststart: bool, edit_list: bool,
) -> bytes:  # fmt: skip
    ffmpeg = ffmpeg_executable()
    with tempfile.TemporaryDirectory() as work:
        out, sound = Path(work) / "clip.mp4", Path(work) / "sound.aac"
        tone = ["-f", "lavfi", "-t", str(seconds), "-i", "sine=frequency=440:sample_rate=44100"]
        if audio and not edit_list:
            subprocess.run(
                [ffmpeg, *_HEAD, *tone, "-c:a", "aac", "-f", "adts", str(sound)],
                check=True, capture_output=True,
            )  # fmt: skip
            tone = ["-i", str(sound)]
        args = [
            ffmpeg, *_HEAD, "-f", "lavfi", "-t", str(seconds),
            "-i", f"testsrc=size={size[0]}x{size[1]}:rate={fps}", *(tone if audio else []),
            "-c:v", codec, "-pix_fmt", pix_fmt, "-bf", "0",
        ]  # fmt: skip
        if codec == "libx264":
            args += ["-preset", "ultrafast"]
        if audio:
            args += ["-c:a", "aac" if edit_list else "copy"]
        if not edit_list:
            args += ["-use_editlist", "0"]
        if faststart:
            args += ["-movflags", "+faststart"]
        subprocess.run([*args, str(out)], check=True, capture_output=True)
        return out.read_bytes()


class MemoryStorage(Storage):
    """Stands in for S3: files in memory, no local path, presigned-looking URLs."""

    files: ClassVar[dict[str, bytes]] = {}

    def _save(self, name: str, content: Any) -> str:
        content.seek(0)
        self.files[name] = content.read()
        return name

    def _open(self, name: str, mode: str = "rb") -> File[Any]:
        if name not in self.files:
            raise FileNotFoundError(name)
        return ContentFile(self.files[name], name=name)

    def exists(self, name: str) -> bool:
        return name in self.files

    def delete(self, name: str) -> None:
        self.files.pop(name, None)

    def size(self, name: str) -> int:
        return len(self.files[name])

    def url(self, name: str | None, parameters: Any = None, expire: int | None = None) -> str:
        return f"https://bucket.s3.example.com/{name}?X-Amz-Expires={expire}&X-Amz-Signature=f"
