"""Reels: a valid MP4 the networks accept, real motion, text only in the safe area, clear errors.

Videos are checked from the outside: the MP4 boxes are walked here in a few lines (not with
the module under test), and streams and frames come from the bundled ffmpeg, as any player
would see them. Most reels are the shortest allowed at 24 fps; one is at the full 30 fps.
"""

from __future__ import annotations

import io
import math
import re
import struct
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageStat

from postloom.render import BrandKit, RenderError
from postloom.render.color import palette_from
from postloom.render.motion import (
    PAN_RIGHT,
    PAN_UP,
    ZOOM_IN,
    move_for,
    plan_timeline,
)
from postloom.render.video import ReelRequest, ReelScene, plan, render_reel
from postloom.render.video_encode import EncodeSettings, encode, ffmpeg_executable, level_for
from postloom.render.video_frames import SOURCE_SIZE, SceneSource, prepare_picture
from postloom.render.video_kit import SAFE, VideoResult
from postloom.render.video_probe import decode_errors, read_mp4, reel_problems

KIT = BrandKit(name="Zorbey Cafe", colors=("#7a1f1f", "#f4e3c1"), language="tr")
RED = (200, 60, 40)


def encoded(image: Image.Image, kind: str = "PNG") -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, kind)
    return buffer.getvalue()


def solid(color: tuple[int, int, int], size: tuple[int, int] = (1200, 1600)) -> bytes:
    return encoded(Image.new("RGB", size, color))


def busy(seed: int) -> bytes:
    """A photo with detail everywhere, so any movement changes many pixels."""
    image = Image.linear_gradient("L").resize((1500, 2000)).convert("RGB")
    draw = ImageDraw.Draw(image)
    for i in range(12):
        x, y, r = (i * 397 + seed * 91) % 1500, (i * 613) % 2000, 80 + (i * 37) % 200
        draw.ellipse((x - r, y - r, x + r, y + r), fill=((i * 53) % 256, (i * 97) % 256, 90))
    for i in range(0, 1500, 50):
        draw.line((i + seed * 7, 0, i + seed * 7 - 400, 2000), fill=(20, 20, 20), width=6)
    return encoded(image, "JPEG")


# --- what ffmpeg and the boxes say ---------------------------------------------------------


def top_level_boxes(data: bytes) -> list[str]:
    kinds, at = [], 0
    while at + 8 <= len(data):
        size, kind = struct.unpack_from(">I4s", data, at)
        if size == 1:
            (size,) = struct.unpack_from(">Q", data, at + 8)
        kinds.append(kind.decode("latin-1"))
        at += size if size else len(data)
    return kinds


def ffmpeg_says(data: bytes) -> str:
    with tempfile.TemporaryDirectory() as work:
        path = Path(work) / "v.mp4"
        path.write_bytes(data)
        done = subprocess.run(
            [ffmpeg_executable(), "-hide_banner", "-i", str(path)], capture_output=True, check=False
        )
    return done.stderr.decode()


def frames(data: bytes, numbers: list[int]) -> dict[int, Image.Image]:
    """Decoded frames by number, as RGB (ffmpeg converts with the stream's BT.709 tags)."""
    wanted = sorted(set(numbers))
    select = "+".join(f"eq(n\\,{n})" for n in wanted)
    with tempfile.TemporaryDirectory() as work:
        path = Path(work) / "v.mp4"
        path.write_bytes(data)
        done = subprocess.run(
            [ffmpeg_executable(), "-v", "error", "-i", str(path), "-vf", f"select={select}",
             "-fps_mode", "passthrough", "-f", "rawvideo", "-pix_fmt", "rgb24", "-"],
            capture_output=True, check=True,
        )  # fmt: skip
    size = 1080 * 1920 * 3
    assert len(done.stdout) == size * len(wanted)
    return {
        n: Image.frombytes("RGB", (1080, 1920), done.stdout[i * size : (i + 1) * size])
        for i, n in enumerate(wanted)
    }


