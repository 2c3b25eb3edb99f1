"""Media for TikTok tests: MP4-shaped videos of any size and duration, pictures, and a small
local server that hands them out by URL (as Postloom's signed media URLs would)."""

from __future__ import annotations

import io
import struct
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from wsgiref.types import StartResponse, WSGIEnvironment

from PIL import Image

from postloom.sandbox.server import serve


def _box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I4s", 8 + len(payload), kind) + payload


def mp4_bytes(size: int, seconds: float = 10.0) -> bytes:
    """Bytes that start like an MP4 (``ftyp``) with ``mvhd`` saying ``seconds``; the mdat is
    filled with a counting pattern so a misplaced chunk changes the file's hash."""
    ftyp = _box(b"ftyp", b"isom\x00\x00\x02\x00isomiso2avc1mp41")
    mvhd = struct.pack(">IIIII", 0, 0, 0, 1000, round(seconds * 1000)) + bytes(80)
    head = ftyp + _box(b"moov", _box(b"mvhd", mvhd))
    filler = size - len(head) - 8
    assert filler >= 0, "too small for an MP4 header"
    pattern = bytes(range(251)) * (filler // 251 + 1)
    return head + struct.pack(">I4s", 8 + filler, b"mdat") + pattern[:filler]


def write_video(folder: Path, size: int, seconds: float = 10.0, name: str = "reel.mp4") -> Path:
    path = folder / name
    path.write_bytes(mp4_bytes(size, seconds))
    return path


def picture(width: int = 1080, height: int = 1350, fmt: str = "JPEG") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 120, 60)).save(out, fmt)
    return out.getvalue()


class MediaHost:
    """Serves ``files`` ({path: (content type, bytes)}); 404 for anything else."""

    def __init__(self, files: dict[str, tuple[str, bytes]]) -> None:
        self.files = files
        self.hits: list[str] = []

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        self.hits.append(path)
        if path not in self.files:
            start_response("404 Not Found", [("Content-Type", "text/plain")])
            return [b"not found"]
        kind, data = self.files[path]
        start_response("200 OK", [("Content-Type", kind), ("Content-Length", str(len(data)))])
        return [data]


@contextmanager
def media_host(files: dict[str, tuple[str, bytes]]) -> Iterator[tuple[str, MediaHost]]:
    host = MediaHost(files)
    with serve(host) as url:
        yield url, host
