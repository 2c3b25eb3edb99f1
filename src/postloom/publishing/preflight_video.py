"""Videos checked against what Instagram and TikTok take, re-encoded only when they must be.

Pure functions over files (no Django). The facts come from the same readers the renderer's own
check uses (``render.video_probe.read_mp4`` for the MP4 boxes, the bundled ffmpeg for streams),
read from the file on disk so that a long video is never held in memory.

From ``shared/reference/platform-apis.md``:
- Instagram reels (§1.4): MP4/MOV, moov atom first, no edit lists, H.264 or HEVC, 4:2:0, 23–60
  fps, at most 1920 px wide, VBR ≤ 25 Mbps, AAC ≤ 48 kHz mono/stereo, 3 s – 15 min, ≤ 300 MB,
  aspect 0.01–10. Story videos: the same, 3–60 s, ≤ 100 MB, aspect 0.1–10. Carousel videos
  are not specified any more; older docs (3–60 s, ≤ 100 MB) are followed.
- TikTok (§2.10): H.264/H.265/VP8/VP9, 23–60 fps, 360–4096 px each side, at most 10 minutes
  and at most the creator's ``max_video_post_duration_sec``, ≤ 4 GB. No minimum is written
  down; the renderer's 3 s (video_probe) is kept for both networks.

What cannot be fixed safely is refused: a length outside the range (cutting would change
what was approved), an impossible shape, a file that does not decode. The rest (codec, pixel
format, frame rate, size, audio, box order) is fixed by one re-encode with the renderer's
settings (H.264 High, yuv420p, CRF 21, VBV 8 Mbit/s, no B-frames, faststart, no edit list).
"""

from __future__ import annotations

import mmap
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from postloom.render.errors import RenderError
from postloom.render.video_encode import ffmpeg_executable
from postloom.render.video_probe import read_mp4

MiB = 1024 * 1024
GiB = 1024 * MiB
MAX_BITRATE_KBPS = 25_000
MAX_LEVEL = 42
H264 = ("avc1", "avc3")
HEVC = ("hvc1", "hev1")
MAX_SIDE = 1920  # re-encoded videos fit in 1920 × 1920: Instagram's width, level 4.2's frame
MIN_SIDE = 360
DEFAULT_FPS = 30
PROBE_SECONDS = 60.0
LENGTH_SLACK = 0.5  # seconds a re-encode may lose at the end (audio padding, frame rounding)


@dataclass(frozen=True)
class VideoSpec:
    key: str
    min_seconds: float
    max_seconds: float
    max_bytes: int
    ratio_range: tuple[float, float]
    instagram: bool  # Instagram's container rules (faststart, no edit list, width ≤ 1920)

    def with_max_seconds(self, seconds: float) -> VideoSpec:
        return VideoSpec(
            self.key,
            self.min_seconds,
            min(self.max_seconds, seconds),
            self.max_bytes,
            self.ratio_range,
            self.instagram,
        )


REEL = VideoSpec("ig-reel", 3, 15 * 60, 300 * MiB, (0.01, 10), instagram=True)
STORY = VideoSpec("ig-story-video", 3, 60, 100 * MiB, (0.1, 10), instagram=True)
CAROUSEL = VideoSpec("ig-carousel-video", 3, 60, 100 * MiB, (0.1, 10), instagram=True)
TIKTOK = VideoSpec("tt-video", 3, 10 * 60, 4 * GiB, (0.01, 100), instagram=False)