def mean_difference(a: Image.Image, b: Image.Image) -> float:
    return sum(ImageStat.Stat(ImageChops.difference(a, b)).mean) / 3


# --- reels, rendered once per module ---------------------------------------------------------


@pytest.fixture(scope="module")
def full_reel() -> tuple[ReelRequest, VideoResult]:
    """Full spec: 30 fps, three photos with headlines, a closing card."""
    request = ReelRequest(
        scenes=(
            ReelScene(busy(0), "Profiterol keyfi başlıyor ☕"),
            ReelScene(busy(1), "Taze, her sabah"),
            ReelScene(busy(2), "Kadıköy'de"),
        ),
        kit=KIT,
        duration=5.0,
        cta="Bugün gel, tadına bak",
        cta_detail="@zorbeycafe",
        fps=30,
    )
    return request, render_reel(request)


@pytest.fixture(scope="module")
def full_frames(full_reel: tuple[ReelRequest, VideoResult]) -> dict[int, Image.Image]:
    """The first frame and the first and last solo frame of each scene, decoded once."""
    result = full_reel[1]
    return frames(result.mp4, [0] + [n for s in result.segments for n in s.solo])


@pytest.fixture(scope="module")
def flat_reel() -> tuple[ReelRequest, VideoResult]:
    """Solid-colour pictures: whatever is not that colour was drawn on top of them."""
    request = ReelRequest(
        scenes=(
            ReelScene(solid(RED), "Bugün %20 indirim, sadece Kadıköy şubemizde"),
            ReelScene(solid(RED), "El yapımı 🍫"),
        ),
        kit=KIT,
        duration=5.0,
        fps=24,
    )
    return request, render_reel(request)


# --- the file ---------------------------------------------------------------------------------


def test_a_reel_is_an_instagram_and_tiktok_ready_mp4(
    full_reel: tuple[ReelRequest, VideoResult],
) -> None:
    request, result = full_reel
    said = ffmpeg_says(result.mp4)
    assert "Video: h264 (High)" in said
    assert re.search(r"yuv420p\(tv, bt709, progressive\), 1080x1920", said)
    assert " 30 fps" in said
    assert "Audio: aac (LC)" in said and "48000 Hz" in said
    found = re.search(r"Duration: (\d+):(\d+):([\d.]+)", said)
    assert found is not None
    hours, minutes, seconds = found.groups()
    duration = int(hours) * 3600 + int(minutes) * 60 + float(seconds)
    assert abs(duration - request.duration) <= 0.2
    assert result.frame_count == 150 and result.duration == request.duration
    assert reel_problems(result.mp4, result.cover_jpeg) == []
    assert decode_errors(result.mp4) == ""


def test_the_moov_box_comes_before_the_media_data(
    full_reel: tuple[ReelRequest, VideoResult],
) -> None:
    boxes = top_level_boxes(full_reel[1].mp4)
    assert boxes[0] == "ftyp"
    assert boxes.index("moov") < boxes.index("mdat")


