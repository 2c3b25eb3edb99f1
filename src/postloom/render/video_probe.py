"""What an MP4 really holds, and whether Instagram Reels and TikTok will take it.

The container facts the networks are strict about (box order, edit lists, profile and level,
frame rate) are read from the MP4 boxes in Python; the pixel format and decodability come
from the bundled ffmpeg (`ffmpeg -i` prints the streams; ffprobe is not bundled). The
publisher's pre-flight check and the tests use the same reading.
"""

from __future__ import annotations

import re
import struct
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from postloom.render.errors import RenderError
from postloom.render.video_encode import ffmpeg_executable

# Boxes whose payload is only more boxes (ISO/IEC 14496-12), the ones on the way to what we read.
_CONTAINERS = {b"moov", b"trak", b"mdia", b"minf", b"stbl", b"edts", b"dinf"}
_SAMPLE_ENTRY_CHILDREN = 78  # a VisualSampleEntry's fixed fields before its child boxes
_AUDIO_ENTRY_FIELDS = 28
MAX_BITRATE_KBPS = 25_000  # Instagram Reels; TikTok sets none
MAX_LEVEL = 42
MAX_COVER_BYTES = 8 * 1024 * 1024


@dataclass
class Track:
    handler: str = ""
    codec: str = ""
    timescale: int = 0
    duration: int = 0
    width: int = 0
    height: int = 0
    profile_idc: int = 0
    level_idc: int = 0
    sample_count: int = 0
    sample_deltas: set[int] = field(default_factory=set)
    sample_rate: int = 0
    channels: int = 0
    has_edit_list: bool = False
    has_composition_offsets: bool = False

    @property
    def seconds(self) -> float:
        return self.duration / self.timescale if self.timescale else 0.0

    @property
    def fps(self) -> float:
        if len(self.sample_deltas) != 1 or not self.timescale:
            return 0.0  # variable frame rate
        return self.timescale / next(iter(self.sample_deltas))


@dataclass
class Mp4Info:
    top_level: list[str]
    tracks: list[Track]

    @property
    def moov_first(self) -> bool:
        """`faststart`: the index (moov) comes before the media data (mdat)."""
        order = self.top_level
        return "moov" in order and "mdat" in order and order.index("moov") < order.index("mdat")

    def track(self, handler: str) -> Track | None:
        return next((t for t in self.tracks if t.handler == handler), None)


def read_mp4(data: bytes) -> Mp4Info:
    """The box structure of an MP4; RenderError(`video_unreadable`) if it is not one."""
    try:
        boxes = list(_boxes(data, 0, len(data)))
        if not boxes or boxes[0][0] != b"ftyp":
            raise ValueError("no ftyp box first")
        tracks = []
        for kind, start, end in boxes:
            if kind == b"moov":
                tracks = [
                    _track(data, s, e) for k, s, e in _boxes(data, start, end) if k == b"trak"
                ]
    except (ValueError, struct.error, IndexError) as error:
        raise RenderError("video_unreadable", f"not a readable MP4: {error}") from error
    return Mp4Info([kind.decode("latin-1") for kind, _, _ in boxes], tracks)


def _boxes(data: bytes, start: int, end: int) -> Iterator[tuple[bytes, int, int]]:
    """(type, payload start, payload end) of each box between start and end."""
    at = start
    while at + 8 <= end:
        size, kind = struct.unpack_from(">I4s", data, at)
        header = 8
        if size == 1:
            (size,) = struct.unpack_from(">Q", data, at + 8)
            header = 16
        elif size == 0:
            size = end - at
        if size < header or at + size > end:
            raise ValueError(f"box {kind!r} at {at} overruns its parent")
        yield kind, at + header, at + size
        at += size


def _track(data: bytes, start: int, end: int) -> Track:
    track = Track()
    _walk(data, start, end, track)
    return track


def _walk(data: bytes, start: int, end: int, track: Track) -> None:
    for kind, s, e in _boxes(data, start, end):
        if kind in _CONTAINERS:
            track.has_edit_list |= kind == b"edts"
            _walk(data, s, e, track)
        elif kind == b"tkhd":
            width, height = struct.unpack_from(">II", data, e - 8)
            track.width, track.height = width >> 16, height >> 16
        elif kind == b"mdhd":
            _read_mdhd(data, s, track)
        elif kind == b"hdlr":
            track.handler = data[s + 8 : s + 12].decode("latin-1")
        elif kind == b"stsd":
            _read_stsd(data, s, e, track)
        elif kind == b"stts":
            _read_stts(data, s, track)
        elif kind == b"ctts":
            track.has_composition_offsets = True


def _read_mdhd(data: bytes, s: int, track: Track) -> None:
    if data[s] == 1:
        track.timescale, track.duration = struct.unpack_from(">IQ", data, s + 20)
    else:
        track.timescale, track.duration = struct.unpack_from(">II", data, s + 12)


