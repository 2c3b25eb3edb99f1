"""Reel benchmark: a 15 s 1080x1920 reel from 5 photos, the way the studio makes one for a post.

The photos are generated with Pillow at a phone camera's size (3024x4032, 12 MP, JPEG q90)
and are NOT pre-sized: decoding, orienting and fitting them is timed, as it is for a shop's
own uploads. Each has detail everywhere (shapes, lines, grain), which is the encoder's hard
case. The reel has a headline on every photo, crossfades and a closing call-to-action card,
at 30 fps; the result is checked against the Instagram Reels / TikTok rules.

Prints each run and one JSON line: reel_seconds (median wall time, photos in to MP4 and cover
out), cpu_seconds (Python and ffmpeg together), size_mb, fps, duration, frames, bitrate.

    .venv/bin/python bench/reel.py [--runs 3] [--fps 30] [--out DIR]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import statistics
import time
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

from postloom.render import BrandKit
from postloom.render.video import ReelRequest, ReelScene, render_reel
from postloom.render.video_encode import EncodeSettings, cpu_count
from postloom.render.video_probe import read_mp4, reel_problems

PHOTO_SIZE = (3024, 4032)
KIT = BrandKit(
    name="Zorbey Cafe",
    colors=("#7a1f1f", "#f4e3c1"),
    fonts=("Playfair Display", "Lato"),
    language="tr",
)
HEADLINES = (
    "Profiterol keyfi başlıyor ☕",
    "Her sabah taze, el yapımı",
    "Kadıköy şubemizde",
    "Çikolata sosu bol 🍫",
    "Bugün %20 indirim",
)


def make_photo(seed: int) -> bytes:
    """A camera-sized photo with detail everywhere."""
    rng = random.Random(seed)  # noqa: S311 - shapes for a test picture, not a secret
    small = (PHOTO_SIZE[0] // 4, PHOTO_SIZE[1] // 4)
    image = Image.linear_gradient("L").resize(small).convert("RGB")
    draw = ImageDraw.Draw(image)
    for _ in range(70):
        x, y, r = rng.randrange(small[0]), rng.randrange(small[1]), rng.randrange(20, 220)
        color = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
        draw.ellipse((x - r, y - r, x + r, y + r), fill=color)
    for i in range(0, small[0], 24):
        draw.line((i, 0, i - 300, small[1]), fill=(30, 30, 30), width=2)
    image = image.filter(ImageFilter.GaussianBlur(1)).resize(PHOTO_SIZE, Image.Resampling.BICUBIC)
    grain = Image.effect_noise(PHOTO_SIZE, 24).convert("RGB")
    image = Image.blend(image, grain, 0.1)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--fps", type=int, default=30)
    parser.add_argument("--out", type=Path, help="write the last reel and its cover here")
    args = parser.parse_args()

    photos = [make_photo(seed) for seed in range(5)]
    request = ReelRequest(
        scenes=tuple(ReelScene(p, h) for p, h in zip(photos, HEADLINES, strict=True)),
        kit=KIT,
        duration=15.0,
        cta="Bugün gel, tadına bak",
        cta_detail="@zorbeycafe · Kadıköy",
        fps=args.fps,
    )
    settings = EncodeSettings()
    print(
        f"5 photos {PHOTO_SIZE[0]}x{PHOTO_SIZE[1]} JPEG ({sum(map(len, photos)) / 1e6:.1f} MB), "
        f"15 s at {args.fps} fps, x264 {settings.preset} subme={settings.subme} "
        f"me={settings.motion_search} "
        f"crf {settings.crf}, {cpu_count()} cores"
    )
    walls, cpus = [], []
    result = None
    for run in range(1, args.runs + 1):
        before, start = os.times(), time.perf_counter()
        result = render_reel(request, settings)
        wall, after = time.perf_counter() - start, os.times()
        cpu = sum(after[:4]) - sum(before[:4])
        python_cpu = after.user + after.system - before.user - before.system
        walls.append(wall)
        cpus.append(cpu)
        print(
            f"run {run}: {wall:6.2f} s wall, {cpu:6.2f} s cpu "
            f"(python {python_cpu:.2f}, ffmpeg {cpu - python_cpu:.2f})"
        )
    assert result is not None
    video = read_mp4(result.mp4).track("vide")
    assert video is not None
    problems = reel_problems(result.mp4, result.cover_jpeg)
    size_mb = len(result.mp4) / 1e6
    print(
        f"reel: {size_mb:.2f} MB, {video.seconds:.2f} s, {result.frame_count} frames, "
        f"{len(result.mp4) * 8 / video.seconds / 1e6:.2f} Mbit/s, "
        f"cover {len(result.cover_jpeg) / 1e3:.0f} kB, "
        f"spec problems: {', '.join(problems) if problems else 'none'}"
    )
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "reel.mp4").write_bytes(result.mp4)
        (args.out / "cover.jpg").write_bytes(result.cover_jpeg)
    figures = {
        "bench": "reel",
        "reel_seconds": round(statistics.median(walls), 2),
        "reel_seconds_best": round(min(walls), 2),
        "cpu_seconds": round(statistics.median(cpus), 2),
        "size_mb": round(size_mb, 2),
        "fps": result.fps,
        "duration": round(video.seconds, 3),
        "frames": result.frame_count,
        "bitrate_mbps": round(len(result.mp4) * 8 / video.seconds / 1e6, 2),
        "runs": args.runs,
        "cores": cpu_count(),
        "spec_ok": not problems,
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
