"""Raw frames in, an MP4 that Instagram Reels and TikTok accept out, through the bundled ffmpeg.

Settings, and why:
- H.264 High profile, yuv420p, BT.709 tagged: what both networks list first and every phone
  decodes in hardware. Level 4.1 covers 1080x1920 up to 30 fps (8,160 macroblocks a frame,
  244,800 a second); faster frame rates get 4.2, the ceiling.
- x264 `veryfast` with the cheapest sub-pixel search, CRF 21, VBV-capped at 8 Mbit/s
  (Instagram allows 25; both networks re-encode anyway): even quality, small uploads, and
  the encoder is about half of a reel's CPU time on 2 cores.
- Keyframes every 2 s, closed GOPs (x264's default) and no B-frames: Instagram asks for
  closed GOPs and no edit lists, and B-frames would shift the first picture unless an edit
  list hid the shift.
- moov atom first (`+faststart`): Instagram requires it, and previews start at once.
- A silent AAC-LC track, stereo at 48 kHz (see `silence_command`). Neither network requires
  audio; Instagram's spec only says what audio must be (AAC, 48 kHz at most, mono or
  stereo), and this is that. A reel from a phone always has a track, so a silent one keeps
  the file the shape every pipeline and editor expects (the "original audio" a viewer can
  reuse, music added in the app), for ~0.6 kB a second. `audio=False` leaves it out.
- Deterministic output (`bitexact`, no metadata, frame-threaded x264 is deterministic): the
  same request gives the same bytes, so an approval hash of the video means something.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import imageio_ffmpeg

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

from postloom.render.errors import RenderError
from postloom.render.video_kit import HEIGHT, WIDTH

AUDIO_RATE = 48_000
AAC_FRAME = 1024
PIPE_BYTES = 1 << 20
STDERR_LINES = 12


@dataclass(frozen=True)
class EncodeSettings:
    preset: str = "veryfast"
    crf: int = 21
    max_kbps: int = 8_000
    buffer_kbps: int = 16_000
    profile: str = "high"
    level: str = ""
    """Empty: the lowest of 4.1 and 4.2 that the frame rate fits."""
    keyframe_seconds: float = 2.0
    bframes: int = 0
    """B-frames delay the first picture unless an edit list hides it, and Instagram wants
    none; without them x264 also works less."""
    subme: int = 1
    motion_search: str = "dia"
    """x264's sub-pixel refinement 1 and diamond search instead of veryfast's 2 and hex
    take ~35 % off the encoder's time for ~2 % more bytes at the same SSIM (measured on
    reels: slow zooms and pans need little search)."""
    audio: bool = True
    threads: int = 0
    """x264 threads; 0 lets it choose (1.5 per core)."""


_HEAD = ["-hide_banner", "-nostdin", "-nostats", "-loglevel", "error", "-y"]


def level_for(fps: int) -> str:
    macroblocks = ((WIDTH + 15) // 16) * ((HEIGHT + 15) // 16)
    return "4.1" if macroblocks * fps <= 245_760 else "4.2"


def ffmpeg_executable() -> str:
    """The ffmpeg shipped inside the imageio-ffmpeg wheel (never a system one)."""
    try:
        return str(imageio_ffmpeg.get_ffmpeg_exe())
    except RuntimeError as error:
        raise RenderError(
            "video_encoder_missing", f"the bundled ffmpeg is missing: {error}"
        ) from error


def command(
    output: Path, fps: int, frame_count: int, settings: EncodeSettings, audio: Path | None
) -> list[str]:
    video_in = [
        "-f", "rawvideo", "-pixel_format", "yuv420p", "-video_size", f"{WIDTH}x{HEIGHT}",
        "-framerate", str(fps), "-i", "pipe:0",
    ]  # fmt: skip
    video_out = [
        "-map", "0:v:0", "-frames:v", str(frame_count),
        "-c:v", "libx264", "-preset", settings.preset, "-crf", str(settings.crf),
        "-maxrate", f"{settings.max_kbps}k", "-bufsize", f"{settings.buffer_kbps}k",
        "-profile:v", settings.profile, "-level:v", settings.level or level_for(fps),
        "-pix_fmt", "yuv420p",
        "-g", str(round(fps * settings.keyframe_seconds)), "-bf", str(settings.bframes),
        "-x264-params", f"subme={settings.subme}:me={settings.motion_search}",
        "-threads", str(settings.threads),
        # Frame properties, so the encoder writes them into the stream's VUI.
        "-vf", "setparams=color_primaries=bt709:color_trc=bt709:colorspace=bt709:range=tv",
    ]  # fmt: skip
    container = [
        "-movflags", "+faststart", "-use_editlist", "0", "-map_metadata", "-1",
        "-fflags", "+bitexact", "-flags:v", "+bitexact", "-f", "mp4", str(output),
    ]  # fmt: skip
    if audio is None:
        return [ffmpeg_executable(), *_HEAD, *video_in, *video_out, *container]
    audio_in, audio_out = ["-i", str(audio)], ["-map", "1:a:0", "-c:a", "copy"]
    return [ffmpeg_executable(), *_HEAD, *video_in, *audio_in, *video_out, *audio_out, *container]


def silence_command(output: Path, seconds: float) -> list[str]:
    """Silent AAC as raw ADTS frames. Muxed from ADTS, the audio starts at 0 with no encoder
    priming to hide, so the video needs no edit list and its first frame keeps 1/fps (an
    encoder inside the same run would shift the video by the 1,024-sample priming)."""
    return [
        ffmpeg_executable(), *_HEAD, "-f", "lavfi", "-t", f"{seconds:.6f}",
        "-i", f"anullsrc=channel_layout=stereo:sample_rate={AUDIO_RATE}",
        "-c:a", "aac", "-b:a", "128k", "-fflags", "+bitexact", "-flags:a", "+bitexact",
        "-f", "adts", str(output),
    ]  # fmt: skip


def silence_seconds(video_seconds: float) -> float:
    """Input length that gives whole AAC frames (priming frame included) ending no later
    than the video."""
    frames = int(video_seconds * AUDIO_RATE // AAC_FRAME)
    return (frames - 1) * AAC_FRAME / AUDIO_RATE


def encode(
    frames: Iterable[bytes],
    fps: int,
    frame_count: int,
    settings: EncodeSettings,
    timeout: float,
) -> bytes:
    """Feed raw yuv420p frames to ffmpeg and return the MP4. Killed after `timeout` seconds;
    its temporary files are gone whatever happens."""
    deadline = time.monotonic() + timeout
    with tempfile.TemporaryDirectory(prefix="postloom-reel-") as work:
        output = Path(work) / "reel.mp4"
        log_path = Path(work) / "ffmpeg.log"
        audio = None
        with open(log_path, "wb") as log:
            if settings.audio:
                audio = Path(work) / "silence.aac"
                seconds = silence_seconds(frame_count / fps)
                _run(silence_command(audio, seconds), log, log_path, deadline, timeout)
            process = subprocess.Popen(
                command(output, fps, frame_count, settings, audio),
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=log,
            )
            _widen_pipe(process)
            watchdog = _Watchdog(process, deadline - time.monotonic())
            try:
                _feed(process, frames)
                process.wait()
            finally:
                watchdog.cancel()
                if process.poll() is None:
                    process.kill()
                    process.wait()
        _check(process.returncode, watchdog.fired, log_path, timeout)
        return output.read_bytes()


def _run(args: list[str], log: IO[bytes], log_path: Path, deadline: float, timeout: float) -> None:
    try:
        done = subprocess.run(
            args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=log,
            timeout=max(0.1, deadline - time.monotonic()), check=False,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        _check(None, True, log_path, timeout)
    else:
        _check(done.returncode, False, log_path, timeout)


def _check(returncode: int | None, timed_out: bool, log_path: Path, timeout: float) -> None:
    if timed_out:
        raise RenderError(
            "video_timeout", f"ffmpeg did not finish within {timeout:g} s{_tail(log_path)}"
        )
    if returncode != 0:
        raise RenderError(
            "video_encoding_failed", f"ffmpeg exited with status {returncode}{_tail(log_path)}"
        )


def _feed(process: subprocess.Popen[bytes], frames: Iterable[bytes]) -> None:
    stdin = process.stdin
    assert stdin is not None
    source: Iterator[bytes] = iter(frames)
    try:
        for frame in source:
            stdin.write(frame)
    except BrokenPipeError:
        pass  # ffmpeg stopped reading: it failed or was killed, and its log says why
    finally:
        close = getattr(source, "close", None)
        if close is not None:
            close()
        with contextlib.suppress(BrokenPipeError, OSError):
            stdin.close()


def _widen_pipe(process: subprocess.Popen[bytes]) -> None:
    """A 1 MB pipe instead of 64 kB: a 3 MB frame crosses in 3 writes, not 48 (Linux only;
    elsewhere, or above the system's limit, the default stays)."""
    size = getattr(fcntl, "F_SETPIPE_SZ", None) if fcntl is not None else None
    if size is None or process.stdin is None:
        return
    with contextlib.suppress(OSError):
        fcntl.fcntl(process.stdin.fileno(), size, PIPE_BYTES)


def _tail(log_path: Path) -> str:
    try:
        lines = log_path.read_text(errors="replace").strip().splitlines()
    except OSError:
        return ""
    tail = [line for line in lines[-STDERR_LINES:] if line.strip()]
    return (": " + " | ".join(tail)) if tail else ""


class _Watchdog:
    """Kills the process when the time is up, even while a write to it is blocked."""

    def __init__(self, process: subprocess.Popen[bytes], timeout: float) -> None:
        self.fired = False
        self._process = process
        self._timer = threading.Timer(timeout, self._kill)
        self._timer.daemon = True
        self._timer.start()

    def _kill(self) -> None:
        if self._process.poll() is None:
            self.fired = True
            self._process.kill()

    def cancel(self) -> None:
        self._timer.cancel()


def cpu_count() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