def test_profile_level_and_frame_timing_are_within_both_specs(
    full_reel: tuple[ReelRequest, VideoResult],
) -> None:
    info = read_mp4(full_reel[1].mp4)
    video, audio = info.track("vide"), info.track("soun")
    assert video is not None and audio is not None
    assert (video.profile_idc, video.level_idc) == (100, 41)  # High, 4.1 (4.2 at most)
    assert video.sample_deltas == {video.timescale // 30}  # every frame exactly 1/30 s
    assert not any(t.has_edit_list or t.has_composition_offsets for t in info.tracks)
    assert audio.sample_rate == 48_000 and audio.seconds <= video.seconds
    bits_per_second = len(full_reel[1].mp4) * 8 / video.seconds
    assert bits_per_second < 8_500_000  # the 8 Mbit/s cap, with the container's overhead


def test_the_level_follows_the_frame_rate_and_never_passes_4_2() -> None:
    assert level_for(24) == level_for(30) == "4.1"
    assert level_for(60) == "4.2"


def test_the_cover_is_the_first_frame_with_its_headline(
    full_reel: tuple[ReelRequest, VideoResult], full_frames: dict[int, Image.Image]
) -> None:
    _, result = full_reel
    cover = Image.open(io.BytesIO(result.cover_jpeg))
    assert (cover.format, cover.mode, cover.size) == ("JPEG", "RGB", (1080, 1920))
    first = full_frames[0]
    assert mean_difference(cover, first) < 6
    panel = result.text_boxes[0].region
    assert result.text_boxes[0].lines[0].startswith("Profiterol")
    inside = cover.crop(panel)
    outside = cover.crop((panel[0], panel[1] - 200, panel[2], panel[1] - 20))
    assert (
        ImageStat.Stat(inside.convert("L")).mean[0] < ImageStat.Stat(outside.convert("L")).mean[0]
    )


def test_the_same_request_gives_the_same_bytes(flat_reel: tuple[ReelRequest, VideoResult]) -> None:
    request, result = flat_reel
    again = render_reel(request, workers=1)  # frames computed in another order, same video
    assert again.mp4 == result.mp4
    assert again.cover_jpeg == result.cover_jpeg


# --- motion -----------------------------------------------------------------------------------


def test_each_scene_moves_from_its_first_to_its_last_frame(
    full_reel: tuple[ReelRequest, VideoResult], full_frames: dict[int, Image.Image]
) -> None:
    _, result = full_reel
    scenes = [s for s in result.segments if s.kind == "scene"]
    assert [s.motion for s in scenes] == [ZOOM_IN, PAN_RIGHT, "zoom_out"]
    decoded = full_frames
    top = (0, 0, 1080, 1200)  # above the headline, which stays put
    for span in scenes:
        start, end = decoded[span.solo[0]].crop(top), decoded[span.solo[1]].crop(top)
        assert mean_difference(start, end) > 4, span  # encoding noise alone is under 1
    # The pan slid the picture left by 2 px a frame: the last frame is the first, shifted.
    pan = scenes[1]
    shift = 2 * (pan.solo[1] - pan.solo[0])
    start, end = decoded[pan.solo[0]].crop(top), decoded[pan.solo[1]].crop(top)
    moved = mean_difference(
        start.crop((shift, 0, 1080, 1200)), end.crop((0, 0, 1080 - shift, 1200))
    )
    assert moved < mean_difference(start, end) / 4


def test_a_pan_moves_two_whole_pixels_a_frame_and_a_zoom_changes_smoothly() -> None:
    pan = move_for(PAN_RIGHT, (0.5, 0.5), 60, SOURCE_SIZE)
    lefts = [pan.at(k / 59).box(*SOURCE_SIZE)[0] for k in range(60)]
    assert all(abs(b - a - 2) < 1e-6 for a, b in zip(lefts, lefts[1:], strict=False))
    width = pan.at(0.3).box(*SOURCE_SIZE)
    assert width[2] - width[0] == pytest.approx(1080)  # 1:1, so each frame is a crop
    zoom = move_for(ZOOM_IN, (0.7, 0.4), 90, SOURCE_SIZE)
    widths = [(lambda b: b[2] - b[0])(zoom.at(k / 89).box(*SOURCE_SIZE)) for k in range(90)]
    assert widths[0] == pytest.approx(SOURCE_SIZE[0]) and widths[-1] == pytest.approx(1080)
    steps = [a - b for a, b in zip(widths, widths[1:], strict=False)]
    assert all(s > 0 for s in steps) and max(steps) / min(steps) < 1.3
    for k in range(90):
        left, top, right, bottom = zoom.at(k / 89).box(*SOURCE_SIZE)
        assert left >= -1e-6 and top >= -1e-6
        assert right <= SOURCE_SIZE[0] + 1e-6 and bottom <= SOURCE_SIZE[1] + 1e-6


def test_a_long_scene_pans_slower_but_never_leaves_the_picture() -> None:
    pan = move_for(PAN_UP, (0.5, 0.9), 900, SOURCE_SIZE)
    boxes = [pan.at(k / 899).box(*SOURCE_SIZE) for k in range(0, 900, 7)]
    assert all(b[1] >= -1e-6 and b[3] <= SOURCE_SIZE[1] + 1e-6 for b in boxes)
    assert boxes[0][1] > boxes[-1][1]  # up: the window rises over the picture


def test_the_timeline_is_exact_to_the_frame_and_crossfades_neighbours() -> None:
    timeline = plan_timeline(5, [ZOOM_IN] * 5, 15.0, 30, card=True)
    spans = timeline.spans
    assert timeline.frame_count == 450 and spans[0].first == 0 and spans[-1].last == 449
    assert timeline.crossfade == 15
    for a, b in zip(spans, spans[1:], strict=False):
        assert b.first == a.last + 1 - timeline.crossfade
        assert a.solo[1] + 1 == b.first and b.solo[0] == a.last + 1
    assert spans[-1].kind == "card" and spans[-1].last - spans[-1].first + 1 == 81
    weights = [timeline.active(n) for n in range(spans[1].first, spans[0].last + 1)]
    assert all(len(w) == 2 and 0 < w[1][1] < 1 for w in weights)
    assert [w[1][1] for w in weights] == sorted(w[1][1] for w in weights)


def test_the_seed_changes_the_moves_but_not_the_timing() -> None:
    scenes = tuple(ReelScene(b"x") for _ in range(4))
    one = plan(ReelRequest(scenes, KIT, duration=12, seed=0))
    two = plan(ReelRequest(scenes, KIT, duration=12, seed=1))
    assert [s.motion for s in one.spans] != [s.motion for s in two.spans]
    assert [(s.first, s.last) for s in one.spans] == [(s.first, s.last) for s in two.spans]


# --- text -------------------------------------------------------------------------------------


def test_text_is_placed_only_in_the_safe_area(full_reel: tuple[ReelRequest, VideoResult]) -> None:
    _, result = full_reel
    roles = [box.role for box in result.text_boxes]
    assert roles == ["headline", "headline", "headline", "brand", "cta", "cta_detail"]
    for box in result.text_boxes:
        for area in (box.box, box.region):
            assert SAFE[0] <= area[0] and SAFE[1] <= area[1], box
            assert area[2] <= SAFE[2] and area[3] <= SAFE[3], box
        assert box.contrast >= box.min_contrast >= 3.0
        assert not box.truncated


def test_no_pixel_outside_the_safe_area_is_drawn_over(
    flat_reel: tuple[ReelRequest, VideoResult],
) -> None:
    _, result = flat_reel
    solos = [n for s in result.segments for n in (s.solo[0], (s.solo[0] + s.solo[1]) // 2)]
    for number, frame in frames(result.mp4, solos).items():
        drawn = ImageChops.difference(frame, Image.new("RGB", frame.size, RED)).convert("L")
        mask = drawn.point(lambda v: 255 if v > 24 else 0)
        box = mask.getbbox()
        assert box is not None, f"frame {number} shows no text"
        assert SAFE[0] <= box[0] and SAFE[1] <= box[1], (number, box)
        assert box[2] <= SAFE[2] and box[3] <= SAFE[3], (number, box)


def test_colours_survive_the_trip_through_the_video(
    flat_reel: tuple[ReelRequest, VideoResult],
) -> None:
    _, result = flat_reel
    frame = frames(result.mp4, [10])[10]
    pixel = frame.getpixel((540, 500))
    assert isinstance(pixel, tuple)
    assert all(abs(a - b) <= 4 for a, b in zip(pixel, RED, strict=True)), pixel


def test_a_creative_shown_whole_is_never_cut() -> None:
    creative = Image.new("RGB", (1080, 1350), (255, 255, 255))
    ImageDraw.Draw(creative).rectangle((0, 0, 1079, 1349), outline=(0, 0, 255), width=16)
    picture = prepare_picture(encoded(creative), (0.5, 0.5), "contain", palette_from(()), 1)
    move = move_for(ZOOM_IN, (0.5, 0.5), 120, SOURCE_SIZE, gentle=True)
    scene = SceneSource.from_rgb(picture, move, None)
    for progress in (0.0, 1.0):
        luma = scene.frame(progress).y
        # The blue border is the only dark thing: white is bright, its blurred copy grey.
        border = luma.point(lambda v: 255 if v < 70 else 0)
        box = border.getbbox()
        assert box is not None
        # All four sides of the border are in the frame, at the creative's own proportions.
        assert (box[3] - box[1]) / (box[2] - box[0]) == pytest.approx(1350 / 1080, abs=0.02)
        for x in (box[0] + 4, box[2] - 5):
            column = border.crop((x, box[1], x + 1, box[3]))
            assert ImageStat.Stat(column).mean[0] > 200


# --- bad input and failures -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"scenes": ()}, "no_images"),
        ({"duration": 4.9}, "duration_out_of_range"),
        ({"duration": 30.5}, "duration_out_of_range"),
        ({"duration": math.nan}, "duration_out_of_range"),
        ({"fps": 20}, "fps_out_of_range"),
        ({"scenes": tuple(ReelScene(b"x") for _ in range(12))}, "too_many_images"),
        ({"scenes": (ReelScene(b"x", fit="stretch"),)}, "unknown_fit"),
        ({"scenes": (ReelScene(b"x", focal_point=(0.5, 1.2)),)}, "focal_point_out_of_range"),
        ({"scenes": (ReelScene(b""),)}, "photo_unreadable"),
    ],
)
def test_input_that_cannot_make_a_reel_is_refused_before_any_work(
    change: dict[str, object], code: str
) -> None:
    fields: dict[str, object] = {"scenes": (ReelScene(b"x"),), "kit": KIT, "duration": 6.0}
    fields.update(change)
    with pytest.raises(RenderError) as caught:
        render_reel(ReelRequest(**fields))  # type: ignore[arg-type]
    assert caught.value.code == code


def test_a_corrupt_image_is_named_in_the_error() -> None:
    good = solid(RED)
    request = ReelRequest((ReelScene(good), ReelScene(good[:200])), KIT, duration=6.0)
    with pytest.raises(RenderError) as caught:
        render_reel(request)
    assert caught.value.code == "photo_unreadable"
    assert "image 2" in str(caught.value)


def blank_frames(count: int, delay: float = 0.0) -> Iterator[bytes]:
    frame = bytes([16]) * (1080 * 1920) + bytes([128]) * (1080 * 1920 // 2)
    for _ in range(count):
        time.sleep(delay)
        yield frame


def test_an_ffmpeg_failure_carries_its_own_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with pytest.raises(RenderError) as caught:
        encode(blank_frames(10), 24, 10, EncodeSettings(preset="no-such-preset"), timeout=60)
    assert caught.value.code == "video_encoding_failed"
    assert "no-such-preset" in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_a_stuck_encode_is_stopped_at_its_time_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    started = time.monotonic()
    with pytest.raises(RenderError) as caught:
        encode(blank_frames(100, delay=0.2), 24, 100, EncodeSettings(), timeout=1.0)
    assert caught.value.code == "video_timeout"
    assert time.monotonic() - started < 5
    assert list(tmp_path.iterdir()) == []


def test_rendering_leaves_no_temporary_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    encode(blank_frames(24), 24, 24, EncodeSettings(), timeout=60)
    assert list(tmp_path.iterdir()) == []


def test_something_that_is_not_an_mp4_is_reported_as_such() -> None:
    with pytest.raises(RenderError) as caught:
        read_mp4(b"\x00\x00\x00\x10notanmp4box")
    assert caught.value.code == "video_unreadable"


def test_the_probe_catches_what_the_networks_refuse() -> None:
    slow = encode(blank_frames(48), 24, 48, EncodeSettings(audio=False), timeout=60)
    problems = reel_problems(slow)
    assert any("duration" in p for p in problems)  # 2 s: under Instagram's 3 s