def _read_stsd(data: bytes, s: int, e: int, track: Track) -> None:
    for kind, entry_start, entry_end in _boxes(data, s + 8, e):
        track.codec = kind.decode("latin-1")
        if kind in (b"avc1", b"avc3"):
            children = entry_start + _SAMPLE_ENTRY_CHILDREN
            for child, cs, _ in _boxes(data, children, entry_end):
                if child == b"avcC":
                    track.profile_idc, track.level_idc = data[cs + 1], data[cs + 3]
        elif kind == b"mp4a":
            channels, _, _, _, rate = struct.unpack_from(">HHHHI", data, entry_start + 16)
            track.channels, track.sample_rate = channels, rate >> 16
        return


def _read_stts(data: bytes, s: int, track: Track) -> None:
    (count,) = struct.unpack_from(">I", data, s + 4)
    for index in range(count):
        samples, delta = struct.unpack_from(">II", data, s + 8 + index * 8)
        track.sample_count += samples
        # A lone last frame may be longer (the muxer's guess); it says nothing of the rate.
        if not (index == count - 1 and samples == 1 and count > 1):
            track.sample_deltas.add(delta)


@dataclass(frozen=True)
class StreamInfo:
    """What `ffmpeg -i` says about the first video and audio streams."""

    video: str
    audio: str
    pix_fmt: str
    bitrate_kbps: int


_PIX_FMT = re.compile(r"Video: \w+[^,]*, (\w+)")
_BITRATE = re.compile(r"bitrate: (\d+) kb/s")


def stream_info(data: bytes, timeout: float = 60.0) -> StreamInfo:
    """What the bundled ffmpeg reads in the file's headers."""
    text = _run_ffmpeg(data, [], timeout)
    lines = text.splitlines()
    video = next((line.strip() for line in lines if "Video:" in line), "")
    audio = next((line.strip() for line in lines if "Audio:" in line), "")
    pix = _PIX_FMT.search(video)
    rate = _BITRATE.search(text)
    return StreamInfo(video, audio, pix.group(1) if pix else "", int(rate.group(1)) if rate else 0)


def decode_errors(data: bytes, timeout: float = 120.0) -> str:
    """Decode every frame with the bundled ffmpeg; what it complains about ("" if nothing)."""
    return _run_ffmpeg(data, ["-f", "null", "-"], timeout, quiet=True).strip()


def _run_ffmpeg(data: bytes, output: list[str], timeout: float, quiet: bool = False) -> str:
    with tempfile.TemporaryDirectory(prefix="postloom-probe-") as work:
        path = Path(work) / "video.mp4"
        path.write_bytes(data)
        level = ["-v", "error"] if quiet else []
        args = [ffmpeg_executable(), "-hide_banner", "-nostdin", *level, "-i", str(path), *output]
        try:
            done = subprocess.run(args, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired as error:
            raise RenderError("video_timeout", f"ffmpeg took over {timeout:g} s") from error
    text = done.stderr.decode(errors="replace")
    if quiet and done.returncode != 0 and not text.strip():
        return f"ffmpeg exited with status {done.returncode}"
    return text


def reel_problems(data: bytes, cover: bytes | None = None) -> list[str]:
    """Everything in an MP4 (and its cover) that Instagram Reels or TikTok would refuse;
    empty when both will take it."""
    info = read_mp4(data)
    problems = [] if info.moov_first else ["moov atom is not before mdat (not faststart)"]
    video, audio = info.track("vide"), info.track("soun")
    if video is None:
        return [*problems, "no video track"]
    problems += _video_problems(video)
    if any(t.has_edit_list for t in info.tracks):
        problems.append("has an edit list")
    if audio is not None and (audio.codec != "mp4a" or audio.sample_rate > 48_000):
        problems.append(f"audio must be AAC at 48 kHz or less, not {audio.codec}")
    streams = stream_info(data)
    if streams.pix_fmt != "yuv420p":
        problems.append(f"pixel format {streams.pix_fmt or 'unknown'} is not yuv420p")
    if streams.bitrate_kbps > MAX_BITRATE_KBPS:
        problems.append(f"bitrate {streams.bitrate_kbps} kb/s is over {MAX_BITRATE_KBPS}")
    if cover is not None and (len(cover) > MAX_COVER_BYTES or not cover.startswith(b"\xff\xd8")):
        problems.append("cover must be a JPEG of at most 8 MB")
    return problems


def _video_problems(video: Track) -> list[str]:
    problems = []
    if video.codec not in ("avc1", "avc3") or video.profile_idc not in (66, 77, 100):
        problems.append(f"video must be H.264 Baseline/Main/High, not {video.codec}")
    if video.level_idc > MAX_LEVEL:
        problems.append(f"H.264 level {video.level_idc / 10:g} is above 4.2")
    if not 23 <= video.fps <= 60:
        problems.append(f"frame rate {video.fps:g} is outside 23-60 fps")
    if not (360 <= video.width <= 1920 and 360 <= video.height <= 4096):
        problems.append(f"size {video.width}x{video.height} is outside the networks' limits")
    if not 3 <= video.seconds <= 15 * 60:
        problems.append(f"duration {video.seconds:.2f} s is outside 3 s - 15 min")
    return problems