class VideoProblem(Exception):
    """A video that cannot be fixed: ``code`` is corrupt | too_short | too_long | too_large |
    bad_shape | unfixable; ``params`` fill the message."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class VideoFacts:
    size: int
    duration: float
    width: int
    height: int
    fps: float
    codec: str  # the MP4 sample entry (avc1, hvc1, ...) or ffmpeg's name when not an MP4
    profile_idc: int
    level_idc: int
    pix_fmt: str
    bitrate_kbps: int
    mp4: bool
    moov_first: bool
    edit_list: bool
    audio_codec: str  # "" when there is no audio
    audio_rate: int
    audio_channels: int


_DURATION = re.compile(r"Duration: (\d+):(\d\d):(\d\d(?:\.\d+)?)")
_BITRATE = re.compile(r"bitrate: (\d+) kb/s")
_VIDEO = re.compile(r"Video: (\w+)[^,]*, (\w+)[^,]*(?:\([^)]*\))?, (\d+)x(\d+)")
_FPS = re.compile(r"([\d.]+) fps")
_AUDIO = re.compile(r"Audio: (\w+)[^,]*, (\d+) Hz, ([\w.()]+)")


def probe(path: Path) -> VideoFacts:
    """What the file holds; VideoProblem("corrupt") when it is not a video ffmpeg can read."""
    return _facts(_ffmpeg_info(path), path)


def probe_decoding(path: Path) -> tuple[VideoFacts, bool]:
    """``probe`` and ``decodes_cleanly`` in one ffmpeg run: what the file holds, and whether
    every frame decodes without an error (one process instead of two, for the common case of
    a video that meets the spec as it is)."""
    # One decoding thread: a check, not a race, on a machine others share.
    args = [
        ffmpeg_executable(), "-hide_banner", "-nostdin", "-nostats", "-loglevel", "level+info",
        "-xerror", "-threads", "1", "-i", str(path), "-f", "null", "-",
    ]  # fmt: skip
    timeout = max(60.0, path.stat().st_size / 2_000_000)  # decoding at 2 MB/s at least
    try:
        done = subprocess.run(args, capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise VideoProblem("corrupt") from None
    text = done.stderr.decode(errors="replace")
    errors = [line for line in text.splitlines() if _ERROR_LEVEL.search(line)]
    return _facts(text, path), done.returncode == 0 and not errors


_ERROR_LEVEL = re.compile(r"\[(error|fatal|panic)\]")


def _facts(text: str, path: Path) -> VideoFacts:
    video_line = next((line for line in text.splitlines() if "Video:" in line), "")
    video = _VIDEO.search(video_line)
    if video is None:
        raise VideoProblem("corrupt")
    audio_line = next((line for line in text.splitlines() if "Audio:" in line), "")
    audio = _AUDIO.search(audio_line)
    facts = {
        "size": path.stat().st_size,
        "duration": _duration(text),
        "width": int(video.group(3)),
        "height": int(video.group(4)),
        "fps": _ffmpeg_fps(video_line),
        "codec": video.group(1),
        "profile_idc": 0,
        "level_idc": 0,
        "pix_fmt": video.group(2),
        "bitrate_kbps": int(m.group(1)) if (m := _BITRATE.search(text)) else 0,
        "mp4": False,
        "moov_first": False,
        "edit_list": False,
        "audio_codec": audio.group(1) if audio else "",
        "audio_rate": int(audio.group(2)) if audio else 0,
        "audio_channels": _channels(audio.group(3)) if audio else 0,
    }
    facts.update(_mp4_facts(path))
    return VideoFacts(**facts)  # type: ignore[arg-type]


def _ffmpeg_info(path: Path) -> str:
    args = [ffmpeg_executable(), "-hide_banner", "-nostdin", "-i", str(path)]
    try:
        done = subprocess.run(args, capture_output=True, timeout=PROBE_SECONDS, check=False)
    except subprocess.TimeoutExpired:
        raise VideoProblem("corrupt") from None
    return done.stderr.decode(errors="replace")


def _duration(text: str) -> float:
    found = _DURATION.search(text)
    if found is None:
        return 0.0
    hours, minutes, seconds = found.groups()
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds)


def _ffmpeg_fps(line: str) -> float:
    found = _FPS.search(line)
    return float(found.group(1)) if found else 0.0


def _channels(layout: str) -> int:
    named = {"mono": 1, "stereo": 2}
    if layout in named:
        return named[layout]
    digits = re.match(r"(\d+)", layout)
    return sum(int(part) for part in re.findall(r"\d+", layout)) if digits else 3


def _mp4_facts(path: Path) -> dict[str, object]:
    """The box-level facts of an MP4 (empty for other containers, which are re-encoded)."""
    if path.stat().st_size == 0:
        return {}
    with open(path, "rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
        try:
            info = read_mp4(cast(bytes, data))  # mmap reads like bytes; nothing is copied
        except RenderError:
            return {}
    video = info.track("vide")
    facts: dict[str, object] = {
        "mp4": True,
        "moov_first": info.moov_first,
        "edit_list": any(track.has_edit_list for track in info.tracks),
    }
    if video is not None:
        facts.update(codec=video.codec, profile_idc=video.profile_idc, level_idc=video.level_idc)
        if video.fps:  # constant frame rate: the exact figure; else ffmpeg's average stays
            facts["fps"] = video.fps
        if video.seconds:
            facts["duration"] = video.seconds
    audio = info.track("soun")
    if audio is not None and audio.codec:
        facts["audio_codec"] = "aac" if audio.codec == "mp4a" else audio.codec
    return facts


# --- Judging ------------------------------------------------------------------------------------


def refusal(facts: VideoFacts, spec: VideoSpec) -> VideoProblem | None:
    """What no re-encode may fix: the length and the shape are what was approved."""
    if facts.duration < spec.min_seconds:
        return VideoProblem("too_short", seconds=facts.duration, minimum=spec.min_seconds)
    if facts.duration > spec.max_seconds:
        return VideoProblem("too_long", seconds=facts.duration, maximum=spec.max_seconds)
    ratio = facts.width / facts.height if facts.height else 0.0
    low, high = spec.ratio_range
    if not low <= ratio <= high:
        return VideoProblem("bad_shape", width=facts.width, height=facts.height)
    return None


def problems(facts: VideoFacts, spec: VideoSpec) -> list[str]:
    """Everything a re-encode would fix; empty when the file may be sent as it is."""
    found = []
    hevc = facts.codec in HEVC
    if not (facts.codec in H264 and facts.profile_idc in (66, 77, 100)) and not hevc:
        found.append(f"video codec {facts.codec} {facts.profile_idc}")
    if facts.pix_fmt != "yuv420p":
        found.append(f"pixel format {facts.pix_fmt}")
    if not 23 <= facts.fps <= 60:
        found.append(f"frame rate {facts.fps:g}")
    if not facts.mp4:
        found.append("not an MP4")
    if facts.audio_codec and (facts.audio_codec != "aac" or facts.audio_rate > 48_000):
        found.append(f"audio {facts.audio_codec} at {facts.audio_rate} Hz")
    if facts.audio_channels > 2:
        found.append(f"{facts.audio_channels} audio channels")
    if spec.instagram:
        found += _instagram_problems(facts)
    elif not all(MIN_SIDE <= side <= 4096 for side in (facts.width, facts.height)):
        found.append(f"size {facts.width}x{facts.height}")
    return found


def _instagram_problems(facts: VideoFacts) -> list[str]:
    found = []
    if not facts.moov_first:
        found.append("moov atom not first")
    if facts.edit_list:
        found.append("edit list")
    if facts.width > MAX_SIDE:
        found.append(f"width {facts.width}")
    if facts.codec in H264 and facts.level_idc > MAX_LEVEL:
        found.append(f"H.264 level {facts.level_idc}")
    if facts.bitrate_kbps > MAX_BITRATE_KBPS:
        found.append(f"bitrate {facts.bitrate_kbps} kb/s")
    return found


# --- Fixing ---------------------------------------------------------------------------------------


def target_size(width: int, height: int) -> tuple[int, int]:
    """Within 1920 × 1920, each side at least 360 where the shape allows, even numbers."""
    scale = min(1.0, MAX_SIDE / max(width, height))
    if min(width, height) * scale < MIN_SIDE:
        scale = min(MIN_SIDE / min(width, height), MAX_SIDE / max(width, height))
    return _even(width * scale), _even(height * scale)


def _even(value: float) -> int:
    return max(2, int(round(value / 2)) * 2)


def target_fps(fps: float) -> int:
    """Frame rates inside 23–60 are kept (rounded); others become 30."""
    return round(fps) if 23 <= fps <= 60 else DEFAULT_FPS


def audio_command(source: Path, output: Path, facts: VideoFacts) -> list[str]:
    """The sound alone, as raw ADTS AAC. Muxed from ADTS, the audio starts at 0 with no encoder
    priming to hide, so the video needs no edit list and its first frame keeps 1/fps (as in
    render.video_encode)."""
    channels = ["-ac", "2"] if facts.audio_channels > 2 else []
    return [
        ffmpeg_executable(), "-hide_banner", "-nostdin", "-nostats", "-loglevel", "error", "-y",
        "-xerror", "-i", str(source), "-map", "0:a:0", "-vn",
        "-c:a", "aac", "-b:a", "128k", "-ar", "48000", *channels,
        "-fflags", "+bitexact", "-flags:a", "+bitexact", "-f", "adts", str(output),
    ]  # fmt: skip


def video_command(source: Path, audio: Path | None, output: Path, facts: VideoFacts) -> list[str]:
    width, height = target_size(facts.width, facts.height)
    fps = target_fps(facts.fps)
    filters = f"scale={width}:{height}:flags=lanczos,setsar=1,fps={fps},format=yuv420p"
    audio_in = ["-i", str(audio)] if audio else []
    audio_out = ["-map", "1:a:0", "-c:a", "copy"] if audio else []
    return [
        # -xerror: a damaged frame stops the conversion instead of leaving a shorter video.
        ffmpeg_executable(), "-hide_banner", "-nostdin", "-nostats", "-loglevel", "error", "-y",
        "-xerror", "-i", str(source), *audio_in, "-map", "0:v:0", "-vf", filters,
        "-c:v", "libx264", "-preset", "veryfast", "-crf", "21",
        "-maxrate", "8000k", "-bufsize", "16000k", "-profile:v", "high", "-level:v", "4.2",
        "-g", str(fps * 2), "-bf", "0", *audio_out,
        "-movflags", "+faststart", "-use_editlist", "0", "-map_metadata", "-1",
        "-fflags", "+bitexact", "-flags:v", "+bitexact", "-f", "mp4", str(output),
    ]  # fmt: skip


def reencode(source: Path, output: Path, facts: VideoFacts) -> None:
    """Through the bundled ffmpeg (sound first, then the picture with the sound muxed in);
    VideoProblem("corrupt") if it cannot decode, "unfixable" if it takes too long."""
    timeout = max(120.0, facts.duration * 4)
    audio = output.with_suffix(".aac") if facts.audio_codec else None
    try:
        if audio is not None:
            _ffmpeg(audio_command(source, audio, facts), audio, timeout)
        _ffmpeg(video_command(source, audio, output, facts), output, timeout)
    finally:
        if audio is not None:
            audio.unlink(missing_ok=True)


def _ffmpeg(args: list[str], output: Path, timeout: float) -> None:
    try:
        done = subprocess.run(args, capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        output.unlink(missing_ok=True)
        raise VideoProblem("unfixable") from None
    if done.returncode != 0 or not output.exists() or output.stat().st_size == 0:
        output.unlink(missing_ok=True)
        raise VideoProblem("corrupt")


def decodes_cleanly(path: Path, duration: float) -> bool:
    """Every frame decodes without an error (headers alone can hide a truncated file)."""
    args = [
        ffmpeg_executable(), "-hide_banner", "-nostdin", "-v", "error", "-xerror",
        "-i", str(path), "-f", "null", "-",
    ]  # fmt: skip
    try:
        done = subprocess.run(
            args, capture_output=True, timeout=max(60.0, duration * 2), check=False
        )
    except subprocess.TimeoutExpired:
        return False
    return done.returncode == 0 and not done.stderr.strip()


@dataclass(frozen=True)
class FixedVideo:
    path: Path  # the original, or the re-encoded file at ``output``
    facts: VideoFacts
    reencoded: bool
    fixed: tuple[str, ...] = ()


def fix_video(source: Path, output: Path, spec: VideoSpec) -> FixedVideo:
    """The video as the network takes it: ``source`` itself, or a re-encode written to
    ``output``. Raises VideoProblem for what cannot be fixed."""
    facts = probe(source)
    problem = refusal(facts, spec)
    if problem is not None:
        raise problem
    found = problems(facts, spec)
    if not found:
        if not decodes_cleanly(source, facts.duration):
            raise VideoProblem("corrupt")
        return within_size(FixedVideo(source, facts, reencoded=False), spec)
    reencode(source, output, facts)
    after = probe(output)
    if after.duration < facts.duration - LENGTH_SLACK:  # frames were lost on the way
        raise VideoProblem("corrupt")
    left = problems(after, spec)
    if left or refusal(after, spec) is not None:
        raise VideoProblem("unfixable", problems="; ".join(left))
    return within_size(FixedVideo(output, after, reencoded=True, fixed=tuple(found)), spec)


def within_size(video: FixedVideo, spec: VideoSpec) -> FixedVideo:
    if video.facts.size > spec.max_bytes:
        raise VideoProblem("too_large", megabytes=spec.max_bytes // MiB)
    return video
