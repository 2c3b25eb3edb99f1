"""Small media files for the Instagram tests, made in memory, and a server that hands them out
the way Postloom's signed media URLs do (the simulator downloads them like Meta would)."""

from __future__ import annotations

import functools
import io
import struct
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from wsgiref.types import StartResponse, WSGIEnvironment

from PIL import Image

from postloom.sandbox.server import serve


def jpeg(width: int = 1080, height: int = 1080, *, padding: int = 0) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 120, 40)).save(buffer, "JPEG", quality=70)
    # Bytes after the end-of-image marker: a valid picture that weighs what we need.
    return buffer.getvalue() + b"\0" * padding


def png(width: int = 1080, height: int = 1080) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (10, 120, 200)).save(buffer, "PNG")
    return buffer.getvalue()


def _box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def mp4(
    seconds: float = 8.0, *, moov_first: bool = True, width: int = 1080, height: int = 1920
) -> bytes:
    """A skeleton MP4: ftyp, moov (mvhd with the duration, tkhd with the size) and mdat."""
    ftyp = _box(b"ftyp", b"isom\0\0\2\0isomiso2avc1mp41")
    mvhd = _box(
        b"mvhd", b"\0" * 4 + b"\0" * 8 + struct.pack(">II", 1000, int(seconds * 1000)) + b"\0" * 80
    )
    tkhd_payload = b"\0" * 4 + b"\0" * 72 + struct.pack(">II", width << 16, height << 16)
    trak = _box(b"trak", _box(b"tkhd", tkhd_payload))
    moov = _box(b"moov", mvhd + trak)
    mdat = _box(b"mdat", b"\x11" * 2048)
    return ftyp + (moov + mdat if moov_first else mdat + moov)


@dataclass
class MediaServer:
    """Files by path; ``url(name)`` is what a PublishRequest carries."""

    base: str = ""
    files: dict[str, tuple[bytes, str]] = field(default_factory=dict)
    hits: list[str] = field(default_factory=list)

    def add(self, name: str, body: bytes, content_type: str) -> str:
        self.files[f"/{name}"] = (body, content_type)
        return self.url(name)

    def url(self, name: str) -> str:
        # A query like a signed URL's, so tests see the simulator ignore it when comparing.
        return f"{self.base}/{name}?sig=test-signature&exp=9999999999"

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "/")
        self.hits.append(path)
        if path not in self.files:
            start_response("404 Not Found", [("Content-Type", "text/plain")])
            return [b"not found"]
        body, content_type = self.files[path]
        start_response(
            "200 OK", [("Content-Type", content_type), ("Content-Length", str(len(body)))]
        )
        return [body]


@functools.cache
def standard_files() -> dict[str, tuple[bytes, str]]:
    """Made once per test run: the 8 MiB file and the PNG are slow to build each time."""
    return {
        "square.jpg": (jpeg(), "image/jpeg"),
        "portrait.jpg": (jpeg(1080, 1350), "image/jpeg"),
        "story.jpg": (jpeg(1080, 1920), "image/jpeg"),
        "cover.jpg": (jpeg(1080, 1920), "image/jpeg"),
        "logo.png": (png(), "image/png"),
        "huge.jpg": (jpeg(padding=8 * 1024 * 1024 + 10), "image/jpeg"),
        "banner.jpg": (jpeg(1080, 400), "image/jpeg"),
        "reel.mp4": (mp4(12.0), "video/mp4"),
        "story.mp4": (mp4(10.0), "video/mp4"),
        "slow-start.mp4": (mp4(12.0, moov_first=False), "video/mp4"),
        "notes.txt": (b"plain text, not a video", "text/plain"),
    }


@contextmanager
def media_server() -> Iterator[MediaServer]:
    server = MediaServer()
    with serve(server) as base:
        server.base = base
        for name, (body, content_type) in standard_files().items():
            server.add(name, body, content_type)
        yield server
